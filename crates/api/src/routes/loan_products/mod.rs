//! Loan products: `GET/POST /loanproducts`, `GET /loanproducts/template`, `GET/PUT /loanproducts/{id}` and
//! the `external-id` twins. Fineract's field names, including its `allowPartialPeriodInterestCalcualtion`.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::loan_products::{self, CreateLoanProduct, UpdateLoanProduct, RESOURCE};

use kassa_domain::loan_products::{
    days_in_month_enum, days_in_year_enum, repayment_frequency_enum, AccountingRule, Amortization,
    AttributeOverrides, InterestCalculationPeriod, InterestMethod, LoanProductTerms, RateFrequency,
    ScheduleProcessingType, ScheduleType, TRANSACTION_PROCESSING_STRATEGIES,
};
use kassa_domain::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};

use serde_json::{Map, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::charges::data::ChargeData;
use crate::routes::{path_id, run_command as run};
use crate::wire::Reader;
use crate::ApiState;

macro_rules! option_of {
    ($e:expr) => {
        EnumOption {
            id: $e.fineract_id(),
            code: $e.code(),
            value: $e.label(),
        }
    };
}

mod allocation_options;
mod data;
mod request;

entity_spec!(loan_products::ENTITY);

pub(crate) use data::*;
use request::*;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_loan_products, create_loan_product))
        .routes(routes!(loan_product_template))
        .routes(routes!(get_loan_product, update_loan_product))
        .routes(routes!(
            get_loan_product_by_external_id,
            update_loan_product_by_external_id
        ))
}

async fn today(state: &ApiState, caller: &Caller) -> ApiResult<chrono::NaiveDate> {
    Ok(state.app.today(&caller.tenant).await?)
}

/// Every loan product, by id.
#[utoipa::path(get, path = "/loanproducts", tag = "Loan Products",
    params(("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of loan products"), (status = 403, description = "No permission")))]
async fn list_loan_products(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let today = today(&state, &caller).await?;
    let data: Vec<LoanProductData> = loan_products::list(&caller.tenant, &caller.principal)
        .await?
        .into_iter()
        .map(|v| product_data(v, today))
        .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

#[utoipa::path(get, path = "/loanproducts/{productId}", tag = "Loan Products",
    params(("productId" = i64, Path)),
    responses((status = 200, description = "The loan product"), (status = 404, description = "No such loan product")))]
async fn get_loan_product(
    State(state): State<ApiState>,
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "LoanProduct")?;
    let v = loan_products::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(
        &query,
        SUPPORTED_FIELDS,
        &product_data(v, today(&state, &caller).await?),
    )
}

#[utoipa::path(get, path = "/loanproducts/external-id/{externalId}", tag = "Loan Products",
    params(("externalId" = String, Path)),
    responses((status = 200, description = "The loan product"), (status = 404, description = "No such loan product")))]
async fn get_loan_product_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    Path(external_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = loan_products::id_by_external_id(&caller.tenant, &external_id).await?;
    let v = loan_products::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(
        &query,
        SUPPORTED_FIELDS,
        &product_data(v, today(&state, &caller).await?),
    )
}

/// Defaults and option lists for a new product.
#[utoipa::path(get, path = "/loanproducts/template", tag = "Loan Products",
    responses((status = 200, description = "Defaults and option lists"), (status = 403, description = "No permission")))]
async fn loan_product_template(caller: Caller, query: Query) -> ApiResult<Response> {
    let currencies = loan_products::template_currencies(&caller.tenant, &caller.principal).await?;
    let charge_options = |list: Vec<kassa_app::charges::ChargeView>| -> Vec<Value> {
        list.into_iter()
            .map(|c| serde_json::to_value(ChargeData::new(c, None)).unwrap_or_default())
            .collect()
    };
    let fees =
        charge_options(kassa_app::charges::loan_product_options(&caller.tenant, false).await?);
    let penalties =
        charge_options(kassa_app::charges::loan_product_options(&caller.tenant, true).await?);
    let data = LoanProductTemplate {
        include_in_borrower_cycle: false,
        use_borrower_cycle: false,
        is_interest_recalculation_enabled: false,
        is_linked_to_floating_interest_rates: false,
        multi_disburse_loan: false,
        can_define_installment_amount: false,
        enable_down_payment: false,
        accounting_rule: option_of!(AccountingRule::None),
        days_in_year_type: EnumOption::of(days_in_year_enum(DaysInYear::Actual)),
        days_in_month_type: EnumOption::of(days_in_month_enum(DaysInMonth::Actual)),
        loan_schedule_type: option_of!(ScheduleType::Cumulative),
        loan_schedule_processing_type: option_of!(ScheduleProcessingType::Horizontal),
        allow_attribute_overrides: AttributeOverrides::default().into(),
        charges: vec![],
        currency_options: currencies
            .iter()
            .map(|c| currency_data(c, i64::from(c.decimal_places), c.in_multiples_of))
            .collect(),
        amortization_type_options: Amortization::ALL.iter().map(|e| option_of!(e)).collect(),
        interest_type_options: InterestMethod::ALL.iter().map(|e| option_of!(e)).collect(),
        interest_calculation_period_type_options: InterestCalculationPeriod::ALL
            .iter()
            .map(|e| option_of!(e))
            .collect(),
        repayment_frequency_type_options: [
            PeriodFrequency::Days,
            PeriodFrequency::Weeks,
            PeriodFrequency::Months,
        ]
        .into_iter()
        .map(|f| EnumOption::of(repayment_frequency_enum(f)))
        .collect(),
        interest_rate_frequency_type_options: RateFrequency::ALL
            .iter()
            .map(|e| option_of!(e))
            .collect(),
        transaction_processing_strategy_options: TRANSACTION_PROCESSING_STRATEGIES
            .iter()
            .map(|(code, name)| StrategyOption { code, name })
            .collect(),
        days_in_year_type_options: [
            DaysInYear::Actual,
            DaysInYear::Days360,
            DaysInYear::Days364,
            DaysInYear::Days365,
        ]
        .into_iter()
        .map(|d| EnumOption::of(days_in_year_enum(d)))
        .collect(),
        days_in_month_type_options: [DaysInMonth::Actual, DaysInMonth::Days30]
            .into_iter()
            .map(|d| EnumOption::of(days_in_month_enum(d)))
            .collect(),
        accounting_rule_options: AccountingRule::ALL.iter().map(|e| option_of!(e)).collect(),
        loan_schedule_type_options: ScheduleType::ALL.iter().map(|e| option_of!(e)).collect(),
        loan_schedule_processing_type_options: ScheduleProcessingType::ALL
            .iter()
            .map(|e| option_of!(e))
            .collect(),
        fund_options: vec![],
        charge_options: fees,
        penalty_options: penalties,
        allocation_options: allocation_options::AllocationOptions::fineract(),
    };
    respond::ok(&query, &[], &data)
}

/// Creates a loan product. Answers `{resourceId}`.
#[utoipa::path(post, path = "/loanproducts", tag = "Loan Products",
    request_body(content = String, description = "Fineract's loan product fields (see docs/compatibility.md)", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "No permission, or a duplicate name or short name"),
              (status = 404, description = "Currency not enabled, fund or charge not found")))]
async fn create_loan_product(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/loanproducts".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    check_params(&json)?;
    let mut r = Reader::new(&json, RESOURCE);
    for name in MANDATORY {
        if !r.has(name) {
            r.mandatory_missing(name);
        }
    }
    let patch = read_patch(&mut r, &json);
    let (terms, _) = LoanProductTerms::blank().apply(&patch);
    if MANDATORY.iter().all(|m| json.get(m).is_some()) {
        for e in loan_products::range_errors(&terms) {
            r.error(e);
        }
    }
    r.finish()?;
    let charge_ids = charge_ids(&json)?.unwrap_or_default();
    run(
        &state,
        &caller,
        spec,
        &CreateLoanProduct { terms, charge_ids },
    )
    .await
}

/// Updates a loan product. Answers `{resourceId, changes}`.
#[utoipa::path(put, path = "/loanproducts/{productId}", tag = "Loan Products",
    params(("productId" = i64, Path)),
    request_body(content = String, description = "Any of the creation fields", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such loan product")))]
async fn update_loan_product(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "LoanProduct")?;
    update(
        &state,
        &caller,
        &headers,
        id,
        format!("/loanproducts/{id}"),
        &body,
    )
    .await
}

#[utoipa::path(put, path = "/loanproducts/external-id/{externalId}", tag = "Loan Products",
    params(("externalId" = String, Path)),
    request_body(content = String, description = "Any of the creation fields", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such loan product")))]
async fn update_loan_product_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(external_id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = loan_products::id_by_external_id(&caller.tenant, &external_id).await?;
    update(
        &state,
        &caller,
        &headers,
        id,
        format!("/loanproducts/external-id/{external_id}"),
        &body,
    )
    .await
}

async fn update(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    href: String,
    body: &Body,
) -> ApiResult<Response> {
    let spec = spec(state, headers, "UPDATE", href, body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    check_params(&json)?;
    let mut r = Reader::new(&json, RESOURCE);
    for name in MANDATORY {
        if r.present(name) && !r.has(name) {
            r.mandatory_missing(name);
        }
    }
    let patch = read_patch(&mut r, &json);
    r.finish()?;
    let charge_ids = charge_ids(&json)?;
    let mut values = Map::new();
    for key in json.keys() {
        if let Some(v) = json.value(key) {
            values.insert(key.to_string(), v);
        }
    }
    if !GL_MAPPING_PARAMS.iter().any(|k| json.get(k).is_some()) {
        values.remove("accountingMappings");
    } else {
        let mappings: Map<String, Value> = GL_MAPPING_PARAMS
            .iter()
            .filter_map(|k| json.value(k).map(|v| (k.to_string(), v)))
            .collect();
        values.insert("accountingMappings".into(), Value::Object(mappings));
    }
    run(
        state,
        caller,
        spec,
        &UpdateLoanProduct {
            id,
            patch,
            values,
            charge_ids,
        },
    )
    .await
}
