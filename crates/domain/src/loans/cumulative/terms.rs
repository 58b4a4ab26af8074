//! The typed inputs of the cumulative engine: one loan application as Fineract's
//! `LoanApplicationTerms` sees it after product defaults and overrides are resolved.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::nth_weekday::NthWeekday;
use crate::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};
use crate::loans::working_days::ScheduleCalendar;
use crate::money::RoundingMode;

/// `interestType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestMethod {
    DecliningBalance,
    Flat,
}

/// `amortizationType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmortizationMethod {
    EqualPrincipal,
    EqualInstallments,
}

/// `interestCalculationPeriodType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestCalculationPeriod {
    Daily,
    SameAsRepaymentPeriod,
}

/// The currency as the schedule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrencyRules {
    pub decimal_places: u32,
    /// Currency `inMultiplesOf`; only acts on 0-decimal currencies (Fineract's `Money` rule).
    pub in_multiples_of: Option<u32>,
}

/// Grace settings, in numbers of repayment periods.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Grace {
    /// `graceOnPrincipalPayment`: first periods without principal.
    pub on_principal_periods: u32,
    /// `graceOnInterestPayment`: interest is computed but deferred to the first period after.
    pub on_interest_payment_periods: u32,
    /// `graceOnInterestCharged`: interest-free periods (interest is dropped, not deferred).
    pub on_interest_charged_periods: u32,
    /// `recurringMoratoriumOnPrincipalPeriods`.
    pub recurring_moratorium_on_principal_periods: u32,
}

/// One expected disbursement of a multi-disbursement loan (`disbursementData`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tranche {
    pub expected_date: NaiveDate,
    pub principal: Decimal,
}

/// A cumulative loan application.
#[derive(Debug, Clone)]
pub struct CumulativeTerms {
    pub principal: Decimal,
    pub currency: CurrencyRules,
    /// The tenant's `rounding-mode` (HALF_EVEN by default).
    pub rounding_mode: RoundingMode,
    pub number_of_repayments: u32,
    pub repayment_every: u32,
    pub repayment_frequency: PeriodFrequency,
    /// `loanTermFrequency`, in units of `repayment_frequency` (Fineract requires the same unit).
    /// Flat interest of a same-as-repayment-period loan is priced on it.
    pub loan_term_frequency: u32,
    pub expected_disbursement_date: NaiveDate,
    /// `repaymentsStartingFromDate`: first due date and seed of the month-end rule.
    pub repayments_starting_from_date: Option<NaiveDate>,
    pub interest_charged_from_date: Option<NaiveDate>,
    /// Global `interest-charged-from-date-same-as-disbursal-date` (off by default).
    pub interest_charged_from_disbursal_date: bool,
    pub annual_nominal_interest_rate_percent: Decimal,
    pub amortization: AmortizationMethod,
    pub interest_method: InterestMethod,
    pub interest_calculation_period: InterestCalculationPeriod,
    pub allow_partial_period_interest_calculation: bool,
    pub days_in_year: DaysInYear,
    pub days_in_month: DaysInMonth,
    pub grace: Grace,
    /// Product `installmentAmountInMultiplesOf`.
    pub installment_amount_in_multiples_of: Option<u32>,
    /// A user-given EMI: the number of installments then follows from the balance.
    pub fixed_emi_amount: Option<Decimal>,
    /// Used with `fixed_emi_amount`: a last remainder below this share of an installment's principal is
    /// merged into the installment before it.
    pub principal_threshold_for_last_installment_percent: Decimal,
    pub fixed_principal_percentage_per_installment: Option<Decimal>,
    /// `isEqualAmortization`. For an application's schedule Fineract applies it only through a
    /// total interest it never sets there (`calculateTotalInterestForPeriod` needs
    /// `totalInterestDue`, which the generator skips for equal amortization), so a declining loan's
    /// schedule is unchanged and a flat one fails. Only `Loan.regenerateRepaymentSchedule`, for an
    /// existing loan, spreads the declining total interest evenly; that is not this engine's job.
    pub is_equal_amortization: bool,
    /// `disbursedAmountPercentageForDownPayment` when the product has `enableDownPayment`: that share
    /// of the disbursement is due on the disbursement date, the rest is amortised.
    pub down_payment_percent: Option<Decimal>,
    /// Monthly repayments on the n-th weekday (`repaymentFrequencyNthDayType` and
    /// `repaymentFrequencyDayOfWeekType`); ignored for other frequencies, as in Fineract.
    pub repayment_on_nth_weekday: Option<NthWeekday>,
    /// Multi-disbursement tranches; empty for a single disbursement. The first falls on the expected
    /// disbursement date and together they make up `principal`.
    pub tranches: Vec<Tranche>,
    pub calendar: ScheduleCalendar,
}

impl CumulativeTerms {
    /// A monthly declining-balance equal-installment loan with Fineract's defaults, for builders and
    /// tests to adjust.
    pub fn monthly(
        principal: Decimal,
        annual_nominal_interest_rate_percent: Decimal,
        number_of_repayments: u32,
        expected_disbursement_date: NaiveDate,
    ) -> CumulativeTerms {
        CumulativeTerms {
            principal,
            currency: CurrencyRules {
                decimal_places: 2,
                in_multiples_of: None,
            },
            rounding_mode: RoundingMode::HalfEven,
            number_of_repayments,
            repayment_every: 1,
            repayment_frequency: PeriodFrequency::Months,
            loan_term_frequency: number_of_repayments,
            expected_disbursement_date,
            repayments_starting_from_date: None,
            interest_charged_from_date: None,
            interest_charged_from_disbursal_date: false,
            annual_nominal_interest_rate_percent,
            amortization: AmortizationMethod::EqualInstallments,
            interest_method: InterestMethod::DecliningBalance,
            interest_calculation_period: InterestCalculationPeriod::SameAsRepaymentPeriod,
            allow_partial_period_interest_calculation: false,
            days_in_year: DaysInYear::Actual,
            days_in_month: DaysInMonth::Actual,
            grace: Grace::default(),
            installment_amount_in_multiples_of: None,
            fixed_emi_amount: None,
            principal_threshold_for_last_installment_percent: Decimal::from(50),
            fixed_principal_percentage_per_installment: None,
            is_equal_amortization: false,
            down_payment_percent: None,
            repayment_on_nth_weekday: None,
            tranches: Vec::new(),
            calendar: ScheduleCalendar::default(),
        }
    }
}
