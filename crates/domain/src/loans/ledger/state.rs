//! What a replay produces: the loan's installments and its transactions as allocated. Its own file so
//! that the pieces of the replay (credit balance refunds, refunds, arrears, the summary) can take it
//! without importing the replay that calls them.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::input::TransactionKind;
use super::installment::{Components, InstallmentLedger};

/// A transaction after replay: how its amount was split (`principalPortion` …, `overpaymentPortion`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocatedTransaction {
    pub id: i64,
    pub kind: TransactionKind,
    pub date: NaiveDate,
    /// The input amount, except for a write-off, whose amount is what it wrote off.
    pub amount: Decimal,
    pub portions: Components,
    /// Money beyond everything owed, now a credit balance (`overpaymentPortion`).
    pub overpayment: Decimal,
    /// Left over from a waiver or charge payment that found nothing to apply to; Fineract drops it.
    pub unapplied: Decimal,
    /// `outstandingLoanBalance`: principal disbursed by this date, plus principal lent again by credit
    /// balance refunds, minus principal repaid or written off.
    pub outstanding_loan_balance: Decimal,
}

/// The replayed state of a loan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// Sorted by due date.
    pub installments: Vec<InstallmentLedger>,
    /// In processing order (date, then the caller's sequence). A ledger loaded from storage to append to
    /// may hold none of them: appending needs only `last_transaction_on`.
    pub transactions: Vec<AllocatedTransaction>,
    /// The date of the last transaction processed; one dated on or after it can be appended.
    pub last_transaction_on: Option<NaiveDate>,
    pub principal_disbursed: Decimal,
    /// `totalOverpaid`: overpayments not yet refunded.
    pub credit_balance: Decimal,
    /// Every installment is settled (paid, waived or written off); check the summary's written-off total
    /// to tell "closed, obligations met" from "closed, written off".
    pub fully_paid: bool,
    /// The date the last installment was settled, when `fully_paid`.
    pub fully_paid_on: Option<NaiveDate>,
}
