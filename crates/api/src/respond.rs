//! Success bodies: compact JSON unless `pretty=true`, and `fields=a,b` partial responses (Fineract's rule:
//! of the resource's supported fields, keep only the requested ones, at any depth).

use axum::http::StatusCode;
use axum::response::Response;
use kassa_app::{AppError, ParamError};
use serde::Serialize;
use serde_json::Value;

use crate::error::{json_response, ApiError, ApiResult};
use crate::query::Query;

/// Answers 200 with `value`, honouring `fields` (against `supported`) and `pretty`.
pub fn ok<T: Serialize>(query: &Query, supported: &[&str], value: &T) -> ApiResult<Response> {
    let pretty = query.flag("pretty");
    let fields: Option<Vec<&str>> = query.get("fields").map(|f| {
        f.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    });
    let body = match fields {
        None if pretty => serde_json::to_string_pretty(value),
        None => serde_json::to_string(value),
        Some(fields) => {
            let unsupported: Vec<ParamError> = fields
                .iter()
                .filter(|f| !supported.is_empty() && !supported.contains(f))
                .map(|f| {
                    ParamError::new(
                        *f,
                        "error.msg.parameter.unsupported",
                        format!("The parameter {f} is not supported."),
                    )
                    .with_args(vec![Value::from(*f)])
                })
                .collect();
            if !unsupported.is_empty() {
                return Err(ApiError(AppError::Validation(unsupported)));
            }
            let mut tree = serde_json::to_value(value)
                .map_err(|e| ApiError(AppError::Internal(e.to_string())))?;
            filter(&mut tree, &fields, supported);
            if pretty {
                serde_json::to_string_pretty(&tree)
            } else {
                serde_json::to_string(&tree)
            }
        }
    }
    .map_err(|e| ApiError(AppError::Internal(e.to_string())))?;
    Ok(json_response(StatusCode::OK, body))
}

fn filter(value: &mut Value, keep: &[&str], supported: &[&str]) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| {
                let known = if supported.is_empty() {
                    true
                } else {
                    supported.contains(&k.as_str())
                };
                !known || keep.contains(&k.as_str())
            });
            for v in map.values_mut() {
                filter(v, keep, supported);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| filter(v, keep, supported)),
        _ => {}
    }
}

pub fn json_ok<T: Serialize>(value: &T) -> ApiResult<Response> {
    Ok(json_response(
        axum::http::StatusCode::OK,
        serde_json::to_string(value).map_err(|e| ApiError(AppError::Internal(e.to_string())))?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_keep_requested_supported_fields_and_everything_unsupported() {
        let mut v = json!({"totalFilteredRecords": 1, "pageItems": [{"id": 1, "name": "a", "hierarchy": "."}]});
        filter(&mut v, &["id"], &["id", "name", "hierarchy"]);
        assert_eq!(
            v,
            json!({"totalFilteredRecords": 1, "pageItems": [{"id": 1}]})
        );
    }
}
