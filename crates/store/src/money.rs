//! How money is stored: NUMERIC(19,6) on PostgreSQL, INTEGER micro-units (value × 10⁶) on SQLite, so that
//! SUM and ORDER BY stay exact on both. Rounding to currency places happens in Rust, never in SQL.

use rust_decimal::Decimal;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Postgres, Sqlite, Type};

/// Scale of every stored amount (Fineract's DECIMAL(19,6)).
pub const STORED_SCALE: u32 = 6;
const MICROS_PER_UNIT: i64 = 1_000_000;

/// A stored amount. Values with more than six decimal places are refused, never silently rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct DbAmount(pub Decimal);

#[derive(Debug, thiserror::Error)]
pub enum AmountStorageError {
    #[error("amount {0} has more than six decimal places")]
    TooPrecise(Decimal),
    #[error("amount {0} is beyond ±9,223,372,036,854.775807")]
    Overflow(Decimal),
}

impl DbAmount {
    pub fn to_micros(self) -> Result<i64, AmountStorageError> {
        let value = self.0;
        if value.normalize().scale() > STORED_SCALE {
            return Err(AmountStorageError::TooPrecise(value));
        }
        let micros = value
            .checked_mul(Decimal::from(MICROS_PER_UNIT))
            .ok_or(AmountStorageError::Overflow(value))?;
        // i64 micro-units bound both backends to ±9,223,372,036,854.775807 (inside NUMERIC(19,6)).
        i64::try_from(micros.normalize()).map_err(|_| AmountStorageError::Overflow(value))
    }

    pub fn from_micros(micros: i64) -> DbAmount {
        DbAmount(Decimal::new(micros, STORED_SCALE))
    }
}

impl Type<Sqlite> for DbAmount {
    fn type_info() -> SqliteTypeInfo {
        <i64 as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <i64 as Type<Sqlite>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Sqlite> for DbAmount {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
        let micros = self.to_micros()?;
        <i64 as Encode<Sqlite>>::encode_by_ref(&micros, buf)
    }
}

impl<'r> Decode<'r, Sqlite> for DbAmount {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let micros = <i64 as Decode<Sqlite>>::decode(value)?;
        Ok(DbAmount::from_micros(micros))
    }
}

impl Type<Postgres> for DbAmount {
    fn type_info() -> PgTypeInfo {
        <Decimal as Type<Postgres>>::type_info()
    }
    fn compatible(ty: &PgTypeInfo) -> bool {
        <Decimal as Type<Postgres>>::compatible(ty)
    }
}

impl Encode<'_, Postgres> for DbAmount {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        // Same limits on both backends, so a value accepted by one is accepted by the other.
        self.to_micros()?;
        <Decimal as Encode<Postgres>>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> Decode<'r, Postgres> for DbAmount {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(DbAmount(<Decimal as Decode<Postgres>>::decode(value)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn micro_units_round_trip_exactly() {
        for v in [
            dec!(0),
            dec!(0.000001),
            dec!(35000.00),
            dec!(-12.345678),
            dec!(9223372036854.775807),
        ] {
            let micros = DbAmount(v).to_micros().unwrap();
            assert_eq!(DbAmount::from_micros(micros).0, v);
        }
    }

    #[test]
    fn a_seventh_decimal_place_is_refused_not_rounded() {
        assert!(matches!(
            DbAmount(dec!(1.0000001)).to_micros(),
            Err(AmountStorageError::TooPrecise(_))
        ));
    }

    #[test]
    fn amounts_beyond_the_micro_unit_range_overflow() {
        assert!(matches!(
            DbAmount(dec!(9223372036854.775808)).to_micros(),
            Err(AmountStorageError::Overflow(_))
        ));
    }
}
