//! Worked examples from Fineract's own tests, and properties of every schedule.

mod due_dates_on_working_days;
mod down_payment;
mod e2e_loan_repayment;
mod frequencies;
mod integration_tests;
mod properties;
mod support;
