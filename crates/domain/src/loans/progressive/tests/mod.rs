//! Worked examples from Fineract's own tests, ported to the cent (each test names its source), and
//! property tests over generated loans.

/// Short form of `check` for the common case where the interest period's interest is the period's.
macro_rules! check_period {
    ($model:expr, $rp:expr, $ip:expr, $emi:expr, $rf:expr, $int:expr, $principal:expr, $balance:expr) => {
        check_period!($model, $rp, $ip, $emi, $rf, $int, $int, $principal, $balance)
    };
    ($model:expr, $rp:expr, $ip:expr, $emi:expr, $rf:expr, $int:expr, $due_int:expr, $principal:expr, $balance:expr) => {
        super::check(
            &$model,
            $rp,
            $ip,
            super::Expect {
                emi: rust_decimal_macros::dec!($emi),
                rate_factor: rust_decimal_macros::dec!($rf),
                interest_period_interest: rust_decimal_macros::dec!($int),
                due_interest: rust_decimal_macros::dec!($due_int),
                due_principal: rust_decimal_macros::dec!($principal),
                balance: rust_decimal_macros::dec!($balance),
            },
        )
    };
}

mod calculator;
mod generator;
mod properties;
mod working_days;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{CurrencyRules, EmiModel, RateTerms};
use crate::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};
use crate::money::{round, RoundingMode};

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `n` monthly periods from 1 Jan 2024, as the calculator test builds them.
pub(super) fn monthly_from_2024(n: u32) -> Vec<(NaiveDate, NaiveDate)> {
    (0..n)
        .map(|i| {
            let start = date(2024, 1, 1);
            let from = start.checked_add_months(chrono::Months::new(i)).unwrap();
            let due = start
                .checked_add_months(chrono::Months::new(i + 1))
                .unwrap();
            (from, due)
        })
        .collect()
}

pub(super) fn rates(
    annual_rate_percent: Decimal,
    days_in_year: DaysInYear,
    days_in_month: DaysInMonth,
    repayment_frequency: PeriodFrequency,
    repayment_every: u32,
) -> RateTerms {
    RateTerms {
        annual_rate_percent,
        days_in_year,
        days_in_month,
        repayment_frequency,
        repayment_every,
    }
}

pub(super) fn model(dates: &[(NaiveDate, NaiveDate)], rates: RateTerms) -> EmiModel {
    EmiModel::new(
        dates,
        rates,
        CurrencyRules::TWO_DECIMALS,
        None,
        RoundingMode::HalfEven,
    )
}

/// Expected values of one interest period, in the order of the Java test's `checkPeriod`.
pub(super) struct Expect {
    pub emi: Decimal,
    pub rate_factor: Decimal,
    pub interest_period_interest: Decimal,
    pub due_interest: Decimal,
    pub due_principal: Decimal,
    pub balance: Decimal,
}

/// `checkPeriod(model, repaymentIdx, interestIdx, emi, rateFactor, interestDue[, cumulated], principal, balance)`.
pub(super) fn check(model: &EmiModel, period: usize, interest: usize, e: Expect) {
    let figures = model.figures()[period];
    let rp = &model.periods[period];
    let ip = &rp.interest_periods[interest];
    let at = format!("period {period} interest period {interest}");
    assert_eq!(rp.emi, e.emi, "EMI of {at}");
    assert_eq!(
        round(ip.rate_factor, 12, RoundingMode::HalfEven),
        round(e.rate_factor, 12, RoundingMode::HalfEven),
        "rate factor of {at}"
    );
    assert_eq!(
        model.money(ip.outstanding * ip.rate_factor),
        e.interest_period_interest,
        "interest of {at}"
    );
    assert_eq!(figures.due_interest, e.due_interest, "due interest of {at}");
    assert_eq!(
        figures.due_principal, e.due_principal,
        "due principal of {at}"
    );
    assert_eq!(figures.outstanding, e.balance, "balance of {at}");
}
