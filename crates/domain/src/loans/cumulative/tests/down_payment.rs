//! Down payment (`enableDownPayment`, `disbursedAmountPercentageForDownPayment`): an installment on
//! the disbursement date, the rest amortised. Examples from Fineract's
//! `fineract-e2e-tests-runner/src/test/resources/features/LoanDownPayment.feature` (LP2_DOWNPAYMENT
//! products: 25 %, installment multiples of 1) and
//! `integration-tests/.../LoanRepaymentScheduleWithDownPaymentTest.java`.

use super::support::{assert_schedule, dec, lp1, row};
use crate::loans::common::PeriodFrequency;
use crate::loans::cumulative::{
    AmortizationMethod::{EqualInstallments, EqualPrincipal},
    InterestCalculationPeriod::SameAsRepaymentPeriod,
    InterestMethod::{DecliningBalance, Flat},
};

/// "Single disbursement normal flow - auto enabled": 1000 flat 0 %, 3 months; 250 down, 3 x 250.
#[test]
fn lp2_downpayment_flat_1000_three_months() {
    let mut terms = lp1(
        "1000",
        "0",
        3,
        "2022-01-01",
        Flat,
        SameAsRepaymentPeriod,
        EqualInstallments,
    );
    terms.down_payment_percent = Some(dec("25"));
    let schedule = assert_schedule(
        &terms,
        &[
            row("2022-01-01", 0, "750", "250", "0", "250"),
            row("2022-02-01", 31, "500", "250", "0", "250"),
            row("2022-03-01", 28, "250", "250", "0", "250"),
            row("2022-04-01", 31, "0", "250", "0", "250"),
        ],
    );
    assert_eq!(schedule.disbursement.principal_disbursed, dec("1000"));
    assert_eq!(schedule.totals.principal_expected, dec("1000"));
    assert_eq!(schedule.totals.repayment_expected, dec("1000"));
    let numbers: Vec<u32> = schedule.installments.iter().map(|i| i.period).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
}

/// "Verify correct Loan Repayment EMI Amount is calculated and is rounded off if loan product
/// installmentAmountInMultiplesOf is set": 1250 x 25 % = 312.5 -> 312 (half even); the EMI of the
/// remaining 938 over 3 is 312.67 -> 313, the last takes 312.
#[test]
fn lp2_downpayment_declining_1250_rounds_to_multiples() {
    let mut terms = lp1(
        "1250",
        "0",
        3,
        "2022-01-01",
        DecliningBalance,
        SameAsRepaymentPeriod,
        EqualInstallments,
    );
    terms.down_payment_percent = Some(dec("25"));
    assert_schedule(
        &terms,
        &[
            row("2022-01-01", 0, "938", "312", "0", "312"),
            row("2022-02-01", 31, "625", "313", "0", "313"),
            row("2022-03-01", 28, "312", "313", "0", "313"),
            row("2022-04-01", 31, "0", "312", "0", "312"),
        ],
    );
}

/// LoanRepaymentScheduleWithDownPaymentTest.loanRepaymentScheduleWithSimpleDisbursementAndDownPayment:
/// 1000, one monthly repayment, 25 %: 250 due 3 September 2022, 750 due 3 October 2022 (the
/// application is flat, equal principal, 0 %).
#[test]
fn integration_simple_disbursement_down_payment() {
    let mut terms = lp1(
        "1000",
        "0",
        1,
        "2022-09-03",
        Flat,
        SameAsRepaymentPeriod,
        EqualPrincipal,
    );
    terms.installment_amount_in_multiples_of = None;
    terms.repayment_frequency = PeriodFrequency::Months;
    terms.down_payment_percent = Some(dec("25"));
    assert_schedule(
        &terms,
        &[
            row("2022-09-03", 0, "750", "250", "0", "250"),
            row("2022-10-03", 30, "0", "750", "0", "750"),
        ],
    );
}
