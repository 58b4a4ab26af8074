//! A request body kept as raw JSON per top-level key, so numbers are read exactly (never through f64)
//! and every key can be checked against the endpoint's whitelist. Hostile bodies are refused before any
//! handler sees them: parsing is linear, keys and nesting are bounded, and text holding a NUL character
//! (which PostgreSQL cannot store) is a 400 on every backend alike.

use std::collections::HashMap;
use std::fmt;

use kassa_app::{AppError, ParamError};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

/// Keys a body's top-level object may hold; Fineract's largest forms (loan products) send about 120.
pub const MAX_TOP_LEVEL_KEYS: usize = 1_000;
/// Keys at all depths together (arrays of charges, tranches, allocation rules, …).
pub const MAX_KEYS_TOTAL: usize = 20_000;
/// Nesting of objects and arrays; Fineract's deepest bodies (advanced payment allocation) nest four deep.
pub const MAX_DEPTH: usize = 32;

#[derive(Debug)]
pub struct JsonBody {
    raw: String,
    fields: Vec<(String, Box<RawValue>)>,
}

struct Fields(Vec<(String, Box<RawValue>)>);

/// What one linear pass over the raw text learns before the parser runs.
struct Shape {
    depth_max: usize,
    keys: usize,
}

/// Depth and key count of a JSON text, in one pass that skips strings (escape-aware). A key is counted by
/// its `:`; the text need not be valid JSON, the parser judges that afterwards.
fn shape(raw: &str) -> Shape {
    let mut depth = 0usize;
    let mut shape = Shape {
        depth_max: 0,
        keys: 0,
    };
    let mut in_string = false;
    let mut escaped = false;
    for &b in raw.as_bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                shape.depth_max = shape.depth_max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b':' => shape.keys += 1,
            _ => {}
        }
    }
    shape
}

/// Whether a valid JSON text holds the escape of U+0000 in one of its strings (a raw NUL byte is already
/// invalid JSON). `\\u0000` is a backslash followed by text, not a NUL, so escapes are walked in pairs.
pub fn holds_nul(json: &str) -> bool {
    let bytes = json.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            if bytes.get(i + 1) == Some(&b'u') && bytes.get(i + 2..i + 6) == Some(&b"0000"[..]) {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// The 400 for a parameter whose text holds a NUL character.
pub fn nul_error(parameter: &str) -> ParamError {
    ParamError::new(
        parameter,
        "validation.msg.parameter.contains.nul.character",
        format!("The parameter `{parameter}` contains a NUL character, which is not allowed."),
    )
}

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
                // Position of each key in `out`, so a repeated key costs O(1), not a scan of the body.
                let mut index: HashMap<String, usize> = HashMap::new();
                while let Some((k, v)) = map.next_entry::<String, Box<RawValue>>()? {
                    // A repeated key keeps its last value, as Gson does (in its first position).
                    match index.get(&k) {
                        Some(&at) => out[at].1 = v,
                        None => {
                            index.insert(k.clone(), out.len());
                            out.push((k, v));
                        }
                    }
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
        let shape = shape(raw);
        if shape.depth_max > MAX_DEPTH {
            return Err(AppError::InvalidBody(format!(
                "The JSON provided in the body of the request nests deeper than {MAX_DEPTH} levels."
            )));
        }
        if shape.keys > MAX_KEYS_TOTAL {
            return Err(AppError::InvalidBody(format!(
                "The JSON provided in the body of the request has more than {MAX_KEYS_TOTAL} keys."
            )));
        }
        let fields: Fields = serde_json::from_str(raw).map_err(|e| {
            AppError::InvalidBody(format!(
                "The JSON syntax provided in the body of the request is invalid: {e}"
            ))
        })?;
        if fields.0.len() > MAX_TOP_LEVEL_KEYS {
            return Err(AppError::InvalidBody(format!(
                "The JSON provided in the body of the request has more than {MAX_TOP_LEVEL_KEYS} parameters."
            )));
        }
        let with_nul: Vec<ParamError> = fields
            .0
            .iter()
            .filter(|(k, v)| k.contains('\0') || holds_nul(v.get()))
            .map(|(k, _)| nul_error(&k.replace('\0', "\\u0000")))
            .collect();
        if !with_nul.is_empty() {
            return Err(AppError::Validation(with_nul));
        }
        Ok(JsonBody {
            raw: raw.to_string(),
            fields: fields.0,
        })
    }

    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The raw JSON text of a key, if present (including an explicit `null`). Bodies are small (at most
    /// [`MAX_TOP_LEVEL_KEYS`] keys, usually a few dozen), so a scan beats building a map per request.
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
        let allowed: std::collections::HashSet<&str> = allowed.iter().copied().collect();
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
    fn a_nul_escape_anywhere_in_a_value_or_key_is_a_400_naming_the_parameter() {
        for body in [
            r#"{"name":"a\u0000b"}"#,
            r#"{"name":["x", {"deep": "\u0000"}]}"#,
            r#"{"na\u0000me":"x"}"#,
        ] {
            let Err(AppError::Validation(errs)) = JsonBody::parse(body) else {
                panic!("{body}")
            };
            assert_eq!(
                errs[0].code,
                "validation.msg.parameter.contains.nul.character"
            );
        }
        // An escaped backslash followed by `u0000` is text, not a NUL.
        assert!(JsonBody::parse(r#"{"name":"a\\u0000b"}"#).is_ok());
        assert!(JsonBody::parse(r#"{"name":"\u00001"}"#).is_err());
    }

    #[test]
    fn too_many_keys_or_too_deep_a_body_is_refused_before_parsing() {
        let many: String = (0..MAX_TOP_LEVEL_KEYS + 1)
            .map(|i| format!("\"k{i}\":1"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(matches!(
            JsonBody::parse(&format!("{{{many}}}")),
            Err(AppError::InvalidBody(_))
        ));
        let deep = format!(
            "{{\"a\":{}1{}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert!(matches!(
            JsonBody::parse(&deep),
            Err(AppError::InvalidBody(_))
        ));
        let fits = format!(
            "{{\"a\":{}1{}}}",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(JsonBody::parse(&fits).is_ok());
        // Brackets inside strings are text.
        let text = format!("{{\"a\":\"{}\"}}", "[{".repeat(1000));
        assert!(JsonBody::parse(&text).is_ok());
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let b = JsonBody::parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(b.get("a").unwrap().get(), "3");
        assert_eq!(b.keys().collect::<Vec<_>>(), ["a", "b"]);
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
