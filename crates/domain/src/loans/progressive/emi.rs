//! The EMI calculator's operations (`ProgressiveEMICalculator`): rate factors, the EMI over the
//! periods a balance change affects, the last-period fix-up and the one-shot EMI re-balancing, and the
//! balance changes that trigger them (disbursement, principal and interest payments).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::arith::round_to_installment_multiple;
use super::model::EmiModel;
use super::rate_factor::rate_factor;

impl EmiModel {
    /// `addDisbursement`: books the amount and recomputes the EMI from the affected period on. A
    /// disbursement on a due date closes that period, so the EMI changes from the next one.
    pub fn add_disbursement(&mut self, date: NaiveDate, amount: Decimal) {
        let Some(index) = self.change_balance(date, amount, Decimal::ZERO) else {
            return;
        };
        let first_related = if self.periods[index].due == date && index + 1 < self.periods.len() {
            index + 1
        } else {
            index
        };
        self.recalculate_emi_from(first_related);
    }

    /// `addBalanceCorrection`: a change that does not re-amortise (the EMI stays; the last period
    /// absorbs the difference).
    pub fn add_balance_correction(&mut self, date: NaiveDate, amount: Decimal) {
        if let Some(index) = self.change_balance(date, Decimal::ZERO, amount) {
            self.set_rate_factors(index);
            self.update_outstanding_balances();
            self.fix_last_unpaid_emi();
        }
    }

    /// `payPrincipal`: principal paid on the period due on `period_due`; the balance drops on the
    /// payment date, or on the due date when paid late.
    pub fn pay_principal(&mut self, period_due: NaiveDate, paid_on: NaiveDate, amount: Decimal) {
        if let Some(period) = self.periods.iter_mut().find(|p| p.due == period_due) {
            period.paid_principal += amount;
        }
        self.add_balance_correction(paid_on.min(period_due), -amount);
    }

    /// `payInterest`: interest paid on the period due on `period_due`.
    pub fn pay_interest(&mut self, period_due: NaiveDate, amount: Decimal) {
        if let Some(period) = self.periods.iter_mut().find(|p| p.due == period_due) {
            period.paid_interest += amount;
        }
        self.update_outstanding_balances();
        self.fix_last_unpaid_emi();
    }

    fn set_rate_factors(&mut self, index: usize) {
        let rates = self.rates;
        let mc = self.mc;
        let period = &mut self.periods[index];
        let bounds = (period.from, period.due);
        for ip in &mut period.interest_periods {
            // Yearly frequency is rejected before a model is built; zero keeps the model total.
            ip.rate_factor = rate_factor(&rates, bounds, (ip.from, ip.due), mc).unwrap_or_default();
        }
    }

    /// `calculateEMIValueAndRateFactors` for the periods from `first` to the end.
    fn recalculate_emi_from(&mut self, first: usize) {
        for index in first..self.periods.len() {
            self.set_rate_factors(index);
        }
        self.update_outstanding_balances();
        self.set_equal_installment(first);
        self.update_outstanding_balances();
        self.fix_last_unpaid_emi();
        self.rebalance_if_needed(first);
    }

    /// EMI = prod(q_i) x B / F with q_i = 1 + the period's rate factors and F = 1 + q_2(1 + q_3(...)),
    /// every step under the 12-digit MathContext; B = the balance entering the first related period
    /// plus what is disbursed inside it.
    fn set_equal_installment(&mut self, first: usize) {
        let mc = self.mc;
        let related = &self.periods[first..];
        if related.is_empty() {
            return;
        }
        let product = related
            .iter()
            .fold(Decimal::ONE, |acc, p| mc.mul(acc, p.rate_factor_plus_1()));
        let fn_value = related.iter().skip(1).fold(Decimal::ONE, |acc, p| {
            mc.add(Decimal::ONE, mc.mul(acc, p.rate_factor_plus_1()))
        });
        let entering = if first == 0 {
            Decimal::ZERO
        } else {
            self.figures()[first - 1].outstanding
        };
        let balance = entering + self.periods[first].disbursed();
        let emi =
            self.apply_installment_multiple(self.money(mc.div(mc.mul(product, balance), fn_value)));
        for period in &mut self.periods[first..] {
            period.emi = emi;
        }
    }

    fn apply_installment_multiple(&self, amount: Decimal) -> Decimal {
        match self.installment_amount_in_multiples_of {
            Some(multiple) => {
                round_to_installment_multiple(amount, multiple, self.currency, self.mode())
            }
            None => amount,
        }
    }

    /// `calculateLastUnpaidRepaymentPeriodEMI`: the last unpaid period's EMI takes
    /// disbursed + all due interest - all EMIs, so principal closes to zero.
    pub(crate) fn fix_last_unpaid_emi(&mut self) {
        let figures = self.figures();
        let due_interest: Decimal = figures.iter().map(|f| f.due_interest).sum();
        let emis: Decimal = self.periods.iter().map(|p| p.emi).sum();
        let disbursed: Decimal = self.periods.iter().map(|p| p.disbursed()).sum();
        let difference = disbursed + due_interest - emis;
        if let Some(last) = self.periods.iter_mut().rev().find(|p| !p.is_fully_paid()) {
            last.emi += difference;
        }
    }

    /// `checkAndAdjustEmiIfNeededOnRelatedRepaymentPeriods`: when the last EMI differs from the one
    /// before by more than floor(n/2) cents, try EMI + difference/n once and keep it only if the
    /// last-period difference shrinks.
    fn rebalance_if_needed(&mut self, first: usize) {
        let count = self.periods.len() - first;
        let difference = self.last_two_difference(first);
        let half = (count / 2) as i64;
        if difference.is_zero() || half == 0 {
            return;
        }
        let original = self.periods[self.periods.len() - 2].emi;
        if difference.abs() * Decimal::ONE_HUNDRED <= Decimal::from(half) {
            return;
        }
        // `Money.dividedBy(n, mode)` keeps the dividend's scale (cents).
        let step = crate::money::round(
            difference / Decimal::from(count),
            self.currency.decimal_places,
            self.mode(),
        );
        let adjusted = self.apply_installment_multiple(self.money(original + step));
        if adjusted == original {
            return;
        }
        let mut candidate = self.clone();
        for period in &mut candidate.periods[first..] {
            period.emi = adjusted;
        }
        candidate.update_outstanding_balances();
        candidate.fix_last_unpaid_emi();
        if candidate.last_two_difference(first).abs() < difference.abs() {
            for (period, better) in self.periods[first..]
                .iter_mut()
                .zip(&candidate.periods[first..])
            {
                period.emi = better.emi;
            }
            self.update_outstanding_balances();
        }
    }

    fn last_two_difference(&self, first: usize) -> Decimal {
        let n = self.periods.len();
        if n - first < 2 {
            return Decimal::ZERO;
        }
        self.periods[n - 1].emi - self.periods[n - 2].emi
    }
}
