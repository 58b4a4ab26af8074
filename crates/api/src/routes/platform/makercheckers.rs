//! Maker-checker's inbox: `GET /makercheckers`, `GET /makercheckers/searchtemplate`,
//! `POST /makercheckers/{auditId}?command=approve|reject`, `DELETE /makercheckers/{auditId}`.
//!
//! Approval re-executes the stored request through the same routes, in-process, as the checker: the
//! handler parses and validates exactly as it did for the maker, and the pipeline completes the waiting
//! entry instead of writing a new one.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, Method};
use axum::response::Response;
use kassa_app::platform::maker_checker::Decision;
use kassa_app::platform::pipeline::{Approval, APPROVAL};
use kassa_app::AppError;
use kassa_store::repo::platform::command_source::AuditFilter;
use serde::Serialize;
use tower::ServiceExt;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::extract::{Caller, Replay, TENANT_HEADER};
use crate::query::Query;
use crate::respond;
use crate::routes::platform::audits::{audit_data, instant, AuditData};
use crate::routes::{path_id, API_BASE};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_entries))
        .routes(routes!(search_template))
        .routes(routes!(decide_entry, delete_entry))
}

#[derive(Clone, Copy)]
enum CheckerCommand {
    Approve,
    Reject,
}

const COMMANDS: &[(&str, CheckerCommand)] = &[
    ("approve", CheckerCommand::Approve),
    ("reject", CheckerCommand::Reject),
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CommandOnly {
    command_id: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchTemplateData {
    app_users: Vec<AppUserOption>,
    action_names: Vec<String>,
    entity_names: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppUserOption {
    id: i64,
    username: String,
}

/// Waiting commands of the caller's office subtree that the caller may check, oldest first.
#[utoipa::path(get, path = "/makercheckers", tag = "Maker Checker (or 4-eye) functionality",
    params(("actionName" = Option<String>, Query), ("entityName" = Option<String>, Query), ("resourceId" = Option<i64>, Query),
           ("makerId" = Option<i64>, Query), ("makerDateTimeFrom" = Option<String>, Query), ("makerDateTimeTo" = Option<String>, Query),
           ("officeId" = Option<i64>, Query), ("clientId" = Option<i64>, Query), ("loanid" = Option<i64>, Query),
           ("savingsAccountId" = Option<i64>, Query), ("includeJson" = Option<bool>, Query)),
    responses((status = 200, description = "Audit entries awaiting approval")))]
async fn list_entries(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let filter = AuditFilter {
        action_name: query.text("actionName")?.map(str::to_ascii_uppercase),
        entity_name: query.text("entityName")?.map(str::to_ascii_uppercase),
        resource_id: query.long("resourceId")?,
        maker_id: query.long("makerId")?,
        office_id: query.long("officeId")?,
        client_id: query.long("clientId")?,
        loan_id: query.long("loanid")?.or(query.long("loanId")?),
        savings_account_id: query.long("savingsAccountId")?,
        made_from: instant(&query, "makerDateTimeFrom")?,
        made_to: instant(&query, "makerDateTimeTo")?,
        ..AuditFilter::default()
    };
    let rows = state
        .app
        .pending_commands(&caller.tenant, &caller.principal, filter)
        .await?;
    let include_json = query.flag("includeJson");
    let items: Vec<AuditData> = rows
        .into_iter()
        .map(|r| audit_data(r, include_json))
        .collect();
    respond::ok(&query, &[], &items)
}

/// Users, actions and entities a checker may filter its inbox by.
#[utoipa::path(get, path = "/makercheckers/searchtemplate", tag = "Maker Checker (or 4-eye) functionality",
    responses((status = 200, description = "`{appUsers, actionNames, entityNames}`")))]
async fn search_template(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let template = state
        .app
        .checker_search_template(&caller.tenant, &caller.principal)
        .await?;
    let app_users =
        kassa_app::organisation::users::search_options(&caller.tenant, &caller.principal)
            .await?
            .into_iter()
            .map(|(id, username)| AppUserOption { id, username })
            .collect();
    respond::ok(
        &query,
        &[],
        &SearchTemplateData {
            app_users,
            action_names: template.action_names,
            entity_names: template.entity_names,
        },
    )
}

/// Approves (re-executes the command; the normal result with `commandId`) or rejects (`{commandId}`) a
/// waiting entry.
#[utoipa::path(post, path = "/makercheckers/{auditId}", tag = "Maker Checker (or 4-eye) functionality",
    params(("auditId" = i64, Path), ("command" = String, Query, description = "approve | reject")),
    responses((status = 200, description = "The command's result with `commandId`, or `{commandId}`"),
              (status = 400, description = "Unknown command, or the maker checking its own entry"),
              (status = 403, description = "No checker permission, or the entry is not awaiting approval"),
              (status = 404, description = "No such entry")))]
async fn decide_entry(
    State(state): State<ApiState>,
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "Command")?;
    match query.command(COMMANDS)? {
        CheckerCommand::Approve => approve(&state, &caller, id).await,
        CheckerCommand::Reject => {
            let id = state
                .app
                .decide(&caller.tenant, &caller.principal, id, Decision::Reject)
                .await?;
            respond::ok(&query, &[], &CommandOnly { command_id: id })
        }
    }
}

/// Deletes a waiting entry: `{commandId}`.
#[utoipa::path(delete, path = "/makercheckers/{auditId}", tag = "Maker Checker (or 4-eye) functionality",
    params(("auditId" = i64, Path)),
    responses((status = 200, description = "`{commandId}`"), (status = 404, description = "No such entry")))]
async fn delete_entry(
    State(state): State<ApiState>,
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "Command")?;
    let id = state
        .app
        .decide(&caller.tenant, &caller.principal, id, Decision::Delete)
        .await?;
    respond::ok(&query, &[], &CommandOnly { command_id: id })
}

async fn approve(state: &ApiState, caller: &Caller, id: i64) -> ApiResult<Response> {
    let approved = state
        .app
        .prepare_approval(&caller.tenant, &caller.principal, id)
        .await?;
    let internal = |m: String| ApiError(AppError::Internal(m));
    let (Some(method), Some(path)) = (
        approved.record.request_method.as_deref(),
        approved.record.request_path.as_deref(),
    ) else {
        return Err(internal(format!("entry {id} lost its request line")));
    };
    let method = Method::from_bytes(method.as_bytes())
        .map_err(|e| internal(format!("entry {id} has an invalid method: {e}")))?;
    let request = axum::http::Request::builder()
        .method(method)
        .uri(format!("{API_BASE}{path}"))
        .header(TENANT_HEADER, caller.tenant.id())
        .header(header::CONTENT_TYPE, "application/json")
        .extension(Replay(Arc::new(approved.acting)))
        .body(axum::body::Body::from(approved.record.command_as_json))
        .map_err(|e| internal(format!("entry {id} cannot be re-executed: {e}")))?;
    // The bare API routes, without the outer layers (CORS, compression, metrics) of the real request.
    let (routes, _) = crate::routes::documented();
    let approval = Approval {
        command_id: id,
        checker_id: caller.principal.user_id,
    };
    let response = APPROVAL
        .scope(approval, routes.with_state(state.clone()).oneshot(request))
        .await
        .unwrap_or_else(|never| match never {});
    Ok(response)
}
