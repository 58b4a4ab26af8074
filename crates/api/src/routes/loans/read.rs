//! `GET /loans/{loanId}` and `GET /loans`: Fineract's `LoanAccountData`.

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::loans;
use kassa_app::AppError;
use kassa_domain::loan_products::{
    repayment_frequency_enum, Amortization, InterestCalculationPeriod, InterestMethod,
    RateFrequency,
};
use kassa_domain::loans::common::PeriodFrequency;
use kassa_store::repo::loans::loan::LoanRecord;
use rust_decimal::Decimal;
use serde::Serialize;

use super::enum_data::EnumData;
use crate::respond::json_ok;
use serde_json::Value;

use super::money_data::{summary_data, transaction_data, SummaryData, TransactionData};
use super::schedule_data::{
    apply_ledger, currency_data, schedule_data, CurrencyData, LoanScheduleData,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::wire::ser;
use crate::ApiState;
use kassa_app::loans::money::{self, LoanMoney};
use kassa_domain::loans::status::LoanStatus;

/// `LoanStatusEnumData` of a submitted application.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StatusData {
    id: i64,
    code: &'static str,
    value: &'static str,
    pending_approval: bool,
    waiting_for_disbursal: bool,
    active: bool,
    closed_obligations_met: bool,
    closed_written_off: bool,
    closed_rescheduled: bool,
    closed: bool,
    overpaid: bool,
}

pub(super) fn status_data(id: i64) -> StatusData {
    let (code, value) = LoanStatus::from_fineract_id(id)
        .map(|s| (s.code(), s.label()))
        .unwrap_or(("loanStatusType.invalid", "Invalid"));
    StatusData {
        id,
        code,
        value,
        pending_approval: id == 100,
        waiting_for_disbursal: id == 200,
        active: id == 300,
        closed_obligations_met: id == 600,
        closed_written_off: id == 601,
        closed_rescheduled: id == 602,
        closed: (600..=602).contains(&id),
        overpaid: id == 700,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TimelineData {
    #[serde(serialize_with = "ser::date")]
    submitted_on_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_firstname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_lastname: Option<String>,
    #[serde(serialize_with = "ser::date")]
    expected_disbursement_date: NaiveDate,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    expected_maturity_date: Option<NaiveDate>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    approved_on_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    approved_by_username: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    rejected_on_date: Option<NaiveDate>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    withdrawn_on_date: Option<NaiveDate>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    actual_disbursement_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disbursed_by_username: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    closed_on_date: Option<NaiveDate>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    write_off_on_date: Option<NaiveDate>,
}

/// The basics of Fineract's `LoanAccountData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LoanAccountData {
    id: i64,
    account_no: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    status: StatusData,
    /// `LoanSubStatus.loanSubStatus`: only a foreclosed loan has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) sub_status: Option<Value>,
    client_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_account_no: Option<String>,
    client_name: String,
    client_office_id: i64,
    loan_product_id: i64,
    loan_product_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    loan_product_description: Option<String>,
    loan_type: EnumData,
    currency: CurrencyData,
    #[serde(serialize_with = "ser::decimal")]
    principal: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    approved_principal: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    proposed_principal: Decimal,
    term_frequency: i64,
    term_period_frequency_type: EnumData,
    number_of_repayments: i64,
    repayment_every: i64,
    repayment_frequency_type: EnumData,
    #[serde(serialize_with = "ser::decimal")]
    interest_rate_per_period: Decimal,
    interest_rate_frequency_type: EnumData,
    #[serde(serialize_with = "ser::decimal")]
    annual_interest_rate: Decimal,
    amortization_type: EnumData,
    interest_type: EnumData,
    interest_calculation_period_type: EnumData,
    transaction_processing_strategy_code: String,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    expected_first_repayment_on_date: Option<NaiveDate>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    interest_charged_from_date: Option<NaiveDate>,
    timeline: TimelineData,
    #[serde(skip_serializing_if = "Option::is_none")]
    loan_officer_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    loan_officer_name: Option<String>,
    /// Approved; on single-loan reads also an active multi-disbursement loan with a tranche waiting.
    pub(super) can_disburse: bool,
    in_arrears: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<SummaryData>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_overpaid: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    repayment_schedule: Option<LoanScheduleData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) transactions: Option<Vec<TransactionData>>,
    /// `associations=charges`: the loan's `LoanChargeData`, as `GET /loans/{loanId}/charges` lists them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) charges: Option<Value>,
    /// The product's overdue-installment charges (single-loan reads only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) overdue_charges: Option<Vec<Value>>,
    /// The effective terms (single-loan reads only).
    #[serde(flatten)]
    pub(super) terms: Option<super::terms_data::TermsData>,
}

/// What `associations` asks for beside the loan itself.
#[derive(Default, Clone, Copy)]
pub(super) struct Associations {
    pub schedule: bool,
    pub transactions: bool,
    pub charges: bool,
    /// `multiDisburseDetails`: the tranches (`disbursementDetails`).
    pub multi_disburse_details: bool,
}

impl Associations {
    pub(super) fn of(query: &Query) -> ApiResult<Associations> {
        let mut a = Associations::default();
        let excluded: Vec<&str> = query
            .text("exclude")?
            .map(|e| e.split(',').map(str::trim).collect())
            .unwrap_or_default();
        for part in query.text("associations")?.unwrap_or_default().split(',') {
            match part.trim() {
                "all" => {
                    a.schedule = !excluded.contains(&"repaymentSchedule");
                    a.transactions = !excluded.contains(&"transactions");
                    a.charges = !excluded.contains(&"charges");
                    a.multi_disburse_details = !excluded.contains(&"multiDisburseDetails");
                }
                "multiDisburseDetails" => a.multi_disburse_details = true,
                "repaymentSchedule" => a.schedule = true,
                "transactions" => a.transactions = true,
                "charges" => a.charges = true,
                _ => {}
            }
        }
        Ok(a)
    }
}

pub(super) fn loan_data(
    l: LoanRecord,
    currency: &kassa_domain::organisation::currency::Currency,
    repayment_schedule: Option<LoanScheduleData>,
    money: Option<(&LoanMoney, NaiveDate, bool, u32)>,
) -> LoanAccountData {
    let frequency = PeriodFrequency::from_fineract_id(l.repayment_period_frequency_enum)
        .unwrap_or(PeriodFrequency::Months);
    let term_frequency = PeriodFrequency::from_fineract_id(l.term_period_frequency_enum)
        .unwrap_or(PeriodFrequency::Months);
    let places = currency.decimal_places;
    let disbursed = l.disbursedon_date.is_some();
    let (summary, arrears, total_overpaid, transactions) = match money {
        Some((money, today, with_transactions, grace)) => {
            let (summary, arrears) = if disbursed {
                let (s, a) = summary_data(
                    &money.ledger,
                    money.disbursement_fees,
                    currency_data(currency),
                    places,
                    today,
                    grace,
                );
                (Some(s), Some(a))
            } else {
                (None, None)
            };
            let overpaid = (money.ledger.credit_balance > Decimal::ZERO)
                .then_some(money.ledger.credit_balance);
            let transactions = with_transactions.then(|| {
                let currency = std::sync::Arc::new(currency_data(currency));
                money
                    .transactions
                    .iter()
                    .filter(|t| !t.is_reversed || t.transaction_type_enum != 1 || disbursed)
                    .map(|t| transaction_data(t, &currency, places))
                    .collect()
            });
            (summary, arrears, overpaid, transactions)
        }
        None => (None, None, None, None),
    };
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    let fineract_enum = |e: Option<(i64, &'static str, &'static str)>| {
        EnumData::of(e.unwrap_or((0, "invalid", "Invalid")))
    };
    LoanAccountData {
        id: l.id,
        account_no: l.account_no,
        external_id: l.external_id,
        status: status_data(l.loan_status_id),
        sub_status: None,
        client_id: l.client_id,
        client_account_no: l.client_account_no,
        client_name: l.client_name,
        client_office_id: l.client_office_id,
        loan_product_id: l.product_id,
        loan_product_name: l.product_name,
        loan_product_description: l.product_description,
        loan_type: EnumData::of((1, "accountType.individual", "Individual")),
        currency: currency_data(currency),
        principal: m(l.principal_amount.0),
        approved_principal: m(l.approved_principal.0),
        proposed_principal: m(l.principal_amount_proposed.0),
        term_frequency: l.term_frequency,
        term_period_frequency_type: EnumData::of(repayment_frequency_enum(term_frequency)),
        number_of_repayments: l.number_of_repayments,
        repayment_every: l.repay_every,
        repayment_frequency_type: EnumData::of(repayment_frequency_enum(frequency)),
        interest_rate_per_period: l.nominal_interest_rate_per_period.0.normalize(),
        interest_rate_frequency_type: fineract_enum(
            RateFrequency::from_fineract_id(l.interest_period_frequency_enum)
                .map(|e| (e.fineract_id(), e.code(), e.label())),
        ),
        annual_interest_rate: l.annual_nominal_interest_rate.0.normalize(),
        amortization_type: fineract_enum(
            Amortization::from_fineract_id(l.amortization_method_enum)
                .map(|e| (e.fineract_id(), e.code(), e.label())),
        ),
        interest_type: fineract_enum(
            InterestMethod::from_fineract_id(l.interest_method_enum)
                .map(|e| (e.fineract_id(), e.code(), e.label())),
        ),
        interest_calculation_period_type: fineract_enum(
            InterestCalculationPeriod::from_fineract_id(l.interest_calculated_in_period_enum)
                .map(|e| (e.fineract_id(), e.code(), e.label())),
        ),
        transaction_processing_strategy_code: l.loan_transaction_strategy_code,
        expected_first_repayment_on_date: l.expected_firstrepaymenton_date,
        interest_charged_from_date: l.interest_calculated_from_date,
        timeline: TimelineData {
            submitted_on_date: l.submittedon_date,
            submitted_by_username: l.submitted_by,
            submitted_by_firstname: l.submitted_by_firstname,
            submitted_by_lastname: l.submitted_by_lastname,
            expected_disbursement_date: l.expected_disbursedon_date,
            expected_maturity_date: l.expected_maturedon_date,
            approved_on_date: l.approvedon_date,
            approved_by_username: l.approved_by.clone(),
            rejected_on_date: l.rejectedon_date,
            withdrawn_on_date: l.withdrawnon_date,
            actual_disbursement_date: l.disbursedon_date,
            disbursed_by_username: l.disbursed_by.clone(),
            closed_on_date: l.closedon_date,
            write_off_on_date: l.writtenoffon_date,
        },
        loan_officer_id: l.loan_officer_id,
        loan_officer_name: l.loan_officer_name.clone(),
        can_disburse: l.loan_status_id == LoanStatus::Approved.fineract_id(),
        in_arrears: arrears.as_ref().is_some_and(|a| a.in_arrears),
        summary,
        total_overpaid,
        repayment_schedule,
        transactions,
        charges: None,
        overdue_charges: None,
        terms: None,
    }
}

/// `GET /loans/{loanId}`: the application; `associations=repaymentSchedule` (or `all`) adds its schedule in
/// `calculateLoanSchedule`'s shape.
#[utoipa::path(get, path = "/loans/{loanId}", tag = "Loans",
    params(("loanId" = i64, Path),
           ("associations" = Option<String>, Query, description = "`repaymentSchedule`, `transactions`, `charges`, `multiDisburseDetails` or `all` (less `exclude`)")),
    responses((status = 200, description = "LoanAccountData"),
              (status = 403, description = "No READ_LOAN permission"),
              (status = 404, description = "Unknown loan, or one outside the caller's offices")))]
pub(super) async fn get_loan(
    State(state): State<ApiState>,
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = crate::routes::path_id(&id, "Loan")?;
    read_loan(&state, &caller, id, &query).await
}

/// `GET /loans/external-id/{loanExternalId}`: as `GET /loans/{loanId}`.
#[utoipa::path(get, path = "/loans/external-id/{loanExternalId}", tag = "Loans",
    params(("loanExternalId" = String, Path),
           ("associations" = Option<String>, Query, description = "`repaymentSchedule`, `transactions`, `charges`, `multiDisburseDetails` or `all` (less `exclude`)")),
    responses((status = 200, description = "LoanAccountData"),
              (status = 403, description = "No READ_LOAN permission"),
              (status = 404, description = "Unknown loan, or one outside the caller's offices")))]
pub(super) async fn get_loan_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    Path(external_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    caller
        .principal
        .permissions
        .check_read(loans::ENTITY)
        .map_err(AppError::from)?;
    let id = loans::id_by_external_id(&caller.tenant, &external_id).await?;
    read_loan(&state, &caller, id, &query).await
}

async fn read_loan(
    state: &ApiState,
    caller: &Caller,
    id: i64,
    query: &Query,
) -> ApiResult<Response> {
    let wanted = Associations::of(query)?;
    let tenant = &caller.tenant;
    let read = kassa_app::loans::read::open(tenant, &caller.principal, id).await?;
    let (loan, rows, catalogue) = (read.loan, read.rows, read.version.catalogue);
    let currency = kassa_app::loans::read::currency(tenant, catalogue, &loan).await?;
    let today = state.app.today_of_catalogue(tenant, catalogue).await?;
    let product = kassa_app::loans::read::product(tenant, catalogue, loan.product_id).await?;
    let overdue_charges =
        kassa_app::loans::read::overdue_charges(tenant, catalogue, product.id).await?;
    {
        let money = money::of_rows(&loan, &rows)?;
        let grace = loans::grace_on_arrears_ageing(&loan, &product);
        let stored_application = stored_application(&loan, &product);
        let repayment_schedule = wanted.schedule.then(|| {
            let schedule = loans::schedule_of_rows(
                &loan,
                &rows.installments,
                &rows.tranches,
                currency.clone(),
            );
            let mut data = schedule_data(&schedule, today);
            if loan.disbursedon_date.is_some() {
                apply_ledger(&mut data, &money.ledger, today);
                super::schedule_data::apply_disbursement_fees(&mut data, money.disbursement_fees);
            }
            data
        });
        let tranche_view =
            kassa_app::loans::tranches::view_of(&loan, &product, rows.tranches.clone());
        let tranches = super::tranches::tranche_fields(
            &tranche_view,
            currency.decimal_places,
            wanted.multi_disburse_details,
        );
        let charges = if wanted.charges {
            let views = kassa_app::loans::charges::views_of_rows(&loan, &rows.installments, &money);
            Some(super::charges::charges_data(&loan, &currency, views)?)
        } else {
            None
        };
        let sub_status = loan.loan_sub_status_id;
        let mut data = loan_data(
            loan,
            &currency,
            repayment_schedule,
            Some((&money, today, wanted.transactions, grace)),
        );
        data.charges = charges;
        data.can_disburse = tranche_view.can_disburse;
        data.overdue_charges = Some(
            overdue_charges
                .iter()
                .map(|c| {
                    serde_json::to_value(crate::routes::charges::data::ChargeData::new(
                        c.clone(),
                        None,
                    ))
                })
                .collect::<Result<_, _>>()
                .map_err(|e| ApiError(AppError::Internal(e.to_string())))?,
        );
        data.terms = Some(super::terms_data::terms_data(
            &product,
            stored_application.as_ref(),
            grace,
        ));
        if let Some(transactions) = data.transactions.as_mut() {
            for t in transactions {
                t.set_relations(&rows.relations, currency.decimal_places);
            }
        }
        data.sub_status = super::refunds::sub_status_data(sub_status);
        json_ok(&super::tranches::WithTranches {
            loan: data,
            tranches,
        })
    }
}

/// The application the loan was submitted with, as the schedule engines read it; `None` when it was not
/// kept or no longer reads (the product changed since).
fn stored_application(
    loan: &LoanRecord,
    product: &kassa_domain::loan_products::LoanProduct,
) -> Option<kassa_app::loans::schedule::LoanApplication> {
    let json = crate::wire::JsonBody::parse(loan.application_json.as_deref()?).ok()?;
    super::application::read_application(&json, product, product.id).ok()
}
