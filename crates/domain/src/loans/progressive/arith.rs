//! The two kinds of arithmetic the EMI calculator mixes: `BigDecimal` under a `MathContext` (a fixed
//! number of significant digits, every operation rounded) for rates and factors, and Fineract's `Money`
//! (exact operation, then rounded to the currency) for amounts.

use rust_decimal::Decimal;

use crate::money::{round, RoundingMode};

/// A Java `MathContext`: significant digits and rounding mode. Fineract's is 12 digits; the down
/// payment percentage uses 19.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MathContext {
    pub digits: u32,
    pub mode: RoundingMode,
}

impl MathContext {
    pub fn new(digits: u32, mode: RoundingMode) -> MathContext {
        MathContext { digits, mode }
    }

    /// Rounds `value` to this context's significant digits (`BigDecimal.round(mc)`).
    pub fn round(self, value: Decimal) -> Decimal {
        if value.is_zero() {
            return Decimal::ZERO;
        }
        let digits = digit_count(value.mantissa().unsigned_abs());
        if digits <= self.digits {
            return value;
        }
        let excess = digits - self.digits;
        let scale = value.scale();
        if excess <= scale {
            return round(value, scale - excess, self.mode);
        }
        // More integer digits than the precision: round to tens, hundreds, ...
        let factor = Decimal::from_i128_with_scale(10i128.pow(excess - scale), 0);
        round(value / factor, 0, self.mode) * factor
    }

    pub fn add(self, a: Decimal, b: Decimal) -> Decimal {
        self.round(a + b)
    }

    pub fn mul(self, a: Decimal, b: Decimal) -> Decimal {
        self.round(a * b)
    }

    /// Division keeps 28 digits in `rust_decimal` before our rounding; a double rounding could only
    /// differ from Java's exact quotient on an exact midpoint at the 12th digit, which these ratios never hit.
    pub fn div(self, a: Decimal, b: Decimal) -> Decimal {
        self.round(a / b)
    }
}

fn digit_count(mut mantissa: u128) -> u32 {
    let mut digits = 1;
    while mantissa >= 10 {
        mantissa /= 10;
        digits += 1;
    }
    digits
}

/// The currency rules `Money` applies to every amount it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrencyRules {
    pub decimal_places: u32,
    /// Currency `inMultiplesOf`; only used by currencies without decimals.
    pub in_multiples_of: Option<u32>,
}

impl CurrencyRules {
    /// Two decimals, no multiples: USD/EUR as the Fineract tests configure them.
    pub const TWO_DECIMALS: CurrencyRules = CurrencyRules {
        decimal_places: 2,
        in_multiples_of: None,
    };
}

/// `Money.of(currency, amount)`: what every Money operation ends with.
pub(crate) fn money(amount: Decimal, currency: CurrencyRules, mode: RoundingMode) -> Decimal {
    let mut amount = amount;
    if let Some(multiple) = currency.in_multiples_of.filter(|m| *m > 0) {
        if currency.decimal_places == 0 && amount > Decimal::ZERO {
            amount = round_to_multiple_ties_up(amount, multiple);
        }
    }
    round(amount, currency.decimal_places, mode)
}

/// Fineract quirk: currency multiples are rounded in `double` with `ceil`/`floor`, and a tie goes up.
fn round_to_multiple_ties_up(amount: Decimal, multiple: u32) -> Decimal {
    let value = super::super::common::decimal_to_f64(amount);
    let step = f64::from(multiple);
    let ceiling = (value / step).ceil() * step;
    let floor = (value / step).floor() * step;
    let chosen = if ceiling - value > value - floor {
        floor
    } else {
        ceiling
    };
    super::super::common::decimal_from_f64(chosen).unwrap_or(amount)
}

/// `Money.roundToMultiplesOf(money, installmentAmountInMultiplesOf)`: value / m to whole units with
/// the tenant's mode (HALF_EVEN: 312.5 -> 312), times m.
pub(crate) fn round_to_installment_multiple(
    amount: Decimal,
    multiple: u32,
    currency: CurrencyRules,
    mode: RoundingMode,
) -> Decimal {
    if multiple == 0 {
        return amount;
    }
    let step = Decimal::from(multiple);
    money(round(amount / step, 0, mode) * step, currency, mode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const MC: MathContext = MathContext {
        digits: 12,
        mode: RoundingMode::HalfEven,
    };

    #[test]
    fn twelve_significant_digits_like_java() {
        assert_eq!(MC.div(dec!(30), dec!(360)), dec!(0.0833333333333));
        assert_eq!(MC.div(dec!(9.4822), dec!(100)), dec!(0.094822));
        assert_eq!(MC.mul(dec!(1), dec!(1.00790183333333)), dec!(1.00790183333));
        assert_eq!(MC.round(dec!(1234567890123456)), dec!(1234567890120000));
    }

    #[test]
    fn installment_multiples_round_half_even() {
        let usd = CurrencyRules::TWO_DECIMALS;
        let mode = RoundingMode::HalfEven;
        assert_eq!(
            round_to_installment_multiple(dec!(312.5), 1, usd, mode),
            dec!(312)
        );
        assert_eq!(
            round_to_installment_multiple(dec!(12.5), 20, usd, mode),
            dec!(20)
        );
    }

    #[test]
    fn currency_multiples_round_ties_up() {
        let cur = CurrencyRules {
            decimal_places: 0,
            in_multiples_of: Some(50),
        };
        assert_eq!(money(dec!(125), cur, RoundingMode::HalfEven), dec!(150));
        assert_eq!(money(dec!(124), cur, RoundingMode::HalfEven), dec!(100));
    }
}
