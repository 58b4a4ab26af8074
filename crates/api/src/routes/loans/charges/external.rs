//! The external-id twins of the loan charge routes (`LoanChargesApiResource`): the loan, the charge or
//! both named by external id. Each resolves the ids (a 404 for an unknown one) and hands on to the
//! numeric route's handler, so rules and wire shapes cannot drift apart.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::loans;
use kassa_app::loans::charges as app;

use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::ApiState;

async fn loan_id(caller: &Caller, external_id: &str) -> ApiResult<String> {
    Ok(loans::id_by_external_id(&caller.tenant, external_id)
        .await?
        .to_string())
}

async fn charge_id(caller: &Caller, external_id: &str) -> ApiResult<String> {
    Ok(app::id_by_external_id(&caller.tenant, external_id)
        .await?
        .to_string())
}

/// Fineract checks the read permission before it resolves an external id.
fn readable(caller: &Caller) -> ApiResult<()> {
    caller
        .principal
        .permissions
        .check_read(loans::ENTITY)
        .map_err(kassa_app::AppError::from)?;
    Ok(())
}

/// `GET /loans/external-id/{loanExternalId}/charges`.
#[utoipa::path(get, path = "/loans/external-id/{loanExternalId}/charges", tag = "Loan Charges",
    params(("loanExternalId" = String, Path)),
    responses((status = 200, description = "LoanChargeData[]"), (status = 404, description = "Unknown loan")))]
pub(in crate::routes::loans) async fn list_loan_charges_by_external_id(
    caller: Caller,
    Path(loan): Path<String>,
) -> ApiResult<Response> {
    readable(&caller)?;
    let loan = loan_id(&caller, &loan).await?;
    super::list_loan_charges(caller, Path(loan)).await
}

/// `POST /loans/external-id/{loanExternalId}/charges`.
#[utoipa::path(post, path = "/loans/external-id/{loanExternalId}/charges", tag = "Loan Charges",
    params(("loanExternalId" = String, Path)),
    request_body(content = String, description = "`chargeId`, `amount`, `dueDate`, `externalId`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId}`"), (status = 404, description = "Unknown loan or charge")))]
pub(in crate::routes::loans) async fn add_loan_charge_by_external_id(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(loan): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let loan = loan_id(&caller, &loan).await?;
    super::add_loan_charge(state, caller, headers, Path(loan), body).await
}

/// `GET /loans/external-id/{loanExternalId}/charges/template`.
#[utoipa::path(get, path = "/loans/external-id/{loanExternalId}/charges/template", tag = "Loan Charges",
    params(("loanExternalId" = String, Path)),
    responses((status = 200, description = "LoanChargeData with chargeOptions"), (status = 404, description = "Unknown loan")))]
pub(in crate::routes::loans) async fn loan_charge_template_by_external_id(
    caller: Caller,
    Path(loan): Path<String>,
) -> ApiResult<Response> {
    readable(&caller)?;
    let loan = loan_id(&caller, &loan).await?;
    super::loan_charge_template(caller, Path(loan)).await
}

/// `GET /loans/external-id/{loanExternalId}/charges/{loanChargeId}`.
#[utoipa::path(get, path = "/loans/external-id/{loanExternalId}/charges/{loanChargeId}", tag = "Loan Charges", params(("loanExternalId" = String, Path), ("loanChargeId" = i64, Path)),
    responses((status = 200, description = "LoanChargeData"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn get_loan_charge_by_external_loan(
    caller: Caller,
    Path((loan, charge)): Path<(String, String)>,
) -> ApiResult<Response> {
    readable(&caller)?;
    let loan = loan_id(&caller, &loan).await?;
    super::get_loan_charge(caller, Path((loan, charge))).await
}

/// `PUT /loans/external-id/{loanExternalId}/charges/{loanChargeId}`.
#[utoipa::path(put, path = "/loans/external-id/{loanExternalId}/charges/{loanChargeId}", tag = "Loan Charges", params(("loanExternalId" = String, Path), ("loanChargeId" = i64, Path)),
    request_body(content = String, description = "`amount`, `dueDate`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId, changes}`"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn update_loan_charge_by_external_loan(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan, charge)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let loan = loan_id(&caller, &loan).await?;
    super::update_loan_charge(state, caller, headers, Path((loan, charge)), body).await
}

/// `DELETE /loans/external-id/{loanExternalId}/charges/{loanChargeId}`.
#[utoipa::path(delete, path = "/loans/external-id/{loanExternalId}/charges/{loanChargeId}", tag = "Loan Charges", params(("loanExternalId" = String, Path), ("loanChargeId" = i64, Path)),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId}`"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn delete_loan_charge_by_external_loan(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan, charge)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let loan = loan_id(&caller, &loan).await?;
    super::delete_loan_charge(state, caller, headers, Path((loan, charge)), body).await
}

/// `POST /loans/external-id/{loanExternalId}/charges/{loanChargeId}?command=pay|waive|adjustment`.
#[utoipa::path(post, path = "/loans/external-id/{loanExternalId}/charges/{loanChargeId}", tag = "Loan Charges",
    params(("loanExternalId" = String, Path), ("loanChargeId" = i64, Path), ("command" = String, Query, description = "pay, waive, adjustment")),
    request_body(content = String, description = "The command's fields", content_type = "application/json"),
    responses((status = 200, description = "`{loanId, resourceId: <loan charge id>, subResourceId: <transaction id>}`"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn loan_charge_command_by_external_loan(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan, charge)): Path<(String, String)>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let loan = loan_id(&caller, &loan).await?;
    super::loan_charge_command(state, caller, headers, Path((loan, charge)), query, body).await
}

/// `GET /loans/{loanId}/charges/external-id/{loanChargeExternalId}`.
#[utoipa::path(get, path = "/loans/{loanId}/charges/external-id/{loanChargeExternalId}", tag = "Loan Charges", params(("loanId" = i64, Path), ("loanChargeExternalId" = String, Path)),
    responses((status = 200, description = "LoanChargeData"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn get_loan_charge_by_external_charge(
    caller: Caller,
    Path((loan, charge)): Path<(String, String)>,
) -> ApiResult<Response> {
    readable(&caller)?;
    let charge = charge_id(&caller, &charge).await?;
    super::get_loan_charge(caller, Path((loan, charge))).await
}

/// `PUT /loans/{loanId}/charges/external-id/{loanChargeExternalId}`.
#[utoipa::path(put, path = "/loans/{loanId}/charges/external-id/{loanChargeExternalId}", tag = "Loan Charges", params(("loanId" = i64, Path), ("loanChargeExternalId" = String, Path)),
    request_body(content = String, description = "`amount`, `dueDate`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId, changes}`"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn update_loan_charge_by_external_charge(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan, charge)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let charge = charge_id(&caller, &charge).await?;
    super::update_loan_charge(state, caller, headers, Path((loan, charge)), body).await
}

/// `DELETE /loans/{loanId}/charges/external-id/{loanChargeExternalId}`.
#[utoipa::path(delete, path = "/loans/{loanId}/charges/external-id/{loanChargeExternalId}", tag = "Loan Charges", params(("loanId" = i64, Path), ("loanChargeExternalId" = String, Path)),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId}`"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn delete_loan_charge_by_external_charge(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan, charge)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let charge = charge_id(&caller, &charge).await?;
    super::delete_loan_charge(state, caller, headers, Path((loan, charge)), body).await
}

/// `POST /loans/{loanId}/charges/external-id/{loanChargeExternalId}?command=pay|waive|adjustment`.
#[utoipa::path(post, path = "/loans/{loanId}/charges/external-id/{loanChargeExternalId}", tag = "Loan Charges",
    params(("loanId" = i64, Path), ("loanChargeExternalId" = String, Path), ("command" = String, Query, description = "pay, waive, adjustment")),
    request_body(content = String, description = "The command's fields", content_type = "application/json"),
    responses((status = 200, description = "`{loanId, resourceId: <loan charge id>, subResourceId: <transaction id>}`"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn loan_charge_command_by_external_charge(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan, charge)): Path<(String, String)>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let charge = charge_id(&caller, &charge).await?;
    super::loan_charge_command(state, caller, headers, Path((loan, charge)), query, body).await
}

/// `GET /loans/external-id/{loanExternalId}/charges/external-id/{loanChargeExternalId}`.
#[utoipa::path(get, path = "/loans/external-id/{loanExternalId}/charges/external-id/{loanChargeExternalId}", tag = "Loan Charges", params(("loanExternalId" = String, Path), ("loanChargeExternalId" = String, Path)),
    responses((status = 200, description = "LoanChargeData"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn get_loan_charge_by_external_ids(
    caller: Caller,
    Path((loan, charge)): Path<(String, String)>,
) -> ApiResult<Response> {
    readable(&caller)?;
    let loan = loan_id(&caller, &loan).await?;
    let charge = charge_id(&caller, &charge).await?;
    super::get_loan_charge(caller, Path((loan, charge))).await
}

/// `PUT /loans/external-id/{loanExternalId}/charges/external-id/{loanChargeExternalId}`.
#[utoipa::path(put, path = "/loans/external-id/{loanExternalId}/charges/external-id/{loanChargeExternalId}", tag = "Loan Charges", params(("loanExternalId" = String, Path), ("loanChargeExternalId" = String, Path)),
    request_body(content = String, description = "`amount`, `dueDate`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId, changes}`"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn update_loan_charge_by_external_ids(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan, charge)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let loan = loan_id(&caller, &loan).await?;
    let charge = charge_id(&caller, &charge).await?;
    super::update_loan_charge(state, caller, headers, Path((loan, charge)), body).await
}

/// `DELETE /loans/external-id/{loanExternalId}/charges/external-id/{loanChargeExternalId}`.
#[utoipa::path(delete, path = "/loans/external-id/{loanExternalId}/charges/external-id/{loanChargeExternalId}", tag = "Loan Charges", params(("loanExternalId" = String, Path), ("loanChargeExternalId" = String, Path)),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId}`"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn delete_loan_charge_by_external_ids(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan, charge)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let loan = loan_id(&caller, &loan).await?;
    let charge = charge_id(&caller, &charge).await?;
    super::delete_loan_charge(state, caller, headers, Path((loan, charge)), body).await
}

/// `POST /loans/external-id/{loanExternalId}/charges/external-id/{loanChargeExternalId}?command=pay|waive|adjustment`.
#[utoipa::path(post, path = "/loans/external-id/{loanExternalId}/charges/external-id/{loanChargeExternalId}", tag = "Loan Charges",
    params(("loanExternalId" = String, Path), ("loanChargeExternalId" = String, Path), ("command" = String, Query, description = "pay, waive, adjustment")),
    request_body(content = String, description = "The command's fields", content_type = "application/json"),
    responses((status = 200, description = "`{loanId, resourceId: <loan charge id>, subResourceId: <transaction id>}`"), (status = 404, description = "Unknown loan or loan charge")))]
pub(in crate::routes::loans) async fn loan_charge_command_by_external_ids(
    state: State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan, charge)): Path<(String, String)>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let loan = loan_id(&caller, &loan).await?;
    let charge = charge_id(&caller, &charge).await?;
    super::loan_charge_command(state, caller, headers, Path((loan, charge)), query, body).await
}
