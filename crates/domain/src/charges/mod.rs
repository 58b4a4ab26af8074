//! Charge definitions: the fees and penalties products and accounts pick from. A charge is for one kind of
//! account (loan, savings, client, shares), falls due at a time that kind allows, and is a flat amount or
//! a percentage of something.

mod entity;
mod enums;
mod error;
mod rules;
#[cfg(test)]
mod tests;

pub use entity::{Charge, ChargeChanges, ChargeDefinition, FreeWithdrawal, MonthDay};
pub use enums::{
    allowed_calculation_types, allowed_time_types, offered_time_types, ChargeAppliesTo,
    ChargeCalculationType, ChargePaymentMode, ChargeTimeType, FeeFrequency,
};
pub use error::ChargeError;
pub use rules::{apply, check_new, kind_violations, Update, Violation, ENTITY, VALIDATOR};
