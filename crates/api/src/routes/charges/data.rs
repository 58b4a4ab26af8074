//! Fineract's `ChargeData` on the wire: the charge itself, and the template's option lists. Gson writes
//! the primitive fields (`active`, `penalty`, `freeWithdrawal`, `isPaymentType`) even in the template.

use kassa_app::charges::ChargeView;
use kassa_domain::charges::{
    offered_time_types, ChargeAppliesTo, ChargeCalculationType, ChargePaymentMode, ChargeTimeType,
    FeeFrequency, MonthDay,
};
use kassa_domain::organisation::currency::Currency;
use rust_decimal::Decimal;
use serde::ser::SerializeTuple;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::wire::ser;

/// `EnumOptionData`.
#[derive(Serialize)]
pub struct EnumOption {
    id: i64,
    code: String,
    value: &'static str,
}

macro_rules! option_of {
    ($e:expr) => {
        EnumOption {
            id: $e.fineract_id(),
            code: $e.code().to_string(),
            value: $e.label(),
        }
    };
}

/// `CurrencyData` as the organisation's currency list gives it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyData {
    code: String,
    name: String,
    decimal_places: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_multiples_of: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_symbol: Option<String>,
    name_code: String,
    display_label: String,
}

impl From<&Currency> for CurrencyData {
    fn from(c: &Currency) -> Self {
        CurrencyData {
            code: c.code.clone(),
            name: c.name.clone(),
            decimal_places: c.decimal_places,
            in_multiples_of: c.in_multiples_of,
            display_symbol: c.display_symbol.clone(),
            name_code: c.name_code.clone(),
            display_label: c.display_label(),
        }
    }
}

#[derive(Serialize)]
pub struct PaymentTypeRef {
    id: i64,
    name: String,
}

fn month_day<S: Serializer>(d: &Option<MonthDay>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => {
            let mut t = s.serialize_tuple(2)?;
            t.serialize_element(&d.month)?;
            t.serialize_element(&d.day)?;
            t.end()
        }
        None => s.serialize_none(),
    }
}

/// A stored charge (`ChargeMapper`): ints read with `getInt` show 0 when unset.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChargeData {
    id: i64,
    name: String,
    active: bool,
    penalty: bool,
    free_withdrawal: bool,
    is_payment_type: bool,
    free_withdrawal_charge_frequency: i64,
    restart_frequency: i64,
    restart_frequency_enum: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_type_options: Option<PaymentTypeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<CurrencyData>,
    #[serde(serialize_with = "ser::decimal")]
    amount: Decimal,
    charge_time_type: EnumOption,
    charge_applies_to: EnumOption,
    charge_calculation_type: EnumOption,
    charge_payment_mode: EnumOption,
    #[serde(serialize_with = "month_day", skip_serializing_if = "Option::is_none")]
    fee_on_month_day: Option<MonthDay>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fee_interval: Option<i64>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    min_cap: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    max_cap: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fee_frequency: Option<EnumOption>,
    #[serde(flatten)]
    template: Option<ChargeTemplate>,
}

/// Fineract reads a stored fee frequency with the code prefix `feeFrequency`, glued on without a dot.
fn stored_fee_frequency(f: FeeFrequency) -> EnumOption {
    EnumOption {
        id: f.fineract_id(),
        code: format!("feeFrequency{}", f.code()),
        value: f.label(),
    }
}

impl ChargeData {
    pub fn new(v: ChargeView, template: Option<ChargeTemplate>) -> ChargeData {
        let d = v.charge.definition;
        let fw = d.free_withdrawal;
        ChargeData {
            id: v.charge.id,
            name: d.name,
            active: d.active,
            penalty: d.penalty,
            free_withdrawal: fw.is_some(),
            is_payment_type: d.payment_type_id.is_some(),
            free_withdrawal_charge_frequency: fw.and_then(|f| f.frequency).unwrap_or(0),
            restart_frequency: fw.and_then(|f| f.restart_frequency).unwrap_or(0),
            restart_frequency_enum: fw.and_then(|f| f.restart_frequency_type).unwrap_or(0),
            payment_type_options: v.payment_type.map(|p| PaymentTypeRef {
                id: p.id,
                name: p.name,
            }),
            currency: v.currency.as_ref().map(CurrencyData::from),
            amount: d.amount,
            charge_time_type: option_of!(d.time_type),
            charge_applies_to: option_of!(d.applies_to),
            charge_calculation_type: option_of!(d.calculation_type),
            charge_payment_mode: option_of!(d.payment_mode.unwrap_or(ChargePaymentMode::Regular)),
            fee_on_month_day: d.fee_on_month_day,
            fee_interval: d.fee_interval,
            min_cap: d.min_cap,
            max_cap: d.max_cap,
            fee_frequency: d.fee_frequency.map(stored_fee_frequency),
            template,
        }
    }
}

/// `GET /charges/template`: an empty charge with the option lists.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateData {
    active: bool,
    penalty: bool,
    free_withdrawal: bool,
    is_payment_type: bool,
    #[serde(flatten)]
    options: ChargeTemplate,
}

impl TemplateData {
    pub fn new(options: ChargeTemplate) -> TemplateData {
        TemplateData {
            active: false,
            penalty: false,
            free_withdrawal: false,
            is_payment_type: false,
            options,
        }
    }
}

/// The option lists, in Fineract's order (`ChargeDropdownReadPlatformServiceImpl`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChargeTemplate {
    currency_options: Vec<CurrencyData>,
    charge_calculation_type_options: Vec<EnumOption>,
    charge_applies_to_options: Vec<EnumOption>,
    charge_time_type_options: Vec<EnumOption>,
    /// Fineract's spelling.
    charge_paymet_mode_options: Vec<EnumOption>,
    loan_charge_calculation_type_options: Vec<EnumOption>,
    loan_charge_time_type_options: Vec<EnumOption>,
    savings_charge_calculation_type_options: Vec<EnumOption>,
    savings_charge_time_type_options: Vec<EnumOption>,
    client_charge_calculation_type_options: Vec<EnumOption>,
    client_charge_time_type_options: Vec<EnumOption>,
    share_charge_calculation_type_options: Vec<EnumOption>,
    share_charge_time_type_options: Vec<EnumOption>,
    fee_frequency_options: Vec<EnumOption>,
    income_or_liability_account_options: Value,
    tax_group_options: Vec<Value>,
    expense_account_options: Vec<Value>,
    asset_account_options: Vec<Value>,
}

fn times(list: Vec<ChargeTimeType>) -> Vec<EnumOption> {
    list.into_iter().map(|t| option_of!(t)).collect()
}

fn calculations(list: &[ChargeCalculationType]) -> Vec<EnumOption> {
    list.iter().map(|c| option_of!(c)).collect()
}

/// `retrievePeriodFrequencyTypeOptions`: the prefix `frequency` glued on, and "whole term" shown as
/// Fineract's enumeration helper shows it, as the invalid option (id 5).
fn fee_frequency_options() -> Vec<EnumOption> {
    let mut out: Vec<EnumOption> = FeeFrequency::ALL
        .iter()
        .map(|f| EnumOption {
            id: f.fineract_id(),
            code: format!("frequency{}", f.code()),
            value: f.label(),
        })
        .collect();
    out.push(EnumOption {
        id: 5,
        code: "periodFrequencyType.invalid".into(),
        value: "Invalid",
    });
    out
}

impl ChargeTemplate {
    pub fn new(currencies: &[Currency]) -> ChargeTemplate {
        use ChargeAppliesTo as A;
        use ChargeCalculationType as C;
        let all_times = ChargeTimeType::ALL
            .iter()
            .copied()
            .filter(|t| *t != ChargeTimeType::SavingsClosure)
            .collect();
        ChargeTemplate {
            currency_options: currencies.iter().map(CurrencyData::from).collect(),
            charge_calculation_type_options: calculations(C::ALL),
            charge_applies_to_options: A::ALL.iter().map(|a| option_of!(a)).collect(),
            charge_time_type_options: times(all_times),
            charge_paymet_mode_options: ChargePaymentMode::ALL
                .iter()
                .map(|m| option_of!(m))
                .collect(),
            loan_charge_calculation_type_options: calculations(C::ALL),
            loan_charge_time_type_options: times(offered_time_types(A::Loan)),
            savings_charge_calculation_type_options: calculations(&[C::Flat, C::PercentOfAmount]),
            savings_charge_time_type_options: times(offered_time_types(A::Savings)),
            client_charge_calculation_type_options: calculations(&[C::Flat]),
            client_charge_time_type_options: times(offered_time_types(A::Client)),
            share_charge_calculation_type_options: calculations(&[C::Flat, C::PercentOfAmount]),
            share_charge_time_type_options: times(offered_time_types(A::Shares)),
            fee_frequency_options: fee_frequency_options(),
            income_or_liability_account_options: serde_json::json!({
                "incomeAccountOptions": [], "liabilityAccountOptions": []
            }),
            tax_group_options: vec![],
            expense_account_options: vec![],
            asset_account_options: vec![],
        }
    }
}
