//! The loan account as every command finds and leaves it: locked and visible to the caller, its status,
//! its lifecycle columns, and settled after a change (replayed, splits and status stored). Below the
//! commands, so that each of them can take these without importing another command.

use chrono::NaiveDate;
use kassa_domain::loans::ledger::Ledger;
use kassa_domain::loans::status::LoanStatus;
use kassa_domain::organisation::office::is_within;
use kassa_store::repo::loans::loan::{self as repo, LoanRecord};
use kassa_store::repo::loans::transaction::{self as tx_repo, Lifecycle};
use kassa_store::Tx;

use crate::error::{AppError, AppResult};
use crate::loans::charges::book::ChargeBook;
use crate::loans::ledger::{replay, status_after, store};
use crate::platform::pipeline::CommandCtx;

/// The loan, locked for this transaction; one outside the caller's offices does not exist for it.
pub async fn lock_visible(tx: &mut Tx, ctx: &CommandCtx<'_>, id: i64) -> AppResult<LoanRecord> {
    let not_found = || AppError::NotFound {
        entity: "Loan",
        id: id.to_string(),
    };
    if !tx_repo::lock_in_tx(tx, id).await? {
        return Err(not_found());
    }
    repo::find_in_tx(tx, id)
        .await?
        .filter(|l| is_within(&ctx.principal.office_hierarchy, &l.office_hierarchy))
        .ok_or_else(not_found)
}

pub fn status_of(loan: &LoanRecord) -> AppResult<LoanStatus> {
    LoanStatus::from_fineract_id(loan.loan_status_id).ok_or_else(|| {
        AppError::Internal(format!(
            "loan {} has status {}",
            loan.id, loan.loan_status_id
        ))
    })
}

pub fn lifecycle_of(l: &LoanRecord) -> Lifecycle {
    Lifecycle {
        loan_status_id: l.loan_status_id,
        principal_amount: l.principal_amount.0,
        approved_principal: l.approved_principal.0,
        expected_disbursedon_date: l.expected_disbursedon_date,
        approvedon_date: l.approvedon_date,
        approvedon_userid: None,
        rejectedon_date: l.rejectedon_date,
        rejectedon_userid: None,
        withdrawnon_date: l.withdrawnon_date,
        withdrawnon_userid: None,
        disbursedon_date: l.disbursedon_date,
        disbursedon_userid: None,
        closedon_date: l.closedon_date,
        closedon_userid: None,
        writtenoffon_date: l.writtenoffon_date,
        loan_officer_id: l.loan_officer_id,
    }
}

/// Replays the loan after a change and stores the splits, the status and the closure date.
pub(crate) async fn settle(
    tx: &mut Tx,
    loan: &LoanRecord,
    written_off_on: Option<NaiveDate>,
) -> AppResult<()> {
    settle_from(tx, loan, written_off_on, status_of(loan)?).await
}

/// As [`settle`], deciding the status as if the loan were in `current` (an undone write-off reopens it).
pub(crate) async fn settle_from(
    tx: &mut Tx,
    loan: &LoanRecord,
    written_off_on: Option<NaiveDate>,
    current: LoanStatus,
) -> AppResult<()> {
    let ledger = replay_and_store(tx, loan).await?;
    settle_status(tx, loan, &ledger, written_off_on, current).await
}

/// Replays the loan from scratch in this transaction and stores the splits and the state.
async fn replay_and_store(tx: &mut Tx, loan: &LoanRecord) -> AppResult<Ledger> {
    let installments = repo::installments(&mut tx.conn(), loan.id).await?;
    let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
    let charges = ChargeBook::load_in_tx(tx, loan.id).await?;
    let ledger = replay(loan, &installments, &transactions, &charges)?;
    store(tx, loan.id, &ledger, &transactions, None).await?;
    Ok(ledger)
}

/// Replays the loan and stores its ledger without touching its status (after a change that moved no
/// allocated money, such as a disbursal).
pub(crate) async fn refresh_ledger(tx: &mut Tx, id: i64) -> AppResult<()> {
    if let Some(loan) = repo::find_in_tx(tx, id).await? {
        replay_and_store(tx, &loan).await?;
    }
    Ok(())
}

/// Stores the status and closure date `ledger` leaves the loan in (`settle_from`'s last step, also taken
/// after an append).
pub(crate) async fn settle_status(
    tx: &mut Tx,
    loan: &LoanRecord,
    ledger: &Ledger,
    written_off_on: Option<NaiveDate>,
    current: LoanStatus,
) -> AppResult<()> {
    let mut next = lifecycle_of(loan);
    let status = match written_off_on {
        Some(on) => {
            next.writtenoffon_date = Some(on);
            next.closedon_date = Some(on);
            LoanStatus::ClosedWrittenOff
        }
        None => status_after(ledger, current),
    };
    if status == LoanStatus::ClosedObligationsMet {
        next.closedon_date = ledger.fully_paid_on;
    } else if status != LoanStatus::ClosedWrittenOff {
        next.closedon_date = None;
    }
    next.loan_status_id = status.fineract_id();
    if next != lifecycle_of(loan) {
        tx_repo::update_lifecycle_in_tx(tx, loan.id, &next).await?;
    }
    Ok(())
}
