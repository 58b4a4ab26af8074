//! Response value forms: `LocalDate` as `[y,m,d]`, `ZonedDateTime` as epoch milliseconds, money as a JSON
//! number carrying its own scale (`35000.00`) without passing through f64.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::ser::SerializeTuple;
use serde::Serializer;
use serde_json::value::RawValue;

pub fn date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let mut t = s.serialize_tuple(3)?;
    t.serialize_element(&d.year())?;
    t.serialize_element(&d.month())?;
    t.serialize_element(&d.day())?;
    t.end()
}

pub fn opt_date<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => date(d, s),
        None => s.serialize_none(),
    }
}

pub fn epoch_millis<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(t.timestamp_millis())
}

pub fn opt_epoch_millis<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => epoch_millis(t, s),
        None => s.serialize_none(),
    }
}

/// A value shared by many parts of one answer (serde's own `Arc` support is behind a feature that would
/// rebuild every crate).
pub fn shared<T: serde::Serialize, S: Serializer>(
    v: &std::sync::Arc<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    v.as_ref().serialize(s)
}

/// Money and other decimals as exact JSON numbers.
pub fn decimal<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let raw = RawValue::from_string(d.to_string()).map_err(serde::ser::Error::custom)?;
    serde::Serialize::serialize(&raw, s)
}

pub fn opt_decimal<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => decimal(d, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Probe {
        #[serde(serialize_with = "super::date")]
        d: chrono::NaiveDate,
        #[serde(serialize_with = "super::decimal")]
        m: rust_decimal::Decimal,
    }

    #[test]
    fn dates_are_arrays_and_money_keeps_its_scale() {
        let p = Probe {
            d: chrono::NaiveDate::from_ymd_opt(2009, 1, 1).unwrap(),
            m: dec!(35000.00),
        };
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"d":[2009,1,1],"m":35000.00}"#
        );
    }
}
