//! The terms block of `LoanAccountData` that the web app's account-details tab dereferences
//! (`daysInMonthType.value`, `daysInYearType.value`, grace fields, …): what the loan was submitted with where
//! the application said so, else its product's.

use kassa_app::loans::schedule::LoanApplication;
use kassa_domain::loan_products::{days_in_month_enum, days_in_year_enum, LoanProduct};
use kassa_domain::loans::ledger::Strategy;
use rust_decimal::Decimal;
use serde::Serialize;

use super::enum_data::EnumData;
use crate::wire::ser;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TermsData {
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction_processing_strategy_name: Option<&'static str>,
    days_in_month_type: EnumData,
    days_in_year_type: EnumData,
    is_interest_recalculation_enabled: bool,
    allow_partial_period_interest_calculation: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_on_principal_payment: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_on_interest_payment: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_on_interest_charged: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grace_on_arrears_ageing: Option<i64>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    in_arrears_tolerance: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    fixed_emi_amount: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    fixed_principal_percentage_per_installment: Option<Decimal>,
    is_equal_amortization: bool,
    can_define_installment_amount: bool,
    is_variable_installments_allowed: bool,
    enable_down_payment: bool,
    is_topup: bool,
    #[serde(rename = "isNPA")]
    is_npa: bool,
    charged_off: bool,
    loan_schedule_type: EnumData,
    loan_schedule_processing_type: EnumData,
}

/// The loan's effective terms. `application` is the stored submission (absent for loans written before it
/// was kept), which overrides the product where it carries a value.
pub(super) fn terms_data(
    product: &LoanProduct,
    application: Option<&LoanApplication>,
    grace_on_arrears_ageing: u32,
) -> TermsData {
    let t = &product.terms;
    let grace = |from_application: Option<u32>, from_product: Option<i64>| {
        from_application.map(i64::from).or(from_product)
    };
    let days_in_year = application
        .and_then(|a| a.days_in_year)
        .unwrap_or(t.days_in_year);
    TermsData {
        transaction_processing_strategy_name: Strategy::from_code(
            &t.transaction_processing_strategy_code,
        )
        .map(|s| s.name()),
        days_in_month_type: EnumData::of(days_in_month_enum(t.days_in_month)),
        days_in_year_type: EnumData::of(days_in_year_enum(days_in_year)),
        // Kassa has no interest recalculation yet; Fineract answers `false` for such products too.
        is_interest_recalculation_enabled: false,
        allow_partial_period_interest_calculation: application
            .and_then(|a| a.allow_partial_period_interest_calculation)
            .unwrap_or(t.allow_partial_period_interest_calculation),
        grace_on_principal_payment: grace(
            application.and_then(|a| a.grace_on_principal_payment),
            t.grace_on_principal_payment,
        ),
        grace_on_interest_payment: grace(
            application.and_then(|a| a.grace_on_interest_payment),
            t.grace_on_interest_payment,
        ),
        grace_on_interest_charged: grace(
            application.and_then(|a| a.grace_on_interest_charged),
            t.grace_on_interest_charged,
        ),
        grace_on_arrears_ageing: Some(i64::from(grace_on_arrears_ageing)),
        in_arrears_tolerance: t.in_arrears_tolerance,
        fixed_emi_amount: application.and_then(|a| a.fixed_emi_amount),
        fixed_principal_percentage_per_installment: application
            .and_then(|a| a.fixed_principal_percentage_per_installment)
            .or(t.fixed_principal_percentage_per_installment),
        is_equal_amortization: application
            .and_then(|a| a.is_equal_amortization)
            .unwrap_or(t.is_equal_amortization),
        can_define_installment_amount: t.can_define_installment_amount,
        is_variable_installments_allowed: false,
        enable_down_payment: t.enable_down_payment,
        is_topup: false,
        is_npa: false,
        charged_off: false,
        loan_schedule_type: EnumData::of((
            t.schedule_type.fineract_id(),
            t.schedule_type.code(),
            t.schedule_type.label(),
        )),
        loan_schedule_processing_type: EnumData::of((
            t.schedule_processing_type.fineract_id(),
            t.schedule_processing_type.code(),
            t.schedule_processing_type.label(),
        )),
    }
}
