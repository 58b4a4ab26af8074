//! The command log: `GET /audits` (array, or a page with `paged=true`) and `GET /audits/{id}`.

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use kassa_app::platform::audits;
use kassa_app::{AppError, ParamError};
use kassa_domain::platform::command::CommandStatus;
use kassa_store::repo::platform::command_source::{AuditFilter, AuditOrder, CommandRecord};
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::path_id;
use crate::wire::ser;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_audits))
        .routes(routes!(search_template))
        .routes(routes!(get_audit))
}

const ORDER_COLUMNS: &[(&str, AuditOrder)] = &[
    ("id", AuditOrder::Id),
    ("actionName", AuditOrder::ActionName),
    ("entityName", AuditOrder::EntityName),
    ("resourceId", AuditOrder::ResourceId),
    ("madeOnDate", AuditOrder::MadeOnDate),
    ("maker", AuditOrder::Maker),
    ("processingResult", AuditOrder::Status),
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AuditData {
    id: i64,
    action_name: String,
    entity_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subresource_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maker: Option<String>,
    #[serde(serialize_with = "ser::epoch_millis")]
    made_on_date: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    checker: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_epoch_millis"
    )]
    checked_on_date: Option<DateTime<Utc>>,
    processing_result: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    command_as_json: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    loan_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    savings_account_id: Option<i64>,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<T> {
    total_filtered_records: i64,
    page_items: Vec<T>,
}

pub(super) fn audit_data(r: CommandRecord, include_json: bool) -> AuditData {
    let status = CommandStatus::from_id(r.status)
        .map(CommandStatus::label)
        .unwrap_or("Invalid");
    AuditData {
        id: r.id,
        action_name: r.action_name,
        entity_name: r.entity_name,
        resource_id: r.resource_id,
        subresource_id: r.subresource_id,
        maker: r.maker,
        made_on_date: r.made_on_date,
        checker: r.checker,
        checked_on_date: r.checked_on_date,
        processing_result: status.to_string(),
        command_as_json: include_json.then_some(r.command_as_json),
        office_name: r.office_name,
        client_id: r.client_id,
        loan_id: r.loan_id,
        savings_account_id: r.savings_account_id,
        url: r.api_get_url,
    }
}

/// Fineract's audit date filters: `yyyy-MM-dd HH:mm:ss` or `yyyy-MM-dd`, UTC.
pub(super) fn instant(query: &Query, name: &str) -> ApiResult<Option<DateTime<Utc>>> {
    let Some(v) = query.get(name) else {
        return Ok(None);
    };
    let parsed = NaiveDateTime::parse_from_str(v, "%Y-%m-%d %H:%M:%S")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    match parsed {
        Some(t) => Ok(Some(t.and_utc())),
        None => Err(ApiError(AppError::Validation(vec![ParamError::new(
            name,
            "validation.msg.invalid.dateFormat.format",
            format!("The query parameter `{name}` must look like 2024-03-15 10:05:00."),
        )
        .with_value(Value::from(v))]))),
    }
}

/// Commands of the caller's office subtree, newest filters first; `paged=true` wraps them in a page.
#[utoipa::path(get, path = "/audits", tag = "Audits",
    params(("actionName" = Option<String>, Query), ("entityName" = Option<String>, Query), ("resourceId" = Option<i64>, Query),
           ("makerId" = Option<i64>, Query), ("checkerId" = Option<i64>, Query), ("processingResult" = Option<i64>, Query),
           ("officeId" = Option<i64>, Query), ("clientId" = Option<i64>, Query), ("loanid" = Option<i64>, Query),
           ("savingsAccountId" = Option<i64>, Query), ("makerDateTimeFrom" = Option<String>, Query),
           ("makerDateTimeTo" = Option<String>, Query), ("includeJson" = Option<bool>, Query), ("paged" = Option<bool>, Query),
           ("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query), ("orderBy" = Option<String>, Query),
           ("sortOrder" = Option<String>, Query)),
    responses((status = 200, description = "Audit entries")))]
async fn list_audits(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let filter = AuditFilter {
        action_name: query.text("actionName")?.map(str::to_ascii_uppercase),
        entity_name: query.text("entityName")?.map(str::to_ascii_uppercase),
        resource_id: query.long("resourceId")?,
        maker_id: query.long("makerId")?,
        checker_id: query.long("checkerId")?,
        status: query.long("processingResult")?,
        office_id: query.long("officeId")?,
        client_id: query.long("clientId")?,
        loan_id: query.long("loanid")?.or(query.long("loanId")?),
        savings_account_id: query.long("savingsAccountId")?,
        made_from: instant(&query, "makerDateTimeFrom")?,
        made_to: instant(&query, "makerDateTimeTo")?,
        within_hierarchy: None,
    };
    let order = query.order_by(ORDER_COLUMNS)?.unwrap_or_default();
    let sort = query.sort_order()?;
    let settings = &state.app.settings;
    let page = query.page(settings.page_limit_default, settings.page_limit_max)?;
    let (total, rows) =
        audits::list(&caller.tenant, &caller.principal, filter, order, sort, page).await?;
    let include_json = query.flag("includeJson");
    let items: Vec<AuditData> = rows
        .into_iter()
        .map(|r| audit_data(r, include_json))
        .collect();
    if query.flag("paged") {
        respond::ok(
            &query,
            &[],
            &Page {
                total_filtered_records: total,
                page_items: items,
            },
        )
    } else {
        respond::ok(&query, &[], &items)
    }
}

#[utoipa::path(get, path = "/audits/{auditId}", tag = "Audits", params(("auditId" = i64, Path)),
    responses((status = 200, description = "One audit entry, with its request JSON"), (status = 404, description = "No such entry")))]
async fn get_audit(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "Audit")?;
    let record = audits::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(&query, &[], &audit_data(record, true))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AuditSearchTemplate {
    app_users: Vec<AppUserOption>,
    action_names: Vec<String>,
    entity_names: Vec<String>,
    processing_results: Vec<ProcessingResult>,
}

#[derive(Serialize)]
struct AppUserOption {
    id: i64,
    username: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProcessingResult {
    id: i64,
    processing_result: &'static str,
}

/// Users, actions, entities and statuses to filter the audit list by.
#[utoipa::path(get, path = "/audits/searchtemplate", tag = "Audits",
    responses((status = 200, description = "`{appUsers, actionNames, entityNames, processingResults}`")))]
async fn search_template(caller: Caller, query: Query) -> ApiResult<Response> {
    let (action_names, entity_names) =
        audits::search_names(&caller.tenant, &caller.principal).await?;
    let app_users =
        kassa_app::organisation::users::search_options(&caller.tenant, &caller.principal)
            .await?
            .into_iter()
            .map(|(id, username)| AppUserOption { id, username })
            .collect();
    let processing_results = (0..=5)
        .filter_map(CommandStatus::from_id)
        .map(|s| ProcessingResult {
            id: s.id(),
            processing_result: s.label(),
        })
        .collect();
    respond::ok(
        &query,
        &[],
        &AuditSearchTemplate {
            app_users,
            action_names,
            entity_names,
            processing_results,
        },
    )
}
