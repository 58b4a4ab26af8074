//! Helpers for the worked examples: Fineract's e2e product defaults and a row-by-row comparison.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::loans::cumulative::{
    generate_cumulative_schedule, AmortizationMethod, CumulativeTerms, InterestCalculationPeriod,
    InterestMethod, Schedule,
};

pub(super) fn date(iso: &str) -> NaiveDate {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap()
}

pub(super) fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// One expected installment: due date, days, balance after, principal, interest, total due.
pub(super) struct Row {
    due: &'static str,
    days: i64,
    balance: &'static str,
    principal: &'static str,
    interest: &'static str,
    total: &'static str,
}

pub(super) fn row(
    due: &'static str,
    days: i64,
    balance: &'static str,
    principal: &'static str,
    interest: &'static str,
    total: &'static str,
) -> Row {
    Row {
        due,
        days,
        balance,
        principal,
        interest,
        total,
    }
}

/// The e2e suite's LP1 products (`LoanProductsRequestFactory`): EUR with 2 decimals, actual/actual
/// day counts, `installmentAmountInMultiplesOf` 1.
pub(super) fn lp1(
    principal: &str,
    annual_percent: &str,
    repayments: u32,
    disbursed_on: &str,
    interest: InterestMethod,
    period: InterestCalculationPeriod,
    amortization: AmortizationMethod,
) -> CumulativeTerms {
    let mut terms = CumulativeTerms::monthly(
        dec(principal),
        dec(annual_percent),
        repayments,
        date(disbursed_on),
    );
    terms.interest_method = interest;
    terms.interest_calculation_period = period;
    terms.amortization = amortization;
    terms.installment_amount_in_multiples_of = Some(1);
    terms
}

/// Generates and compares every installment to the cent, dates and day counts included.
pub(super) fn assert_schedule(terms: &CumulativeTerms, expected: &[Row]) -> Schedule {
    let schedule = generate_cumulative_schedule(terms).unwrap();
    let got: Vec<String> = schedule
        .installments
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {} {} {}",
                i.due_date,
                i.days_in_period,
                i.principal_loan_balance_outstanding.normalize(),
                i.principal_due.normalize(),
                i.interest_due.normalize(),
                i.total_due.normalize()
            )
        })
        .collect();
    let want: Vec<String> = expected
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {} {}",
                r.due,
                r.days,
                dec(r.balance).normalize(),
                dec(r.principal).normalize(),
                dec(r.interest).normalize(),
                dec(r.total).normalize()
            )
        })
        .collect();
    assert_eq!(
        got, want,
        "installments differ (due days balance principal interest total)"
    );
    let mut from = terms.expected_disbursement_date;
    for installment in &schedule.installments {
        assert_eq!(installment.from_date, from);
        from = installment.due_date;
    }
    schedule
}
