//! Application users: `GET/POST /users`, `GET /users/template`, `GET/PUT/DELETE /users/{id}`. Passwords
//! never leave the request: they are checked against the active policy, hashed, and replaced by a mask in
//! the command log.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::organisation::users::{self, DeleteUser, NewUser, UserDetails, UserUpdateRequest};
use kassa_app::platform::pipeline::CommandSpec;
use kassa_app::ParamError;
use kassa_domain::organisation::office::name_decorated;
use kassa_domain::organisation::user::{UserChanges, UserDraft};
use serde_json::{Map, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::organisation::roles::RoleData;
use crate::routes::{command_response, path_id};
use crate::wire::Reader;
use crate::ApiState;

mod data;
mod request;

use data::*;
use request::*;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user))
        .routes(routes!(user_template))
        .routes(routes!(get_user, update_user, delete_user))
}

/// Fineract's `fields` whitelist for users.
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "officeId",
    "officeName",
    "username",
    "firstname",
    "lastname",
    "email",
    "allowedOffices",
    "availableRoles",
    "selectedRoles",
    "staff",
];
const WRITE_PARAMS: &[&str] = &[
    "username",
    "firstname",
    "lastname",
    "password",
    "repeatPassword",
    "email",
    "officeId",
    "notSelectedRoles",
    "roles",
    "sendPasswordToEmail",
    "staffId",
    "passwordNeverExpires",
    "isSelfServiceUser",
    "clients",
];
/// Request keys whose values never reach the command log or an answer.
const SECRET_PARAMS: &[&str] = &["password", "repeatPassword"];
const MASK: &str = kassa_app::platform::pipeline::SECRET_MASK;

/// Live users of the caller's office subtree, by username.
#[utoipa::path(get, path = "/users", tag = "Users",
    params(("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of users")))]
async fn list_users(caller: Caller, query: Query) -> ApiResult<Response> {
    let data: Vec<UserData> = users::list(&caller.tenant, &caller.principal)
        .await?
        .into_iter()
        .map(user_data)
        .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// What a new user may be given: offices of the caller's subtree, enabled roles, self-service roles.
#[utoipa::path(get, path = "/users/template", tag = "Users",
    responses((status = 200, description = "`{allowedOffices, availableRoles, selfServiceRoles}`")))]
async fn user_template(caller: Caller, query: Query) -> ApiResult<Response> {
    let t = users::template(&caller.tenant, &caller.principal).await?;
    let data = UserData {
        allowed_offices: Some(
            t.offices
                .into_iter()
                .map(|l| OfficeOption {
                    name_decorated: name_decorated(&l.office.hierarchy, &l.office.name),
                    id: l.office.id,
                    name: l.office.name,
                })
                .collect(),
        ),
        available_roles: Some(t.available_roles.into_iter().map(RoleData::from).collect()),
        self_service_roles: Some(
            t.self_service_roles
                .into_iter()
                .map(RoleData::from)
                .collect(),
        ),
        ..Default::default()
    };
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// One user, with the roles it does not hold; `template=true` adds the offices it may move to. Reading
/// oneself needs no `READ_USER`.
#[utoipa::path(get, path = "/users/{userId}", tag = "Users",
    params(("userId" = i64, Path), ("template" = Option<bool>, Query)),
    responses((status = 200, description = "The user"), (status = 404, description = "No such user")))]
async fn get_user(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "User")?;
    let UserDetails {
        view,
        available_roles,
    } = users::get(&caller.tenant, &caller.principal, id).await?;
    let is_self_service = view.listing.user.is_self_service_user;
    let mut data = user_data(view);
    data.available_roles = Some(available_roles.into_iter().map(RoleData::from).collect());
    if is_self_service {
        data.clients = Some(vec![]);
    }
    if query.flag("template") {
        let t = users::template(&caller.tenant, &caller.principal).await?;
        data.allowed_offices = Some(
            t.offices
                .into_iter()
                .map(|l| OfficeOption {
                    name_decorated: name_decorated(&l.office.hierarchy, &l.office.name),
                    id: l.office.id,
                    name: l.office.name,
                })
                .collect(),
        );
    }
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Creates a user. Kassa sends no e-mail, so `sendPasswordToEmail` must be false and the password given.
#[utoipa::path(post, path = "/users", tag = "Users",
    request_body(content = String, description = "`{\"username\", \"firstname\", \"lastname\", \"officeId\", \"roles\", \"sendPasswordToEmail\": false, \"password\", \"repeatPassword\", \"email\"?, \"staffId\"?, \"passwordNeverExpires\"?, \"isSelfServiceUser\"?, \"clients\"?}`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "Duplicate username or no permission")))]
async fn create_user(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/users".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let rule = password_rule_if_needed(&caller, &json).await?;
    let mut r = Reader::new(&json, "user");
    let username = r.required_string("username", 100);
    let firstname = r.required_string("firstname", 100);
    let lastname = r.required_string("lastname", 100);
    let mut password = None;
    match r.boolean("sendPasswordToEmail") {
        None if !r.has("sendPasswordToEmail") => r.mandatory_missing("sendPasswordToEmail"),
        None => {}
        Some(true) => r.error(ParamError::new(
            "sendPasswordToEmail",
            "validation.msg.user.sendPasswordToEmail.not.supported",
            "Kassa does not send e-mail: set `sendPasswordToEmail` to false and give `password` and `repeatPassword`.",
        )),
        Some(false) => password = read_password(&mut r, &json, rule.as_ref()),
    }
    let office_id = r.required_long("officeId");
    positive(&mut r, "officeId", office_id);
    let staff_id = read_staff_id(&mut r, true).flatten();
    let email = read_email(&mut r, false);
    let password_never_expires = r.boolean("passwordNeverExpires").unwrap_or(false);
    let is_self_service_user = r.boolean("isSelfServiceUser");
    read_clients(&mut r, is_self_service_user.unwrap_or(false));
    let roles = read_roles(&mut r);
    r.finish()?;
    let (
        Some(username),
        Some(firstname),
        Some(lastname),
        Some(office_id),
        Some(roles),
        Some(password),
    ) = (username, firstname, lastname, office_id, roles, password)
    else {
        return Err(internal("validated user fields went missing"));
    };
    let user = NewUser {
        draft: UserDraft {
            username,
            firstname,
            lastname,
            email,
            office_id,
            staff_id,
            role_ids: roles,
            password_never_expires,
            is_self_service_user: is_self_service_user.unwrap_or(false),
        },
        password,
    };
    let outcome = state
        .app
        .create_user(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            user,
        )
        .await?;
    Ok(command_response(outcome))
}

/// Updates a user; `changes` echoes the changed fields (never the password). A user may change its own
/// password without `UPDATE_USER`.
#[utoipa::path(put, path = "/users/{userId}", tag = "Users", params(("userId" = i64, Path)),
    request_body(content = String, description = "Any of the creation fields; `password` with `repeatPassword`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "No permission, duplicate username, or the system user")))]
async fn update_user(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "User")?;
    let spec = spec(&state, &headers, "UPDATE", format!("/users/{id}"), &body);
    // Updating oneself is checked field by field after validation (Fineract's order).
    if id != caller.principal.user_id {
        caller
            .principal
            .permissions
            .check_write(&spec.permission())?;
    }
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let rule = password_rule_if_needed(&caller, &json).await?;
    let mut r = Reader::new(&json, "user");
    let mut changes = UserChanges::default();
    if r.present("officeId") {
        changes.office_id = r.required_long("officeId");
        positive(&mut r, "officeId", changes.office_id);
    }
    changes.staff_id = read_staff_id(&mut r, false);
    for (name, field) in [
        ("username", &mut changes.username),
        ("firstname", &mut changes.firstname),
        ("lastname", &mut changes.lastname),
    ] {
        if r.present(name) {
            *field = r.required_string(name, 100);
        }
    }
    changes.email = read_email(&mut r, true);
    if r.present("roles") {
        changes.role_ids = read_roles(&mut r);
    }
    let new_password = if r.present("password") {
        read_password(&mut r, &json, rule.as_ref())
    } else {
        None
    };
    changes.password = new_password.is_some();
    changes.password_never_expires = r.boolean("passwordNeverExpires");
    changes.is_self_service_user = r.boolean("isSelfServiceUser");
    if r.present("clients") {
        // Only an explicit `isSelfServiceUser: false` in the same request refuses clients here; the
        // stored flag is applied by the domain.
        changes.clients = read_clients(&mut r, changes.is_self_service_user != Some(false));
    }
    r.finish()?;
    let raw: Map<String, Value> = WRITE_PARAMS
        .iter()
        .filter(|k| !SECRET_PARAMS.contains(k))
        .filter_map(|k| json.value(k).map(|v| (k.to_string(), v)))
        .collect();
    let request = UserUpdateRequest {
        id,
        changes,
        new_password,
        keys: json.keys().map(str::to_string).collect(),
        raw,
    };
    let outcome = state
        .app
        .update_user(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            request,
        )
        .await?;
    Ok(command_response(outcome))
}

/// Soft-deletes a user; the system user cannot be deleted.
#[utoipa::path(delete, path = "/users/{userId}", tag = "Users", params(("userId" = i64, Path)),
    responses((status = 200, description = "`{officeId, resourceId}`"), (status = 403, description = "The system user"),
              (status = 404, description = "No such user")))]
async fn delete_user(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "User")?;
    let spec = spec(&state, &headers, "DELETE", format!("/users/{id}"), &body);
    let outcome = state
        .app
        .execute_access_change(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            &DeleteUser { id },
        )
        .await?;
    Ok(command_response(outcome))
}

/// The command as logged: the body with password values masked.
fn spec(
    state: &ApiState,
    headers: &HeaderMap,
    action: &'static str,
    href: String,
    body: &Body,
) -> CommandSpec {
    CommandSpec {
        action,
        entity: users::ENTITY,
        href,
        json: masked(&body.0),
        idempotency_key: crate::routes::idempotency_key(state, headers),
    }
}

fn masked(raw: &str) -> String {
    if raw.trim().is_empty() {
        return "{}".into();
    }
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Object(mut map)) => {
            for key in SECRET_PARAMS {
                if let Some(v) = map.get_mut(*key) {
                    *v = Value::from(MASK);
                }
            }
            Value::Object(map).to_string()
        }
        // Not an object: it fails validation before reaching the log, but never store it as sent.
        _ => "{}".into(),
    }
}

fn internal(message: &str) -> ApiError {
    ApiError(kassa_app::AppError::Internal(message.to_string()))
}

#[cfg(test)]
mod tests;
