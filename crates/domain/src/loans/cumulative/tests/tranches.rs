//! Multi-disbursement tranches (`disbursementData`): a tranche joins the balance at the due date of
//! the period it falls in and bears interest from the next period; the EMI is computed on the
//! whole principal.

use super::support::{assert_schedule, date, dec, lp1, row};
use crate::loans::cumulative::{
    generate_cumulative_schedule, AmortizationMethod::EqualInstallments,
    InterestCalculationPeriod::SameAsRepaymentPeriod, InterestMethod::DecliningBalance, Tranche,
};

fn tranche(on: &str, amount: &str) -> Tranche {
    Tranche {
        expected_date: date(on),
        principal: dec(amount),
    }
}

/// `fineract-e2e-tests-runner/src/test/resources/features/LoanRepayment.feature`, RP16 "Repayment
/// Schedule with interest type: Declining Balance - Interest Recalculation Frequency: Same as
/// Repayment Period - Multi-disbursement": 10 000 approved, tranches of 5 000 (1 November 2022),
/// 3 000 (1 January 2023) and 2 000 (1 March 2023), each repayment paid on its due date with
/// exactly the EMI, so recalculation changes nothing and the final schedule is the generated one.
/// EMI 1 725 = pmt(1 %, 6, 10 000) to multiples of 1; each tranche is dated on a due date and bears
/// interest from the following period.
#[test]
fn rp16_three_tranches_declining_balance() {
    let mut terms = lp1(
        "10000",
        "12",
        6,
        "2022-11-01",
        DecliningBalance,
        SameAsRepaymentPeriod,
        EqualInstallments,
    );
    terms.tranches = vec![
        tranche("2022-11-01", "5000"),
        tranche("2023-01-01", "3000"),
        tranche("2023-03-01", "2000"),
    ];
    let schedule = assert_schedule(
        &terms,
        &[
            row("2022-12-01", 30, "3325.0", "1675.0", "50.0", "1725.0"),
            row("2023-01-01", 31, "4633.25", "1691.75", "33.25", "1725.0"),
            row("2023-02-01", 31, "2954.58", "1678.67", "46.33", "1725.0"),
            row("2023-03-01", 28, "3259.13", "1695.45", "29.55", "1725.0"),
            row("2023-04-01", 31, "1566.72", "1692.41", "32.59", "1725.0"),
            row("2023-05-01", 30, "0.0", "1566.72", "15.67", "1582.39"),
        ],
    );
    assert_eq!(schedule.disbursement.principal_disbursed, dec("5000"));
    let later: Vec<(String, String)> = schedule
        .later_disbursements
        .iter()
        .map(|d| {
            (
                d.due_date.to_string(),
                d.principal_disbursed.normalize().to_string(),
            )
        })
        .collect();
    assert_eq!(
        later,
        [
            ("2023-01-01".to_string(), "3000".to_string()),
            ("2023-03-01".to_string(), "2000".to_string())
        ]
    );
    assert_eq!(schedule.totals.principal_disbursed, dec("10000"));
    assert_eq!(schedule.totals.interest_charged, dec("207.39"));
    assert_eq!(schedule.totals.repayment_expected, dec("10207.39"));
}

/// Tranches outside what the engine reproduces are refused rather than guessed.
#[test]
fn tranches_that_do_not_make_up_the_principal_are_refused() {
    let mut terms = lp1(
        "10000",
        "12",
        6,
        "2022-11-01",
        DecliningBalance,
        SameAsRepaymentPeriod,
        EqualInstallments,
    );
    terms.tranches = vec![tranche("2022-11-01", "5000"), tranche("2023-01-01", "3000")];
    assert!(generate_cumulative_schedule(&terms).is_err());
    terms.tranches = vec![tranche("2022-12-15", "10000")];
    assert!(generate_cumulative_schedule(&terms).is_err());
    terms.tranches = vec![tranche("2022-11-01", "5000"), tranche("2024-01-01", "5000")];
    assert!(generate_cumulative_schedule(&terms).is_err());
}
