//! The permission catalogue: `GET /permissions` (`?makerCheckerable=true` for the maker-checker flags) and
//! `PUT /permissions` to switch maker-checker per code.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::organisation::permissions::{self, PermissionListing, UpdateMakerChecker};
use kassa_app::platform::pipeline::CommandSpec;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::command_response;
use crate::routes::organisation::roles::{read_permission_flags, PermissionData};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(list_permissions, update_permissions))
}

const SUPPORTED_FIELDS: &[&str] = &[
    "grouping",
    "code",
    "entityName",
    "actionName",
    "selected",
    "isMakerChecker",
];
const WRITE_PARAMS: &[&str] = &["permissions"];

/// Every permission code (checker twins excluded) with `selected: true`; with `makerCheckerable=true`,
/// only codes that can be maker-checked, `selected` telling whether maker-checker is on for them.
#[utoipa::path(get, path = "/permissions", tag = "Permissions",
    params(("makerCheckerable" = Option<bool>, Query, description = "List maker-checkable codes with their flag"),
           ("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of `{grouping, code, entityName, actionName, selected}`")))]
async fn list_permissions(caller: Caller, query: Query) -> ApiResult<Response> {
    let listing = if query.flag("makerCheckerable") {
        PermissionListing::MakerCheckerable
    } else {
        PermissionListing::All
    };
    let data: Vec<PermissionData> = permissions::list(&caller.tenant, &caller.principal, listing)
        .await?
        .into_iter()
        .map(|(p, selected)| PermissionData::new(p, selected))
        .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Switches maker-checker per code: `{"permissions": {"CREATE_CLIENT": true}}`.
#[utoipa::path(put, path = "/permissions", tag = "Permissions",
    request_body(content = String, description = "`{\"permissions\": {CODE: true|false}}`", content_type = "application/json"),
    responses((status = 200, description = "`{changes: {permissions}}` with the entries that changed"),
              (status = 404, description = "Unknown or not maker-checkable code")))]
async fn update_permissions(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = CommandSpec {
        action: "UPDATE",
        entity: permissions::ENTITY,
        href: "/permissions".into(),
        json: body.0.clone(),
        idempotency_key: crate::routes::idempotency_key(&state, &headers),
    };
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let requested = read_permission_flags(&json, "permission")?;
    let outcome = state
        .app
        .execute_access_change(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            &UpdateMakerChecker { requested },
        )
        .await?;
    Ok(command_response(outcome))
}
