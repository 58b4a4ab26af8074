//! Financial activity accounts: `GET/POST /financialactivityaccounts`, `GET /financialactivityaccounts/template`,
//! `GET/PUT/DELETE /financialactivityaccounts/{mappingId}` (Fineract's `FinancialActivityAccountsApiResource`).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::accounting::financial_activities::{
    self, ActivityAccountView, CreateActivityAccount, DeleteActivityAccount, UpdateActivityAccount,
};
use kassa_app::{AppError, ParamError};
use kassa_domain::accounting::FinancialActivity;
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::data::{greater_than_zero, options_key, GlAccountData};
use super::CommandAnswer;
use crate::body::Body;
use crate::error::{ApiResult, Envelope};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{path_id, run_command as run};
use crate::wire::{JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_activity_accounts, create_activity_account))
        .routes(routes!(activity_account_template))
        .routes(routes!(
            get_activity_account,
            update_activity_account,
            delete_activity_account
        ))
}

const RESOURCE: &str = "financialactivityaccount";
const WRITE_PARAMS: &[&str] = &["financialActivityId", "glAccountId"];
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "financialActivityData",
    "glAccountData",
    "glAccountOptions",
    "financialActivityOptions",
];

/// `FinancialActivityData`: the activity and the type of account it takes.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FinancialActivityData {
    id: i64,
    name: &'static str,
    /// `ASSET`, `LIABILITY` or `EQUITY`.
    #[serde(rename = "mappedGLAccountType")]
    mapped_gl_account_type: &'static str,
}

impl FinancialActivityData {
    fn new(a: FinancialActivity) -> Self {
        FinancialActivityData {
            id: a.fineract_id(),
            name: a.code(),
            mapped_gl_account_type: a.account_type().label(),
        }
    }
}

/// `FinancialActivityAccountData`.
#[derive(Serialize, Default, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FinancialActivityAccountData {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    financial_activity_data: Option<FinancialActivityData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gl_account_data: Option<GlAccountData>,
    /// Enabled detail accounts by `assetAccountOptions`, `liabilityAccountOptions`, … (empty lists left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    gl_account_options: Option<BTreeMap<&'static str, Vec<GlAccountData>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    financial_activity_options: Option<Vec<FinancialActivityData>>,
}

impl FinancialActivityAccountData {
    fn new(v: &ActivityAccountView) -> Self {
        FinancialActivityAccountData {
            id: Some(v.mapping.id),
            financial_activity_data: Some(FinancialActivityData::new(v.mapping.activity)),
            gl_account_data: v.account.as_ref().map(GlAccountData::reference),
            ..Default::default()
        }
    }
}

async fn with_template(
    caller: &Caller,
    mut data: FinancialActivityAccountData,
) -> ApiResult<FinancialActivityAccountData> {
    let options = financial_activities::account_options(&caller.tenant, &caller.principal).await?;
    let mut map = BTreeMap::new();
    for (t, accounts) in options {
        if !accounts.is_empty() {
            map.insert(
                options_key(t),
                accounts
                    .iter()
                    .map(|a| GlAccountData::new(a, false))
                    .collect(),
            );
        }
    }
    data.gl_account_options = Some(map);
    data.financial_activity_options = Some(
        FinancialActivity::ALL
            .iter()
            .map(|a| FinancialActivityData::new(*a))
            .collect(),
    );
    Ok(data)
}

/// Every activity's account.
#[utoipa::path(get, path = "/financialactivityaccounts", tag = "Mapping Financial Activities to Accounts",
    params(("fields" = Option<String>, Query)),
    responses((status = 200, body = Vec<FinancialActivityAccountData>), (status = 403, body = Envelope, description = "No permission")))]
async fn list_activity_accounts(caller: Caller, query: Query) -> ApiResult<Response> {
    let views = financial_activities::list(&caller.tenant, &caller.principal).await?;
    let data: Vec<FinancialActivityAccountData> = views
        .iter()
        .map(FinancialActivityAccountData::new)
        .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// The activities and the accounts they may take.
#[utoipa::path(get, path = "/financialactivityaccounts/template", tag = "Mapping Financial Activities to Accounts",
    responses((status = 200, body = FinancialActivityAccountData), (status = 403, body = Envelope, description = "No permission")))]
async fn activity_account_template(caller: Caller, query: Query) -> ApiResult<Response> {
    let data = with_template(&caller, FinancialActivityAccountData::default()).await?;
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// One mapping; `template=true` adds the option lists.
#[utoipa::path(get, path = "/financialactivityaccounts/{mappingId}", tag = "Mapping Financial Activities to Accounts",
    params(("mappingId" = i64, Path), ("template" = Option<bool>, Query)),
    responses((status = 200, body = FinancialActivityAccountData), (status = 404, body = Envelope, description = "No such mapping")))]
async fn get_activity_account(
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "financialActivityAccount")?;
    let view = financial_activities::get(&caller.tenant, &caller.principal, id).await?;
    let mut data = FinancialActivityAccountData::new(&view);
    if query.flag("template") {
        data = with_template(&caller, data).await?;
    }
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

fn activity(r: &mut Reader, allowed: &[i64]) -> Option<FinancialActivity> {
    let v = r.long("financialActivityId")?;
    if !allowed.contains(&v) {
        let list = allowed
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        r.error(
            ParamError::new(
                "financialActivityId",
                format!("validation.msg.{RESOURCE}.financialActivityId.is.not.one.of.expected.enumerations"),
                format!("The parameter `financialActivityId` must be one of [ {list} ] ."),
            )
            .with_value(Value::from(v))
            .with_args(allowed.iter().map(|i| Value::from(*i)).collect()),
        );
        return None;
    }
    FinancialActivity::from_fineract_id(v)
}

fn read(
    json: &JsonBody,
    create: bool,
) -> Result<(Option<FinancialActivity>, Option<i64>), AppError> {
    let mut r = Reader::new(json, RESOURCE);
    let allowed: Vec<i64> = if create {
        FinancialActivity::ALL
            .iter()
            .map(|a| a.fineract_id())
            .collect()
    } else {
        FinancialActivity::updatable_ids()
    };
    if create && !r.has("financialActivityId") {
        r.mandatory_missing("financialActivityId");
    }
    let a = activity(&mut r, &allowed);
    if create && !r.has("glAccountId") {
        r.mandatory_missing("glAccountId");
    }
    let account = r.long("glAccountId");
    greater_than_zero(&mut r, RESOURCE, "glAccountId", account);
    r.finish()?;
    Ok((a, account))
}

/// Maps an activity to an account of its type; one mapping per activity. Answers `{resourceId}`.
#[utoipa::path(post, path = "/financialactivityaccounts", tag = "Mapping Financial Activities to Accounts",
    request_body(content = ActivityAccountRequest, content_type = "application/json"),
    responses((status = 200, body = CommandAnswer), (status = 400, body = Envelope, description = "Validation errors"),
              (status = 403, body = Envelope, description = "Activity already mapped, or an account of another type"),
              (status = 404, body = Envelope, description = "No such GL account")))]
async fn create_activity_account(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(
        &state,
        &headers,
        "CREATE",
        "/financialactivityaccounts".into(),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let (Some(activity), Some(gl_account_id)) = read(&json, true)? else {
        return Err(AppError::InvalidBody("incomplete mapping".into()).into());
    };
    run(
        &state,
        &caller,
        spec,
        &CreateActivityAccount {
            activity,
            gl_account_id,
        },
    )
    .await
}

/// Changes a mapping's activity or account. Answers `{resourceId, changes}`.
#[utoipa::path(put, path = "/financialactivityaccounts/{mappingId}", tag = "Mapping Financial Activities to Accounts",
    params(("mappingId" = i64, Path)),
    request_body(content = ActivityAccountRequest, content_type = "application/json"),
    responses((status = 200, body = CommandAnswer), (status = 400, body = Envelope, description = "Validation errors"),
              (status = 403, body = Envelope, description = "Activity already mapped, or an account of another type"),
              (status = 404, body = Envelope, description = "No such mapping or GL account")))]
async fn update_activity_account(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "financialActivityAccount")?;
    let spec = spec(
        &state,
        &headers,
        "UPDATE",
        format!("/financialactivityaccounts/{id}"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let (activity, gl_account_id) = read(&json, false)?;
    run(
        &state,
        &caller,
        spec,
        &UpdateActivityAccount {
            id,
            activity,
            gl_account_id,
        },
    )
    .await
}

/// Removes a mapping. Answers `{resourceId}`.
#[utoipa::path(delete, path = "/financialactivityaccounts/{mappingId}", tag = "Mapping Financial Activities to Accounts",
    params(("mappingId" = i64, Path)),
    responses((status = 200, body = CommandAnswer), (status = 404, body = Envelope, description = "No such mapping")))]
async fn delete_activity_account(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "financialActivityAccount")?;
    let spec = spec(
        &state,
        &headers,
        "DELETE",
        format!("/financialactivityaccounts/{id}"),
        &body,
    );
    run(&state, &caller, spec, &DeleteActivityAccount { id }).await
}

/// `{financialActivityId, glAccountId}`.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct ActivityAccountRequest {
    /// 100 asset transfer, 101 cash at main vault, 102 cash at teller, 103 fund source, 200 liability
    /// transfer, 201 payable dividends, 300 opening balances transfer contra.
    financial_activity_id: Option<i64>,
    /// A GL account of the activity's type.
    gl_account_id: Option<i64>,
}

entity_spec!(financial_activities::ENTITY);
