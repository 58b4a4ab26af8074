//! Fineract's `LoanChargeData` (with `LoanInstallmentChargeData` for installment fees) and the template.
//! Money is scaled to the loan's currency, as the loan's other reads show it.

use chrono::NaiveDate;
use kassa_app::loans::charges::{LoanChargeView, Settled};
use kassa_domain::charges::{ChargeCalculationType, ChargePaymentMode, ChargeTimeType};
use kassa_domain::organisation::currency::Currency;
use kassa_store::repo::loans::loan::LoanRecord;
use rust_decimal::Decimal;
use serde::Serialize;

use super::super::schedule_data::{currency_data, CurrencyData};
use crate::routes::charges::data::ChargeData;
use crate::wire::ser;

/// `EnumOptionData`.
#[derive(Serialize)]
struct EnumOption {
    id: i64,
    code: &'static str,
    value: &'static str,
}

fn time_type(id: i64) -> EnumOption {
    let t = ChargeTimeType::from_fineract_id(id).unwrap_or(ChargeTimeType::SpecifiedDueDate);
    EnumOption {
        id: t.fineract_id(),
        code: t.code(),
        value: t.label(),
    }
}

fn calculation_type(id: i64) -> EnumOption {
    let t = ChargeCalculationType::from_fineract_id(id).unwrap_or(ChargeCalculationType::Flat);
    EnumOption {
        id: t.fineract_id(),
        code: t.code(),
        value: t.label(),
    }
}

fn payment_mode(id: i64) -> EnumOption {
    let t = ChargePaymentMode::from_fineract_id(id).unwrap_or(ChargePaymentMode::Regular);
    EnumOption {
        id: t.fineract_id(),
        code: t.code(),
        value: t.label(),
    }
}

/// `LoanInstallmentChargeData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InstallmentChargeData {
    installment_number: u32,
    #[serde(serialize_with = "ser::date")]
    due_date: NaiveDate,
    #[serde(serialize_with = "ser::decimal")]
    amount: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    amount_outstanding: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    amount_waived: Decimal,
    paid: bool,
    waived: bool,
}

/// `LoanChargeData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LoanChargeData {
    id: i64,
    charge_id: i64,
    name: String,
    charge_time_type: EnumOption,
    #[serde(
        serialize_with = "ser::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    due_date: Option<NaiveDate>,
    charge_calculation_type: EnumOption,
    #[serde(serialize_with = "ser::decimal")]
    percentage: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    amount_percentage_applied_to: Decimal,
    currency: CurrencyData,
    #[serde(serialize_with = "ser::decimal")]
    amount: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    amount_paid: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    amount_waived: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    amount_written_off: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    amount_outstanding: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    amount_or_percentage: Decimal,
    penalty: bool,
    charge_payment_mode: EnumOption,
    paid: bool,
    waived: bool,
    charge_payable: bool,
    loan_id: i64,
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    installment_charge_data: Vec<InstallmentChargeData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
}

pub(super) fn loan_charge_data(
    loan: &LoanRecord,
    currency: &Currency,
    v: LoanChargeView,
) -> LoanChargeData {
    let places = currency.decimal_places;
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    let outstanding = v.outstanding();
    let r = v.row;
    let is_disbursement = r.charge_time_enum == ChargeTimeType::Disbursement.fineract_id();
    let due_date = r.due_for_collection_as_of_date.or_else(|| {
        is_disbursement.then(|| {
            loan.disbursedon_date
                .unwrap_or(loan.expected_disbursedon_date)
        })
    });
    let percent = r.calculation_percentage.map(|p| p.0);
    let Settled {
        paid,
        waived,
        written_off,
    } = v.settled;
    LoanChargeData {
        id: r.id,
        charge_id: r.charge_id,
        name: r.name,
        charge_time_type: time_type(r.charge_time_enum),
        due_date,
        charge_calculation_type: calculation_type(r.charge_calculation_enum),
        percentage: percent.unwrap_or_default().normalize(),
        amount_percentage_applied_to: v.placed.base.map(m).unwrap_or_default(),
        currency: currency_data(currency),
        amount: m(v.placed.amount),
        amount_paid: m(paid),
        amount_waived: m(waived),
        amount_written_off: m(written_off),
        amount_outstanding: m(outstanding),
        amount_or_percentage: if percent.is_some() {
            r.charge_amount_or_percentage.0.normalize()
        } else {
            m(r.charge_amount_or_percentage.0)
        },
        penalty: r.is_penalty,
        charge_payment_mode: payment_mode(r.charge_payment_mode_enum),
        paid: outstanding.is_zero() && paid > Decimal::ZERO,
        waived: outstanding.is_zero() && waived > Decimal::ZERO,
        charge_payable: false,
        loan_id: r.loan_id,
        min_cap: r.min_cap.map(|c| c.0),
        max_cap: r.max_cap.map(|c| c.0),
        installment_charge_data: if r.charge_time_enum
            == ChargeTimeType::InstalmentFee.fineract_id()
        {
            v.installments
                .iter()
                .map(|(n, due, amount, s)| {
                    let left = *amount - s.paid - s.waived - s.written_off;
                    InstallmentChargeData {
                        installment_number: *n,
                        due_date: *due,
                        amount: m(*amount),
                        amount_outstanding: m(left),
                        amount_waived: m(s.waived),
                        paid: left.is_zero() && s.paid > Decimal::ZERO,
                        waived: left.is_zero() && s.waived > Decimal::ZERO,
                    }
                })
                .collect()
        } else {
            Vec::new()
        },
        external_id: r.external_id,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LoanChargeTemplate {
    #[serde(serialize_with = "ser::decimal")]
    pub(super) amount_or_percentage: Decimal,
    pub(super) penalty: bool,
    pub(super) paid: bool,
    pub(super) waived: bool,
    pub(super) charge_payable: bool,
    pub(super) charge_options: Vec<ChargeData>,
}
