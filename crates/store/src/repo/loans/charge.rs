//! Charges applied to a loan (`m_loan_charge`) with the charge definition's name and currency, and the
//! link from a charge payment or waiver to the charge it settled (`m_loan_charge_paid_by`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::money::DbAmount;
use crate::on;

/// What a new loan charge is stored with.
#[derive(Debug, Clone)]
pub struct NewLoanCharge {
    pub loan_id: i64,
    pub charge_id: i64,
    pub is_penalty: bool,
    pub charge_time_enum: i64,
    pub due_date: Option<NaiveDate>,
    pub charge_calculation_enum: i64,
    pub charge_payment_mode_enum: i64,
    pub percentage: Option<Decimal>,
    pub amount_or_percentage: Decimal,
    pub amount: Decimal,
    pub min_cap: Option<Decimal>,
    pub max_cap: Option<Decimal>,
    pub external_id: Option<String>,
    pub submitted_on_date: NaiveDate,
    pub created_by: i64,
}

/// A stored loan charge.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LoanChargeRow {
    pub id: i64,
    pub loan_id: i64,
    pub charge_id: i64,
    pub name: String,
    pub currency_code: String,
    pub is_penalty: bool,
    pub charge_time_enum: i64,
    pub due_for_collection_as_of_date: Option<NaiveDate>,
    pub charge_calculation_enum: i64,
    pub charge_payment_mode_enum: i64,
    pub calculation_percentage: Option<DbAmount>,
    pub calculation_on_amount: Option<DbAmount>,
    pub charge_amount_or_percentage: DbAmount,
    pub amount: DbAmount,
    pub min_cap: Option<DbAmount>,
    pub max_cap: Option<DbAmount>,
    pub is_active: bool,
    pub external_id: Option<String>,
}

const SELECT: &str = "SELECT lc.id, lc.loan_id, lc.charge_id, c.name, c.currency_code, lc.is_penalty, \
    lc.charge_time_enum, lc.due_for_collection_as_of_date, lc.charge_calculation_enum, \
    lc.charge_payment_mode_enum, lc.calculation_percentage, lc.calculation_on_amount, \
    lc.charge_amount_or_percentage, lc.amount, lc.min_cap, lc.max_cap, lc.is_active, lc.external_id \
    FROM m_loan_charge lc JOIN m_charge c ON c.id = lc.charge_id";

/// A loan's active charges in the order Fineract lists them: by time type, due date, fees before penalties.
pub async fn list(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<Vec<LoanChargeRow>> {
    let sql = format!(
        "{SELECT} WHERE lc.loan_id = $1 AND lc.is_active = TRUE \
         ORDER BY lc.charge_time_enum, lc.due_for_collection_as_of_date, lc.is_penalty, lc.id"
    );
    Ok(on!(c, c => sqlx::query_as(&sql).bind(loan_id).fetch_all(c).await?))
}

pub async fn list_in_tx(tx: &mut Tx, loan_id: i64) -> StoreResult<Vec<LoanChargeRow>> {
    let mut c = tx.conn();
    list(&mut c, loan_id).await
}

pub async fn insert_in_tx(tx: &mut Tx, n: &NewLoanCharge) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_loan_charge (loan_id, charge_id, is_penalty, charge_time_enum, \
        due_for_collection_as_of_date, charge_calculation_enum, charge_payment_mode_enum, calculation_percentage, \
        calculation_on_amount, charge_amount_or_percentage, amount, min_cap, max_cap, is_active, external_id, \
        submitted_on_date, created_by) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, TRUE, $14, $15, $16) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(n.loan_id).bind(n.charge_id).bind(n.is_penalty).bind(n.charge_time_enum).bind(n.due_date)
        .bind(n.charge_calculation_enum).bind(n.charge_payment_mode_enum).bind(n.percentage.map(DbAmount))
        .bind(n.percentage.map(|_| DbAmount(Decimal::ZERO))).bind(DbAmount(n.amount_or_percentage))
        .bind(DbAmount(n.amount)).bind(n.min_cap.map(DbAmount)).bind(n.max_cap.map(DbAmount))
        .bind(&n.external_id).bind(n.submitted_on_date).bind(n.created_by)
        .fetch_one(c).await?);
    Ok(id)
}

/// Stores a charge's amount as last computed, with the base a percentage was taken of.
pub async fn set_amount_in_tx(
    tx: &mut Tx,
    id: i64,
    amount: Decimal,
    calculation_on_amount: Option<Decimal>,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan_charge SET amount = $1, calculation_on_amount = $2 WHERE id = $3";
    on!(&mut c, c => sqlx::query(sql).bind(DbAmount(amount)).bind(calculation_on_amount.map(DbAmount))
        .bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// Changes what the user gave (`PUT`): the amount (or percentage) and the due date.
pub async fn update_in_tx(
    tx: &mut Tx,
    id: i64,
    amount_or_percentage: Decimal,
    percentage: Option<Decimal>,
    due_date: Option<NaiveDate>,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql =
        "UPDATE m_loan_charge SET charge_amount_or_percentage = $1, calculation_percentage = $2, \
        due_for_collection_as_of_date = $3 WHERE id = $4";
    on!(&mut c, c => sqlx::query(sql).bind(DbAmount(amount_or_percentage)).bind(percentage.map(DbAmount))
        .bind(due_date).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_loan_charge_paid_by WHERE loan_charge_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    let sql = "DELETE FROM m_loan_charge WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn external_id_taken(tx: &mut Tx, external_id: &str) -> StoreResult<bool> {
    let mut c = tx.conn();
    let sql = "SELECT COUNT(*) FROM m_loan_charge WHERE external_id = $1";
    let n: i64 = on!(&mut c, c => sqlx::query_scalar(sql).bind(external_id).fetch_one(c).await?);
    Ok(n > 0)
}

/// Which charge (and installment) a charge payment or waiver was for.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PaidByRow {
    pub loan_transaction_id: i64,
    pub loan_charge_id: i64,
    pub amount: DbAmount,
    pub installment_number: Option<i64>,
}

pub async fn insert_paid_by_in_tx(tx: &mut Tx, p: &PaidByRow) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_loan_charge_paid_by (loan_transaction_id, loan_charge_id, amount, \
        installment_number) VALUES ($1, $2, $3, $4)";
    on!(&mut c, c => sqlx::query(sql).bind(p.loan_transaction_id).bind(p.loan_charge_id).bind(p.amount)
        .bind(p.installment_number).execute(c).await.map(|_| ())?);
    Ok(())
}

/// The links of a loan's transactions, reversed ones included.
pub async fn paid_by(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<Vec<PaidByRow>> {
    let sql = "SELECT p.loan_transaction_id, p.loan_charge_id, p.amount, p.installment_number \
        FROM m_loan_charge_paid_by p JOIN m_loan_charge lc ON lc.id = p.loan_charge_id \
        WHERE lc.loan_id = $1 ORDER BY p.id";
    Ok(on!(c, c => sqlx::query_as(sql).bind(loan_id).fetch_all(c).await?))
}

pub async fn paid_by_in_tx(tx: &mut Tx, loan_id: i64) -> StoreResult<Vec<PaidByRow>> {
    let mut c = tx.conn();
    paid_by(&mut c, loan_id).await
}

/// Sets one installment's fee and penalty columns to what the loan's charges put on it.
pub async fn set_installment_charges_in_tx(
    tx: &mut Tx,
    loan_id: i64,
    installment: i64,
    fee: Decimal,
    penalty: Decimal,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan_repayment_schedule SET fee_charges_amount = $1, penalty_charges_amount = $2 \
        WHERE loan_id = $3 AND installment = $4";
    on!(&mut c, c => sqlx::query(sql).bind(DbAmount(fee)).bind(DbAmount(penalty)).bind(loan_id)
        .bind(installment).execute(c).await.map(|_| ())?);
    Ok(())
}

/// The loan charge with `external_id` (`/loans/…/charges/external-id/{loanChargeExternalId}`).
pub async fn id_by_external_id(c: &mut Conn<'_>, external_id: &str) -> StoreResult<Option<i64>> {
    let sql = "SELECT id FROM m_loan_charge WHERE external_id = $1";
    Ok(on!(c, c => sqlx::query_scalar(sql).bind(external_id).fetch_optional(c).await?))
}
