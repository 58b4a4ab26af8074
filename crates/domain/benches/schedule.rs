//! The schedule engines alone, no IO: one long daily schedule on each engine, and a batch of typical
//! 12-month loans whose throughput criterion reports as schedules per second (`elem/s`).
//! Run with `cargo bench -p kassa-domain --bench schedule`.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rust_decimal::Decimal;

use kassa_domain::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};
use kassa_domain::loans::cumulative::{
    generate_cumulative_schedule, CumulativeTerms, InterestCalculationPeriod,
};
use kassa_domain::loans::progressive::{
    generate_schedule, CurrencyRules, Disbursement, ProgressiveTerms, RateTerms,
};
use kassa_domain::money::RoundingMode;

const DISBURSED_ON: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 15) {
    Some(date) => date,
    None => panic!("a valid date"),
};

/// Schedules in the batch case.
const BATCH: usize = 10_000;

/// Declining balance, equal installments, 12 %/yr: Fineract's defaults for a cumulative loan.
fn cumulative(principal: Decimal, repayments: u32, unit: PeriodFrequency) -> CumulativeTerms {
    let mut terms =
        CumulativeTerms::monthly(principal, Decimal::from(12), repayments, DISBURSED_ON);
    terms.repayment_frequency = unit;
    if unit == PeriodFrequency::Days {
        terms.interest_calculation_period = InterestCalculationPeriod::Daily;
    }
    terms
}

fn progressive(principal: Decimal, repayments: u32, unit: PeriodFrequency) -> ProgressiveTerms {
    ProgressiveTerms {
        currency: CurrencyRules::TWO_DECIMALS,
        rounding_mode: RoundingMode::HalfEven,
        rates: RateTerms {
            annual_rate_percent: Decimal::from(12),
            days_in_year: DaysInYear::Actual,
            days_in_month: DaysInMonth::Actual,
            repayment_frequency: unit,
            repayment_every: 1,
        },
        number_of_repayments: repayments,
        schedule_start_date: DISBURSED_ON,
        first_repayment_date: None,
        disbursements: vec![Disbursement {
            date: DISBURSED_ON,
            amount: principal,
        }],
        multi_disburse: false,
        installment_amount_in_multiples_of: None,
        down_payment_percent: None,
    }
}

/// 10 000 plus a spread of cents and thousands, so no two schedules are alike.
fn varied_principal(index: usize) -> Decimal {
    let cents = i64::try_from(index).unwrap_or(0) * 7_919 % 2_000_000;
    Decimal::new(1_000_000 + cents, 2)
}

fn daily_360(c: &mut Criterion) {
    let cumulative_terms = cumulative(Decimal::from(10_000), 360, PeriodFrequency::Days);
    assert!(generate_cumulative_schedule(&cumulative_terms).is_ok());
    let progressive_terms = progressive(Decimal::from(10_000), 360, PeriodFrequency::Days);
    assert!(generate_schedule(&progressive_terms).is_ok());

    let mut group = c.benchmark_group("daily_360_installments");
    group.bench_function("cumulative", |b| {
        b.iter(|| generate_cumulative_schedule(black_box(&cumulative_terms)))
    });
    group.bench_function("progressive", |b| {
        b.iter(|| generate_schedule(black_box(&progressive_terms)))
    });
    group.finish();
}

fn monthly_12_batch(c: &mut Criterion) {
    let cumulative_batch: Vec<CumulativeTerms> = (0..BATCH)
        .map(|i| cumulative(varied_principal(i), 12, PeriodFrequency::Months))
        .collect();
    assert!(cumulative_batch
        .iter()
        .all(|t| generate_cumulative_schedule(t).is_ok()));
    let progressive_batch: Vec<ProgressiveTerms> = (0..BATCH)
        .map(|i| progressive(varied_principal(i), 12, PeriodFrequency::Months))
        .collect();
    assert!(progressive_batch
        .iter()
        .all(|t| generate_schedule(t).is_ok()));

    let mut group = c.benchmark_group("monthly_12_installments_x10000");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("cumulative", |b| {
        b.iter(|| {
            for terms in &cumulative_batch {
                let _ = black_box(generate_cumulative_schedule(black_box(terms)));
            }
        })
    });
    group.bench_function("progressive", |b| {
        b.iter(|| {
            for terms in &progressive_batch {
                let _ = black_box(generate_schedule(black_box(terms)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, daily_360, monthly_12_batch);
criterion_main!(benches);
