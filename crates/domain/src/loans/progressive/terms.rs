//! What the progressive engine needs to know about a loan: the Fineract fields it reads, already
//! resolved from product and application (which of the two wins is the caller's business).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::arith::CurrencyRules;
use crate::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};
use crate::money::RoundingMode;

/// One tranche (`disbursementData`), or the single expected disbursement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disbursement {
    pub date: NaiveDate,
    pub amount: Decimal,
}

/// How the EMI model turns the nominal rate into per-period rate factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateTerms {
    /// Nominal annual rate in percent (`annualNominalInterestRate`, e.g. 9.4822).
    pub annual_rate_percent: Decimal,
    pub days_in_year: DaysInYear,
    pub days_in_month: DaysInMonth,
    pub repayment_frequency: PeriodFrequency,
    pub repayment_every: u32,
}

/// The inputs of `ProgressiveLoanScheduleGenerator.generate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressiveTerms {
    pub currency: CurrencyRules,
    /// The tenant's `rounding-mode` (HALF_EVEN unless configured).
    pub rounding_mode: RoundingMode,
    pub rates: RateTerms,
    pub number_of_repayments: u32,
    /// Where period 1 starts: the expected disbursement date, or the submitted-on date when the
    /// product's `repaymentStartDateType` is 2.
    pub schedule_start_date: NaiveDate,
    /// `repaymentsStartingFromDate`: the first due date, and the seed of the month-end rule.
    pub first_repayment_date: Option<NaiveDate>,
    /// Tranches in any order; at least one. A plain loan has one: principal on the expected date.
    pub disbursements: Vec<Disbursement>,
    /// Multi-disbursement loans also book tranches dated on or after the maturity date.
    pub multi_disburse: bool,
    /// `installmentAmountInMultiplesOf` (product): the EMI and down payment are rounded to it.
    pub installment_amount_in_multiples_of: Option<u32>,
    /// `disbursedAmountPercentageForDownPayment` when `enableDownPayment` is on.
    pub down_payment_percent: Option<Decimal>,
}

impl ProgressiveTerms {
    /// The seed date of the month-end rule: the first repayment date if given, else the schedule start.
    pub fn seed_date(&self) -> NaiveDate {
        self.first_repayment_date
            .unwrap_or(self.schedule_start_date)
    }
}
