//! Guards around every route: text that no backend can store is refused before routing, and every error
//! answer carries Fineract's JSON envelope, whoever produced it (axum's extractors, the timeout layer).

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use kassa_app::{AppError, ParamError};

use crate::error::{for_status, json_response, ApiError};
use crate::extract::form_urlencoded_pairs;
use crate::wire::body::nul_error;

/// Longest plain-text error body kept as the envelope's detail.
const DETAIL_MAX_BYTES: usize = 1_024;

/// A NUL character in the path or in a query parameter (`%00`) is a 400 on every backend: PostgreSQL
/// cannot store or compare it, SQLite would. A path that does not decode to UTF-8 names no resource.
pub async fn reject_unstorable_text(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let decoded = percent_decode_bytes(path.as_bytes());
    if decoded.contains(&0) {
        return ApiError(AppError::validation(nul_error("path"))).into_response();
    }
    if std::str::from_utf8(&decoded).is_err() {
        return ApiError(AppError::UnknownRoute(path.to_string())).into_response();
    }
    if let Some(query) = request.uri().query() {
        let errors: Vec<ParamError> = form_urlencoded_pairs(query)
            .filter(|(k, v)| k.contains('\0') || v.contains('\0'))
            .map(|(k, _)| nul_error(&k.replace('\0', "\\u0000")))
            .collect();
        if !errors.is_empty() {
            return ApiError(AppError::Validation(errors)).into_response();
        }
    }
    next.run(request).await
}

fn percent_decode_bytes(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = (raw[i] == b'%')
            .then(|| raw.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(raw[i]);
                i += 1;
            }
        }
    }
    out
}

/// Gives an error answer that is not JSON (axum's plain-text rejections, the timeout layer's empty 408)
/// Fineract's envelope for its status, keeping a short plain-text reason as the detail.
pub async fn envelope_every_error(response: Response) -> Response {
    let status = response.status();
    if status.as_u16() < 400 || is_json(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let detail = match http_body_util::Limited::new(body, DETAIL_MAX_BYTES)
        .collect()
        .await
    {
        Ok(collected) => String::from_utf8_lossy(&collected.to_bytes())
            .trim()
            .to_string(),
        Err(_) => String::new(),
    };
    let (status, envelope) = for_status(status, &detail);
    let mut fresh = json_response(status, serde_json::to_string(&envelope).unwrap_or_default());
    // Headers such as `Allow` or CORS stay; the old body's length and type do not.
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_LENGTH && name != header::CONTENT_TYPE {
            fresh.headers_mut().insert(name.clone(), value.clone());
        }
    }
    fresh
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// The body of an error answer written below axum (hyper's own 400, 414 and 431), for the transport.
pub fn transport_error_body(status: u16) -> String {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    let (_, envelope) = for_status(status, "");
    serde_json::to_string(&envelope).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_empty_timeout_and_a_plain_text_rejection_get_the_envelope() {
        let timeout = Response::builder()
            .status(StatusCode::REQUEST_TIMEOUT)
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "https://example.org")
            .body(axum::body::Body::empty())
            .unwrap();
        let rejection =
            (StatusCode::BAD_REQUEST, "Failed to parse the request body").into_response();
        for (response, code, detail) in [
            (
                timeout,
                "error.msg.request.timeout",
                "The request took longer than the server allows.",
            ),
            (
                rejection,
                "error.msg.invalid.request",
                "Failed to parse the request body",
            ),
        ] {
            let status = response.status();
            let wrapped = envelope_every_error(response).await;
            assert_eq!(wrapped.status(), status);
            assert!(is_json(&wrapped));
            let kept_cors = wrapped
                .headers()
                .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
                .is_some();
            assert_eq!(kept_cors, status == StatusCode::REQUEST_TIMEOUT);
            let bytes = wrapped.into_body().collect().await.unwrap().to_bytes();
            let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(json["userMessageGlobalisationCode"], code);
            assert_eq!(json["developerMessage"], detail);
            assert_eq!(json["httpStatusCode"], status.as_u16().to_string());
        }
    }

    #[test]
    fn percent_decoding_finds_nul_and_keeps_malformed_escapes() {
        assert_eq!(percent_decode_bytes(b"/a%00b"), b"/a\0b");
        assert_eq!(percent_decode_bytes(b"/a%zz%4"), b"/a%zz%4");
        assert_eq!(percent_decode_bytes(b"%ff"), [0xff]);
    }
}
