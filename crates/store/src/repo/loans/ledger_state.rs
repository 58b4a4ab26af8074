//! The loan's derived state as its last replay or append left it (`m_loan_ledger`,
//! `m_loan_ledger_installment`), so that a read needs no replay. The migration's triggers mark it not
//! current whenever an input of the ledger changes; [`load`] then answers `None` and the caller replays.

use std::sync::LazyLock;

use chrono::NaiveDate;
use kassa_domain::loans::ledger::{Components, InstallmentLedger};
use rust_decimal::Decimal;

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::money::DbAmount;
use crate::on;

/// The loan-wide figures of a stored ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFigures {
    pub principal_disbursed: Decimal,
    pub credit_balance: Decimal,
    pub fully_paid: bool,
    pub fully_paid_on: Option<NaiveDate>,
    /// The date of the last live transaction the ledger holds: a transaction dated on or after it can be
    /// appended without replaying.
    pub last_transaction_on: Option<NaiveDate>,
}

/// A current stored ledger: its figures and its installments in due-date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLedger {
    pub figures: LedgerFigures,
    pub installments: Vec<InstallmentLedger>,
}

#[derive(sqlx::FromRow)]
struct FiguresRow {
    principal_disbursed_derived: DbAmount,
    credit_balance_derived: DbAmount,
    fully_paid: bool,
    fully_paid_on_date: Option<NaiveDate>,
    last_transaction_date: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct InstallmentStateRow {
    installment: i64,
    fromdate: NaiveDate,
    duedate: NaiveDate,
    is_down_payment: bool,
    is_additional: bool,
    principal_amount: DbAmount,
    interest_amount: DbAmount,
    fee_charges_amount: DbAmount,
    penalty_charges_amount: DbAmount,
    principal_completed_derived: DbAmount,
    interest_completed_derived: DbAmount,
    fee_charges_completed_derived: DbAmount,
    penalty_charges_completed_derived: DbAmount,
    principal_waived_derived: DbAmount,
    interest_waived_derived: DbAmount,
    fee_charges_waived_derived: DbAmount,
    penalty_charges_waived_derived: DbAmount,
    principal_writtenoff_derived: DbAmount,
    interest_writtenoff_derived: DbAmount,
    fee_charges_writtenoff_derived: DbAmount,
    penalty_charges_writtenoff_derived: DbAmount,
    total_paid_in_advance_derived: DbAmount,
    total_paid_late_derived: DbAmount,
    credits_amount: DbAmount,
    obligations_met_on_date: Option<NaiveDate>,
    completed_derived: bool,
}

fn components(p: DbAmount, i: DbAmount, f: DbAmount, pe: DbAmount) -> Components {
    Components {
        principal: p.0,
        interest: i.0,
        fee: f.0,
        penalty: pe.0,
    }
}

impl InstallmentStateRow {
    fn into_ledger(self) -> StoreResult<InstallmentLedger> {
        let number = u32::try_from(self.installment).map_err(|_| {
            StoreError::Corrupt(format!(
                "stored ledger installment number {}",
                self.installment
            ))
        })?;
        Ok(InstallmentLedger {
            number,
            from_date: self.fromdate,
            due_date: self.duedate,
            is_down_payment: self.is_down_payment,
            due: components(
                self.principal_amount,
                self.interest_amount,
                self.fee_charges_amount,
                self.penalty_charges_amount,
            ),
            paid: components(
                self.principal_completed_derived,
                self.interest_completed_derived,
                self.fee_charges_completed_derived,
                self.penalty_charges_completed_derived,
            ),
            waived: components(
                self.principal_waived_derived,
                self.interest_waived_derived,
                self.fee_charges_waived_derived,
                self.penalty_charges_waived_derived,
            ),
            written_off: components(
                self.principal_writtenoff_derived,
                self.interest_writtenoff_derived,
                self.fee_charges_writtenoff_derived,
                self.penalty_charges_writtenoff_derived,
            ),
            paid_in_advance: self.total_paid_in_advance_derived.0,
            paid_late: self.total_paid_late_derived.0,
            obligations_met_on: self.obligations_met_on_date,
            complete: self.completed_derived,
            credits: self.credits_amount.0,
            is_additional: self.is_additional,
        })
    }
}

const INSTALLMENT_COLUMNS: &str = "installment, fromdate, duedate, is_down_payment, is_additional, \
    principal_amount, interest_amount, fee_charges_amount, penalty_charges_amount, \
    principal_completed_derived, interest_completed_derived, fee_charges_completed_derived, \
    penalty_charges_completed_derived, principal_waived_derived, interest_waived_derived, \
    fee_charges_waived_derived, penalty_charges_waived_derived, principal_writtenoff_derived, \
    interest_writtenoff_derived, fee_charges_writtenoff_derived, penalty_charges_writtenoff_derived, \
    total_paid_in_advance_derived, total_paid_late_derived, credits_amount, obligations_met_on_date, \
    completed_derived";

/// Reads a loan's stored installments, in due-date order.
static SELECT_INSTALLMENTS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {INSTALLMENT_COLUMNS} FROM m_loan_ledger_installment WHERE loan_id = $1 ORDER BY position"
    )
});

/// Inserts an installment's row or overwrites the one at its position.
static UPSERT_INSTALLMENT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO m_loan_ledger_installment (loan_id, position, {INSTALLMENT_COLUMNS}) VALUES \
         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
         $22, $23, $24, $25, $26, $27, $28) ON CONFLICT (loan_id, position) DO UPDATE SET {}",
        INSTALLMENT_COLUMNS
            .split(',')
            .map(|column| format!("{0} = excluded.{0}", column.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    )
});

async fn installments_of(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<Vec<InstallmentLedger>> {
    let rows: Vec<InstallmentStateRow> =
        on!(c, c => sqlx::query_as(SELECT_INSTALLMENTS.as_str()).bind(loan_id).fetch_all(c).await?);
    rows.into_iter()
        .map(InstallmentStateRow::into_ledger)
        .collect()
}

/// The loan's stored ledger when it is current; `None` when there is none or an input changed since.
pub async fn load(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<Option<StoredLedger>> {
    let sql = "SELECT principal_disbursed_derived, credit_balance_derived, fully_paid, fully_paid_on_date, \
        last_transaction_date FROM m_loan_ledger WHERE loan_id = $1 AND is_current = TRUE";
    let figures: Option<FiguresRow> =
        on!(c, c => sqlx::query_as(sql).bind(loan_id).fetch_optional(c).await?);
    let Some(f) = figures else {
        return Ok(None);
    };
    let installments = installments_of(c, loan_id).await?;
    Ok(Some(StoredLedger {
        figures: LedgerFigures {
            principal_disbursed: f.principal_disbursed_derived.0,
            credit_balance: f.credit_balance_derived.0,
            fully_paid: f.fully_paid,
            fully_paid_on: f.fully_paid_on_date,
            last_transaction_on: f.last_transaction_date,
        },
        installments,
    }))
}

pub async fn load_in_tx(tx: &mut Tx, loan_id: i64) -> StoreResult<Option<StoredLedger>> {
    load(&mut tx.conn(), loan_id).await
}

/// Stores the ledger as current, writing only the installments that moved: against `before` (the state
/// an append started from) or else against the rows stored now.
pub async fn save_in_tx(
    tx: &mut Tx,
    loan_id: i64,
    now: &StoredLedger,
    before: Option<&StoredLedger>,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let f = &now.figures;
    let sql = "INSERT INTO m_loan_ledger (loan_id, is_current, principal_disbursed_derived, \
        credit_balance_derived, fully_paid, fully_paid_on_date, last_transaction_date) \
        VALUES ($1, TRUE, $2, $3, $4, $5, $6) \
        ON CONFLICT (loan_id) DO UPDATE SET is_current = TRUE, \
        principal_disbursed_derived = excluded.principal_disbursed_derived, \
        credit_balance_derived = excluded.credit_balance_derived, fully_paid = excluded.fully_paid, \
        fully_paid_on_date = excluded.fully_paid_on_date, \
        last_transaction_date = excluded.last_transaction_date";
    on!(&mut c, c => sqlx::query(sql).bind(loan_id).bind(DbAmount(f.principal_disbursed))
        .bind(DbAmount(f.credit_balance)).bind(f.fully_paid).bind(f.fully_paid_on)
        .bind(f.last_transaction_on)
        .execute(c).await.map(|_| ())?);
    // After a replay nobody says what was stored: read it, so that only the installments that moved are
    // written (a replay after a back-dated change usually moves a few, and each write is a round trip).
    let stored;
    let before: Option<&[InstallmentLedger]> = match before {
        Some(b) => Some(&b.installments),
        None => {
            stored = installments_of(&mut c, loan_id).await?;
            Some(&stored)
        }
    };
    let unchanged_count = before.is_some_and(|b| b.len() == now.installments.len());
    if !unchanged_count {
        let sql = "DELETE FROM m_loan_ledger_installment WHERE loan_id = $1";
        on!(&mut c, c => sqlx::query(sql).bind(loan_id).execute(c).await.map(|_| ())?);
    }
    for (position, i) in now.installments.iter().enumerate() {
        let old = before
            .filter(|_| unchanged_count)
            .and_then(|b| b.get(position));
        if old == Some(i) {
            continue;
        }
        upsert_installment(&mut c, loan_id, position as i64, i).await?;
    }
    Ok(())
}

async fn upsert_installment(
    c: &mut Conn<'_>,
    loan_id: i64,
    position: i64,
    i: &InstallmentLedger,
) -> StoreResult<()> {
    let a = |d: Decimal| DbAmount(d);
    on!(c, c => sqlx::query(UPSERT_INSTALLMENT.as_str()).bind(loan_id).bind(position).bind(i64::from(i.number))
        .bind(i.from_date).bind(i.due_date).bind(i.is_down_payment).bind(i.is_additional)
        .bind(a(i.due.principal)).bind(a(i.due.interest)).bind(a(i.due.fee)).bind(a(i.due.penalty))
        .bind(a(i.paid.principal)).bind(a(i.paid.interest)).bind(a(i.paid.fee)).bind(a(i.paid.penalty))
        .bind(a(i.waived.principal)).bind(a(i.waived.interest)).bind(a(i.waived.fee))
        .bind(a(i.waived.penalty))
        .bind(a(i.written_off.principal)).bind(a(i.written_off.interest)).bind(a(i.written_off.fee))
        .bind(a(i.written_off.penalty))
        .bind(a(i.paid_in_advance)).bind(a(i.paid_late)).bind(a(i.credits))
        .bind(i.obligations_met_on).bind(i.complete)
        .execute(c).await.map(|_| ())?);
    Ok(())
}
