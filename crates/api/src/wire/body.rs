//! A request body kept as raw JSON per top-level key, so numbers are read exactly (never through f64)
//! and every key can be checked against the endpoint's whitelist.

use std::fmt;

use kassa_app::{AppError, ParamError};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

#[derive(Debug)]
pub struct JsonBody {
    raw: String,
    fields: Vec<(String, Box<RawValue>)>,
}

struct Fields(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut out: Vec<(String, Box<RawValue>)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Box<RawValue>>()? {
                    // A repeated key keeps its last value, as Gson does.
                    out.retain(|(existing, _)| *existing != k);
                    out.push((k, v));
                }
                Ok(Fields(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl JsonBody {
    pub fn parse(raw: &str) -> Result<JsonBody, AppError> {
        if raw.trim().is_empty() {
            return Err(AppError::InvalidBody(
                "The JSON provided in the body of the request is invalid or missing.".into(),
            ));
        }
        let fields: Fields = serde_json::from_str(raw).map_err(|e| {
            AppError::InvalidBody(format!(
                "The JSON syntax provided in the body of the request is invalid: {e}"
            ))
        })?;
        Ok(JsonBody {
            raw: raw.to_string(),
            fields: fields.0,
        })
    }

    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The raw JSON text of a key, if present (including an explicit `null`).
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_ref())
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|(k, _)| k.as_str())
    }

    /// The value of a key as a `serde_json::Value`, for echoing in `changes`.
    pub fn value(&self, key: &str) -> Option<Value> {
        self.get(key)
            .and_then(|raw| serde_json::from_str(raw.get()).ok())
    }

    /// Every key not in `allowed` is a 400 `error.msg.parameter.unsupported`, all reported together.
    pub fn check_supported(&self, allowed: &[&str]) -> Result<(), AppError> {
        let errors: Vec<ParamError> = self
            .keys()
            .filter(|k| !allowed.contains(k))
            .map(|k| {
                ParamError::new(
                    k,
                    "error.msg.parameter.unsupported",
                    format!("The parameter {k} is not supported."),
                )
                .with_args(vec![Value::from(k)])
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_exact_text() {
        let b = JsonBody::parse(r#"{"amount": 12345678901234.123456789}"#).unwrap();
        assert_eq!(b.get("amount").unwrap().get(), "12345678901234.123456789");
    }

    #[test]
    fn an_array_body_is_an_invalid_body() {
        assert!(matches!(
            JsonBody::parse("[1,2]"),
            Err(AppError::InvalidBody(_))
        ));
        assert!(matches!(JsonBody::parse(""), Err(AppError::InvalidBody(_))));
        assert!(matches!(
            JsonBody::parse("{\"a\":"),
            Err(AppError::InvalidBody(_))
        ));
    }

    #[test]
    fn unknown_keys_are_all_reported() {
        let b = JsonBody::parse(r#"{"name":"x","foo":1,"bar":2}"#).unwrap();
        let Err(AppError::Validation(errs)) = b.check_supported(&["name"]) else {
            panic!()
        };
        assert_eq!(
            errs.iter()
                .map(|e| e.parameter.as_str())
                .collect::<Vec<_>>(),
            ["foo", "bar"]
        );
    }
}
