//! Properties over generated loans. The generator is a fixed-seed xorshift, so a failure reproduces
//! with the case number it prints.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};
use crate::loans::progressive::{
    generate_schedule, CurrencyRules, Disbursement, ProgressiveTerms, RateTerms,
};
use crate::money::RoundingMode;

const CASES: u64 = 400;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

fn loan(rng: &mut XorShift, down_payment: bool) -> ProgressiveTerms {
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(rng.below(3650));
    let frequency = rng.pick(&[
        PeriodFrequency::Days,
        PeriodFrequency::Weeks,
        PeriodFrequency::Months,
    ]);
    let days_in_year = rng.pick(&[
        DaysInYear::Actual,
        DaysInYear::Days360,
        DaysInYear::Days364,
        DaysInYear::Days365,
    ]);
    // Fineract quirk: with actual years, a period crossing 31 Dec bears `every` x its year fraction,
    // so "every 30 days" charges 30 times the interest there; once interest exceeds the EMI, the
    // calculator stops recognising it (due interest drops to what was paid) and the schedule breaks.
    // The same collapse happens when a period's factor (days of its *first* month x every) exceeds
    // what the EMI covers: long, high-rate, multi-month loans. Those loans are Fineract's defect,
    // reproduced as is, and kept out of these properties (rate <= 20 %, every <= 2 months).
    let every = if days_in_year == DaysInYear::Actual {
        1
    } else {
        1 + rng.below(match frequency {
            PeriodFrequency::Days => 30,
            PeriodFrequency::Weeks => 3,
            _ => 2,
        }) as u32
    };
    let principal = Decimal::new(10_000 + rng.below(100_000_000) as i64, 2);
    ProgressiveTerms {
        currency: CurrencyRules::TWO_DECIMALS,
        rounding_mode: rng.pick(&[
            RoundingMode::HalfEven,
            RoundingMode::HalfUp,
            RoundingMode::Down,
        ]),
        rates: RateTerms {
            annual_rate_percent: Decimal::new(rng.below(200_000) as i64, 4),
            days_in_year,
            days_in_month: rng.pick(&[DaysInMonth::Actual, DaysInMonth::Days30]),
            repayment_frequency: frequency,
            repayment_every: every,
        },
        number_of_repayments: 1 + rng.below(48) as u32,
        schedule_start_date: start,
        first_repayment_date: None,
        disbursements: vec![Disbursement {
            date: start,
            amount: principal,
        }],
        multi_disburse: false,
        installment_amount_in_multiples_of: None,
        down_payment_percent: down_payment.then(|| Decimal::from(rng.below(50))),
    }
}

#[test]
fn principal_portions_sum_to_the_disbursed_principal_and_balances_stay_non_negative() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for case in 0..CASES {
        let terms = loan(&mut rng, case % 3 == 0);
        let schedule = generate_schedule(&terms).unwrap();
        let principal: Decimal = schedule.installments().map(|i| i.principal_due).sum();
        assert_eq!(
            principal, schedule.total_principal_disbursed,
            "case {case}: {terms:?}"
        );
        let mut previous = schedule.total_principal_disbursed;
        for row in schedule.installments() {
            let balance = row.principal_loan_balance_outstanding;
            assert!(
                balance >= Decimal::ZERO,
                "case {case}: negative balance in {row:?}"
            );
            assert!(balance <= previous, "case {case}: balance grew in {row:?}");
            assert!(row.interest_due >= Decimal::ZERO, "case {case}: {row:?}");
            assert_eq!(row.total_due, row.principal_due + row.interest_due);
            previous = balance;
        }
        assert_eq!(previous, Decimal::ZERO, "case {case}: loan not closed");
    }
}

#[test]
fn the_emi_is_constant_except_for_the_last_installment() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for case in 0..CASES {
        let terms = loan(&mut rng, false);
        let schedule = generate_schedule(&terms).unwrap();
        let totals: Vec<Decimal> = schedule.installments().map(|i| i.total_due).collect();
        let (_, before_last) = totals.split_last().unwrap();
        if let Some(first) = before_last.first() {
            assert!(
                before_last.iter().all(|t| t == first),
                "case {case}: {totals:?} for {terms:?}"
            );
        }
    }
}

#[test]
fn rounding_mode_moves_total_interest_by_at_most_a_cent_per_period() {
    let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
    for case in 0..CASES {
        let mut terms = loan(&mut rng, false);
        terms.rounding_mode = RoundingMode::HalfEven;
        let even = generate_schedule(&terms).unwrap();
        terms.rounding_mode = RoundingMode::HalfUp;
        let up = generate_schedule(&terms).unwrap();
        let bound = Decimal::new(i64::from(terms.number_of_repayments) * 3, 2);
        let moved = (even.total_interest_charged - up.total_interest_charged).abs();
        assert!(moved <= bound, "case {case}: moved {moved} for {terms:?}");
    }
}
