//! Loan accounts: the loan and its schedule, its charges, tranches, transactions and their relations, and
//! the derived state the ledger leaves.

pub mod charge;
pub mod disbursement;
pub mod ledger_state;
pub mod loan;
pub mod read;
pub mod transaction;
pub mod transaction_relation;
