//! The charge transactions beyond pay and waive: `?command=adjustment` on a loan charge,
//! `POST /loans/{loanId}/transactions?command=chargeRefund`, and `PUT /loans/{loanId}/transactions/{id}`
//! (undo a charge waiver). Bodies are read with Fineract's validators (`LoanChargeApiJsonValidator`).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::loans::charges as app;
use kassa_app::platform::pipeline::CommandSpec;
use kassa_app::ParamError;
use kassa_store::repo::loans::transaction::PaymentDetail;
use rust_decimal::Decimal;

use super::super::writable_loan;
use super::values;
use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::wire::Reader;
use crate::ApiState;

const PAYMENT_FIELDS: [&str; 6] = [
    "paymentTypeId",
    "accountNumber",
    "checkNumber",
    "routingCode",
    "receiptNumber",
    "bankNumber",
];

fn payment(r: &mut Reader) -> PaymentDetail {
    PaymentDetail {
        payment_type_id: r.long("paymentTypeId"),
        account_number: r.string("accountNumber", 100),
        check_number: r.string("checkNumber", 100),
        routing_code: r.string("routingCode", 100),
        receipt_number: r.string("receiptNumber", 100),
        bank_number: r.string("bankNumber", 100),
    }
}

fn not_positive(r: &mut Reader, resource: &str, name: &str) {
    r.error(ParamError::new(
        name,
        format!("validation.msg.{resource}.{name}.not.greater.than.zero"),
        format!("The parameter `{name}` must be greater than 0."),
    ));
}

/// `?command=adjustment` (ADJUSTMENT_LOANCHARGE): `amount`, `externalId`, `note`, payment details;
/// Fineract's validator knows `locale` but not `dateFormat` (the date is the business date).
pub(super) async fn adjust_loan_charge(
    state: &ApiState,
    caller: &Caller,
    spec: CommandSpec,
    loan_id: i64,
    id: i64,
    body: &Body,
) -> ApiResult<Response> {
    const RESOURCE: &str = "loan.charge.adjustment.request";
    let json = body.json()?;
    let mut supported = vec!["amount", "externalId", "locale", "note"];
    supported.extend(PAYMENT_FIELDS);
    json.check_supported(&supported)?;
    let mut r = Reader::new(&json, RESOURCE);
    let amount = r.decimal("amount");
    // Fineract lets a missing amount through its validator and then fails with a 500; it is mandatory here.
    if !r.has("amount") {
        r.mandatory_missing("amount");
    }
    if amount.is_some_and(|a| a <= Decimal::ZERO) {
        not_positive(&mut r, RESOURCE, "amount");
    }
    let external_id = r.string("externalId", 100);
    let note = r.string("note", 1000);
    let payment = payment(&mut r);
    r.finish()?;
    let command = app::AdjustLoanCharge {
        loan_id,
        id,
        amount: amount.unwrap_or_default(),
        external_id,
        payment,
        note,
        values: values(body)?,
    };
    crate::routes::run_command(state, caller, spec, &command).await
}

/// `POST /loans/{loanId}/transactions?command=chargeRefund` (CHARGEREFUND_LOAN): `loanChargeId`*,
/// `transactionAmount` (default: all that is refundable), `dueDate` or `installmentNumber` for an
/// installment fee, `externalId`, `note`, payment details.
pub(in crate::routes::loans) async fn charge_refund(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    loan_id: i64,
    body: &Body,
) -> ApiResult<Response> {
    const RESOURCE: &str = "loan.charge.refund.transaction";
    let spec = super::super::spec(
        state,
        headers,
        "CHARGEREFUND",
        format!("/loans/{loan_id}/transactions"),
        body,
    );
    writable_loan(caller, &spec, loan_id).await?;
    let json = body.json()?;
    let mut supported = vec![
        "loanChargeId",
        "dueDate",
        "installmentNumber",
        "transactionAmount",
        "externalId",
        "note",
        "locale",
        "dateFormat",
    ];
    supported.extend(PAYMENT_FIELDS);
    json.check_supported(&supported)?;
    let mut r = Reader::new(&json, RESOURCE);
    let loan_charge_id = r.required_long("loanChargeId");
    if loan_charge_id.is_some_and(|id| id <= 0) {
        not_positive(&mut r, RESOURCE, "loanChargeId");
    }
    let installment_number = r.integer_with_locale("installmentNumber");
    if installment_number.is_some_and(|n| n <= 0) {
        not_positive(&mut r, RESOURCE, "installmentNumber");
    }
    let amount = r.decimal("transactionAmount");
    if amount.is_some_and(|a| a <= Decimal::ZERO) {
        not_positive(&mut r, RESOURCE, "transactionAmount");
    }
    let due_date = r.date("dueDate");
    let external_id = r.string("externalId", 100);
    let note = r.string("note", 1000);
    let payment = payment(&mut r);
    r.finish()?;
    let command = app::RefundLoanCharge {
        loan_id,
        loan_charge_id: loan_charge_id.unwrap_or_default(),
        amount,
        due_date,
        installment_number,
        external_id,
        payment,
        note,
        values: values(body)?,
    };
    crate::routes::run_command(state, caller, spec, &command).await
}

/// `PUT /loans/{loanId}/transactions/{transactionId}`: undoes a charge waiver (UNDO_WAIVECHARGE).
#[utoipa::path(put, path = "/loans/{loanId}/transactions/{transactionId}", tag = "Loan Transactions",
    params(("loanId" = i64, Path), ("transactionId" = i64, Path)),
    responses((status = 200, description = "`{loanId, resourceId: <loan charge id>, subResourceId: <transaction id>, changes}`"),
              (status = 403, description = "No UNDO_WAIVECHARGE permission, not a charge waiver, already reversed, the charge is paid, or the loan is not active"),
              (status = 404, description = "Unknown loan or transaction")))]
pub(in crate::routes::loans) async fn undo_waive_charge(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((loan_id, transaction_id)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Response> {
    let loan_id = crate::routes::path_id(&loan_id, "Loan")?;
    let transaction_id = crate::routes::path_id(&transaction_id, "LoanTransaction")?;
    let href = format!("/loans/{loan_id}/transactions/{transaction_id}");
    let spec = crate::routes::command_spec(&state, &headers, "UNDO", "WAIVECHARGE", href, &body);
    writable_loan(&caller, &spec, loan_id).await?;
    let command = app::UndoWaiveCharge {
        loan_id,
        transaction_id,
    };
    crate::routes::run_command(&state, &caller, spec, &command).await
}
