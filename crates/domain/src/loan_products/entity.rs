//! A loan product's terms, a partial update of them, and the range rules between defaults and bounds.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::enums::{
    AccountingRule, Amortization, InterestCalculationPeriod, InterestMethod, RateFrequency,
    ScheduleProcessingType, ScheduleType,
};
use crate::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};

/// Which loan terms an application may override (`allowAttributeOverrides`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributeOverrides {
    pub amortization_type: bool,
    pub interest_type: bool,
    pub transaction_processing_strategy_code: bool,
    pub interest_calculation_period_type: bool,
    pub in_arrears_tolerance: bool,
    pub repayment_every: bool,
    pub grace_on_principal_and_interest_payment: bool,
    pub grace_on_arrears_ageing: bool,
}

impl Default for AttributeOverrides {
    /// Fineract allows every override unless told otherwise.
    fn default() -> Self {
        AttributeOverrides {
            amortization_type: true,
            interest_type: true,
            transaction_processing_strategy_code: true,
            interest_calculation_period_type: true,
            in_arrears_tolerance: true,
            repayment_every: true,
            grace_on_principal_and_interest_payment: true,
            grace_on_arrears_ageing: true,
        }
    }
}

/// Declares the terms once: the full struct, its all-optional patch, and `apply`, which reports the
/// request parameters whose value changed (Fineract's `changes`).
macro_rules! terms {
    ($($field:ident : $ty:ty = $param:literal, $default:expr;)*) => {
        /// Everything a product says, as validated values.
        #[derive(Debug, Clone, PartialEq)]
        pub struct LoanProductTerms { $(pub $field: $ty,)* }

        /// A create or update request: `None` leaves the field as it is (or at its default).
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct LoanProductPatch { $(pub $field: Option<$ty>,)* }

        impl LoanProductTerms {
            /// The terms before any request: Fineract's defaults, blanks for the mandatory ones.
            pub fn blank() -> LoanProductTerms {
                LoanProductTerms { $($field: $default,)* }
            }

            /// The terms after `patch`, and the request parameters whose value changed.
            pub fn apply(&self, patch: &LoanProductPatch) -> (LoanProductTerms, Vec<&'static str>) {
                let mut next = self.clone();
                let mut changed = Vec::new();
                $(
                    if let Some(value) = &patch.$field {
                        if *value != self.$field {
                            next.$field = value.clone();
                            changed.push($param);
                        }
                    }
                )*
                (next, changed)
            }
        }
    };
}

terms! {
    name: String = "name", String::new();
    short_name: String = "shortName", String::new();
    description: Option<String> = "description", None;
    fund_id: Option<i64> = "fundId", None;
    external_id: Option<String> = "externalId", None;
    currency_code: String = "currencyCode", String::new();
    digits_after_decimal: i64 = "digitsAfterDecimal", 2;
    in_multiples_of: i64 = "inMultiplesOf", 0;
    installment_amount_in_multiples_of: Option<Decimal> = "installmentAmountInMultiplesOf", None;
    principal: Decimal = "principal", Decimal::ZERO;
    min_principal: Option<Decimal> = "minPrincipal", None;
    max_principal: Option<Decimal> = "maxPrincipal", None;
    number_of_repayments: i64 = "numberOfRepayments", 0;
    min_number_of_repayments: Option<i64> = "minNumberOfRepayments", None;
    max_number_of_repayments: Option<i64> = "maxNumberOfRepayments", None;
    repayment_every: i64 = "repaymentEvery", 1;
    repayment_frequency: PeriodFrequency = "repaymentFrequencyType", PeriodFrequency::Months;
    interest_rate_per_period: Decimal = "interestRatePerPeriod", Decimal::ZERO;
    min_interest_rate_per_period: Option<Decimal> = "minInterestRatePerPeriod", None;
    max_interest_rate_per_period: Option<Decimal> = "maxInterestRatePerPeriod", None;
    interest_rate_frequency: RateFrequency = "interestRateFrequencyType", RateFrequency::Months;
    amortization: Amortization = "amortizationType", Amortization::EqualInstallments;
    interest_method: InterestMethod = "interestType", InterestMethod::DecliningBalance;
    interest_calculation_period: InterestCalculationPeriod = "interestCalculationPeriodType", InterestCalculationPeriod::SameAsRepaymentPeriod;
    allow_partial_period_interest_calculation: bool = "allowPartialPeriodInterestCalcualtion", false;
    in_arrears_tolerance: Option<Decimal> = "inArrearsTolerance", None;
    transaction_processing_strategy_code: String = "transactionProcessingStrategyCode", String::new();
    grace_on_principal_payment: Option<i64> = "graceOnPrincipalPayment", None;
    grace_on_interest_payment: Option<i64> = "graceOnInterestPayment", None;
    grace_on_interest_charged: Option<i64> = "graceOnInterestCharged", None;
    grace_on_arrears_ageing: Option<i64> = "graceOnArrearsAgeing", None;
    days_in_year: DaysInYear = "daysInYearType", DaysInYear::Actual;
    days_in_month: DaysInMonth = "daysInMonthType", DaysInMonth::Actual;
    accounting_rule: AccountingRule = "accountingRule", AccountingRule::None;
    accounting_mappings: Vec<(String, i64)> = "accountingMappings", Vec::new();
    schedule_type: ScheduleType = "loanScheduleType", ScheduleType::Cumulative;
    schedule_processing_type: ScheduleProcessingType = "loanScheduleProcessingType", ScheduleProcessingType::Horizontal;
    fixed_principal_percentage_per_installment: Option<Decimal> = "fixedPrincipalPercentagePerInstallment", None;
    is_equal_amortization: bool = "isEqualAmortization", false;
    multi_disburse_loan: bool = "multiDisburseLoan", false;
    max_tranche_count: Option<i64> = "maxTrancheCount", None;
    outstanding_loan_balance: Option<Decimal> = "outstandingLoanBalance", None;
    enable_down_payment: bool = "enableDownPayment", false;
    disbursed_amount_percentage_for_down_payment: Option<Decimal> = "disbursedAmountPercentageForDownPayment", None;
    enable_auto_repayment_for_down_payment: bool = "enableAutoRepaymentForDownPayment", false;
    attribute_overrides: AttributeOverrides = "allowAttributeOverrides", AttributeOverrides::default();
    start_date: Option<NaiveDate> = "startDate", None;
    close_date: Option<NaiveDate> = "closeDate", None;
    include_in_borrower_cycle: bool = "includeInBorrowerCycle", false;
    can_define_installment_amount: bool = "canDefineEmiAmount", false;
    can_use_for_topup: bool = "canUseForTopup", false;
    overdue_days_for_npa: Option<i64> = "overdueDaysForNPA", None;
    minimum_days_between_disbursal_and_first_repayment: Option<i64> = "minimumDaysBetweenDisbursalAndFirstRepayment", None;
}

/// A stored product.
#[derive(Debug, Clone, PartialEq)]
pub struct LoanProduct {
    pub id: i64,
    pub terms: LoanProductTerms,
}

impl LoanProduct {
    /// Fineract's `status`: a product past its close date is inactive.
    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.terms.close_date.is_none_or(|close| close >= today)
    }
}

/// A default outside its bounds, or bounds the wrong way round, named as Fineract's validator names it.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeViolation {
    pub parameter: &'static str,
    /// `is.less.than.min`, `is.greater.than.max` or `amount.is.not.within.min.max.range`.
    pub rule: &'static str,
    pub value: Decimal,
    pub limits: Vec<Decimal>,
}

impl LoanProductTerms {
    /// Fineract's min ≤ default ≤ max checks for the principal, the number of repayments and the rate.
    pub fn range_violations(&self) -> Vec<RangeViolation> {
        let mut out = Vec::new();
        let int = |v: Option<i64>| v.map(Decimal::from);
        range(
            &mut out,
            ("minPrincipal", "principal", "maxPrincipal"),
            self.min_principal,
            self.principal,
            self.max_principal,
        );
        range(
            &mut out,
            (
                "minNumberOfRepayments",
                "numberOfRepayments",
                "maxNumberOfRepayments",
            ),
            int(self.min_number_of_repayments),
            Decimal::from(self.number_of_repayments),
            int(self.max_number_of_repayments),
        );
        range(
            &mut out,
            (
                "minInterestRatePerPeriod",
                "interestRatePerPeriod",
                "maxInterestRatePerPeriod",
            ),
            self.min_interest_rate_per_period,
            self.interest_rate_per_period,
            self.max_interest_rate_per_period,
        );
        out
    }
}

fn range(
    out: &mut Vec<RangeViolation>,
    (_min_name, name, max_name): (&'static str, &'static str, &'static str),
    min: Option<Decimal>,
    value: Decimal,
    max: Option<Decimal>,
) {
    match (min, max) {
        (Some(min), Some(max)) if max < min => out.push(RangeViolation {
            parameter: max_name,
            rule: "is.less.than.min",
            value: max,
            limits: vec![min],
        }),
        (Some(min), Some(max)) if value < min || value > max => out.push(RangeViolation {
            parameter: name,
            rule: "amount.is.not.within.min.max.range",
            value,
            limits: vec![min, max],
        }),
        (Some(min), None) if value < min => out.push(RangeViolation {
            parameter: name,
            rule: "is.less.than.min",
            value,
            limits: vec![min],
        }),
        (None, Some(max)) if value > max => out.push(RangeViolation {
            parameter: name,
            rule: "is.greater.than.max",
            value,
            limits: vec![max],
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_principal_outside_its_bounds_is_reported() {
        let mut t = LoanProductTerms::blank();
        t.principal = dec!(50);
        t.min_principal = Some(dec!(100));
        t.max_principal = Some(dec!(1000));
        t.number_of_repayments = 12;
        let v = t.range_violations();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].parameter, "principal");
    }

    #[test]
    fn apply_reports_only_changed_parameters() {
        let t = LoanProductTerms::blank();
        let patch = LoanProductPatch {
            name: Some("Gold".into()),
            repayment_every: Some(1),
            ..Default::default()
        };
        let (next, changed) = t.apply(&patch);
        assert_eq!(next.name, "Gold");
        assert_eq!(changed, ["name"]);
    }
}
