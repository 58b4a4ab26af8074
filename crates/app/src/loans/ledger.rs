//! A loan's money as the domain ledger sees it: the stored schedule and transactions replayed with the
//! loan's strategy, or a transaction appended to the stored state. Every money movement replays (or, in
//! date order, appends) inside its transaction and stores the splits and the state it yields; reads take
//! the stored state.

use kassa_domain::loans::ledger::{
    self, AllocatedTransaction, Components, Disbursement, Ledger, LoanInput, LoanTransaction,
    ScheduledInstallment, Strategy, TransactionKind,
};
use kassa_domain::loans::status::LoanStatus;
use kassa_domain::money::RoundingMode;
use kassa_store::repo::loans::ledger_state::StoredLedger;
use kassa_store::repo::loans::loan::{self as repo, InstallmentRow, LoanRecord};
use kassa_store::repo::loans::transaction::{self as tx_repo, LoanTransactionRow, Portions};
use kassa_store::Tx;

use crate::accounting::loan_journal::Touched;
use crate::error::{AppError, AppResult};
use crate::loans::charges::book::ChargeBook;
use crate::loans::charges::placement::fold;
use crate::loans::stored_ledger;

/// Fineract's transaction type ids this module stores.
pub const DISBURSEMENT: i64 = 1;

/// The ledger kind of a stored transaction type; `None` for the ones that move no allocated money
/// (disbursements, which the ledger takes separately).
pub fn kind_of(type_enum: i64) -> Option<TransactionKind> {
    Some(match type_enum {
        2 => TransactionKind::Repayment,
        4 => TransactionKind::WaiveInterest,
        6 => TransactionKind::WriteOff,
        8 => TransactionKind::RecoveryPayment,
        18 => TransactionKind::RefundForActiveLoan,
        20 => TransactionKind::CreditBalanceRefund,
        21 => TransactionKind::MerchantIssuedRefund,
        22 => TransactionKind::PayoutRefund,
        23 => TransactionKind::GoodwillCredit,
        24 => TransactionKind::ChargeRefund,
        25 => TransactionKind::Chargeback,
        26 => TransactionKind::ChargeAdjustment,
        28 => TransactionKind::DownPayment,
        31 => TransactionKind::InterestPaymentWaiver,
        _ => return None,
    })
}

fn strategy_of(loan: &LoanRecord) -> AppResult<Strategy> {
    Strategy::from_code(&loan.loan_transaction_strategy_code).ok_or_else(|| {
        AppError::Internal(format!(
            "loan {} has an unknown strategy {}",
            loan.id, loan.loan_transaction_strategy_code
        ))
    })
}

/// Replays the loan's live (not reversed) transactions over its schedule, with each installment's fees
/// and penalties computed from the loan's charges (so a regenerated schedule keeps them).
pub fn replay(
    loan: &LoanRecord,
    installments: &[InstallmentRow],
    transactions: &[LoanTransactionRow],
    charges: &ChargeBook,
) -> AppResult<Ledger> {
    crate::platform::cpu::heavy(|| replay_here(loan, installments, transactions, charges))
}

fn replay_here(
    loan: &LoanRecord,
    installments: &[InstallmentRow],
    transactions: &[LoanTransactionRow],
    charges: &ChargeBook,
) -> AppResult<Ledger> {
    let live = transactions.iter().filter(|t| !t.is_reversed);
    let disbursements = live
        .clone()
        .filter(|t| t.transaction_type_enum == DISBURSEMENT)
        .map(|t| Disbursement {
            date: t.transaction_date,
            amount: t.amount.0,
        })
        .collect();
    let moves = live
        .filter_map(|t| {
            kind_of(t.transaction_type_enum)
                .or_else(|| charges.kind_of(t.id, t.transaction_type_enum))
                .map(|kind| LoanTransaction {
                    id: t.id,
                    kind,
                    date: t.transaction_date,
                    amount: t.amount.0,
                })
        })
        .collect();
    let input = input_of(loan, installments, disbursements, moves, charges);
    ledger::process(&strategy_of(loan)?, &input).map_err(cannot_process)
}

fn cannot_process(e: kassa_domain::loans::ledger::LedgerError) -> AppError {
    AppError::rule(
        "error.msg.loan.transaction.cannot.be.processed",
        e.to_string(),
    )
}

/// What the domain ledger is given: the schedule with each installment's fees and penalties computed
/// from the loan's charges (so a regenerated schedule keeps them), the disbursements and the
/// transactions.
fn input_of(
    loan: &LoanRecord,
    installments: &[InstallmentRow],
    disbursements: Vec<Disbursement>,
    transactions: Vec<LoanTransaction>,
    charges: &ChargeBook,
) -> LoanInput {
    let (installments, charges_due) = fold(loan, installments, &charges.charges);
    LoanInput {
        installments: installments
            .iter()
            .map(|i| ScheduledInstallment {
                number: u32::try_from(i.installment).unwrap_or_default(),
                from_date: i.fromdate,
                due_date: i.duedate,
                principal: i.principal_amount.0,
                interest: i.interest_amount.0,
                fee: i.fee_charges_amount.0,
                penalty: i.penalty_charges_amount.0,
                is_down_payment: i.is_down_payment,
            })
            .collect(),
        disbursements,
        transactions,
        charges: charges_due,
        currency_decimal_places: u32::try_from(loan.currency_digits).unwrap_or(2),
        rounding_mode: RoundingMode::HalfEven,
    }
}

/// The loan's transactions as the stored ledger allocated them: the live ones in processing order, each
/// with the split stored on its row.
pub fn allocated_from_rows(
    transactions: &[LoanTransactionRow],
    charges: &ChargeBook,
) -> Vec<AllocatedTransaction> {
    let mut allocated: Vec<AllocatedTransaction> = transactions
        .iter()
        .filter(|t| !t.is_reversed)
        .filter_map(|t| {
            let kind = kind_of(t.transaction_type_enum)
                .or_else(|| charges.kind_of(t.id, t.transaction_type_enum))?;
            Some(AllocatedTransaction {
                id: t.id,
                kind,
                date: t.transaction_date,
                amount: t.amount.0,
                portions: Components {
                    principal: t.principal_portion_derived.0,
                    interest: t.interest_portion_derived.0,
                    fee: t.fee_charges_portion_derived.0,
                    penalty: t.penalty_charges_portion_derived.0,
                },
                overpayment: t.overpayment_portion_derived.0,
                unapplied: t.unapplied_derived.0,
                outstanding_loan_balance: t.outstanding_loan_balance_derived.0,
            })
        })
        .collect();
    // Rows come in (date, id) order already; the replay keeps the same order (stable by date).
    allocated.sort_by_key(|t| t.date);
    allocated
}

/// The loan's ledger as it stands in this transaction: the stored one when current (with no
/// transactions: callers of this want installments and figures), else a replay.
pub async fn current(tx: &mut Tx, loan: &LoanRecord) -> AppResult<Ledger> {
    if let Some(stored) = stored_ledger::load_in_tx(tx, loan.id).await? {
        return Ok(stored_ledger::from_stored(stored, Vec::new()));
    }
    let installments = repo::installments(&mut tx.conn(), loan.id).await?;
    let charges = ChargeBook::load_in_tx(tx, loan.id).await?;
    let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
    replay(loan, &installments, &transactions, &charges)
}

/// Appends the stored transaction `t` to the stored ledger `before` (read in this transaction before
/// `t` was inserted), allocating only the new money. `None` when `t` is back-dated and the loan must be
/// replayed.
pub async fn append(
    tx: &mut Tx,
    loan: &LoanRecord,
    before: &StoredLedger,
    t: LoanTransaction,
) -> AppResult<Option<Ledger>> {
    if before
        .figures
        .last_transaction_on
        .is_some_and(|last| last > t.date)
    {
        return Ok(None);
    }
    let installments = repo::installments(&mut tx.conn(), loan.id).await?;
    let charges = ChargeBook::load_in_tx(tx, loan.id).await?;
    let disbursements = tx_repo::disbursements_in_tx(tx, loan.id)
        .await?
        .into_iter()
        .map(|(date, amount)| Disbursement {
            date,
            amount: amount.0,
        })
        .collect();
    let input = input_of(loan, &installments, disbursements, Vec::new(), &charges);
    let ledger = stored_ledger::from_stored(before.clone(), Vec::new());
    let appended =
        ledger::append(&strategy_of(loan)?, &input, ledger, &t).map_err(cannot_process)?;
    Ok(appended.ok())
}

/// The status money leaves a disbursed loan in.
pub fn status_after(ledger: &Ledger, current: LoanStatus) -> LoanStatus {
    if current == LoanStatus::ClosedWrittenOff {
        return current;
    }
    if ledger.credit_balance > rust_decimal::Decimal::ZERO {
        LoanStatus::Overpaid
    } else if ledger.fully_paid {
        LoanStatus::ClosedObligationsMet
    } else {
        LoanStatus::Active
    }
}

/// Stores what a replay or an append produced, in the transaction of the change: each transaction's
/// split where it moved (`transactions` are the stored rows as read before), and the ledger's state.
/// `before` is the stored state an append started from.
pub async fn store(
    tx: &mut Tx,
    loan_id: i64,
    ledger: &Ledger,
    transactions: &[LoanTransactionRow],
    before: Option<&StoredLedger>,
) -> AppResult<()> {
    for t in &ledger.transactions {
        let p = Portions {
            principal: t.portions.principal,
            interest: t.portions.interest,
            fee: t.portions.fee,
            penalty: t.portions.penalty,
            overpayment: t.overpayment,
            outstanding_loan_balance: t.outstanding_loan_balance,
            unapplied: t.unapplied,
        };
        let stored = transactions.iter().find(|r| r.id == t.id);
        let unchanged = stored.is_some_and(|r| {
            r.principal_portion_derived.0 == p.principal
                && r.interest_portion_derived.0 == p.interest
                && r.fee_charges_portion_derived.0 == p.fee
                && r.penalty_charges_portion_derived.0 == p.penalty
                && r.overpayment_portion_derived.0 == p.overpayment
                && r.outstanding_loan_balance_derived.0 == p.outstanding_loan_balance
                && r.unapplied_derived.0 == p.unapplied
        });
        if !unchanged {
            tx_repo::set_portions_in_tx(tx, t.id, &p).await?;
        }
    }
    stored_ledger::save(tx, loan_id, ledger, before).await?;
    // The splits are final: the journal follows them in the same transaction.
    let appended: Vec<i64>;
    let touched = if before.is_some() {
        appended = ledger.transactions.iter().map(|t| t.id).collect();
        Touched::Only(&appended)
    } else {
        Touched::All
    };
    crate::accounting::loan_journal::sync(tx, loan_id, touched).await
}

/// Records a loan transaction. Its payment type must exist: an unknown `paymentTypeId` is Fineract's
/// 404, never a foreign-key failure of the insert.
pub async fn insert_transaction(tx: &mut Tx, t: &tx_repo::NewLoanTransaction) -> AppResult<i64> {
    if let Some(id) = t.payment.payment_type_id {
        crate::organisation::payment_types::find_in_tx(tx, id).await?;
    }
    Ok(tx_repo::insert_in_tx(tx, t).await?)
}
