//! Roles: `GET/POST /roles`, `GET/PUT/DELETE /roles/{id}`, `POST /roles/{id}?command=enable|disable` and
//! the role's grants at `GET/PUT /roles/{id}/permissions`.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::organisation::roles::{
    self, CreateRole, DeleteRole, SetRoleDisabled, UpdateRole, UpdateRolePermissions,
};
use kassa_app::platform::pipeline::{Command, CommandSpec};
use kassa_app::ParamError;
use kassa_domain::organisation::user::{Permission, Role, RoleChanges, RoleDraft};
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{command_response, path_id};
use crate::wire::{JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_roles, create_role))
        .routes(routes!(get_role, update_role, delete_role, role_command))
        .routes(routes!(get_role_permissions, update_role_permissions))
}

const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "name",
    "description",
    "availablePermissions",
    "selectedPermissions",
];
const PERMISSIONS_FIELDS: &[&str] = &["id", "name", "description", "permissionUsageData"];
/// Fineract accepts (and ignores) `id` in role bodies.
const WRITE_PARAMS: &[&str] = &["id", "name", "description"];
const PERMISSIONS_PARAMS: &[&str] = &["permissions"];

#[derive(Debug, Clone, Copy)]
enum RoleCommand {
    Enable,
    Disable,
}

const COMMANDS: &[(&str, RoleCommand)] = &[
    ("enable", RoleCommand::Enable),
    ("disable", RoleCommand::Disable),
];

/// Fineract's `RoleData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RoleData {
    id: i64,
    name: String,
    description: String,
    disabled: bool,
}

impl From<Role> for RoleData {
    fn from(r: Role) -> Self {
        RoleData {
            id: r.id,
            name: r.name,
            description: r.description,
            disabled: r.disabled,
        }
    }
}

/// Fineract's `PermissionData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PermissionData {
    grouping: String,
    code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action_name: Option<String>,
    selected: bool,
}

impl PermissionData {
    pub(super) fn new(p: Permission, selected: bool) -> PermissionData {
        PermissionData {
            grouping: p.grouping,
            code: p.code,
            entity_name: p.entity_name,
            action_name: p.action_name,
            selected,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RolePermissionsData {
    id: i64,
    name: String,
    description: String,
    disabled: bool,
    permission_usage_data: Vec<PermissionData>,
}

#[utoipa::path(get, path = "/roles", tag = "Roles",
    params(("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of `{id, name, description, disabled}`")))]
async fn list_roles(caller: Caller, query: Query) -> ApiResult<Response> {
    let data: Vec<RoleData> = roles::list(&caller.tenant, &caller.principal)
        .await?
        .into_iter()
        .map(RoleData::from)
        .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

#[utoipa::path(get, path = "/roles/{roleId}", tag = "Roles", params(("roleId" = i64, Path)),
    responses((status = 200, description = "The role"), (status = 404, description = "No such role")))]
async fn get_role(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "Role")?;
    let role = roles::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(&query, SUPPORTED_FIELDS, &RoleData::from(role))
}

/// Every permission of the catalogue, `selected` when the role holds it.
#[utoipa::path(get, path = "/roles/{roleId}/permissions", tag = "Roles", params(("roleId" = i64, Path)),
    responses((status = 200, description = "`{id, name, description, disabled, permissionUsageData}`"),
              (status = 404, description = "No such role")))]
async fn get_role_permissions(
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "Role")?;
    let rp = roles::permissions_of(&caller.tenant, &caller.principal, id).await?;
    let data = RolePermissionsData {
        id: rp.role.id,
        name: rp.role.name,
        description: rp.role.description,
        disabled: rp.role.disabled,
        permission_usage_data: rp
            .permissions
            .into_iter()
            .map(|(p, selected)| PermissionData::new(p, selected))
            .collect(),
    };
    respond::ok(&query, PERMISSIONS_FIELDS, &data)
}

/// Creates a role. Answers `{resourceId}`.
#[utoipa::path(post, path = "/roles", tag = "Roles",
    request_body(content = String, description = "`{\"name\", \"description\"}`", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "Duplicate name or no permission")))]
async fn create_role(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/roles".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(&json, "role");
    let name = r.required_string("name", 100);
    let description = r.required_string("description", 500);
    r.finish()?;
    let (Some(name), Some(description)) = (name, description) else {
        return Err(internal("validated role fields went missing"));
    };
    let command = CreateRole {
        draft: RoleDraft { name, description },
    };
    run(&state, &caller, spec, &command).await
}

/// Renames or re-describes a role; `changes` echoes what changed.
#[utoipa::path(put, path = "/roles/{roleId}", tag = "Roles", params(("roleId" = i64, Path)),
    request_body(content = String, description = "Any of name, description", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`")))]
async fn update_role(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Role")?;
    let spec = spec(&state, &headers, "UPDATE", format!("/roles/{id}"), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(&json, "role");
    let mut changes = RoleChanges::default();
    if r.present("name") {
        changes.name = r.required_string("name", 100);
    }
    if r.present("description") {
        changes.description = r.required_string("description", 500);
    }
    r.finish()?;
    run(&state, &caller, spec, &UpdateRole { id, changes }).await
}

/// Deletes a role no user holds.
#[utoipa::path(delete, path = "/roles/{roleId}", tag = "Roles", params(("roleId" = i64, Path)),
    responses((status = 200, description = "`{resourceId}`"), (status = 403, description = "Role held by users")))]
async fn delete_role(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Role")?;
    let spec = spec(&state, &headers, "DELETE", format!("/roles/{id}"), &body);
    run(&state, &caller, spec, &DeleteRole { id }).await
}

/// `?command=enable` or `?command=disable` (refused while users hold the role).
#[utoipa::path(post, path = "/roles/{roleId}", tag = "Roles",
    params(("roleId" = i64, Path), ("command" = String, Query, description = "enable or disable")),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Unknown command"),
              (status = 403, description = "Role held by users")))]
async fn role_command(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Role")?;
    let (action, disabled, href) = match query.command(COMMANDS)? {
        RoleCommand::Enable => ("ENABLE", false, format!("/roles/{id}/enable")),
        RoleCommand::Disable => ("DISABLE", true, format!("/roles/{id}/disable")),
    };
    let spec = spec(&state, &headers, action, href, &body);
    run(&state, &caller, spec, &SetRoleDisabled { id, disabled }).await
}

/// Grants and revokes permissions by code: `{"permissions": {"READ_CLIENT": true, "CREATE_CLIENT": false}}`.
#[utoipa::path(put, path = "/roles/{roleId}/permissions", tag = "Roles", params(("roleId" = i64, Path)),
    request_body(content = String, description = "`{\"permissions\": {CODE: true|false}}`", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes: {permissions}}` with the entries that changed"),
              (status = 404, description = "Unknown role or permission code")))]
async fn update_role_permissions(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Role")?;
    let spec = spec(
        &state,
        &headers,
        "PERMISSIONS",
        format!("/roles/{id}/permissions"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(PERMISSIONS_PARAMS)?;
    let requested = read_permission_flags(&json, "role")?;
    run(
        &state,
        &caller,
        spec,
        &UpdateRolePermissions { id, requested },
    )
    .await
}

/// The `permissions` object of a body: permission code → `true`/`false` (or the strings `"true"`/`"false"`).
pub(super) fn read_permission_flags(
    json: &JsonBody,
    resource: &'static str,
) -> ApiResult<Vec<(String, bool)>> {
    let mut r = Reader::new(json, resource);
    let mut out = Vec::new();
    match json.value("permissions") {
        None | Some(Value::Null) => r.mandatory_missing("permissions"),
        Some(Value::Object(map)) => {
            for (code, value) in map {
                let flag = match &value {
                    Value::Bool(b) => Some(*b),
                    Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
                    Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
                    _ => None,
                };
                match flag {
                    Some(flag) => out.push((code, flag)),
                    None => r.error(
                        ParamError::new(
                            format!("permissions.{code}"),
                            format!("validation.msg.{resource}.permissions.must.be.true.or.false"),
                            format!("The permission `{code}` must be set as true or false."),
                        )
                        .with_value(value),
                    ),
                }
            }
        }
        Some(other) => r.error(
            ParamError::new(
                "permissions",
                format!("validation.msg.{resource}.permissions.must.be.an.object"),
                "The parameter `permissions` must be an object of permission codes to true or false.",
            )
            .with_value(other),
        ),
    }
    r.finish()?;
    Ok(out)
}

entity_spec!(roles::ENTITY);

async fn run(
    state: &ApiState,
    caller: &Caller,
    spec: CommandSpec,
    command: &dyn Command,
) -> ApiResult<Response> {
    let outcome = state
        .app
        .execute_access_change(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            command,
        )
        .await?;
    Ok(command_response(outcome))
}

fn internal(message: &str) -> ApiError {
    ApiError(kassa_app::AppError::Internal(message.to_string()))
}
