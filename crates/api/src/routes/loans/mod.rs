//! Loans: `POST /loans?command=calculateLoanSchedule` reads a loan application with Fineract's validator
//! rules and answers the schedule as `LoanScheduleData`, writing nothing. `POST /loans` without a command
//! submits the same application through the pipeline and stores it with that schedule; `GET /loans`,
//! `GET /loans/{loanId}` and `DELETE /loans/{loanId}` read and delete applications.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::loans;
use kassa_app::loans::schedule::{self, LoanApplication};
use kassa_app::{AppError, ParamError};
use kassa_domain::loan_products::LoanProduct;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::wire::{JsonBody, Reader};
use crate::ApiState;

/// Fineract's validator resource: `validation.msg.loan.<parameter>.<rule>`.
pub(super) const RESOURCE: &str = "loan";

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(loan_command, list_loans))
        .routes(routes!(get_loan, delete_loan, modify_loan, loan_lifecycle))
        .routes(routes!(loan_transaction))
        .routes(routes!(adjust_loan_transaction, get_loan_transaction))
        .routes(routes!(loan_transaction_template))
        .routes(routes!(loan_account_template))
        .routes(routes!(loan_template))
        .routes(routes!(list_loan_charges, add_loan_charge))
        .routes(routes!(loan_charge_template))
        .routes(routes!(
            get_loan_charge,
            update_loan_charge,
            delete_loan_charge,
            loan_charge_command
        ))
        .routes(routes!(
            get_loan_by_external_id,
            delete_loan_by_external_id,
            modify_loan_by_external_id
        ))
        .routes(routes!(undo_waive_charge))
        .routes(routes!(
            list_loan_charges_by_external_id,
            add_loan_charge_by_external_id
        ))
        .routes(routes!(loan_charge_template_by_external_id))
        .routes(routes!(
            get_loan_charge_by_external_loan,
            update_loan_charge_by_external_loan,
            delete_loan_charge_by_external_loan,
            loan_charge_command_by_external_loan
        ))
        .routes(routes!(
            get_loan_charge_by_external_charge,
            update_loan_charge_by_external_charge,
            delete_loan_charge_by_external_charge,
            loan_charge_command_by_external_charge
        ))
        .routes(routes!(
            get_loan_charge_by_external_ids,
            update_loan_charge_by_external_ids,
            delete_loan_charge_by_external_ids,
            loan_charge_command_by_external_ids
        ))
}

mod application;
mod charges;
mod commands;
mod enum_data;
mod list;
mod money_data;
mod read;
mod refunds;
mod schedule_data;
mod template;
mod terms_data;
mod tranches;
mod transaction_commands;
mod transaction_read;

use application::*;
use charges::*;
use commands::*;
pub(super) use list::LoanAccountSummary;
use list::*;
use read::*;
use schedule_data::*;
use template::*;
use transaction_commands::*;
use transaction_read::*;

entity_spec!(kassa_app::loans::ENTITY);

/// The loan a write names, after the caller's permission for the write (Fineract checks the permission
/// first); a loan outside the caller's offices is a 404.
pub(super) async fn writable_loan(
    caller: &Caller,
    spec: &kassa_app::platform::pipeline::CommandSpec,
    loan_id: i64,
) -> ApiResult<kassa_store::repo::loans::loan::LoanRecord> {
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    Ok(loans::get_for_write(&caller.tenant, &caller.principal, loan_id).await?)
}

/// The client's loans as `GET /clients/{id}/accounts` lists them (`loanAccounts`).
pub(super) async fn client_loan_accounts(
    state: &ApiState,
    caller: &Caller,
    client_id: i64,
) -> ApiResult<Vec<list::LoanAccountSummary>> {
    let tenant = &caller.tenant;
    let reads = kassa_app::loans::read::of_client(tenant, client_id).await?;
    let Some(catalogue) = reads.first().map(|r| r.version.catalogue) else {
        return Ok(Vec::new());
    };
    let today = state.app.today_of_catalogue(tenant, catalogue).await?;
    let mut out = Vec::with_capacity(reads.len());
    for read in reads {
        let loan = &read.loan;
        let ledger = kassa_app::loans::money::ledger_of_rows(loan, &read.rows)?;
        let currency = &kassa_app::loans::read::currency(tenant, catalogue, loan).await?;
        let product = &kassa_app::loans::read::product(tenant, catalogue, loan.product_id).await?;
        let grace = loans::grace_on_arrears_ageing(loan, product);
        out.push(list::account_summary(
            loan,
            &ledger,
            currency,
            product.terms.short_name.clone(),
            today,
            grace,
        ));
    }
    Ok(out)
}

/// `LoanApplicationValidator.SUPPORTED_PARAMETERS`.
const SUPPORTED: &[&str] = &[
    "dateFormat",
    "locale",
    "id",
    "clientId",
    "groupId",
    "loanType",
    "productId",
    "principal",
    "totalLoan",
    "isParentAccount",
    "loanTermFrequency",
    "loanTermFrequencyType",
    "numberOfRepayments",
    "repaymentEvery",
    "repaymentFrequencyType",
    "repaymentFrequencyNthDayType",
    "repaymentFrequencyDayOfWeekType",
    "interestRatePerPeriod",
    "amortizationType",
    "amortizationTypeOptions",
    "interestType",
    "isFloatingInterestRate",
    "interestRateDifferential",
    "interestCalculationPeriodType",
    "allowPartialPeriodInterestCalcualtion",
    "interestRateFrequencyType",
    "expectedDisbursementDate",
    "repaymentsStartingFromDate",
    "graceOnPrincipalPayment",
    "graceOnInterestPayment",
    "graceOnInterestCharged",
    "interestChargedFromDate",
    "submittedOnDate",
    "submittedOnNote",
    "accountNo",
    "externalId",
    "fundId",
    "loanOfficerId",
    "loanPurposeId",
    "inArrearsTolerance",
    "charges",
    "collateral",
    "transactionProcessingStrategyCode",
    "calendarId",
    "syncDisbursementWithMeeting",
    "linkAccountId",
    "disbursementData",
    "fixedEmiAmount",
    "maxOutstandingLoanBalance",
    "graceOnArrearsAgeing",
    "createStandingInstructionAtDisbursement",
    "isTopup",
    "loanIdToClose",
    "datatables",
    "isEqualAmortization",
    "rates",
    "applicationId",
    "lastApplication",
    "daysInYearType",
    "fixedPrincipalPercentagePerInstallment",
    "loanScheduleProcessingType",
    "fixedLength",
    "enableDownPayment",
    "disbursedAmountPercentageForDownPayment",
    "enableAutoRepaymentForDownPayment",
    "enableInstallmentLevelDelinquency",
];

#[derive(Clone, Copy)]
enum LoanCommand {
    CalculateLoanSchedule,
}

/// `POST /loans`: with `command=calculateLoanSchedule` the schedule of the application in the body.
#[utoipa::path(post, path = "/loans", tag = "Loans",
    params(("command" = Option<String>, Query, description = "`calculateLoanSchedule`; without a command the application is submitted")),
    request_body(content = String, description = "Fineract's loan application fields", content_type = "application/json"),
    responses((status = 200, description = "LoanScheduleData (calculateLoanSchedule), or `{officeId, clientId, loanId, resourceId}`"),
              (status = 400, description = "Validation errors or an unknown command"),
              (status = 403, description = "No CREATE_LOAN permission, an inactive client, or a date rule"),
              (status = 404, description = "Unknown loan product or client")))]
async fn loan_command(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    if query.get("command").is_none() {
        return submit_application(&state, &caller, &headers, &body).await;
    }
    match query.command(&[("calculateLoanSchedule", LoanCommand::CalculateLoanSchedule)])? {
        LoanCommand::CalculateLoanSchedule => calculate_loan_schedule(&state, &caller, &body).await,
    }
}

/// Both passes of Fineract's application validation, on the product the body names.
pub(super) async fn parse_application(
    caller: &Caller,
    json: &JsonBody,
) -> ApiResult<(LoanProduct, LoanApplication)> {
    json.check_supported(SUPPORTED)?;
    // Fineract loads the product before it validates anything else.
    let product_id = {
        let mut r = Reader::new(json, RESOURCE);
        let id = r.long("productId");
        if id.is_none() && !r.has("productId") {
            r.mandatory_missing("productId");
        }
        r.finish()?;
        id.unwrap_or_default()
    };
    let product = schedule::product(&caller.tenant, product_id).await?;
    let application = read_application(json, &product, product_id)?;
    Ok((product, application))
}

async fn calculate_loan_schedule(
    state: &ApiState,
    caller: &Caller,
    body: &Body,
) -> ApiResult<Response> {
    let json = body.json()?;
    let (charges, json) = application_charges(&json)?;
    let (product, application) = parse_application(caller, &json).await?;
    let today = state.app.today(&caller.tenant).await?;
    let mut schedule =
        schedule::calculate(&caller.tenant, &caller.principal, &product, &application).await?;
    kassa_app::loans::charges::apply_to_schedule(
        &caller.tenant,
        &mut schedule,
        application.principal,
        &charges,
    )
    .await?;
    Ok(crate::error::json_response(
        axum::http::StatusCode::OK,
        serde_json::to_string(&schedule_data(&schedule, today))
            .map_err(|e| ApiError(AppError::Internal(e.to_string())))?,
    ))
}

/// An application as `POST /loans` and `PUT /loans/{loanId}` read it, scheduled.
async fn read_submission(
    caller: &Caller,
    json: &JsonBody,
) -> ApiResult<kassa_app::loans::SubmitLoanApplication> {
    let (product, application) = parse_application(caller, json).await?;
    let mut r = Reader::new(json, RESOURCE);
    let loan_type = r.string("loanType", 20);
    required(&mut r, "loanType", loan_type.as_ref());
    let client_id = required(&mut r, "clientId", application.client_id);
    if loan_type.as_deref().is_some_and(|t| t != "individual") {
        r.error(ParamError::new(
            "loanType",
            "error.msg.loan.type.not.supported.yet",
            "Only individual loans are supported yet.",
        ));
    }
    let account_no = r.string("accountNo", 20);
    let external_id = r.string("externalId", 100);
    let strategy = r
        .string("transactionProcessingStrategyCode", 100)
        .unwrap_or_default();
    r.finish()?;
    tranches::check_submitted(
        &product,
        json,
        &application.tranches,
        application.expected_disbursement_date,
        application.principal,
    )?;
    let schedule =
        schedule::calculate(&caller.tenant, &caller.principal, &product, &application).await?;
    Ok(kassa_app::loans::SubmitLoanApplication {
        product,
        application,
        schedule,
        client_id: client_id.unwrap_or_default(),
        account_no,
        external_id,
        transaction_processing_strategy_code: strategy,
        application_json: Some(json.raw().to_string()),
    })
}

/// `POST /loans`: the application `calculateLoanSchedule` validates, plus what an application needs: an
/// individual loan of an active client the caller sees, and the optional account number and external id.
async fn submit_application(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    body: &Body,
) -> ApiResult<Response> {
    let spec = spec(state, headers, "CREATE", "/loans".into(), body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    let (charges, json) = application_charges(&json)?;
    let submit = read_submission(caller, &json).await?;
    let command = kassa_app::loans::charges::SubmitWithCharges { submit, charges };
    super::run_command(state, caller, spec, &command).await
}

/// `DELETE /loans/{loanId}`: an application still pending approval.
#[utoipa::path(delete, path = "/loans/{loanId}", tag = "Loans", params(("loanId" = i64, Path)),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId}`"),
              (status = 403, description = "No DELETE_LOAN permission, or not pending approval"),
              (status = 404, description = "Unknown loan")))]
async fn delete_loan(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = super::path_id(&id, "Loan")?;
    let spec = spec(&state, &headers, "DELETE", format!("/loans/{id}"), &body);
    super::run_command(&state, &caller, spec, &loans::DeleteLoanApplication { id }).await
}

/// `DELETE /loans/external-id/{loanExternalId}`: as `DELETE /loans/{loanId}`.
#[utoipa::path(delete, path = "/loans/external-id/{loanExternalId}", tag = "Loans",
    params(("loanExternalId" = String, Path)),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId}`"),
              (status = 403, description = "No DELETE_LOAN permission, or not pending approval"),
              (status = 404, description = "Unknown loan")))]
async fn delete_loan_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(external_id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = loans::id_by_external_id(&caller.tenant, &external_id).await?;
    let spec = spec(
        &state,
        &headers,
        "DELETE",
        format!("/loans/external-id/{external_id}"),
        &body,
    );
    super::run_command(&state, &caller, spec, &loans::DeleteLoanApplication { id }).await
}

/// `PUT /loans/{loanId}`: a whole application replacing one pending approval; the schedule is regenerated.
#[utoipa::path(put, path = "/loans/{loanId}", tag = "Loans", params(("loanId" = i64, Path)),
    request_body(content = String, description = "The whole loan application", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId, changes}`"),
              (status = 400, description = "Validation errors"),
              (status = 403, description = "No UPDATE_LOAN permission, not pending approval, or a rule"),
              (status = 404, description = "Unknown loan, product or client")))]
async fn modify_loan(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = super::path_id(&id, "Loan")?;
    let spec = spec(&state, &headers, "UPDATE", format!("/loans/{id}"), &body);
    modify(&state, &caller, spec, id, &body).await
}

/// `PUT /loans/external-id/{loanExternalId}`: as `PUT /loans/{loanId}`.
#[utoipa::path(put, path = "/loans/external-id/{loanExternalId}", tag = "Loans",
    params(("loanExternalId" = String, Path)),
    request_body(content = String, description = "The whole loan application", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId, changes}`"),
              (status = 400, description = "Validation errors"),
              (status = 403, description = "No UPDATE_LOAN permission, not pending approval, or a rule"),
              (status = 404, description = "Unknown loan, product or client")))]
async fn modify_loan_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(external_id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = loans::id_by_external_id(&caller.tenant, &external_id).await?;
    let spec = spec(
        &state,
        &headers,
        "UPDATE",
        format!("/loans/external-id/{external_id}"),
        &body,
    );
    modify(&state, &caller, spec, id, &body).await
}

async fn modify(
    state: &ApiState,
    caller: &Caller,
    spec: kassa_app::platform::pipeline::CommandSpec,
    id: i64,
    body: &Body,
) -> ApiResult<Response> {
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    // The loan must exist for the caller before its body is judged.
    loans::get_for_write(&caller.tenant, &caller.principal, id).await?;
    let json = body.json()?;
    let application = read_submission(caller, &json).await?;
    let values: serde_json::Map<String, Value> =
        serde_json::from_str(&spec.json).unwrap_or_default();
    let command = loans::ModifyLoanApplication {
        id,
        application,
        values,
    };
    super::run_command(state, caller, spec, &command).await
}
