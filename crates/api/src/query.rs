//! Query-string parameters shared by list endpoints: paging, ordering, `fields`, `pretty`, `command`.
//! Free-text values meet the SQL guard first (403, as Fineract), then a whitelist (400); none of them is
//! ever put into SQL.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kassa_app::{AppError, ParamError};
use kassa_store::repo::paging::{PageBounds, SortOrder};
use serde_json::Value;

use crate::error::ApiError;
use crate::extract::form_urlencoded_pairs;

/// The decoded query string of a request.
#[derive(Debug, Clone, Default)]
pub struct Query(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Query(
            parts
                .uri
                .query()
                .map(|q| form_urlencoded_pairs(q).collect())
                .unwrap_or_default(),
        ))
    }
}

impl Query {
    /// The last non-blank value of a parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// A free-text parameter after the SQL guard.
    pub fn text(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match self.get(name) {
            Some(v) => {
                if let Some(pattern) = kassa_wire::detect_sql_injection(v) {
                    return Err(ApiError(AppError::SqlInjection {
                        parameter: name.to_string(),
                        pattern,
                    }));
                }
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }

    pub fn long(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.parse::<i64>().map(Some).map_err(|_| {
                ApiError(AppError::Validation(vec![ParamError::new(
                    name,
                    "validation.msg.invalid.integer",
                    format!("The query parameter `{name}` must be a whole number."),
                )
                .with_value(Value::from(v))]))
            }),
        }
    }

    pub fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// `orderBy` mapped through `columns` (Fineract field name → typed column); None when absent.
    pub fn order_by<T: Copy>(&self, columns: &[(&str, T)]) -> Result<Option<T>, ApiError> {
        let Some(value) = self.text("orderBy")? else {
            return Ok(None);
        };
        // Fineract clients sometimes send table-qualified names (`o.id`, `c.displayName`).
        let bare = value.rsplit('.').next().unwrap_or(value);
        let found = columns.iter().find(|(name, _)| {
            name.eq_ignore_ascii_case(bare) || snake(name).eq_ignore_ascii_case(bare)
        });
        match found {
            Some((_, column)) => Ok(Some(*column)),
            None => Err(ApiError(AppError::UnsupportedQueryValue {
                parameter: "orderBy".into(),
                value: value.to_string(),
                supported: columns.iter().map(|(n, _)| n.to_string()).collect(),
            })),
        }
    }

    pub fn sort_order(&self) -> Result<SortOrder, ApiError> {
        match self.text("sortOrder")? {
            None => Ok(SortOrder::Asc),
            Some(v) if v.eq_ignore_ascii_case("asc") => Ok(SortOrder::Asc),
            Some(v) if v.eq_ignore_ascii_case("desc") => Ok(SortOrder::Desc),
            Some(v) => Err(ApiError(AppError::UnsupportedQueryValue {
                parameter: "sortOrder".into(),
                value: v.to_string(),
                supported: vec!["ASC".into(), "DESC".into()],
            })),
        }
    }

    /// `offset`/`limit`: a missing or non-positive limit means the default page, and no limit exceeds the
    /// configured maximum (Fineract returns every row; Kassa always bounds a page).
    pub fn page(&self, default_limit: i64, max_limit: i64) -> Result<PageBounds, ApiError> {
        let limit = match self.long("limit")? {
            Some(l) if l > 0 => l.min(max_limit),
            _ => default_limit.min(max_limit),
        };
        let offset = self.long("offset")?.unwrap_or(0).max(0);
        Ok(PageBounds { limit, offset })
    }

    /// The `command` parameter, matched case-insensitively after trimming, as Fineract does.
    pub fn command<T: Copy>(&self, commands: &[(&str, T)]) -> Result<T, ApiError> {
        let value = self.get("command").unwrap_or("");
        commands
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(value))
            .map(|(_, c)| *c)
            .ok_or_else(|| {
                ApiError(AppError::UnsupportedQueryValue {
                    parameter: "command".into(),
                    value: value.to_string(),
                    supported: commands.iter().map(|(n, _)| n.to_string()).collect(),
                })
            })
    }
}

fn snake(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for ch in camel.chars() {
        if ch.is_ascii_uppercase() {
            out.push('_');
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Query {
        Query(form_urlencoded_pairs(s).collect())
    }

    #[test]
    fn order_by_accepts_field_names_qualified_names_and_snake_case() {
        let cols = [("id", 1), ("openingDate", 2)];
        assert_eq!(q("orderBy=openingDate").order_by(&cols).unwrap(), Some(2));
        assert_eq!(q("orderBy=o.id").order_by(&cols).unwrap(), Some(1));
        assert_eq!(q("orderBy=opening_date").order_by(&cols).unwrap(), Some(2));
    }

    #[test]
    fn order_by_an_unknown_column_is_a_400_and_sql_is_a_403() {
        let cols = [("id", 1)];
        assert!(matches!(
            q("orderBy=secret").order_by(&cols),
            Err(ApiError(AppError::UnsupportedQueryValue { .. }))
        ));
        assert!(matches!(
            q("orderBy=id%3B%20drop%20table%20m_office").order_by(&cols),
            Err(ApiError(AppError::SqlInjection { .. }))
        ));
    }

    #[test]
    fn a_page_is_always_bounded() {
        assert_eq!(
            q("").page(200, 1000).unwrap(),
            PageBounds {
                limit: 200,
                offset: 0
            }
        );
        assert_eq!(
            q("limit=-1").page(200, 1000).unwrap(),
            PageBounds {
                limit: 200,
                offset: 0
            }
        );
        assert_eq!(
            q("limit=50000&offset=10").page(200, 1000).unwrap(),
            PageBounds {
                limit: 1000,
                offset: 10
            }
        );
    }
}
