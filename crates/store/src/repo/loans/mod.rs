//! Loan accounts: the loan and its schedule, its charges, tranches, transactions and their relations.

pub mod charge;
pub mod disbursement;
pub mod loan;
pub mod transaction;
pub mod transaction_relation;
