//! Due dates on working days: Fineract's working-day rule and holiday moves, shared by both schedule
//! engines. Each engine brings its own repayment rhythm (the "next repayment date" after a date); the
//! rule decides where a due date that falls on a closed day or a holiday goes.

use chrono::NaiveDate;

use crate::organisation::calendar::{
    active_holiday_on, Holiday, HolidayRescheduleType, RepaymentRescheduleType, WorkingDays,
};

/// Working days and the office's active holidays. Holidays are given only when the tenant's
/// `reschedule-repayments-on-holidays` configuration is on.
#[derive(Debug, Clone, Default)]
pub struct ScheduleCalendar {
    pub working_days: Option<WorkingDays>,
    pub holidays: Vec<Holiday>,
}

/// A due date after the working-day and holiday rules: the date shown on the schedule, and the
/// "actual" repayment date from which the next due date is generated (they differ except when a
/// holiday pushes the repayment to the next repayment date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AdjustedDate {
    pub scheduled: NaiveDate,
    pub actual: NaiveDate,
}

/// Fineract moves a due date until it is neither a non-working day nor a holiday; bounded because a
/// rule that leaves the date alone (same day) would otherwise spin.
const MAX_ADJUSTMENT_ROUNDS: usize = 64;

/// `DefaultScheduledDateGenerator.adjustRepaymentDate`: `next_repayment_date` is the engine's rhythm
/// (the due date after a given one, without adjustment). `None` when the rules cycle or run off the
/// calendar; the engine refuses the schedule then.
pub(crate) fn adjust_repayment_date(
    date: NaiveDate,
    calendar: &ScheduleCalendar,
    next_repayment_date: impl Fn(NaiveDate) -> Option<NaiveDate>,
) -> Option<AdjustedDate> {
    let mut adjusted = AdjustedDate {
        scheduled: date,
        actual: date,
    };
    let mut next_meeting = next_repayment_date(date)?;
    for _ in 0..MAX_ADJUSTMENT_ROUNDS {
        let before = adjusted.scheduled;
        if let Some(days) = &calendar.working_days {
            if !days.is_working_day(adjusted.scheduled) {
                if days.reschedule_type == RepaymentRescheduleType::MoveToNextRepaymentMeetingDay {
                    next_meeting = next_working_meeting(
                        next_meeting,
                        adjusted.scheduled,
                        days,
                        &next_repayment_date,
                    )?;
                }
                adjusted.scheduled = days.adjust(adjusted.scheduled, Some(next_meeting));
            }
        }
        if let Some(holiday) = active_holiday_on(&calendar.holidays, adjusted.scheduled) {
            match (holiday.rescheduling_type, holiday.repayments_rescheduled_to) {
                (HolidayRescheduleType::SpecificDate, Some(to)) => adjusted.scheduled = to,
                _ => {
                    let mut next = adjusted.actual;
                    while next <= adjusted.scheduled {
                        next = next_repayment_date(next)?;
                    }
                    adjusted.scheduled = next;
                    adjusted.actual = next;
                }
            }
        }
        let working = calendar
            .working_days
            .as_ref()
            .is_none_or(|d| d.is_working_day(adjusted.scheduled));
        let holiday = active_holiday_on(&calendar.holidays, adjusted.scheduled).is_some();
        if working && !holiday {
            return Some(adjusted);
        }
        if adjusted.scheduled == before {
            // A rule that keeps the date (same day) leaves a non-working day as it is. Anything
            // else back where it started is a cycle (previous working day into a holiday that
            // sends the repayment forward to the same closed day): Fineract recurses without end
            // there, so the schedule is refused.
            let kept_by_rule = !holiday
                && calendar.working_days.as_ref().is_some_and(|d| {
                    matches!(
                        d.reschedule_type,
                        RepaymentRescheduleType::SameDay
                            | RepaymentRescheduleType::MoveToNextMeetingDay
                    )
                });
            return kept_by_rule.then_some(adjusted);
        }
    }
    None
}

/// The first repayment (meeting) date from `meeting` on that is a working day and not before `due`.
/// Fineract searches without end; when every meeting falls on a non-working weekday (weekly
/// repayments due on a closed day) there is none, and the schedule is refused instead of hanging.
fn next_working_meeting(
    mut meeting: NaiveDate,
    due: NaiveDate,
    days: &WorkingDays,
    next_repayment_date: &impl Fn(NaiveDate) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    for _ in 0..MAX_ADJUSTMENT_ROUNDS {
        if days.is_working_day(meeting) && due <= meeting {
            return Some(meeting);
        }
        meeting = next_repayment_date(meeting)?;
    }
    None
}
