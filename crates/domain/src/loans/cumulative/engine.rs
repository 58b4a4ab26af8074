//! The fixed facts of one schedule run, computed once before the period loop: the money rules, grace
//! periods, the loan end date, the EMI or fixed principal, the flat loan's total interest.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::cash::{round_to_multiple, Cash};
use super::dates::{days_between, last_repayment_date, periods_between_dates};
use super::grace::GracePeriods;
use super::interest::{pmt_in_double, pmt_rate, rate_per_year_period};
use super::schedule::ScheduleError;
use super::terms::{
    AmortizationMethod, CumulativeTerms, InterestCalculationPeriod, InterestMethod,
};
use crate::loans::common::{decimal_from_f64, decimal_to_f64, round_significant, PeriodFrequency};

pub(crate) struct Engine<'a> {
    pub terms: &'a CumulativeTerms,
    pub cash: Cash,
    pub grace: GracePeriods,
    /// The principal the installments amortise: the loan less any down payment.
    pub principal: Decimal,
    /// Due on the disbursement date, before the installments; zero without a down payment.
    pub down_payment: Decimal,
    pub loan_end_date: NaiveDate,
    /// The installment of a declining equal-installment loan (computed or user-given).
    pub emi: Option<Decimal>,
    /// The per-period principal of a declining equal-principal loan.
    pub fixed_principal: Decimal,
    /// Flat loans: total interest after interest-free grace.
    pub total_interest_due: Option<Decimal>,
}

impl<'a> Engine<'a> {
    pub fn new(terms: &'a CumulativeTerms) -> Result<Engine<'a>, ScheduleError> {
        let cash = Cash::new(terms.currency, terms.rounding_mode);
        let grace = GracePeriods::new(terms.grace, terms.number_of_repayments);
        let loan_end_date = last_repayment_date(terms).ok_or(ScheduleError::DateOutOfRange)?;
        let down_payment = down_payment(terms, &cash);
        let mut engine = Engine {
            terms,
            cash,
            grace,
            principal: cash.minus(cash.of(terms.principal), down_payment),
            down_payment,
            loan_end_date,
            emi: None,
            fixed_principal: Decimal::ZERO,
            total_interest_due: None,
        };
        if terms.interest_method == InterestMethod::Flat {
            if !down_payment.is_zero() && !terms.annual_nominal_interest_rate_percent.is_zero() {
                // Which principal Fineract's flat interest uses here (the loan or the amortised
                // part) depends on its multi-disbursement path and no test of its pins it down.
                return Err(ScheduleError::InvalidTerms(
                    "flat interest with a down payment is not supported",
                ));
            }
            if terms.is_equal_amortization {
                // Fineract leaves the total unset here and then fails on it in the last period.
                return Err(ScheduleError::InvalidTerms(
                    "isEqualAmortization applies to declining balance loans",
                ));
            }
            engine.total_interest_due = Some(engine.flat_total_interest()?);
        }
        match terms.amortization {
            AmortizationMethod::EqualInstallments => {
                engine.emi = match terms.fixed_emi_amount {
                    Some(given) => Some(given),
                    None if terms.interest_method == InterestMethod::DecliningBalance => {
                        Some(engine.compute_emi()?)
                    }
                    None => None,
                };
            }
            AmortizationMethod::EqualPrincipal => {
                let periods = engine
                    .grace
                    .remaining_principal_periods(terms.number_of_repayments, 0);
                engine.fixed_principal = cash.divided_by(engine.principal, Decimal::from(periods));
            }
        }
        Ok(engine)
    }

    /// PMT over the periods after the principal grace, in double, then `BigDecimal.valueOf`, the
    /// installment multiple, and the currency scale.
    fn compute_emi(&self) -> Result<Decimal, ScheduleError> {
        let terms = self.terms;
        let elapsed = terms.grace.on_principal_periods;
        let payments = self
            .grace
            .remaining_principal_periods(terms.number_of_repayments, elapsed);
        if payments <= 0 {
            return Err(ScheduleError::InvalidTerms(
                "grace on principal covers every repayment",
            ));
        }
        let rate = pmt_rate(terms).ok_or(ScheduleError::DateOutOfRange)?;
        let balance = -decimal_to_f64(self.principal);
        let payment = pmt_in_double(rate, payments as f64, balance);
        let mut emi = decimal_from_f64(payment).ok_or(ScheduleError::InvalidTerms(
            "the installment is not a number",
        ))?;
        if let Some(multiple) = terms.installment_amount_in_multiples_of {
            emi = round_to_multiple(emi, multiple, terms.rounding_mode);
        }
        Ok(self.cash.of(emi))
    }

    /// `calculatePeriodsInLoanTerm`: what the flat rate is multiplied by.
    fn periods_in_loan_term(&self) -> Result<Decimal, ScheduleError> {
        let terms = self.terms;
        match terms.interest_calculation_period {
            InterestCalculationPeriod::Daily => {
                let mut start = terms.expected_disbursement_date;
                if let Some(from) = terms.interest_charged_from_date.filter(|d| *d > start) {
                    start = from;
                }
                Ok(Decimal::from(days_between(start, self.loan_end_date)))
            }
            InterestCalculationPeriod::SameAsRepaymentPeriod => {
                if terms.allow_partial_period_interest_calculation {
                    let start = terms
                        .interest_charged_from_date
                        .unwrap_or(terms.expected_disbursement_date);
                    periods_between_dates(terms, start, self.loan_end_date)
                        .ok_or(ScheduleError::DateOutOfRange)
                } else {
                    Ok(Decimal::from(terms.loan_term_frequency))
                }
            }
        }
    }

    /// Flat interest over the whole term before grace: principal x rate x term, at currency scale.
    pub fn flat_interest_without_grace(&self) -> Result<Decimal, ScheduleError> {
        let rate_for_term = rate_per_year_period(self.terms) * self.periods_in_loan_term()?;
        Ok(self
            .cash
            .multiply_retain_scale(self.principal, rate_for_term))
    }

    /// `flatInterestPerInstallment`: the total spread over every repayment.
    pub fn flat_interest_per_installment(&self) -> Result<Decimal, ScheduleError> {
        let total = self.flat_interest_without_grace()?;
        Ok(self
            .cash
            .divided_by(total, Decimal::from(self.terms.number_of_repayments)))
    }

    /// `calculateTotalInterestCharged`: interest-free periods remove their share.
    fn flat_total_interest(&self) -> Result<Decimal, ScheduleError> {
        let per_installment = self.flat_interest_per_installment()?;
        let free = self.cash.multiply_retain_scale(
            per_installment,
            Decimal::from(self.grace.interest_free_periods()),
        );
        Ok(self.cash.minus(self.flat_interest_without_grace()?, free))
    }

    /// `calculatePortionOfRepaymentPeriodInterestChargingGrace`: 1 for a period that ends before
    /// `interestChargedFromDate`, the part of the period before it (30-day months) when it falls
    /// inside, else 0.
    pub fn interest_charging_grace_fraction(&self, start: NaiveDate, due: NaiveDate) -> Decimal {
        let Some(from) = self.terms.interest_charged_from_date else {
            return Decimal::ZERO;
        };
        if due <= from {
            return Decimal::ONE;
        }
        if from < start {
            return Decimal::ZERO;
        }
        let mode = self.terms.rounding_mode;
        let days = Decimal::from(days_between(start, from));
        let every = Decimal::from(self.terms.repayment_every);
        let unit_days = match self.terms.repayment_frequency {
            PeriodFrequency::Days => return days * every,
            PeriodFrequency::Weeks => 7,
            PeriodFrequency::Months => 30,
            PeriodFrequency::Years => 365,
        };
        round_significant(
            round_significant(days / Decimal::from(unit_days), mode) * every,
            mode,
        )
    }
}

/// The down payment: the percentage of the disbursement at currency scale (Fineract's `Money.of` of a
/// 19-digit percentage), then to `installmentAmountInMultiplesOf` when the product sets one.
fn down_payment(terms: &CumulativeTerms, cash: &Cash) -> Decimal {
    let Some(percent) = terms.down_payment_percent else {
        return cash.zero();
    };
    let amount = cash.of(terms.principal * percent / Decimal::ONE_HUNDRED);
    match terms.installment_amount_in_multiples_of {
        Some(multiple) => cash.round_to_multiples_of(amount, multiple),
        None => amount,
    }
}
