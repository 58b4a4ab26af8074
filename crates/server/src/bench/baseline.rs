//! What the database alone does, for the repayment figures to be read against in the same run: on SQLite,
//! a raw probe (WAL, synchronous=FULL, 16 writers taking turns, each commit one transfer of two updates and
//! an insert); on PostgreSQL, `pgbench` TPC-B at 16 clients on the same server.

use std::path::Path;
use std::process::Command;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::Connection;

pub const WRITERS: usize = 16;

/// Commits per second of the raw SQLite probe in a fresh file under `dir`.
pub async fn sqlite_probe(dir: &Path, duration: Duration) -> Result<f64> {
    let options = SqliteConnectOptions::new()
        .filename(dir.join("probe.sqlite"))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(WRITERS as u32)
        .connect_with(options)
        .await
        .context("cannot open the SQLite probe database")?;
    let mut setup = pool.acquire().await?;
    for sql in [
        "CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)",
        "CREATE TABLE movement (id INTEGER PRIMARY KEY, from_id INTEGER, to_id INTEGER, amount INTEGER)",
        "INSERT INTO account (id, balance) SELECT value, 1000000 FROM generate_series(1, 32)",
    ] {
        if let Err(e) = sqlx::query(sql).execute(&mut *setup).await {
            // Older SQLite builds lack generate_series: fill the table one row at a time.
            if sql.contains("generate_series") {
                for id in 1..=32_i64 {
                    sqlx::query("INSERT INTO account (id, balance) VALUES ($1, 1000000)")
                        .bind(id)
                        .execute(&mut *setup)
                        .await?;
                }
            } else {
                return Err(e.into());
            }
        }
    }
    drop(setup);
    // Writers take turns as Kassa's do (a fair queue before BEGIN IMMEDIATE), so the probe measures
    // commits, not SQLite's busy-handler sleeps.
    let turn = Arc::new(tokio::sync::Mutex::new(()));
    let deadline = Instant::now() + duration;
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(WRITERS);
    for writer in 0..WRITERS as i64 {
        let (pool, turn) = (pool.clone(), turn.clone());
        tasks.push(tokio::spawn(async move {
            let mut commits = 0_u64;
            let mut conn = pool.acquire().await?;
            while Instant::now() < deadline {
                let _turn = turn.lock().await;
                let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
                let (from, to) = (writer * 2 + 1, writer * 2 + 2);
                sqlx::query("UPDATE account SET balance = balance - 100 WHERE id = $1")
                    .bind(from)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE account SET balance = balance + 100 WHERE id = $1")
                    .bind(to)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO movement (from_id, to_id, amount) VALUES ($1, $2, 100)")
                    .bind(from)
                    .bind(to)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                commits += 1;
            }
            anyhow::Ok(commits)
        }));
    }
    let mut commits = 0;
    for task in tasks {
        commits += task.await.context("a probe writer failed")??;
    }
    Ok(commits as f64 / start.elapsed().as_secs_f64().max(1e-9))
}

/// Transactions per second of `pgbench` TPC-B with 16 clients against `url` (it creates its `pgbench_*`
/// tables there at scale 1).
pub fn pgbench(url: &str, duration: Duration) -> Result<f64> {
    let init = Command::new("pgbench")
        .args(["-i", "-s", "1", "-q", url])
        .output()
        .context("cannot run pgbench (install PostgreSQL's client tools)")?;
    if !init.status.success() {
        bail!(
            "pgbench -i failed: {}",
            String::from_utf8_lossy(&init.stderr)
        );
    }
    let seconds = duration.as_secs().max(1).to_string();
    let clients = WRITERS.to_string();
    let run = Command::new("pgbench")
        .args(["-n", "-c", &clients, "-j", "2", "-T", &seconds, url])
        .output()
        .context("cannot run pgbench")?;
    let out = String::from_utf8_lossy(&run.stdout);
    out.lines()
        .find_map(|line| {
            let rest = line.trim().strip_prefix("tps = ")?;
            f64::from_str(rest.split_whitespace().next()?).ok()
        })
        .with_context(|| format!("no tps in pgbench's output: {out}"))
}
