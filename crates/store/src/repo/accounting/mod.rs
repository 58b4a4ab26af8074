//! The chart of accounts (`acc_gl_account`), accounting rules (`acc_accounting_rule`, `acc_rule_tags`), the
//! financial activities' accounts (`acc_gl_financial_activity_account`) and closures (`acc_gl_closure`), in
//! Fineract's tables and column names.

pub mod closure;
pub mod financial_activity;
pub mod gl_account;
pub mod journal_entry;
pub mod journal_read;
pub mod rule;
