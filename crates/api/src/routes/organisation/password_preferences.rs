//! Password preferences: `GET|PUT /passwordpreferences`, `GET /passwordpreferences/template`. The active
//! policy is what new passwords are checked against.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::organisation::password_preferences::{self, UpdatePasswordPreferences};
use kassa_app::platform::pipeline::CommandSpec;
use kassa_app::ParamError;
use kassa_store::repo::platform::configuration::PasswordPolicyRow;
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::command_response;
use crate::wire::Reader;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(
            get_password_preferences,
            update_password_preferences
        ))
        .routes(routes!(password_preferences_template))
}

const SUPPORTED_FIELDS: &[&str] = &["id", "active", "description"];

/// Fineract's `PasswordValidationPolicyData`.
#[derive(Serialize)]
struct PolicyData {
    id: i64,
    description: String,
    active: bool,
    key: String,
}

impl From<PasswordPolicyRow> for PolicyData {
    fn from(p: PasswordPolicyRow) -> Self {
        PolicyData {
            id: p.id,
            description: p.description,
            active: p.active,
            key: p.key,
        }
    }
}

/// The active password policy.
#[utoipa::path(get, path = "/passwordpreferences", tag = "Password preferences",
    responses((status = 200, description = "`{id, description, active, key}`")))]
async fn get_password_preferences(caller: Caller, query: Query) -> ApiResult<Response> {
    let active = password_preferences::active(&caller.tenant, &caller.principal).await?;
    respond::ok(&query, SUPPORTED_FIELDS, &PolicyData::from(active))
}

/// Every password policy.
#[utoipa::path(get, path = "/passwordpreferences/template", tag = "Password preferences",
    responses((status = 200, description = "`[{id, description, active, key}]`")))]
async fn password_preferences_template(caller: Caller, query: Query) -> ApiResult<Response> {
    let all: Vec<PolicyData> = password_preferences::list(&caller.tenant, &caller.principal)
        .await?
        .into_iter()
        .map(PolicyData::from)
        .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &all)
}

/// Makes one policy the active one.
#[utoipa::path(put, path = "/passwordpreferences", tag = "Password preferences",
    request_body(content = String, description = "`{\"validationPolicyId\": 1}`", content_type = "application/json"),
    responses((status = 200, description = "`{changes}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such policy")))]
async fn update_password_preferences(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = CommandSpec {
        action: "UPDATE",
        entity: password_preferences::ENTITY,
        href: "/passwordpreferences".into(),
        json: body.0.clone(),
        idempotency_key: crate::routes::idempotency_key(&state, &headers),
    };
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(&["validationPolicyId"])?;
    let mut r = Reader::new(&json, "passwordpreferences");
    let id = r.required_long("validationPolicyId");
    if let Some(v) = id.filter(|v| *v < 1) {
        r.error(
            ParamError::new(
                "validationPolicyId",
                "validation.msg.passwordpreferences.validationPolicyId.not.greater.than.zero",
                "The parameter `validationPolicyId` must be greater than 0.",
            )
            .with_value(Value::from(v))
            .with_args(vec![Value::from(v), Value::from(0)]),
        );
    }
    r.finish()?;
    let Some(policy_id) = id else {
        return Err(ApiError(kassa_app::AppError::Internal(
            "validated policy id went missing".into(),
        )));
    };
    let outcome = state
        .app
        .execute(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            &UpdatePasswordPreferences { policy_id },
        )
        .await?;
    Ok(command_response(outcome))
}
