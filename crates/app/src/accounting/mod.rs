//! The chart of accounts, accounting rules, financial activity accounts, accounting closures and manual
//! journal entries. Postings ask [`closures::is_closed`] whether an office's books still take a date.

pub mod closures;
pub mod financial_activities;
pub mod gl_accounts;
pub mod journal_entries;
pub mod journal_opening;
pub mod journal_reversal;
pub mod loan_journal;
pub mod rules;

pub use closures::{is_closed, latest_closure_on_or_after};
