//! Which periods are under principal or interest-payment grace, and how many periods remain to carry
//! principal or interest (Fineract's `periodNumbersApplicableFor*Grace` sets).

use std::collections::BTreeSet;

use super::terms::Grace;

#[derive(Debug, Clone)]
pub(crate) struct GracePeriods {
    principal: BTreeSet<u32>,
    interest_payment: BTreeSet<u32>,
    interest_free: u32,
}

impl GracePeriods {
    pub fn new(grace: Grace, number_of_repayments: u32) -> GracePeriods {
        let mut principal: BTreeSet<u32> = (1..=grace.on_principal_periods).collect();
        let interest_payment = (1..=grace.on_interest_payment_periods).collect();
        let moratorium = grace.recurring_moratorium_on_principal_periods;
        if moratorium > 0 {
            // After the grace, only every (moratorium + 1)-th period repays principal.
            let first = i64::from(grace.on_principal_periods);
            for period in 1..=number_of_repayments {
                let since_grace = i64::from(period) - first;
                if period <= grace.on_principal_periods
                    || since_grace % (i64::from(moratorium) + 1) != 1
                {
                    principal.insert(period);
                }
            }
        }
        GracePeriods {
            principal,
            interest_payment,
            interest_free: grace.on_interest_charged_periods,
        }
    }

    pub fn is_principal_grace(&self, period: u32) -> bool {
        self.principal.contains(&period)
    }

    pub fn is_interest_payment_grace(&self, period: u32) -> bool {
        self.interest_payment.contains(&period)
    }

    pub fn is_interest_free(&self, period: u32) -> bool {
        period > 0 && period <= self.interest_free
    }

    pub fn interest_free_periods(&self) -> u32 {
        self.interest_free
    }

    pub fn has_interest_payment_grace(&self) -> bool {
        !self.interest_payment.is_empty()
    }

    /// `calculateNumberOfRemainingPrincipalPaymentPeriods`.
    pub fn remaining_principal_periods(&self, total: u32, elapsed: u32) -> i64 {
        let graced = self.principal.iter().filter(|p| **p > elapsed).count() as i64;
        i64::from(total) - i64::from(elapsed) - graced
    }

    /// `calculateNumberOfRemainingInterestPaymentPeriods`.
    pub fn remaining_interest_periods(&self, total: u32, elapsed: u32) -> i64 {
        let graced = self
            .interest_payment
            .iter()
            .filter(|p| **p > elapsed)
            .count() as i64;
        i64::from(total) - i64::from(elapsed) - graced - i64::from(self.interest_free)
    }

    /// The last interest-payment grace period before `period` (0 if none).
    pub fn last_interest_grace_before(&self, period: u32) -> u32 {
        self.interest_payment
            .range(..period)
            .next_back()
            .copied()
            .unwrap_or(0)
    }
}
