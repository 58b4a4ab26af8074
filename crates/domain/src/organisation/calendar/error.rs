use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("Business date functionality is not enabled")]
    BusinessDateDisabled,
    #[error("Business date with type `{0}` does not exist.")]
    BusinessDateTypeUnknown(String),
    #[error("Business date with type `{0}` is not found.")]
    BusinessDateNotSet(String),
    #[error("Must configure the Working days for the organisation.")]
    WorkingDaysNotConfigured,
    /// A well-formed rule Kassa cannot use as working days (not weekly, an interval, no days).
    #[error("The Recurring Rule value: {0} is not valid.")]
    InvalidRecurrence(String),
    #[error("Error in passing the Recurring Rule value: {0}")]
    RecurrenceParse(String),
    #[error("Holiday with identifier {0} does not exist")]
    HolidayNotFound(i64),
    #[error("Holiday with name `{0}` already exists")]
    DuplicateHolidayName(String),
    #[error("To Date date cannot be before the From Date.")]
    ToDateBeforeFromDate { from: NaiveDate, to: NaiveDate },
    #[error("Repayments rescheduled date should be before from date or after to date.")]
    RescheduledDateInsideHoliday(NaiveDate),
    #[error("Repayments rescheduled date should not fall on non working days")]
    RescheduledDateOnNonWorkingDay(NaiveDate),
    #[error(
        "Repayments Rescheduled to date must be within 30 days before or after from and to dates"
    )]
    RescheduledDateOutOfRange {
        from: NaiveDate,
        to: NaiveDate,
        rescheduled_to: NaiveDate,
    },
    /// Dates and offices of a holiday that is no longer pending cannot change; names the parameters.
    #[error("Failed data validation due to: cannot.edit.holiday.in.active.state.")]
    HolidayNotEditable(Vec<&'static str>),
    /// Rescheduling to a specific date without one.
    #[error("The parameter `repaymentsRescheduledTo` is mandatory.")]
    RescheduledDateMissing,
    #[error("Failed data validation due to: not.in.pending.for.activation.state.")]
    HolidayNotPending,
    #[error("Failed data validation due to: already.in.deleted.state.")]
    HolidayAlreadyDeleted,
}
