//! Global configuration (`c_configuration`): named switches with an optional number, date or text. The
//! names other code reads are constants here; the update rules (trap doors, password-reset days) live in
//! [`GlobalConfiguration::apply`].

mod entity;
mod error;

pub use entity::{ConfigurationField, ConfigurationUpdate, GlobalConfiguration};
pub use error::ConfigurationError;

/// Configuration names Kassa reads (Fineract's `GlobalConfigurationConstants`).
pub mod names {
    pub const MAKER_CHECKER: &str = "maker-checker";
    pub const ENABLE_SAME_MAKER_CHECKER: &str = "enable-same-maker-checker";
    pub const FORCE_PASSWORD_RESET_DAYS: &str = "force-password-reset-days";
    pub const ENABLE_BUSINESS_DATE: &str = "enable-business-date";
    pub const ENABLE_AUTOMATIC_COB_DATE_ADJUSTMENT: &str = "enable-automatic-cob-date-adjustment";
    pub const ROUNDING_MODE: &str = "rounding-mode";
    pub const RESCHEDULE_REPAYMENTS_ON_HOLIDAYS: &str = "reschedule-repayments-on-holidays";
    pub const RESCHEDULE_FUTURE_REPAYMENTS: &str = "reschedule-future-repayments";
    pub const ALLOW_TRANSACTIONS_ON_HOLIDAY: &str = "allow-transactions-on-holiday";
    pub const ALLOW_TRANSACTIONS_ON_NON_WORKINGDAY: &str = "allow-transactions-on-non-workingday";
    pub const DAILY_TPT_LIMIT: &str = "daily-tpt-limit";
}
