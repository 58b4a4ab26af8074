//! Journal entries (`acc_gl_journal_entry`): appended, never updated except for a manual reversal's marks.
//! Writes here; the searches of `GET /journalentries` live beside them in their own file.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::db::Tx;
use crate::error::StoreResult;
use crate::money::DbAmount;
use crate::on;

/// Fineract's `JournalEntryType`: the side of a line.
pub const CREDIT: i64 = 1;
pub const DEBIT: i64 = 2;
/// Fineract's `PortfolioProductType` as journal entries name the account they come from.
pub const ENTITY_LOAN: i64 = 1;

/// Payment details a manual entry may carry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryPayment {
    pub payment_type_id: Option<i64>,
    pub account_number: Option<String>,
    pub check_number: Option<String>,
    pub routing_code: Option<String>,
    pub receipt_number: Option<String>,
    pub bank_number: Option<String>,
}

/// One line to append.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJournalLine {
    pub account_id: i64,
    pub office_id: i64,
    pub currency_code: String,
    /// `L<loan transaction id>` for a loan's entries; a generated id for manual ones.
    pub transaction_id: String,
    pub loan_transaction_id: Option<i64>,
    pub manual_entry: bool,
    pub entry_date: NaiveDate,
    /// [`CREDIT`] or [`DEBIT`].
    pub type_enum: i64,
    /// Positive.
    pub amount: Decimal,
    pub description: Option<String>,
    pub reference_number: Option<String>,
    pub entity_type_enum: Option<i64>,
    pub entity_id: Option<i64>,
    pub created_by: Option<i64>,
    pub submitted_on_date: NaiveDate,
    pub created_on: DateTime<Utc>,
    pub payment: EntryPayment,
    /// Set on a line written to reverse another (and, by [`mark_reversed_in_tx`], on the line it reverses).
    pub reversed: bool,
}

/// Appends `lines`; answers their ids in order.
pub async fn insert_in_tx(tx: &mut Tx, lines: &[NewJournalLine]) -> StoreResult<Vec<i64>> {
    let sql = "INSERT INTO acc_gl_journal_entry (account_id, office_id, currency_code, transaction_id, \
        loan_transaction_id, manual_entry, entry_date, type_enum, amount, description, ref_num, entity_type_enum, \
        entity_id, created_by, submitted_on_date, created_on_utc, payment_type_id, account_number, check_number, \
        routing_code, receipt_number, bank_number, reversed) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, \
        $23) \
        RETURNING id";
    let mut ids = Vec::with_capacity(lines.len());
    let mut c = tx.conn();
    for l in lines {
        let p = &l.payment;
        let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
            .bind(l.account_id).bind(l.office_id).bind(&l.currency_code).bind(&l.transaction_id)
            .bind(l.loan_transaction_id).bind(l.manual_entry).bind(l.entry_date).bind(l.type_enum)
            .bind(DbAmount(l.amount)).bind(&l.description).bind(&l.reference_number).bind(l.entity_type_enum)
            .bind(l.entity_id).bind(l.created_by).bind(l.submitted_on_date).bind(l.created_on)
            .bind(p.payment_type_id).bind(&p.account_number).bind(&p.check_number).bind(&p.routing_code)
            .bind(&p.receipt_number).bind(&p.bank_number).bind(l.reversed)
            .fetch_one(c).await?);
        ids.push(id);
    }
    Ok(ids)
}

/// A line as posted for a loan transaction: what the next posting compares with.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PostedLine {
    pub id: i64,
    pub reversed: bool,
    pub loan_transaction_id: i64,
    pub account_id: i64,
    pub type_enum: i64,
    pub amount: DbAmount,
}

/// Every line posted for loan `loan_id`'s transactions, in insertion order.
pub async fn posted_for_loan_in_tx(tx: &mut Tx, loan_id: i64) -> StoreResult<Vec<PostedLine>> {
    let sql = "SELECT id, reversed, loan_transaction_id, account_id, type_enum, amount FROM acc_gl_journal_entry \
        WHERE entity_type_enum = $1 AND entity_id = $2 AND loan_transaction_id IS NOT NULL ORDER BY id";
    let mut c = tx.conn();
    Ok(on!(&mut c, c => sqlx::query_as(sql).bind(ENTITY_LOAN).bind(loan_id).fetch_all(c).await?))
}

/// The lines posted for one loan transaction, in insertion order.
pub async fn posted_for_transaction_in_tx(
    tx: &mut Tx,
    loan_transaction_id: i64,
) -> StoreResult<Vec<PostedLine>> {
    let sql =
        "SELECT id, reversed, loan_transaction_id, account_id, type_enum, amount FROM acc_gl_journal_entry \
        WHERE loan_transaction_id = $1 ORDER BY id";
    let mut c = tx.conn();
    Ok(on!(&mut c, c => sqlx::query_as(sql).bind(loan_transaction_id).fetch_all(c).await?))
}

/// Marks line `id` reversed by line `reversal_id`.
pub async fn mark_reversed_in_tx(tx: &mut Tx, id: i64, reversal_id: i64) -> StoreResult<()> {
    let sql = "UPDATE acc_gl_journal_entry SET reversed = $1, reversal_id = $2 WHERE id = $3";
    let mut c = tx.conn();
    on!(&mut c, c => sqlx::query(sql).bind(true).bind(reversal_id).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// A loan's journal line as the invariant check reads it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LoanLine {
    pub transaction_id: String,
    pub loan_transaction_id: i64,
    pub account_id: i64,
    pub type_enum: i64,
    pub amount: DbAmount,
    pub entry_date: NaiveDate,
}

/// Every line of loan `loan_id`'s transactions, in insertion order.
pub async fn lines_of_loan(
    c: &mut crate::db::Conn<'_>,
    loan_id: i64,
) -> StoreResult<Vec<LoanLine>> {
    let sql =
        "SELECT transaction_id, loan_transaction_id, account_id, type_enum, amount, entry_date \
        FROM acc_gl_journal_entry WHERE entity_type_enum = $1 AND entity_id = $2 \
        AND loan_transaction_id IS NOT NULL ORDER BY id";
    Ok(on!(c, c => sqlx::query_as(sql).bind(ENTITY_LOAN).bind(loan_id).fetch_all(c).await?))
}
