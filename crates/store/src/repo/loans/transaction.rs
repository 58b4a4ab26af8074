//! What a loan goes through after submission: its lifecycle columns, its schedule replaced when approval or
//! disbursal regenerates it, and its transactions (`m_loan_transaction`) with the portions last allocated.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::money::DbAmount;
use crate::on;
use crate::repo::loans::loan::{insert_installments, InstallmentRow};

/// Locks the loan row until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's write transactions
/// are serialised already), so that concurrent money movements on one loan queue instead of losing updates.
pub async fn lock_in_tx(tx: &mut Tx, id: i64) -> StoreResult<bool> {
    let mut c = tx.conn();
    let found: Option<i64> = match &mut c {
        Conn::Sqlite(c) => {
            sqlx::query_scalar("SELECT id FROM m_loan WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **c)
                .await?
        }
        Conn::Pg(c) => {
            sqlx::query_scalar("SELECT id FROM m_loan WHERE id = $1 FOR UPDATE")
                .bind(id)
                .fetch_optional(&mut **c)
                .await?
        }
    };
    Ok(found.is_some())
}

/// The lifecycle columns of a loan, written together.
#[derive(Debug, Clone, PartialEq)]
pub struct Lifecycle {
    pub loan_status_id: i64,
    pub principal_amount: Decimal,
    pub approved_principal: Decimal,
    pub expected_disbursedon_date: NaiveDate,
    pub approvedon_date: Option<NaiveDate>,
    pub approvedon_userid: Option<i64>,
    pub rejectedon_date: Option<NaiveDate>,
    pub rejectedon_userid: Option<i64>,
    pub withdrawnon_date: Option<NaiveDate>,
    pub withdrawnon_userid: Option<i64>,
    pub disbursedon_date: Option<NaiveDate>,
    pub disbursedon_userid: Option<i64>,
    pub closedon_date: Option<NaiveDate>,
    pub closedon_userid: Option<i64>,
    pub writtenoffon_date: Option<NaiveDate>,
    pub loan_officer_id: Option<i64>,
}

pub async fn update_lifecycle_in_tx(tx: &mut Tx, id: i64, l: &Lifecycle) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan SET loan_status_id = $1, principal_amount = $2, approved_principal = $3, \
        expected_disbursedon_date = $4, approvedon_date = $5, approvedon_userid = $6, rejectedon_date = $7, \
        rejectedon_userid = $8, withdrawnon_date = $9, withdrawnon_userid = $10, disbursedon_date = $11, \
        disbursedon_userid = $12, closedon_date = $13, closedon_userid = $14, writtenoffon_date = $15, \
        loan_officer_id = $16 WHERE id = $17";
    on!(&mut c, c => sqlx::query(sql)
        .bind(l.loan_status_id).bind(DbAmount(l.principal_amount)).bind(DbAmount(l.approved_principal))
        .bind(l.expected_disbursedon_date).bind(l.approvedon_date).bind(l.approvedon_userid)
        .bind(l.rejectedon_date).bind(l.rejectedon_userid).bind(l.withdrawnon_date).bind(l.withdrawnon_userid)
        .bind(l.disbursedon_date).bind(l.disbursedon_userid).bind(l.closedon_date).bind(l.closedon_userid)
        .bind(l.writtenoffon_date).bind(l.loan_officer_id).bind(id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// Replaces the schedule with a regenerated one.
pub async fn replace_schedule_in_tx(
    tx: &mut Tx,
    id: i64,
    installments: &[InstallmentRow],
    loan_term_in_days: i64,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let maturity = installments.last().map(|i| i.duedate);
    let sql =
        "UPDATE m_loan SET expected_maturedon_date = $1, loan_term_in_days = $2 WHERE id = $3";
    on!(&mut c, c => sqlx::query(sql).bind(maturity).bind(loan_term_in_days).bind(id)
        .execute(c).await.map(|_| ())?);
    let sql = "DELETE FROM m_loan_repayment_schedule WHERE loan_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    insert_installments(&mut c, id, installments).await
}

/// Payment details as Fineract's `PaymentDetail` carries them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PaymentDetail {
    pub payment_type_id: Option<i64>,
    pub account_number: Option<String>,
    pub check_number: Option<String>,
    pub routing_code: Option<String>,
    pub receipt_number: Option<String>,
    pub bank_number: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewLoanTransaction {
    pub loan_id: i64,
    pub office_id: i64,
    pub type_enum: i64,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub external_id: Option<String>,
    pub payment: PaymentDetail,
    pub note: Option<String>,
    pub submitted_on_date: NaiveDate,
    pub created_by: i64,
}

pub async fn insert_in_tx(tx: &mut Tx, t: &NewLoanTransaction) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_loan_transaction (loan_id, office_id, transaction_type_enum, transaction_date, amount, \
        external_id, payment_type_id, account_number, check_number, routing_code, receipt_number, bank_number, \
        note, submitted_on_date, created_by) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";
    let p = &t.payment;
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(t.loan_id).bind(t.office_id).bind(t.type_enum).bind(t.date).bind(DbAmount(t.amount))
        .bind(&t.external_id).bind(p.payment_type_id).bind(&p.account_number).bind(&p.check_number)
        .bind(&p.routing_code).bind(&p.receipt_number).bind(&p.bank_number).bind(&t.note)
        .bind(t.submitted_on_date).bind(t.created_by)
        .fetch_one(c).await?);
    Ok(id)
}

/// A stored transaction with its payment type's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoanTransactionRow {
    pub id: i64,
    pub loan_id: i64,
    pub office_id: i64,
    pub office_name: String,
    pub transaction_type_enum: i64,
    pub transaction_date: NaiveDate,
    pub amount: DbAmount,
    pub principal_portion_derived: DbAmount,
    pub interest_portion_derived: DbAmount,
    pub fee_charges_portion_derived: DbAmount,
    pub penalty_charges_portion_derived: DbAmount,
    pub overpayment_portion_derived: DbAmount,
    pub outstanding_loan_balance_derived: DbAmount,
    /// Left over from a waiver or charge payment that found nothing to apply to (Kassa's column).
    pub unapplied_derived: DbAmount,
    pub is_reversed: bool,
    pub reversed_on_date: Option<NaiveDate>,
    pub external_id: Option<String>,
    pub payment_type_id: Option<i64>,
    pub payment_type_name: Option<String>,
    pub account_number: Option<String>,
    pub check_number: Option<String>,
    pub routing_code: Option<String>,
    pub receipt_number: Option<String>,
    pub bank_number: Option<String>,
    pub note: Option<String>,
    pub submitted_on_date: NaiveDate,
}

const SELECT: &str = "SELECT t.id, t.loan_id, t.office_id, o.name AS office_name, t.transaction_type_enum, \
    t.transaction_date, t.amount, t.principal_portion_derived, t.interest_portion_derived, \
    t.fee_charges_portion_derived, t.penalty_charges_portion_derived, t.overpayment_portion_derived, \
    t.outstanding_loan_balance_derived, t.unapplied_derived, t.is_reversed, t.reversed_on_date, t.external_id, t.payment_type_id, \
    pt.value AS payment_type_name, t.account_number, t.check_number, t.routing_code, t.receipt_number, \
    t.bank_number, t.note, t.submitted_on_date \
    FROM m_loan_transaction t JOIN m_office o ON o.id = t.office_id \
    LEFT JOIN m_payment_type pt ON pt.id = t.payment_type_id";

/// A loan's transactions, reversed ones included, in the order they are processed: by date, then by id.
pub async fn list(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<Vec<LoanTransactionRow>> {
    let sql = format!("{SELECT} WHERE t.loan_id = $1 ORDER BY t.transaction_date, t.id");
    Ok(on!(c, c => sqlx::query_as(&sql).bind(loan_id).fetch_all(c).await?))
}

/// One transaction by id.
pub async fn find_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Option<LoanTransactionRow>> {
    let sql = format!("{SELECT} WHERE t.id = $1");
    let mut c = tx.conn();
    Ok(on!(&mut c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

pub async fn list_in_tx(tx: &mut Tx, loan_id: i64) -> StoreResult<Vec<LoanTransactionRow>> {
    let mut c = tx.conn();
    list(&mut c, loan_id).await
}

/// Whether the loan has a live transaction of `type_enum` dated after `date` (an indexed look, not a
/// read of the history).
pub async fn live_of_type_after_in_tx(
    tx: &mut Tx,
    loan_id: i64,
    type_enum: i64,
    date: NaiveDate,
) -> StoreResult<bool> {
    let mut c = tx.conn();
    let sql =
        "SELECT COUNT(*) FROM m_loan_transaction WHERE loan_id = $1 AND transaction_date > $2 \
        AND transaction_type_enum = $3 AND is_reversed = FALSE";
    let n: i64 = on!(&mut c, c => sqlx::query_scalar(sql).bind(loan_id).bind(date).bind(type_enum)
        .fetch_one(c).await?);
    Ok(n > 0)
}

/// The live disbursements' dates and amounts, oldest first: what appending a transaction to a stored
/// ledger needs of the history, without reading all of it.
pub async fn disbursements_in_tx(
    tx: &mut Tx,
    loan_id: i64,
) -> StoreResult<Vec<(NaiveDate, DbAmount)>> {
    let mut c = tx.conn();
    let sql = "SELECT transaction_date, amount FROM m_loan_transaction \
        WHERE loan_id = $1 AND transaction_type_enum = 1 AND is_reversed = FALSE \
        ORDER BY transaction_date, id";
    Ok(on!(&mut c, c => sqlx::query_as(sql).bind(loan_id).fetch_all(c).await?))
}

/// The portions a (re)allocation gave a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Portions {
    pub principal: Decimal,
    pub interest: Decimal,
    pub fee: Decimal,
    pub penalty: Decimal,
    pub overpayment: Decimal,
    pub outstanding_loan_balance: Decimal,
    pub unapplied: Decimal,
}

pub async fn set_portions_in_tx(tx: &mut Tx, id: i64, p: &Portions) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan_transaction SET principal_portion_derived = $1, interest_portion_derived = $2, \
        fee_charges_portion_derived = $3, penalty_charges_portion_derived = $4, overpayment_portion_derived = $5, \
        outstanding_loan_balance_derived = $6, unapplied_derived = $7 WHERE id = $8";
    on!(&mut c, c => sqlx::query(sql)
        .bind(DbAmount(p.principal)).bind(DbAmount(p.interest)).bind(DbAmount(p.fee)).bind(DbAmount(p.penalty))
        .bind(DbAmount(p.overpayment)).bind(DbAmount(p.outstanding_loan_balance))
        .bind(DbAmount(p.unapplied)).bind(id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// Marks a transaction reversed on `on`.
pub async fn reverse_in_tx(tx: &mut Tx, id: i64, on: NaiveDate) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql =
        "UPDATE m_loan_transaction SET is_reversed = TRUE, reversed_on_date = $1 WHERE id = $2";
    on!(&mut c, c => sqlx::query(sql).bind(on).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn external_id_taken(tx: &mut Tx, external_id: &str) -> StoreResult<bool> {
    let mut c = tx.conn();
    let sql = "SELECT COUNT(*) FROM m_loan_transaction WHERE external_id = $1";
    let n: i64 = on!(&mut c, c => sqlx::query_scalar(sql).bind(external_id).fetch_one(c).await?);
    Ok(n > 0)
}
