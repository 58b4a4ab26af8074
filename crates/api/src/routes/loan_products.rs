//! Loan products: `GET/POST /loanproducts`, `GET /loanproducts/template`, `GET/PUT /loanproducts/{id}` and
//! the `external-id` twins. Fineract's field names, including its `allowPartialPeriodInterestCalcualtion`.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::loan_products::{
    self, CreateLoanProduct, LoanProductView, UpdateLoanProduct, RESOURCE,
};
use kassa_app::{AppError, ParamError};
use kassa_domain::currency::Currency;
use kassa_domain::loan::common::{DaysInMonth, DaysInYear, PeriodFrequency};
use kassa_domain::loan_product::{
    days_in_month_enum, days_in_year_enum, repayment_frequency_enum, AccountingRule, Amortization,
    AttributeOverrides, InterestCalculationPeriod, InterestMethod, LoanProductPatch,
    LoanProductTerms, RateFrequency, ScheduleProcessingType, ScheduleType,
    TRANSACTION_PROCESSING_STRATEGIES,
};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::Body;
use super::charges::data::ChargeData;
use super::{path_id, run_command as run};
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::wire::{ser, JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_loan_products, create_loan_product))
        .routes(routes!(loan_product_template))
        .routes(routes!(get_loan_product, update_loan_product))
        .routes(routes!(
            get_loan_product_by_external_id,
            update_loan_product_by_external_id
        ))
}

/// GL account ids accepted for the cash and accrual rules, stored as given until accounting exists.
const GL_MAPPING_PARAMS: &[&str] = &[
    "fundSourceAccountId",
    "loanPortfolioAccountId",
    "interestOnLoanAccountId",
    "incomeFromFeeAccountId",
    "incomeFromPenaltyAccountId",
    "writeOffAccountId",
    "overpaymentLiabilityAccountId",
    "transfersInSuspenseAccountId",
    "incomeFromRecoveryAccountId",
    "receivableInterestAccountId",
    "receivableFeeAccountId",
    "receivablePenaltyAccountId",
    "goodwillCreditAccountId",
    "incomeFromGoodwillCreditInterestAccountId",
    "incomeFromGoodwillCreditFeesAccountId",
    "incomeFromGoodwillCreditPenaltyAccountId",
    "incomeFromChargeOffInterestAccountId",
    "incomeFromChargeOffFeesAccountId",
    "incomeFromChargeOffPenaltyAccountId",
    "chargeOffExpenseAccountId",
    "chargeOffFraudExpenseAccountId",
];

/// Every other accepted request parameter (the subset of Fineract's whitelist Kassa implements).
const WRITE_PARAMS: &[&str] = &[
    "name",
    "shortName",
    "description",
    "fundId",
    "externalId",
    "currencyCode",
    "digitsAfterDecimal",
    "inMultiplesOf",
    "installmentAmountInMultiplesOf",
    "principal",
    "minPrincipal",
    "maxPrincipal",
    "numberOfRepayments",
    "minNumberOfRepayments",
    "maxNumberOfRepayments",
    "repaymentEvery",
    "repaymentFrequencyType",
    "interestRatePerPeriod",
    "minInterestRatePerPeriod",
    "maxInterestRatePerPeriod",
    "interestRateFrequencyType",
    "amortizationType",
    "interestType",
    "interestCalculationPeriodType",
    "allowPartialPeriodInterestCalcualtion",
    "inArrearsTolerance",
    "transactionProcessingStrategyCode",
    "graceOnPrincipalPayment",
    "graceOnInterestPayment",
    "graceOnInterestCharged",
    "graceOnArrearsAgeing",
    "daysInYearType",
    "daysInMonthType",
    "isInterestRecalculationEnabled",
    "accountingRule",
    "loanScheduleType",
    "loanScheduleProcessingType",
    "fixedPrincipalPercentagePerInstallment",
    "isEqualAmortization",
    "multiDisburseLoan",
    "maxTrancheCount",
    "outstandingLoanBalance",
    "enableDownPayment",
    "disbursedAmountPercentageForDownPayment",
    "enableAutoRepaymentForDownPayment",
    "allowAttributeOverrides",
    "charges",
    "startDate",
    "closeDate",
    "dateFormat",
    "includeInBorrowerCycle",
    "canDefineEmiAmount",
    "canUseForTopup",
    "overdueDaysForNPA",
    "minimumDaysBetweenDisbursalAndFirstRepayment",
    "locale",
];

/// Mandatory on create (Fineract's `validateForCreate`).
const MANDATORY: &[&str] = &[
    "name",
    "shortName",
    "currencyCode",
    "digitsAfterDecimal",
    "inMultiplesOf",
    "principal",
    "numberOfRepayments",
    "repaymentEvery",
    "repaymentFrequencyType",
    "interestRatePerPeriod",
    "interestRateFrequencyType",
    "amortizationType",
    "interestType",
    "interestCalculationPeriodType",
    "transactionProcessingStrategyCode",
    "daysInYearType",
    "daysInMonthType",
    "accountingRule",
];

const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "name",
    "shortName",
    "description",
    "externalId",
    "currency",
    "principal",
    "numberOfRepayments",
    "interestRatePerPeriod",
    "status",
];

#[derive(Serialize)]
pub(super) struct EnumOption {
    id: i64,
    code: &'static str,
    value: &'static str,
}

impl EnumOption {
    pub(super) fn of((id, code, value): (i64, &'static str, &'static str)) -> EnumOption {
        EnumOption { id, code, value }
    }
}

macro_rules! option_of {
    ($e:expr) => {
        EnumOption {
            id: $e.fineract_id(),
            code: $e.code(),
            value: $e.label(),
        }
    };
}

/// Fineract's `CurrencyData` as products show it: the product's own places and multiples.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CurrencyData {
    code: String,
    name: String,
    decimal_places: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_multiples_of: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_symbol: Option<String>,
    name_code: String,
    display_label: String,
}

pub(super) fn currency_data(c: &Currency, places: i64, multiples: Option<i64>) -> CurrencyData {
    CurrencyData {
        code: c.code.clone(),
        name: c.name.clone(),
        decimal_places: places,
        in_multiples_of: multiples,
        display_symbol: c.display_symbol.clone(),
        name_code: c.name_code.clone(),
        display_label: c.display_label(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Overrides {
    amortization_type: bool,
    interest_type: bool,
    transaction_processing_strategy_code: bool,
    interest_calculation_period_type: bool,
    in_arrears_tolerance: bool,
    repayment_every: bool,
    grace_on_principal_and_interest_payment: bool,
    grace_on_arrears_ageing: bool,
}

impl From<AttributeOverrides> for Overrides {
    fn from(o: AttributeOverrides) -> Self {
        Overrides {
            amortization_type: o.amortization_type,
            interest_type: o.interest_type,
            transaction_processing_strategy_code: o.transaction_processing_strategy_code,
            interest_calculation_period_type: o.interest_calculation_period_type,
            in_arrears_tolerance: o.in_arrears_tolerance,
            repayment_every: o.repayment_every,
            grace_on_principal_and_interest_payment: o.grace_on_principal_and_interest_payment,
            grace_on_arrears_ageing: o.grace_on_arrears_ageing,
        }
    }
}

/// Fineract's `LoanProductData` (the fields Kassa keeps).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LoanProductData {
    id: i64,
    name: String,
    short_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fund_id: Option<i64>,
    include_in_borrower_cycle: bool,
    use_borrower_cycle: bool,
    #[serde(
        serialize_with = "ser::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    start_date: Option<chrono::NaiveDate>,
    #[serde(
        serialize_with = "ser::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    close_date: Option<chrono::NaiveDate>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<CurrencyData>,
    #[serde(serialize_with = "ser::decimal")]
    principal: Decimal,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    min_principal: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    max_principal: Option<Decimal>,
    number_of_repayments: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_number_of_repayments: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_number_of_repayments: Option<i64>,
    repayment_every: i64,
    repayment_frequency_type: EnumOption,
    #[serde(serialize_with = "ser::decimal")]
    interest_rate_per_period: Decimal,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    min_interest_rate_per_period: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    max_interest_rate_per_period: Option<Decimal>,
    interest_rate_frequency_type: EnumOption,
    #[serde(serialize_with = "ser::decimal")]
    annual_interest_rate: Decimal,
    is_linked_to_floating_interest_rates: bool,
    amortization_type: EnumOption,
    interest_type: EnumOption,
    interest_calculation_period_type: EnumOption,
    allow_partial_period_interest_calcualtion: bool,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    in_arrears_tolerance: Option<Decimal>,
    transaction_processing_strategy_code: String,
    transaction_processing_strategy_name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_on_principal_payment: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_on_interest_payment: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_on_interest_charged: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_on_arrears_ageing: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    overdue_days_for_n_p_a: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum_days_between_disbursal_and_first_repayment: Option<i64>,
    days_in_month_type: EnumOption,
    days_in_year_type: EnumOption,
    is_interest_recalculation_enabled: bool,
    can_define_installment_amount: bool,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    installment_amount_in_multiples_of: Option<Decimal>,
    charges: Vec<Value>,
    accounting_rule: EnumOption,
    #[serde(skip_serializing_if = "Map::is_empty")]
    accounting_mappings: Map<String, Value>,
    multi_disburse_loan: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_tranche_count: Option<i64>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    outstanding_loan_balance: Option<Decimal>,
    can_use_for_topup: bool,
    is_equal_amortization: bool,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    fixed_principal_percentage_per_installment: Option<Decimal>,
    enable_down_payment: bool,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    disbursed_amount_percentage_for_down_payment: Option<Decimal>,
    enable_auto_repayment_for_down_payment: bool,
    loan_schedule_type: EnumOption,
    loan_schedule_processing_type: EnumOption,
    allow_attribute_overrides: Overrides,
}

pub(super) fn strategy_name(code: &str) -> &'static str {
    TRANSACTION_PROCESSING_STRATEGIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

/// Fineract's `annualInterestRate`: the rate per period scaled to a year.
pub(super) fn annual_rate(t: &LoanProductTerms) -> Decimal {
    match t.interest_rate_frequency {
        RateFrequency::Months => t.interest_rate_per_period * Decimal::from(12),
        RateFrequency::Years | RateFrequency::WholeTerm => t.interest_rate_per_period,
    }
}

pub(super) fn product_data(v: LoanProductView, today: chrono::NaiveDate) -> LoanProductData {
    let active = v.product.is_active(today);
    let t = v.product.terms;
    let multiples = (t.in_multiples_of > 0).then_some(t.in_multiples_of);
    LoanProductData {
        id: v.product.id,
        currency: v
            .currency
            .as_ref()
            .map(|c| currency_data(c, t.digits_after_decimal, multiples.or(Some(0)))),
        status: if active {
            "loanProduct.active"
        } else {
            "loanProduct.inActive"
        },
        repayment_frequency_type: EnumOption::of(repayment_frequency_enum(t.repayment_frequency)),
        interest_rate_frequency_type: option_of!(t.interest_rate_frequency),
        annual_interest_rate: annual_rate(&t),
        is_linked_to_floating_interest_rates: false,
        amortization_type: option_of!(t.amortization),
        interest_type: option_of!(t.interest_method),
        interest_calculation_period_type: option_of!(t.interest_calculation_period),
        transaction_processing_strategy_name: strategy_name(
            &t.transaction_processing_strategy_code,
        ),
        days_in_month_type: EnumOption::of(days_in_month_enum(t.days_in_month)),
        days_in_year_type: EnumOption::of(days_in_year_enum(t.days_in_year)),
        is_interest_recalculation_enabled: false,
        charges: v
            .charges
            .into_iter()
            .map(|c| serde_json::to_value(ChargeData::new(c, None)).unwrap_or_default())
            .collect(),
        accounting_rule: option_of!(t.accounting_rule),
        accounting_mappings: t
            .accounting_mappings
            .iter()
            .map(|(k, id)| (k.clone(), Value::from(*id)))
            .collect(),
        loan_schedule_type: option_of!(t.schedule_type),
        loan_schedule_processing_type: option_of!(t.schedule_processing_type),
        allow_attribute_overrides: t.attribute_overrides.into(),
        use_borrower_cycle: false,
        name: t.name,
        short_name: t.short_name,
        description: t.description,
        fund_id: t.fund_id,
        include_in_borrower_cycle: t.include_in_borrower_cycle,
        start_date: t.start_date,
        close_date: t.close_date,
        external_id: t.external_id,
        principal: t.principal,
        min_principal: t.min_principal,
        max_principal: t.max_principal,
        number_of_repayments: t.number_of_repayments,
        min_number_of_repayments: t.min_number_of_repayments,
        max_number_of_repayments: t.max_number_of_repayments,
        repayment_every: t.repayment_every,
        interest_rate_per_period: t.interest_rate_per_period,
        min_interest_rate_per_period: t.min_interest_rate_per_period,
        max_interest_rate_per_period: t.max_interest_rate_per_period,
        allow_partial_period_interest_calcualtion: t.allow_partial_period_interest_calculation,
        in_arrears_tolerance: t.in_arrears_tolerance,
        transaction_processing_strategy_code: t.transaction_processing_strategy_code,
        grace_on_principal_payment: t.grace_on_principal_payment,
        grace_on_interest_payment: t.grace_on_interest_payment,
        grace_on_interest_charged: t.grace_on_interest_charged,
        grace_on_arrears_ageing: t.grace_on_arrears_ageing,
        overdue_days_for_n_p_a: t.overdue_days_for_npa,
        minimum_days_between_disbursal_and_first_repayment: t
            .minimum_days_between_disbursal_and_first_repayment,
        can_define_installment_amount: t.can_define_installment_amount,
        installment_amount_in_multiples_of: t.installment_amount_in_multiples_of,
        multi_disburse_loan: t.multi_disburse_loan,
        max_tranche_count: t.max_tranche_count,
        outstanding_loan_balance: t.outstanding_loan_balance,
        can_use_for_topup: t.can_use_for_topup,
        is_equal_amortization: t.is_equal_amortization,
        fixed_principal_percentage_per_installment: t.fixed_principal_percentage_per_installment,
        enable_down_payment: t.enable_down_payment,
        disbursed_amount_percentage_for_down_payment: t
            .disbursed_amount_percentage_for_down_payment,
        enable_auto_repayment_for_down_payment: t.enable_auto_repayment_for_down_payment,
    }
}

async fn today(state: &ApiState, caller: &Caller) -> ApiResult<chrono::NaiveDate> {
    Ok(state.app.today(&caller.tenant).await?)
}

/// Every loan product, by id.
#[utoipa::path(get, path = "/loanproducts", tag = "Loan Products",
    params(("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of loan products"), (status = 403, description = "No permission")))]
async fn list_loan_products(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let today = today(&state, &caller).await?;
    let data: Vec<LoanProductData> = loan_products::list(&caller.tenant, &caller.principal)
        .await?
        .into_iter()
        .map(|v| product_data(v, today))
        .collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

#[utoipa::path(get, path = "/loanproducts/{productId}", tag = "Loan Products",
    params(("productId" = i64, Path)),
    responses((status = 200, description = "The loan product"), (status = 404, description = "No such loan product")))]
async fn get_loan_product(
    State(state): State<ApiState>,
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = path_id(&id, "LoanProduct")?;
    let v = loan_products::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(
        &query,
        SUPPORTED_FIELDS,
        &product_data(v, today(&state, &caller).await?),
    )
}

#[utoipa::path(get, path = "/loanproducts/external-id/{externalId}", tag = "Loan Products",
    params(("externalId" = String, Path)),
    responses((status = 200, description = "The loan product"), (status = 404, description = "No such loan product")))]
async fn get_loan_product_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    Path(external_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = loan_products::id_by_external_id(&caller.tenant, &external_id).await?;
    let v = loan_products::get(&caller.tenant, &caller.principal, id).await?;
    respond::ok(
        &query,
        SUPPORTED_FIELDS,
        &product_data(v, today(&state, &caller).await?),
    )
}

#[derive(Serialize)]
pub(super) struct StrategyOption {
    pub(super) code: &'static str,
    pub(super) name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoanProductTemplate {
    include_in_borrower_cycle: bool,
    use_borrower_cycle: bool,
    is_interest_recalculation_enabled: bool,
    is_linked_to_floating_interest_rates: bool,
    multi_disburse_loan: bool,
    can_define_installment_amount: bool,
    enable_down_payment: bool,
    accounting_rule: EnumOption,
    days_in_year_type: EnumOption,
    days_in_month_type: EnumOption,
    loan_schedule_type: EnumOption,
    loan_schedule_processing_type: EnumOption,
    allow_attribute_overrides: Overrides,
    charges: Vec<Value>,
    currency_options: Vec<CurrencyData>,
    amortization_type_options: Vec<EnumOption>,
    interest_type_options: Vec<EnumOption>,
    interest_calculation_period_type_options: Vec<EnumOption>,
    repayment_frequency_type_options: Vec<EnumOption>,
    interest_rate_frequency_type_options: Vec<EnumOption>,
    transaction_processing_strategy_options: Vec<StrategyOption>,
    days_in_year_type_options: Vec<EnumOption>,
    days_in_month_type_options: Vec<EnumOption>,
    accounting_rule_options: Vec<EnumOption>,
    loan_schedule_type_options: Vec<EnumOption>,
    loan_schedule_processing_type_options: Vec<EnumOption>,
    fund_options: Vec<Value>,
    charge_options: Vec<Value>,
    penalty_options: Vec<Value>,
}

/// Defaults and option lists for a new product.
#[utoipa::path(get, path = "/loanproducts/template", tag = "Loan Products",
    responses((status = 200, description = "Defaults and option lists"), (status = 403, description = "No permission")))]
async fn loan_product_template(caller: Caller, query: Query) -> ApiResult<Response> {
    let currencies = loan_products::template_currencies(&caller.tenant, &caller.principal).await?;
    let charge_options = |list: Vec<kassa_app::charges::ChargeView>| -> Vec<Value> {
        list.into_iter()
            .map(|c| serde_json::to_value(ChargeData::new(c, None)).unwrap_or_default())
            .collect()
    };
    let fees =
        charge_options(kassa_app::charges::loan_product_options(&caller.tenant, false).await?);
    let penalties =
        charge_options(kassa_app::charges::loan_product_options(&caller.tenant, true).await?);
    let data = LoanProductTemplate {
        include_in_borrower_cycle: false,
        use_borrower_cycle: false,
        is_interest_recalculation_enabled: false,
        is_linked_to_floating_interest_rates: false,
        multi_disburse_loan: false,
        can_define_installment_amount: false,
        enable_down_payment: false,
        accounting_rule: option_of!(AccountingRule::None),
        days_in_year_type: EnumOption::of(days_in_year_enum(DaysInYear::Actual)),
        days_in_month_type: EnumOption::of(days_in_month_enum(DaysInMonth::Actual)),
        loan_schedule_type: option_of!(ScheduleType::Cumulative),
        loan_schedule_processing_type: option_of!(ScheduleProcessingType::Horizontal),
        allow_attribute_overrides: AttributeOverrides::default().into(),
        charges: vec![],
        currency_options: currencies
            .iter()
            .map(|c| currency_data(c, i64::from(c.decimal_places), c.in_multiples_of))
            .collect(),
        amortization_type_options: Amortization::ALL.iter().map(|e| option_of!(e)).collect(),
        interest_type_options: InterestMethod::ALL.iter().map(|e| option_of!(e)).collect(),
        interest_calculation_period_type_options: InterestCalculationPeriod::ALL
            .iter()
            .map(|e| option_of!(e))
            .collect(),
        repayment_frequency_type_options: [
            PeriodFrequency::Days,
            PeriodFrequency::Weeks,
            PeriodFrequency::Months,
        ]
        .into_iter()
        .map(|f| EnumOption::of(repayment_frequency_enum(f)))
        .collect(),
        interest_rate_frequency_type_options: RateFrequency::ALL
            .iter()
            .map(|e| option_of!(e))
            .collect(),
        transaction_processing_strategy_options: TRANSACTION_PROCESSING_STRATEGIES
            .iter()
            .map(|(code, name)| StrategyOption { code, name })
            .collect(),
        days_in_year_type_options: [
            DaysInYear::Actual,
            DaysInYear::Days360,
            DaysInYear::Days364,
            DaysInYear::Days365,
        ]
        .into_iter()
        .map(|d| EnumOption::of(days_in_year_enum(d)))
        .collect(),
        days_in_month_type_options: [DaysInMonth::Actual, DaysInMonth::Days30]
            .into_iter()
            .map(|d| EnumOption::of(days_in_month_enum(d)))
            .collect(),
        accounting_rule_options: AccountingRule::ALL.iter().map(|e| option_of!(e)).collect(),
        loan_schedule_type_options: ScheduleType::ALL.iter().map(|e| option_of!(e)).collect(),
        loan_schedule_processing_type_options: ScheduleProcessingType::ALL
            .iter()
            .map(|e| option_of!(e))
            .collect(),
        fund_options: vec![],
        charge_options: fees,
        penalty_options: penalties,
    };
    respond::ok(&query, &[], &data)
}

/// Creates a loan product. Answers `{resourceId}`.
#[utoipa::path(post, path = "/loanproducts", tag = "Loan Products",
    request_body(content = String, description = "Fineract's loan product fields (see docs/compatibility.md)", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "No permission, or a duplicate name or short name"),
              (status = 404, description = "Currency not enabled, fund or charge not found")))]
async fn create_loan_product(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/loanproducts".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    check_params(&json)?;
    let mut r = Reader::new(&json, RESOURCE);
    for name in MANDATORY {
        if !r.has(name) {
            r.mandatory_missing(name);
        }
    }
    let patch = read_patch(&mut r, &json);
    let (terms, _) = LoanProductTerms::blank().apply(&patch);
    if MANDATORY.iter().all(|m| json.get(m).is_some()) {
        for e in loan_products::range_errors(&terms) {
            r.error(e);
        }
    }
    r.finish()?;
    let charge_ids = charge_ids(&json)?.unwrap_or_default();
    run(
        &state,
        &caller,
        spec,
        &CreateLoanProduct { terms, charge_ids },
    )
    .await
}

/// Updates a loan product. Answers `{resourceId, changes}`.
#[utoipa::path(put, path = "/loanproducts/{productId}", tag = "Loan Products",
    params(("productId" = i64, Path)),
    request_body(content = String, description = "Any of the creation fields", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such loan product")))]
async fn update_loan_product(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "LoanProduct")?;
    update(
        &state,
        &caller,
        &headers,
        id,
        format!("/loanproducts/{id}"),
        &body,
    )
    .await
}

#[utoipa::path(put, path = "/loanproducts/external-id/{externalId}", tag = "Loan Products",
    params(("externalId" = String, Path)),
    request_body(content = String, description = "Any of the creation fields", content_type = "application/json"),
    responses((status = 200, description = "`{resourceId, changes}`"), (status = 400, description = "Validation errors"),
              (status = 404, description = "No such loan product")))]
async fn update_loan_product_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(external_id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = loan_products::id_by_external_id(&caller.tenant, &external_id).await?;
    update(
        &state,
        &caller,
        &headers,
        id,
        format!("/loanproducts/external-id/{external_id}"),
        &body,
    )
    .await
}

async fn update(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    href: String,
    body: &Body,
) -> ApiResult<Response> {
    let spec = spec(state, headers, "UPDATE", href, body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    check_params(&json)?;
    let mut r = Reader::new(&json, RESOURCE);
    for name in MANDATORY {
        if r.present(name) && !r.has(name) {
            r.mandatory_missing(name);
        }
    }
    let patch = read_patch(&mut r, &json);
    r.finish()?;
    let charge_ids = charge_ids(&json)?;
    let mut values = Map::new();
    for key in json.keys() {
        if let Some(v) = json.value(key) {
            values.insert(key.to_string(), v);
        }
    }
    if !GL_MAPPING_PARAMS.iter().any(|k| json.get(k).is_some()) {
        values.remove("accountingMappings");
    } else {
        let mappings: Map<String, Value> = GL_MAPPING_PARAMS
            .iter()
            .filter_map(|k| json.value(k).map(|v| (k.to_string(), v)))
            .collect();
        values.insert("accountingMappings".into(), Value::Object(mappings));
    }
    run(
        state,
        caller,
        spec,
        &UpdateLoanProduct {
            id,
            patch,
            values,
            charge_ids,
        },
    )
    .await
}

/// The whitelist: the implemented parameters plus the GL mapping ids.
fn check_params(json: &JsonBody) -> Result<(), AppError> {
    let allowed: Vec<&str> = WRITE_PARAMS
        .iter()
        .chain(GL_MAPPING_PARAMS)
        .copied()
        .collect();
    json.check_supported(&allowed)
}

/// The ids of `charges: [{id}, …]`; entries without an id are skipped, as Fineract does.
fn charge_ids(json: &JsonBody) -> Result<Option<Vec<i64>>, AppError> {
    let Some(Value::Array(items)) = json.value("charges") else {
        return Ok(None);
    };
    let mut ids = Vec::with_capacity(items.len());
    for item in &items {
        let Some(id) = item.get("id") else { continue };
        let parsed = match id {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        match parsed {
            Some(id) => ids.push(id),
            None => {
                return Err(AppError::InvalidBody(format!(
                    "The charge id {id} in `charges` is not a whole number."
                )))
            }
        }
    }
    Ok(Some(ids))
}

fn rule_error(r: &mut Reader, name: &str, rule: &str, message: String, value: Value) {
    r.error(
        ParamError::new(
            name,
            format!("validation.msg.{RESOURCE}.{name}.{rule}"),
            message,
        )
        .with_value(value.clone())
        .with_args(vec![value]),
    );
}

/// A Fineract enum id; outside the enum is `is.not.within.expected.range`.
fn read_enum<T>(r: &mut Reader, name: &str, parse: fn(i64) -> Option<T>) -> Option<T> {
    let id = r.long(name)?;
    let parsed = parse(id);
    if parsed.is_none() {
        rule_error(
            r,
            name,
            "is.not.within.expected.range",
            format!("The parameter `{name}` must be one of the expected values."),
            Value::from(id),
        );
    }
    parsed
}

fn read_positive_long(r: &mut Reader, name: &str, allow_zero: bool) -> Option<i64> {
    let v = r.long(name)?;
    if v < 0 || (!allow_zero && v == 0) {
        let rule = if allow_zero {
            "not.zero.or.greater"
        } else {
            "not.greater.than.zero"
        };
        rule_error(
            r,
            name,
            rule,
            format!(
                "The parameter `{name}` must be greater than {}.",
                if allow_zero { "or equal to 0" } else { "0" }
            ),
            Value::from(v),
        );
        return None;
    }
    Some(v)
}

fn read_amount(r: &mut Reader, name: &str, allow_zero: bool) -> Option<Decimal> {
    let v = r.decimal(name)?;
    if v.is_sign_negative() && !v.is_zero() || (!allow_zero && v.is_zero()) {
        let rule = if allow_zero {
            "not.zero.or.greater"
        } else {
            "not.greater.than.zero"
        };
        rule_error(
            r,
            name,
            rule,
            format!(
                "The parameter `{name}` must be greater than {}.",
                if allow_zero { "or equal to 0" } else { "0" }
            ),
            Value::from(v.to_string()),
        );
        return None;
    }
    Some(v)
}

/// Present keys only; a key sent as `null` clears an optional field.
fn read_patch(r: &mut Reader, json: &JsonBody) -> LoanProductPatch {
    let mut p = LoanProductPatch::default();
    let opt = |r: &Reader, name: &str| r.present(name);
    if r.has("name") {
        p.name = r.string("name", 100);
    }
    if r.has("shortName") {
        p.short_name = r.string("shortName", 4);
    }
    if opt(r, "description") {
        p.description = Some(r.string("description", 500));
    }
    if opt(r, "fundId") {
        p.fund_id = Some(r.long("fundId"));
    }
    if opt(r, "externalId") {
        p.external_id = Some(r.string("externalId", 100));
    }
    if r.has("currencyCode") {
        p.currency_code = r.string("currencyCode", 3);
    }
    if let Some(d) = r.long("digitsAfterDecimal") {
        if (0..=6).contains(&d) {
            p.digits_after_decimal = Some(d);
        } else {
            rule_error(
                r,
                "digitsAfterDecimal",
                "is.not.within.expected.range",
                "The parameter `digitsAfterDecimal` must be between 0 and 6.".into(),
                Value::from(d),
            );
        }
    }
    p.in_multiples_of = read_positive_long(r, "inMultiplesOf", true);
    if opt(r, "installmentAmountInMultiplesOf") {
        p.installment_amount_in_multiples_of =
            Some(read_amount(r, "installmentAmountInMultiplesOf", false));
    }
    p.principal = read_amount(r, "principal", false);
    if opt(r, "minPrincipal") {
        p.min_principal = Some(read_amount(r, "minPrincipal", false));
    }
    if opt(r, "maxPrincipal") {
        p.max_principal = Some(read_amount(r, "maxPrincipal", false));
    }
    p.number_of_repayments = read_positive_long(r, "numberOfRepayments", false);
    if opt(r, "minNumberOfRepayments") {
        p.min_number_of_repayments = Some(read_positive_long(r, "minNumberOfRepayments", false));
    }
    if opt(r, "maxNumberOfRepayments") {
        p.max_number_of_repayments = Some(read_positive_long(r, "maxNumberOfRepayments", false));
    }
    p.repayment_every = read_positive_long(r, "repaymentEvery", false);
    p.repayment_frequency = read_enum(
        r,
        "repaymentFrequencyType",
        PeriodFrequency::from_fineract_id,
    );
    p.interest_rate_per_period = read_amount(r, "interestRatePerPeriod", true);
    if opt(r, "minInterestRatePerPeriod") {
        p.min_interest_rate_per_period = Some(read_amount(r, "minInterestRatePerPeriod", true));
    }
    if opt(r, "maxInterestRatePerPeriod") {
        p.max_interest_rate_per_period = Some(read_amount(r, "maxInterestRatePerPeriod", true));
    }
    p.interest_rate_frequency = read_enum(
        r,
        "interestRateFrequencyType",
        RateFrequency::from_fineract_id,
    );
    p.amortization = read_enum(r, "amortizationType", Amortization::from_fineract_id);
    p.interest_method = read_enum(r, "interestType", InterestMethod::from_fineract_id);
    p.interest_calculation_period = read_enum(
        r,
        "interestCalculationPeriodType",
        InterestCalculationPeriod::from_fineract_id,
    );
    p.allow_partial_period_interest_calculation =
        r.boolean("allowPartialPeriodInterestCalcualtion");
    if opt(r, "inArrearsTolerance") {
        p.in_arrears_tolerance = Some(read_amount(r, "inArrearsTolerance", true));
    }
    if let Some(code) = r.string("transactionProcessingStrategyCode", 100) {
        if TRANSACTION_PROCESSING_STRATEGIES
            .iter()
            .any(|(c, _)| *c == code)
        {
            p.transaction_processing_strategy_code = Some(code);
        } else {
            rule_error(r, "transactionProcessingStrategyCode", "is.not.one.of.expected.enumerations", format!("The parameter `transactionProcessingStrategyCode` has an unsupported value `{code}`."), Value::from(code.clone()));
        }
    }
    for (name, slot) in [
        ("graceOnPrincipalPayment", &mut p.grace_on_principal_payment),
        ("graceOnInterestPayment", &mut p.grace_on_interest_payment),
        ("graceOnInterestCharged", &mut p.grace_on_interest_charged),
        ("graceOnArrearsAgeing", &mut p.grace_on_arrears_ageing),
        ("overdueDaysForNPA", &mut p.overdue_days_for_npa),
        (
            "minimumDaysBetweenDisbursalAndFirstRepayment",
            &mut p.minimum_days_between_disbursal_and_first_repayment,
        ),
        ("maxTrancheCount", &mut p.max_tranche_count),
    ] {
        if r.present(name) {
            *slot = Some(read_positive_long(r, name, true));
        }
    }
    p.days_in_year = read_enum(r, "daysInYearType", DaysInYear::from_fineract_id);
    p.days_in_month = read_enum(r, "daysInMonthType", DaysInMonth::from_fineract_id);
    if r.boolean("isInterestRecalculationEnabled") == Some(true) {
        rule_error(
            r,
            "isInterestRecalculationEnabled",
            "not.supported",
            "Interest recalculation is not supported yet.".into(),
            Value::from(true),
        );
    }
    p.accounting_rule = read_enum(r, "accountingRule", AccountingRule::from_fineract_id);
    if GL_MAPPING_PARAMS.iter().any(|k| r.present(k)) {
        let mut mappings = Vec::new();
        for k in GL_MAPPING_PARAMS {
            if let Some(id) = r.long(k) {
                mappings.push((k.to_string(), id));
            }
        }
        p.accounting_mappings = Some(mappings);
    }
    if let Some(code) = r.string("loanScheduleType", 20) {
        p.schedule_type = ScheduleType::from_code(&code);
        if p.schedule_type.is_none() {
            rule_error(r, "loanScheduleType", "is.not.one.of.expected.enumerations", format!("The parameter `loanScheduleType` must be CUMULATIVE or PROGRESSIVE, not `{code}`."), Value::from(code.clone()));
        }
    }
    if let Some(code) = r.string("loanScheduleProcessingType", 20) {
        p.schedule_processing_type = ScheduleProcessingType::from_code(&code);
        if p.schedule_processing_type.is_none() {
            rule_error(r, "loanScheduleProcessingType", "is.not.one.of.expected.enumerations", format!("The parameter `loanScheduleProcessingType` must be HORIZONTAL or VERTICAL, not `{code}`."), Value::from(code.clone()));
        }
    }
    if opt(r, "fixedPrincipalPercentagePerInstallment") {
        p.fixed_principal_percentage_per_installment = Some(read_amount(
            r,
            "fixedPrincipalPercentagePerInstallment",
            false,
        ));
    }
    p.is_equal_amortization = r.boolean("isEqualAmortization");
    p.multi_disburse_loan = r.boolean("multiDisburseLoan");
    if opt(r, "outstandingLoanBalance") {
        p.outstanding_loan_balance = Some(read_amount(r, "outstandingLoanBalance", false));
    }
    p.enable_down_payment = r.boolean("enableDownPayment");
    if opt(r, "disbursedAmountPercentageForDownPayment") {
        p.disbursed_amount_percentage_for_down_payment = Some(read_amount(
            r,
            "disbursedAmountPercentageForDownPayment",
            false,
        ));
    }
    p.enable_auto_repayment_for_down_payment = r.boolean("enableAutoRepaymentForDownPayment");
    p.attribute_overrides = read_overrides(r, json);
    if opt(r, "startDate") {
        p.start_date = Some(r.date("startDate"));
    }
    if opt(r, "closeDate") {
        p.close_date = Some(r.date("closeDate"));
    }
    p.include_in_borrower_cycle = r.boolean("includeInBorrowerCycle");
    p.can_define_installment_amount = r.boolean("canDefineEmiAmount");
    p.can_use_for_topup = r.boolean("canUseForTopup");
    p
}

/// `allowAttributeOverrides`: an object of booleans; a key left out stays allowed, as in Fineract.
fn read_overrides(r: &mut Reader, json: &JsonBody) -> Option<AttributeOverrides> {
    let value = json.value("allowAttributeOverrides")?;
    let Value::Object(map) = value else {
        if !value.is_null() {
            rule_error(
                r,
                "allowAttributeOverrides",
                "must.be.an.object",
                "The parameter `allowAttributeOverrides` must be an object.".into(),
                value,
            );
        }
        return None;
    };
    let mut o = AttributeOverrides::default();
    for (key, v) in &map {
        let slot = match key.as_str() {
            "amortizationType" => &mut o.amortization_type,
            "interestType" => &mut o.interest_type,
            "transactionProcessingStrategyCode" => &mut o.transaction_processing_strategy_code,
            "interestCalculationPeriodType" => &mut o.interest_calculation_period_type,
            "inArrearsTolerance" => &mut o.in_arrears_tolerance,
            "repaymentEvery" => &mut o.repayment_every,
            "graceOnPrincipalAndInterestPayment" => &mut o.grace_on_principal_and_interest_payment,
            "graceOnArrearsAgeing" => &mut o.grace_on_arrears_ageing,
            _ => {
                r.error(
                    ParamError::new(
                        key.as_str(),
                        "error.msg.parameter.unsupported",
                        format!("The parameter {key} is not supported."),
                    )
                    .with_args(vec![Value::from(key.as_str())]),
                );
                continue;
            }
        };
        match v {
            Value::Bool(b) => *slot = *b,
            other => rule_error(
                r,
                "allowAttributeOverrides",
                "must.be.true.or.false",
                format!("The parameter `allowAttributeOverrides.{key}` must be true or false."),
                other.clone(),
            ),
        }
    }
    Some(o)
}

entity_spec!(loan_products::ENTITY);
