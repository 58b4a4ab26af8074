//! Repayment frequencies other than plain monthly: a worked example from Fineract's integration
//! tests (`integration-tests/src/test/java/org/apache/fineract/integrationtests/...`) and the
//! n-th weekday rule, which no Fineract test pins down.

use super::support::{assert_schedule, dec, row};
use crate::loans::common::PeriodFrequency;
use rust_decimal::Decimal;

use crate::loans::cumulative::{
    generate_cumulative_schedule, AmortizationMethod, CumulativeTerms, InterestCalculationPeriod,
    InterestMethod, NthWeekday,
};

/// ClientLoanIntegrationTest.testLoanScheduleWithInterestRecalculation_WITH_REST_SAME_AS_REPAYMENT_INTEREST_COMPOUND_NONE_STRATEGY_REDUCE_EMI
/// (and the REST_DAILY / REDUCE_NUMBER_OF_INSTALLMENTS twin): the pending application's schedule,
/// before any transaction, so recalculation plays no part. 10 000 at 2 % a month (the product's
/// rate frequency), 4 weekly repayments, declining balance, same-as-repayment interest: the weekly
/// rate is 24 / 52 / 100. The test dates the loan 14 days before today with due dates every 7
/// days; any start shows the same figures, 1 January 2024 is used here.
#[test]
fn weekly_declining_equal_installments_24_percent() {
    let mut terms = CumulativeTerms::monthly(
        dec("10000"),
        dec("24"),
        4,
        super::support::date("2024-01-01"),
    );
    terms.repayment_frequency = PeriodFrequency::Weeks;
    terms.loan_term_frequency = 4;
    terms.interest_method = InterestMethod::DecliningBalance;
    terms.interest_calculation_period = InterestCalculationPeriod::SameAsRepaymentPeriod;
    terms.amortization = AmortizationMethod::EqualInstallments;
    assert_schedule(
        &terms,
        &[
            row("2024-01-08", 7, "7517.24", "2482.76", "46.15", "2528.91"),
            row("2024-01-15", 7, "5023.02", "2494.22", "34.69", "2528.91"),
            row("2024-01-22", 7, "2517.29", "2505.73", "23.18", "2528.91"),
            row("2024-01-29", 7, "0", "2517.29", "11.62", "2528.91"),
        ],
    );
}

/// Monthly on the second Monday (`repaymentFrequencyNthDayType` 2, `repaymentFrequencyDayOfWeekType`
/// 1). Fineract's test suites have no schedule for this; the dates follow its loan calendar
/// (`FREQ=MONTHLY;BYSETPOS=2;BYDAY=MO` from the disbursement date, next occurrence strictly after
/// the previous due date), and with same-as-repayment interest the amounts equal the plain monthly
/// loan's, since the rate does not depend on the dates.
#[test]
fn monthly_on_the_second_monday() {
    let start = super::support::date("2024-01-10");
    let plain = CumulativeTerms::monthly(dec("1000"), dec("12"), 4, start);
    let mut terms = plain.clone();
    terms.repayment_on_nth_weekday = NthWeekday::from_fineract_ids(2, 1);
    let schedule = generate_cumulative_schedule(&terms).unwrap();
    let dates: Vec<String> = schedule
        .installments
        .iter()
        .map(|i| i.due_date.to_string())
        .collect();
    // January's second Monday (the 8th) is before the disbursement.
    assert_eq!(
        dates,
        ["2024-02-12", "2024-03-11", "2024-04-08", "2024-05-13"]
    );
    let amounts = |s: &crate::loans::cumulative::Schedule| -> Vec<(Decimal, Decimal)> {
        s.installments
            .iter()
            .map(|i| (i.principal_due, i.interest_due))
            .collect()
    };
    let expected = generate_cumulative_schedule(&plain).unwrap();
    assert_eq!(amounts(&schedule), amounts(&expected));
}

/// The last Friday, every two months, first repayment given: the rule restarts from that date.
#[test]
fn every_two_months_on_the_last_friday_from_a_first_repayment_date() {
    let mut terms =
        CumulativeTerms::monthly(dec("600"), dec("0"), 3, super::support::date("2024-01-05"));
    terms.repayment_every = 2;
    terms.loan_term_frequency = 6;
    terms.repayments_starting_from_date = Some(super::support::date("2024-02-23"));
    terms.repayment_on_nth_weekday = NthWeekday::from_fineract_ids(-1, 5);
    let schedule = generate_cumulative_schedule(&terms).unwrap();
    let dates: Vec<String> = schedule
        .installments
        .iter()
        .map(|i| i.due_date.to_string())
        .collect();
    assert_eq!(dates, ["2024-02-23", "2024-04-26", "2024-06-28"]);
}

/// ClientLoanIntegrationTest.testLoanScheduleWithInterestRecalculation_FOR_PRE_CLOSE_WITH_MORATORIUM_*
/// (both pre-close strategies): the same weekly loan with `graceOnInterestPayment` 1. The first
/// week's 46.15 is deferred to the second (34.69 + 46.15 = 80.84) while the principal keeps
/// following the EMI. The pending schedule is asserted before any transaction.
#[test]
fn weekly_declining_with_one_period_of_interest_payment_grace() {
    let mut terms = CumulativeTerms::monthly(
        dec("10000"),
        dec("24"),
        4,
        super::support::date("2024-01-01"),
    );
    terms.repayment_frequency = PeriodFrequency::Weeks;
    terms.loan_term_frequency = 4;
    terms.grace.on_interest_payment_periods = 1;
    assert_schedule(
        &terms,
        &[
            row("2024-01-08", 7, "7517.24", "2482.76", "0", "2482.76"),
            row("2024-01-15", 7, "5023.02", "2494.22", "80.84", "2575.06"),
            row("2024-01-22", 7, "2517.29", "2505.73", "23.18", "2528.91"),
            row("2024-01-29", 7, "0", "2517.29", "11.62", "2528.91"),
        ],
    );
}

/// DueDateRespectiveLoanRepaymentScheduleTest.scenario4: 1000 at 0 %, flat, equal principal, three
/// repayments every 30 days from 1 January 2023. Fineract asserts 333.33 principal for the first two
/// periods; the dates are 30 days apart (`plusDays`) and the last period takes the remaining 333.34.
#[test]
fn every_30_days_equal_principal_zero_interest() {
    let mut terms =
        CumulativeTerms::monthly(dec("1000"), dec("0"), 3, super::support::date("2023-01-01"));
    terms.repayment_frequency = PeriodFrequency::Days;
    terms.repayment_every = 30;
    terms.loan_term_frequency = 90;
    terms.interest_method = InterestMethod::Flat;
    terms.amortization = AmortizationMethod::EqualPrincipal;
    assert_schedule(
        &terms,
        &[
            row("2023-01-31", 30, "666.67", "333.33", "0", "333.33"),
            row("2023-03-02", 30, "333.34", "333.33", "0", "333.33"),
            row("2023-04-01", 30, "0", "333.34", "0", "333.34"),
        ],
    );
}
