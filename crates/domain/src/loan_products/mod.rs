//! Loan products: the templates loans are opened from. A product fixes the currency and the schedule's
//! shape (amortization, interest method, day counts, frequencies) and bounds what an application may change.

mod entity;
mod enums;
mod error;

pub use entity::{
    AttributeOverrides, LoanProduct, LoanProductPatch, LoanProductTerms, RangeViolation,
};
pub use enums::{
    days_in_month_enum, days_in_year_enum, repayment_frequency_enum, AccountingRule, Amortization,
    InterestCalculationPeriod, InterestMethod, RateFrequency, ScheduleProcessingType, ScheduleType,
    TRANSACTION_PROCESSING_STRATEGIES,
};
pub use error::LoanProductError;
