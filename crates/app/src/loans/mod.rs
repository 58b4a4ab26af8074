//! Loan accounts. `applications` holds the application's use cases (submit, modify, delete, read);
//! `lifecycle`, `transactions`, `refunds`, `foreclosure`, `tranches`, `disbursement_fees` and `charges`
//! the commands of an account; `schedule` computes schedules and `ledger` replays transactions over one.
//! The lower pieces (`schedule`, `ledger`) import none of the use cases built on them.

pub mod account;
pub mod applications;
pub mod charges;
pub mod disbursement_fees;
pub mod foreclosure;
pub mod ledger;
pub mod ledger_check;
pub mod lifecycle;
pub mod money;
pub mod read;
pub mod refunds;
pub mod schedule;
pub mod stored_ledger;
pub mod template;
pub mod tranches;
pub mod transactions;

pub use applications::{
    currency, get, get_for_write, grace_on_arrears_ageing, id_by_external_id, list,
    schedule_of_rows, DeleteLoanApplication, ModifyLoanApplication, SubmitLoanApplication, ENTITY,
    INDIVIDUAL, SUBMITTED_AND_PENDING_APPROVAL,
};
