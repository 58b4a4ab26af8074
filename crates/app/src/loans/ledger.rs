//! A loan's money as the domain ledger sees it: the stored schedule and transactions replayed with the
//! loan's strategy. Reads use it for the summary and the schedule's paid columns; every money movement
//! replays it inside its transaction and stores the portions and the status it yields.

use kassa_domain::loans::ledger::{
    self, Disbursement, Ledger, LoanInput, LoanTransaction, ScheduledInstallment, Strategy,
    TransactionKind,
};
use kassa_domain::loans::status::LoanStatus;
use kassa_domain::money::RoundingMode;
use kassa_store::repo::loans::loan::{InstallmentRow, LoanRecord};
use kassa_store::repo::loans::transaction::{self as tx_repo, LoanTransactionRow, Portions};
use kassa_store::Tx;

use crate::error::{AppError, AppResult};
use crate::loans::charges::book::ChargeBook;
use crate::loans::charges::placement::fold;

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
    let (installments, charges_due) = fold(loan, installments, &charges.charges);
    let input = LoanInput {
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
        disbursements: live
            .clone()
            .filter(|t| t.transaction_type_enum == DISBURSEMENT)
            .map(|t| Disbursement {
                date: t.transaction_date,
                amount: t.amount.0,
            })
            .collect(),
        transactions: live
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
            .collect(),
        charges: charges_due,
        currency_decimal_places: u32::try_from(loan.currency_digits).unwrap_or(2),
        rounding_mode: RoundingMode::HalfEven,
    };
    ledger::process(&strategy_of(loan)?, &input).map_err(|e| {
        AppError::rule(
            "error.msg.loan.transaction.cannot.be.processed",
            e.to_string(),
        )
    })
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

/// Stores each live transaction's current split (they may change after a back-dated entry).
pub async fn store_portions(
    tx: &mut Tx,
    ledger: &Ledger,
    transactions: &[LoanTransactionRow],
) -> AppResult<()> {
    for t in &ledger.transactions {
        let p = Portions {
            principal: t.portions.principal,
            interest: t.portions.interest,
            fee: t.portions.fee,
            penalty: t.portions.penalty,
            overpayment: t.overpayment,
            outstanding_loan_balance: t.outstanding_loan_balance,
        };
        let stored = transactions.iter().find(|r| r.id == t.id);
        let unchanged = stored.is_some_and(|r| {
            r.principal_portion_derived.0 == p.principal
                && r.interest_portion_derived.0 == p.interest
                && r.fee_charges_portion_derived.0 == p.fee
                && r.penalty_charges_portion_derived.0 == p.penalty
                && r.overpayment_portion_derived.0 == p.overpayment
                && r.outstanding_loan_balance_derived.0 == p.outstanding_loan_balance
        });
        if !unchanged {
            tx_repo::set_portions_in_tx(tx, t.id, &p).await?;
        }
    }
    Ok(())
}

/// Records a loan transaction. Its payment type must exist: an unknown `paymentTypeId` is Fineract's
/// 404, never a foreign-key failure of the insert.
pub async fn insert_transaction(tx: &mut Tx, t: &tx_repo::NewLoanTransaction) -> AppResult<i64> {
    if let Some(id) = t.payment.payment_type_id {
        crate::organisation::payment_types::find_in_tx(tx, id).await?;
    }
    Ok(tx_repo::insert_in_tx(tx, t).await?)
}
