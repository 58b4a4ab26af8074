//! Codes and code values: `GET/POST /codes`, `GET/PUT/DELETE /codes/{codeId}`,
//! `GET/POST /codes/{codeId}/codevalues`, `GET/PUT/DELETE /codes/{codeId}/codevalues/{codeValueId}`.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::organisation::codes::{
    self, CreateCode, CreateCodeValue, DeleteCode, DeleteCodeValue, UpdateCode, UpdateCodeValue,
};
use kassa_app::AppError;
use kassa_domain::organisation::code::{Code, CodeValue, CodeValueChanges, CodeValueDraft};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::path_id;
use crate::routes::{command_spec as spec, run_command as run};
use crate::wire::{JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_codes, create_code))
        .routes(routes!(get_code, update_code, delete_code))
        .routes(routes!(list_code_values, create_code_value))
        .routes(routes!(
            get_code_value,
            update_code_value,
            delete_code_value
        ))
}

const CODE_FIELDS: &[&str] = &["id", "name", "systemDefined"];
/// Fineract's `fields` whitelist for code values (it names `isMandatory`, not `active`/`mandatory`).
const VALUE_FIELDS: &[&str] = &["id", "name", "position", "isMandatory", "description"];
const CODE_PARAMS: &[&str] = &["name"];
/// Fineract accepts (and ignores) `id` in code value bodies.
const VALUE_PARAMS: &[&str] = &[
    "id",
    "name",
    "position",
    "description",
    "isActive",
    "isMandatory",
];
const NAME_MAX: usize = 100;
const DESCRIPTION_MAX: usize = 500;

/// Fineract's `CodeData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CodeData {
    id: i64,
    name: String,
    system_defined: bool,
}

impl From<Code> for CodeData {
    fn from(c: Code) -> Self {
        CodeData {
            id: c.id,
            name: c.name,
            system_defined: c.system_defined,
        }
    }
}

/// Fineract's `CodeValueData`.
#[derive(Serialize)]
struct CodeValueData {
    id: i64,
    name: String,
    position: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    active: bool,
    mandatory: bool,
}

impl From<CodeValue> for CodeValueData {
    fn from(v: CodeValue) -> Self {
        CodeValueData {
            id: v.id,
            name: v.name,
            position: v.position,
            description: v.description,
            active: v.is_active,
            mandatory: v.is_mandatory,
        }
    }
}

/// Every code, by name.
#[utoipa::path(get, path = "/codes", tag = "Codes",
    params(("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of `{id, name, systemDefined}`")))]
async fn list_codes(caller: Caller, query: Query) -> ApiResult<Response> {
    let data: Vec<CodeData> = codes::list(&caller.tenant, &caller.principal)
        .await?
        .into_iter()
        .map(CodeData::from)
        .collect();
    respond::ok(&query, CODE_FIELDS, &data)
}

#[utoipa::path(get, path = "/codes/{codeId}", tag = "Codes", params(("codeId" = i64, Path)),
    responses((status = 200, description = "`{id, name, systemDefined}`"), (status = 404, description = "No such code")))]
async fn get_code(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "Code")?;
    let code = codes::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(&query, CODE_FIELDS, &CodeData::from(code))
}

/// Creates a user-defined code. Answers `{resourceId}`.
#[utoipa::path(post, path = "/codes", tag = "Codes",
    request_body(content = String, description = "`{\"name\"}`", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "Duplicate name or no permission")))]
async fn create_code(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(
        &state,
        &headers,
        "CREATE",
        codes::CODE_ENTITY,
        "/codes".into(),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(CODE_PARAMS)?;
    let mut r = Reader::new(&json, "code");
    let name = r.required_string("name", NAME_MAX);
    r.finish()?;
    let Some(name) = name else {
        return Err(internal("validated code fields went missing"));
    };
    run(&state, &caller, spec, &CreateCode { name }).await
}

/// Renames a code; system-defined codes cannot be changed.
#[utoipa::path(put, path = "/codes/{codeId}", tag = "Codes", params(("codeId" = i64, Path)),
    request_body(content = String, description = "`{\"name\"}`", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 403, description = "System-defined code or duplicate name"),
              (status = 404, description = "No such code")))]
async fn update_code(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Code")?;
    let spec = spec(
        &state,
        &headers,
        "UPDATE",
        codes::CODE_ENTITY,
        format!("/codes/{id}"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(CODE_PARAMS)?;
    let mut r = Reader::new(&json, "code");
    let name = if r.present("name") {
        r.required_string("name", NAME_MAX)
    } else {
        None
    };
    r.finish()?;
    run(&state, &caller, spec, &UpdateCode { id, name }).await
}

/// Deletes a user-defined code and its values; system-defined codes cannot be deleted.
#[utoipa::path(delete, path = "/codes/{codeId}", tag = "Codes", params(("codeId" = i64, Path)),
    responses((status = 200, description = "`{resourceId}`"), (status = 403, description = "System-defined code"),
              (status = 404, description = "No such code")))]
async fn delete_code(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Code")?;
    let spec = spec(
        &state,
        &headers,
        "DELETE",
        codes::CODE_ENTITY,
        format!("/codes/{id}"),
        &body,
    );
    run(&state, &caller, spec, &DeleteCode { id }).await
}

/// The values of a code, by position.
#[utoipa::path(get, path = "/codes/{codeId}/codevalues", tag = "Code Values", params(("codeId" = i64, Path),
    ("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of `{id, name, position, description, active, mandatory}`"),
              (status = 404, description = "No such code")))]
async fn list_code_values(
    caller: Caller,
    Path(code_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let code_id = path_id(&code_id, "Code")?;
    let data: Vec<CodeValueData> = codes::values(&caller.tenant, &caller.principal, code_id)
        .await?
        .into_iter()
        .map(CodeValueData::from)
        .collect();
    respond::ok(&query, VALUE_FIELDS, &data)
}

#[utoipa::path(get, path = "/codes/{codeId}/codevalues/{codeValueId}", tag = "Code Values",
    params(("codeId" = i64, Path), ("codeValueId" = i64, Path)),
    responses((status = 200, description = "The code value"), (status = 404, description = "No such value of this code")))]
async fn get_code_value(
    caller: Caller,
    Path((code_id, value_id)): Path<(String, String)>,
    query: Query,
) -> ApiResult<Response> {
    let code_id = path_id(&code_id, "Code")?;
    let value_id = path_id(&value_id, "CodeValue")?;
    let value = codes::value(&caller.tenant, &caller.principal, code_id, value_id).await?;
    respond::ok(&query, VALUE_FIELDS, &CodeValueData::from(value))
}

/// Adds a value to a code (system-defined codes too). Answers `{resourceId: codeId, subResourceId}`.
#[utoipa::path(post, path = "/codes/{codeId}/codevalues", tag = "Code Values", params(("codeId" = i64, Path)),
    request_body(content = String, description = "`{\"name\", \"description\"?, \"position\"?, \"isActive\"?, \"isMandatory\"?}`", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, subResourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "Duplicate name within the code"), (status = 404, description = "No such code")))]
async fn create_code_value(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(code_id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let code_id = path_id(&code_id, "Code")?;
    let href = format!("/codes/{code_id}/codevalues");
    let spec = spec(&state, &headers, "CREATE", codes::VALUE_ENTITY, href, &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(VALUE_PARAMS)?;
    let mut r = Reader::new(&json, "code.value");
    let name = r.required_string("name", NAME_MAX);
    let description = r.string("description", DESCRIPTION_MAX);
    let position = r.long("position").unwrap_or(0);
    let is_active = r.boolean("isActive").unwrap_or(true);
    let is_mandatory = r.boolean("isMandatory").unwrap_or(false);
    r.finish()?;
    let Some(name) = name else {
        return Err(internal("validated code value fields went missing"));
    };
    let command = CreateCodeValue {
        code_id,
        draft: CodeValueDraft {
            name,
            description,
            position,
            is_active,
            is_mandatory,
        },
    };
    run(&state, &caller, spec, &command).await
}

/// Updates a code value; answers `{resourceId: codeValueId, changes}` as Fineract does.
#[utoipa::path(put, path = "/codes/{codeId}/codevalues/{codeValueId}", tag = "Code Values",
    params(("codeId" = i64, Path), ("codeValueId" = i64, Path)),
    request_body(content = String, description = "Any of name, description, position, isActive, isMandatory", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such value of this code")))]
async fn update_code_value(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((code_id, value_id)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let code_id = path_id(&code_id, "Code")?;
    let value_id = path_id(&value_id, "CodeValue")?;
    let href = format!("/codes/{code_id}/codevalues/{value_id}");
    let spec = spec(&state, &headers, "UPDATE", codes::VALUE_ENTITY, href, &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(VALUE_PARAMS)?;
    let changes = read_value_changes(&json)?;
    let command = UpdateCodeValue {
        code_id,
        value_id,
        changes,
    };
    run(&state, &caller, spec, &command).await
}

fn read_value_changes(json: &JsonBody) -> ApiResult<CodeValueChanges> {
    let mut r = Reader::new(json, "code.value");
    let mut changes = CodeValueChanges::default();
    if r.present("name") {
        changes.name = r.required_string("name", NAME_MAX);
    }
    if r.present("description") {
        changes.description = Some(r.string("description", DESCRIPTION_MAX));
    }
    changes.position = r.long("position");
    changes.is_active = r.boolean("isActive");
    changes.is_mandatory = r.boolean("isMandatory");
    r.finish()?;
    Ok(changes)
}

/// Deletes a value of a code. Answers `{resourceId: codeId, subResourceId}`.
#[utoipa::path(delete, path = "/codes/{codeId}/codevalues/{codeValueId}", tag = "Code Values",
    params(("codeId" = i64, Path), ("codeValueId" = i64, Path)),
    responses((status = 200, description = "`{resourceId, subResourceId}`"), (status = 404, description = "No such value of this code")))]
async fn delete_code_value(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((code_id, value_id)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let code_id = path_id(&code_id, "Code")?;
    let value_id = path_id(&value_id, "CodeValue")?;
    let href = format!("/codes/{code_id}/codevalues/{value_id}");
    let spec = spec(&state, &headers, "DELETE", codes::VALUE_ENTITY, href, &body);
    run(
        &state,
        &caller,
        spec,
        &DeleteCodeValue { code_id, value_id },
    )
    .await
}

fn internal(message: &str) -> ApiError {
    ApiError(AppError::Internal(message.to_string()))
}
