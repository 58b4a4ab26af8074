//! Terms the progressive engine cannot schedule.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgressiveError {
    #[error("number of repayments must be at least 1")]
    NoRepayments,
    #[error("repayment every must be at least 1")]
    NoRepaymentInterval,
    /// Fineract's EMI calculator throws `UnsupportedOperationException` for yearly repayments.
    #[error("the progressive schedule does not support yearly repayments")]
    YearlyRepayments,
    #[error("a progressive loan needs at least one disbursement")]
    NoDisbursement,
    #[error("disbursement on {0} falls before the schedule starts")]
    DisbursementBeforeStart(NaiveDate),
    #[error("a due date falls outside the supported calendar")]
    DateOutOfRange,
    /// The working-day and holiday rules cycle, or find no working meeting day (weekly repayments due
    /// on a closed day under "next repayment meeting day"); Fineract loops for ever there.
    #[error("the working-day and holiday rules find no due date for {0}")]
    NoWorkingDueDate(NaiveDate),
    #[error("due date {0} falls before its period starts")]
    DueDateBeforePeriodStart(NaiveDate),
}
