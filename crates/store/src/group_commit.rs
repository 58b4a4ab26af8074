//! Group commit for SQLite: concurrent writers share one durable commit.
//!
//! A SQLite database has one write lock, and with `synchronous=FULL` every commit waits for the disk. So
//! writes take turns on one dedicated writer connection (first come, first served), and each runs inside
//! a savepoint of a transaction that stays open across turns: a write that succeeds releases its
//! savepoint, one that fails rolls its savepoint back without touching the others. When a write is done it
//! asks the committer task to commit. The committer queues for the turn like any writer, so every write
//! that queued before it joins the same transaction, and it then commits them all at once. A writer is
//! answered only when the commit that carries it is on disk; if that commit fails, every write in it fails
//! and none is acknowledged.
//!
//! A write whose future is dropped mid-way (a request cancelled, or `?` leaving a command early) cannot
//! run SQL in `Drop`: it marks its savepoint abandoned and the next holder of the turn rolls it back first.

use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Executor, SqliteConnection};
use tokio::sync::{mpsc, watch, Mutex, OwnedMutexGuard};

use crate::error::{StoreError, StoreResult};

/// Most writes one commit carries; the writer that fills a batch commits it itself.
const MAX_BATCH: usize = 64;

/// How long a writer waits for its turn before its write fails as a retryable conflict, as SQLite's own
/// busy timeout would have it.
const WRITE_TURN_TIMEOUT: Duration = Duration::from_secs(10);

/// The outcome of one batch's commit, published once to the writers it carries.
type Outcome = Option<Result<(), String>>;

/// One SQLite database's writer: its connection, the open batch and the committer.
pub struct GroupCommit {
    state: Arc<Mutex<State>>,
}

impl std::fmt::Debug for GroupCommit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GroupCommit")
    }
}

struct State {
    conn: SqliteConnection,
    /// A batch transaction is open on `conn`.
    open: bool,
    /// Writes released into the open batch, waiting for its commit.
    members: usize,
    outcome: watch::Sender<Outcome>,
    /// A writer went away with its savepoint open; the next holder of the turn rolls it back.
    abandoned: bool,
    /// The committer has been asked to commit and has not yet taken its turn.
    nudged: bool,
    nudge: mpsc::UnboundedSender<()>,
}

impl GroupCommit {
    /// Opens the writer connection and starts the committer on the current runtime.
    pub async fn open(options: &SqliteConnectOptions) -> StoreResult<GroupCommit> {
        let conn = options.connect().await?;
        let (nudge, mut nudges) = mpsc::unbounded_channel();
        let state = Arc::new(Mutex::new(State {
            conn,
            open: false,
            members: 0,
            outcome: watch::channel(None).0,
            abandoned: false,
            nudged: false,
            nudge,
        }));
        // The committer holds the state weakly: when the pool goes, the sender goes with the state and
        // `recv` ends the loop.
        let weak = Arc::downgrade(&state);
        tokio::spawn(async move {
            while nudges.recv().await.is_some() {
                let Some(state) = weak.upgrade() else { break };
                let mut s = state.lock().await;
                s.nudged = false;
                s.settle_abandoned().await;
                if s.open {
                    s.commit_batch().await;
                }
            }
        });
        Ok(GroupCommit { state })
    }

    /// Waits for the turn and opens a savepoint for one write (and the batch's transaction when none is
    /// open).
    pub async fn begin(&self) -> StoreResult<GroupTx> {
        let mut turn = tokio::time::timeout(WRITE_TURN_TIMEOUT, self.state.clone().lock_owned())
            .await
            .map_err(|_| StoreError::Conflict("timed out waiting to write".into()))?;
        turn.settle_abandoned().await;
        if !turn.open {
            if let Err(first) = turn.conn.execute("BEGIN IMMEDIATE").await {
                // A transaction left open by a failed rollback would refuse every BEGIN: end it and try
                // once more; any other failure (another process holds the lock) is the caller's.
                let _ = turn.conn.execute("ROLLBACK").await;
                turn.conn
                    .execute("BEGIN IMMEDIATE")
                    .await
                    .map_err(|_| first)?;
            }
            turn.open = true;
        }
        if let Err(e) = turn.conn.execute("SAVEPOINT kassa_write").await {
            turn.fail_batch(&e.to_string()).await;
            return Err(e.into());
        }
        Ok(GroupTx {
            turn,
            finished: false,
        })
    }
}

impl State {
    /// Rolls back the savepoint a writer abandoned.
    async fn settle_abandoned(&mut self) {
        if !self.abandoned {
            return;
        }
        self.abandoned = false;
        match self.undo_savepoint().await {
            Err(e) => self.fail_batch(&e.to_string()).await,
            Ok(()) if self.members == 0 => self.end_empty_batch().await,
            Ok(()) => {}
        }
    }

    async fn undo_savepoint(&mut self) -> Result<(), sqlx::Error> {
        self.conn.execute("ROLLBACK TO kassa_write").await?;
        self.conn.execute("RELEASE kassa_write").await?;
        Ok(())
    }

    /// Ends a batch transaction that carries no write, rather than hold SQLite's write lock.
    async fn end_empty_batch(&mut self) {
        match self.conn.execute("ROLLBACK").await {
            Ok(_) => self.finish_batch(Ok(())),
            Err(e) => self.finish_batch(Err(e.to_string())),
        }
    }

    async fn commit_batch(&mut self) {
        let result = self
            .conn
            .execute("COMMIT")
            .await
            .map(|_| ())
            .map_err(|e| e.to_string());
        if result.is_err() {
            let _ = self.conn.execute("ROLLBACK").await;
        }
        self.finish_batch(result);
    }

    /// Rolls the whole batch back: every write in it fails.
    async fn fail_batch(&mut self, why: &str) {
        let _ = self.conn.execute("ROLLBACK").await;
        self.abandoned = false;
        self.finish_batch(Err(why.to_string()));
    }

    /// Publishes the batch's outcome to its writers and makes ready for the next batch.
    fn finish_batch(&mut self, result: Result<(), String>) {
        self.open = false;
        self.members = 0;
        let finished = std::mem::replace(&mut self.outcome, watch::channel(None).0);
        finished.send_replace(Some(result));
    }

    /// Asks the committer to commit the open batch; false when there is no committer to ask (its runtime
    /// is gone), and the caller commits itself.
    fn ask_commit(&mut self) -> bool {
        if !self.nudged {
            self.nudged = self.nudge.send(()).is_ok();
        }
        self.nudged
    }
}

/// One write's turn on the writer connection, inside its savepoint. Dropping it without `commit` rolls
/// the write back.
pub struct GroupTx {
    turn: OwnedMutexGuard<State>,
    finished: bool,
}

impl GroupTx {
    pub fn conn(&mut self) -> &mut SqliteConnection {
        &mut self.turn.conn
    }

    /// Keeps the write and waits until the commit that carries it is on disk.
    pub async fn commit(mut self) -> StoreResult<()> {
        self.finished = true;
        if let Err(e) = self.turn.conn.execute("RELEASE kassa_write").await {
            self.turn.fail_batch(&e.to_string()).await;
            return Err(e.into());
        }
        self.turn.members += 1;
        let mut outcome = self.turn.outcome.subscribe();
        if self.turn.members >= MAX_BATCH || !self.turn.ask_commit() {
            self.turn.commit_batch().await;
        }
        // The turn passes on here; the committer (or a later writer) commits.
        drop(self);
        let result = outcome
            .wait_for(Option::is_some)
            .await
            .map(|published| published.clone());
        match result {
            Ok(Some(Ok(()))) => Ok(()),
            Ok(Some(Err(why))) => Err(StoreError::Unavailable(format!("the commit failed: {why}"))),
            _ => Err(StoreError::Unavailable(
                "the database closed before the commit".into(),
            )),
        }
    }

    /// Undoes this write; the writes before it in the batch stay.
    pub async fn rollback(mut self) -> StoreResult<()> {
        self.finished = true;
        if let Err(e) = self.turn.undo_savepoint().await {
            self.turn.fail_batch(&e.to_string()).await;
            return Err(e.into());
        }
        if self.turn.members == 0 {
            self.turn.end_empty_batch().await;
        } else if !self.turn.ask_commit() {
            self.turn.commit_batch().await;
        }
        Ok(())
    }
}

impl Drop for GroupTx {
    fn drop(&mut self) {
        if !self.finished {
            self.turn.abandoned = true;
            // Without a committer, the next writer settles it when it takes the turn.
            self.turn.ask_commit();
        }
    }
}
