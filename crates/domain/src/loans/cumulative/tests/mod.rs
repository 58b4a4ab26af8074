//! Worked examples from Fineract's own tests, and properties of every schedule.

mod down_payment;
mod due_dates_on_working_days;
mod e2e_loan_repayment;
mod frequencies;
mod integration_tests;
mod properties;
mod support;
mod tranches;
