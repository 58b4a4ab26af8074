//! The request body as text, bounded by the configured limit, with Fineract-style errors.

use axum::body::to_bytes;
use axum::extract::{FromRequest, Request};
use kassa_app::AppError;

use crate::error::ApiError;
use crate::wire::JsonBody;
use crate::ApiState;

/// The raw body. Parsed by [`Body::json`] only after the permission check, so that a caller without the
/// permission learns nothing from validation errors (Fineract's order).
pub struct Body(pub String);

impl Body {
    pub fn json(&self) -> Result<JsonBody, ApiError> {
        Ok(JsonBody::parse(&self.0)?)
    }
}

impl FromRequest<ApiState> for Body {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &ApiState) -> Result<Self, Self::Rejection> {
        let limit = state.config.body_limit_bytes;
        let bytes = to_bytes(req.into_body(), limit)
            .await
            .map_err(|_| ApiError(AppError::PayloadTooLarge { limit_bytes: limit }))?;
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            ApiError(AppError::InvalidBody(
                "The request body is not valid UTF-8.".into(),
            ))
        })?;
        Ok(Body(text.to_string()))
    }
}
