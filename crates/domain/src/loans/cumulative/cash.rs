//! Fineract's `Money` arithmetic for one currency: every result is re-made at the currency's scale
//! with the tenant's rounding mode, so the engine rounds where Fineract does and nowhere else.

use rust_decimal::Decimal;

use super::terms::CurrencyRules;
use crate::loans::common::{decimal_from_f64, decimal_to_f64};
use crate::money::{round, RoundingMode};

#[derive(Debug, Clone, Copy)]
pub(crate) struct Cash {
    pub places: u32,
    pub in_multiples_of: Option<u32>,
    pub mode: RoundingMode,
}

impl Cash {
    pub fn new(currency: CurrencyRules, mode: RoundingMode) -> Cash {
        Cash {
            places: currency.decimal_places,
            in_multiples_of: currency.in_multiples_of,
            mode,
        }
    }

    /// `Money.of`: 0-decimal currencies with `inMultiplesOf` snap positive amounts to the nearest
    /// multiple through doubles, a tie going up (not the tenant mode); then the scale is set.
    pub fn of(&self, amount: Decimal) -> Decimal {
        let mut value = amount.normalize();
        if let Some(multiple) = self.in_multiples_of.filter(|m| *m > 0) {
            let as_double = decimal_to_f64(value);
            if self.places == 0 && as_double > 0.0 {
                let step = f64::from(multiple);
                let ceiling = (as_double / step).ceil() * step;
                let floor = (as_double / step).floor() * step;
                let snapped = if ceiling - as_double > as_double - floor {
                    floor
                } else {
                    ceiling
                };
                value = decimal_from_f64(snapped).unwrap_or(value);
            }
        }
        round(value, self.places, self.mode)
    }

    pub fn zero(&self) -> Decimal {
        self.of(Decimal::ZERO)
    }

    pub fn plus(&self, a: Decimal, b: Decimal) -> Decimal {
        self.of(a + b)
    }

    pub fn minus(&self, a: Decimal, b: Decimal) -> Decimal {
        self.of(a - b)
    }

    /// `Money.dividedBy(n, mode)`: the quotient keeps the dividend's scale (the currency's), so
    /// 5000.00 / 18 = 277.78, not a full-precision value rounded later.
    pub fn divided_by(&self, amount: Decimal, divisor: Decimal) -> Decimal {
        if divisor == Decimal::ONE || divisor.is_zero() {
            return amount;
        }
        self.of(round(amount / divisor, self.places, self.mode))
    }

    /// `Money.multipliedBy`: exact product, then `Money.of`.
    pub fn multiplied_by(&self, amount: Decimal, factor: Decimal) -> Decimal {
        self.of(amount * factor)
    }

    /// `Money.multiplyRetainScale`: exact product rounded to the currency scale.
    pub fn multiply_retain_scale(&self, amount: Decimal, factor: Decimal) -> Decimal {
        self.of(round(amount * factor, self.places, self.mode))
    }

    /// `Money.percentageOf`: amount x percent / 100 at the amount's scale.
    pub fn percentage_of(&self, amount: Decimal, percent: Decimal) -> Decimal {
        self.of(round(
            amount * percent / Decimal::ONE_HUNDRED,
            self.places,
            self.mode,
        ))
    }

    /// `Money.roundToMultiplesOf` (the product's `installmentAmountInMultiplesOf`): amount / m rounded to
    /// an integer with the tenant mode, times m. Unlike the currency rule, ties follow the mode.
    pub fn round_to_multiples_of(&self, amount: Decimal, multiple: u32) -> Decimal {
        self.of(round_to_multiple(amount, multiple, self.mode))
    }
}

/// The bare `BigDecimal` form of the multiples rule, used on the EMI before it becomes money.
pub(crate) fn round_to_multiple(amount: Decimal, multiple: u32, mode: RoundingMode) -> Decimal {
    if multiple == 0 {
        return amount;
    }
    let step = Decimal::from(multiple);
    round(amount / step, 0, mode) * step
}
