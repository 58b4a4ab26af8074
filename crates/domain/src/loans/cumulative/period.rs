//! One installment's principal and interest, declining balance or flat, with Fineract's grace
//! bookkeeping (`interestPaymentDueToGrace` carried forward) and last-period adjustments.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::engine::Engine;
use super::interest::{periodic_interest_rate, RateBasis};
use super::schedule::ScheduleError;
use super::terms::{AmortizationMethod, InterestMethod};

/// The running figures a period needs from the ones before it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Running {
    pub cumulative_principal: Decimal,
    pub cumulative_interest: Decimal,
    /// Interest deferred by interest-payment grace, not yet scheduled.
    pub interest_due_to_grace: Decimal,
    /// The balance interest is charged on: tranches of the current period are not in it yet.
    pub outstanding: Decimal,
    /// Principal disbursed up to the current period's due date (the loan's principal unless it is
    /// disbursed in tranches); the last period closes it and no period may schedule beyond it.
    pub principal_disbursed: Decimal,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct PeriodSplit {
    pub principal: Decimal,
    pub interest: Decimal,
    pub interest_due_to_grace: Decimal,
}

impl Engine<'_> {
    pub fn split_period(
        &self,
        period: u32,
        interest_start: NaiveDate,
        due: NaiveDate,
        running: &Running,
    ) -> Result<PeriodSplit, ScheduleError> {
        match self.terms.interest_method {
            InterestMethod::DecliningBalance => {
                self.declining(period, interest_start, due, running)
            }
            InterestMethod::Flat => self.flat(period, running),
        }
    }

    fn declining(
        &self,
        period: u32,
        interest_start: NaiveDate,
        due: NaiveDate,
        running: &Running,
    ) -> Result<PeriodSplit, ScheduleError> {
        let cash = &self.cash;
        let rate = periodic_interest_rate(self.terms, interest_start, due, RateBasis::Period)
            .ok_or(ScheduleError::DateOutOfRange)?;
        let before_grace = cash.multiply_retain_scale(running.outstanding, rate);
        let fraction = self.interest_charging_grace_fraction(interest_start, due);
        let free = self.grace.is_interest_free(period);
        let after_grace = if self.grace.is_interest_payment_grace(period)
            || free
            || (self.terms.interest_charged_from_date.is_some() && fraction > Decimal::ZERO)
        {
            cash.zero()
        } else {
            before_grace
        };
        let carried_in = running.interest_due_to_grace;
        let (interest, carried_out) = if after_grace > Decimal::ZERO {
            (cash.plus(carried_in, after_grace), cash.zero())
        } else if free {
            (cash.zero(), carried_in)
        } else {
            (after_grace, cash.plus(carried_in, before_grace))
        };
        // The principal is sized on this period's own interest, without what grace carried in.
        let own_interest = if interest > Decimal::ZERO {
            cash.minus(interest, carried_in)
        } else {
            cash.minus(carried_out, carried_in)
        };
        let principal = self.declining_principal(period, own_interest);
        let cumulative = cash.plus(running.cumulative_principal, principal);
        Ok(PeriodSplit {
            principal: self.adjust_principal_if_last(principal, cumulative, period, running),
            interest,
            interest_due_to_grace: carried_out,
        })
    }

    fn declining_principal(&self, period: u32, interest: Decimal) -> Decimal {
        let cash = &self.cash;
        if self.grace.is_principal_grace(period) {
            return cash.zero();
        }
        match self.terms.amortization {
            AmortizationMethod::EqualInstallments => {
                let emi = cash.of(self.emi.unwrap_or_default());
                cash.minus(emi, interest)
            }
            AmortizationMethod::EqualPrincipal => {
                match self.terms.fixed_principal_percentage_per_installment {
                    Some(percent) => cash.percentage_of(self.principal, percent),
                    None => self.fixed_principal,
                }
            }
        }
    }

    fn flat(&self, period: u32, running: &Running) -> Result<PeriodSplit, ScheduleError> {
        let cash = &self.cash;
        let (interest, carried_out) = match self.terms.amortization {
            AmortizationMethod::EqualInstallments => (
                self.flat_interest_averaged(period)?,
                running.interest_due_to_grace,
            ),
            AmortizationMethod::EqualPrincipal => {
                self.flat_interest_carried(period, running.interest_due_to_grace)?
            }
        };
        let principal = self.flat_principal(period, interest);
        let cumulative_principal = cash.plus(running.cumulative_principal, principal);
        let cumulative_interest = cash.plus(running.cumulative_interest, interest);
        Ok(PeriodSplit {
            principal: self.adjust_principal_if_last(
                principal,
                cumulative_principal,
                period,
                running,
            ),
            interest: self.adjust_interest_if_last(interest, cumulative_interest, period),
            interest_due_to_grace: carried_out,
        })
    }

    /// Flat equal installments: the total after interest-free grace, averaged over the periods that
    /// pay interest; after an interest-payment grace the whole total is spread over what is left.
    fn flat_interest_averaged(&self, period: u32) -> Result<Decimal, ScheduleError> {
        let cash = &self.cash;
        if self.grace.is_interest_payment_grace(period) || self.grace.is_interest_free(period) {
            return Ok(cash.zero());
        }
        let n = self.terms.number_of_repayments;
        let per_grace_period = self.flat_interest_per_installment()?;
        let free = cash.multiplied_by(
            per_grace_period,
            Decimal::from(self.grace.interest_free_periods()),
        );
        let real_total = cash.minus(self.flat_interest_without_grace()?, free);
        let due_periods = self.grace.remaining_interest_periods(n, 0);
        let mut interest = cash.divided_by(real_total, Decimal::from(due_periods));
        if self.grace.has_interest_payment_grace() {
            let elapsed = self.grace.last_interest_grace_before(period);
            if elapsed > 0 {
                let left = self.total_interest_due.unwrap_or_default();
                let periods = self.grace.remaining_interest_periods(n, elapsed);
                interest = cash.divided_by(left, Decimal::from(periods));
            }
        }
        Ok(interest)
    }

    /// Flat equal principal: each period's share; interest-payment grace carries it to the first
    /// period after the grace.
    fn flat_interest_carried(
        &self,
        period: u32,
        carried_in: Decimal,
    ) -> Result<(Decimal, Decimal), ScheduleError> {
        let cash = &self.cash;
        let share = self.flat_interest_per_installment()?;
        Ok(if self.grace.is_interest_payment_grace(period) {
            (cash.zero(), cash.plus(carried_in, share))
        } else if self.grace.is_interest_free(period) {
            (cash.zero(), carried_in)
        } else if period == self.terms.grace.on_interest_payment_periods + 1 {
            (cash.plus(carried_in, share), cash.zero())
        } else {
            (share, carried_in)
        })
    }

    /// `calculateTotalPrincipalPerPeriodWithoutGrace`. With `installmentAmountInMultiplesOf` the
    /// principal absorbs the rounding of the interest, so principal + interest is the multiple.
    fn flat_principal(&self, period: u32, interest: Decimal) -> Decimal {
        let cash = &self.cash;
        if let Some(emi) = self.terms.fixed_emi_amount {
            return cash.minus(cash.of(emi), interest);
        }
        let n = self.terms.number_of_repayments;
        let mut principal = match self.terms.fixed_principal_percentage_per_installment {
            Some(percent) => cash.percentage_of(self.principal, percent),
            None => {
                let periods = self.grace.remaining_principal_periods(n, 0);
                cash.divided_by(self.principal, Decimal::from(periods))
            }
        };
        if self.grace.is_principal_grace(period) {
            principal = cash.zero();
        }
        if let Some(multiple) = self.terms.installment_amount_in_multiples_of {
            let rounded_principal = cash.round_to_multiples_of(principal, multiple);
            let rounded_interest = cash.round_to_multiples_of(interest, multiple);
            principal = cash.minus(cash.plus(rounded_principal, rounded_interest), interest);
        }
        principal
    }

    /// `adjustPrincipalIfLastRepaymentPeriod`: never schedule more than the loan; the last period
    /// takes whatever is left; with a user-given EMI a small remainder joins the current period.
    fn adjust_principal_if_last(
        &self,
        principal: Decimal,
        cumulative: Decimal,
        period: u32,
        running: &Running,
    ) -> Decimal {
        let cash = &self.cash;
        let remaining = cash.minus(running.principal_disbursed, cumulative);
        if remaining < Decimal::ZERO {
            return cash.minus(principal, remaining.abs());
        }
        if self.terms.fixed_emi_amount.is_some() {
            let threshold = cash.divided_by(
                cash.multiplied_by(
                    principal,
                    self.terms.principal_threshold_for_last_installment_percent,
                ),
                Decimal::ONE_HUNDRED,
            );
            if remaining < threshold {
                return cash.plus(principal, remaining);
            }
            return principal;
        }
        if period == self.terms.number_of_repayments {
            return cash.plus(principal, remaining);
        }
        principal
    }

    /// `adjustInterestIfLastRepaymentPeriod` (flat): the last period takes the total minus what was
    /// scheduled. A negative result is doubled, not zeroed: Fineract's quirk, kept.
    fn adjust_interest_if_last(
        &self,
        interest: Decimal,
        cumulative: Decimal,
        period: u32,
    ) -> Decimal {
        let cash = &self.cash;
        let total = self.total_interest_due.unwrap_or_default();
        let remaining = cash.minus(total, cumulative);
        let mut adjusted = interest;
        if remaining < Decimal::ZERO {
            adjusted = cash.minus(interest, remaining.abs());
        } else if period == self.terms.number_of_repayments {
            adjusted = cash.plus(interest, remaining);
        }
        if adjusted < Decimal::ZERO {
            adjusted = cash.plus(adjusted, adjusted);
        }
        adjusted
    }
}
