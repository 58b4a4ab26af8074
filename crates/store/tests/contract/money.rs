use kassa_store::money::DbAmount;
use kassa_store::on;
use rust_decimal_macros::dec;

use crate::harness;

#[tokio::test]
async fn amounts_round_trip_exactly_and_sum_exactly_on_both_backends() {
    for s in harness::all().await {
        let mut tx = s.tenant.pool.begin_write().await.unwrap();
        let mut c = tx.conn();
        let ddl = match s.backend {
            "sqlite" => {
                "CREATE TABLE probe_amount (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)"
            }
            _ => "CREATE TABLE probe_amount (id BIGINT PRIMARY KEY, amount NUMERIC(19,6) NOT NULL)",
        };
        on!(&mut c, c => sqlx::query(ddl).execute(c).await.map(|_| ()).unwrap());
        let values = [
            dec!(0.1),
            dec!(0.2),
            dec!(35000.00),
            dec!(-12.345678),
            dec!(9223372036854.775807),
        ];
        for (i, v) in values.iter().enumerate() {
            let id = i as i64;
            on!(&mut c, c => sqlx::query("INSERT INTO probe_amount (id, amount) VALUES ($1, $2)")
                .bind(id).bind(DbAmount(*v)).execute(c).await.map(|_| ()).unwrap());
        }
        let back: Vec<DbAmount> = on!(&mut c, c => sqlx::query_scalar("SELECT amount FROM probe_amount ORDER BY id").fetch_all(c).await.unwrap());
        assert_eq!(
            back.iter().map(|a| a.0).collect::<Vec<_>>(),
            values,
            "{}",
            s.backend
        );
        let sum: DbAmount = on!(&mut c, c => sqlx::query_scalar("SELECT SUM(amount) FROM probe_amount WHERE id < 2")
            .fetch_one(c).await.unwrap());
        assert_eq!(sum.0, dec!(0.3), "0.1 + 0.2 is exactly 0.3 ({})", s.backend);
        tx.rollback().await.unwrap();
    }
}

#[tokio::test]
async fn an_amount_with_seven_decimals_is_refused_on_both_backends() {
    for s in harness::all().await {
        let mut tx = s.tenant.pool.begin_write().await.unwrap();
        let mut c = tx.conn();
        let result: Result<Option<DbAmount>, sqlx::Error> = on!(&mut c, c => sqlx::query_scalar("SELECT $1").bind(DbAmount(dec!(0.0000001))).fetch_optional(c).await);
        assert!(result.is_err(), "{}", s.backend);
    }
}
