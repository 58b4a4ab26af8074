//! Reads around loan money: one transaction (`GET /loans/{loanId}/transactions/{transactionId}`), the
//! transaction template the web app's repayment and disbursal forms start from, and the approval template.

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::loans::foreclosure;
use kassa_app::loans::money::{self, LoanMoney};
use kassa_app::organisation::payment_types;
use kassa_app::{loans, AppError};
use kassa_domain::loans::ledger::paid_in_advance;
use kassa_store::repo::loans::loan::LoanRecord;
use rust_decimal::Decimal;
use serde::Serialize;

use super::money_data::{transaction_data, transaction_type};
use super::schedule_data::{currency_data, CurrencyData};
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::respond::json_ok;
use crate::wire::ser;
use crate::ApiState;

/// `GET /loans/{loanId}/transactions/{transactionId}`: `LoanTransactionData`.
#[utoipa::path(get, path = "/loans/{loanId}/transactions/{transactionId}", tag = "Loan Transactions",
    params(("loanId" = i64, Path), ("transactionId" = i64, Path)),
    responses((status = 200, description = "LoanTransactionData"),
              (status = 403, description = "No READ_LOAN permission"),
              (status = 404, description = "Unknown loan or transaction")))]
pub(super) async fn get_loan_transaction(
    caller: Caller,
    Path((id, transaction_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let id = crate::routes::path_id(&id, "Loan")?;
    let transaction_id = crate::routes::path_id(&transaction_id, "LoanTransaction")?;
    let loan = loans::get(&caller.tenant, &caller.principal, id).await?;
    let currency = loans::currency(&caller.tenant, &loan).await?;
    let money = money::read(&caller.tenant, &loan).await?;
    let t = money
        .transactions
        .iter()
        .find(|t| t.id == transaction_id)
        .ok_or_else(|| AppError::NotFound {
            entity: "LoanTransaction",
            id: transaction_id.to_string(),
        })?;
    let currency_json = std::sync::Arc::new(currency_data(&currency));
    let relations = kassa_app::loans::refunds::relations(&caller.tenant, loan.id).await?;
    let mut data = transaction_data(t, &currency_json, currency.decimal_places);
    data.set_relations(&relations, currency.decimal_places);
    json_ok(&data)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PaymentTypeOption {
    id: i64,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    is_cash_payment: bool,
    position: i64,
}

/// `LoanTransactionData` as a template: what the form proposes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TransactionTemplate {
    #[serde(rename = "type")]
    kind: super::money_data::TransactionTypeData,
    #[serde(serialize_with = "ser::date")]
    date: NaiveDate,
    currency: CurrencyData,
    #[serde(serialize_with = "ser::decimal")]
    amount: Decimal,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    principal_portion: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    interest_portion: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    fee_charges_portion: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    penalty_charges_portion: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    net_disbursal_amount: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    outstanding_loan_balance: Option<Decimal>,
    payment_type_options: Vec<PaymentTypeOption>,
}

#[derive(Clone, Copy)]
enum TemplateCommand {
    Repayment,
    PrepayLoan,
    Disburse,
    WaiveInterest,
    WriteOff,
    Close,
    CreditBalanceRefund,
    Refund,
    RefundByCash,
    Foreclosure,
}

const TEMPLATE_COMMANDS: &[(&str, TemplateCommand)] = &[
    ("repayment", TemplateCommand::Repayment),
    ("prepayLoan", TemplateCommand::PrepayLoan),
    ("foreclosure", TemplateCommand::Foreclosure),
    ("disburse", TemplateCommand::Disburse),
    ("disburseToSavings", TemplateCommand::Disburse),
    ("waiveinterest", TemplateCommand::WaiveInterest),
    ("writeoff", TemplateCommand::WriteOff),
    ("close", TemplateCommand::Close),
    ("close-rescheduled", TemplateCommand::Close),
    ("creditBalanceRefund", TemplateCommand::CreditBalanceRefund),
    ("recoverypayment", TemplateCommand::Refund),
    ("goodwillCredit", TemplateCommand::Refund),
    ("merchantIssuedRefund", TemplateCommand::Refund),
    ("payoutRefund", TemplateCommand::Refund),
    ("refundbycash", TemplateCommand::RefundByCash),
];

/// The earliest installment with something outstanding: what a repayment form proposes to pay.
fn next_due(money: &LoanMoney) -> Option<kassa_domain::loans::ledger::Components> {
    money
        .ledger
        .installments
        .iter()
        .map(|i| i.outstanding())
        .find(|o| o.total() > Decimal::ZERO)
}

fn template_for(
    command: TemplateCommand,
    loan: &LoanRecord,
    money: &LoanMoney,
    currency: CurrencyData,
    places: u32,
    today: NaiveDate,
    payment_type_options: Vec<PaymentTypeOption>,
) -> TransactionTemplate {
    let zero = Decimal::ZERO;
    let outstanding = money.ledger.installments.iter().fold(
        kassa_domain::loans::ledger::Components::default(),
        |acc, i| {
            let o = i.outstanding();
            kassa_domain::loans::ledger::Components {
                principal: acc.principal + o.principal,
                interest: acc.interest + o.interest,
                fee: acc.fee + o.fee,
                penalty: acc.penalty + o.penalty,
            }
        },
    );
    let (type_id, amount, portions) = match command {
        TemplateCommand::Repayment => {
            let next = next_due(money).unwrap_or_default();
            (2, next.total(), Some(next))
        }
        TemplateCommand::PrepayLoan => (2, outstanding.total(), Some(outstanding)),
        TemplateCommand::Disburse => (1, loan.approved_principal.0, None),
        TemplateCommand::WaiveInterest => {
            let next = next_due(money).unwrap_or_default();
            (4, next.interest, None)
        }
        TemplateCommand::WriteOff => (6, outstanding.total(), Some(outstanding)),
        TemplateCommand::Close => (2, zero, None),
        TemplateCommand::CreditBalanceRefund => (20, money.ledger.credit_balance, None),
        TemplateCommand::Refund => (2, zero, None),
        // `retrieveRefundByCashTemplate`: type 18 with what was paid in advance of the business date.
        TemplateCommand::RefundByCash => (18, paid_in_advance(&money.ledger, today), None),
        // Filled in by the handler, which knows the foreclosure date.
        TemplateCommand::Foreclosure => (2, zero, None),
    };
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    TransactionTemplate {
        kind: transaction_type(type_id),
        date: today,
        currency,
        amount: m(amount),
        principal_portion: portions.map(|p| m(p.principal)),
        interest_portion: portions.map(|p| m(p.interest)),
        fee_charges_portion: portions.map(|p| m(p.fee)),
        penalty_charges_portion: portions.map(|p| m(p.penalty)),
        net_disbursal_amount: matches!(command, TemplateCommand::Disburse).then(|| m(amount)),
        outstanding_loan_balance: None,
        payment_type_options,
    }
}

/// `GET /loans/{loanId}/transactions/template?command=repayment|prepayLoan|disburse|waiveinterest|writeoff|…`.
#[utoipa::path(get, path = "/loans/{loanId}/transactions/template", tag = "Loan Transactions",
    params(("loanId" = i64, Path), ("command" = String, Query)),
    responses((status = 200, description = "LoanTransactionData as a template (type, date, amount, portions, paymentTypeOptions)"),
              (status = 400, description = "An unknown command"),
              (status = 403, description = "No READ_LOAN permission"),
              (status = 404, description = "Unknown loan")))]
pub(super) async fn loan_transaction_template(
    State(state): State<ApiState>,
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = crate::routes::path_id(&id, "Loan")?;
    let command = query.command(TEMPLATE_COMMANDS)?;
    let loan = loans::get(&caller.tenant, &caller.principal, id).await?;
    let currency = loans::currency(&caller.tenant, &loan).await?;
    let money = money::read(&caller.tenant, &loan).await?;
    let today = state.app.today(&caller.tenant).await?;
    let options = payment_types::list(&caller.tenant, &caller.principal, false)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|p| PaymentTypeOption {
            id: p.id,
            name: p.name,
            description: p.description,
            is_cash_payment: p.is_cash_payment,
            position: p.position,
        })
        .collect();
    let mut data = template_for(
        command,
        &loan,
        &money,
        currency_data(&currency),
        currency.decimal_places,
        today,
        options,
    );
    if let TemplateCommand::Foreclosure = command {
        // `retrieveLoanForeclosureTemplate`: what is due on `transactionDate` (default: the business
        // date); the template's own date stays the business date.
        let on = super::refunds::query_date(&query, "transactionDate")?.unwrap_or(today);
        let due = foreclosure::template(&caller.tenant, &caller.principal, id, on, today).await?;
        let m = |d: Decimal| {
            let mut d = d.round_dp(currency.decimal_places);
            d.rescale(currency.decimal_places);
            d
        };
        data.amount = m(due.total());
        data.principal_portion = Some(m(due.principal));
        data.interest_portion = Some(m(due.interest));
        data.fee_charges_portion = Some(m(due.fee));
        data.penalty_charges_portion = Some(m(due.penalty));
        data.outstanding_loan_balance = Some(m(due.principal));
    }
    if let TemplateCommand::Disburse = command {
        // A multi-disbursement loan proposes its next tranche (`retrieveDisbursalTemplate`).
        let tranches = kassa_app::loans::tranches::list(&caller.tenant, id).await?;
        if let Some(next) = kassa_app::loans::tranches::next_tranche(&tranches) {
            let mut amount = next.principal.0.round_dp_with_strategy(
                currency.decimal_places,
                rust_decimal::RoundingStrategy::MidpointNearestEven,
            );
            amount.rescale(currency.decimal_places);
            data.amount = amount;
            data.net_disbursal_amount = Some(amount);
        }
    }
    json_ok(&data)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ApprovalTemplate {
    #[serde(serialize_with = "ser::decimal")]
    approval_amount: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    net_disbursal_amount: Decimal,
    #[serde(serialize_with = "ser::date")]
    approval_date: NaiveDate,
    #[serde(serialize_with = "ser::date")]
    expected_disbursement_date: NaiveDate,
    currency: CurrencyData,
}

/// `GET /loans/{loanId}/template?templateType=approval`: what the approval form proposes.
#[utoipa::path(get, path = "/loans/{loanId}/template", tag = "Loans",
    params(("loanId" = i64, Path), ("templateType" = String, Query, description = "`approval`")),
    responses((status = 200, description = "`{approvalAmount, netDisbursalAmount, approvalDate, expectedDisbursementDate, currency}`"),
              (status = 400, description = "An unsupported templateType"),
              (status = 404, description = "Unknown loan")))]
pub(super) async fn loan_account_template(
    State(state): State<ApiState>,
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = crate::routes::path_id(&id, "Loan")?;
    let template_type = query.text("templateType")?.unwrap_or_default();
    if template_type != "approval" {
        return Err(AppError::UnsupportedQueryValue {
            parameter: "templateType".into(),
            value: template_type.into(),
            supported: vec!["approval".into()],
        }
        .into());
    }
    let loan = loans::get(&caller.tenant, &caller.principal, id).await?;
    let currency = loans::currency(&caller.tenant, &loan).await?;
    let today = state.app.today(&caller.tenant).await?;
    let amount = loan.principal_amount_proposed.0;
    let places = currency.decimal_places;
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    json_ok(&ApprovalTemplate {
        approval_amount: m(amount),
        net_disbursal_amount: m(amount),
        approval_date: today,
        expected_disbursement_date: loan.expected_disbursedon_date,
        currency: currency_data(&currency),
    })
}
