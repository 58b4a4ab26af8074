//! Input the processor refuses instead of guessing.

use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("the loan has no installments")]
    NoInstallments,
    #[error("installment {number} has a negative or oversized amount")]
    BadInstallmentAmount { number: u32 },
    #[error("installment {number} is due before it starts")]
    InstallmentDatesReversed { number: u32 },
    #[error("a disbursement on {date} has a negative or oversized amount")]
    BadDisbursementAmount { date: NaiveDate },
    #[error("transaction {id} has a negative or oversized amount")]
    BadTransactionAmount { id: i64 },
    #[error("a charge due on {date} has a negative or oversized amount")]
    BadChargeAmount { date: NaiveDate },
    #[error("too many installments, transactions or charges")]
    TooManyItems,
    #[error("currency decimal places {0} is out of range")]
    BadDecimalPlaces(u32),
    #[error("the advanced strategy has no DEFAULT allocation rule")]
    NoDefaultAllocationRule,
    /// Fineract refuses to post a credit balance refund that is not > 0 and <= the overpaid amount
    /// (`Loan.creditBalanceRefund`: `error.msg.transactionAmount.invalid.must.be.>zero.and<=overpaidamount`).
    /// Replays do not refuse it; see `validate_credit_balance_refund`.
    #[error("credit balance refund {id} of {amount} exceeds the credit balance {credit_balance}")]
    RefundExceedsCreditBalance {
        id: i64,
        amount: Decimal,
        credit_balance: Decimal,
    },
}
