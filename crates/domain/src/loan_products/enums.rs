//! The product's enumerations with Fineract's ids, codes and labels (`EnumOptionData`). Day counts and the
//! repayment frequency are the schedule engines' own types in `loan::common`.

fineract_enum!(
    /// `amortizationType`.
    Amortization {
        EqualPrincipal = 0, "amortizationType.equal.principal", "Equal principal payments";
        EqualInstallments = 1, "amortizationType.equal.installments", "Equal installments";
    }
);

fineract_enum!(
    /// `interestType`.
    InterestMethod {
        DecliningBalance = 0, "interestType.declining.balance", "Declining Balance";
        Flat = 1, "interestType.flat", "Flat";
    }
);

fineract_enum!(
    /// `interestCalculationPeriodType`.
    InterestCalculationPeriod {
        Daily = 0, "interestCalculationPeriodType.daily", "Daily";
        SameAsRepaymentPeriod = 1, "interestCalculationPeriodType.same.as.repayment.period", "Same as repayment period";
    }
);

fineract_enum!(
    /// `interestRateFrequencyType`: what `interestRatePerPeriod` is per.
    RateFrequency {
        Months = 2, "interestRateFrequency.periodFrequencyType.months", "Per month";
        Years = 3, "interestRateFrequency.periodFrequencyType.years", "Per year";
        WholeTerm = 4, "interestRateFrequency.periodFrequencyType.whole_term", "Whole term";
    }
);

fineract_enum!(
    /// `accountingRule`.
    AccountingRule {
        None = 1, "accountingRuleType.none", "NONE";
        Cash = 2, "accountingRuleType.cash", "CASH BASED";
        AccrualPeriodic = 3, "accountingRuleType.accrual.periodic", "ACCRUAL PERIODIC";
        AccrualUpfront = 4, "accountingRuleType.accrual.upfront", "ACCRUAL UPFRONT";
    }
);

fineract_enum!(
    /// `loanScheduleType`: sent by name; the id is the Java ordinal.
    ScheduleType {
        Cumulative = 0, "CUMULATIVE", "Cumulative";
        Progressive = 1, "PROGRESSIVE", "Progressive";
    }
);

fineract_enum!(
    /// `loanScheduleProcessingType`: sent by name; the id is the Java ordinal.
    ScheduleProcessingType {
        Horizontal = 0, "HORIZONTAL", "Horizontal";
        Vertical = 1, "VERTICAL", "Vertical";
    }
);

impl ScheduleType {
    pub fn from_code(code: &str) -> Option<ScheduleType> {
        ScheduleType::ALL.iter().copied().find(|t| t.code() == code)
    }
}

impl ScheduleProcessingType {
    pub fn from_code(code: &str) -> Option<ScheduleProcessingType> {
        ScheduleProcessingType::ALL
            .iter()
            .copied()
            .find(|t| t.code() == code)
    }
}

/// Fineract's repayment strategies (`code`, `name`), in the template's order.
pub const TRANSACTION_PROCESSING_STRATEGIES: &[(&str, &str)] = &[
    (
        "mifos-standard-strategy",
        "Penalties, Fees, Interest, Principal order",
    ),
    ("heavensfamily-strategy", "HeavensFamily Unique"),
    ("creocore-strategy", "Creocore Unique"),
    ("rbi-india-strategy", "Overdue/Due Fee/Int,Principal"),
    (
        "principal-interest-penalties-fees-order-strategy",
        "Principal, Interest, Penalties, Fees Order",
    ),
    (
        "interest-principal-penalties-fees-order-strategy",
        "Interest, Principal, Penalties, Fees Order",
    ),
    ("early-repayment-strategy", "Early Repayment Strategy"),
    (
        "due-penalty-fee-interest-principal-in-advance-principal-penalty-fee-interest-strategy",
        "Due penalty, fee, interest, principal, In advance principal, penalty, fee, interest",
    ),
    (
        "due-penalty-interest-principal-fee-in-advance-penalty-interest-principal-fee-strategy",
        "Due penalty, interest, principal, fee, In advance penalty, interest, principal, fee",
    ),
];

use crate::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};

/// Fineract's id, code and label of a days-in-year convention.
pub fn days_in_year_enum(d: DaysInYear) -> (i64, &'static str, &'static str) {
    match d {
        DaysInYear::Actual => (1, "DaysInYearType.actual", "Actual"),
        DaysInYear::Days360 => (360, "DaysInYearType.days360", "360 Days"),
        DaysInYear::Days364 => (364, "DaysInYearType.days364", "364 Days"),
        DaysInYear::Days365 => (365, "DaysInYearType.days365", "365 Days"),
    }
}

/// Fineract's id, code and label of a days-in-month convention (30 days is coded `days360`, sic).
pub fn days_in_month_enum(d: DaysInMonth) -> (i64, &'static str, &'static str) {
    match d {
        DaysInMonth::Actual => (1, "DaysInMonthType.actual", "Actual"),
        DaysInMonth::Days30 => (30, "DaysInMonthType.days360", "30 Days"),
    }
}

/// Fineract's id, code and label of a repayment frequency.
pub fn repayment_frequency_enum(f: PeriodFrequency) -> (i64, &'static str, &'static str) {
    match f {
        PeriodFrequency::Days => (0, "repaymentFrequency.periodFrequencyType.days", "Days"),
        PeriodFrequency::Weeks => (1, "repaymentFrequency.periodFrequencyType.weeks", "Weeks"),
        PeriodFrequency::Months => (2, "repaymentFrequency.periodFrequencyType.months", "Months"),
        PeriodFrequency::Years => (3, "repaymentFrequency.periodFrequencyType.years", "Years"),
    }
}
