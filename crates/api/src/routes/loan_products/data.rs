//! Fineract's `LoanProductData` and the template's shapes, built from a stored product.

use super::allocation_options::AllocationOptions;
use kassa_app::loan_products::LoanProductView;

use kassa_domain::organisation::currency::Currency;

use kassa_domain::loan_products::{
    days_in_month_enum, days_in_year_enum, repayment_frequency_enum, AttributeOverrides,
    LoanProductTerms, RateFrequency, TRANSACTION_PROCESSING_STRATEGIES,
};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::routes::charges::data::ChargeData;

use crate::wire::ser;

#[derive(Serialize)]
pub(crate) struct EnumOption {
    pub(crate) id: i64,
    pub(crate) code: &'static str,
    pub(crate) value: &'static str,
}

impl EnumOption {
    pub(crate) fn of((id, code, value): (i64, &'static str, &'static str)) -> EnumOption {
        EnumOption { id, code, value }
    }
}

/// Fineract's `CurrencyData` as products show it: the product's own places and multiples.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CurrencyData {
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

pub(crate) fn currency_data(c: &Currency, places: i64, multiples: Option<i64>) -> CurrencyData {
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
pub(crate) struct Overrides {
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
pub(crate) struct LoanProductData {
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
    /// Features Kassa does not have, read back at the only value it accepts (the web app's product view
    /// shows each of them).
    repayment_start_date_type: EnumOption,
    allow_approved_disbursed_amounts_over_applied: bool,
    interest_recognition_on_disbursement_date: bool,
    account_moves_out_of_n_p_a_only_on_arrears_completion: bool,
    allow_variable_installments: bool,
    hold_guarantee_funds: bool,
    #[serde(flatten)]
    allocation_options: AllocationOptions,
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

pub(crate) fn strategy_name(code: &str) -> &'static str {
    TRANSACTION_PROCESSING_STRATEGIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

/// Fineract's `annualInterestRate`: the rate per period scaled to a year.
pub(crate) fn annual_rate(t: &LoanProductTerms) -> Decimal {
    match t.interest_rate_frequency {
        RateFrequency::Months => t.interest_rate_per_period * Decimal::from(12),
        RateFrequency::Years | RateFrequency::WholeTerm => t.interest_rate_per_period,
    }
}

pub(crate) fn product_data(v: LoanProductView, today: chrono::NaiveDate) -> LoanProductData {
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
        repayment_start_date_type: EnumOption::of((
            1,
            "repaymentStartDateType.disbursementDate",
            "Disbursement Date",
        )),
        allow_approved_disbursed_amounts_over_applied: false,
        interest_recognition_on_disbursement_date: false,
        account_moves_out_of_n_p_a_only_on_arrears_completion: false,
        allow_variable_installments: false,
        hold_guarantee_funds: false,
        allocation_options: AllocationOptions::fineract(),
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

#[derive(Serialize)]
pub(crate) struct StrategyOption {
    pub(crate) code: &'static str,
    pub(crate) name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LoanProductTemplate {
    pub(crate) include_in_borrower_cycle: bool,
    pub(crate) use_borrower_cycle: bool,
    pub(crate) is_interest_recalculation_enabled: bool,
    pub(crate) is_linked_to_floating_interest_rates: bool,
    pub(crate) multi_disburse_loan: bool,
    pub(crate) can_define_installment_amount: bool,
    pub(crate) enable_down_payment: bool,
    pub(crate) accounting_rule: EnumOption,
    pub(crate) days_in_year_type: EnumOption,
    pub(crate) days_in_month_type: EnumOption,
    pub(crate) loan_schedule_type: EnumOption,
    pub(crate) loan_schedule_processing_type: EnumOption,
    pub(crate) allow_attribute_overrides: Overrides,
    pub(crate) charges: Vec<Value>,
    pub(crate) currency_options: Vec<CurrencyData>,
    pub(crate) amortization_type_options: Vec<EnumOption>,
    pub(crate) interest_type_options: Vec<EnumOption>,
    pub(crate) interest_calculation_period_type_options: Vec<EnumOption>,
    pub(crate) repayment_frequency_type_options: Vec<EnumOption>,
    pub(crate) interest_rate_frequency_type_options: Vec<EnumOption>,
    pub(crate) transaction_processing_strategy_options: Vec<StrategyOption>,
    pub(crate) days_in_year_type_options: Vec<EnumOption>,
    pub(crate) days_in_month_type_options: Vec<EnumOption>,
    pub(crate) accounting_rule_options: Vec<EnumOption>,
    pub(crate) loan_schedule_type_options: Vec<EnumOption>,
    pub(crate) loan_schedule_processing_type_options: Vec<EnumOption>,
    pub(crate) fund_options: Vec<Value>,
    pub(crate) charge_options: Vec<Value>,
    pub(crate) penalty_options: Vec<Value>,
    #[serde(flatten)]
    pub(crate) allocation_options: AllocationOptions,
}
