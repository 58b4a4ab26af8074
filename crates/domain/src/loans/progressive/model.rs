//! The EMI model's state (`ProgressiveLoanInterestScheduleModel`): repayment periods, each split into
//! interest periods wherever the balance changes, and the figures derived from it. Interest is rounded
//! to the currency per interest period, then summed: splitting a period changes the cents.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::arith::{money, CurrencyRules, MathContext};
use super::terms::RateTerms;
use crate::money::RoundingMode;

/// A stretch of a repayment period with one opening balance. A disbursement or correction booked on
/// it takes effect at its end (`due`), i.e. from the next interest period on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterestPeriod {
    pub from: NaiveDate,
    pub due: NaiveDate,
    pub rate_factor: Decimal,
    pub disbursement: Decimal,
    pub balance_correction: Decimal,
    /// Opening balance; refreshed only by `update_outstanding_balances`, as in Fineract.
    pub outstanding: Decimal,
}

impl InterestPeriod {
    fn new(from: NaiveDate, due: NaiveDate) -> InterestPeriod {
        InterestPeriod {
            from,
            due,
            rate_factor: Decimal::ZERO,
            disbursement: Decimal::ZERO,
            balance_correction: Decimal::ZERO,
            outstanding: Decimal::ZERO,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepaymentPeriod {
    pub from: NaiveDate,
    pub due: NaiveDate,
    /// Never empty: starts as one interest period covering the whole repayment period.
    pub interest_periods: Vec<InterestPeriod>,
    pub emi: Decimal,
    pub paid_principal: Decimal,
    pub paid_interest: Decimal,
}

impl RepaymentPeriod {
    /// `1 + sum of rate factors`, added exactly (no MathContext in Fineract here).
    pub fn rate_factor_plus_1(&self) -> Decimal {
        Decimal::ONE
            + self
                .interest_periods
                .iter()
                .map(|ip| ip.rate_factor)
                .sum::<Decimal>()
    }

    pub fn is_fully_paid(&self) -> bool {
        self.emi == self.paid_principal + self.paid_interest
    }

    fn last_interest_period(&self) -> &InterestPeriod {
        // A repayment period is built with one interest period and never loses it.
        &self.interest_periods[self.interest_periods.len() - 1]
    }

    pub fn disbursed(&self) -> Decimal {
        self.interest_periods.iter().map(|ip| ip.disbursement).sum()
    }
}

/// What a repayment period owes, derived from the state (Fineract computes these lazily).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodFigures {
    /// Interest of the interest periods plus what the previous period did not recognise.
    pub calculated_due_interest: Decimal,
    pub due_interest: Decimal,
    pub due_principal: Decimal,
    /// Interest computed but not due here (an early pay-off caps a period's interest at what was
    /// paid); it moves to the next period.
    pub unrecognized_interest: Decimal,
    /// Closing balance, never below zero.
    pub outstanding: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmiModel {
    pub periods: Vec<RepaymentPeriod>,
    pub rates: RateTerms,
    pub currency: CurrencyRules,
    pub installment_amount_in_multiples_of: Option<u32>,
    pub(crate) mc: MathContext,
}

impl EmiModel {
    /// One repayment period per `(from, due)` pair, no balance yet.
    pub fn new(
        dates: &[(NaiveDate, NaiveDate)],
        rates: RateTerms,
        currency: CurrencyRules,
        installment_amount_in_multiples_of: Option<u32>,
        rounding_mode: RoundingMode,
    ) -> EmiModel {
        let periods = dates
            .iter()
            .map(|&(from, due)| RepaymentPeriod {
                from,
                due,
                interest_periods: vec![InterestPeriod::new(from, due)],
                emi: Decimal::ZERO,
                paid_principal: Decimal::ZERO,
                paid_interest: Decimal::ZERO,
            })
            .collect();
        EmiModel {
            periods,
            rates,
            currency,
            installment_amount_in_multiples_of,
            mc: MathContext::new(super::MATH_CONTEXT_DIGITS, rounding_mode),
        }
    }

    pub(crate) fn money(&self, amount: Decimal) -> Decimal {
        money(amount, self.currency, self.mc.mode)
    }

    pub fn mode(&self) -> RoundingMode {
        self.mc.mode
    }

    /// Figures of period `index` given those of the period before it.
    fn figures_of(&self, index: usize, previous: Option<&PeriodFigures>) -> PeriodFigures {
        let period = &self.periods[index];
        let own_interest: Decimal = period
            .interest_periods
            .iter()
            .map(|ip| self.money(ip.outstanding * ip.rate_factor))
            .sum();
        let calculated_due_interest =
            own_interest + previous.map_or(Decimal::ZERO, |p| p.unrecognized_interest);
        let calculated_due_principal = period.emi - calculated_due_interest;
        let candidate = if period.paid_principal > calculated_due_principal {
            period.paid_interest
        } else {
            calculated_due_interest
        };
        let due_interest = candidate.max(period.paid_interest);
        let due_principal = (period.emi - due_interest).max(period.paid_principal);
        let last = period.last_interest_period();
        let closing = last.outstanding + last.balance_correction + last.disbursement
            - due_principal
            + period.paid_principal;
        PeriodFigures {
            calculated_due_interest,
            due_interest,
            due_principal,
            unrecognized_interest: calculated_due_interest - due_interest,
            outstanding: closing.max(Decimal::ZERO),
        }
    }

    /// Figures of every period, in order.
    pub fn figures(&self) -> Vec<PeriodFigures> {
        let mut all: Vec<PeriodFigures> = Vec::with_capacity(self.periods.len());
        for index in 0..self.periods.len() {
            let figures = self.figures_of(index, all.last());
            all.push(figures);
        }
        all
    }

    /// `calculateOutstandingBalance`: one forward pass setting every interest period's opening
    /// balance from the one before it (the previous repayment period's due principal included).
    pub(crate) fn update_outstanding_balances(&mut self) {
        let mut previous: Option<PeriodFigures> = None;
        for index in 0..self.periods.len() {
            if let (Some(prev), true) = (previous, index > 0) {
                let before = &self.periods[index - 1];
                let last = before.last_interest_period();
                let opening = last.outstanding + last.disbursement + last.balance_correction
                    - prev.due_principal
                    + before.paid_principal;
                self.periods[index].interest_periods[0].outstanding = opening;
            }
            let period = &mut self.periods[index];
            for j in 1..period.interest_periods.len() {
                let prev_ip = &period.interest_periods[j - 1];
                let opening =
                    prev_ip.outstanding + prev_ip.balance_correction + prev_ip.disbursement;
                period.interest_periods[j].outstanding = opening;
            }
            previous = Some(self.figures_of(index, previous.as_ref()));
        }
    }

    /// The repayment period a balance change on `date` belongs to: the first period includes its
    /// start date, the others only their due date (a change on a due date closes that period).
    fn period_for_balance_change(&self, date: NaiveDate) -> Option<usize> {
        self.periods.iter().enumerate().position(|(i, p)| {
            let after_start = if i == 0 {
                date >= p.from
            } else {
                date > p.from
            };
            after_start && date <= p.due
        })
    }

    /// `changeOutstandingBalanceAndUpdateInterestPeriods`: books the change on the interest period
    /// ending on `date`, or splits one there. Returns the repayment period's index.
    pub(crate) fn change_balance(
        &mut self,
        date: NaiveDate,
        disbursement: Decimal,
        correction: Decimal,
    ) -> Option<usize> {
        let index = self.period_for_balance_change(date)?;
        let period = &mut self.periods[index];
        if let Some(ip) = period.interest_periods.iter_mut().find(|ip| ip.due == date) {
            ip.disbursement += disbursement;
            ip.balance_correction += correction;
            return Some(index);
        }
        // Fineract splits the *last* interest period for any date after the period start, even a
        // back-dated one (which then becomes an empty stretch at the last period's start).
        let split = if date > period.from {
            period.interest_periods.len() - 1
        } else {
            period
                .interest_periods
                .iter()
                .rposition(|ip| date > ip.from && date <= ip.due)
                .unwrap_or(0)
        };
        let ip = &mut period.interest_periods[split];
        let original_due = ip.due;
        let new_due = date.clamp(ip.from, ip.due);
        ip.due = new_due;
        ip.disbursement += disbursement;
        ip.balance_correction += correction;
        period
            .interest_periods
            .push(InterestPeriod::new(new_due, original_due));
        Some(index)
    }

    /// Opening balance plus disbursements of the interest period holding `date` within the repayment
    /// period due on `period_due` (what `getOutstandingLoanBalance` reports before a tranche).
    pub fn outstanding_on(&self, period_due: NaiveDate, date: NaiveDate) -> Decimal {
        let Some(period) = self.periods.iter().find(|p| p.due == period_due) else {
            return Decimal::ZERO;
        };
        let ips = &period.interest_periods;
        let ip = if date <= period.from {
            ips.first()
        } else if date > period.due {
            ips.last()
        } else {
            ips.iter().find(|ip| date > ip.from && date <= ip.due)
        };
        ip.map_or(Decimal::ZERO, |ip| ip.outstanding + ip.disbursement)
    }
}
