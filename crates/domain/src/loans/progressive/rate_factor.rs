//! Rate factors: the share of the annual rate one interest period bears. The progressive engine's own
//! day count: a whole repayment period is priced as one standard period (a month is days-in-month /
//! days-in-year whatever its real length); only sub-periods are prorated by actual days.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::arith::MathContext;
use super::terms::RateTerms;
use crate::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};

pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

fn year_length(year: i32) -> i64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

fn month_length(date: NaiveDate) -> i64 {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|first| first.pred_opt())
        .map_or(30, |last| i64::from(last.day()))
}

/// `DaysInYearType.getNumberOfDays(date)`: actual is the length of the year containing `date`.
fn days_in_year(kind: DaysInYear, date: NaiveDate) -> i64 {
    kind.fixed_days()
        .map_or_else(|| year_length(date.year()), i64::from)
}

/// `DaysInMonthType.getNumberOfDays(date)`: actual is the length of the month containing `date`.
fn days_in_month(kind: DaysInMonth, date: NaiveDate) -> i64 {
    match kind {
        DaysInMonth::Actual => month_length(date),
        DaysInMonth::Days30 => 30,
    }
}

/// The rate factor of the interest sub-period `[from, due]` inside the repayment period
/// `[period_from, period_due]` (`ProgressiveEMICalculator.calculateRateFactorPerPeriod`).
/// `None` for yearly repayments, which Fineract does not support either.
pub(crate) fn rate_factor(
    rates: &RateTerms,
    period: (NaiveDate, NaiveDate),
    interest: (NaiveDate, NaiveDate),
    mc: MathContext,
) -> Option<Decimal> {
    let rate = mc.div(rates.annual_rate_percent, Decimal::ONE_HUNDRED);
    let every = Decimal::from(rates.repayment_every);
    let (from, due) = interest;
    if rates.days_in_year == DaysInYear::Actual && due.year() > from.year() {
        // Crossing a year end with actual years: sum of (days in each year / its length); the
        // repayment frequency is ignored here (Fineract quirk: a 2-week period counts 2 x its days).
        let fraction = year_fractions(from, due, mc);
        return Some(mc.div(
            mc.mul(mc.mul(rate, every * fraction), Decimal::ONE),
            Decimal::ONE,
        ));
    }
    let unit_days = match rates.repayment_frequency {
        PeriodFrequency::Days => 1,
        PeriodFrequency::Weeks => 7,
        PeriodFrequency::Months => days_in_month(rates.days_in_month, from),
        PeriodFrequency::Years => return None,
    };
    let year_days = days_in_year(rates.days_in_year, from);
    let actual_days = days_between(from, due);
    let period_days = days_between(period.0, period.1);
    if period_days == 0 {
        return Some(Decimal::ZERO);
    }
    let fraction = mc.div(
        mc.mul(Decimal::from(unit_days), every),
        Decimal::from(year_days),
    );
    let factor = mc.mul(mc.mul(rate, fraction), Decimal::from(actual_days));
    Some(mc.div(factor, Decimal::from(period_days)))
}

/// `calculatePeriodFractions`: the first year counts from `from` to 31 Dec, each later year from the
/// previous 31 Dec, so no day is lost or counted twice.
fn year_fractions(from: NaiveDate, due: NaiveDate, mc: MathContext) -> Decimal {
    let mut total = Decimal::ZERO;
    let mut start = from;
    for year in from.year()..=due.year() {
        let end = if year == due.year() {
            due
        } else {
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(due)
        };
        let share = mc.div(
            Decimal::from(days_between(start, end)),
            Decimal::from(year_length(year)),
        );
        total = mc.add(total, share);
        start = end;
    }
    total
}
