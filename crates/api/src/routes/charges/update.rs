//! Reads charge updates as `validateForUpdate` does: each given parameter checked on its own, the rules
//! between them left to the domain's `apply`.

use kassa_app::AppError;
use kassa_domain::charges::{
    ChargeAppliesTo, ChargeCalculationType, ChargeChanges, ChargePaymentMode, ChargeTimeType,
    FeeFrequency, VALIDATOR,
};

use super::request::{
    boolean_not_null, decimal_not_null, greater_than_zero, in_range, missing_references, month_day,
    not_one_of, CURRENCY_MAX, NAME_MAX,
};
use crate::wire::{JsonBody, Reader};

/// An update request: each given parameter checked on its own (`validateForUpdate`).
pub fn read_update(json: &JsonBody) -> Result<ChargeChanges, AppError> {
    let mut r = Reader::new(json, VALIDATOR);
    let mut c = ChargeChanges::default();
    if r.present("name") {
        c.name = r.required_string("name", NAME_MAX);
    }
    if r.present("currencyCode") {
        c.currency_code = r.required_string("currencyCode", CURRENCY_MAX);
    }
    c.amount = decimal_not_null(&mut r, "amount");
    c.min_cap = decimal_not_null(&mut r, "minCap");
    c.max_cap = decimal_not_null(&mut r, "maxCap");
    if r.present("chargeAppliesTo") {
        let v = r.long("chargeAppliesTo");
        c.applies_to = v.and_then(ChargeAppliesTo::from_fineract_id);
        if c.applies_to.is_none() {
            if v.is_none() && !r.has("chargeAppliesTo") {
                r.mandatory_missing("chargeAppliesTo");
            }
            not_one_of(&mut r, "chargeAppliesTo", v, vec![1, 2, 3, 4]);
        }
    }
    if r.present("chargeTimeType") {
        let v = r.long("chargeTimeType");
        c.time_type = v.and_then(ChargeTimeType::from_fineract_id);
        if c.time_type.is_none() {
            if v.is_none() && !r.has("chargeTimeType") {
                r.mandatory_missing("chargeTimeType");
            }
            let all = ChargeTimeType::ALL
                .iter()
                .map(|t| t.fineract_id())
                .collect();
            not_one_of(&mut r, "chargeTimeType", v, all);
        }
    }
    if r.present("feeOnMonthDay") && r.has("feeOnMonthDay") {
        c.fee_on_month_day = month_day(&mut r, json);
    } else if r.present("feeOnMonthDay") {
        r.mandatory_missing("feeOnMonthDay");
    }
    c.fee_interval = r.long("feeInterval");
    greater_than_zero(&mut r, "feeInterval", c.fee_interval);
    for (name, min, max) in [("chargeCalculationType", 1, 5), ("chargePaymentMode", 0, 1)] {
        if r.present(name) {
            let v = r.long(name);
            if v.is_none() && !r.has(name) {
                r.mandatory_missing(name);
            }
            in_range(&mut r, name, v, min, max);
            if name == "chargeCalculationType" {
                c.calculation_type = v.and_then(ChargeCalculationType::from_fineract_id);
            } else {
                c.payment_mode = v.and_then(ChargePaymentMode::from_fineract_id);
            }
        }
    }
    c.penalty = boolean_not_null(&mut r, "penalty");
    c.active = boolean_not_null(&mut r, "active");
    let frequency = r.long("feeFrequency");
    in_range(&mut r, "feeFrequency", frequency, 0, 3);
    c.fee_frequency = frequency.and_then(FeeFrequency::from_fineract_id);
    for name in ["glAccountId", "taxGroupId"] {
        if r.present(name) {
            let v = r.long(name);
            greater_than_zero(&mut r, name, v);
        }
    }
    r.finish()?;
    missing_references(json)?;
    Ok(c)
}
