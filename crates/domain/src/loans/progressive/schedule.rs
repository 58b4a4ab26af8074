//! The progressive repayment schedule (`ProgressiveLoanScheduleGenerator.generate`): walks the
//! installments in order, books the tranches falling in each one into the EMI model (with a down
//! payment installment when enabled), then reads that installment's principal, interest and balance.
//! An installment's figures are read when the walk reaches it, so a later tranche only changes the
//! installments after it.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::arith::{money, round_to_installment_multiple, MathContext};
use super::dates::repayment_periods;
use super::error::ProgressiveError;
use super::model::EmiModel;
use super::rate_factor::days_between;
use super::terms::{Disbursement, ProgressiveTerms};
use crate::loans::common::PeriodFrequency;
use crate::loans::working_days::ScheduleCalendar;

/// `MathUtil.percentageOf(value, percentage, 19)`: the down payment uses its own 19-digit context.
const DOWN_PAYMENT_DIGITS: u32 = 19;

/// The disbursement row (period 0, and one per later tranche).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisbursementRow {
    pub date: NaiveDate,
    pub principal_disbursed: Decimal,
    /// Fineract shows the tranche amount here.
    pub principal_loan_balance_outstanding: Decimal,
}

/// An installment: a repayment period, or a down payment due on its disbursement date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstallmentRow {
    pub number: u32,
    pub from_date: NaiveDate,
    pub due_date: NaiveDate,
    pub days_in_period: i64,
    pub principal_due: Decimal,
    pub interest_due: Decimal,
    pub total_due: Decimal,
    pub principal_loan_balance_outstanding: Decimal,
    pub down_payment: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleRow {
    Disbursement(DisbursementRow),
    Installment(InstallmentRow),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressiveSchedule {
    pub rows: Vec<ScheduleRow>,
    pub loan_term_in_days: i64,
    pub total_principal_disbursed: Decimal,
    pub total_principal_expected: Decimal,
    pub total_interest_charged: Decimal,
    pub total_repayment_expected: Decimal,
    /// The EMI model after the walk, for the transaction processor (payments re-use it).
    pub model: EmiModel,
}

impl ProgressiveSchedule {
    pub fn installments(&self) -> impl Iterator<Item = &InstallmentRow> {
        self.rows.iter().filter_map(|row| match row {
            ScheduleRow::Installment(i) => Some(i),
            ScheduleRow::Disbursement(_) => None,
        })
    }
}

fn validate(terms: &ProgressiveTerms) -> Result<(), ProgressiveError> {
    if terms.number_of_repayments == 0 {
        return Err(ProgressiveError::NoRepayments);
    }
    if terms.rates.repayment_every == 0 {
        return Err(ProgressiveError::NoRepaymentInterval);
    }
    if terms.rates.repayment_frequency == PeriodFrequency::Years {
        return Err(ProgressiveError::YearlyRepayments);
    }
    if terms.disbursements.is_empty() {
        return Err(ProgressiveError::NoDisbursement);
    }
    if let Some(early) = terms
        .disbursements
        .iter()
        .find(|d| d.date < terms.schedule_start_date)
    {
        return Err(ProgressiveError::DisbursementBeforeStart(early.date));
    }
    Ok(())
}

struct Walk<'a> {
    terms: &'a ProgressiveTerms,
    model: EmiModel,
    rows: Vec<ScheduleRow>,
    number: u32,
    disbursed: Decimal,
}

impl Walk<'_> {
    /// `processDisbursements` for one tranche booked in the installment due on `period_due`.
    fn disburse(&mut self, tranche: Disbursement, period_due: NaiveDate) {
        let terms = self.terms;
        let mode = terms.rounding_mode;
        let amount = money(tranche.amount, terms.currency, mode);
        let before = self.model.outstanding_on(period_due, tranche.date);
        self.disbursed += amount;
        self.rows.push(ScheduleRow::Disbursement(DisbursementRow {
            date: tranche.date,
            principal_disbursed: amount,
            principal_loan_balance_outstanding: amount,
        }));
        let mut down_payment = Decimal::ZERO;
        if let Some(percent) = terms.down_payment_percent {
            down_payment = money(percentage_of(amount, percent, mode), terms.currency, mode);
            if let Some(multiple) = terms.installment_amount_in_multiples_of {
                down_payment =
                    round_to_installment_multiple(down_payment, multiple, terms.currency, mode);
            }
            self.rows.push(ScheduleRow::Installment(InstallmentRow {
                number: self.number,
                from_date: tranche.date,
                due_date: tranche.date,
                days_in_period: 0,
                principal_due: down_payment,
                interest_due: Decimal::ZERO,
                total_due: down_payment,
                principal_loan_balance_outstanding: before + amount - down_payment,
                down_payment: true,
            }));
            self.number += 1;
        }
        self.model
            .add_disbursement(tranche.date, amount - down_payment);
    }
}

fn percentage_of(value: Decimal, percent: Decimal, mode: crate::money::RoundingMode) -> Decimal {
    if value <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let mc = MathContext::new(DOWN_PAYMENT_DIGITS, mode);
    mc.mul(value, mc.div(percent, Decimal::ONE_HUNDRED))
}

/// Generates the schedule: period 0 (disbursement), installments, totals. Due dates stay where the
/// rhythm puts them, whatever the day.
pub fn generate_schedule(
    terms: &ProgressiveTerms,
) -> Result<ProgressiveSchedule, ProgressiveError> {
    generate_schedule_on_calendar(terms, &ScheduleCalendar::default())
}

/// [`generate_schedule`] with due dates moved off non-working days and holidays by the office's
/// working-day rule and the holidays' rescheduling (as the cumulative engine does).
pub fn generate_schedule_on_calendar(
    terms: &ProgressiveTerms,
    calendar: &ScheduleCalendar,
) -> Result<ProgressiveSchedule, ProgressiveError> {
    validate(terms)?;
    let dates = repayment_periods(terms, calendar)?;
    let model = EmiModel::new(
        &dates,
        terms.rates,
        terms.currency,
        terms.installment_amount_in_multiples_of,
        terms.rounding_mode,
    );
    let mut tranches = terms.disbursements.clone();
    tranches.sort_by_key(|d| d.date);
    let mut pending = vec![true; tranches.len()];
    let mut walk = Walk {
        terms,
        model,
        rows: Vec::with_capacity(dates.len() + tranches.len() + 1),
        number: 1,
        disbursed: Decimal::ZERO,
    };
    for (index, &(from, due)) in dates.iter().enumerate() {
        for (tranche, open) in tranches.iter().zip(pending.iter_mut()) {
            if *open && tranche.date >= from && tranche.date < due {
                *open = false;
                walk.disburse(*tranche, due);
            }
        }
        let figures = walk.model.figures()[index];
        walk.rows.push(ScheduleRow::Installment(InstallmentRow {
            number: walk.number,
            from_date: from,
            due_date: due,
            days_in_period: days_between(from, due),
            principal_due: figures.due_principal,
            interest_due: figures.due_interest,
            total_due: figures.due_principal + figures.due_interest,
            principal_loan_balance_outstanding: figures.outstanding,
            down_payment: false,
        }));
        walk.number += 1;
    }
    // Tranches on or after maturity are booked (and shown) only for multi-disbursement loans; like
    // Fineract, they no longer change the installments already read.
    if terms.multi_disburse {
        let maturity = dates.last().map_or(terms.schedule_start_date, |d| d.1);
        for (tranche, open) in tranches.iter().zip(pending.iter_mut()) {
            if *open && tranche.date >= maturity {
                *open = false;
                walk.disburse(*tranche, maturity);
            }
        }
    }
    let (principal, interest) = walk
        .rows
        .iter()
        .filter_map(|row| match row {
            ScheduleRow::Installment(i) => Some((i.principal_due, i.interest_due)),
            ScheduleRow::Disbursement(_) => None,
        })
        .fold((Decimal::ZERO, Decimal::ZERO), |(p, i), (dp, di)| {
            (p + dp, i + di)
        });
    let loan_term_in_days = match (dates.first(), dates.last()) {
        (Some(first), Some(last)) => days_between(first.0, last.1),
        _ => 0,
    };
    Ok(ProgressiveSchedule {
        rows: walk.rows,
        loan_term_in_days,
        total_principal_disbursed: walk.disbursed,
        total_principal_expected: principal,
        total_interest_charged: interest,
        total_repayment_expected: principal + interest,
        model: walk.model,
    })
}
