//! Vocabulary shared by the loan schedule engines: repayment frequency and day-count conventions, with
//! Fineract's enum ids so the API layer can map them without a second table.

/// `repaymentFrequencyType` / `loanTermFrequencyType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodFrequency {
    Days,
    Weeks,
    Months,
    Years,
}

impl PeriodFrequency {
    pub fn from_fineract_id(id: i64) -> Option<PeriodFrequency> {
        Some(match id {
            0 => PeriodFrequency::Days,
            1 => PeriodFrequency::Weeks,
            2 => PeriodFrequency::Months,
            3 => PeriodFrequency::Years,
            _ => return None,
        })
    }

    pub fn fineract_id(self) -> i64 {
        match self {
            PeriodFrequency::Days => 0,
            PeriodFrequency::Weeks => 1,
            PeriodFrequency::Months => 2,
            PeriodFrequency::Years => 3,
        }
    }
}

/// `daysInYearType`: 1 actual, else the fixed length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaysInYear {
    Actual,
    Days360,
    Days364,
    Days365,
}

impl DaysInYear {
    pub fn from_fineract_id(id: i64) -> Option<DaysInYear> {
        Some(match id {
            1 => DaysInYear::Actual,
            360 => DaysInYear::Days360,
            364 => DaysInYear::Days364,
            365 => DaysInYear::Days365,
            _ => return None,
        })
    }

    /// The fixed year length, `None` for actual.
    pub fn fixed_days(self) -> Option<u32> {
        match self {
            DaysInYear::Actual => None,
            DaysInYear::Days360 => Some(360),
            DaysInYear::Days364 => Some(364),
            DaysInYear::Days365 => Some(365),
        }
    }
}

/// `daysInMonthType`: 1 actual, 30.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaysInMonth {
    Actual,
    Days30,
}

impl DaysInMonth {
    pub fn from_fineract_id(id: i64) -> Option<DaysInMonth> {
        Some(match id {
            1 => DaysInMonth::Actual,
            30 => DaysInMonth::Days30,
            _ => return None,
        })
    }
}

use crate::money::RoundingMode;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Significant digits of Fineract's `MoneyHelper.getMathContext()`.
pub const MATH_CONTEXT_DIGITS: u32 = 12;

/// Rounds to 12 significant digits, like a Java `BigDecimal` operation under Fineract's MathContext.
/// Rates are built step by step with it (annual / periods, then / 100), so each step must round.
pub fn round_significant(value: Decimal, mode: RoundingMode) -> Decimal {
    if value.is_zero() {
        return value;
    }
    let digits = value.abs().mantissa().to_string().len() as i64;
    let integer_digits = digits - i64::from(value.scale());
    let places = i64::from(MATH_CONTEXT_DIGITS) - integer_digits;
    if places < 0 || places >= i64::from(value.scale()) {
        return value.normalize();
    }
    crate::money::round(value, places as u32, mode).normalize()
}

/// `BigDecimal.valueOf(double)`: the shortest decimal that reads back as the same double (what
/// `Double.toString` prints). Used where Fineract leaves IEEE double arithmetic (PMT, day fractions).
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{value}")).ok()
}

/// `BigDecimal.doubleValue()`: the nearest double, via the decimal text so the conversion is correctly
/// rounded.
pub fn decimal_to_f64(value: Decimal) -> f64 {
    f64::from_str(&value.to_string()).unwrap_or(0.0)
}
