//! The chart of accounts: `GET/POST /glaccounts`, `GET /glaccounts/template`,
//! `GET/PUT/DELETE /glaccounts/{glAccountId}` (Fineract's `GLAccountsApiResource`).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::accounting::gl_accounts::{
    self, CreateGlAccount, DeleteGlAccount, GlAccountFilter, GlAccountTemplate, UpdateGlAccount,
};
use kassa_app::accounting::journal_entries;
use kassa_app::AppError;
use kassa_domain::accounting::{AccountingError, GlAccount, GlAccountType, GlAccountUsage};
use serde_json::Map;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::data::{option_of, CodeValueData, GlAccountData};
use super::gl_account_request::{read_create, read_update, WRITE_PARAMS};
use super::CommandAnswer;
use crate::body::Body;
use crate::error::{ApiError, ApiResult, Envelope};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{path_id, run_command as run};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_gl_accounts, create_gl_account))
        .routes(routes!(gl_account_template))
        .routes(routes!(
            get_gl_account,
            update_gl_account,
            delete_gl_account
        ))
}

/// `GLAccountsApiResource.RESPONSE_DATA_PARAMETERS`.
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "name",
    "parentId",
    "glCode",
    "disabled",
    "manualEntriesAllowed",
    "type",
    "usage",
    "description",
    "assetHeaderAccountOptions",
    "liabilityHeaderAccountOptions",
    "equityHeaderAccountOptions",
    "incomeHeaderAccountOptions",
    "expenseHeaderAccountOptions",
    "nameDecorated",
    "tagId",
    "allowedAssetsTagOptions",
    "allowedLiabilitiesTagOptions",
    "allowedEquityTagOptions",
    "allowedIncomeTagOptions",
    "allowedExpensesTagOptions",
    "creditAccounts",
    "debitAccounts",
];

/// Fineract's list filter on a type or usage that does not exist is a domain rule (403).
fn enum_filter<T>(query: &Query, name: &str, parse: fn(i64) -> Option<T>) -> ApiResult<Option<T>> {
    match query.long(name)? {
        None => Ok(None),
        Some(v) => parse(v).map(Some).ok_or_else(|| {
            ApiError(AppError::from(AccountingError::InvalidFilter(
                v.to_string(),
            )))
        }),
    }
}

fn bool_filter(query: &Query, name: &str) -> Option<bool> {
    query.get(name).map(|v| v.eq_ignore_ascii_case("true"))
}

/// The chart's accounts, by GL code, filtered.
#[utoipa::path(get, path = "/glaccounts", tag = "General Ledger Account",
    params(
        ("type" = Option<i64>, Query, description = "1 asset, 2 liability, 3 equity, 4 income, 5 expense"),
        ("usage" = Option<i64>, Query, description = "1 detail, 2 header"),
        ("manualEntriesAllowed" = Option<bool>, Query), ("disabled" = Option<bool>, Query),
        ("searchParam" = Option<String>, Query, description = "Part of the name or GL code"),
        ("fetchRunningBalance" = Option<bool>, Query, description = "Add `organizationRunningBalance`"),
        ("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, body = Vec<GlAccountData>), (status = 403, body = Envelope, description = "No permission, or no such type or usage")))]
async fn list_gl_accounts(caller: Caller, query: Query) -> ApiResult<Response> {
    let filter = GlAccountFilter {
        account_type: enum_filter(&query, "type", GlAccountType::from_fineract_id)?,
        usage: enum_filter(&query, "usage", GlAccountUsage::from_fineract_id)?,
        manual_entries_allowed: bool_filter(&query, "manualEntriesAllowed"),
        disabled: bool_filter(&query, "disabled"),
        search: query
            .text("searchParam")?
            .map(|s| s.chars().take(200).collect()),
    };
    let accounts = gl_accounts::list(&caller.tenant, &caller.principal, &filter).await?;
    let balances = if query.flag("fetchRunningBalance") {
        Some(journal_entries::account_balances(&caller.tenant, &accounts).await?)
    } else {
        None
    };
    let data: Vec<GlAccountData> = accounts
        .iter()
        .map(|a| {
            let mut data = GlAccountData::new(a, false);
            data.organization_running_balance = balances
                .as_ref()
                .map(|b| whole(b.get(&a.id).copied().unwrap_or_default()));
            data
        })
        .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Fineract reads the balance as a `Long`: the fraction is cut off (toward zero).
fn whole(balance: rust_decimal::Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    balance.trunc().to_i64().unwrap_or_default()
}

fn with_template(mut data: GlAccountData, t: &GlAccountTemplate) -> GlAccountData {
    data.account_type_options = Some(GlAccountType::ALL.iter().map(|t| option_of!(*t)).collect());
    data.usage_options = Some(GlAccountUsage::ALL.iter().map(|u| option_of!(*u)).collect());
    // Fineract leaves an empty header list out.
    let headers = |wanted: GlAccountType| {
        let list: Vec<GlAccountData> = t
            .headers
            .iter()
            .filter(|(ty, _)| *ty == wanted)
            .flat_map(|(_, accounts)| {
                accounts
                    .iter()
                    .map(|a: &GlAccount| GlAccountData::new(a, false))
            })
            .collect();
        (!list.is_empty()).then_some(list)
    };
    let tags = |wanted: GlAccountType| {
        Some(
            t.tags
                .iter()
                .filter(|(ty, _)| *ty == wanted)
                .flat_map(|(_, values)| values.iter().map(CodeValueData::option))
                .collect::<Vec<_>>(),
        )
    };
    data.asset_header_account_options = headers(GlAccountType::Asset);
    data.liability_header_account_options = headers(GlAccountType::Liability);
    data.equity_header_account_options = headers(GlAccountType::Equity);
    data.income_header_account_options = headers(GlAccountType::Income);
    data.expense_header_account_options = headers(GlAccountType::Expense);
    data.allowed_assets_tag_options = tags(GlAccountType::Asset);
    data.allowed_liabilities_tag_options = tags(GlAccountType::Liability);
    data.allowed_equity_tag_options = tags(GlAccountType::Equity);
    data.allowed_income_tag_options = tags(GlAccountType::Income);
    data.allowed_expenses_tag_options = tags(GlAccountType::Expense);
    data
}

/// Defaults and option lists for a new account (`type` picks the default type).
#[utoipa::path(get, path = "/glaccounts/template", tag = "General Ledger Account",
    params(("type" = Option<i64>, Query, description = "The default type, 1 to 5")),
    responses((status = 200, body = GlAccountData), (status = 403, body = Envelope, description = "No permission")))]
async fn gl_account_template(caller: Caller, query: Query) -> ApiResult<Response> {
    let template = gl_accounts::template(&caller.tenant, &caller.principal).await?;
    let t = query
        .long("type")?
        .and_then(GlAccountType::from_fineract_id)
        .unwrap_or(GlAccountType::Asset);
    let defaults = GlAccountData {
        disabled: Some(false),
        manual_entries_allowed: Some(true),
        account_type: Some(option_of!(t)),
        usage: Some(option_of!(GlAccountUsage::Detail)),
        ..GlAccountData::default()
    };
    respond::ok(
        &query,
        SUPPORTED_FIELDS,
        &with_template(defaults, &template),
    )
}

/// One account; `template=true` adds the option lists.
#[utoipa::path(get, path = "/glaccounts/{glAccountId}", tag = "General Ledger Account",
    params(("glAccountId" = i64, Path), ("template" = Option<bool>, Query, description = "Add the option lists"),
           ("fetchRunningBalance" = Option<bool>, Query), ("fields" = Option<String>, Query)),
    responses((status = 200, body = GlAccountData), (status = 404, body = Envelope, description = "No such account")))]
async fn get_gl_account(
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "glaccount")?;
    let account = gl_accounts::get(&caller.tenant, &caller.principal, id).await?;
    let mut data = GlAccountData::new(&account, false);
    if query.flag("fetchRunningBalance") {
        let balances =
            journal_entries::account_balances(&caller.tenant, std::slice::from_ref(&account))
                .await?;
        data.organization_running_balance = Some(whole(
            balances.get(&account.id).copied().unwrap_or_default(),
        ));
    }
    if query.flag("template") {
        let template = gl_accounts::template(&caller.tenant, &caller.principal).await?;
        data = with_template(data, &template);
    }
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Creates an account; a `parentId` must be a header account. Answers `{resourceId}`.
#[utoipa::path(post, path = "/glaccounts", tag = "General Ledger Account",
    request_body(content = GlAccountRequest, content_type = "application/json"),
    responses((status = 200, body = CommandAnswer), (status = 400, body = Envelope, description = "Validation errors"),
              (status = 403, body = Envelope, description = "No permission, a duplicate GL code or a detail parent"),
              (status = 404, body = Envelope, description = "No such parent account or tag")))]
async fn create_gl_account(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/glaccounts".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let draft = read_create(&json)?;
    run(&state, &caller, spec, &CreateGlAccount { draft }).await
}

/// Updates an account; a new parent moves its subtree along. Answers `{resourceId, changes}`.
#[utoipa::path(put, path = "/glaccounts/{glAccountId}", tag = "General Ledger Account",
    params(("glAccountId" = i64, Path)),
    request_body(content = GlAccountRequest, content_type = "application/json"),
    responses((status = 200, body = CommandAnswer), (status = 400, body = Envelope, description = "Validation errors"),
              (status = 403, body = Envelope, description = "A rule forbids the change"),
              (status = 404, body = Envelope, description = "No such account, parent or tag")))]
async fn update_gl_account(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "glaccount")?;
    let spec = spec(
        &state,
        &headers,
        "UPDATE",
        format!("/glaccounts/{id}"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let changes = read_update(&json)?;
    let mut values = Map::new();
    for key in json.keys() {
        if let Some(v) = json.value(key) {
            values.insert(key.to_string(), v);
        }
    }
    run(
        &state,
        &caller,
        spec,
        &UpdateGlAccount {
            id,
            changes,
            values,
        },
    )
    .await
}

/// Deletes an account without children that no rule or activity uses. Answers `{resourceId}`.
#[utoipa::path(delete, path = "/glaccounts/{glAccountId}", tag = "General Ledger Account",
    params(("glAccountId" = i64, Path)),
    responses((status = 200, body = CommandAnswer), (status = 403, body = Envelope, description = "Has children or is in use"),
              (status = 404, body = Envelope, description = "No such account")))]
async fn delete_gl_account(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "glaccount")?;
    let spec = spec(
        &state,
        &headers,
        "DELETE",
        format!("/glaccounts/{id}"),
        &body,
    );
    run(&state, &caller, spec, &DeleteGlAccount { id }).await
}

/// The body of a GL account write (`GLAccountJsonInputParams`).
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct GlAccountRequest {
    /// ≤ 200 characters; mandatory on create.
    name: Option<String>,
    /// ≤ 45 characters, unique; mandatory on create.
    gl_code: Option<String>,
    /// A header account.
    parent_id: Option<i64>,
    /// 1 asset, 2 liability, 3 equity, 4 income, 5 expense; mandatory on create.
    #[serde(rename = "type")]
    account_type: Option<i64>,
    /// 1 detail, 2 header; mandatory on create.
    usage: Option<i64>,
    manual_entries_allowed: Option<bool>,
    disabled: Option<bool>,
    /// ≤ 500 characters.
    description: Option<String>,
    /// A value of the type's `…AccountTags` code.
    tag_id: Option<i64>,
}

entity_spec!(gl_accounts::ENTITY);
