//! Reads charge requests as `ChargeDefinitionCommandFromApiJsonDeserializer` does: the whitelist, the
//! mandatory fields, and which due times and calculations each kind of charge accepts.

use kassa_app::charges::violation_errors;
use kassa_app::{AppError, ParamError};
use kassa_domain::charges::{
    kind_violations, ChargeAppliesTo, ChargeCalculationType, ChargeDefinition, ChargePaymentMode,
    ChargeTimeType, FeeFrequency, FreeWithdrawal, MonthDay, Violation, VALIDATOR,
};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::wire::{JsonBody, Reader};

pub const WRITE_PARAMS: &[&str] = &[
    "name",
    "amount",
    "locale",
    "currencyCode",
    "currencyOptions",
    "chargeAppliesTo",
    "chargeTimeType",
    "chargeCalculationType",
    "chargeCalculationTypeOptions",
    "penalty",
    "active",
    "chargePaymentMode",
    "feeOnMonthDay",
    "feeInterval",
    "monthDayFormat",
    "minCap",
    "maxCap",
    "feeFrequency",
    "enableFreeWithdrawalCharge",
    "freeWithdrawalFrequency",
    "restartCountFrequency",
    "countFrequencyType",
    "paymentTypeId",
    "enablePaymentType",
    "glAccountId",
    "taxGroupId",
];

pub(super) const NAME_MAX: usize = 100;
pub(super) const CURRENCY_MAX: usize = 3;

fn code(parameter: &str, rule: &str) -> String {
    format!("validation.msg.{VALIDATOR}.{parameter}.{rule}")
}

pub(super) fn greater_than_zero(r: &mut Reader, name: &str, value: Option<i64>) {
    if let Some(v) = value.filter(|v| *v < 1) {
        r.error(
            ParamError::new(
                name,
                code(name, "not.greater.than.zero"),
                format!("The parameter `{name}` must be greater than 0."),
            )
            .with_value(Value::from(v))
            .with_args(vec![Value::from(v), Value::from(0)]),
        );
    }
}

fn positive_amount(r: &mut Reader, name: &str, value: Option<Decimal>) {
    if let Some(v) = value.filter(|v| *v <= Decimal::ZERO) {
        r.error(
            ParamError::new(
                name,
                code(name, "not.greater.than.zero"),
                format!("The parameter `{name}` must be greater than 0."),
            )
            .with_value(Value::from(v.to_string()))
            .with_args(vec![Value::from(v.to_string()), Value::from(0)]),
        );
    }
}

pub(super) fn in_range(r: &mut Reader, name: &str, value: Option<i64>, min: i64, max: i64) {
    if let Some(v) = value.filter(|v| *v < min || *v > max) {
        r.error(
            ParamError::new(
                name,
                code(name, "is.not.within.expected.range"),
                format!("The parameter `{name}` must be between {min} and {max}."),
            )
            .with_value(Value::from(v))
            .with_args(vec![Value::from(v), Value::from(min), Value::from(max)]),
        );
    }
}

fn violations(r: &mut Reader, v: Vec<Violation>) {
    for e in violation_errors(v) {
        r.error(e);
    }
}

pub(super) fn not_one_of(
    r: &mut Reader,
    name: &'static str,
    value: Option<i64>,
    allowed: Vec<i64>,
) {
    violations(
        r,
        vec![Violation::NotOneOf {
            parameter: name,
            value,
            allowed,
        }],
    );
}

/// `feeOnMonthDay` read with the body's `monthDayFormat` and `locale`.
pub(super) fn month_day(r: &mut Reader, json: &JsonBody) -> Option<MonthDay> {
    let text = r.string("feeOnMonthDay", 64)?;
    let format = json
        .value("monthDayFormat")
        .and_then(|v| v.as_str().map(str::to_string));
    let locale = json
        .value("locale")
        .and_then(|v| v.as_str().map(str::to_string));
    let (Some(format), Some(locale)) = (format, locale) else {
        // Fineract fails with a server error here; Kassa names the missing parameter.
        let missing = if json.value("monthDayFormat").is_none() {
            "monthDayFormat"
        } else {
            "locale"
        };
        r.error(ParamError::new(
            missing,
            format!("validation.msg.missing.{missing}.parameter"),
            format!("The parameter `{missing}` is mandatory when `feeOnMonthDay` is provided."),
        ));
        return None;
    };
    // A month-day has no year: read it as a day of the leap year 2000, so that 29 February parses.
    let parsed =
        kassa_wire::parse_date(&format!("{text} 2000"), &format!("{format} yyyy"), &locale)
            .ok()
            .and_then(|d| {
                use chrono::Datelike;
                MonthDay::new(d.month(), d.day())
            });
    if parsed.is_none() {
        r.error(
            ParamError::new(
                "feeOnMonthDay",
                "validation.msg.invalid.month.day",
                format!("The parameter `feeOnMonthDay` is invalid based on the monthDayFormat: `{format}` and locale: `{locale}` provided:"),
            )
            .with_value(Value::from(text.clone()))
            .with_args(vec![Value::from(text), Value::from(format)]),
        );
    }
    parsed
}

pub(super) fn boolean_not_null(r: &mut Reader, name: &str) -> Option<bool> {
    if !r.present(name) {
        return None;
    }
    let v = r.boolean(name);
    if v.is_none() && !r.has(name) {
        r.mandatory_missing(name);
    }
    v
}

pub(super) fn decimal_not_null(r: &mut Reader, name: &str) -> Option<Decimal> {
    if !r.present(name) {
        return None;
    }
    if !r.has(name) {
        r.mandatory_missing(name);
        return None;
    }
    let v = r.decimal(name);
    positive_amount(r, name, v);
    v
}

/// GL accounts and tax groups do not exist in Kassa yet, so any id names one that is not there.
pub fn missing_references(json: &JsonBody) -> Result<(), AppError> {
    for (param, entity) in [("glAccountId", "GLAccount"), ("taxGroupId", "Tax.Group")] {
        let given = |v: &Value| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty());
        if let Some(v) = json.value(param).filter(given) {
            let id = v
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string());
            return Err(AppError::NotFound { entity, id });
        }
    }
    Ok(())
}

/// Savings options: free withdrawals and the payment type a withdrawal fee is limited to.
fn savings_options(r: &mut Reader) -> (Option<FreeWithdrawal>, Option<i64>) {
    let mut free = None;
    if r.present("enableFreeWithdrawalCharge")
        && boolean_not_null(r, "enableFreeWithdrawalCharge") == Some(true)
    {
        let frequency = r.long("freeWithdrawalFrequency");
        greater_than_zero(r, "freeWithdrawalFrequency", frequency);
        let restart = r.long("restartCountFrequency");
        greater_than_zero(r, "restartCountFrequency", restart);
        free = Some(FreeWithdrawal {
            frequency,
            restart_frequency: restart,
            restart_frequency_type: r.long("countFrequencyType"),
        });
    }
    let mut payment_type = None;
    if r.present("enablePaymentType") && boolean_not_null(r, "enablePaymentType") == Some(true) {
        payment_type = r.long("paymentTypeId");
        greater_than_zero(r, "paymentTypeId", payment_type);
    }
    (free, payment_type)
}

/// A create request, every problem reported at once.
pub fn read_create(json: &JsonBody) -> Result<ChargeDefinition, AppError> {
    let mut r = Reader::new(json, VALIDATOR);
    let applies_raw = r.long("chargeAppliesTo");
    if !r.has("chargeAppliesTo") {
        r.mandatory_missing("chargeAppliesTo");
    }
    let applies_to = applies_raw.and_then(ChargeAppliesTo::from_fineract_id);
    if let (Some(v), None) = (applies_raw, applies_to) {
        not_one_of(&mut r, "chargeAppliesTo", Some(v), vec![1, 2, 3, 4]);
    }
    let calc_raw = r.long("chargeCalculationType");
    if !r.has("chargeCalculationType") {
        r.mandatory_missing("chargeCalculationType");
    }
    let fee_interval = r.long("feeInterval");
    greater_than_zero(&mut r, "feeInterval", fee_interval);
    let fee_frequency_raw = r.long("feeFrequency");
    in_range(&mut r, "feeFrequency", fee_frequency_raw, 0, 3);
    let (free_withdrawal, payment_type_id) = savings_options(&mut r);
    if fee_frequency_raw.is_some() && fee_interval.is_none() {
        r.mandatory_missing("feeInterval");
    }
    let fee_on_month_day = if r.has("feeOnMonthDay") {
        month_day(&mut r, json)
    } else {
        None
    };
    let mut time_raw = None;
    let mut payment_mode_raw = r.long("chargePaymentMode");
    if let Some(applies_to) = applies_to {
        time_raw = r.long("chargeTimeType");
        if !r.has("chargeTimeType") {
            r.mandatory_missing("chargeTimeType");
        }
        if applies_to == ChargeAppliesTo::Loan {
            // Fineract checks the payment mode twice: a missing one is blank and not one of [0, 1].
            if payment_mode_raw.is_none() {
                r.mandatory_missing("chargePaymentMode");
            }
            if ChargePaymentMode::from_fineract_id(payment_mode_raw.unwrap_or(-1)).is_none() {
                not_one_of(&mut r, "chargePaymentMode", payment_mode_raw, vec![0, 1]);
            }
        } else {
            payment_mode_raw = payment_mode_raw.map(|m| i64::from(m == 1));
        }
        let kind = kind_violations(applies_to, time_raw, calc_raw);
        violations(&mut r, kind);
        if applies_to == ChargeAppliesTo::Savings {
            savings_fee_day(&mut r, json, time_raw, fee_on_month_day, fee_interval);
        }
        if applies_to == ChargeAppliesTo::Client && r.present("glAccountId") {
            let gl = r.long("glAccountId");
            if gl.is_none() && !r.has("glAccountId") {
                r.mandatory_missing("glAccountId");
            }
            greater_than_zero(&mut r, "glAccountId", gl);
        }
    }
    let name = r.required_string("name", NAME_MAX);
    let currency_code = r.required_string("currencyCode", CURRENCY_MAX);
    if !r.has("amount") {
        r.mandatory_missing("amount");
    }
    let amount = r.decimal("amount");
    positive_amount(&mut r, "amount", amount);
    let penalty = boolean_not_null(&mut r, "penalty");
    let active = boolean_not_null(&mut r, "active");
    let min_cap = decimal_not_null(&mut r, "minCap");
    let max_cap = decimal_not_null(&mut r, "maxCap");
    if r.present("taxGroupId") {
        let tax = r.long("taxGroupId");
        if tax.is_none() && !r.has("taxGroupId") {
            r.mandatory_missing("taxGroupId");
        }
        greater_than_zero(&mut r, "taxGroupId", tax);
    }
    r.finish()?;
    let (Some(name), Some(currency_code), Some(amount), Some(applies_to)) =
        (name, currency_code, amount, applies_to)
    else {
        return Err(AppError::Internal(
            "validated charge fields went missing".into(),
        ));
    };
    let time_type = time_raw.and_then(ChargeTimeType::from_fineract_id);
    let calculation_type = calc_raw.and_then(ChargeCalculationType::from_fineract_id);
    let (Some(time_type), Some(calculation_type)) = (time_type, calculation_type) else {
        return Err(AppError::Internal(
            "validated charge kinds went missing".into(),
        ));
    };
    missing_references(json)?;
    Ok(ChargeDefinition {
        name,
        currency_code,
        amount,
        applies_to,
        time_type,
        calculation_type,
        payment_mode: payment_mode_raw.and_then(ChargePaymentMode::from_fineract_id),
        penalty: penalty.unwrap_or(false),
        active: active.unwrap_or(false),
        fee_on_month_day,
        fee_interval,
        fee_frequency: fee_frequency_raw.and_then(FeeFrequency::from_fineract_id),
        min_cap,
        max_cap,
        free_withdrawal,
        payment_type_id,
    })
}

/// Weekly fees take no fee day; monthly fees need a day and an interval of 1 to 12; annual fees a day.
fn savings_fee_day(
    r: &mut Reader,
    json: &JsonBody,
    time: Option<i64>,
    day: Option<MonthDay>,
    interval: Option<i64>,
) {
    let day_given = json
        .value("feeOnMonthDay")
        .and_then(|v| v.as_str().map(|s| !s.trim().is_empty()));
    match time.and_then(ChargeTimeType::from_fineract_id) {
        Some(ChargeTimeType::WeeklyFee) if day_given == Some(true) => {
            let value = json.value("feeOnMonthDay").unwrap_or(Value::Null);
            r.error(
                ParamError::new(
                    "feeOnMonthDay",
                    code("feeOnMonthDay", "cannot.also.be.provided.when.chargeTimeType.is.11"),
                    "The parameter `feeOnMonthDay` cannot also be provided when `chargeTimeType` is 11",
                )
                .with_value(value.clone())
                .with_args(vec![value, Value::from("chargeTimeType"), Value::from(11)]),
            );
        }
        Some(ChargeTimeType::MonthlyFee) => {
            if day.is_none() && day_given != Some(true) {
                r.mandatory_missing("feeOnMonthDay");
            }
            if interval.is_none() {
                r.mandatory_missing("feeInterval");
            }
            in_range(r, "feeInterval", interval, 1, 12);
        }
        Some(ChargeTimeType::AnnualFee) if day.is_none() && day_given != Some(true) => {
            r.mandatory_missing("feeOnMonthDay")
        }
        _ => {}
    }
}
