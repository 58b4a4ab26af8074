//! Reads typed values out of a [`JsonBody`] and gathers every problem into one 400, with Fineract's
//! codes: `validation.msg.<resource>.<parameter>.<rule>`. `""` counts as absent, as in Fineract.

use chrono::NaiveDate;
use kassa_app::{AppError, ParamError};
use kassa_domain::money;
use rust_decimal::Decimal;
use serde_json::Value;

use super::JsonBody;

pub struct Reader<'a> {
    body: &'a JsonBody,
    resource: &'static str,
    errors: Vec<ParamError>,
}

/// A present value, classified.
enum Raw {
    Null,
    Text(String),
    Number(String),
    Bool(bool),
    Other(Value),
}

impl<'a> Reader<'a> {
    pub fn new(body: &'a JsonBody, resource: &'static str) -> Reader<'a> {
        Reader {
            body,
            resource,
            errors: Vec::new(),
        }
    }

    fn raw(&self, name: &str) -> Option<Raw> {
        let raw = self.body.get(name)?;
        let text = raw.get().trim();
        Some(match text.as_bytes().first() {
            Some(b'"') => match serde_json::from_str::<String>(text) {
                Ok(s) => Raw::Text(s),
                Err(_) => Raw::Null,
            },
            Some(b'-' | b'0'..=b'9') => Raw::Number(text.to_string()),
            Some(b't') => Raw::Bool(true),
            Some(b'f') => Raw::Bool(false),
            Some(b'n') | None => Raw::Null,
            _ => Raw::Other(serde_json::from_str(text).unwrap_or(Value::Null)),
        })
    }

    /// Present with a non-empty value.
    pub fn has(&self, name: &str) -> bool {
        match self.raw(name) {
            None | Some(Raw::Null) => false,
            Some(Raw::Text(s)) => !s.trim().is_empty(),
            Some(_) => true,
        }
    }

    /// The key appears in the body at all, even as `null` or `""`.
    pub fn present(&self, name: &str) -> bool {
        self.body.get(name).is_some()
    }

    pub fn error(&mut self, e: ParamError) {
        self.errors.push(e);
    }

    fn code(&self, name: &str, rule: &str) -> String {
        format!("validation.msg.{}.{}.{}", self.resource, name, rule)
    }

    pub fn mandatory_missing(&mut self, name: &str) {
        let code = self.code(name, "cannot.be.blank");
        self.errors.push(
            ParamError::new(name, code, format!("The parameter `{name}` is mandatory."))
                .with_args(vec![Value::Null]),
        );
    }

    /// A trimmed string; numbers and booleans are taken as their text, as Gson's getAsString does.
    pub fn string(&mut self, name: &str, max_len: usize) -> Option<String> {
        let s = match self.raw(name)? {
            Raw::Null => return None,
            Raw::Text(s) => s.trim().to_string(),
            Raw::Number(n) => n,
            Raw::Bool(b) => b.to_string(),
            Raw::Other(v) => {
                let code = self.code(name, "must.be.a.string");
                self.errors.push(
                    ParamError::new(
                        name,
                        code,
                        format!("The parameter `{name}` must be a string."),
                    )
                    .with_value(v),
                );
                return None;
            }
        };
        if s.is_empty() {
            return None;
        }
        if s.chars().count() > max_len {
            let code = self.code(name, "exceeds.max.length");
            self.errors.push(
                ParamError::new(
                    name,
                    code,
                    format!("The parameter `{name}` exceeds max length of {max_len}."),
                )
                .with_args(vec![Value::from(s.clone()), Value::from(max_len)]),
            );
            return None;
        }
        Some(s)
    }

    pub fn required_string(&mut self, name: &str, max_len: usize) -> Option<String> {
        if !self.has(name) {
            self.mandatory_missing(name);
            return None;
        }
        self.string(name, max_len)
    }

    /// An id or other plain integer: a JSON integer or a string of digits.
    pub fn long(&mut self, name: &str) -> Option<i64> {
        let text = match self.raw(name)? {
            Raw::Null => return None,
            Raw::Text(s) if s.trim().is_empty() => return None,
            Raw::Text(s) => s.trim().to_string(),
            Raw::Number(n) => n,
            Raw::Bool(_) | Raw::Other(_) => String::from("?"),
        };
        match text.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.errors.push(
                    ParamError::new(
                        name,
                        "validation.msg.invalid.integer",
                        format!("The parameter `{name}` must be a whole number."),
                    )
                    .with_value(Value::from(text)),
                );
                None
            }
        }
    }

    pub fn required_long(&mut self, name: &str) -> Option<i64> {
        if !self.has(name) {
            self.mandatory_missing(name);
            return None;
        }
        self.long(name)
    }

    /// An array of ids (`[1, "2"]`).
    pub fn long_array(&mut self, name: &str) -> Option<Vec<i64>> {
        let raw = self.body.get(name)?;
        let value: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
        match value {
            Value::Null => None,
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let parsed = match &item {
                        Value::Number(n) => n.as_i64(),
                        Value::String(s) => s.trim().parse().ok(),
                        _ => None,
                    };
                    match parsed {
                        Some(v) => out.push(v),
                        None => {
                            self.errors.push(
                                ParamError::new(
                                    name,
                                    "validation.msg.invalid.integer",
                                    format!(
                                        "The parameter `{name}` must be an array of whole numbers."
                                    ),
                                )
                                .with_value(item),
                            );
                            return None;
                        }
                    }
                }
                Some(out)
            }
            other => {
                let code = self.code(name, "must.be.an.array");
                self.errors.push(
                    ParamError::new(
                        name,
                        code,
                        format!("The parameter `{name}` must be an array."),
                    )
                    .with_value(other),
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, name: &str) -> Option<bool> {
        match self.raw(name)? {
            Raw::Null => None,
            Raw::Bool(b) => Some(b),
            Raw::Text(s) if s.trim().is_empty() => None,
            Raw::Text(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Raw::Text(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            other => {
                let shown = match other {
                    Raw::Text(s) | Raw::Number(s) => Value::from(s),
                    Raw::Other(v) => v,
                    Raw::Null | Raw::Bool(_) => Value::Null,
                };
                let code = self.code(name, "must.be.true.or.false");
                self.errors.push(
                    ParamError::new(
                        name,
                        code,
                        format!("The parameter `{name}` must be true or false."),
                    )
                    .with_value(shown),
                );
                None
            }
        }
    }

    /// The body's `locale`, checked; reports its absence when `needed_by` requires one.
    fn locale(&mut self, needed_by: &str) -> Option<String> {
        let Some(locale) = self.text_of("locale") else {
            self.push_once(ParamError::new(
                "locale",
                "validation.msg.missing.locale.parameter",
                format!("The parameter `locale` is mandatory when `{needed_by}` is provided."),
            ));
            return None;
        };
        if !kassa_wire::is_supported_locale(&locale) {
            self.push_once(
                ParamError::new(
                    "locale",
                    "validation.msg.invalid.locale.format",
                    format!("The parameter `locale` has an invalid value `{locale}`."),
                )
                .with_value(Value::from(locale)),
            );
            return None;
        }
        Some(locale)
    }

    fn text_of(&self, name: &str) -> Option<String> {
        match self.raw(name)? {
            Raw::Text(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        }
    }

    fn push_once(&mut self, e: ParamError) {
        if !self
            .errors
            .iter()
            .any(|x| x.code == e.code && x.parameter == e.parameter)
        {
            self.errors.push(e);
        }
    }

    /// A date string read with the body's `dateFormat` and `locale` (both then mandatory).
    pub fn date(&mut self, name: &str) -> Option<NaiveDate> {
        let value = match self.raw(name)? {
            Raw::Null => return None,
            Raw::Text(s) if s.trim().is_empty() => return None,
            Raw::Text(s) => s.trim().to_string(),
            // Gson's getAsString takes a number or a boolean as its text, which no date format reads;
            // an array or an object is no date either.
            Raw::Number(n) => n,
            Raw::Bool(b) => b.to_string(),
            Raw::Other(v) => {
                self.invalid_date(name, v);
                return None;
            }
        };
        let format = self.text_of("dateFormat");
        if format.is_none() {
            self.push_once(ParamError::new(
                "dateFormat",
                "validation.msg.missing.dateFormat.parameter",
                format!("The parameter `dateFormat` is mandatory when `{name}` is provided."),
            ));
        }
        let locale = self.locale(name);
        let (format, locale) = (format?, locale?);
        match kassa_wire::parse_date(&value, &format, &locale) {
            Ok(d) => Some(d),
            Err(_) => {
                self.errors.push(
                    ParamError::new(
                        name,
                        "validation.msg.invalid.dateFormat.format",
                        format!("The parameter `{name}` is invalid based on the dateFormat: `{format}` and locale: `{locale}` provided:"),
                    )
                    .with_value(Value::from(value.clone()))
                    .with_args(vec![Value::from(value), Value::from(format)]),
                );
                None
            }
        }
    }

    /// A date value no format can read: an array or an object.
    fn invalid_date(&mut self, name: &str, value: Value) {
        self.errors.push(
            ParamError::new(
                name,
                "validation.msg.invalid.date.format",
                format!(
                    "The parameter `{name}` must be a date as text in the body's `dateFormat`."
                ),
            )
            .with_value(value),
        );
    }

    pub fn required_date(&mut self, name: &str) -> Option<NaiveDate> {
        if !self.has(name) {
            self.mandatory_missing(name);
            return None;
        }
        self.date(name)
    }

    /// A decimal: a JSON number read exactly, or a string in the body's locale; refused (400) when the
    /// database could not hold it exactly (`kassa_domain::money::is_storable`).
    pub fn decimal(&mut self, name: &str) -> Option<Decimal> {
        let value = self.any_decimal(name)?;
        if value.normalize().scale() > money::MAX_STORED_SCALE {
            let places = money::MAX_STORED_SCALE;
            let code = self.code(name, &format!("scale.is.greater.than.{places}"));
            self.errors.push(
                ParamError::new(
                    name,
                    code,
                    format!("The parameter `{name}` value {value} decimal place must not be more than {places} places"),
                )
                .with_value(Value::from(value.to_string()))
                .with_args(vec![Value::from(places)]),
            );
            return None;
        }
        if !money::is_storable(value) {
            let (rule, bound) = if value.is_sign_negative() {
                ("is.less.than.min", -money::STORED_MAGNITUDE_LIMIT)
            } else {
                ("is.greater.than.max", money::STORED_MAGNITUDE_LIMIT)
            };
            let code = self.code(name, rule);
            self.errors.push(
                ParamError::new(
                    name,
                    code,
                    format!("The parameter `{name}` must be strictly between -10^13 and 10^13."),
                )
                .with_value(Value::from(value.to_string()))
                .with_args(vec![Value::from(bound.to_string())]),
            );
            return None;
        }
        Some(value)
    }

    fn any_decimal(&mut self, name: &str) -> Option<Decimal> {
        match self.raw(name)? {
            Raw::Null => None,
            Raw::Number(n) => match n
                .parse::<Decimal>()
                .or_else(|_| Decimal::from_scientific(&n))
            {
                Ok(d) => Some(d),
                Err(_) => {
                    self.invalid_decimal(name, n);
                    None
                }
            },
            Raw::Text(s) if s.trim().is_empty() => None,
            Raw::Text(s) => {
                let locale = self.locale(name)?;
                match kassa_wire::parse_decimal(s.trim(), &locale) {
                    Ok(d) => Some(d),
                    Err(_) => {
                        self.invalid_decimal(name, s);
                        None
                    }
                }
            }
            Raw::Bool(b) => {
                self.invalid_decimal(name, b.to_string());
                None
            }
            Raw::Other(v) => {
                self.invalid_decimal(name, v.to_string());
                None
            }
        }
    }

    fn invalid_decimal(&mut self, name: &str, value: String) {
        self.errors.push(
            ParamError::new(
                name,
                "validation.msg.invalid.decimal.format",
                format!("The parameter `{name}` has an invalid format `{value}`."),
            )
            .with_value(Value::from(value)),
        );
    }

    /// Fineract's "integer with locale": `locale` is mandatory even for a JSON number.
    pub fn integer_with_locale(&mut self, name: &str) -> Option<i64> {
        let raw = self.raw(name)?;
        let text = match raw {
            Raw::Null => return None,
            Raw::Text(s) if s.trim().is_empty() => return None,
            Raw::Text(s) => s.trim().to_string(),
            Raw::Number(n) => n,
            Raw::Bool(b) => b.to_string(),
            Raw::Other(v) => v.to_string(),
        };
        let locale = self.locale(name)?;
        match kassa_wire::parse_integer(&text, &locale) {
            Ok(v) => Some(v),
            Err(kassa_wire::NumberError::DecimalInInteger { .. }) => {
                self.errors.push(
                    ParamError::new(
                        name,
                        "validation.msg.invalid.integer.format",
                        format!("The parameter `{name}` must be a whole number."),
                    )
                    .with_value(Value::from(text)),
                );
                None
            }
            Err(_) => {
                self.errors.push(
                    ParamError::new(
                        name,
                        "validation.msg.invalid.integer",
                        format!("The parameter `{name}` has an invalid format `{text}`."),
                    )
                    .with_value(Value::from(text)),
                );
                None
            }
        }
    }

    /// Ends the read: every gathered problem becomes one 400.
    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

#[cfg(test)]
mod tests;
