//! `command=refundByCash` and `command=foreclosure` on `POST /loans/{id}/transactions`, and
//! `command=chargeback` on `POST /loans/{id}/transactions/{txId}`: Fineract's bodies read with its
//! validators' rules (`validateNewRefundTransaction`, `validateLoanForeclosure`,
//! `validateChargebackTransaction`, whose resource names the error codes carry).

use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::loans::foreclosure::Foreclose;
use kassa_app::loans::refunds::{Chargeback, RefundByCash};
use kassa_app::ParamError;
use kassa_store::repo::loans::transaction::PaymentDetail;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{spec, writable_loan};
use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::wire::{JsonBody, Reader};
use crate::ApiState;

const TRANSACTION: &str = "loan.transaction";

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

fn values(json: &JsonBody) -> Map<String, Value> {
    serde_json::from_str(json.raw()).unwrap_or_default()
}

/// `transactionAmount`: mandatory and greater than zero (`notNull().positiveAmount()`).
fn positive_amount(r: &mut Reader, resource: &str) -> Option<Decimal> {
    let amount = r.decimal("transactionAmount");
    if !r.has("transactionAmount") {
        r.mandatory_missing("transactionAmount");
    }
    if amount.is_some_and(|a| a <= Decimal::ZERO) {
        r.error(ParamError::new(
            "transactionAmount",
            format!("validation.msg.{resource}.transactionAmount.not.greater.than.zero"),
            "The parameter `transactionAmount` must be greater than 0.",
        ));
    }
    amount
}

/// `POST /loans/{loanId}/transactions?command=refundByCash` (REFUNDBYCASH_LOAN).
pub(super) async fn refund_by_cash(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    body: &Body,
) -> ApiResult<Response> {
    let href = format!("/loans/{id}/transactions");
    let spec = spec(state, headers, "REFUNDBYCASH", href, body);
    writable_loan(caller, &spec, id).await?;
    let json = body.json()?;
    let mut supported = vec![
        "transactionDate",
        "transactionAmount",
        "externalId",
        "note",
        "locale",
        "dateFormat",
    ];
    supported.extend(PAYMENT_FIELDS);
    json.check_supported(&supported)?;
    let mut r = Reader::new(&json, TRANSACTION);
    let date = r.required_date("transactionDate");
    let amount = positive_amount(&mut r, TRANSACTION);
    let note = r.string("note", 1000);
    let external_id = r.string("externalId", 100);
    let payment = payment(&mut r);
    r.finish()?;
    let command = RefundByCash {
        loan_id: id,
        date: date.unwrap_or_default(),
        amount: amount.unwrap_or_default(),
        external_id,
        payment,
        note,
        values: values(&json),
    };
    crate::routes::run_command(state, caller, spec, &command).await
}

/// `POST /loans/{loanId}/transactions?command=foreclosure` (FORECLOSURE_LOAN).
pub(super) async fn foreclose(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    body: &Body,
) -> ApiResult<Response> {
    let href = format!("/loans/{id}/transactions");
    let spec = spec(state, headers, "FORECLOSURE", href, body);
    writable_loan(caller, &spec, id).await?;
    let json = body.json()?;
    json.check_supported(&[
        "transactionDate",
        "note",
        "locale",
        "dateFormat",
        "externalId",
    ])?;
    let mut r = Reader::new(&json, super::RESOURCE);
    let date = r.required_date("transactionDate");
    let note = r.string("note", 1000);
    let external_id = r.string("externalId", 100);
    r.finish()?;
    let command = Foreclose {
        loan_id: id,
        date: date.unwrap_or_default(),
        external_id,
        note,
        values: values(&json),
    };
    crate::routes::run_command(state, caller, spec, &command).await
}

/// `POST /loans/{loanId}/transactions/{transactionId}?command=chargeback` (CHARGEBACK_LOAN); dated on the
/// business date, so the body has no date (nor `dateFormat`: Fineract's validator refuses it).
pub(super) async fn chargeback(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    transaction_id: i64,
    body: &Body,
) -> ApiResult<Response> {
    let href = format!("/loans/{id}/transactions/{transaction_id}");
    let spec = spec(state, headers, "CHARGEBACK", href, body);
    writable_loan(caller, &spec, id).await?;
    let json = body.json()?;
    json.check_supported(&[
        "transactionAmount",
        "locale",
        "externalId",
        "note",
        "paymentTypeId",
    ])?;
    let mut r = Reader::new(&json, TRANSACTION);
    let amount = positive_amount(&mut r, TRANSACTION);
    let note = r.string("note", 1000);
    let external_id = r.string("externalId", 100);
    let payment = PaymentDetail {
        payment_type_id: r.long("paymentTypeId"),
        ..PaymentDetail::default()
    };
    r.finish()?;
    let command = Chargeback {
        loan_id: id,
        transaction_id,
        amount: amount.unwrap_or_default(),
        external_id,
        payment,
        note,
        values: values(&json),
    };
    crate::routes::run_command(state, caller, spec, &command).await
}

/// A date in the query string, read with the query's `dateFormat` and `locale` (Fineract's `DateParam`;
/// we default them to `dd MMMM yyyy` and `en`).
pub(super) fn query_date(
    query: &crate::query::Query,
    name: &str,
) -> ApiResult<Option<chrono::NaiveDate>> {
    let Some(value) = query.text(name)? else {
        return Ok(None);
    };
    let format = query.text("dateFormat")?.unwrap_or("dd MMMM yyyy");
    let locale = query.text("locale")?.unwrap_or("en");
    match kassa_wire::parse_date(value, format, locale) {
        Ok(date) => Ok(Some(date)),
        Err(_) => Err(kassa_app::AppError::validation(
            ParamError::new(
                name,
                format!("validation.msg.{}.{name}.invalid.date.format", super::RESOURCE),
                format!("The parameter `{name}` is invalid based on the dateFormat: `{format}` and locale: `{locale}` provided:"),
            )
            .with_value(Value::String(value.to_string())),
        )
        .into()),
    }
}

/// Fineract's `LoanSubStatus.loanSubStatusEnum`, its doubled code prefix included.
pub(super) fn sub_status_data(id: Option<i64>) -> Option<Value> {
    id.map(|id| match id {
        100 => serde_json::json!({"id": 100, "code": "loanSubStatus.loanSubStatusType.foreclosed", "value": "Foreclosed"}),
        _ => serde_json::json!({"id": 0, "code": "loanSubStatusType.invalid", "value": "Invalid"}),
    })
}

/// Fineract's `LoanTransactionRelationData`; the type is the enum's name.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RelationData {
    from_loan_transaction: i64,
    to_loan_transaction: Option<i64>,
    relation_type: &'static str,
    #[serde(
        serialize_with = "crate::wire::ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    amount: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_type: Option<String>,
}

/// The links from transaction `id`: a chargeback shows its amount and payment type.
pub(super) fn relations_data(
    relations: &[kassa_store::repo::loans::transaction_relation::RelationRow],
    id: i64,
    places: u32,
) -> Vec<RelationData> {
    relations
        .iter()
        .filter(|r| r.from_loan_transaction_id == id)
        .map(|r| RelationData {
            from_loan_transaction: r.from_loan_transaction_id,
            to_loan_transaction: r.to_loan_transaction_id,
            relation_type: match r.relation_type_enum {
                1 => "CHARGEBACK",
                2 => "CHARGE_ADJUSTMENT",
                3 => "REPLAYED",
                _ => "INVALID",
            },
            amount: r.amount.map(|a| {
                let mut d = a.0.round_dp(places);
                d.rescale(places);
                d
            }),
            payment_type: r.payment_type_name.clone(),
        })
        .collect()
}
