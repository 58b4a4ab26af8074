//! Properties over generated loans (a fixed-seed generator, so failures reproduce): principal sums
//! to the loan, balances never go negative, flat interest follows its formula, and the rounding
//! mode moves totals by at most its bound.

use rust_decimal::Decimal;

use super::support::{date, dec};
use crate::loans::common::PeriodFrequency;
use crate::loans::cumulative::{
    generate_cumulative_schedule, AmortizationMethod, CumulativeTerms, InterestCalculationPeriod,
    InterestMethod, Schedule,
};
use crate::money::RoundingMode;

/// A small linear congruential generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next(items.len() as u64) as usize]
    }
}

fn random_terms(rng: &mut Lcg) -> CumulativeTerms {
    let principal = Decimal::new(10_000 + rng.next(5_000_000) as i64, 2);
    let rate = Decimal::new(rng.next(3600) as i64, 2);
    let repayments = 1 + rng.next(36) as u32;
    let mut terms = CumulativeTerms::monthly(principal, rate, repayments, date("2023-01-15"));
    terms.repayment_frequency = rng.pick(&[
        PeriodFrequency::Days,
        PeriodFrequency::Weeks,
        PeriodFrequency::Months,
    ]);
    terms.repayment_every = 1 + rng.next(3) as u32;
    // Fineract requires loanTermFrequency = numberOfRepayments x repaymentEvery.
    terms.loan_term_frequency = repayments * terms.repayment_every;
    terms.interest_method = rng.pick(&[InterestMethod::DecliningBalance, InterestMethod::Flat]);
    terms.amortization = rng.pick(&[
        AmortizationMethod::EqualInstallments,
        AmortizationMethod::EqualPrincipal,
    ]);
    terms.interest_calculation_period = rng.pick(&[
        InterestCalculationPeriod::Daily,
        InterestCalculationPeriod::SameAsRepaymentPeriod,
    ]);
    terms.installment_amount_in_multiples_of = rng.pick(&[None, None, Some(1), Some(5)]);
    terms
}

fn generated(count: usize) -> Vec<(CumulativeTerms, Schedule)> {
    let mut rng = Lcg(0x5eed);
    (0..count)
        .map(|_| {
            let terms = random_terms(&mut rng);
            let schedule = generate_cumulative_schedule(&terms)
                .unwrap_or_else(|e| panic!("{e} for {terms:?}"));
            (terms, schedule)
        })
        .collect()
}

#[test]
fn principal_portions_sum_to_the_principal() {
    for (terms, schedule) in generated(300) {
        let sum: Decimal = schedule.installments.iter().map(|i| i.principal_due).sum();
        assert_eq!(sum, terms.principal, "{terms:?}");
        assert_eq!(schedule.totals.principal_expected, terms.principal);
    }
}

#[test]
fn balances_never_go_negative_and_close_at_zero() {
    for (terms, schedule) in generated(300) {
        let mut balance = terms.principal;
        for installment in &schedule.installments {
            assert!(
                installment.principal_loan_balance_outstanding >= Decimal::ZERO,
                "{terms:?}"
            );
            assert!(installment.interest_due >= Decimal::ZERO, "{terms:?}");
            balance -= installment.principal_due;
            assert_eq!(balance, installment.principal_loan_balance_outstanding);
        }
        assert!(balance.is_zero());
    }
}

#[test]
fn flat_interest_total_is_principal_times_rate_times_term() {
    for (mut terms, _) in generated(300) {
        terms.interest_method = InterestMethod::Flat;
        terms.interest_calculation_period = InterestCalculationPeriod::SameAsRepaymentPeriod;
        // Rounded-up principal multiples can close the loan early, dropping later interest (as in
        // Fineract), so the formula holds without them.
        terms.installment_amount_in_multiples_of = None;
        let Ok(schedule) = generate_cumulative_schedule(&terms) else {
            continue;
        };
        let periods_per_year = match terms.repayment_frequency {
            PeriodFrequency::Days => dec("365"),
            PeriodFrequency::Weeks => dec("52"),
            PeriodFrequency::Months => dec("12"),
            PeriodFrequency::Years => dec("1"),
        };
        let exact = terms.principal * terms.annual_nominal_interest_rate_percent
            / periods_per_year
            / dec("100")
            * Decimal::from(terms.loan_term_frequency);
        let difference = (schedule.totals.interest_charged - exact).abs();
        // 12-digit intermediate rates and the cent rounding of the total.
        assert!(difference <= dec("0.01"), "{terms:?}: {difference}");
    }
}

#[test]
fn switching_rounding_mode_moves_totals_within_the_rounding_bound() {
    for (terms, schedule) in generated(200) {
        if terms.installment_amount_in_multiples_of.is_some() {
            continue; // the multiple itself, not a cent, is the bound there
        }
        let mut half_up = terms.clone();
        half_up.rounding_mode = RoundingMode::HalfUp;
        let other = generate_cumulative_schedule(&half_up).unwrap();
        assert_eq!(
            other.totals.principal_expected,
            schedule.totals.principal_expected
        );
        let periods = Decimal::from(schedule.installments.len() as u64);
        let bound = dec("0.01") * periods * dec("2");
        let difference = (other.totals.interest_charged - schedule.totals.interest_charged).abs();
        assert!(difference <= bound, "{terms:?}: {difference}");
    }
}

/// `isEqualAmortization` leaves a declining-balance application's schedule as it is, as in Fineract
/// (see the field's comment), and is refused for flat loans, where Fineract fails.
#[test]
fn equal_amortization_does_not_change_a_declining_application_schedule() {
    for (terms, schedule) in generated(100) {
        let mut equal = terms.clone();
        equal.is_equal_amortization = true;
        let result = generate_cumulative_schedule(&equal);
        match terms.interest_method {
            InterestMethod::DecliningBalance => assert_eq!(result.unwrap(), schedule),
            InterestMethod::Flat => assert!(result.is_err()),
        }
    }
}
