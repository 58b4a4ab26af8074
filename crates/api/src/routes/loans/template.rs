//! `GET /loans/template?templateType=individual&clientId=&productId=`: Fineract's `LoanAccountData` as a
//! template — the option lists always, the client when named, and the chosen product's defaults (with the
//! product itself under `product`, which the web app dereferences without guards).

use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::loans::template::{self, LoanTemplateQuery};
use kassa_app::AppError;
use kassa_domain::loan_products::{
    days_in_year_enum, repayment_frequency_enum, Amortization, InterestCalculationPeriod,
    InterestMethod, RateFrequency, ScheduleProcessingType, ScheduleType,
    TRANSACTION_PROCESSING_STRATEGIES,
};
use kassa_domain::loans::common::{DaysInYear, PeriodFrequency};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::loan_products::{
    annual_rate, currency_data, product_data, strategy_name, CurrencyData, EnumOption,
    LoanProductData, StrategyOption,
};
use crate::wire::ser;
use crate::ApiState;

macro_rules! enum_of {
    ($e:expr) => {
        EnumOption::of(($e.fineract_id(), $e.code(), $e.label()))
    };
}

macro_rules! options {
    ($all:expr) => {
        $all.iter().map(|e| enum_of!(e)).collect::<Vec<_>>()
    };
}

/// `loanTermFrequency.periodFrequencyType.*`: the term's unit as the template offers it.
fn term_frequency_enum(f: PeriodFrequency) -> EnumOption {
    let (id, _, value) = repayment_frequency_enum(f);
    let code = match f {
        PeriodFrequency::Days => "loanTermFrequency.periodFrequencyType.days",
        PeriodFrequency::Weeks => "loanTermFrequency.periodFrequencyType.weeks",
        PeriodFrequency::Months => "loanTermFrequency.periodFrequencyType.months",
        PeriodFrequency::Years => "loanTermFrequency.periodFrequencyType.years",
    };
    EnumOption::of((id, code, value))
}

const FREQUENCIES: [PeriodFrequency; 4] = [
    PeriodFrequency::Days,
    PeriodFrequency::Weeks,
    PeriodFrequency::Months,
    PeriodFrequency::Years,
];

/// `NthDayType` as `repaymentFrequencyNthDayTypeOptions` lists it.
const NTH_DAY_OPTIONS: [(i64, &str, &str); 6] = [
    (1, "nthDayType.one", "ONE"),
    (2, "nthDayType.two", "TWO"),
    (3, "nthDayType.three", "THREE"),
    (4, "nthDayType.four", "FOUR"),
    (-1, "nthDayType.last", "LAST"),
    (-2, "nthDayType.onday", "ONDAY"),
];

/// `DayOfWeekType` as `repaymentFrequencyDaysOfWeekTypeOptions` lists it.
const DAY_OF_WEEK_OPTIONS: [(i64, &str, &str); 7] = [
    (1, "dayOfWeekType.monday", "MONDAY"),
    (2, "dayOfWeekType.tuesday", "TUESDAY"),
    (3, "dayOfWeekType.wednesday", "WEDNESDAY"),
    (4, "dayOfWeekType.thursday", "THURSDAY"),
    (5, "dayOfWeekType.friday", "FRIDAY"),
    (6, "dayOfWeekType.saturday", "SATURDAY"),
    (7, "dayOfWeekType.sunday", "SUNDAY"),
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProductOption {
    id: i64,
    name: String,
    include_in_borrower_cycle: bool,
    use_borrower_cycle: bool,
    is_linked_to_floating_interest_rates: bool,
    is_interest_recalculation_enabled: bool,
    multi_disburse_loan: bool,
    can_define_installment_amount: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Timeline {
    #[serde(serialize_with = "ser::date")]
    expected_disbursement_date: NaiveDate,
}

/// The chosen product's defaults, flattened into the template as Fineract does.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProductDefaults {
    loan_product_id: i64,
    loan_product_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    loan_product_description: Option<String>,
    is_loan_product_linked_to_floating_rate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<CurrencyData>,
    #[serde(serialize_with = "ser::decimal")]
    principal: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    approved_principal: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    proposed_principal: Decimal,
    term_frequency: i64,
    term_period_frequency_type: EnumOption,
    number_of_repayments: i64,
    repayment_every: i64,
    repayment_frequency_type: EnumOption,
    #[serde(serialize_with = "ser::decimal")]
    interest_rate_per_period: Decimal,
    interest_rate_frequency_type: EnumOption,
    #[serde(serialize_with = "ser::decimal")]
    annual_interest_rate: Decimal,
    is_floating_interest_rate: bool,
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
    multi_disburse_loan: bool,
    can_define_installment_amount: bool,
    is_equal_amortization: bool,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    fixed_principal_percentage_per_installment: Option<Decimal>,
    days_in_year_type: EnumOption,
    is_interest_recalculation_enabled: bool,
    loan_schedule_type: EnumOption,
    loan_schedule_processing_type: EnumOption,
    enable_down_payment: bool,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    disbursed_amount_percentage_for_down_payment: Option<Decimal>,
    can_use_for_topup: bool,
    is_topup: bool,
    charges: Vec<Value>,
    overdue_charges: Vec<Value>,
    product: LoanProductData,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoanTemplateData {
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_account_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_external_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_office_id: Option<i64>,
    loan_type: EnumOption,
    timeline: Timeline,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    defaults: Option<ProductDefaults>,
    product_options: Vec<ProductOption>,
    loan_officer_options: Vec<Value>,
    loan_purpose_options: Vec<Value>,
    fund_options: Vec<Value>,
    term_frequency_type_options: Vec<EnumOption>,
    repayment_frequency_type_options: Vec<EnumOption>,
    repayment_frequency_nth_day_type_options: Vec<EnumOption>,
    repayment_frequency_days_of_week_type_options: Vec<EnumOption>,
    interest_rate_frequency_type_options: Vec<EnumOption>,
    amortization_type_options: Vec<EnumOption>,
    interest_type_options: Vec<EnumOption>,
    interest_calculation_period_type_options: Vec<EnumOption>,
    transaction_processing_strategy_options: Vec<StrategyOption>,
    days_in_year_type_options: Vec<EnumOption>,
    loan_schedule_type_options: Vec<EnumOption>,
    loan_schedule_processing_type_options: Vec<EnumOption>,
    charge_options: Vec<Value>,
    loan_collateral_options: Vec<Value>,
    account_linking_options: Vec<Value>,
    client_active_loan_options: Vec<Value>,
    calendar_options: Vec<Value>,
    datatables: Vec<Value>,
}

fn defaults(view: kassa_app::loan_products::LoanProductView, today: NaiveDate) -> ProductDefaults {
    let t = view.product.terms.clone();
    let multiples = (t.in_multiples_of > 0).then_some(t.in_multiples_of);
    ProductDefaults {
        loan_product_id: view.product.id,
        loan_product_name: t.name.clone(),
        loan_product_description: t.description.clone(),
        is_loan_product_linked_to_floating_rate: false,
        currency: view
            .currency
            .as_ref()
            .map(|c| currency_data(c, t.digits_after_decimal, multiples.or(Some(0)))),
        principal: t.principal,
        approved_principal: t.principal,
        proposed_principal: t.principal,
        // Fineract proposes a term of exactly the repayments: their number times their spacing.
        term_frequency: t.number_of_repayments * t.repayment_every,
        term_period_frequency_type: term_frequency_enum(t.repayment_frequency),
        number_of_repayments: t.number_of_repayments,
        repayment_every: t.repayment_every,
        repayment_frequency_type: EnumOption::of(repayment_frequency_enum(t.repayment_frequency)),
        interest_rate_per_period: t.interest_rate_per_period,
        interest_rate_frequency_type: enum_of!(t.interest_rate_frequency),
        annual_interest_rate: annual_rate(&t),
        is_floating_interest_rate: false,
        amortization_type: enum_of!(t.amortization),
        interest_type: enum_of!(t.interest_method),
        interest_calculation_period_type: enum_of!(t.interest_calculation_period),
        allow_partial_period_interest_calcualtion: t.allow_partial_period_interest_calculation,
        in_arrears_tolerance: t.in_arrears_tolerance,
        transaction_processing_strategy_name: strategy_name(
            &t.transaction_processing_strategy_code,
        ),
        transaction_processing_strategy_code: t.transaction_processing_strategy_code.clone(),
        grace_on_principal_payment: t.grace_on_principal_payment,
        grace_on_interest_payment: t.grace_on_interest_payment,
        grace_on_interest_charged: t.grace_on_interest_charged,
        grace_on_arrears_ageing: t.grace_on_arrears_ageing,
        multi_disburse_loan: t.multi_disburse_loan,
        can_define_installment_amount: t.can_define_installment_amount,
        is_equal_amortization: t.is_equal_amortization,
        fixed_principal_percentage_per_installment: t.fixed_principal_percentage_per_installment,
        days_in_year_type: EnumOption::of(days_in_year_enum(t.days_in_year)),
        is_interest_recalculation_enabled: false,
        loan_schedule_type: enum_of!(t.schedule_type),
        loan_schedule_processing_type: enum_of!(t.schedule_processing_type),
        enable_down_payment: t.enable_down_payment,
        disbursed_amount_percentage_for_down_payment: t
            .disbursed_amount_percentage_for_down_payment,
        can_use_for_topup: t.can_use_for_topup,
        is_topup: false,
        charges: Vec::new(),
        overdue_charges: Vec::new(),
        product: product_data(view, today),
    }
}

/// Defaults and option lists for a new individual loan (`templateType=individual`; `collateral` answers
/// the same template).
#[utoipa::path(get, path = "/loans/template", tag = "Loans",
    params(("templateType" = String, Query, description = "`individual`"),
           ("clientId" = Option<i64>, Query), ("productId" = Option<i64>, Query),
           ("activeOnly" = Option<bool>, Query), ("staffInSelectedOfficeOnly" = Option<bool>, Query)),
    responses((status = 200, description = "LoanAccountData as a template"),
              (status = 400, description = "A missing or unsupported templateType"),
              (status = 403, description = "No READ_LOAN permission"),
              (status = 404, description = "Unknown client or product")))]
pub(super) async fn loan_template(
    axum::extract::State(state): axum::extract::State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let template_type = query.text("templateType")?.unwrap_or_default();
    if !matches!(template_type, "individual" | "collateral") {
        return Err(ApiError(AppError::UnsupportedQueryValue {
            parameter: "templateType".into(),
            value: template_type.into(),
            supported: vec!["individual".into()],
        }));
    }
    let today = state.app.today(&caller.tenant).await?;
    let request = LoanTemplateQuery {
        client_id: query.long("clientId")?,
        product_id: query.long("productId")?,
        active_only: query.flag("activeOnly"),
        staff_in_selected_office_only: query.flag("staffInSelectedOfficeOnly"),
    };
    let t = template::template(&caller.tenant, &caller.principal, today, request).await?;
    let client = t.client.as_ref();
    let data = LoanTemplateData {
        client_id: client.map(|c| c.id),
        client_account_no: client.and_then(|c| c.account_no.clone()),
        client_name: client.map(|c| c.display_name.clone()),
        client_external_id: client.and_then(|c| c.external_id.clone()),
        client_office_id: client.map(|c| c.office_id),
        loan_type: EnumOption::of((1, "accountType.individual", "Individual")),
        timeline: Timeline {
            expected_disbursement_date: today,
        },
        defaults: t.product.map(|p| defaults(p, today)),
        product_options: t
            .product_options
            .iter()
            .map(|p| ProductOption {
                id: p.product.id,
                name: p.product.terms.name.clone(),
                include_in_borrower_cycle: p.product.terms.include_in_borrower_cycle,
                use_borrower_cycle: false,
                is_linked_to_floating_interest_rates: false,
                is_interest_recalculation_enabled: false,
                multi_disburse_loan: p.product.terms.multi_disburse_loan,
                can_define_installment_amount: p.product.terms.can_define_installment_amount,
            })
            .collect(),
        loan_officer_options: t
            .loan_officers
            .iter()
            .map(|s| {
                json!({
                    "id": s.staff.id,
                    "firstname": s.staff.firstname,
                    "lastname": s.staff.lastname,
                    "displayName": s.staff.display_name,
                    "officeId": s.staff.office_id,
                    "officeName": s.office_name,
                    "isLoanOfficer": s.staff.is_loan_officer,
                    "isActive": s.staff.is_active,
                })
            })
            .collect(),
        loan_purpose_options: t
            .loan_purposes
            .iter()
            .map(|v| {
                json!({
                    "id": v.id,
                    "name": v.name,
                    "position": v.position,
                    "description": v.description,
                    "active": v.is_active,
                    "mandatory": v.is_mandatory,
                })
            })
            .collect(),
        fund_options: Vec::new(),
        term_frequency_type_options: FREQUENCIES.into_iter().map(term_frequency_enum).collect(),
        repayment_frequency_type_options: FREQUENCIES[..3]
            .iter()
            .map(|f| EnumOption::of(repayment_frequency_enum(*f)))
            .collect(),
        repayment_frequency_nth_day_type_options: NTH_DAY_OPTIONS
            .into_iter()
            .map(EnumOption::of)
            .collect(),
        repayment_frequency_days_of_week_type_options: DAY_OF_WEEK_OPTIONS
            .into_iter()
            .map(EnumOption::of)
            .collect(),
        interest_rate_frequency_type_options: options!(RateFrequency::ALL),
        amortization_type_options: options!(Amortization::ALL),
        interest_type_options: options!(InterestMethod::ALL),
        interest_calculation_period_type_options: options!(InterestCalculationPeriod::ALL),
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
        loan_schedule_type_options: options!(ScheduleType::ALL),
        loan_schedule_processing_type_options: options!(ScheduleProcessingType::ALL),
        charge_options: Vec::new(),
        loan_collateral_options: Vec::new(),
        account_linking_options: Vec::new(),
        client_active_loan_options: Vec::new(),
        calendar_options: Vec::new(),
        datatables: Vec::new(),
    };
    respond::ok(&query, &[], &data)
}
