//! Worked examples for repayment frequencies other than monthly, from Fineract's integration tests
//! (`integration-tests/src/test/java/org/apache/fineract/integrationtests/...`).

use super::support::{assert_schedule, dec, row};
use crate::loan::common::PeriodFrequency;
use crate::loan::cumulative::{
    AmortizationMethod, CumulativeTerms, InterestCalculationPeriod, InterestMethod,
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
