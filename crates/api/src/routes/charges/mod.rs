//! Charge definitions: `GET/POST /charges`, `GET /charges/template`, `GET/PUT/DELETE /charges/{chargeId}`
//! (Fineract's `ChargesApiResource`). The template keeps Fineract's `chargePaymetModeOptions` spelling.

pub(super) mod data;
mod request;
mod update;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::charges::{self, CreateCharge, DeleteCharge, UpdateCharge};
use serde_json::Map;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::data::{ChargeData, ChargeTemplate, TemplateData};
use self::request::WRITE_PARAMS;
use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{path_id, run_command as run};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_charges, create_charge))
        .routes(routes!(charge_template))
        .routes(routes!(get_charge, update_charge, delete_charge))
}

/// Fineract's `fields` whitelist for charges (`CHARGES_DATA_PARAMETERS`).
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "name",
    "amount",
    "currency",
    "penalty",
    "active",
    "chargeAppliesTo",
    "chargeTimeType",
    "chargeCalculationType",
    "chargeCalculationTypeOptions",
    "chargeAppliesToOptions",
    "chargeTimeTypeOptions",
    "currencyOptions",
    "loanChargeCalculationTypeOptions",
    "loanChargeTimeTypeOptions",
    "savingsChargeCalculationTypeOptions",
    "savingsChargeTimeTypeOptions",
    "incomeAccount",
    "clientChargeCalculationTypeOptions",
    "clientChargeTimeTypeOptions",
];

/// Every charge that is not deleted, by name.
#[utoipa::path(get, path = "/charges", tag = "Charges",
    params(("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of charges"), (status = 403, description = "No permission")))]
async fn list_charges(caller: Caller, query: Query) -> ApiResult<Response> {
    let data: Vec<ChargeData> = charges::list(&caller.tenant, &caller.principal)
        .await?
        .into_iter()
        .map(|v| ChargeData::new(v, None))
        .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Option lists for a new charge.
#[utoipa::path(get, path = "/charges/template", tag = "Charges",
    responses((status = 200, description = "Option lists"), (status = 403, description = "No permission")))]
async fn charge_template(caller: Caller, query: Query) -> ApiResult<Response> {
    let currencies = charges::template_currencies(&caller.tenant, &caller.principal).await?;
    let data = TemplateData::new(ChargeTemplate::new(&currencies));
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// One charge; `template=true` adds the option lists.
#[utoipa::path(get, path = "/charges/{chargeId}", tag = "Charges",
    params(("chargeId" = i64, Path), ("template" = Option<bool>, Query, description = "Add the option lists")),
    responses((status = 200, description = "The charge"), (status = 404, description = "No such charge")))]
async fn get_charge(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "Charge")?;
    let view = charges::get(&caller.tenant, &caller.principal, id).await?;
    let template = if query.flag("template") {
        let currencies = charges::template_currencies(&caller.tenant, &caller.principal).await?;
        Some(ChargeTemplate::new(&currencies))
    } else {
        None
    };
    respond::ok(&query, SUPPORTED_FIELDS, &ChargeData::new(view, template))
}

/// Creates a charge. Answers `{resourceId}`.
#[utoipa::path(post, path = "/charges", tag = "Charges",
    request_body(content = String, description = "`{name, currencyCode, amount, chargeAppliesTo, chargeTimeType, chargeCalculationType, chargePaymentMode (loans), penalty?, active?, locale?, …}`", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "No permission, a duplicate name, or a penalty rule"),
              (status = 404, description = "Currency not enabled, payment type, GL account or tax group not found")))]
async fn create_charge(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/charges".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let definition = request::read_create(&json)?;
    run(&state, &caller, spec, &CreateCharge { definition }).await
}

/// Updates a charge. Answers `{resourceId, changes}`.
#[utoipa::path(put, path = "/charges/{chargeId}", tag = "Charges",
    params(("chargeId" = i64, Path)),
    request_body(content = String, description = "Any of the creation fields; `chargeAppliesTo` cannot change", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "A rule forbids the change"), (status = 404, description = "No such charge")))]
async fn update_charge(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Charge")?;
    let spec = spec(&state, &headers, "UPDATE", format!("/charges/{id}"), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let changes = update::read_update(&json)?;
    let mut values = Map::new();
    for key in json.keys() {
        if let Some(v) = json.value(key) {
            values.insert(key.to_string(), v);
        }
    }
    let command = UpdateCharge {
        id,
        changes,
        values,
    };
    run(&state, &caller, spec, &command).await
}

/// Deletes a charge no loan product uses. Answers `{resourceId}`.
#[utoipa::path(delete, path = "/charges/{chargeId}", tag = "Charges",
    params(("chargeId" = i64, Path)),
    responses((status = 200, description = "`{resourceId}`"), (status = 403, description = "Used by a loan product"),
              (status = 404, description = "No such charge")))]
async fn delete_charge(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Charge")?;
    let spec = spec(&state, &headers, "DELETE", format!("/charges/{id}"), &body);
    run(&state, &caller, spec, &DeleteCharge { id }).await
}

entity_spec!(charges::ENTITY);
