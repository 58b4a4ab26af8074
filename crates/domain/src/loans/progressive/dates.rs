//! Due dates of the progressive schedule (`DefaultScheduledDateGenerator.generateRepaymentPeriods`
//! without meeting calendars): each due date is the previous one plus `repaymentEvery` units, months
//! clamped to the month end and restored to the seed day when it is after the 28th, then moved off
//! non-working days and holidays by the same rules as the cumulative engine's.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::error::ProgressiveError;
use super::terms::ProgressiveTerms;
use crate::loans::common::PeriodFrequency;
use crate::loans::working_days::{adjust_repayment_date, ScheduleCalendar};

fn plus_units(date: NaiveDate, unit: PeriodFrequency, every: u32) -> Option<NaiveDate> {
    match unit {
        PeriodFrequency::Days => date.checked_add_days(Days::new(u64::from(every))),
        PeriodFrequency::Weeks => date.checked_add_days(Days::new(u64::from(every) * 7)),
        PeriodFrequency::Months => date.checked_add_months(Months::new(every)),
        PeriodFrequency::Years => date.checked_add_months(Months::new(every.checked_mul(12)?)),
    }
}

/// `CalendarUtils.adjustDate`: seed 31 Jan gives 29 Feb, then 31 Mar (not 29 Mar).
fn restore_seed_day(date: NaiveDate, seed: NaiveDate, unit: PeriodFrequency) -> NaiveDate {
    if unit != PeriodFrequency::Months || seed.day() <= 28 || date.day() < 28 {
        return date;
    }
    // min(seed day, length of the month): the largest day from the seed's down that exists.
    (28..=seed.day())
        .rev()
        .find_map(|day| date.with_day(day))
        .unwrap_or(date)
}

/// `(fromDate, dueDate)` of every installment, period 1 starting on the schedule start date. A due
/// date moved by the calendar ends its period there, but the next due date is generated from the
/// unmoved one (the "actual" date), so the repayment rhythm does not drift.
pub(crate) fn repayment_periods(
    terms: &ProgressiveTerms,
    calendar: &ScheduleCalendar,
) -> Result<Vec<(NaiveDate, NaiveDate)>, ProgressiveError> {
    let unit = terms.rates.repayment_frequency;
    let every = terms.rates.repayment_every;
    let seed = terms.seed_date();
    let next_repayment_date =
        |date: NaiveDate| plus_units(date, unit, every).map(|d| restore_seed_day(d, seed, unit));
    let mut periods = Vec::with_capacity(terms.number_of_repayments as usize);
    let mut from = terms.schedule_start_date;
    let mut actual = from;
    for number in 1..=terms.number_of_repayments {
        let generated = match (number, terms.first_repayment_date) {
            (1, Some(first)) => first,
            _ => next_repayment_date(actual).ok_or(ProgressiveError::DateOutOfRange)?,
        };
        let adjusted = adjust_repayment_date(generated, calendar, next_repayment_date)
            .ok_or(ProgressiveError::NoWorkingDueDate(generated))?;
        if adjusted.scheduled < from {
            return Err(ProgressiveError::DueDateBeforePeriodStart(
                adjusted.scheduled,
            ));
        }
        periods.push((from, adjusted.scheduled));
        from = adjusted.scheduled;
        actual = adjusted.actual;
    }
    Ok(periods)
}
