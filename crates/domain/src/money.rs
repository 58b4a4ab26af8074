//! Exact money. Amounts are `Decimal`s; rounding is always explicit and names its mode, because Fineract's
//! tenants choose one (HALF_EVEN by default) and the database must never round for us.

use rust_decimal::{Decimal, RoundingStrategy};

/// Every amount, rate and percentage is stored as `NUMERIC(19,6)`, as in Fineract: at most 6 decimals and
/// less than 10^13 in size. A value beyond either would be rounded or refused by the database, so it is
/// refused at the door instead.
pub const MAX_STORED_SCALE: u32 = 6;

/// 10^13, the first magnitude `NUMERIC(19,6)` cannot hold.
pub const STORED_MAGNITUDE_LIMIT: Decimal = Decimal::from_parts(1_316_134_912, 2_328, 0, false, 0);

/// Whether the database can hold `value` exactly.
pub fn is_storable(value: Decimal) -> bool {
    value.normalize().scale() <= MAX_STORED_SCALE && value.abs() < STORED_MAGNITUDE_LIMIT
}

/// Fineract's `rounding-mode` configuration values (java.math.RoundingMode ordinals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundingMode {
    Up,
    Down,
    Ceiling,
    Floor,
    HalfUp,
    HalfDown,
    HalfEven,
}

impl RoundingMode {
    pub fn from_fineract_id(id: i64) -> Option<RoundingMode> {
        Some(match id {
            0 => RoundingMode::Up,
            1 => RoundingMode::Down,
            2 => RoundingMode::Ceiling,
            3 => RoundingMode::Floor,
            4 => RoundingMode::HalfUp,
            5 => RoundingMode::HalfDown,
            6 => RoundingMode::HalfEven,
            _ => return None,
        })
    }

    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Ceiling => RoundingStrategy::ToPositiveInfinity,
            RoundingMode::Floor => RoundingStrategy::ToNegativeInfinity,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfDown => RoundingStrategy::MidpointTowardZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        }
    }
}

/// Rounds to `places` decimal places with the given mode, keeping exactly `places` digits of scale
/// (Fineract's `Money` prints `833.30`, not `833.3`).
pub fn round(amount: Decimal, places: u32, mode: RoundingMode) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(places, mode.strategy());
    rounded.rescale(places);
    rounded
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn half_even_rounds_ties_to_the_even_neighbour() {
        assert_eq!(round(dec!(2.345), 2, RoundingMode::HalfEven), dec!(2.34));
        assert_eq!(round(dec!(2.355), 2, RoundingMode::HalfEven), dec!(2.36));
        assert_eq!(round(dec!(-2.345), 2, RoundingMode::HalfEven), dec!(-2.34));
    }

    #[test]
    fn half_up_rounds_ties_away_from_zero() {
        assert_eq!(round(dec!(2.345), 2, RoundingMode::HalfUp), dec!(2.35));
    }

    #[test]
    fn rounding_keeps_the_currency_scale() {
        assert_eq!(
            round(dec!(833.3), 2, RoundingMode::HalfEven).to_string(),
            "833.30"
        );
    }

    #[test]
    fn fineract_rounding_ids_map_to_modes() {
        assert_eq!(
            RoundingMode::from_fineract_id(6),
            Some(RoundingMode::HalfEven)
        );
        assert_eq!(RoundingMode::from_fineract_id(7), None);
    }
}

#[cfg(test)]
mod storable_tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_stored_magnitude_limit_is_ten_to_the_thirteenth() {
        assert_eq!(STORED_MAGNITUDE_LIMIT, dec!(10000000000000));
        assert!(is_storable(dec!(9999999999999.999999)));
        assert!(is_storable(dec!(-9999999999999.999999)));
        assert!(is_storable(dec!(1.50000000)));
        assert!(!is_storable(dec!(10000000000000)));
        assert!(!is_storable(dec!(0.0000001)));
    }
}
