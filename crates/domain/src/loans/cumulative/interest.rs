//! Interest rates and amounts of the cumulative engine, step by step as Fineract rounds them: rates
//! through the 12-digit MathContext, amounts at the currency scale, the EMI in IEEE double.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::dates::{days_between, periods_between_dates, plus_units};
use super::terms::{CumulativeTerms, InterestCalculationPeriod};
use crate::loans::common::{
    decimal_to_f64, round_significant, DaysInMonth, DaysInYear, PeriodFrequency,
};

/// `calculatePeriodsInOneYear`: periods per year of the repayment frequency; a fixed day count for
/// daily repayments; days-in-year for DAILY interest, where "actual" means a flat 365 (no leap years
/// in this engine).
pub(crate) fn periods_in_one_year(terms: &CumulativeTerms) -> u32 {
    if terms.interest_calculation_period == InterestCalculationPeriod::Daily {
        return terms.days_in_year.fixed_days().unwrap_or(365);
    }
    match terms.repayment_frequency {
        PeriodFrequency::Days => terms.days_in_year.fixed_days().unwrap_or(365),
        PeriodFrequency::Weeks => 52,
        PeriodFrequency::Months => 12,
        PeriodFrequency::Years => 1,
    }
}

/// annual / periods-per-year / 100, each division under the 12-digit MathContext.
pub(crate) fn rate_per_year_period(terms: &CumulativeTerms) -> Decimal {
    let mode = terms.rounding_mode;
    let per_period = round_significant(
        terms.annual_nominal_interest_rate_percent / Decimal::from(periods_in_one_year(terms)),
        mode,
    );
    round_significant(per_period / Decimal::ONE_HUNDRED, mode)
}

/// How the rate of one period is measured: the real period, or the standard one the EMI assumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RateBasis {
    Period,
    /// `isForPMT`: repaymentEvery units, 30-day months, 365-day years.
    Pmt,
}

/// `periodicInterestRate`: the rate for the interval `start..end`.
pub(crate) fn periodic_interest_rate(
    terms: &CumulativeTerms,
    start: NaiveDate,
    end: NaiveDate,
    basis: RateBasis,
) -> Option<Decimal> {
    let mode = terms.rounding_mode;
    let (days_in_month, days_in_year) = match basis {
        RateBasis::Period => (terms.days_in_month, terms.days_in_year),
        RateBasis::Pmt => (DaysInMonth::Days30, DaysInYear::Days365),
    };
    let frequency = match basis {
        RateBasis::Pmt => Decimal::from(terms.repayment_every),
        RateBasis::Period => {
            if terms.interest_calculation_period == InterestCalculationPeriod::Daily
                || terms.allow_partial_period_interest_calculation
            {
                periods_between_dates(terms, start, end)?
            } else {
                Decimal::from(terms.repayment_every)
            }
        }
    };
    let per_unit = rate_per_year_period(terms);
    Some(match terms.interest_calculation_period {
        InterestCalculationPeriod::SameAsRepaymentPeriod => per_unit * frequency,
        InterestCalculationPeriod::Daily => {
            let mut days = Decimal::from(days_between(start, end));
            match terms.repayment_frequency {
                PeriodFrequency::Days | PeriodFrequency::Weeks => {}
                PeriodFrequency::Months => {
                    if days_in_month == DaysInMonth::Days30 {
                        days = round_significant(frequency * Decimal::from(30), mode);
                    }
                }
                PeriodFrequency::Years => {
                    if let Some(year) = days_in_year.fixed_days() {
                        days = round_significant(frequency * Decimal::from(year), mode);
                    }
                }
            }
            round_significant(per_unit * days, mode)
        }
    })
}

/// Excel's PMT as `FinanicalFunctions.pmt` computes it, in IEEE double on purpose: Fineract's EMI is
/// this double converted with `BigDecimal.valueOf`, so the cents depend on the double arithmetic.
pub(crate) fn pmt_in_double(rate_fraction: f64, payments: f64, present_value: f64) -> f64 {
    if rate_fraction == 0.0 {
        return -present_value / payments;
    }
    let growth = (rate_fraction + 1.0).powf(payments);
    (present_value * growth) * rate_fraction / (1.0 - growth)
}

/// The EMI rate as a double (`BigDecimal.doubleValue`), the interval being the standard first period
/// from the first of the disbursement month.
pub(crate) fn pmt_rate(terms: &CumulativeTerms) -> Option<f64> {
    let start = terms.expected_disbursement_date.with_day0(0)?;
    let end = plus_units(
        start,
        terms.repayment_frequency,
        i64::from(terms.repayment_every),
    )?;
    Some(decimal_to_f64(periodic_interest_rate(
        terms,
        start,
        end,
        RateBasis::Pmt,
    )?))
}
