//! `GET /loans` (a filtered, sorted page) and the loan lines of `GET /clients/{id}/accounts`.

use axum::extract::State;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use kassa_app::loans;

use kassa_store::repo::loans::loan::{LoanFilter, LoanOrder, LoanRecord};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::schedule_data::{currency_data, CurrencyData};
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::wire::ser;
use crate::ApiState;

use super::enum_data::EnumData;
use super::read::*;
use crate::respond::json_ok;

pub(super) const ORDER_COLUMNS: &[(&str, LoanOrder)] = &[
    ("id", LoanOrder::Id),
    ("accountNo", LoanOrder::AccountNo),
    ("externalId", LoanOrder::ExternalId),
    ("loanStatusId", LoanOrder::Status),
    ("status", LoanOrder::Status),
    ("clientName", LoanOrder::ClientName),
    ("productName", LoanOrder::ProductName),
    ("principal", LoanOrder::Principal),
    ("submittedOnDate", LoanOrder::SubmittedOnDate),
    (
        "expectedDisbursementDate",
        LoanOrder::ExpectedDisbursementDate,
    ),
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LoanPage {
    total_filtered_records: i64,
    page_items: Vec<LoanAccountData>,
}

/// `GET /loans`: a page of the caller's loans, filtered by `externalId`, `accountNo` and `status` (alias
/// `loanStatus`, the numeric status id).
#[utoipa::path(get, path = "/loans", tag = "Loans",
    params(("externalId" = Option<String>, Query), ("accountNo" = Option<String>, Query),
           ("status" = Option<i64>, Query, description = "Numeric status id; alias `loanStatus`"),
           ("orderBy" = Option<String>, Query), ("sortOrder" = Option<String>, Query),
           ("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, description = "`{totalFilteredRecords, pageItems}`"),
              (status = 403, description = "No READ_LOAN permission")))]
pub(super) async fn list_loans(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let status = match query.long("status")? {
        Some(s) => Some(s),
        None => query.long("loanStatus")?,
    };
    let filter = LoanFilter {
        external_id: query.text("externalId")?.map(str::to_string),
        account_no: query.text("accountNo")?.map(str::to_string),
        status,
        ..LoanFilter::default()
    };
    let order = query.order_by(ORDER_COLUMNS)?.unwrap_or_default();
    let sort = query.sort_order()?;
    let settings = &state.app.settings;
    let page = query.page(settings.page_limit_default, settings.page_limit_max)?;
    let (total, rows) =
        loans::list(&caller.tenant, &caller.principal, filter, order, sort, page).await?;
    let mut items = Vec::with_capacity(rows.len());
    let mut currencies: Vec<kassa_domain::organisation::currency::Currency> = Vec::new();
    for loan in rows {
        let known = currencies.iter().find(|c| {
            c.code == loan.currency_code
                && i64::from(c.decimal_places) == loan.currency_digits
                && c.in_multiples_of == Some(loan.currency_multiplesof)
        });
        let currency = match known {
            Some(c) => c.clone(),
            None => {
                let c = loans::currency(&caller.tenant, &loan).await?;
                currencies.push(c.clone());
                c
            }
        };
        items.push(loan_data(loan, &currency, None, None));
    }
    json_ok(&LoanPage {
        total_filtered_records: total,
        page_items: items,
    })
}

/// `LoanAccountSummaryData` as `GET /clients/{id}/accounts` lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LoanAccountSummary {
    id: i64,
    account_no: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    product_id: i64,
    product_name: String,
    short_product_name: String,
    status: StatusData,
    loan_type: EnumData,
    loan_cycle: i64,
    timeline: Value,
    currency: CurrencyData,
    #[serde(serialize_with = "ser::decimal")]
    principal: Decimal,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    original_loan: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    loan_balance: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    amount_paid: Option<Decimal>,
    in_arrears: bool,
}

pub(crate) fn account_summary(
    l: &LoanRecord,
    ledger: &kassa_domain::loans::ledger::Ledger,
    currency: &kassa_domain::organisation::currency::Currency,
    short_name: String,
    today: NaiveDate,
    grace: u32,
) -> LoanAccountSummary {
    let places = currency.decimal_places;
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    let disbursed = l.disbursedon_date.is_some();
    let s = kassa_domain::loans::ledger::summary(ledger);
    let a = kassa_domain::loans::ledger::arrears(ledger, today, grace);
    let date = |d: Option<NaiveDate>| d.map(|d| serde_json::json!([d.year(), d.month(), d.day()]));
    let mut timeline = serde_json::json!({
        "submittedOnDate": date(Some(l.submittedon_date)),
        "expectedDisbursementDate": date(Some(l.expected_disbursedon_date)),
    });
    for (k, v) in [
        ("approvedOnDate", l.approvedon_date),
        ("actualDisbursementDate", l.disbursedon_date),
        ("closedOnDate", l.closedon_date),
        ("expectedMaturityDate", l.expected_maturedon_date),
    ] {
        if let Some(v) = date(v) {
            timeline[k] = v;
        }
    }
    LoanAccountSummary {
        id: l.id,
        account_no: l.account_no.clone(),
        external_id: l.external_id.clone(),
        product_id: l.product_id,
        product_name: l.product_name.clone(),
        short_product_name: short_name,
        status: status_data(l.loan_status_id),
        loan_type: EnumData::of((1, "accountType.individual", "Individual")),
        loan_cycle: 1,
        timeline,
        currency: currency_data(currency),
        principal: m(l.principal_amount.0),
        original_loan: disbursed.then(|| m(s.principal_disbursed)),
        loan_balance: disbursed.then(|| m(s.total_outstanding)),
        amount_paid: disbursed.then(|| m(s.total_repayment)),
        in_arrears: disbursed && a.in_arrears,
    }
}
