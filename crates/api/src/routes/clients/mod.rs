//! Clients: `GET/POST /clients`, `GET /clients/template`, `GET/PUT/DELETE /clients/{id}`,
//! `POST /clients/{id}?command=…`, `GET /clients/{id}/accounts`, their `external-id` twins, and the web
//! app's `POST /v2/clients/search`.

mod data;
pub(crate) mod identifiers;
pub(crate) mod images;
mod input;
pub(crate) mod notes;
pub(crate) mod pages;
mod search_v2;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::clients::{
    self, ClientAction, CreateClient, DeleteClient, RunClientAction, TemplateCommand, UpdateClient,
};
use kassa_app::AppError;
use kassa_domain::clients::{ClientSearchColumn, ClientStatus, CLIENT_SEARCH_COLUMNS};
use kassa_domain::search::{parse, SearchExpr};
use kassa_store::repo::clients::client::{ClientFilter, ClientOrder};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::path_id;
use super::run_command as run;
use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::ApiState;
use data::{client_template_data, template_data, ClientData};
use input::{read_command, read_create, read_update, COMMANDS, UPDATE_PARAMS};

pub use search_v2::routes as v2_routes;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_clients, create_client))
        .routes(routes!(client_template))
        .routes(routes!(
            get_client,
            update_client,
            delete_client,
            client_command
        ))
        .routes(routes!(
            get_client_by_external_id,
            update_client_by_external_id,
            delete_client_by_external_id,
            client_command_by_external_id
        ))
        .routes(routes!(client_accounts))
        .routes(routes!(client_accounts_by_external_id))
}

const ORDER_COLUMNS: &[(&str, ClientOrder)] = &[
    ("id", ClientOrder::Id),
    ("displayName", ClientOrder::DisplayName),
    ("accountNo", ClientOrder::AccountNo),
    ("externalId", ClientOrder::ExternalId),
    ("officeName", ClientOrder::OfficeName),
    ("status", ClientOrder::Status),
    ("activationDate", ClientOrder::ActivationDate),
    ("submittedOnDate", ClientOrder::SubmittedOnDate),
    ("firstname", ClientOrder::Firstname),
    ("lastname", ClientOrder::Lastname),
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<T> {
    total_filtered_records: i64,
    page_items: Vec<T>,
}

/// Clients of the caller's office subtree (and those being transferred into it), paged.
#[utoipa::path(get, path = "/clients", tag = "Client",
    params(("officeId" = Option<i64>, Query), ("externalId" = Option<String>, Query), ("displayName" = Option<String>, Query),
           ("firstName" = Option<String>, Query), ("lastName" = Option<String>, Query),
           ("status" = Option<String>, Query, description = "pending, active, closed, rejected, withdrawn, transfer-in-progress, transfer-on-hold"),
           ("underHierarchy" = Option<String>, Query), ("orphansOnly" = Option<bool>, Query),
           ("sqlSearch" = Option<String>, Query, description = "e.g. `firstname like 'Amara%' and status_enum = 300`: column op value, and/or, parentheses, like, in, is null"),
           ("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query), ("orderBy" = Option<String>, Query),
           ("sortOrder" = Option<String>, Query), ("fields" = Option<String>, Query)),
    responses((status = 200, description = "`{totalFilteredRecords, pageItems}`"), (status = 400, description = "Bad filter")))]
async fn list_clients(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let status = match query.text("status")? {
        None => None,
        Some(s) if s.eq_ignore_ascii_case("all") => None,
        Some(s) => Some(
            ClientStatus::from_filter(s)
                .ok_or_else(|| {
                    ApiError(AppError::validation(
                        kassa_app::ParamError::new(
                            "status",
                            "validation.msg.client.status.value.is.not.supported",
                            format!("The status `{s}` is not supported."),
                        )
                        .with_value(Value::from(s)),
                    ))
                })?
                .id(),
        ),
    };
    let filter = ClientFilter {
        office_id: query.long("officeId")?,
        external_id: query.text("externalId")?.map(str::to_string),
        display_name: query.text("displayName")?.map(str::to_string),
        first_name_like: query.text("firstName")?.map(str::to_string),
        last_name_like: query.text("lastName")?.map(str::to_string),
        status,
        ..ClientFilter::default()
    };
    // `underHierarchy` narrows to a subtree the caller already sees; `orphansOnly` is every client until
    // groups exist.
    query.text("underHierarchy")?;
    query.flag("orphansOnly");
    let order = query.order_by(ORDER_COLUMNS)?.unwrap_or_default();
    let sort = query.sort_order()?;
    let settings = &state.app.settings;
    let page = query.page(settings.page_limit_default, settings.page_limit_max)?;
    let search = match query.get("sqlSearch").filter(|s| !s.trim().is_empty()) {
        None => None,
        Some(raw) => Some(sql_search(raw)?),
    };
    let (total, rows) = clients::list(
        &caller.tenant,
        &caller.principal,
        filter,
        search.as_ref(),
        order,
        sort,
        page,
    )
    .await?;
    let items: Vec<ClientData> = rows.into_iter().map(ClientData::from).collect();
    respond::ok(
        &query,
        &[],
        &Page {
            total_filtered_records: total,
            page_items: items,
        },
    )
}

/// `sqlSearch`: parsed into a typed tree over the client columns and run with bound values only. What does
/// not parse is refused: 403 `error.msg.sql.validation` when it looks like an injection, else 400 naming the
/// problem. What parses cannot be an injection, whatever it looks like.
fn sql_search(raw: &str) -> ApiResult<SearchExpr<ClientSearchColumn>> {
    match parse(raw, CLIENT_SEARCH_COLUMNS) {
        Ok(expr) => Ok(expr),
        Err(e) => match kassa_wire::detect_sql_injection(raw) {
            Some(pattern) => Err(ApiError(AppError::SqlInjection {
                parameter: "sqlSearch".into(),
                pattern,
            })),
            None => Err(ApiError(AppError::validation(
                kassa_app::ParamError::new(
                    "sqlSearch",
                    "validation.msg.client.sqlSearch.invalid",
                    format!("The search is not valid: {e}."),
                )
                .with_value(Value::from(raw)),
            ))),
        },
    }
}

/// The client form's defaults and options; `commandParam=close|reject|withdraw` adds `narrations`.
#[utoipa::path(get, path = "/clients/template", tag = "Client",
    params(("officeId" = Option<i64>, Query), ("staffInSelectedOfficeOnly" = Option<bool>, Query),
           ("commandParam" = Option<String>, Query)),
    responses((status = 200, description = "The template")))]
async fn client_template(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let command = match query.text("commandParam")? {
        None => None,
        Some(c) => Some(match c.to_ascii_lowercase().as_str() {
            "close" | "accepttransfer" => TemplateCommand::Close,
            "reject" => TemplateCommand::Reject,
            "withdraw" => TemplateCommand::Withdraw,
            _ => {
                return Err(ApiError(AppError::UnsupportedQueryValue {
                    parameter: "commandParam".into(),
                    value: c.to_string(),
                    supported: vec![
                        "close".into(),
                        "reject".into(),
                        "withdraw".into(),
                        "acceptTransfer".into(),
                    ],
                }))
            }
        }),
    };
    let template = clients::template(
        &caller.tenant,
        &caller.principal,
        query.long("officeId")?,
        query.flag("staffInSelectedOfficeOnly"),
        command,
    )
    .await?;
    let today = state.app.today(&caller.tenant).await?;
    respond::ok(&query, &[], &client_template_data(&template, today))
}

async fn show(
    caller: &Caller,
    query: &Query,
    record: kassa_store::repo::clients::client::ClientRecord,
) -> ApiResult<Response> {
    let mut data = ClientData::from(record);
    if query.flag("template") {
        let template = clients::template(
            &caller.tenant,
            &caller.principal,
            Some(data.office_id),
            query.flag("staffInSelectedOfficeOnly"),
            None,
        )
        .await?;
        data.template = Some(template_data(&template));
    }
    respond::ok(query, &[], &data)
}

/// One client; `template=true` adds the form's option lists.
#[utoipa::path(get, path = "/clients/{clientId}", tag = "Client",
    params(("clientId" = i64, Path), ("template" = Option<bool>, Query), ("staffInSelectedOfficeOnly" = Option<bool>, Query)),
    responses((status = 200, description = "ClientData"), (status = 404, description = "No such client")))]
async fn get_client(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "Client")?;
    let record = clients::get(&caller.tenant, &caller.principal, id).await?;
    show(&caller, &query, record).await
}

#[utoipa::path(get, path = "/clients/external-id/{externalId}", tag = "Client",
    params(("externalId" = String, Path), ("template" = Option<bool>, Query)),
    responses((status = 200, description = "ClientData"), (status = 404, description = "No such client")))]
async fn get_client_by_external_id(
    caller: Caller,
    Path(external_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let record =
        clients::get_by_external_id(&caller.tenant, &caller.principal, &external_id).await?;
    show(&caller, &query, record).await
}

entity_spec!(clients::ENTITY);

/// Creates a client: pending, or active when `active` is true. Answers `{officeId, clientId, resourceId}`.
#[utoipa::path(post, path = "/clients", tag = "Client",
    request_body(content = String, description = "`{\"officeId\", \"legalFormId\", \"firstname\", \"lastname\" | \"fullname\", \"active\", \"activationDate\"?, \"submittedOnDate\"?, \"dateFormat\", \"locale\", …}`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "Duplicate externalId, accountNo or mobileNo, or no permission")))]
async fn create_client(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/clients".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    let (office_id, active, fields) = read_create(&json)?;
    run(
        &state,
        &caller,
        spec,
        &CreateClient {
            office_id,
            active,
            fields,
        },
    )
    .await
}

async fn update(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    body: &Body,
) -> ApiResult<Response> {
    let spec = spec(state, headers, "UPDATE", format!("/clients/{id}"), body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    let fields = read_update(&json)?;
    let raw: Map<String, Value> = UPDATE_PARAMS
        .iter()
        .filter_map(|k| json.value(k).map(|v| (k.to_string(), v)))
        .collect();
    run(state, caller, spec, &UpdateClient { id, fields, raw }).await
}

/// Updates a client; `changes` lists what changed.
#[utoipa::path(put, path = "/clients/{clientId}", tag = "Client", params(("clientId" = i64, Path)),
    request_body(content = String, description = "Any of the editable fields", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, resourceId, changes}`"), (status = 404, description = "No such client")))]
async fn update_client(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Client")?;
    update(&state, &caller, &headers, id, &body).await
}

#[utoipa::path(put, path = "/clients/external-id/{externalId}", tag = "Client", params(("externalId" = String, Path)),
    request_body(content = String, description = "Any of the editable fields", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, resourceId, changes}`"), (status = 404, description = "No such client")))]
async fn update_client_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(ext): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = clients::id_of_external(&caller.tenant, &caller.principal, &ext).await?;
    update(&state, &caller, &headers, id, &body).await
}

async fn delete(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    body: &Body,
) -> ApiResult<Response> {
    let spec = spec(state, headers, "DELETE", format!("/clients/{id}"), body);
    run(state, caller, spec, &DeleteClient { id }).await
}

/// Deletes a pending client.
#[utoipa::path(delete, path = "/clients/{clientId}", tag = "Client", params(("clientId" = i64, Path)),
    responses((status = 200, description = "`{officeId, clientId, resourceId}`"), (status = 403, description = "Not pending")))]
async fn delete_client(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Client")?;
    delete(&state, &caller, &headers, id, &body).await
}

#[utoipa::path(delete, path = "/clients/external-id/{externalId}", tag = "Client", params(("externalId" = String, Path)),
    responses((status = 200, description = "`{officeId, clientId, resourceId}`"), (status = 403, description = "Not pending")))]
async fn delete_client_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(ext): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = clients::id_of_external(&caller.tenant, &caller.principal, &ext).await?;
    delete(&state, &caller, &headers, id, &body).await
}

async fn command(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    query: &Query,
    body: &Body,
) -> ApiResult<Response> {
    let name = query.command(COMMANDS)?;
    let href = format!(
        "/clients/{id}?command={}",
        query.get("command").unwrap_or_default()
    );
    let spec = spec(state, headers, name.action_name(), href, body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = if body.0.trim().is_empty() {
        Body("{}".into()).json()?
    } else {
        body.json()?
    };
    let action: ClientAction = read_command(name, &json)?;
    run(state, caller, spec, &RunClientAction { id, action }).await
}

/// A lifecycle command: activate, close, reject, withdraw, reactivate, undoRejection, undoWithdrawal,
/// assignStaff, unassignStaff, updateSavingsAccount, proposeTransfer, withdrawTransfer, rejectTransfer,
/// acceptTransfer, proposeAndAcceptTransfer.
#[utoipa::path(post, path = "/clients/{clientId}", tag = "Client",
    params(("clientId" = i64, Path), ("command" = String, Query)),
    request_body(content = String, description = "The command's date, reason, staff or office", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, resourceId}`"), (status = 400, description = "Unknown command or invalid body"),
              (status = 403, description = "Illegal transition"), (status = 404, description = "No such client")))]
async fn client_command(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Client")?;
    command(&state, &caller, &headers, id, &query, &body).await
}

#[utoipa::path(post, path = "/clients/external-id/{externalId}", tag = "Client",
    params(("externalId" = String, Path), ("command" = String, Query)),
    request_body(content = String, description = "The command's date, reason, staff or office", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, resourceId}`"), (status = 404, description = "No such client")))]
async fn client_command_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(ext): Path<String>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let id = clients::id_of_external(&caller.tenant, &caller.principal, &ext).await?;
    command(&state, &caller, &headers, id, &query, &body).await
}

/// The accounts overview: the client's loans; empty lists until savings and shares exist (never null).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AccountsData {
    loan_accounts: Vec<super::loans::LoanAccountSummary>,
    savings_accounts: Vec<Value>,
    share_accounts: Vec<Value>,
}

#[utoipa::path(get, path = "/clients/{clientId}/accounts", tag = "Client", params(("clientId" = i64, Path)),
    responses((status = 200, description = "`{loanAccounts, savingsAccounts, shareAccounts}`"), (status = 404, description = "No such client")))]
async fn client_accounts(
    State(state): State<ApiState>,
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "Client")?;
    clients::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(
        &query,
        &[],
        &AccountsData {
            loan_accounts: super::loans::client_loan_accounts(&state, &caller, id).await?,
            savings_accounts: vec![],
            share_accounts: vec![],
        },
    )
}

#[utoipa::path(get, path = "/clients/external-id/{externalId}/accounts", tag = "Client", params(("externalId" = String, Path)),
    responses((status = 200, description = "`{loanAccounts, savingsAccounts, shareAccounts}`"), (status = 404, description = "No such client")))]
async fn client_accounts_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    Path(ext): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let client = clients::get_by_external_id(&caller.tenant, &caller.principal, &ext).await?;
    respond::ok(
        &query,
        &[],
        &AccountsData {
            loan_accounts: super::loans::client_loan_accounts(&state, &caller, client.id).await?,
            savings_accounts: vec![],
            share_accounts: vec![],
        },
    )
}
