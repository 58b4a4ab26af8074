//! `POST /loans/{loanId}/transactions?command=…` and the adjust/undo (or chargeback) of one transaction:
//! Fineract's bodies read with its validator rules, run through the shared pipeline.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use kassa_app::loans::transactions::{AdjustTransaction, CloseLoan, NewTransaction, UndoWriteOff};
use kassa_domain::loans::ledger::TransactionKind;

use rust_decimal::Decimal;

use super::commands::{payment, supported, values, TRANSACTION_RESOURCE};
use super::{spec, writable_loan, RESOURCE};
use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::wire::Reader;
use crate::ApiState;

#[derive(Clone, Copy)]
enum Money {
    Kind(TransactionKind),
    Close,
    UndoWriteOff,
    ChargeRefund,
    RefundByCash,
    Foreclosure,
}

const TRANSACTIONS: &[(&str, Money)] = &[
    ("repayment", Money::Kind(TransactionKind::Repayment)),
    ("waiveinterest", Money::Kind(TransactionKind::WaiveInterest)),
    ("writeoff", Money::Kind(TransactionKind::WriteOff)),
    (
        "recoverypayment",
        Money::Kind(TransactionKind::RecoveryPayment),
    ),
    (
        "goodwillCredit",
        Money::Kind(TransactionKind::GoodwillCredit),
    ),
    (
        "merchantIssuedRefund",
        Money::Kind(TransactionKind::MerchantIssuedRefund),
    ),
    ("payoutRefund", Money::Kind(TransactionKind::PayoutRefund)),
    (
        "interestPaymentWaiver",
        Money::Kind(TransactionKind::InterestPaymentWaiver),
    ),
    (
        "creditBalanceRefund",
        Money::Kind(TransactionKind::CreditBalanceRefund),
    ),
    ("close", Money::Close),
    ("undowriteoff", Money::UndoWriteOff),
    ("chargeRefund", Money::ChargeRefund),
    ("refundByCash", Money::RefundByCash),
    ("foreclosure", Money::Foreclosure),
];

fn permission_action(kind: TransactionKind) -> &'static str {
    match kind {
        TransactionKind::Repayment | TransactionKind::DownPayment => "REPAYMENT",
        TransactionKind::WaiveInterest => "WAIVEINTERESTPORTION",
        TransactionKind::WriteOff => "WRITEOFF",
        TransactionKind::RecoveryPayment => "RECOVERYPAYMENT",
        TransactionKind::GoodwillCredit => "GOODWILLCREDIT",
        TransactionKind::MerchantIssuedRefund => "MERCHANTISSUEDREFUND",
        TransactionKind::PayoutRefund => "PAYOUTREFUND",
        TransactionKind::InterestPaymentWaiver => "INTERESTPAYMENTWAIVER",
        TransactionKind::CreditBalanceRefund => "CREDITBALANCEREFUND",
        TransactionKind::ChargePayment { .. } => "PAY",
        TransactionKind::WaiveCharges { .. } => "WAIVE",
        TransactionKind::ChargeRefund => "CHARGEREFUND",
        TransactionKind::ChargeAdjustment => "ADJUSTMENT",
        TransactionKind::RefundForActiveLoan => "REFUNDBYCASH",
        TransactionKind::Chargeback => "CHARGEBACK",
    }
}

/// `POST /loans/{loanId}/transactions?command=repayment|waiveinterest|writeoff|recoverypayment|goodwillCredit|merchantIssuedRefund|payoutRefund|interestPaymentWaiver|creditBalanceRefund`.
#[utoipa::path(post, path = "/loans/{loanId}/transactions", tag = "Loan Transactions",
    params(("loanId" = i64, Path), ("command" = String, Query)),
    request_body(content = String, description = "`transactionDate`, `transactionAmount`, payment details", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId: <transaction id>, changes}`"),
              (status = 400, description = "Validation errors, an unknown command, or the loan's status does not allow it"),
              (status = 403, description = "No permission, or a date rule"),
              (status = 404, description = "Unknown loan")))]
pub(super) async fn loan_transaction(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let id = crate::routes::path_id(&id, "Loan")?;
    let kind = match query.command(TRANSACTIONS)? {
        Money::Kind(kind) => kind,
        Money::ChargeRefund => {
            return super::charge_refund(&state, &caller, &headers, id, &body).await
        }
        Money::RefundByCash => {
            return super::refunds::refund_by_cash(&state, &caller, &headers, id, &body).await
        }
        Money::Foreclosure => {
            return super::refunds::foreclose(&state, &caller, &headers, id, &body).await
        }
        other => return close_or_reopen(&state, &caller, &headers, id, other, &body).await,
    };
    let href = format!("/loans/{id}/transactions");
    let spec = spec(&state, &headers, permission_action(kind), href, &body);
    writable_loan(&caller, &spec, id).await?;
    let json = body.json()?;
    let with_amount = kind != TransactionKind::WriteOff;
    let own: &[&'static str] = if with_amount {
        &["transactionDate", "transactionAmount", "externalId"]
    } else {
        &["transactionDate", "externalId", "writeoffReasonId"]
    };
    json.check_supported(&supported(own, with_amount))?;
    let mut r = Reader::new(&json, TRANSACTION_RESOURCE);
    let date = r.required_date("transactionDate");
    let amount = if with_amount {
        let amount = r.decimal("transactionAmount");
        if !r.has("transactionAmount") {
            r.mandatory_missing("transactionAmount");
        }
        let positive_only = kind != TransactionKind::WaiveInterest;
        if let Some(a) = amount {
            if a < Decimal::ZERO || (positive_only && a.is_zero()) {
                r.error(kassa_app::ParamError::new(
                    "transactionAmount",
                    format!("validation.msg.{TRANSACTION_RESOURCE}.transactionAmount.not.greater.than.zero"),
                    "The parameter `transactionAmount` must be greater than 0.",
                ));
            }
        }
        amount
    } else {
        r.long("writeoffReasonId");
        None
    };
    let external_id = r.string("externalId", 100);
    let payment = payment(&mut r);
    let note = r.string("note", 1000);
    r.finish()?;
    let command = NewTransaction {
        loan_id: id,
        kind,
        date: date.unwrap_or_default(),
        amount,
        external_id,
        payment,
        note,
        values: values(&json),
    };
    crate::routes::run_command(&state, &caller, spec, &command).await
}

/// `POST /loans/{loanId}/transactions/{transactionId}`: adjust (`transactionAmount` > 0 replaces the
/// transaction) or undo (`transactionAmount: 0`).
#[utoipa::path(post, path = "/loans/{loanId}/transactions/{transactionId}", tag = "Loan Transactions",
    params(("loanId" = i64, Path), ("transactionId" = i64, Path), ("command" = Option<String>, Query, description = "`chargeback`, or none to adjust")),
    request_body(content = String, description = "`transactionDate`, `transactionAmount` (chargeback: `transactionAmount`, `paymentTypeId`)", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId}`"),
              (status = 400, description = "Validation errors"),
              (status = 403, description = "No ADJUST_LOAN permission, or the transaction cannot be adjusted"),
              (status = 404, description = "Unknown loan or transaction")))]
pub(super) async fn adjust_loan_transaction(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path((id, transaction_id)): Path<(String, String)>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let id = crate::routes::path_id(&id, "Loan")?;
    let transaction_id = crate::routes::path_id(&transaction_id, "LoanTransaction")?;
    // Fineract adjusts unless the command is `chargeback`, whatever else it says.
    if query.text("command")? == Some("chargeback") {
        return super::refunds::chargeback(&state, &caller, &headers, id, transaction_id, &body)
            .await;
    }
    let href = format!("/loans/{id}/transactions/{transaction_id}");
    let spec = spec(&state, &headers, "ADJUST", href, &body);
    writable_loan(&caller, &spec, id).await?;
    let json = body.json()?;
    json.check_supported(&supported(
        &[
            "transactionDate",
            "transactionAmount",
            "externalId",
            "reversalExternalId",
        ],
        true,
    ))?;
    let mut r = Reader::new(&json, TRANSACTION_RESOURCE);
    let date = r.required_date("transactionDate");
    let amount = r.decimal("transactionAmount");
    if !r.has("transactionAmount") {
        r.mandatory_missing("transactionAmount");
    }
    if amount.is_some_and(|a| a < Decimal::ZERO) {
        r.error(kassa_app::ParamError::new(
            "transactionAmount",
            format!("validation.msg.{RESOURCE}.transactionAmount.not.zero.or.greater"),
            "The parameter `transactionAmount` must be zero or greater.",
        ));
    }
    let external_id = r.string("externalId", 100);
    r.string("reversalExternalId", 100);
    let payment = payment(&mut r);
    let note = r.string("note", 1000);
    r.finish()?;
    let command = AdjustTransaction {
        loan_id: id,
        transaction_id,
        date: date.unwrap_or_default(),
        amount: amount.unwrap_or_default(),
        external_id,
        payment,
        note,
        values: values(&json),
    };
    crate::routes::run_command(&state, &caller, spec, &command).await
}

/// `command=close` and `command=undowriteoff`.
async fn close_or_reopen(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    command: Money,
    body: &Body,
) -> ApiResult<Response> {
    let action = match command {
        Money::UndoWriteOff => "UNDOWRITEOFF",
        _ => "CLOSE",
    };
    let spec = spec(
        state,
        headers,
        action,
        format!("/loans/{id}/transactions"),
        body,
    );
    writable_loan(caller, &spec, id).await?;
    let json = body.json()?;
    if matches!(command, Money::UndoWriteOff) {
        json.check_supported(&supported(&[], false))?;
        let run = UndoWriteOff {
            loan_id: id,
            values: values(&json),
        };
        return crate::routes::run_command(state, caller, spec, &run).await;
    }
    json.check_supported(&supported(&["transactionDate", "externalId"], false))?;
    let mut r = Reader::new(&json, TRANSACTION_RESOURCE);
    let date = r.required_date("transactionDate");
    let external_id = r.string("externalId", 100);
    let note = r.string("note", 1000);
    r.finish()?;
    let run = CloseLoan {
        loan_id: id,
        date: date.unwrap_or_default(),
        external_id,
        note,
        values: values(&json),
    };
    crate::routes::run_command(state, caller, spec, &run).await
}
