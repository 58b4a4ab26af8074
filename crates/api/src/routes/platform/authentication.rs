//! `POST /authentication`: checks credentials and answers with the user, its roles and permission codes.

use axum::extract::State;
use axum::response::Response;
use base64::Engine;
use kassa_app::platform::principal::Principal;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Tenant;
use crate::query::Query;
use crate::respond;
use crate::wire::Reader;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(authenticate))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleData {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub disabled: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AuthenticatedUser {
    username: String,
    user_id: i64,
    base64_encoded_authentication_key: String,
    authenticated: bool,
    office_id: i64,
    office_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    staff_id: Option<i64>,
    roles: Vec<RoleData>,
    permissions: Vec<String>,
    should_renew_password: bool,
    is_two_factor_authentication_required: bool,
}

pub fn role_data(p: &Principal) -> Vec<RoleData> {
    p.roles
        .iter()
        .map(|r| RoleData {
            id: r.id,
            name: r.name.clone(),
            description: r.description.clone(),
            disabled: r.is_disabled,
        })
        .collect()
}

/// Validates a username and password; no credentials needed. The answer's
/// `base64EncodedAuthenticationKey` is the Basic credential to send afterwards.
#[utoipa::path(post, path = "/authentication", tag = "Authentication HTTP Basic", security(("tenantid" = [])),
    request_body(content = String, description = "`{\"username\":\"mifos\",\"password\":\"password\"}`", content_type = "application/json"),
    responses((status = 200, description = "The authenticated user"), (status = 401, description = "Wrong credentials")))]
async fn authenticate(
    State(state): State<ApiState>,
    Tenant(tenant): Tenant,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let json = body.json()?;
    json.check_supported(&["username", "password"])?;
    let mut r = Reader::new(&json, "authentication");
    let username = r.required_string("username", 100);
    // Passwords are taken verbatim: no trimming, spaces are characters.
    let password = json
        .value("password")
        .and_then(|v| v.as_str().map(str::to_string));
    if password.as_deref().is_none_or(str::is_empty) {
        r.mandatory_missing("password");
    }
    r.finish()?;
    let (Some(username), Some(password)) = (username, password) else {
        return Err(missing_after_validation());
    };
    let p = state.app.auth.verify(&tenant, &username, &password).await?;
    let key = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    let answer = AuthenticatedUser {
        username: p.username.clone(),
        user_id: p.user_id,
        base64_encoded_authentication_key: key,
        authenticated: true,
        office_id: p.office_id,
        office_name: p.office_name.clone(),
        staff_id: p.staff_id,
        roles: role_data(&p),
        permissions: p.permission_codes.clone(),
        should_renew_password: p.password_expired,
        is_two_factor_authentication_required: false,
    };
    respond::ok(&query, &[], &answer)
}

/// `finish` succeeded, so both values are present; this keeps the type checker honest without a panic.
fn missing_after_validation() -> crate::error::ApiError {
    crate::error::ApiError(kassa_app::AppError::Internal(
        "validated credentials went missing".into(),
    ))
}
