//! The GL account of each financial activity: at most one mapping per activity.

use kassa_domain::accounting::{FinancialActivity, FinancialActivityAccount};

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct Row {
    id: i64,
    financial_activity_type: i64,
    gl_account_id: i64,
}

impl TryFrom<Row> for FinancialActivityAccount {
    type Error = StoreError;

    fn try_from(r: Row) -> StoreResult<Self> {
        let activity =
            FinancialActivity::from_fineract_id(r.financial_activity_type).ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "acc_gl_financial_activity_account.financial_activity_type = {}",
                    r.financial_activity_type
                ))
            })?;
        Ok(FinancialActivityAccount {
            id: r.id,
            activity,
            gl_account_id: r.gl_account_id,
        })
    }
}

const SELECT: &str =
    "SELECT id, financial_activity_type, gl_account_id FROM acc_gl_financial_activity_account";

pub async fn list(c: &mut Conn<'_>) -> StoreResult<Vec<FinancialActivityAccount>> {
    let sql = format!("{SELECT} ORDER BY id");
    let rows: Vec<Row> = on!(c, c => sqlx::query_as(&sql).fetch_all(c).await?);
    rows.into_iter()
        .map(FinancialActivityAccount::try_from)
        .collect()
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<FinancialActivityAccount>> {
    let sql = format!("{SELECT} WHERE id = $1");
    let row: Option<Row> = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    row.map(FinancialActivityAccount::try_from).transpose()
}

/// The mapping of `activity`, other than `except_id`.
pub async fn activity_taken(
    c: &mut Conn<'_>,
    activity: FinancialActivity,
    except_id: i64,
) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM acc_gl_financial_activity_account WHERE financial_activity_type = $1 AND id <> $2";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(activity.fineract_id()).bind(except_id).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn insert_in_tx(
    tx: &mut Tx,
    activity: FinancialActivity,
    gl_account_id: i64,
) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO acc_gl_financial_activity_account (financial_activity_type, gl_account_id) VALUES ($1, $2) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql).bind(activity.fineract_id()).bind(gl_account_id).fetch_one(c).await?);
    Ok(id)
}

pub async fn update_in_tx(tx: &mut Tx, m: &FinancialActivityAccount) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE acc_gl_financial_activity_account SET financial_activity_type = $1, gl_account_id = $2 WHERE id = $3";
    on!(&mut c, c => sqlx::query(sql).bind(m.activity.fineract_id()).bind(m.gl_account_id).bind(m.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM acc_gl_financial_activity_account WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
