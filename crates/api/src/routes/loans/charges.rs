//! `/loans/{loanId}/charges`: the charges on one loan as Fineract's `LoanChargeData`, the template with
//! the charges that can be added, and adding, changing, deleting, paying, waiving and adjusting one
//! (permission entity `LOANCHARGE`); the external-id twins hand on to these handlers.
mod adjustment;
mod application;
mod data;
mod external;

pub(super) use adjustment::{__path_undo_waive_charge, charge_refund, undo_waive_charge};
pub(super) use application::application_charges;
pub(super) use external::*;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::loans::charges as app;
use kassa_app::{charges, loans};
use kassa_domain::charges::ChargeTimeType;
use kassa_domain::organisation::currency::Currency;
use kassa_store::repo::loans::loan::LoanRecord;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::writable_loan;
use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::respond::json_ok;
use crate::routes::charges::data::ChargeData;
use crate::wire::Reader;
use crate::ApiState;
use data::{loan_charge_data, LoanChargeData, LoanChargeTemplate};

/// Fineract's validator resource for loan charges: `validation.msg.loanCharge.<parameter>.<rule>`.
const RESOURCE: &str = "loanCharge";

/// `GET /loans/{loanId}/charges`: every charge on the loan.
#[utoipa::path(get, path = "/loans/{loanId}/charges", tag = "Loan Charges",
    params(("loanId" = i64, Path)),
    responses((status = 200, description = "LoanChargeData[]"),
              (status = 403, description = "No READ_LOAN permission"),
              (status = 404, description = "Unknown loan")))]
pub(super) async fn list_loan_charges(
    caller: Caller,
    Path(loan_id): Path<String>,
) -> ApiResult<Response> {
    let loan_id = crate::routes::path_id(&loan_id, "Loan")?;
    let (loan, views) = app::list(&caller.tenant, &caller.principal, loan_id).await?;
    let currency = loans::currency(&caller.tenant, &loan).await?;
    let data: Vec<LoanChargeData> = views
        .into_iter()
        .map(|v| loan_charge_data(&loan, &currency, v))
        .collect();
    json_ok(&data)
}

/// The loan's charges as `GET /loans/{loanId}?associations=charges` embeds them.
pub(super) fn charges_data(
    loan: &LoanRecord,
    currency: &Currency,
    views: Vec<app::LoanChargeView>,
) -> ApiResult<Value> {
    let data: Vec<LoanChargeData> = views
        .into_iter()
        .map(|v| loan_charge_data(loan, currency, v))
        .collect();
    serde_json::to_value(&data).map_err(|e| kassa_app::AppError::Internal(e.to_string()).into())
}

/// `GET /loans/{loanId}/charges/{loanChargeId}`.
#[utoipa::path(get, path = "/loans/{loanId}/charges/{loanChargeId}", tag = "Loan Charges",
    params(("loanId" = i64, Path), ("loanChargeId" = i64, Path)),
    responses((status = 200, description = "LoanChargeData"),
              (status = 403, description = "No READ_LOAN permission"),
              (status = 404, description = "Unknown loan or loan charge")))]
pub(super) async fn get_loan_charge(
    caller: Caller,
    Path((loan_id, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let loan_id = crate::routes::path_id(&loan_id, "Loan")?;
    let id = crate::routes::path_id(&id, "LoanCharge")?;
    let (loan, view) = app::get(&caller.tenant, &caller.principal, loan_id, id).await?;
    let currency = loans::currency(&caller.tenant, &loan).await?;
    json_ok(&loan_charge_data(&loan, &currency, view))
}

/// `GET /loans/{loanId}/charges/template`: the active loan charges in the loan's currency that can be
/// added to it (no overdue fees; nothing due at disbursement once it is disbursed).
#[utoipa::path(get, path = "/loans/{loanId}/charges/template", tag = "Loan Charges",
    params(("loanId" = i64, Path)),
    responses((status = 200, description = "LoanChargeData with chargeOptions"),
              (status = 403, description = "No READ_LOAN permission"),
              (status = 404, description = "Unknown loan")))]
pub(super) async fn loan_charge_template(
    caller: Caller,
    Path(loan_id): Path<String>,
) -> ApiResult<Response> {
    let loan_id = crate::routes::path_id(&loan_id, "Loan")?;
    let loan = loans::get(&caller.tenant, &caller.principal, loan_id).await?;
    let mut options = charges::loan_product_options(&caller.tenant, false).await?;
    options.extend(charges::loan_product_options(&caller.tenant, true).await?);
    options.sort_by(|a, b| a.charge.definition.name.cmp(&b.charge.definition.name));
    let disbursed = loan.disbursedon_date.is_some();
    let charge_options = options
        .into_iter()
        .filter(|v| {
            let d = &v.charge.definition;
            d.currency_code == loan.currency_code
                && d.time_type != ChargeTimeType::OverdueInstallment
                && !(disbursed && d.time_type == ChargeTimeType::Disbursement)
        })
        .map(|v| ChargeData::new(v, None))
        .collect();
    json_ok(&LoanChargeTemplate {
        amount_or_percentage: Decimal::ZERO,
        penalty: false,
        paid: false,
        waived: false,
        charge_payable: false,
        charge_options,
    })
}

fn values(body: &Body) -> ApiResult<Map<String, Value>> {
    let json = body.json()?;
    Ok(serde_json::from_str(json.raw()).unwrap_or_default())
}

fn spec(
    state: &ApiState,
    headers: &HeaderMap,
    action: &'static str,
    href: String,
    body: &Body,
) -> kassa_app::platform::pipeline::CommandSpec {
    crate::routes::command_spec(state, headers, action, app::ENTITY, href, body)
}

/// `POST /loans/{loanId}/charges`: adds a loan charge (`chargeId`, `amount`, `dueDate`, `externalId`).
#[utoipa::path(post, path = "/loans/{loanId}/charges", tag = "Loan Charges",
    params(("loanId" = i64, Path)),
    request_body(content = String, description = "`chargeId`, `amount`, `dueDate`, `externalId`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId: <loan charge id>, changes}`"),
              (status = 400, description = "Validation errors"),
              (status = 403, description = "No CREATE_LOANCHARGE permission, or a rule (closed loan, due date outside the schedule …)"),
              (status = 404, description = "Unknown loan or charge")))]
pub(super) async fn add_loan_charge(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(loan_id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let loan_id = crate::routes::path_id(&loan_id, "Loan")?;
    let spec = spec(
        &state,
        &headers,
        "CREATE",
        format!("/loans/{loan_id}/charges"),
        &body,
    );
    writable_loan(&caller, &spec, loan_id).await?;
    let json = body.json()?;
    json.check_supported(&[
        "chargeId",
        "amount",
        "dueDate",
        "externalId",
        "locale",
        "dateFormat",
    ])?;
    let mut r = Reader::new(&json, RESOURCE);
    let charge_id = r.required_long("chargeId");
    let amount = r.decimal("amount");
    if amount.is_some_and(|a| a <= Decimal::ZERO) {
        r.error(kassa_app::ParamError::new(
            "amount",
            format!("validation.msg.{RESOURCE}.amount.not.greater.than.zero"),
            "The parameter `amount` must be greater than 0.",
        ));
    }
    let due_date = r.date("dueDate");
    let external_id = r.string("externalId", 100);
    r.finish()?;
    let command = app::AddLoanCharge {
        loan_id,
        charge_id: charge_id.unwrap_or_default(),
        amount,
        due_date,
        external_id,
        values: values(&body)?,
    };
    crate::routes::run_command(&state, &caller, spec, &command).await
}

/// `PUT /loans/{loanId}/charges/{loanChargeId}`: `amount` and `dueDate` while the loan is pending approval.
#[utoipa::path(put, path = "/loans/{loanId}/charges/{loanChargeId}", tag = "Loan Charges",
    params(("loanId" = i64, Path), ("loanChargeId" = i64, Path)),
    request_body(content = String, description = "`amount`, `dueDate`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId, changes}`"),
              (status = 400, description = "Validation errors"),
              (status = 403, description = "No UPDATE_LOANCHARGE permission, or the loan is past approval"),
              (status = 404, description = "Unknown loan or loan charge")))]
pub(super) async fn update_loan_charge(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan_id, id)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let loan_id = crate::routes::path_id(&loan_id, "Loan")?;
    let id = crate::routes::path_id(&id, "LoanCharge")?;
    let href = format!("/loans/{loan_id}/charges/{id}");
    let spec = spec(&state, &headers, "UPDATE", href, &body);
    writable_loan(&caller, &spec, loan_id).await?;
    let json = body.json()?;
    json.check_supported(&["amount", "dueDate", "locale", "dateFormat"])?;
    let mut r = Reader::new(&json, RESOURCE);
    let amount = r.decimal("amount");
    if amount.is_some_and(|a| a <= Decimal::ZERO) {
        r.error(kassa_app::ParamError::new(
            "amount",
            format!("validation.msg.{RESOURCE}.amount.not.greater.than.zero"),
            "The parameter `amount` must be greater than 0.",
        ));
    }
    let due_date = r.date("dueDate");
    r.finish()?;
    let command = app::UpdateLoanCharge {
        loan_id,
        id,
        amount,
        due_date,
        values: values(&body)?,
    };
    crate::routes::run_command(&state, &caller, spec, &command).await
}

/// `DELETE /loans/{loanId}/charges/{loanChargeId}`: while the loan is pending approval and nothing is paid.
#[utoipa::path(delete, path = "/loans/{loanId}/charges/{loanChargeId}", tag = "Loan Charges",
    params(("loanId" = i64, Path), ("loanChargeId" = i64, Path)),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId}`"),
              (status = 403, description = "No DELETE_LOANCHARGE permission, paid, waived, or the loan is past approval"),
              (status = 404, description = "Unknown loan or loan charge")))]
pub(super) async fn delete_loan_charge(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan_id, id)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let loan_id = crate::routes::path_id(&loan_id, "Loan")?;
    let id = crate::routes::path_id(&id, "LoanCharge")?;
    let href = format!("/loans/{loan_id}/charges/{id}");
    let spec = spec(&state, &headers, "DELETE", href, &body);
    writable_loan(&caller, &spec, loan_id).await?;
    crate::routes::run_command(
        &state,
        &caller,
        spec,
        &app::DeleteLoanCharge { loan_id, id },
    )
    .await
}

#[derive(Clone, Copy)]
enum ChargeCommand {
    Pay,
    Waive,
    Adjustment,
}

/// `POST /loans/{loanId}/charges/{loanChargeId}?command=pay|waive|adjustment`: a charge payment
/// (`transactionDate`, `installmentNumber` for an installment fee, `externalId`, payment details) or a
/// waiver (`installmentNumber`) of what is outstanding of the charge, or a charge adjustment (`amount`).
#[utoipa::path(post, path = "/loans/{loanId}/charges/{loanChargeId}", tag = "Loan Charges",
    params(("loanId" = i64, Path), ("loanChargeId" = i64, Path), ("command" = String, Query, description = "pay, waive, adjustment")),
    request_body(content = String, description = "pay: `transactionDate`, `installmentNumber`, `externalId`; waive: `installmentNumber`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId: <loan charge id>, subResourceId: <transaction id>}`"),
              (status = 400, description = "Validation errors, an unknown command, or the loan's status does not allow it"),
              (status = 403, description = "No PAY_/WAIVE_LOANCHARGE permission, already paid or waived, or a date rule"),
              (status = 404, description = "Unknown loan or loan charge")))]
pub(super) async fn loan_charge_command(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan_id, id)): Path<(String, String)>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let loan_id = crate::routes::path_id(&loan_id, "Loan")?;
    let id = crate::routes::path_id(&id, "LoanCharge")?;
    let command = query.command(&[
        ("pay", ChargeCommand::Pay),
        ("waive", ChargeCommand::Waive),
        ("adjustment", ChargeCommand::Adjustment),
    ])?;
    let action = match command {
        ChargeCommand::Pay => "PAY",
        ChargeCommand::Waive => "WAIVE",
        ChargeCommand::Adjustment => "ADJUSTMENT",
    };
    let href = format!("/loans/{loan_id}/charges/{id}");
    let spec = spec(&state, &headers, action, href, &body);
    writable_loan(&caller, &spec, loan_id).await?;
    if let ChargeCommand::Adjustment = command {
        return adjustment::adjust_loan_charge(&state, &caller, spec, loan_id, id, &body).await;
    }
    let json = body.json()?;
    let mut r = Reader::new(&json, RESOURCE);
    let (waive, date, payment, external_id) = match command {
        ChargeCommand::Pay => {
            json.check_supported(&[
                "transactionDate",
                "dueDate",
                "installmentNumber",
                "externalId",
                "locale",
                "dateFormat",
                "paymentTypeId",
                "accountNumber",
                "checkNumber",
                "routingCode",
                "receiptNumber",
                "bankNumber",
            ])?;
            let date = r.required_date("transactionDate");
            r.date("dueDate");
            let payment = kassa_store::repo::loans::transaction::PaymentDetail {
                payment_type_id: r.long("paymentTypeId"),
                account_number: r.string("accountNumber", 100),
                check_number: r.string("checkNumber", 100),
                routing_code: r.string("routingCode", 100),
                receipt_number: r.string("receiptNumber", 100),
                bank_number: r.string("bankNumber", 100),
            };
            (false, date, payment, r.string("externalId", 100))
        }
        // An adjustment was handed on above.
        ChargeCommand::Waive | ChargeCommand::Adjustment => {
            json.check_supported(&["installmentNumber", "locale", "dateFormat", "externalId"])?;
            (true, None, Default::default(), r.string("externalId", 100))
        }
    };
    let installment_number = r.long("installmentNumber");
    r.finish()?;
    let command = app::SettleLoanCharge {
        loan_id,
        id,
        waive,
        date,
        installment_number,
        external_id,
        payment,
        values: values(&body)?,
    };
    crate::routes::run_command(&state, &caller, spec, &command).await
}
