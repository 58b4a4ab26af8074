use std::sync::Arc;

use kassa_store::on;

use crate::harness;

/// Concurrent read-modify-write transactions on one row: with SQLite's BEGIN IMMEDIATE and PostgreSQL's
/// row lock (`FOR UPDATE`), no increment is lost.
#[tokio::test]
async fn concurrent_read_modify_write_loses_no_update() {
    for s in harness::all().await {
        let pool = s.tenant.pool.clone();
        {
            let mut tx = pool.begin_write().await.unwrap();
            let mut c = tx.conn();
            on!(&mut c, c => sqlx::query("CREATE TABLE probe_counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)")
                .execute(c).await.map(|_| ()).unwrap());
            on!(&mut c, c => sqlx::query("INSERT INTO probe_counter (id, n) VALUES (1, 0)").execute(c).await.map(|_| ()).unwrap());
            tx.commit().await.unwrap();
        }
        let pool = Arc::new(pool);
        let mut tasks = Vec::new();
        for _ in 0..40 {
            let pool = pool.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = pool.begin_write().await.unwrap();
                let mut c = tx.conn();
                let lock = match c {
                    kassa_store::Conn::Sqlite(_) => "SELECT n FROM probe_counter WHERE id = 1",
                    kassa_store::Conn::Pg(_) => "SELECT n FROM probe_counter WHERE id = 1 FOR UPDATE",
                };
                let n: i64 = on!(&mut c, c => sqlx::query_scalar(lock).fetch_one(c).await.unwrap());
                tokio::task::yield_now().await;
                on!(&mut c, c => sqlx::query("UPDATE probe_counter SET n = $1 WHERE id = 1").bind(n + 1)
                    .execute(c).await.map(|_| ()).unwrap());
                tx.commit().await.unwrap();
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let mut c = pool.acquire().await.unwrap();
        let n: i64 = on!(&mut c.conn(), c => sqlx::query_scalar("SELECT n FROM probe_counter WHERE id = 1").fetch_one(c).await.unwrap());
        assert_eq!(n, 40, "{}", s.backend);
    }
}

/// Writes that fail beside others (rolled back, or dropped half-way as a cancelled request drops them)
/// take nothing with them and leave nothing behind: on SQLite they share a group commit with the ones that
/// succeed, and exactly the committed rows are there afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn failed_writes_beside_committed_ones_leave_exactly_the_committed_rows() {
    for s in harness::all().await {
        let pool = s.tenant.pool.clone();
        {
            let mut tx = pool.begin_write().await.unwrap();
            let mut c = tx.conn();
            on!(&mut c, c => sqlx::query("CREATE TABLE probe_rows (id BIGINT PRIMARY KEY)")
                .execute(c).await.map(|_| ()).unwrap());
            tx.commit().await.unwrap();
        }
        let pool = Arc::new(pool);
        let mut tasks = Vec::new();
        for i in 0..48_i64 {
            let pool = pool.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = pool.begin_write().await.unwrap();
                let mut c = tx.conn();
                on!(&mut c, c => sqlx::query("INSERT INTO probe_rows (id) VALUES ($1)").bind(i)
                    .execute(c).await.map(|_| ()).unwrap());
                tokio::task::yield_now().await;
                match i % 3 {
                    0 => tx.commit().await.unwrap(),
                    1 => tx.rollback().await.unwrap(),
                    _ => drop(tx),
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        // One more write after the dropped ones: it settles anything they left and must commit.
        let mut tx = pool.begin_write().await.unwrap();
        let mut c = tx.conn();
        on!(&mut c, c => sqlx::query("INSERT INTO probe_rows (id) VALUES (1000)")
            .execute(c).await.map(|_| ()).unwrap());
        tx.commit().await.unwrap();

        let mut c = pool.acquire().await.unwrap();
        let ids: Vec<i64> = on!(&mut c.conn(), c => sqlx::query_scalar("SELECT id FROM probe_rows ORDER BY id")
            .fetch_all(c).await.unwrap());
        let mut expected: Vec<i64> = (0..48).filter(|i| i % 3 == 0).collect();
        expected.push(1000);
        assert_eq!(ids, expected, "{}", s.backend);
    }
}
