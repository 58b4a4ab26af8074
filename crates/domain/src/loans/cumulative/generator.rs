//! The period loop of `AbstractCumulativeLoanScheduleGenerator` for a loan application (no
//! transactions, no interest recalculation): due dates, interest start, split, balances, totals.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::dates::{
    adjust_repayment_date, days_between, ideal_disbursement_date, next_repayment_date,
};
use super::engine::Engine;
use super::period::Running;
use super::schedule::{DisbursementRow, Installment, Schedule, ScheduleError, ScheduleTotals};
use super::terms::{AmortizationMethod, CumulativeTerms, InterestMethod, Tranche};

/// Guards the loop: a user-given EMI decides the number of installments, and one that barely covers
/// the interest would otherwise run for centuries.
const MAX_INSTALLMENTS: u32 = 5_000;

/// Inputs beyond these bounds are rejected so that no decimal operation can overflow.
const MAX_PRINCIPAL: i64 = 1_000_000_000_000_000;
const MAX_RATE_PERCENT: i64 = 100_000;

/// Generates the repayment schedule of a cumulative loan application.
pub fn generate_cumulative_schedule(terms: &CumulativeTerms) -> Result<Schedule, ScheduleError> {
    validate(terms)?;
    let engine = Engine::new(terms)?;
    let cash = engine.cash;
    let disbursement_date = terms.expected_disbursement_date;
    let first_due =
        next_repayment_date(disbursement_date, terms, true).ok_or(ScheduleError::DateOutOfRange)?;
    let ideal_disbursement =
        ideal_disbursement_date(first_due, terms).ok_or(ScheduleError::DateOutOfRange)?;

    let (first_disbursed, mut pending_tranches) = split_tranches(terms, engine.principal);
    if pending_tranches
        .iter()
        .any(|t| t.expected_date > engine.loan_end_date)
    {
        return Err(ScheduleError::InvalidTerms(
            "a tranche is after the last repayment date",
        ));
    }
    let mut later_disbursements: Vec<DisbursementRow> = Vec::new();
    let mut running = Running {
        cumulative_principal: cash.zero(),
        cumulative_interest: cash.zero(),
        interest_due_to_grace: cash.zero(),
        outstanding: first_disbursed,
        principal_disbursed: first_disbursed,
    };
    let mut installments: Vec<Installment> = Vec::new();
    let mut repayment_expected = cash.zero();
    // The down payment is an installment of its own on the disbursement date. It takes an
    // installment number but not a repayment period: grace and the last-period rules still count
    // the repayments from 1.
    let installment_offset = u32::from(!engine.down_payment.is_zero());
    if installment_offset == 1 {
        installments.push(Installment {
            period: 1,
            from_date: disbursement_date,
            due_date: disbursement_date,
            days_in_period: 0,
            principal_due: engine.down_payment,
            interest_due: cash.zero(),
            fee_charges_due: cash.zero(),
            penalty_charges_due: cash.zero(),
            total_due: engine.down_payment,
            principal_loan_balance_outstanding: engine.principal,
        });
        repayment_expected = engine.down_payment;
    }
    let mut period_start = disbursement_date;
    let mut actual_date = disbursement_date;
    let mut period: u32 = 1;
    let mut loan_term_in_days = 0;

    while !running.outstanding.is_zero() || !pending_tranches.is_empty() {
        if period > MAX_INSTALLMENTS {
            return Err(ScheduleError::DoesNotClose(MAX_INSTALLMENTS));
        }
        let generated = next_repayment_date(actual_date, terms, period == 1)
            .ok_or(ScheduleError::DateOutOfRange)?;
        let adjusted =
            adjust_repayment_date(generated, terms).ok_or(ScheduleError::DateOutOfRange)?;
        actual_date = adjusted.actual;
        let due = adjusted.scheduled;
        if due < period_start {
            return Err(ScheduleError::DueDateBeforePeriodStart(due));
        }
        loan_term_in_days += days_between(period_start, due);
        // Tranches dated in (period start, due date] join the balance at the due date: they count
        // as disbursed for this period's principal but bear interest from the next period.
        let mut arriving = cash.zero();
        while let Some(tranche) = pending_tranches.first().filter(|t| t.expected_date <= due) {
            arriving = cash.plus(arriving, tranche.principal);
            later_disbursements.push(DisbursementRow {
                due_date: tranche.expected_date,
                principal_disbursed: tranche.principal,
                principal_loan_balance_outstanding: tranche.principal,
            });
            pending_tranches.remove(0);
        }
        running.principal_disbursed = cash.plus(running.principal_disbursed, arriving);
        let interest_start =
            interest_start_for_period(terms, period_start, ideal_disbursement, first_due);
        let split = engine.split_period(period, interest_start, due, &running)?;
        if terms
            .fixed_emi_amount
            .is_some_and(|emi| emi < split.interest)
        {
            return Err(ScheduleError::EmiBelowInterest {
                interest: split.interest,
            });
        }
        running.interest_due_to_grace = split.interest_due_to_grace;
        let mut principal = split.principal;
        running.outstanding = cash.minus(cash.plus(running.outstanding, arriving), principal);
        if running.outstanding < Decimal::ZERO {
            principal = cash.plus(principal, running.outstanding);
            running.outstanding = cash.zero();
        }
        let total_due = cash.plus(principal, split.interest);
        installments.push(Installment {
            period: period + installment_offset,
            from_date: period_start,
            due_date: due,
            days_in_period: days_between(period_start, due),
            principal_due: principal,
            interest_due: split.interest,
            fee_charges_due: cash.zero(),
            penalty_charges_due: cash.zero(),
            total_due,
            principal_loan_balance_outstanding: running.outstanding,
        });
        running.cumulative_principal = cash.plus(running.cumulative_principal, principal);
        running.cumulative_interest = cash.plus(running.cumulative_interest, split.interest);
        repayment_expected = cash.plus(repayment_expected, total_due);
        period_start = due;
        period += 1;
    }

    // Interest still deferred by grace when the principal is repaid goes on the last installment.
    if running.interest_due_to_grace > Decimal::ZERO {
        if let Some(last) = installments.last_mut() {
            let carried = running.interest_due_to_grace;
            last.interest_due = cash.plus(last.interest_due, carried);
            last.total_due = cash.plus(last.total_due, carried);
            repayment_expected = cash.plus(repayment_expected, carried);
            running.cumulative_interest = cash.plus(running.cumulative_interest, carried);
        }
    }

    // The first row shows the whole first disbursement, down payment included.
    let first_row = cash.plus(first_disbursed, engine.down_payment);
    Ok(Schedule {
        currency_decimal_places: terms.currency.decimal_places,
        disbursement: DisbursementRow {
            due_date: disbursement_date,
            principal_disbursed: first_row,
            principal_loan_balance_outstanding: first_row,
        },
        later_disbursements,
        installments,
        totals: ScheduleTotals {
            principal_disbursed: cash.plus(running.principal_disbursed, engine.down_payment),
            principal_expected: cash.plus(running.cumulative_principal, engine.down_payment),
            interest_charged: running.cumulative_interest,
            fee_charges_charged: cash.zero(),
            penalty_charges_charged: cash.zero(),
            repayment_expected,
            loan_term_in_days,
        },
    })
}

/// What is disbursed on the disbursement date and the later tranches in date order. Without
/// tranches the whole amortised principal is disbursed at once.
fn split_tranches(terms: &CumulativeTerms, amortised: Decimal) -> (Decimal, Vec<Tranche>) {
    if terms.tranches.is_empty() {
        return (amortised, Vec::new());
    }
    let start = terms.expected_disbursement_date;
    let first = terms
        .tranches
        .iter()
        .filter(|t| t.expected_date == start)
        .map(|t| t.principal)
        .sum();
    let mut later: Vec<Tranche> = terms
        .tranches
        .iter()
        .filter(|t| t.expected_date != start)
        .copied()
        .collect();
    later.sort_by_key(|t| t.expected_date);
    (first, later)
}

/// `calculateInterestStartDateForPeriod`: the first period is priced from the "ideal" disbursement
/// date (first due date minus one period), so a long or short first period still costs one standard
/// period, unless `interestChargedFromDate` or the disbursal-date configuration says otherwise.
fn interest_start_for_period(
    terms: &CumulativeTerms,
    period_start: NaiveDate,
    ideal_disbursement: NaiveDate,
    first_due: NaiveDate,
) -> NaiveDate {
    if period_start >= ideal_disbursement && period_start >= first_due {
        return period_start;
    }
    let disbursed = terms.expected_disbursement_date;
    if let Some(from) = terms.interest_charged_from_date {
        if period_start == disbursed || period_start < from {
            return from;
        }
        return period_start;
    }
    if terms.interest_charged_from_disbursal_date {
        return disbursed;
    }
    if period_start == disbursed {
        return ideal_disbursement;
    }
    period_start
}

fn validate(terms: &CumulativeTerms) -> Result<(), ScheduleError> {
    if terms.number_of_repayments == 0 {
        return Err(ScheduleError::InvalidTerms(
            "numberOfRepayments must be positive",
        ));
    }
    if terms.repayment_every == 0 {
        return Err(ScheduleError::InvalidTerms(
            "repaymentEvery must be positive",
        ));
    }
    if terms.principal <= Decimal::ZERO || terms.principal > Decimal::from(MAX_PRINCIPAL) {
        return Err(ScheduleError::InvalidTerms("principal out of range"));
    }
    let rate = terms.annual_nominal_interest_rate_percent;
    if rate < Decimal::ZERO || rate > Decimal::from(MAX_RATE_PERCENT) {
        return Err(ScheduleError::InvalidTerms("interest rate out of range"));
    }
    if terms.currency.decimal_places > 6 {
        return Err(ScheduleError::InvalidTerms(
            "currency decimal places above 6",
        ));
    }
    if terms.amortization == AmortizationMethod::EqualPrincipal && terms.fixed_emi_amount.is_some()
    {
        return Err(ScheduleError::InvalidTerms(
            "fixedEmiAmount needs equal installments",
        ));
    }
    if terms
        .down_payment_percent
        .is_some_and(|p| p <= Decimal::ZERO || p > Decimal::ONE_HUNDRED)
    {
        return Err(ScheduleError::InvalidTerms(
            "disbursedAmountPercentageForDownPayment out of range",
        ));
    }
    validate_tranches(terms)?;
    if terms.number_of_repayments > MAX_INSTALLMENTS {
        return Err(ScheduleError::InvalidTerms("too many repayments"));
    }
    Ok(())
}

/// Tranches within what Fineract's examples pin down: declining balance, no down payment, the first
/// on the disbursement date, none before it, all adding up to the principal.
fn validate_tranches(terms: &CumulativeTerms) -> Result<(), ScheduleError> {
    if terms.tranches.is_empty() {
        return Ok(());
    }
    let invalid = |why| Err(ScheduleError::InvalidTerms(why));
    if terms.interest_method != InterestMethod::DecliningBalance {
        return invalid("tranches are supported for declining balance loans");
    }
    if terms.down_payment_percent.is_some() {
        return invalid("tranches with a down payment are not supported");
    }
    let start = terms.expected_disbursement_date;
    if terms.tranches.iter().any(|t| t.principal <= Decimal::ZERO) {
        return invalid("a tranche must be positive");
    }
    if terms.tranches.iter().any(|t| t.expected_date < start) {
        return invalid("a tranche is before the expected disbursement date");
    }
    if !terms.tranches.iter().any(|t| t.expected_date == start) {
        return invalid("no tranche on the expected disbursement date");
    }
    let total: Decimal = terms.tranches.iter().map(|t| t.principal).sum();
    if total != terms.principal {
        return invalid("the tranches must add up to the principal");
    }
    Ok(())
}
