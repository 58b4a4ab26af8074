//! Ports of `fineract-progressive-loan/src/test/java/org/apache/fineract/portfolio/loanproduct/calc/
//! ProgressiveEMICalculatorTest.java` (Fineract 4198b0bc). Each test names the Java test it mirrors;
//! `check_period!` takes the arguments of the Java `checkPeriod` in the same order.

use rust_decimal_macros::dec;

use super::{date, model, monthly_from_2024, rates};
use crate::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};
use crate::loans::progressive::arith::MathContext;
use crate::loans::progressive::rate_factor::rate_factor;
use crate::money::{round, RoundingMode};

const MC: MathContext = MathContext {
    digits: 12,
    mode: RoundingMode::HalfEven,
};

fn monthly(
    rate: rust_decimal::Decimal,
    year: DaysInYear,
    month: DaysInMonth,
) -> crate::loans::progressive::RateTerms {
    rates(rate, year, month, PeriodFrequency::Months, 1)
}

/// Rate factors of whole months, rounded to 12 places as the Java test prints them.
fn month_factors(year: DaysInYear, month: DaysInMonth) -> Vec<String> {
    let terms = monthly(dec!(9.4822), year, month);
    monthly_from_2024(6)
        .into_iter()
        .map(|p| {
            round(
                rate_factor(&terms, p, p, MC).unwrap(),
                12,
                RoundingMode::HalfEven,
            )
            .to_string()
        })
        .collect()
}

/// testRateFactorByRepaymentEveryMonthMethod_DayInYear365_DaysInMonthActual
#[test]
fn monthly_rate_factors_with_365_days_and_actual_months() {
    assert_eq!(
        month_factors(DaysInYear::Days365, DaysInMonth::Actual),
        [
            "0.008053375342",
            "0.007533802740",
            "0.008053375342",
            "0.007793589041",
            "0.008053375342",
            "0.007793589041"
        ]
    );
}

/// testRateFactorByRepaymentEveryMonthMethod_DayInYearActual_DaysInMonthActual
#[test]
fn monthly_rate_factors_with_actual_leap_year() {
    assert_eq!(
        month_factors(DaysInYear::Actual, DaysInMonth::Actual),
        [
            "0.008031371585",
            "0.007513218579",
            "0.008031371585",
            "0.007772295082",
            "0.008031371585",
            "0.007772295082"
        ]
    );
}

/// testEMICalculation_CheckEmiButNewEmiNotBetterThanOriginal
#[test]
fn emi_365_actual_keeps_the_original_emi_when_rebalancing_does_not_help() {
    let mut m = model(
        &monthly_from_2024(6),
        monthly(dec!(15.678), DaysInYear::Days365, DaysInMonth::Actual),
    );
    m.add_disbursement(date(2024, 1, 1), dec!(100));
    check_period!(m, 0, 0, 17.43, 0.0, 0.0, 1.33, 16.1, 83.9);
    check_period!(m, 0, 1, 17.43, 0.013315561644, 1.33, 16.1, 83.9);
    check_period!(m, 1, 0, 17.43, 0.012456493151, 1.05, 16.38, 67.52);
    check_period!(m, 2, 0, 17.43, 0.013315561644, 0.90, 16.53, 50.99);
    check_period!(m, 3, 0, 17.43, 0.012886027397, 0.66, 16.77, 34.22);
    check_period!(m, 4, 0, 17.43, 0.013315561644, 0.46, 16.97, 17.25);
    check_period!(m, 5, 0, 17.47, 0.012886027397, 0.22, 17.25, 0.0);
}

fn standard_100_at_9_4822() -> crate::loans::progressive::EmiModel {
    let mut m = model(
        &monthly_from_2024(6),
        monthly(dec!(9.4822), DaysInYear::Days360, DaysInMonth::Days30),
    );
    m.add_disbursement(date(2024, 1, 1), dec!(100));
    m
}

fn check_standard_100_at_9_4822(m: &crate::loans::progressive::EmiModel) {
    check_period!(m, 0, 0, 17.13, 0.0, 0.0, 0.79, 16.34, 83.66);
    check_period!(m, 0, 1, 17.13, 0.007901833333, 0.79, 16.34, 83.66);
    check_period!(m, 1, 0, 17.13, 0.007901833333, 0.66, 16.47, 67.19);
    check_period!(m, 2, 0, 17.13, 0.007901833333, 0.53, 16.60, 50.59);
    check_period!(m, 3, 0, 17.13, 0.007901833333, 0.40, 16.73, 33.86);
    check_period!(m, 4, 0, 17.13, 0.007901833333, 0.27, 16.86, 17.0);
    check_period!(m, 5, 0, 17.13, 0.007901833333, 0.13, 17.00, 0.0);
}

/// testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month
#[test]
fn emi_360_30_monthly() {
    check_standard_100_at_9_4822(&standard_100_at_9_4822());
}

/// testEMICalculation_multi_disbursedAmt200_2ndOnDueDate_dayInYears360_daysInMonth30_repayEvery1Month
#[test]
fn second_disbursement_on_a_due_date_changes_the_emi_from_the_next_period() {
    let mut m = standard_100_at_9_4822();
    check_standard_100_at_9_4822(&m);
    m.add_disbursement(date(2024, 3, 1), dec!(100));
    check_period!(m, 0, 0, 17.13, 0.0, 0.0, 0.79, 16.34, 83.66);
    check_period!(m, 0, 1, 17.13, 0.007901833333, 0.79, 16.34, 83.66);
    check_period!(m, 1, 0, 17.13, 0.007901833333, 0.66, 16.47, 167.19);
    check_period!(m, 2, 0, 42.63, 0.007901833333, 1.32, 1.32, 41.31, 125.88);
    check_period!(m, 3, 0, 42.63, 0.007901833333, 0.99, 41.64, 84.24);
    check_period!(m, 4, 0, 42.63, 0.007901833333, 0.67, 41.96, 42.28);
    check_period!(m, 5, 0, 42.61, 0.007901833333, 0.33, 42.28, 0.0);
}

/// testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month_reschedule:
/// a 43-day period still bears one month's rate factor.
#[test]
fn a_long_period_is_priced_as_one_month() {
    let dates = [
        (date(2024, 1, 1), date(2024, 2, 1)),
        (date(2024, 2, 1), date(2024, 3, 15)),
        (date(2024, 3, 15), date(2024, 4, 15)),
        (date(2024, 4, 15), date(2024, 5, 15)),
        (date(2024, 5, 15), date(2024, 6, 15)),
        (date(2024, 6, 15), date(2024, 7, 15)),
    ];
    let mut m = model(
        &dates,
        monthly(dec!(9.4822), DaysInYear::Days360, DaysInMonth::Days30),
    );
    m.add_disbursement(date(2024, 1, 1), dec!(100));
    check_standard_100_at_9_4822(&m);
}

fn standard_100_at_7() -> crate::loans::progressive::EmiModel {
    let mut m = model(
        &monthly_from_2024(6),
        monthly(dec!(7), DaysInYear::Days360, DaysInMonth::Days30),
    );
    m.add_disbursement(date(2024, 1, 1), dec!(100));
    m
}

/// testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month_add_balance_correction_on0215
/// (the schedule checks; the payable-details forecasts are not ported).
#[test]
fn early_principal_payments_split_the_period_and_move_unrecognised_interest() {
    let mut m = standard_100_at_7();
    m.pay_principal(date(2024, 3, 1), date(2024, 2, 15), dec!(16.77));
    m.pay_interest(date(2024, 3, 1), dec!(0.24));
    check_period!(m, 0, 1, 17.01, 0.005833333333, 0.58, 16.43, 83.57);
    check_period!(m, 1, 0, 17.01, 0.002816091954, 0.24, 16.77, 66.80);
    check_period!(m, 1, 1, 17.01, 0.003017241379, 0.20, 0.24, 16.77, 66.80);
    check_period!(m, 2, 0, 17.01, 0.005833333333, 0.39, 0.59, 16.42, 50.38);
    check_period!(m, 3, 0, 17.01, 0.005833333333, 0.29, 16.72, 33.66);
    check_period!(m, 4, 0, 17.01, 0.005833333333, 0.20, 16.81, 16.85);
    check_period!(m, 5, 0, 16.95, 0.005833333333, 0.10, 16.85, 0.0);

    m.pay_principal(date(2024, 4, 1), date(2024, 3, 1), dec!(16.42));
    m.pay_interest(date(2024, 4, 1), dec!(0.49));
    check_period!(m, 0, 1, 17.01, 0.005833333333, 0.58, 16.43, 83.57);
    check_period!(m, 1, 0, 17.01, 0.002816091954, 0.24, 16.77, 50.38);
    check_period!(m, 1, 1, 17.01, 0.003017241379, 0.20, 0.24, 16.77, 50.38);
    check_period!(m, 2, 0, 17.01, 0.005833333333, 0.29, 0.49, 16.52, 50.28);
    check_period!(m, 3, 0, 17.01, 0.005833333333, 0.29, 16.72, 33.56);
    check_period!(m, 4, 0, 17.01, 0.005833333333, 0.20, 16.81, 16.75);
    check_period!(m, 5, 0, 16.85, 0.005833333333, 0.10, 16.75, 0.0);

    // A zero correction inside the last period only splits it.
    m.add_balance_correction(date(2024, 6, 10), dec!(0));
    let last = &m.periods[5].interest_periods;
    assert_eq!(last.len(), 2);
    assert_eq!(
        (last[0].from, last[0].due),
        (date(2024, 6, 1), date(2024, 6, 10))
    );
    assert_eq!(
        (last[1].from, last[1].due),
        (date(2024, 6, 10), date(2024, 7, 1))
    );
}

/// testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month_payoff_on0215
#[test]
fn pay_off_on_15_february() {
    let mut m = standard_100_at_7();
    m.pay_principal(date(2024, 2, 1), date(2024, 2, 15), dec!(15.0));
    m.pay_principal(date(2024, 2, 1), date(2024, 2, 15), dec!(1.43));
    m.pay_interest(date(2024, 2, 1), dec!(0.58));
    m.pay_principal(date(2024, 3, 1), date(2024, 2, 15), dec!(16.77));
    m.pay_interest(date(2024, 3, 1), dec!(0.24));
    for due in [date(2024, 4, 1), date(2024, 5, 1), date(2024, 6, 1)] {
        m.pay_principal(due, date(2024, 2, 15), dec!(17.01));
    }
    m.pay_principal(date(2024, 7, 1), date(2024, 2, 15), dec!(15.77));
    check_period!(m, 0, 1, 17.01, 0.005833333333, 0.58, 16.43, 83.57);
    check_period!(m, 1, 0, 17.01, 0.002816091954, 0.24, 0.24, 16.77, 0.0);
    check_period!(m, 1, 1, 17.01, 0.003017241379, 0.0, 0.24, 16.77, 0.0);
    check_period!(m, 2, 0, 17.01, 0.005833333333, 0.0, 0.0, 17.01, 0.0);
    check_period!(m, 3, 0, 17.01, 0.005833333333, 0.0, 0.0, 17.01, 0.0);
    check_period!(m, 4, 0, 17.01, 0.005833333333, 0.0, 0.0, 17.01, 0.0);
    check_period!(m, 5, 0, 15.77, 0.005833333333, 0.0, 0.0, 15.77, 0.0);
}

/// testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month_payoff_on0115
#[test]
fn pay_off_on_15_january() {
    let mut m = standard_100_at_7();
    m.pay_principal(date(2024, 2, 1), date(2024, 1, 15), dec!(16.75));
    m.pay_interest(date(2024, 2, 1), dec!(0.26));
    for due in [
        date(2024, 3, 1),
        date(2024, 4, 1),
        date(2024, 5, 1),
        date(2024, 6, 1),
    ] {
        m.pay_principal(due, date(2024, 1, 15), dec!(17.01));
    }
    check_period!(m, 0, 0, 17.01, 0.0, 0.0, 0.26, 16.75, 15.21);
    check_period!(m, 0, 1, 17.01, 0.002634408602, 0.26, 16.75, 15.21);
    check_period!(m, 0, 2, 17.01, 0.003198924731, 0.05, 0.26, 16.75, 15.21);
    check_period!(m, 1, 0, 17.01, 0.005833333333, 0.09, 0.0, 17.01, 15.21);
    check_period!(m, 2, 0, 17.01, 0.005833333333, 0.09, 0.0, 17.01, 15.21);
    check_period!(m, 3, 0, 17.01, 0.005833333333, 0.09, 0.0, 17.01, 15.21);
    check_period!(m, 4, 0, 17.01, 0.005833333333, 0.09, 0.0, 17.01, 15.21);
    check_period!(m, 5, 0, 15.71, 0.005833333333, 0.09, 0.5, 15.21, 0.0);

    m.pay_principal(date(2024, 7, 1), date(2024, 1, 15), dec!(15.21));
    check_period!(m, 0, 0, 17.01, 0.0, 0.0, 0.26, 16.75, 0.0);
    check_period!(m, 0, 1, 17.01, 0.002634408602, 0.26, 16.75, 0.0);
    check_period!(m, 0, 2, 17.01, 0.003198924731, 0.0, 0.26, 16.75, 0.0);
    check_period!(m, 1, 0, 17.01, 0.005833333333, 0.0, 0.0, 17.01, 0.0);
    check_period!(m, 5, 0, 15.21, 0.005833333333, 0.0, 0.0, 15.21, 0.0);
}

/// testEMICalculation_multiDisbursedAmt300InSamePeriod_dayInYears360_daysInMonth30_repayEvery1Month
#[test]
fn second_disbursement_inside_the_first_period_splits_its_interest() {
    let mut m = standard_100_at_9_4822();
    check_standard_100_at_9_4822(&m);
    m.add_disbursement(date(2024, 1, 8), dec!(200));
    check_period!(m, 0, 0, 51.33, 0.0, 0.0, 2.02, 49.31, 250.69);
    check_period!(m, 0, 1, 51.33, 0.001784284946, 0.18, 2.02, 49.31, 250.69);
    check_period!(m, 0, 2, 51.33, 0.006117548387, 1.84, 2.02, 49.31, 250.69);
    check_period!(m, 1, 0, 51.33, 0.007901833333, 1.98, 49.35, 201.34);
    check_period!(m, 2, 0, 51.33, 0.007901833333, 1.59, 49.74, 151.60);
    check_period!(m, 3, 0, 51.33, 0.007901833333, 1.20, 50.13, 101.47);
    check_period!(m, 4, 0, 51.33, 0.007901833333, 0.80, 50.53, 50.94);
    check_period!(m, 5, 0, 51.34, 0.007901833333, 0.40, 50.94, 0.0);
}

/// testEMICalculation_multiDisbursedAmt200InDifferentPeriod_dayInYears360_daysInMonth30_repayEvery1Month
#[test]
fn second_disbursement_in_a_later_period() {
    let mut m = standard_100_at_9_4822();
    m.add_disbursement(date(2024, 2, 15), dec!(100));
    check_period!(m, 0, 0, 17.13, 0.0, 0.0, 0.79, 16.34, 83.66);
    check_period!(m, 0, 1, 17.13, 0.007901833333, 0.79, 16.34, 83.66);
    check_period!(m, 1, 0, 37.53, 0.003814678161, 0.32, 1.07, 36.46, 147.20);
    check_period!(m, 1, 1, 37.53, 0.004087155172, 0.75, 1.07, 36.46, 147.20);
    check_period!(m, 2, 0, 37.53, 0.007901833333, 1.16, 36.37, 110.83);
    check_period!(m, 3, 0, 37.53, 0.007901833333, 0.88, 36.65, 74.18);
    check_period!(m, 4, 0, 37.53, 0.007901833333, 0.59, 36.94, 37.24);
    check_period!(m, 5, 0, 37.53, 0.007901833333, 0.29, 37.24, 0.0);
}

/// testEMICalculation_multiDisbursedAmt150InSamePeriod_dayInYears360_daysInMonth30_repayEvery1Month_backdated_disbursement
#[test]
fn disbursements_after_the_period_start_and_twice_on_one_day() {
    let mut m = model(
        &monthly_from_2024(6),
        monthly(dec!(9.4822), DaysInYear::Days360, DaysInMonth::Days30),
    );
    m.add_disbursement(date(2024, 1, 5), dec!(100));
    m.add_disbursement(date(2024, 1, 8), dec!(50));
    m.add_disbursement(date(2024, 1, 8), dec!(25));
    check_period!(m, 0, 0, 29.94, 0.001019591398, 0.00, 1.15, 28.79, 146.21);
    check_period!(m, 0, 1, 29.94, 0.000764693548, 0.08, 1.15, 28.79, 146.21);
    check_period!(m, 0, 2, 29.94, 0.006117548387, 1.07, 1.15, 28.79, 146.21);
    check_period!(m, 1, 0, 29.94, 0.007901833333, 1.16, 28.78, 117.43);
    check_period!(m, 2, 0, 29.94, 0.007901833333, 0.93, 29.01, 88.42);
    check_period!(m, 3, 0, 29.94, 0.007901833333, 0.70, 29.24, 59.18);
    check_period!(m, 4, 0, 29.94, 0.007901833333, 0.47, 29.47, 29.71);
    check_period!(m, 5, 0, 29.94, 0.007901833333, 0.23, 29.71, 0.0);
}

/// testEMICalculation_disbursedAmt100_dayInYearsActual_daysInMonthActual_repayEvery1Month: the first
/// period crosses into 2024, so its factor is 0.094822 x (19/365 + 12/366).
#[test]
fn actual_year_crossing_the_year_end() {
    let dates = [
        (date(2023, 12, 12), date(2024, 1, 12)),
        (date(2024, 1, 12), date(2024, 2, 12)),
        (date(2024, 2, 12), date(2024, 3, 1)),
        (date(2024, 3, 12), date(2024, 4, 1)),
        (date(2024, 4, 12), date(2024, 5, 1)),
        (date(2024, 5, 12), date(2024, 6, 1)),
    ];
    let mut m = model(
        &dates,
        monthly(dec!(9.4822), DaysInYear::Actual, DaysInMonth::Actual),
    );
    m.add_disbursement(date(2023, 12, 12), dec!(100));
    check_period!(m, 0, 0, 17.13, 0.0, 0.0, 0.80, 16.33, 83.67);
    check_period!(m, 0, 1, 17.13, 0.008044857759, 0.80, 16.33, 83.67);
    check_period!(m, 1, 0, 17.13, 0.008031371585, 0.67, 16.46, 67.21);
    check_period!(m, 2, 0, 17.13, 0.007513218579, 0.50, 16.63, 50.58);
    check_period!(m, 3, 0, 17.13, 0.008031371585, 0.41, 16.72, 33.86);
    check_period!(m, 4, 0, 17.13, 0.007772295082, 0.26, 16.87, 16.99);
    check_period!(m, 5, 0, 17.13, 0.008031371585, 0.14, 16.99, 0.0);
}

/// testEMICalculation_disbursedAmt1000_NoInterest_repayEvery1Month
#[test]
fn zero_interest_splits_the_principal_evenly() {
    let mut m = model(
        &monthly_from_2024(4),
        monthly(dec!(0), DaysInYear::Actual, DaysInMonth::Actual),
    );
    m.add_disbursement(date(2024, 1, 1), dec!(1000));
    check_period!(m, 0, 0, 250.0, 0.0, 0.0, 250.0, 750.0);
    check_period!(m, 1, 0, 250.0, 0.0, 0.0, 250.0, 500.0);
    check_period!(m, 2, 0, 250.0, 0.0, 0.0, 250.0, 250.0);
    check_period!(m, 3, 0, 250.0, 0.0, 0.0, 250.0, 0.0);
}

fn weekly_dates(every_days: u64, count: u64) -> Vec<(chrono::NaiveDate, chrono::NaiveDate)> {
    (0..count)
        .map(|i| {
            let from = date(2024, 1, 1) + chrono::Days::new(i * every_days);
            (from, from + chrono::Days::new(every_days))
        })
        .collect()
}

/// testEMICalculation_disbursedAmt100_dayInYears364_daysInMonthActual_repayEvery1Week
#[test]
fn weekly_with_364_day_years() {
    let terms = rates(
        dec!(9.4822),
        DaysInYear::Days364,
        DaysInMonth::Actual,
        PeriodFrequency::Weeks,
        1,
    );
    let mut m = model(&weekly_dates(7, 6), terms);
    m.add_disbursement(date(2024, 1, 1), dec!(100));
    check_period!(m, 0, 0, 16.77, 0.0, 0.0, 0.18, 16.59, 83.41);
    check_period!(m, 0, 1, 16.77, 0.001823500000, 0.18, 16.59, 83.41);
    check_period!(m, 1, 0, 16.77, 0.001823500000, 0.15, 16.62, 66.79);
    check_period!(m, 2, 0, 16.77, 0.001823500000, 0.12, 16.65, 50.14);
    check_period!(m, 3, 0, 16.77, 0.001823500000, 0.09, 16.68, 33.46);
    check_period!(m, 4, 0, 16.77, 0.001823500000, 0.06, 16.71, 16.75);
    check_period!(m, 5, 0, 16.78, 0.001823500000, 0.03, 16.75, 0.0);
}

/// testEMICalculation_disbursedAmt100_dayInYears364_daysInMonthActual_repayEvery2Week
#[test]
fn every_two_weeks_with_364_day_years() {
    let terms = rates(
        dec!(9.4822),
        DaysInYear::Days364,
        DaysInMonth::Actual,
        PeriodFrequency::Weeks,
        2,
    );
    let mut m = model(&weekly_dates(14, 3), terms);
    m.add_disbursement(date(2024, 1, 1), dec!(100));
    check_period!(m, 0, 0, 33.57, 0.0, 0.0, 0.36, 33.21, 66.79);
    check_period!(m, 0, 1, 33.57, 0.003647000000, 0.36, 33.21, 66.79);
    check_period!(m, 1, 0, 33.57, 0.003647000000, 0.24, 33.33, 33.46);
    check_period!(m, 2, 0, 33.58, 0.003647000000, 0.12, 33.46, 0.0);
}

/// testEMICalculation_disbursedAmt100_dayInYears360_daysInMonthDoesntMatter_repayEvery15Days
#[test]
fn every_fifteen_days_with_360_day_years() {
    let terms = rates(
        dec!(9.4822),
        DaysInYear::Days360,
        DaysInMonth::Days30,
        PeriodFrequency::Days,
        15,
    );
    let mut m = model(&weekly_dates(15, 6), terms);
    m.add_disbursement(date(2024, 1, 1), dec!(100));
    check_period!(m, 0, 0, 16.90, 0.0, 0.0, 0.40, 16.50, 83.50);
    check_period!(m, 0, 1, 16.90, 0.003950916667, 0.40, 16.50, 83.50);
    check_period!(m, 1, 0, 16.90, 0.003950916667, 0.33, 16.57, 66.93);
    check_period!(m, 2, 0, 16.90, 0.003950916667, 0.26, 16.64, 50.29);
    check_period!(m, 3, 0, 16.90, 0.003950916667, 0.20, 16.70, 33.59);
    check_period!(m, 4, 0, 16.90, 0.003950916667, 0.13, 16.77, 16.82);
    check_period!(m, 5, 0, 16.89, 0.003950916667, 0.07, 16.82, 0.0);
}

/// testEMICalculation_performance: 12 months of 100 at 7 % (360/30) -> EMI 8.65 except the last.
#[test]
fn twelve_monthly_installments_of_8_65() {
    let mut m = model(
        &monthly_from_2024(12),
        monthly(dec!(7), DaysInYear::Days360, DaysInMonth::Days30),
    );
    m.add_disbursement(date(2024, 1, 1), dec!(100));
    let figures = m.figures();
    for (i, (period, f)) in m.periods.iter().zip(&figures).enumerate() {
        assert!(f.due_principal > dec!(0) && f.due_interest > dec!(0));
        if i == 11 {
            assert_eq!(f.outstanding, dec!(0));
        } else {
            assert_eq!(period.emi, dec!(8.65));
            assert!(f.outstanding > dec!(0));
        }
    }
}
