//! Loan transaction processing ("allocation"): replays a loan's transactions over its schedule with the
//! product's strategy and reports how each transaction was split, what each installment has paid, and
//! the summary and arrears figures derived from that. Pure: the caller supplies schedule and history.

mod advanced;
mod arrears;
mod classic;
mod credit;
mod error;
mod input;
mod installment;
mod process;
mod refund;
mod rules;
mod state;
mod strategy;
mod summary;

#[cfg(test)]
mod tests;

pub use arrears::{arrears, Arrears};
pub use credit::validate_credit_balance_refund;
pub use error::LedgerError;
pub use input::{
    ChargeDue, Disbursement, LoanInput, LoanTransaction, ScheduledInstallment, TransactionKind,
};
pub use installment::{Components, InstallmentLedger};
pub use process::{append, process, validate, OutOfOrder};
pub use refund::paid_in_advance;
pub use rules::{
    standard_order, AllocationType, Component, DueType, FutureInstallmentRule,
    PaymentAllocationRule, PaymentAllocationRules, RuleTransactionType, ScheduleProcessing,
};
pub use state::{AllocatedTransaction, Ledger};
pub use strategy::Strategy;
pub use summary::{summary, LoanSummary};
