//! Due dates: Java `LocalDate` period arithmetic (month ends clamp), Fineract's seed-day rule for
//! months, the working-day/holiday moves (the rules live in `loan::working_days`), and the fractional
//! period counts the interest rules use.

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

use super::nth_weekday::NthWeekday;
use super::terms::CumulativeTerms;
use crate::loans::common::{decimal_from_f64, PeriodFrequency};
use crate::loans::working_days::{self, AdjustedDate};

/// `date.plusDays/plusWeeks/plusMonths/plusYears(n)`; months and years clamp to the month's end.
pub(crate) fn plus_units(date: NaiveDate, unit: PeriodFrequency, n: i64) -> Option<NaiveDate> {
    let count = u32::try_from(n.unsigned_abs()).ok()?;
    let forward = n >= 0;
    match unit {
        PeriodFrequency::Days | PeriodFrequency::Weeks => {
            let days = if unit == PeriodFrequency::Weeks {
                u64::from(count) * 7
            } else {
                u64::from(count)
            };
            if forward {
                date.checked_add_days(Days::new(days))
            } else {
                date.checked_sub_days(Days::new(days))
            }
        }
        PeriodFrequency::Months | PeriodFrequency::Years => {
            let months = if unit == PeriodFrequency::Years {
                count.checked_mul(12)?
            } else {
                count
            };
            if forward {
                date.checked_add_months(Months::new(months))
            } else {
                date.checked_sub_months(Months::new(months))
            }
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

/// `CalendarUtils.adjustDate`: for monthly schedules seeded after the 28th, a clamped day (>= 28) goes
/// back to the seed day where the month allows it (seed 31 Jan: 28 Feb, then 31 Mar, not 28 Mar).
pub(crate) fn restore_seed_day(
    date: NaiveDate,
    seed: NaiveDate,
    unit: PeriodFrequency,
) -> NaiveDate {
    if unit != PeriodFrequency::Months || seed.day() <= 28 || date.day() < 28 {
        return date;
    }
    let day = seed.day().min(days_in_month(date.year(), date.month()));
    date.with_day(day).unwrap_or(date)
}

/// The seed of the month-end rule: the first repayment date if given, else the disbursement date.
pub(crate) fn seed_date(terms: &CumulativeTerms) -> NaiveDate {
    terms
        .repayments_starting_from_date
        .unwrap_or(terms.expected_disbursement_date)
}

/// `DefaultScheduledDateGenerator.generateNextRepaymentDate` without a meeting calendar.
pub(crate) fn next_repayment_date(
    last: NaiveDate,
    terms: &CumulativeTerms,
    is_first: bool,
) -> Option<NaiveDate> {
    if is_first {
        if let Some(first) = terms.repayments_starting_from_date {
            return Some(first);
        }
    }
    if let Some(rule) = nth_weekday_rule(terms) {
        return rule.next_after(seed_date(terms), terms.repayment_every, last);
    }
    let next = plus_units(
        last,
        terms.repayment_frequency,
        i64::from(terms.repayment_every),
    )?;
    Some(restore_seed_day(
        next,
        seed_date(terms),
        terms.repayment_frequency,
    ))
}

/// The n-th weekday rule, which Fineract applies to monthly repayments only.
pub(crate) fn nth_weekday_rule(terms: &CumulativeTerms) -> Option<NthWeekday> {
    terms
        .repayment_on_nth_weekday
        .filter(|_| terms.repayment_frequency == PeriodFrequency::Months)
}

/// `idealDisbursementDateBasedOnFirstRepaymentDate`: one repayment period before the first due
/// date. Under an n-th weekday rule Fineract takes the date `every` months earlier if it is itself
/// an occurrence, else the rule's next occurrence after it (counted from it).
pub(crate) fn ideal_disbursement_date(
    first_due: NaiveDate,
    terms: &CumulativeTerms,
) -> Option<NaiveDate> {
    let every = i64::from(terms.repayment_every);
    let earlier = plus_units(first_due, terms.repayment_frequency, -every)?;
    match nth_weekday_rule(terms) {
        Some(rule) if !rule.is_occurrence(earlier) => {
            rule.next_after(earlier, terms.repayment_every, earlier)
        }
        _ => Some(earlier),
    }
}

/// A due date after the working-day and holiday rules (shared with the progressive engine), the
/// repayment rhythm being this loan's.
pub(crate) fn adjust_repayment_date(
    date: NaiveDate,
    terms: &CumulativeTerms,
) -> Option<AdjustedDate> {
    working_days::adjust_repayment_date(date, &terms.calendar, |d| {
        next_repayment_date(d, terms, false)
    })
}

/// `getLastRepaymentDate`: the n-th due date from the disbursement date, adjusted.
pub(crate) fn last_repayment_date(terms: &CumulativeTerms) -> Option<NaiveDate> {
    let mut date = terms.expected_disbursement_date;
    for index in 0..terms.number_of_repayments {
        date = next_repayment_date(date, terms, index == 0)?;
    }
    Some(adjust_repayment_date(date, terms)?.scheduled)
}

pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// `ChronoUnit.MONTHS.between`: whole months, counting a month only once its day is reached.
pub(crate) fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let raw = (i64::from(to.year()) * 12 + i64::from(to.month0()))
        - (i64::from(from.year()) * 12 + i64::from(from.month0()));
    if raw > 0 && to.day() < from.day() {
        raw - 1
    } else if raw < 0 && to.day() > from.day() {
        raw + 1
    } else {
        raw
    }
}

/// `LoanApplicationTerms.calculatePeriodsBetweenDates`: whole repayment units plus the leftover days
/// as a fraction of the next unit, the fraction computed in double (Fineract's arithmetic).
pub(crate) fn periods_between_dates(
    terms: &CumulativeTerms,
    start: NaiveDate,
    end: NaiveDate,
) -> Option<Decimal> {
    let (whole, fraction) = match terms.repayment_frequency {
        PeriodFrequency::Days => (days_between(start, end), 0.0),
        PeriodFrequency::Weeks => {
            let weeks = days_between(start, end) / 7;
            let left = days_between(plus_units(start, PeriodFrequency::Weeks, weeks)?, end);
            (weeks, left as f64 / 7.0)
        }
        PeriodFrequency::Months => {
            let months = months_between(start, end);
            let seed = seed_date(terms);
            let unit = PeriodFrequency::Months;
            let after = restore_seed_day(plus_units(start, unit, months)?, seed, unit);
            let next = restore_seed_day(plus_units(start, unit, months + 1)?, seed, unit);
            let left = days_between(after, end);
            let length = days_between(after, next);
            (months, left as f64 / length as f64)
        }
        PeriodFrequency::Years => {
            let years = months_between(start, end) / 12;
            let after = plus_units(start, PeriodFrequency::Years, years)?;
            let next = plus_units(start, PeriodFrequency::Years, years + 1)?;
            let left = days_between(after, end);
            let length = days_between(after, next);
            (years, left as f64 / length as f64)
        }
    };
    Some(Decimal::from(whole) + decimal_from_f64(fraction)?)
}
