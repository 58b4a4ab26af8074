//! Accounting rules: `GET/POST /accountingrules`, `GET /accountingrules/template`,
//! `GET/PUT/DELETE /accountingrules/{accountingRuleId}` (Fineract's `AccountingRuleApiResource`).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::accounting::rules::{
    self, CreateRule, DeleteRule, RuleTemplate, RuleView, UpdateRule,
};
use kassa_app::AppError;
use kassa_domain::accounting::{GlAccount, JournalEntryType, RuleSide};
use serde::Serialize;
use serde_json::Map;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::data::{option_of, CodeValueData, EnumOption, GlAccountData};
use super::rule_request::{read, WRITE_PARAMS};
use super::CommandAnswer;
use crate::body::Body;
use crate::error::{ApiResult, Envelope};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{path_id, run_command as run};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_rules, create_rule))
        .routes(routes!(rule_template))
        .routes(routes!(get_rule, update_rule, delete_rule))
}

/// `AccountingRuleApiResource.RESPONSE_DATA_PARAMETERS`.
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "officeId",
    "officeName",
    "accountToDebitId",
    "accountToCreditId",
    "name",
    "description",
    "systemDefined",
    "allowedCreditTagOptions",
    "allowedDebitTagOptions",
    "debitTags",
    "creditTags",
    "creditAccounts",
    "debitAccounts",
    "allowMultipleCreditEntries",
    "allowMultipleDebitEntries",
    "tag",
];

/// `AccountingTagRuleData`.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TagRuleData {
    id: i64,
    tag: CodeValueData,
    transaction_type: EnumOption,
}

/// An office offered by the template.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RuleOfficeOption {
    id: i64,
    name: String,
    name_decorated: String,
}

/// `AccountingRuleData`.
#[derive(Serialize, Default, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountingRuleData {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    system_defined: bool,
    allow_multiple_debit_entries: bool,
    allow_multiple_credit_entries: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit_tags: Option<Vec<TagRuleData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    debit_tags: Option<Vec<TagRuleData>>,
    allowed_offices: Vec<RuleOfficeOption>,
    allowed_accounts: Vec<GlAccountData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_credit_tag_options: Option<Vec<CodeValueData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_debit_tag_options: Option<Vec<CodeValueData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit_accounts: Option<Vec<GlAccountData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    debit_accounts: Option<Vec<GlAccountData>>,
}

fn side_data(
    v: &RuleView,
    side: &RuleSide,
    account: &Option<GlAccount>,
    t: JournalEntryType,
) -> (Option<Vec<TagRuleData>>, Option<Vec<GlAccountData>>, bool) {
    match side {
        RuleSide::Account(_) => (
            None,
            Some(account.iter().map(GlAccountData::reference).collect()),
            false,
        ),
        RuleSide::Tags { allow_multiple, .. } => {
            let tags = v
                .tags
                .iter()
                .filter(|g| g.side == t)
                .map(|g| TagRuleData {
                    id: g.id,
                    tag: CodeValueData {
                        id: g.tag_id,
                        name: Some(g.tag_name.clone()),
                        active: false,
                        mandatory: false,
                    },
                    transaction_type: option_of!(t),
                })
                .collect();
            (Some(tags), None, *allow_multiple)
        }
    }
}

impl AccountingRuleData {
    fn new(v: &RuleView) -> Self {
        let (debit_tags, debit_accounts, multiple_debits) =
            side_data(v, &v.rule.debit, &v.debit_account, JournalEntryType::Debit);
        let (credit_tags, credit_accounts, multiple_credits) = side_data(
            v,
            &v.rule.credit,
            &v.credit_account,
            JournalEntryType::Credit,
        );
        AccountingRuleData {
            id: Some(v.rule.id),
            office_id: v.rule.office_id,
            office_name: v.office_name.clone(),
            name: Some(v.rule.name.clone()),
            description: v.rule.description.clone(),
            system_defined: v.rule.system_defined,
            allow_multiple_debit_entries: multiple_debits,
            allow_multiple_credit_entries: multiple_credits,
            credit_tags,
            debit_tags,
            credit_accounts,
            debit_accounts,
            ..Default::default()
        }
    }

    /// Fineract's `handleTemplate`: a rule's template lists only the tags it does not already use.
    fn with_template(mut self, t: &RuleTemplate) -> Self {
        self.allowed_offices = t
            .offices
            .iter()
            .map(|o| RuleOfficeOption {
                id: o.id,
                name: o.name.clone(),
                name_decorated: kassa_domain::organisation::office::name_decorated(
                    &o.hierarchy,
                    &o.name,
                ),
            })
            .collect();
        self.allowed_accounts = t
            .accounts
            .iter()
            .map(|a| GlAccountData::new(a, false))
            .collect();
        let unused = |used: &Option<Vec<TagRuleData>>| {
            t.tags
                .iter()
                .filter(|v| {
                    used.as_ref()
                        .is_none_or(|u| u.iter().all(|g| g.tag.id != v.id))
                })
                .map(CodeValueData::option)
                .collect::<Vec<_>>()
        };
        self.allowed_credit_tag_options = Some(unused(&self.credit_tags));
        self.allowed_debit_tag_options = Some(unused(&self.debit_tags));
        self
    }
}

/// The rules of the caller's offices, by id.
#[utoipa::path(get, path = "/accountingrules", tag = "Accounting Rules",
    params(("associations" = Option<String>, Query, description = "Accepted; tags are always listed"), ("fields" = Option<String>, Query)),
    responses((status = 200, body = Vec<AccountingRuleData>), (status = 403, body = Envelope, description = "No permission")))]
async fn list_rules(caller: Caller, query: Query) -> ApiResult<Response> {
    let views = rules::list(&caller.tenant, &caller.principal).await?;
    let data: Vec<AccountingRuleData> = views.iter().map(AccountingRuleData::new).collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Offices, accounts and tags a rule may name.
#[utoipa::path(get, path = "/accountingrules/template", tag = "Accounting Rules",
    responses((status = 200, body = AccountingRuleData), (status = 403, body = Envelope, description = "No permission")))]
async fn rule_template(caller: Caller, query: Query) -> ApiResult<Response> {
    let template = rules::template(&caller.tenant, &caller.principal).await?;
    respond::ok(
        &query,
        SUPPORTED_FIELDS,
        &AccountingRuleData::default().with_template(&template),
    )
}

/// One rule; `template=true` adds the option lists.
#[utoipa::path(get, path = "/accountingrules/{accountingRuleId}", tag = "Accounting Rules",
    params(("accountingRuleId" = i64, Path), ("template" = Option<bool>, Query), ("fields" = Option<String>, Query)),
    responses((status = 200, body = AccountingRuleData), (status = 404, body = Envelope, description = "No such rule")))]
async fn get_rule(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "accounting.rule")?;
    let view = rules::get(&caller.tenant, &caller.principal, id).await?;
    let mut data = AccountingRuleData::new(&view);
    if query.flag("template") {
        let template = rules::template(&caller.tenant, &caller.principal).await?;
        data = data.with_template(&template);
    }
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Creates a rule: each side an account or tags. Answers `{officeId, resourceId}`.
#[utoipa::path(post, path = "/accountingrules", tag = "Accounting Rules",
    request_body(content = AccountingRuleRequest, content_type = "application/json"),
    responses((status = 200, body = CommandAnswer), (status = 400, body = Envelope, description = "Validation errors"),
              (status = 403, body = Envelope, description = "A duplicate name, or a side with both an account and tags"),
              (status = 404, body = Envelope, description = "No such office, account or tag")))]
async fn create_rule(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/accountingrules".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let req = read(&json, true)?;
    let (Some(name), Some(office_id)) = (req.name, req.office_id) else {
        return Err(AppError::InvalidBody("incomplete rule".into()).into());
    };
    let command = CreateRule {
        name,
        office_id,
        description: req.description.flatten(),
        debit: req.debit,
        credit: req.credit,
    };
    run(&state, &caller, spec, &command).await
}

/// Updates a rule. Answers `{resourceId, changes}`.
#[utoipa::path(put, path = "/accountingrules/{accountingRuleId}", tag = "Accounting Rules",
    params(("accountingRuleId" = i64, Path)),
    request_body(content = AccountingRuleRequest, content_type = "application/json"),
    responses((status = 200, body = CommandAnswer), (status = 400, body = Envelope, description = "Validation errors"),
              (status = 403, body = Envelope, description = "A duplicate name, or a side with both an account and tags"),
              (status = 404, body = Envelope, description = "No such rule, office, account or tag")))]
async fn update_rule(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "accounting.rule")?;
    let spec = spec(
        &state,
        &headers,
        "UPDATE",
        format!("/accountingrules/{id}"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let req = read(&json, false)?;
    let mut values = Map::new();
    for key in json.keys() {
        if let Some(v) = json.value(key) {
            values.insert(key.to_string(), v);
        }
    }
    let command = UpdateRule {
        id,
        name: req.name,
        office_id: req.office_id,
        description: req.description,
        debit: req.debit,
        credit: req.credit,
        values,
    };
    run(&state, &caller, spec, &command).await
}

/// Deletes a rule. Answers `{resourceId}`.
#[utoipa::path(delete, path = "/accountingrules/{accountingRuleId}", tag = "Accounting Rules",
    params(("accountingRuleId" = i64, Path)),
    responses((status = 200, body = CommandAnswer), (status = 404, body = Envelope, description = "No such rule")))]
async fn delete_rule(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "accounting.rule")?;
    let spec = spec(
        &state,
        &headers,
        "DELETE",
        format!("/accountingrules/{id}"),
        &body,
    );
    run(&state, &caller, spec, &DeleteRule { id }).await
}

/// `AccountingRuleJsonInputParams`: each side either an account or a list of tag ids.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct AccountingRuleRequest {
    /// ≤ 100 characters, unique; mandatory on create.
    name: Option<String>,
    /// Mandatory on create.
    office_id: Option<i64>,
    account_to_debit: Option<i64>,
    account_to_credit: Option<i64>,
    debit_tags: Option<Vec<i64>>,
    credit_tags: Option<Vec<i64>>,
    allow_multiple_debit_entries: Option<bool>,
    allow_multiple_credit_entries: Option<bool>,
    /// ≤ 500 characters.
    description: Option<String>,
}

entity_spec!(rules::ENTITY);
