//! Worked examples from Fineract's integration tests
//! (`integration-tests/src/test/java/org/apache/fineract/integrationtests/...`) and one e2e
//! reschedule scenario's starting schedule.

use super::support::{assert_schedule, date, dec, lp1, row};
use crate::loans::cumulative::{
    generate_cumulative_schedule,
    AmortizationMethod::EqualInstallments,
    InterestCalculationPeriod::SameAsRepaymentPeriod,
    InterestMethod::{DecliningBalance, Flat},
};

/// LoanInstallmentMultiplesOfTest.test_LoanRepaymentScheduleIsEquallyDistributed_WhenInterestIsPresent_AndInterestTypeIsFlat:
/// 416.67 -> 417, interest 12.50 -> 12, principal 417 + 12 - 12.5 = 416.50.
#[test]
fn flat_installment_multiples_of_1_round_principal_plus_interest() {
    let terms = lp1(
        "1250",
        "12",
        3,
        "2023-01-01",
        Flat,
        SameAsRepaymentPeriod,
        EqualInstallments,
    );
    assert_schedule(
        &terms,
        &[
            row("2023-02-01", 31, "833.5", "416.5", "12.5", "429.0"),
            row("2023-03-01", 28, "417.0", "416.5", "12.5", "429.0"),
            row("2023-04-01", 31, "0.0", "417.0", "12.5", "429.5"),
        ],
    );
}

/// LoanInstallmentMultiplesOfTest...AndInterestTypeIsFlat_AndMultiplesOfIs20: 420 + 20 - 12.5.
#[test]
fn flat_installment_multiples_of_20() {
    let mut terms = lp1(
        "1250",
        "12",
        3,
        "2023-01-01",
        Flat,
        SameAsRepaymentPeriod,
        EqualInstallments,
    );
    terms.installment_amount_in_multiples_of = Some(20);
    assert_schedule(
        &terms,
        &[
            row("2023-02-01", 31, "822.5", "427.5", "12.5", "440.0"),
            row("2023-03-01", 28, "395.0", "427.5", "12.5", "440.0"),
            row("2023-04-01", 31, "0.0", "395.0", "12.5", "407.5"),
        ],
    );
}

/// LoanInstallmentMultiplesOfTest.test_LoanRepaymentScheduleIsEquallyDistributed_WhenNoInterest_ButInterestTypeIs
/// (DECLINING_BALANCE): the zero-rate EMI 312.5 rounds half-even to 312.
#[test]
fn zero_interest_declining_installments_round_half_even_to_312() {
    let terms = lp1(
        "1250",
        "0",
        4,
        "2023-01-01",
        DecliningBalance,
        SameAsRepaymentPeriod,
        EqualInstallments,
    );
    assert_schedule(
        &terms,
        &[
            row("2023-02-01", 31, "938", "312", "0", "312"),
            row("2023-03-01", 28, "626", "312", "0", "312"),
            row("2023-04-01", 31, "314", "312", "0", "312"),
            row("2023-05-01", 30, "0", "314", "0", "314"),
        ],
    );
}

/// The same test with FLAT.
#[test]
fn zero_interest_flat_installments_round_half_even_to_312() {
    let terms = lp1(
        "1250",
        "0",
        4,
        "2023-01-01",
        Flat,
        SameAsRepaymentPeriod,
        EqualInstallments,
    );
    assert_schedule(
        &terms,
        &[
            row("2023-02-01", 31, "938", "312", "0", "312"),
            row("2023-03-01", 28, "626", "312", "0", "312"),
            row("2023-04-01", 31, "314", "312", "0", "312"),
            row("2023-05-01", 30, "0", "314", "0", "314"),
        ],
    );
}

/// LoanReschedule.feature, "multiple installments, new interest rate": the schedule before the
/// reschedule (3000 flat 12 %, 3 months).
#[test]
fn flat_3000_three_months_before_reschedule() {
    let terms = lp1(
        "3000",
        "12",
        3,
        "2023-07-01",
        Flat,
        SameAsRepaymentPeriod,
        EqualInstallments,
    );
    assert_schedule(
        &terms,
        &[
            row("2023-08-01", 31, "2000.0", "1000.0", "30.0", "1030.0"),
            row("2023-09-01", 31, "1000.0", "1000.0", "30.0", "1030.0"),
            row("2023-10-01", 30, "0.0", "1000.0", "30.0", "1030.0"),
        ],
    );
}

fn monthly_due_dates(first_repayment: &str) -> Vec<String> {
    // LoanApplicationScheduleMonthlyTest: 10000, 2 % a month, 14 months, disbursed 30 Dec 2022.
    let mut terms = crate::loans::cumulative::CumulativeTerms::monthly(
        dec("10000"),
        dec("24"),
        14,
        date("2022-12-30"),
    );
    terms.repayments_starting_from_date = Some(date(first_repayment));
    let schedule = generate_cumulative_schedule(&terms).unwrap();
    schedule
        .installments
        .iter()
        .map(|i| i.due_date.format("%m-%d").to_string())
        .collect()
}

/// LoanApplicationScheduleMonthlyTest.validateSeedDate31.
#[test]
fn seed_day_31_returns_to_month_end() {
    assert_eq!(
        monthly_due_dates("2023-01-31"),
        [
            "01-31", "02-28", "03-31", "04-30", "05-31", "06-30", "07-31", "08-31", "09-30",
            "10-31", "11-30", "12-31", "01-31", "02-29"
        ]
    );
}

/// LoanApplicationScheduleMonthlyTest.validateSeedDate30.
#[test]
fn seed_day_30_returns_to_the_30th() {
    assert_eq!(
        monthly_due_dates("2023-01-30"),
        [
            "01-30", "02-28", "03-30", "04-30", "05-30", "06-30", "07-30", "08-30", "09-30",
            "10-30", "11-30", "12-30", "01-30", "02-29"
        ]
    );
}

/// LoanApplicationScheduleMonthlyTest.validateSeedDate28 and validateSeedDate25: no drift.
#[test]
fn seed_days_28_and_25_never_drift() {
    for day in ["28", "25"] {
        let dates = monthly_due_dates(&format!("2023-01-{day}"));
        assert!(dates.iter().all(|d| d.ends_with(day)), "{dates:?}");
    }
}
