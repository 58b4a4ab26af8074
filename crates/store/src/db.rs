//! Connection pools and transactions over the two backends, and the [`on!`] macro that runs one query
//! body against whichever backend a connection belongs to.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Executor, PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool};

use crate::error::{StoreError, StoreResult};
use crate::group_commit::{GroupCommit, GroupTx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgresql",
        }
    }
}

/// SQLite's `synchronous` setting. `Full` (the default) makes every commit durable on power loss;
/// `Normal` in WAL mode may lose the last commits on power loss but never corrupts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    Full,
    Normal,
}

impl Durability {
    pub fn name(self) -> &'static str {
        match self {
            Durability::Full => "full",
            Durability::Normal => "normal",
        }
    }
}

impl FromStr for Durability {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "full" => Ok(Durability::Full),
            "normal" => Ok(Durability::Normal),
            other => Err(StoreError::Config(format!(
                "unknown SQLite durability `{other}` (full|normal)"
            ))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub durability: Durability,
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions {
            durability: Durability::Full,
            max_connections: 16,
            acquire_timeout: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Pool {
    /// Readers on the pool; writers take turns on the database's one writer connection, first come
    /// first served, and share commits (see [`GroupCommit`]). Writers that waited for SQLite's write lock
    /// in its busy handler would back off and retry at random, and every commit would wait for the disk
    /// alone.
    Sqlite(SqlitePool, Arc<GroupCommit>),
    Pg(PgPool),
}

/// A borrowed connection of either backend: from a pool for reads, or from a [`Tx`].
pub enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Pg(&'c mut PgConnection),
}

/// A write transaction. Dropping it without `commit` rolls back. On SQLite it is one write of a group
/// commit: `commit` returns once the commit carrying it is on disk.
pub enum Tx {
    Sqlite(GroupTx),
    Pg(sqlx::Transaction<'static, Postgres>),
}

/// A read-only snapshot (see [`Pool::begin_read`]).
pub enum ReadTx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Pg(sqlx::Transaction<'static, Postgres>),
}

impl ReadTx {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            ReadTx::Sqlite(t) => Conn::Sqlite(&mut *t),
            ReadTx::Pg(t) => Conn::Pg(&mut *t),
        }
    }
}

/// A pooled connection held for a sequence of reads.
pub enum PooledConn {
    Sqlite(sqlx::pool::PoolConnection<Sqlite>),
    Pg(sqlx::pool::PoolConnection<Postgres>),
}

/// Runs `$body` with `$c` bound to `&mut SqliteConnection` or `&mut PgConnection`. The body is compiled
/// twice, once per driver, so both dialects are checked by the type system.
#[macro_export]
macro_rules! on {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::Conn::Sqlite($c) => {
                let $c: &mut ::sqlx::SqliteConnection = &mut **$c;
                $body
            }
            $crate::db::Conn::Pg($c) => {
                let $c: &mut ::sqlx::PgConnection = &mut **$c;
                $body
            }
        }
    };
}

impl Pool {
    /// Opens (creating if missing) a SQLite database file in WAL mode.
    pub async fn open_sqlite(path: &Path, options: &PoolOptions) -> StoreResult<Pool> {
        let synchronous = match options.durability {
            Durability::Full => SqliteSynchronous::Full,
            Durability::Normal => SqliteSynchronous::Normal,
        };
        let connect = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(synchronous)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // No ping before handing out a connection: for SQLite it is a round trip to the connection's
        // worker thread that can never find a dead server.
        let pool = SqlitePoolOptions::new()
            .max_connections(options.max_connections)
            .acquire_timeout(options.acquire_timeout)
            .test_before_acquire(false)
            .connect_with(connect.clone())
            .await?;
        let writer = GroupCommit::open(&connect).await?;
        Ok(Pool::Sqlite(pool, Arc::new(writer)))
    }

    /// Connects to PostgreSQL; with `schema`, every connection works inside that schema only.
    pub async fn open_postgres(
        url: &str,
        schema: Option<&str>,
        options: &PoolOptions,
    ) -> StoreResult<Pool> {
        let connect = PgConnectOptions::from_str(url)?;
        // No ping before handing out a connection (it would double the round trips of a simple read).
        // A connection that died with the server fails its next statement, is discarded by the pool,
        // and that one request answers 503; idle connections are recycled after a few minutes anyway.
        let mut builder = PgPoolOptions::new()
            .max_connections(options.max_connections)
            .acquire_timeout(options.acquire_timeout)
            .test_before_acquire(false)
            .idle_timeout(Duration::from_secs(300));
        if let Some(schema) = schema {
            let set_path = format!("SET search_path TO {}", quote_ident(schema)?);
            builder = builder.after_connect(move |conn, _meta| {
                let set_path = set_path.clone();
                Box::pin(async move {
                    conn.execute(set_path.as_str()).await?;
                    Ok(())
                })
            });
        }
        let pool = builder.connect_with(connect).await?;
        Ok(Pool::Pg(pool))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(..) => Backend::Sqlite,
            Pool::Pg(_) => Backend::Postgres,
        }
    }

    /// Starts a write transaction. SQLite takes the write lock up front (`BEGIN IMMEDIATE`): a deferred
    /// BEGIN that later upgrades fails with SQLITE_BUSY under concurrent writers instead of waiting.
    pub async fn begin_write(&self) -> StoreResult<Tx> {
        Ok(match self {
            Pool::Sqlite(_, writer) => Tx::Sqlite(writer.begin().await?),
            Pool::Pg(p) => Tx::Pg(p.begin().await?),
        })
    }

    /// A read-only snapshot for a read that takes several statements and must see one state of the
    /// database: a deferred transaction on SQLite (its snapshot starts at the first read), REPEATABLE READ
    /// on PostgreSQL. Dropping it rolls back, so nothing leaks into the connection's next user.
    pub async fn begin_read(&self) -> StoreResult<ReadTx> {
        Ok(match self {
            Pool::Sqlite(p, _) => ReadTx::Sqlite(p.begin().await?),
            Pool::Pg(p) => {
                let mut t = p.begin().await?;
                t.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?;
                ReadTx::Pg(t)
            }
        })
    }

    pub async fn acquire(&self) -> StoreResult<PooledConn> {
        Ok(match self {
            Pool::Sqlite(p, _) => PooledConn::Sqlite(p.acquire().await?),
            Pool::Pg(p) => PooledConn::Pg(p.acquire().await?),
        })
    }

    /// Applies the tenant schema migrations of this backend.
    pub async fn migrate_tenant(&self) -> StoreResult<()> {
        match self {
            Pool::Sqlite(p, _) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Pool::Pg(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// Applies the tenant-registry migrations of this backend.
    pub async fn migrate_registry(&self) -> StoreResult<()> {
        match self {
            Pool::Sqlite(p, _) => sqlx::migrate!("./registry/sqlite").run(p).await?,
            Pool::Pg(p) => sqlx::migrate!("./registry/postgres").run(p).await?,
        }
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Pool::Sqlite(p, _) => p.close().await,
            Pool::Pg(p) => p.close().await,
        }
    }

    /// Creates a PostgreSQL schema if missing (tenants live in their own schema).
    pub async fn create_schema(&self, schema: &str) -> StoreResult<()> {
        if let Pool::Pg(p) = self {
            let sql = format!("CREATE SCHEMA IF NOT EXISTS {}", quote_ident(schema)?);
            p.execute(sql.as_str()).await?;
        }
        Ok(())
    }
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(t) => Conn::Sqlite(t.conn()),
            Tx::Pg(t) => Conn::Pg(&mut *t),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(..) => Backend::Sqlite,
            Tx::Pg(_) => Backend::Postgres,
        }
    }

    pub async fn commit(self) -> StoreResult<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Pg(t) => t.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> StoreResult<()> {
        match self {
            Tx::Sqlite(t) => t.rollback().await?,
            Tx::Pg(t) => t.rollback().await?,
        }
        Ok(())
    }
}

impl PooledConn {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            PooledConn::Sqlite(c) => Conn::Sqlite(&mut *c),
            PooledConn::Pg(c) => Conn::Pg(&mut *c),
        }
    }
}

/// Quotes an identifier that Kassa itself derived (schema names from validated tenant ids). It refuses
/// anything but `[a-z0-9_]`, so even a bug upstream cannot turn it into SQL.
pub fn quote_ident(ident: &str) -> StoreResult<String> {
    let ok = !ident.is_empty()
        && ident.len() <= 63
        && ident
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(format!("\"{ident}\""))
    } else {
        Err(StoreError::Config(format!("refusing identifier `{ident}`")))
    }
}
