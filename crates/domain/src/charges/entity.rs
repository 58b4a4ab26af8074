//! A charge definition, its partial update, and what Fineract's `Charge` entity keeps of a request: caps
//! only for "% amount", the fee day only for monthly and annual fees, withdrawal options only for savings.

use rust_decimal::Decimal;

use super::enums::{
    ChargeAppliesTo, ChargeCalculationType, ChargePaymentMode, ChargeTimeType, FeeFrequency,
};

/// Fineract's `MonthDay` (`feeOnMonthDay`): a day of the year without a year; 29 February exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub fn new(month: u32, day: u32) -> Option<MonthDay> {
        let last = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 => 29,
            _ => return None,
        };
        (1..=last).contains(&day).then_some(MonthDay { month, day })
    }
}

/// Savings withdrawals that are free before the fee applies (`enableFreeWithdrawalCharge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreeWithdrawal {
    pub frequency: Option<i64>,
    pub restart_frequency: Option<i64>,
    pub restart_frequency_type: Option<i64>,
}

/// Everything a charge says, as validated values.
#[derive(Debug, Clone, PartialEq)]
pub struct ChargeDefinition {
    pub name: String,
    pub currency_code: String,
    pub amount: Decimal,
    pub applies_to: ChargeAppliesTo,
    pub time_type: ChargeTimeType,
    pub calculation_type: ChargeCalculationType,
    pub payment_mode: Option<ChargePaymentMode>,
    pub penalty: bool,
    pub active: bool,
    pub fee_on_month_day: Option<MonthDay>,
    pub fee_interval: Option<i64>,
    pub fee_frequency: Option<FeeFrequency>,
    pub min_cap: Option<Decimal>,
    pub max_cap: Option<Decimal>,
    pub free_withdrawal: Option<FreeWithdrawal>,
    /// The payment type a savings withdrawal fee is limited to (`enablePaymentType` + `paymentTypeId`).
    pub payment_type_id: Option<i64>,
}

impl ChargeDefinition {
    /// Drops what Fineract's entity does not keep for this kind of charge.
    pub fn normalized(mut self) -> ChargeDefinition {
        if !self.caps_apply() {
            self.min_cap = None;
            self.max_cap = None;
        }
        if !matches!(
            self.time_type,
            ChargeTimeType::MonthlyFee | ChargeTimeType::AnnualFee
        ) {
            self.fee_on_month_day = None;
        }
        if self.applies_to != ChargeAppliesTo::Savings {
            self.free_withdrawal = None;
            self.payment_type_id = None;
        }
        self
    }

    /// Fineract keeps `minCap`/`maxCap` only on "% amount" charges.
    pub fn caps_apply(&self) -> bool {
        self.calculation_type == ChargeCalculationType::PercentOfAmount
    }
}

/// A stored, not deleted, charge.
#[derive(Debug, Clone, PartialEq)]
pub struct Charge {
    pub id: i64,
    pub definition: ChargeDefinition,
}

/// An update request: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChargeChanges {
    pub name: Option<String>,
    pub currency_code: Option<String>,
    pub amount: Option<Decimal>,
    pub applies_to: Option<ChargeAppliesTo>,
    pub time_type: Option<ChargeTimeType>,
    pub calculation_type: Option<ChargeCalculationType>,
    pub payment_mode: Option<ChargePaymentMode>,
    pub fee_on_month_day: Option<MonthDay>,
    pub fee_interval: Option<i64>,
    pub fee_frequency: Option<FeeFrequency>,
    pub penalty: Option<bool>,
    pub active: Option<bool>,
    pub min_cap: Option<Decimal>,
    pub max_cap: Option<Decimal>,
}
