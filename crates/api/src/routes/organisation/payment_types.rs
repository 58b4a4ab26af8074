//! Payment types: `GET/POST /paymenttypes`, `GET/PUT/DELETE /paymenttypes/{id}`. Fineract's request
//! parameters for the code name and the system flag are snake case (`code_name`, `system_defined`).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::organisation::payment_types::{
    self, CreatePaymentType, DeletePaymentType, UpdatePaymentType,
};
use kassa_app::{AppError, ParamError};
use kassa_domain::organisation::payment_type::{PaymentType, PaymentTypeChanges, PaymentTypeDraft};
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{path_id, run_command as run};
use crate::wire::{JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_payment_types, create_payment_type))
        .routes(routes!(
            get_payment_type,
            update_payment_type,
            delete_payment_type
        ))
}

/// Fineract's `fields` whitelist for payment types.
const SUPPORTED_FIELDS: &[&str] = &["id", "name", "description", "isCashPayment"];
const WRITE_PARAMS: &[&str] = &[
    "name",
    "description",
    "isCashPayment",
    "position",
    "code_name",
    "system_defined",
];
/// Fineract's validator resource name, hence `validation.msg.PAYMENTTYPE.<param>.<rule>`.
const RESOURCE: &str = "PAYMENTTYPE";
const NAME_MAX: usize = 100;
const DESCRIPTION_MAX: usize = 500;
const CODE_NAME_MAX: usize = 100;

/// Fineract's `PaymentTypeData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PaymentTypeData {
    id: i64,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    is_cash_payment: bool,
    position: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_name: Option<String>,
    is_system_defined: bool,
}

impl From<PaymentType> for PaymentTypeData {
    fn from(p: PaymentType) -> Self {
        PaymentTypeData {
            id: p.id,
            name: p.name,
            description: p.description,
            is_cash_payment: p.is_cash_payment,
            position: p.position,
            code_name: p.code_name,
            is_system_defined: p.is_system_defined,
        }
    }
}

/// Every payment type, by id.
#[utoipa::path(get, path = "/paymenttypes", tag = "Payment Type",
    params(("onlyWithCode" = Option<bool>, Query, description = "Only payment types with a code name"),
           ("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of payment types")))]
async fn list_payment_types(caller: Caller, query: Query) -> ApiResult<Response> {
    let only_with_code = query.flag("onlyWithCode");
    let data: Vec<PaymentTypeData> =
        payment_types::list(&caller.tenant, &caller.principal, only_with_code)
            .await?
            .into_iter()
            .map(PaymentTypeData::from)
            .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

#[utoipa::path(get, path = "/paymenttypes/{paymentTypeId}", tag = "Payment Type",
    params(("paymentTypeId" = i64, Path)),
    responses((status = 200, description = "The payment type"), (status = 404, description = "No such payment type")))]
async fn get_payment_type(
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "PaymentType")?;
    let p = payment_types::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(&query, SUPPORTED_FIELDS, &PaymentTypeData::from(p))
}

/// Creates a payment type. Answers `{resourceId}`.
#[utoipa::path(post, path = "/paymenttypes", tag = "Payment Type",
    request_body(content = String, description = "`{\"name\", \"description\"?, \"isCashPayment\"?, \"position\"?, \"code_name\"?, \"system_defined\"?}`", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "No permission")))]
async fn create_payment_type(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/paymenttypes".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(&json, RESOURCE);
    let name = r.required_string("name", NAME_MAX);
    let description = r.string("description", DESCRIPTION_MAX);
    let is_cash_payment = r.boolean("isCashPayment").unwrap_or(false);
    let position = read_position(&mut r).unwrap_or(0);
    let code_name = r.string("code_name", CODE_NAME_MAX);
    let is_system_defined = r.boolean("system_defined").unwrap_or(false);
    r.finish()?;
    let Some(name) = name else {
        return Err(ApiError(AppError::Internal(
            "validated payment type fields went missing".into(),
        )));
    };
    let command = CreatePaymentType {
        draft: PaymentTypeDraft {
            name,
            description,
            is_cash_payment,
            position,
            code_name,
            is_system_defined,
        },
    };
    run(&state, &caller, spec, &command).await
}

/// Updates a payment type. Answers `{resourceId}` (Fineract reports no `changes` here).
#[utoipa::path(put, path = "/paymenttypes/{paymentTypeId}", tag = "Payment Type",
    params(("paymentTypeId" = i64, Path)),
    request_body(content = String, description = "Any of name, description, isCashPayment, position", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such payment type")))]
async fn update_payment_type(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "PaymentType")?;
    let spec = spec(
        &state,
        &headers,
        "UPDATE",
        format!("/paymenttypes/{id}"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let changes = read_changes(&json)?;
    run(&state, &caller, spec, &UpdatePaymentType { id, changes }).await
}

fn read_changes(json: &JsonBody) -> ApiResult<PaymentTypeChanges> {
    let mut r = Reader::new(json, RESOURCE);
    let mut changes = PaymentTypeChanges::default();
    if r.present("name") {
        changes.name = r.required_string("name", NAME_MAX);
    }
    if r.present("description") {
        changes.description = Some(r.string("description", DESCRIPTION_MAX));
    }
    changes.is_cash_payment = r.boolean("isCashPayment");
    changes.position = read_position(&mut r);
    // Accepted and ignored on update, as in Fineract.
    r.string("code_name", CODE_NAME_MAX);
    r.boolean("system_defined");
    r.finish()?;
    Ok(changes)
}

/// `position`: a whole number, zero or greater.
fn read_position(r: &mut Reader) -> Option<i64> {
    let position = r.long("position")?;
    if position < 0 {
        r.error(
            ParamError::new(
                "position",
                format!("validation.msg.{RESOURCE}.position.not.zero.or.greater"),
                "The parameter `position` must be zero or greater.",
            )
            .with_value(Value::from(position))
            .with_args(vec![Value::from(position), Value::from(0)]),
        );
        return None;
    }
    Some(position)
}

/// Deletes a payment type. Answers `{resourceId}`.
#[utoipa::path(delete, path = "/paymenttypes/{paymentTypeId}", tag = "Payment Type",
    params(("paymentTypeId" = i64, Path)),
    responses((status = 200, description = "`{resourceId}`"), (status = 404, description = "No such payment type")))]
async fn delete_payment_type(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "PaymentType")?;
    let spec = spec(
        &state,
        &headers,
        "DELETE",
        format!("/paymenttypes/{id}"),
        &body,
    );
    run(&state, &caller, spec, &DeletePaymentType { id }).await
}

entity_spec!(payment_types::ENTITY);
