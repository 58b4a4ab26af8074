//! Loans: the repayment-schedule engines. `cumulative` is Fineract's classic generator (equal
//! installments / equal principal, declining balance / flat); `progressive` is the EMI calculator.

pub mod common;
pub mod cumulative;
pub mod foreclosure;
pub mod ledger;
pub mod limits;
pub mod progressive;
pub mod status;
pub mod working_days;
