//! `POST /loans/{loanId}?command=…`, the lifecycle: Fineract's bodies read with its validator rules, run
//! through the shared pipeline with Fineract's permission codes. The body readers shared with the money
//! commands (`transaction_commands.rs`) live here.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::loans::lifecycle::{LifecycleCommand, RunLifecycleCommand};
use kassa_app::loans::schedule::{self, CalculatedSchedule};

use kassa_store::repo::loans::loan::LoanRecord;
use kassa_store::repo::loans::transaction::PaymentDetail;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{parse_application, spec, writable_loan, RESOURCE};
use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::wire::{JsonBody, Reader};
use crate::ApiState;

/// Fineract's `LoanTransactionValidator` names transaction errors `validation.msg.loan.transaction.…`.
pub(super) const TRANSACTION_RESOURCE: &str = "loan.transaction";

#[derive(Clone, Copy)]
enum Lifecycle {
    Approve,
    UndoApproval,
    Reject,
    Withdraw,
    Disburse,
    UndoDisbursal,
    UndoLastDisbursal,
    AssignLoanOfficer,
    UnassignLoanOfficer,
}

const LIFECYCLE: &[(&str, Lifecycle)] = &[
    ("approve", Lifecycle::Approve),
    ("undoapproval", Lifecycle::UndoApproval),
    ("reject", Lifecycle::Reject),
    ("withdrawnByApplicant", Lifecycle::Withdraw),
    ("disburse", Lifecycle::Disburse),
    ("undodisbursal", Lifecycle::UndoDisbursal),
    ("undolastdisbursal", Lifecycle::UndoLastDisbursal),
    ("assignloanofficer", Lifecycle::AssignLoanOfficer),
    ("unassignloanofficer", Lifecycle::UnassignLoanOfficer),
];

pub(super) const PAYMENT_FIELDS: &[&str] = &[
    "paymentTypeId",
    "accountNumber",
    "checkNumber",
    "routingCode",
    "receiptNumber",
    "bankNumber",
];

pub(super) fn supported(own: &[&'static str], with_payment: bool) -> Vec<&'static str> {
    let mut all = vec!["locale", "dateFormat", "note"];
    all.extend_from_slice(own);
    if with_payment {
        all.extend_from_slice(PAYMENT_FIELDS);
    }
    all
}

pub(super) fn payment(r: &mut Reader) -> PaymentDetail {
    PaymentDetail {
        payment_type_id: r.long("paymentTypeId"),
        account_number: r.string("accountNumber", 100),
        check_number: r.string("checkNumber", 100),
        routing_code: r.string("routingCode", 100),
        receipt_number: r.string("receiptNumber", 100),
        bank_number: r.string("bankNumber", 100),
    }
}

pub(super) fn values(json: &JsonBody) -> Map<String, Value> {
    serde_json::from_str(json.raw()).unwrap_or_default()
}

/// The schedule of the stored application with another principal and disbursement date; `None` when
/// neither differs from what the stored schedule was made for, or the loan predates stored applications.
async fn regenerate(
    caller: &Caller,
    loan: &LoanRecord,
    principal: Decimal,
    disbursement: NaiveDate,
    force: bool,
) -> ApiResult<Option<CalculatedSchedule>> {
    if !force
        && principal == loan.principal_amount.0
        && disbursement == loan.expected_disbursedon_date
    {
        return Ok(None);
    }
    let Some(stored) = &loan.application_json else {
        return Ok(None);
    };
    let json = JsonBody::parse(stored)?;
    let (product, mut application) = parse_application(caller, &json).await?;
    application.principal = principal;
    application.expected_disbursement_date = disbursement;
    if application
        .repayments_starting_from_date
        .is_some_and(|first| first <= disbursement)
    {
        application.repayments_starting_from_date = None;
    }
    Ok(Some(
        schedule::calculate(&caller.tenant, &caller.principal, &product, &application).await?,
    ))
}

/// `POST /loans/{loanId}?command=approve|undoapproval|reject|withdrawnByApplicant|disburse|undodisbursal|undolastdisbursal|assignloanofficer|unassignloanofficer`.
#[utoipa::path(post, path = "/loans/{loanId}", tag = "Loans",
    params(("loanId" = i64, Path), ("command" = String, Query, description = "approve, undoapproval, reject, withdrawnByApplicant, disburse, undodisbursal, undolastdisbursal, assignloanofficer, unassignloanofficer")),
    request_body(content = String, description = "The command's fields", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId, changes}`"),
              (status = 400, description = "Validation errors, an unknown command, or the loan's status does not allow it"),
              (status = 403, description = "No permission, or a date or amount rule"),
              (status = 404, description = "Unknown loan")))]
pub(super) async fn loan_lifecycle(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let id = crate::routes::path_id(&id, "Loan")?;
    let command = query.command(LIFECYCLE)?;
    let action = match command {
        Lifecycle::Approve => "APPROVE",
        Lifecycle::UndoApproval => "APPROVALUNDO",
        Lifecycle::Reject => "REJECT",
        Lifecycle::Withdraw => "WITHDRAW",
        Lifecycle::Disburse => "DISBURSE",
        Lifecycle::UndoDisbursal => "DISBURSALUNDO",
        Lifecycle::UndoLastDisbursal => "DISBURSALLASTUNDO",
        Lifecycle::AssignLoanOfficer => "UPDATELOANOFFICER",
        Lifecycle::UnassignLoanOfficer => "REMOVELOANOFFICER",
    };
    let href = format!("/loans/{id}");
    let spec = spec(&state, &headers, action, href, &body);
    let loan = writable_loan(&caller, &spec, id).await?;
    let json = body.json()?;
    // Fineract's validators name their errors per command (`validation.msg.loanapplication.approvedOnDate…`).
    let resource = match command {
        Lifecycle::Approve | Lifecycle::Reject | Lifecycle::Withdraw => "loanapplication",
        Lifecycle::Disburse => "loan.disbursement",
        Lifecycle::AssignLoanOfficer | Lifecycle::UnassignLoanOfficer => "loanOfficer",
        _ => RESOURCE,
    };
    let mut r = Reader::new(&json, resource);
    let mut schedule = None;
    let command = match command {
        Lifecycle::Approve => {
            json.check_supported(&supported(
                &[
                    "approvedOnDate",
                    "approvedLoanAmount",
                    "expectedDisbursementDate",
                    "netDisbursalAmount",
                    "disbursementData",
                ],
                false,
            ))?;
            let on = r.required_date("approvedOnDate");
            let amount = r.decimal("approvedLoanAmount");
            let expected = r.date("expectedDisbursementDate");
            let given = super::read_tranches(&json, &mut r);
            r.finish()?;
            let amount = amount.unwrap_or(loan.principal_amount_proposed.0);
            let expected = expected.unwrap_or(loan.expected_disbursedon_date);
            let with_tranches =
                super::tranches::approval_tranches(&caller, &loan, given, amount, expected).await?;
            let tranches = match with_tranches {
                Some((tranches, tranche_schedule)) => {
                    schedule = tranche_schedule;
                    tranches
                }
                None => {
                    if amount <= loan.principal_amount_proposed.0 {
                        schedule = regenerate(&caller, &loan, amount, expected, false).await?;
                    }
                    None
                }
            };
            LifecycleCommand::Approve {
                on: on.unwrap_or_default(),
                amount,
                expected_disbursement: expected,
                tranches,
            }
        }
        Lifecycle::UndoApproval => {
            json.check_supported(&supported(&[], false))?;
            r.finish()?;
            let proposed = loan.principal_amount_proposed.0;
            schedule = match super::tranches::undisbursed_schedule(&caller, &loan).await? {
                Some(tranche_schedule) => tranche_schedule,
                None => {
                    regenerate(
                        &caller,
                        &loan,
                        proposed,
                        loan.expected_disbursedon_date,
                        true,
                    )
                    .await?
                }
            };
            LifecycleCommand::UndoApproval
        }
        Lifecycle::Reject => {
            json.check_supported(&supported(&["rejectedOnDate"], false))?;
            let on = r.required_date("rejectedOnDate");
            r.finish()?;
            LifecycleCommand::Reject {
                on: on.unwrap_or_default(),
            }
        }
        Lifecycle::Withdraw => {
            json.check_supported(&supported(&["withdrawnOnDate"], false))?;
            let on = r.required_date("withdrawnOnDate");
            r.finish()?;
            LifecycleCommand::Withdraw {
                on: on.unwrap_or_default(),
            }
        }
        Lifecycle::Disburse => {
            json.check_supported(&supported(
                &[
                    "actualDisbursementDate",
                    "transactionAmount",
                    "externalId",
                    "fixedEmiAmount",
                    "netDisbursalAmount",
                    "adjustRepaymentDate",
                    "postDatedChecks",
                ],
                true,
            ))?;
            let on = r.required_date("actualDisbursementDate");
            let amount = r.decimal("transactionAmount");
            if amount.is_some_and(|a| a <= Decimal::ZERO) {
                r.error(kassa_app::ParamError::new(
                    "transactionAmount",
                    format!("validation.msg.{resource}.transactionAmount.not.greater.than.zero"),
                    "The parameter `transactionAmount` must be greater than 0.",
                ));
            }
            let external_id = r.string("externalId", 100);
            let payment = payment(&mut r);
            let note = r.string("note", 1000);
            r.finish()?;
            let on = on.unwrap_or_default();
            let tranche = super::tranches::disburse_tranche(
                &caller,
                &loan,
                on,
                amount,
                external_id.clone(),
                payment.clone(),
                note.clone(),
                values(&json),
            )
            .await?;
            if let Some(tranche) = tranche {
                return crate::routes::run_command(&state, &caller, spec, &tranche).await;
            }
            let amount = amount.unwrap_or(loan.approved_principal.0);
            if amount <= loan.approved_principal.0 && amount > Decimal::ZERO {
                let differs =
                    amount != loan.principal_amount.0 || on != loan.expected_disbursedon_date;
                if differs {
                    schedule = regenerate(&caller, &loan, amount, on, true).await?;
                }
            }
            LifecycleCommand::Disburse {
                on,
                amount,
                external_id,
                payment,
                note,
            }
        }
        Lifecycle::UndoDisbursal => {
            json.check_supported(&supported(&[], false))?;
            r.finish()?;
            let approved = loan.approved_principal.0;
            schedule = match super::tranches::undisbursed_schedule(&caller, &loan).await? {
                Some(tranche_schedule) => tranche_schedule,
                None => {
                    regenerate(
                        &caller,
                        &loan,
                        approved,
                        loan.expected_disbursedon_date,
                        true,
                    )
                    .await?
                }
            };
            LifecycleCommand::UndoDisbursal
        }
        Lifecycle::UndoLastDisbursal => {
            json.check_supported(&supported(&[], false))?;
            r.finish()?;
            let run = super::tranches::undo_last_disbursal(&caller, &loan, values(&json)).await?;
            return crate::routes::run_command(&state, &caller, spec, &run).await;
        }
        Lifecycle::AssignLoanOfficer => {
            json.check_supported(&supported(
                &["toLoanOfficerId", "assignmentDate", "fromLoanOfficerId"],
                false,
            ))?;
            let to = r.required_long("toLoanOfficerId");
            let on = r.required_date("assignmentDate");
            r.long("fromLoanOfficerId");
            r.finish()?;
            LifecycleCommand::AssignLoanOfficer {
                to: to.unwrap_or_default(),
                on: on.unwrap_or_default(),
            }
        }
        Lifecycle::UnassignLoanOfficer => {
            json.check_supported(&supported(&["unassignedDate"], false))?;
            let on = r.required_date("unassignedDate");
            r.finish()?;
            LifecycleCommand::UnassignLoanOfficer {
                on: on.unwrap_or_default(),
            }
        }
    };
    let run = RunLifecycleCommand {
        id,
        command,
        schedule,
        values: values(&json),
    };
    crate::routes::run_command(&state, &caller, spec, &run).await
}
