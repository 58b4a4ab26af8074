//! Who is calling: the tenant (header `Fineract-Platform-TenantId`, else query `tenantIdentifier`) and the
//! authenticated user (HTTP Basic on every request).

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kassa_app::platform::principal::Principal;
use kassa_app::{AppError, ParamError, TenantCtx};

use crate::error::ApiError;
use crate::ApiState;

pub const TENANT_HEADER: &str = "fineract-platform-tenantid";

/// A request's tenant, before authentication (for `POST /authentication`).
pub struct Tenant(pub TenantCtx);

/// Marks an in-process request that re-executes an approved maker-checker entry, with the principal to
/// run it as. Only code in this process can put it on a request; it never comes from the network.
#[derive(Clone)]
pub(crate) struct Replay(pub Arc<Principal>);

/// An authenticated request: its tenant and user.
pub struct Caller {
    pub tenant: TenantCtx,
    pub principal: Arc<Principal>,
}

fn tenant_id(parts: &Parts) -> Option<String> {
    let from_header = parts
        .headers
        .get(TENANT_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    from_header.or_else(|| {
        let query = parts.uri.query()?;
        form_urlencoded_pairs(query)
            .find(|(k, _)| k == "tenantIdentifier")
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty())
    })
}

/// Minimal `application/x-www-form-urlencoded` pair iterator for the query string.
pub fn form_urlencoded_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query.split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k), percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `PUT /users/{own id}`: the one request a user whose password expired may still make.
fn changes_own_password(parts: &Parts, user_id: i64) -> bool {
    // Nested routers see the path without the API base; the original URI keeps it.
    let path = parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map_or_else(|| parts.uri.path().to_string(), |o| o.0.path().to_string());
    parts.method == http::Method::PUT
        && path.trim_end_matches('/') == format!("{}/users/{user_id}", crate::paths::API_BASE)
}

fn invalid_tenant(message: String) -> ApiError {
    ApiError(AppError::InvalidTenant(message))
}

async fn resolve_tenant(parts: &Parts, state: &ApiState) -> Result<TenantCtx, ApiError> {
    let Some(id) = tenant_id(parts) else {
        return Err(invalid_tenant(
            "No tenant identifier found: Add request header of 'Fineract-Platform-TenantId' or add the parameter 'tenantIdentifier' to query string of request URL.".into(),
        ));
    };
    match state.app.tenant(&id).await? {
        Some(t) => Ok(t),
        None => Err(invalid_tenant(format!(
            "The tenant identifier: {id} is not valid."
        ))),
    }
}

impl FromRequestParts<ApiState> for Tenant {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &ApiState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Tenant(resolve_tenant(parts, state).await?))
    }
}

impl FromRequestParts<ApiState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &ApiState,
    ) -> Result<Self, Self::Rejection> {
        let tenant = resolve_tenant(parts, state).await?;
        if let Some(Replay(principal)) = parts.extensions.get::<Replay>() {
            return Ok(Caller {
                tenant,
                principal: principal.clone(),
            });
        }
        let header = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(ApiError(AppError::Unauthenticated))?;
        let principal = state.app.auth.authenticate_header(&tenant, header).await?;
        // Self-service users may only use /self/…, staff users never (Fineract answers 401 both ways).
        let self_path = parts.uri.path().contains("/self/");
        if principal.is_self_service_user != self_path {
            return Err(ApiError(AppError::Unauthenticated));
        }
        if principal.password_expired && !changes_own_password(parts, principal.user_id) {
            return Err(ApiError(AppError::validation(
                ParamError::new(
                    "userId",
                    "error.msg.password.outdated",
                    format!(
                        "The password of the user with id {} has expired, please reset it",
                        principal.user_id
                    ),
                )
                .with_args(vec![serde_json::Value::from(principal.user_id)]),
            )));
        }
        Ok(Caller { tenant, principal })
    }
}
