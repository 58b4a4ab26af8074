//! Journal entries (Fineract's `JournalEntriesApiResource`): `GET /journalentries` (a page, filtered),
//! `GET /journalentries/{id}`, `POST /journalentries` (a manual entry, or `?command=defineOpeningBalance`),
//! `POST /journalentries/{transactionId}?command=reverse` and `GET /journalentries/openingbalance`.
//! Lines of offices outside the caller's subtree do not exist for the caller.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::accounting::journal_entries::{self as app, CreateManualEntry, JournalOrder};
use kassa_app::accounting::journal_opening::{opening_balances, DefineOpeningBalance};
use kassa_app::accounting::journal_reversal::ReverseEntry;
use kassa_app::{AppError, ParamError};
use kassa_store::repo::accounting::journal_read::JournalFilter;
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::journal_entry_data::{JournalEntryData, OpeningBalanceData};
use super::journal_entry_request::{read_entry, read_reversal};
use crate::body::Body;
use crate::error::{ApiError, ApiResult, Envelope};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::run_command as run;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_journal_entries, create_journal_entry))
        .routes(routes!(get_opening_balance))
        .routes(routes!(get_journal_entry, reverse_journal_entry))
}

const ORDER_COLUMNS: &[(&str, JournalOrder)] = &[
    ("id", JournalOrder::Id),
    ("transactionDate", JournalOrder::EntryDate),
    ("entryDate", JournalOrder::EntryDate),
    ("submittedOnDate", JournalOrder::SubmittedOnDate),
    ("officeId", JournalOrder::Office),
    ("glAccountId", JournalOrder::Account),
    ("accountId", JournalOrder::Account),
    ("amount", JournalOrder::Amount),
    ("transactionId", JournalOrder::TransactionId),
];

/// `JournalEntryData` fields `fields=` may keep.
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "officeId",
    "officeName",
    "glAccountName",
    "glAccountId",
    "glAccountCode",
    "glAccountType",
    "transactionDate",
    "entryType",
    "amount",
    "currency",
    "transactionId",
    "manualEntry",
    "entityType",
    "entityId",
    "createdByUserId",
    "createdDate",
    "createdByUserName",
    "comments",
    "reversed",
    "referenceNumber",
    "officeRunningBalance",
    "organizationRunningBalance",
    "runningBalanceComputed",
    "transactionDetails",
    "submittedOnDate",
];

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntryPage {
    total_filtered_records: i64,
    page_items: Vec<JournalEntryData>,
}

/// What a manual entry or an opening balance answers.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct JournalEntryAnswer {
    office_id: Option<i64>,
    transaction_id: String,
}

/// A date of the query string, read with the query's `dateFormat` and `locale` (defaults
/// `dd MMMM yyyy`, `en`).
fn query_date(query: &Query, name: &str) -> ApiResult<Option<NaiveDate>> {
    let Some(value) = query.text(name)? else {
        return Ok(None);
    };
    let format = query.text("dateFormat")?.unwrap_or("dd MMMM yyyy");
    let locale = query.text("locale")?.unwrap_or("en");
    kassa_wire::parse_date(value, format, locale)
        .map(Some)
        .map_err(|_| {
            ApiError(AppError::validation(
                ParamError::new(
                    name,
                    "validation.msg.invalid.dateFormat.format",
                    format!("The parameter `{name}` is invalid based on the dateFormat: `{format}` and locale: `{locale}` provided:"),
                )
                .with_value(Value::from(value)),
            ))
        })
}

/// Fineract ignores an id of 0 in these filters.
fn id_filter(query: &Query, name: &str) -> ApiResult<Option<i64>> {
    Ok(query.long(name)?.filter(|id| *id != 0))
}

/// A page of lines, by entry date then id unless `orderBy` says otherwise.
#[utoipa::path(get, path = "/journalentries", tag = "Journal Entries",
    params(("officeId" = Option<i64>, Query), ("glAccountId" = Option<i64>, Query),
        ("manualEntriesOnly" = Option<bool>, Query), ("fromDate" = Option<String>, Query), ("toDate" = Option<String>, Query),
        ("submittedOnDateFrom" = Option<String>, Query), ("submittedOnDateTo" = Option<String>, Query),
        ("dateFormat" = Option<String>, Query), ("locale" = Option<String>, Query),
        ("transactionId" = Option<String>, Query), ("entityType" = Option<i64>, Query, description = "1 loan (applied only without manualEntriesOnly)"),
        ("loanId" = Option<i64>, Query), ("savingsId" = Option<i64>, Query, description = "No savings accounts yet: matches nothing"),
        ("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query, description = "Bounded by the configured maximum page"),
        ("orderBy" = Option<String>, Query), ("sortOrder" = Option<String>, Query),
        ("runningBalance" = Option<bool>, Query), ("transactionDetails" = Option<bool>, Query), ("fields" = Option<String>, Query)),
    responses((status = 200, body = JournalEntryPage), (status = 400, body = Envelope, description = "A bad filter, date or order"),
              (status = 403, body = Envelope, description = "No permission")))]
async fn list_journal_entries(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let manual_only = query
        .get("manualEntriesOnly")
        .map(|v| v.eq_ignore_ascii_case("true"));
    let filter = JournalFilter {
        office_id: id_filter(&query, "officeId")?,
        account_id: id_filter(&query, "glAccountId")?,
        manual_only: manual_only.filter(|m| *m),
        entry_date_from: query_date(&query, "fromDate")?,
        entry_date_to: query_date(&query, "toDate")?,
        submitted_from: query_date(&query, "submittedOnDateFrom")?,
        submitted_to: query_date(&query, "submittedOnDateTo")?,
        transaction_id: query.text("transactionId")?.map(str::to_string),
        entity_type: id_filter(&query, "entityType")?.filter(|_| manual_only.is_none()),
        loan_id: query.long("loanId")?,
        savings_id: query.long("savingsId")?,
    };
    let order = match query.order_by(ORDER_COLUMNS)? {
        Some(col) => Some((col, query.sort_order()?)),
        None => {
            query.sort_order()?;
            None
        }
    };
    let settings = &state.app.settings;
    let page = query.page(settings.page_limit_default, settings.page_limit_max)?;
    let running = query.flag("runningBalance");
    let details = query.flag("transactionDetails");
    let (total, rows) = app::list(
        &caller.tenant,
        &caller.principal,
        &filter,
        order,
        page,
        running,
    )
    .await?;
    let page_items = rows
        .into_iter()
        .map(|l| JournalEntryData::new(l, details))
        .collect();
    respond::ok(
        &query,
        SUPPORTED_FIELDS,
        &JournalEntryPage {
            total_filtered_records: total,
            page_items,
        },
    )
}

/// One line.
#[utoipa::path(get, path = "/journalentries/{journalEntryId}", tag = "Journal Entries",
    params(("journalEntryId" = i64, Path), ("runningBalance" = Option<bool>, Query),
           ("transactionDetails" = Option<bool>, Query), ("fields" = Option<String>, Query)),
    responses((status = 200, body = JournalEntryData), (status = 404, body = Envelope, description = "No such entry")))]
async fn get_journal_entry(
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let Ok(id) = id.trim().parse::<i64>() else {
        return Err(ApiError(AppError::JournalEntry(
            kassa_domain::accounting::JournalEntryError::NotFound(0),
        )));
    };
    let running = query.flag("runningBalance");
    let line = app::get(&caller.tenant, &caller.principal, id, running).await?;
    let data = JournalEntryData::new(line, query.flag("transactionDetails"));
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// An office's opening balances in a currency: every enabled detail account with its opening line.
#[utoipa::path(get, path = "/journalentries/openingbalance", tag = "Journal Entries",
    params(("officeId" = i64, Query), ("currencyCode" = String, Query)),
    responses((status = 200, body = OpeningBalanceData),
              (status = 403, body = Envelope, description = "The contra account is not an equity account"),
              (status = 404, body = Envelope, description = "No such office, or no opening-balance contra account")))]
async fn get_opening_balance(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let office_id = query.long("officeId")?.unwrap_or(0);
    let currency = query.text("currencyCode")?.unwrap_or("").to_string();
    let today = state.app.today(&caller.tenant).await?;
    let balances = opening_balances(
        &caller.tenant,
        &caller.principal,
        today,
        office_id,
        &currency,
    )
    .await?;
    respond::ok(&query, &[], &OpeningBalanceData::new(balances))
}

#[derive(Clone, Copy)]
enum CreateCommand {
    Create,
    DefineOpeningBalance,
}

/// A manual entry (`{officeId, transactionId}`), or with `command=defineOpeningBalance` an office's
/// opening balances, each line mirrored on the contra account.
#[utoipa::path(post, path = "/journalentries", tag = "Journal Entries",
    params(("command" = Option<String>, Query, description = "defineOpeningBalance, or none for a manual entry")),
    request_body(content = JournalEntryRequest, content_type = "application/json"),
    responses((status = 200, body = JournalEntryAnswer),
              (status = 400, body = Envelope, description = "Validation errors, or more than 1,000 lines on a side"),
              (status = 403, body = Envelope, description = "A future or closed date, unbalanced or missing sides, an account that takes no manual entries, a rule mismatch, or opening balances after other postings"),
              (status = 404, body = Envelope, description = "No such office, payment type, accounting rule, GL account or organisation currency")))]
async fn create_journal_entry(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    let command = match query.get("command") {
        None => CreateCommand::Create,
        Some(_) => {
            query.command(&[("defineOpeningBalance", CreateCommand::DefineOpeningBalance)])?
        }
    };
    let (action, href) = match command {
        CreateCommand::Create => ("CREATE", "/journalentries".to_string()),
        CreateCommand::DefineOpeningBalance => (
            "DEFINEOPENINGBALANCE",
            "/journalentries?command=defineOpeningBalance".to_string(),
        ),
    };
    let spec = spec(&state, &headers, action, href, &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let entry = read_entry(&body.json()?)?;
    match command {
        CreateCommand::Create => run(&state, &caller, spec, &CreateManualEntry(entry)).await,
        CreateCommand::DefineOpeningBalance => {
            run(&state, &caller, spec, &DefineOpeningBalance(entry)).await
        }
    }
}

/// Reverses an un-reversed manual entry: opposite lines under a new transaction id. Answers
/// `{transactionId}` (the new one).
#[utoipa::path(post, path = "/journalentries/{journalEntryId}", tag = "Journal Entries",
    params(("journalEntryId" = String, Path, description = "The entry's transaction id (Fineract's `transactionId`)"),
           ("command" = String, Query, description = "reverse")),
    request_body(content = JournalEntryReversalRequest, content_type = "application/json"),
    responses((status = 200, body = JournalEntryAnswer), (status = 400, body = Envelope, description = "Comments too long, or another command"),
              (status = 403, body = Envelope, description = "The entry's date is closed"),
              (status = 404, body = Envelope, description = "No reversible manual entry with that transaction id")))]
async fn reverse_journal_entry(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(transaction_id): Path<String>,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    query.command(&[("reverse", ())])?;
    let transaction_id = transaction_id.trim().to_string();
    let spec = spec(
        &state,
        &headers,
        "REVERSE",
        format!("/journalentries/{transaction_id}?command=reverse"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let comments = if body.0.trim().is_empty() {
        None
    } else {
        read_reversal(&body.json()?)?
    };
    if transaction_id.len() > 50 || transaction_id.contains('\0') {
        return Err(ApiError(AppError::JournalEntry(
            kassa_domain::accounting::JournalEntryError::TransactionNotFound(
                transaction_id
                    .chars()
                    .take(50)
                    .filter(|c| *c != '\0')
                    .collect(),
            ),
        )));
    }
    run(
        &state,
        &caller,
        spec,
        &ReverseEntry {
            transaction_id,
            comments,
        },
    )
    .await
}

/// A line of a manual entry.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct JournalEntryLine {
    gl_account_id: i64,
    /// ≥ 0; zero is allowed, as in Fineract.
    #[schema(value_type = f64)]
    amount: String,
    comments: Option<String>,
}

/// A manual entry: both sides required and balanced; at most 1,000 lines a side.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct JournalEntryRequest {
    office_id: i64,
    /// In `dateFormat` and `locale`.
    transaction_date: String,
    date_format: String,
    locale: String,
    /// An organisation currency.
    currency_code: String,
    /// ≤ 500 characters; the default comment of every line.
    comments: Option<String>,
    /// ≤ 100 characters.
    reference_number: Option<String>,
    accounting_rule: Option<i64>,
    use_accounting_rule: Option<bool>,
    /// Checked ≥ 0 and otherwise unused (as in Fineract).
    #[schema(value_type = Option<f64>)]
    amount: Option<String>,
    payment_type_id: Option<i64>,
    account_number: Option<String>,
    check_number: Option<String>,
    routing_code: Option<String>,
    receipt_number: Option<String>,
    bank_number: Option<String>,
    credits: Vec<JournalEntryLine>,
    debits: Vec<JournalEntryLine>,
}

/// `{comments}` (optional, ≤ 500).
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[allow(dead_code)]
pub struct JournalEntryReversalRequest {
    comments: Option<String>,
}

entity_spec!(app::ENTITY);
