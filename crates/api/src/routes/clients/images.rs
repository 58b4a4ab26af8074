//! Client photos: `POST/PUT/GET/DELETE /clients/{clientId}/images`. An upload is a multipart form with a
//! `file` part, or a body holding a data URL (`data:image/png;base64,…`). A read answers a `text/plain`
//! data URL, or the bytes with `Accept: application/octet-stream` / `output=octet|inline_octet`.
//!
//! The body is read up to `KASSA_BODY_LIMIT_BYTES` (413 above it) before anything is parsed, so that
//! limit caps uploads first: a data URL is 4/3 the size of its image, and a multipart body carries a few
//! hundred bytes of framing. The image limits (2 MiB, 4096 px a side) apply to what is left.

use axum::body::{to_bytes, Body as HttpBody};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use kassa_app::clients::images::{self, DeleteClientImage, SaveClientImage};
use kassa_app::platform::pipeline::CommandSpec;
use kassa_app::{AppError, ParamError};
use kassa_domain::clients::detail::{ClientDetailError, ImageKind, ImageLimits};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::routes::{command_response, path_id};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(get_image, create_image, update_image, delete_image))
        // The body is bounded by the configured limit before the multipart parser sees it.
        .layer(DefaultBodyLimit::disable())
}

/// Longest stored file name.
const FILE_NAME_MAX: usize = 100;

/// Where an upload came from, before its bytes are checked.
struct RawUpload {
    bytes: Vec<u8>,
    file_name: String,
    declared: String,
}

/// The client's photo as a `text/plain` data URL, or its bytes; `maxWidth`/`maxHeight` scale it down.
#[utoipa::path(get, path = "/clients/{clientId}/images", tag = "Images",
    params(("clientId" = i64, Path),
           ("maxWidth" = Option<i64>, Query, description = "Scale down to at most this width, keeping the aspect ratio"),
           ("maxHeight" = Option<i64>, Query, description = "Scale down to at most this height, keeping the aspect ratio"),
           ("output" = Option<String>, Query, description = "`octet` (attachment) or `inline_octet` (inline) for the raw bytes")),
    responses((status = 200, description = "A data URL (`text/plain`), or the image bytes", content_type = "text/plain"),
              (status = 404, description = "No such client, or no image")))]
async fn get_image(
    caller: Caller,
    headers: HeaderMap,
    Path(client_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let bound = |name: &str| -> ApiResult<Option<u32>> {
        // A bound of zero or less bounds nothing (Fineract would fail to scale and serve the original).
        Ok(query
            .long(name)?
            .filter(|v| *v > 0)
            .map(|v| u32::try_from(v).unwrap_or(u32::MAX)))
    };
    let (max_width, max_height) = (bound("maxWidth")?, bound("maxHeight")?);
    let image = images::get(
        &caller.tenant,
        &caller.principal,
        client_id,
        max_width,
        max_height,
    )
    .await?;
    let output = query.get("output");
    let octet = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/octet-stream"))
        || matches!(output, Some("octet" | "inline_octet"));
    if octet {
        let disposition = if output == Some("inline_octet") {
            "inline"
        } else {
            "attachment"
        };
        let file_name = format!(
            "{}.{}",
            safe_file_name(&image.client_display_name),
            image.kind.extension()
        );
        let mut resp = (StatusCode::OK, image.bytes).into_response();
        let h = resp.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(image.kind.mime()),
        );
        if let Ok(v) = HeaderValue::from_str(&format!("{disposition}; filename=\"{file_name}\"")) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        return Ok(resp);
    }
    let text = format!(
        "{}{}",
        image.kind.data_url_prefix(),
        base64::engine::general_purpose::STANDARD.encode(&image.bytes)
    );
    let mut resp = (StatusCode::OK, text).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    Ok(resp)
}

/// Stores the client's photo (replacing any). Answers `{resourceId: clientId}`.
#[utoipa::path(post, path = "/clients/{clientId}/images", tag = "Images",
    params(("clientId" = i64, Path)),
    request_body(content = String, description = "A multipart form with a `file` part (PNG, JPEG or GIF), or a data URL `data:image/png;base64,…`", content_type = "multipart/form-data"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Not an image"),
              (status = 403, description = "Not a data URL, too large, or no permission"),
              (status = 404, description = "No such client"), (status = 413, description = "Body over the configured limit")))]
async fn create_image(
    State(state): State<ApiState>,
    caller: Caller,
    Path(client_id): Path<String>,
    request: Request,
) -> ApiResult<Response> {
    save(&state, &caller, &client_id, request).await
}

/// The same as `POST`, as Fineract offers it.
#[utoipa::path(put, path = "/clients/{clientId}/images", tag = "Images",
    params(("clientId" = i64, Path)),
    request_body(content = String, description = "As for `POST`", content_type = "multipart/form-data"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Not an image"),
              (status = 403, description = "Not a data URL, too large, or no permission"),
              (status = 404, description = "No such client"), (status = 413, description = "Body over the configured limit")))]
async fn update_image(
    State(state): State<ApiState>,
    caller: Caller,
    Path(client_id): Path<String>,
    request: Request,
) -> ApiResult<Response> {
    save(&state, &caller, &client_id, request).await
}

/// Removes the client's photo. Answers `{resourceId: clientId}`, also when there was none.
#[utoipa::path(delete, path = "/clients/{clientId}/images", tag = "Images",
    params(("clientId" = i64, Path)),
    responses((status = 200, description = "`{resourceId}`"), (status = 404, description = "No such client")))]
async fn delete_image(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(client_id): Path<String>,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    let spec = CommandSpec {
        action: "DELETE",
        entity: images::ENTITY,
        href: format!("/clients/{client_id}/images"),
        json: "{}".into(),
        idempotency_key: crate::routes::idempotency_key(&state, &headers),
    };
    let outcome = state
        .app
        .execute(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            &DeleteClientImage { client_id },
        )
        .await?;
    Ok(command_response(outcome))
}

async fn save(
    state: &ApiState,
    caller: &Caller,
    client_id: &str,
    request: Request,
) -> ApiResult<Response> {
    let client_id = path_id(client_id, "Client")?;
    // Permission first, as for every write: a caller without it learns nothing about its upload.
    caller
        .principal
        .permissions
        .check_write(&format!("CREATE_{}", images::ENTITY))?;
    let idempotency_key = crate::routes::idempotency_key(state, request.headers());
    let raw = read_upload(state, request).await?;
    let upload = images::inspect(
        raw.bytes,
        raw.file_name,
        raw.declared,
        ImageLimits::default(),
    )
    .await?;
    // The command log keeps what was stored, never the image itself.
    let summary = json!({
        "fileName": upload.file_name,
        "type": upload.kind.mime(),
        "sizeBytes": upload.bytes.len(),
        "width": upload.width_px,
        "height": upload.height_px,
    });
    let spec = CommandSpec {
        action: "CREATE",
        entity: images::ENTITY,
        href: format!("/clients/{client_id}/images"),
        json: summary.to_string(),
        idempotency_key,
    };
    let command = SaveClientImage { client_id, upload };
    let outcome = state
        .app
        .save_client_image(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            &command,
        )
        .await?;
    Ok(command_response(outcome))
}

/// Reads the body (bounded) and takes the image out of a multipart form or a data URL.
async fn read_upload(state: &ApiState, request: Request) -> ApiResult<RawUpload> {
    let limit = state.config.body_limit_bytes;
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| ApiError(AppError::PayloadTooLarge { limit_bytes: limit }))?;
    let is_multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });
    if is_multipart {
        let request = Request::from_parts(parts, HttpBody::from(bytes));
        let multipart = Multipart::from_request(request, state)
            .await
            .map_err(|e| invalid_body(&e.body_text()))?;
        return file_part(multipart).await;
    }
    data_url(&bytes)
}

/// The `file` part of a multipart form.
async fn file_part(mut multipart: Multipart) -> ApiResult<RawUpload> {
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| invalid_body(&e.body_text()))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().map(safe_file_name);
        let declared = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| invalid_body(&e.body_text()))?;
        let Some(file_name) = file_name.filter(|n| !n.is_empty()) else {
            return Err(blank_image());
        };
        return Ok(RawUpload {
            bytes: bytes.to_vec(),
            file_name,
            declared,
        });
    }
    Err(blank_image())
}

/// A data URL body; a JSON string holding one is accepted too.
fn data_url(bytes: &[u8]) -> ApiResult<RawUpload> {
    let text = std::str::from_utf8(bytes).map_err(|_| ClientDetailError::InvalidDataUrl)?;
    let unquoted = serde_json::from_str::<String>(text.trim()).ok();
    let text = unquoted.as_deref().unwrap_or(text);
    let (kind, payload) =
        ImageKind::split_data_url(text).ok_or(ClientDetailError::InvalidDataUrl)?;
    // Fineract decodes with Java's MIME decoder, which skips line breaks.
    let payload: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload.as_bytes())
        .map_err(|_| invalid_body("The data URL does not hold valid base64."))?;
    Ok(RawUpload {
        bytes,
        file_name: format!("image.{}", kind.extension()),
        declared: kind.mime().to_string(),
    })
}

/// A file name safe for a header and for the command log: its last path segment, in plain characters.
fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    last.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(FILE_NAME_MAX)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Fineract's answer to a form without an image.
fn blank_image() -> ApiError {
    ApiError(AppError::validation(ParamError::new(
        "image",
        "validation.msg.clientImage.cannot.be.blank",
        "The parameter image cannot be blank.",
    )))
}

fn invalid_body(detail: &str) -> ApiError {
    ApiError(AppError::InvalidBody(detail.to_string()))
}
