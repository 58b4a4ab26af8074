//! The organisation's calendar: working days and holidays. Pure rules only — whether a
//! date is a working day or a holiday and where a repayment due on it moves — so that loan schedules can
//! use them without touching storage or the clock.

mod error;
mod holiday;
mod working_days;

pub use error::CalendarError;
pub use holiday::{
    active_holiday_on, check_holiday_dates, Holiday, HolidayChanges, HolidayDraft, HolidayField,
    HolidayRescheduleType, HolidayStatus, HOLIDAY_RESCHEDULE_WINDOW_DAYS,
};
pub use working_days::{
    RepaymentRescheduleType, WeekDays, WorkingDays, WorkingDaysChanges, WorkingDaysField,
};

use chrono::NaiveDate;

/// Fineract's enumeration triple `{id, code, value}` for the calendar's enums.
pub trait EnumOption: Copy {
    fn id(self) -> i64;
    fn code(self) -> &'static str;
    fn value(self) -> &'static str;
}

/// Where a repayment due on `date` falls, given the working days and the active holidays of the office:
/// a holiday that reschedules to a specific date sends it there; otherwise a non-working day moves it by
/// the working-days rule. `next_meeting` is the next repayment (meeting) date, for the rules that use it.
pub fn adjusted_due_date(
    date: NaiveDate,
    working_days: &WorkingDays,
    holidays: &[Holiday],
    next_meeting: Option<NaiveDate>,
) -> NaiveDate {
    if let Some(holiday) = active_holiday_on(holidays, date) {
        match (holiday.rescheduling_type, holiday.repayments_rescheduled_to) {
            (HolidayRescheduleType::SpecificDate, Some(to)) => return to,
            _ => return next_meeting.unwrap_or(date),
        }
    }
    working_days.adjust(date, next_meeting)
}
