//! The tranches of a multi-disbursement loan (`m_loan_disbursement_detail`). Reads skip reversed rows
//! (an undone last disbursal), as Fineract's `getDisbursementDetails` does.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::money::DbAmount;
use crate::on;

/// One stored tranche.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TrancheRow {
    pub id: i64,
    pub loan_id: i64,
    pub expected_disburse_date: NaiveDate,
    pub disbursedon_date: Option<NaiveDate>,
    pub principal: DbAmount,
    pub net_disbursal_amount: Option<DbAmount>,
}

const SELECT: &str = "SELECT id, loan_id, expected_disburse_date, disbursedon_date, principal, \
    net_disbursal_amount FROM m_loan_disbursement_detail";

/// A loan's live tranches by expected date.
pub async fn list(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<Vec<TrancheRow>> {
    let sql = format!(
        "{SELECT} WHERE loan_id = $1 AND is_reversed = FALSE ORDER BY expected_disburse_date, id"
    );
    Ok(on!(c, c => sqlx::query_as(&sql).bind(loan_id).fetch_all(c).await?))
}

pub async fn list_in_tx(tx: &mut Tx, loan_id: i64) -> StoreResult<Vec<TrancheRow>> {
    let mut c = tx.conn();
    list(&mut c, loan_id).await
}

/// Replaces the live tranches of a loan not yet disbursed with `tranches` (expected date, principal).
pub async fn replace_in_tx(
    tx: &mut Tx,
    loan_id: i64,
    tranches: &[(NaiveDate, Decimal)],
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_loan_disbursement_detail WHERE loan_id = $1 AND is_reversed = FALSE";
    on!(&mut c, c => sqlx::query(sql).bind(loan_id).execute(c).await.map(|_| ())?);
    let sql =
        "INSERT INTO m_loan_disbursement_detail (loan_id, expected_disburse_date, principal, \
        is_reversed) VALUES ($1, $2, $3, FALSE)";
    for (date, principal) in tranches {
        on!(&mut c, c => sqlx::query(sql).bind(loan_id).bind(*date).bind(DbAmount(*principal))
            .execute(c).await.map(|_| ())?);
    }
    Ok(())
}

/// Records the disbursal of one tranche: its actual date, the amount disbursed and the net disbursal.
pub async fn mark_disbursed_in_tx(
    tx: &mut Tx,
    id: i64,
    on_date: NaiveDate,
    principal: Decimal,
    net_disbursal_amount: Decimal,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan_disbursement_detail SET disbursedon_date = $1, principal = $2, \
        net_disbursal_amount = $3 WHERE id = $4";
    on!(&mut c, c => sqlx::query(sql).bind(on_date).bind(DbAmount(principal))
        .bind(DbAmount(net_disbursal_amount)).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// Undoes every disbursal of a loan: its tranches wait for disbursal again (`undodisbursal`).
pub async fn reset_in_tx(tx: &mut Tx, loan_id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan_disbursement_detail SET disbursedon_date = NULL, \
        net_disbursal_amount = NULL WHERE loan_id = $1 AND is_reversed = FALSE";
    on!(&mut c, c => sqlx::query(sql).bind(loan_id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// Undoes one tranche's disbursal the way `undolastdisbursal` does: the tranche is reversed.
pub async fn reverse_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan_disbursement_detail SET disbursedon_date = NULL, is_reversed = TRUE \
        WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
