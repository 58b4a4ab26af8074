//! Links between a loan's transactions (`m_loan_transaction_relation`) and the loan's sub-status, the two
//! things chargebacks and foreclosures remember beyond the transaction rows themselves.

use rust_decimal::Decimal;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::money::DbAmount;
use crate::on;

/// Fineract's `LoanTransactionRelationTypeEnum.CHARGEBACK`.
pub const CHARGEBACK: i64 = 1;

/// Fineract's `LoanSubStatus.FORECLOSED`.
pub const FORECLOSED: i64 = 100;

/// One link, with the linked transaction's amount and payment type as Fineract's
/// `LoanTransactionRelationData` shows them.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RelationRow {
    pub from_loan_transaction_id: i64,
    pub to_loan_transaction_id: Option<i64>,
    pub relation_type_enum: i64,
    pub amount: Option<DbAmount>,
    pub payment_type_name: Option<String>,
    pub to_is_reversed: Option<bool>,
}

pub async fn insert_in_tx(tx: &mut Tx, from: i64, to: i64, relation_type: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_loan_transaction_relation (from_loan_transaction_id, to_loan_transaction_id, \
        relation_type_enum) VALUES ($1, $2, $3)";
    on!(&mut c, c => sqlx::query(sql).bind(from).bind(to).bind(relation_type)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// The links from the loan's transactions, in insertion order.
pub async fn list(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<Vec<RelationRow>> {
    let sql = "SELECT r.from_loan_transaction_id, r.to_loan_transaction_id, r.relation_type_enum, \
        t.amount, pt.value AS payment_type_name, t.is_reversed AS to_is_reversed \
        FROM m_loan_transaction_relation r \
        JOIN m_loan_transaction f ON f.id = r.from_loan_transaction_id \
        LEFT JOIN m_loan_transaction t ON t.id = r.to_loan_transaction_id \
        LEFT JOIN m_payment_type pt ON pt.id = t.payment_type_id \
        WHERE f.loan_id = $1 ORDER BY r.id";
    Ok(on!(c, c => sqlx::query_as(sql).bind(loan_id).fetch_all(c).await?))
}

pub async fn list_in_tx(tx: &mut Tx, loan_id: i64) -> StoreResult<Vec<RelationRow>> {
    let mut c = tx.conn();
    list(&mut c, loan_id).await
}

/// What live (not reversed) chargebacks have already taken back of transaction `from`.
pub fn charged_back(relations: &[RelationRow], from: i64) -> Decimal {
    relations
        .iter()
        .filter(|r| r.from_loan_transaction_id == from && r.relation_type_enum == CHARGEBACK)
        .filter(|r| r.to_is_reversed == Some(false))
        .filter_map(|r| r.amount.map(|a| a.0))
        .sum()
}

pub async fn sub_status(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<Option<i64>> {
    let sql = "SELECT loan_sub_status_id FROM m_loan WHERE id = $1";
    let found: Option<Option<i64>> =
        on!(c, c => sqlx::query_scalar(sql).bind(loan_id).fetch_optional(c).await?);
    Ok(found.flatten())
}

pub async fn sub_status_in_tx(tx: &mut Tx, loan_id: i64) -> StoreResult<Option<i64>> {
    let mut c = tx.conn();
    sub_status(&mut c, loan_id).await
}

pub async fn set_sub_status_in_tx(
    tx: &mut Tx,
    loan_id: i64,
    sub_status: Option<i64>,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan SET loan_sub_status_id = $1 WHERE id = $2";
    on!(&mut c, c => sqlx::query(sql).bind(sub_status).bind(loan_id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// Foreclosure: charges falling due after the foreclosure date stop being owed (`setActive(false)`).
pub async fn deactivate_charges_due_after_in_tx(
    tx: &mut Tx,
    loan_id: i64,
    date: chrono::NaiveDate,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan_charge SET is_active = FALSE \
        WHERE loan_id = $1 AND due_for_collection_as_of_date > $2";
    on!(&mut c, c => sqlx::query(sql).bind(loan_id).bind(date).execute(c).await.map(|_| ())?);
    Ok(())
}
