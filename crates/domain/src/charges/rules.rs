//! Fineract's rules between a charge's kind, due time, calculation and penalty flag, as pure checks.
//! `ChargeDefinitionCommandFromApiJsonDeserializer` reports under the resource `charge`, the `Charge`
//! entity under `charges`; both are kept so the codes match.

use super::entity::{ChargeChanges, ChargeDefinition};
use super::enums::{
    allowed_calculation_types, allowed_time_types, ids, ChargeAppliesTo, ChargeCalculationType,
    ChargeTimeType,
};
use super::error::ChargeError;

pub const VALIDATOR: &str = "charge";
pub const ENTITY: &str = "charges";

/// One refused parameter, in the shape Fineract's `DataValidatorBuilder` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// `validation.msg.<resource>.<parameter>.is.not.one.of.expected.enumerations`.
    NotOneOf {
        parameter: &'static str,
        value: Option<i64>,
        allowed: Vec<i64>,
    },
    /// `validation.msg.charge.<parameter>.is.one.of.unwanted.enumerations`.
    Unwanted {
        parameter: &'static str,
        value: i64,
        unwanted: Vec<i64>,
    },
    /// `validation.msg.charges.<rule>`: the entity's checks, the parameter not part of the code.
    Failed {
        parameter: &'static str,
        value: i64,
        rule: &'static str,
    },
    /// `validation.msg.charges.<parameter>.cannot.be.blank`.
    Missing { parameter: &'static str },
    /// `validation.msg.charges.<parameter>.is.not.within.expected.range`.
    OutOfRange {
        parameter: &'static str,
        value: i64,
        min: i64,
        max: i64,
    },
}

const TIME: &str = "chargeTimeType";
const CALCULATION: &str = "chargeCalculationType";

fn one_of(out: &mut Vec<Violation>, parameter: &'static str, value: i64, allowed: Vec<i64>) {
    if !allowed.contains(&value) {
        out.push(Violation::NotOneOf {
            parameter,
            value: Some(value),
            allowed,
        });
    }
}

/// The create-time checks of due time and calculation against the kind of charge (ids as sent).
pub fn kind_violations(
    applies_to: ChargeAppliesTo,
    time_type: Option<i64>,
    calculation_type: Option<i64>,
) -> Vec<Violation> {
    let mut out = Vec::new();
    if let Some(time) = time_type {
        let allowed = ids(allowed_time_types(applies_to), ChargeTimeType::fineract_id);
        one_of(&mut out, TIME, time, allowed);
    }
    if let Some(calc) = calculation_type {
        let allowed = ids(
            allowed_calculation_types(applies_to),
            ChargeCalculationType::fineract_id,
        );
        one_of(&mut out, CALCULATION, calc, allowed);
    }
    match (applies_to, time_type, calculation_type) {
        (ChargeAppliesTo::Loan, Some(time), Some(calc)) => {
            out.extend(time_calculation_violations(time, calc))
        }
        (ChargeAppliesTo::Shares, Some(13), Some(calc)) => {
            one_of(&mut out, CALCULATION, calc, vec![1])
        }
        _ => {}
    }
    out
}

/// `performChargeTimeNCalculationTypeValidation`: "% disbursement amount" only for tranche charges, flat
/// only for share activation.
pub fn time_calculation_violations(time: i64, calc: i64) -> Vec<Violation> {
    let mut out = Vec::new();
    if time == ChargeTimeType::ShareAccountActivation.fineract_id() {
        one_of(&mut out, CALCULATION, calc, vec![1]);
    }
    let disbursement_pct = ChargeCalculationType::PercentOfDisbursementAmount.fineract_id();
    if time == ChargeTimeType::TrancheDisbursement.fineract_id() {
        one_of(&mut out, CALCULATION, calc, vec![1, disbursement_pct]);
    } else if calc == disbursement_pct {
        out.push(Violation::Unwanted {
            parameter: CALCULATION,
            value: calc,
            unwanted: vec![disbursement_pct],
        });
    }
    out
}

fn savings_percentage_only_for_withdrawals(d: &ChargeDefinition) -> bool {
    d.applies_to == ChargeAppliesTo::Savings
        && d.calculation_type == ChargeCalculationType::PercentOfAmount
        && !matches!(
            d.time_type,
            ChargeTimeType::WithdrawalFee | ChargeTimeType::SavingsNoActivityFee
        )
}

/// The entity's checks on a new charge: penalty rules (403) first, then parameter problems (400).
pub fn check_new(d: &ChargeDefinition) -> Result<Vec<Violation>, ChargeError> {
    let mut out = Vec::new();
    if savings_percentage_only_for_withdrawals(d) {
        out.push(Violation::Failed {
            parameter: CALCULATION,
            value: d.calculation_type.fineract_id(),
            rule: "savings.charge.calculation.type.percentage.allowed.only.for.withdrawal.or.NoActivity",
        });
    }
    if d.applies_to == ChargeAppliesTo::Loan {
        let at_disbursement = matches!(
            d.time_type,
            ChargeTimeType::Disbursement | ChargeTimeType::TrancheDisbursement
        );
        if d.penalty && at_disbursement {
            return Err(ChargeError::DisbursementCannotBePenalty(d.name.clone()));
        }
        if !d.penalty && d.time_type == ChargeTimeType::OverdueInstallment {
            return Err(ChargeError::MustBePenalty(d.name.clone()));
        }
    }
    Ok(out)
}

/// The outcome of `Charge.update`: the new definition, the request parameters that changed, and the
/// parameter problems found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub next: ChargeDefinition,
    pub changed: Vec<&'static str>,
    pub violations: Vec<Violation>,
}

macro_rules! set {
    ($next:ident, $changed:ident, $c:ident . $field:ident, $param:literal) => {
        if let Some(v) = &$c.$field {
            if *v != $next.$field {
                $next.$field = v.clone();
                $changed.push($param);
            }
        }
    };
}

/// Applies `c` as Fineract's `Charge.update` does. Changing the kind is refused outright (403), and so
/// are a disbursement penalty and a non-penalty overdue fee on the result.
pub fn apply(current: &ChargeDefinition, c: &ChargeChanges) -> Result<Update, ChargeError> {
    let mut next = current.clone();
    let mut changed = Vec::new();
    let mut out = Vec::new();
    set!(next, changed, c.name, "name");
    set!(next, changed, c.currency_code, "currencyCode");
    set!(next, changed, c.amount, "amount");
    if let Some(time) = c.time_type.filter(|t| *t != current.time_type) {
        next.time_type = time;
        changed.push(TIME);
        let allowed = match next.applies_to {
            // Fineract checks a client charge's new time against the loan list (sic).
            ChargeAppliesTo::Client => {
                Some((ChargeAppliesTo::Loan, "not.allowed.charge.time.for.client"))
            }
            ChargeAppliesTo::Loan => {
                Some((ChargeAppliesTo::Loan, "not.allowed.charge.time.for.loan"))
            }
            ChargeAppliesTo::Savings => Some((
                ChargeAppliesTo::Savings,
                "not.allowed.charge.time.for.savings",
            )),
            ChargeAppliesTo::Shares => None,
        };
        if let Some((list, rule)) = allowed {
            if !allowed_time_types(list).contains(&time) {
                out.push(Violation::Failed {
                    parameter: TIME,
                    value: time.fineract_id(),
                    rule,
                });
            }
        }
        if next.applies_to == ChargeAppliesTo::Savings && time == ChargeTimeType::MonthlyFee {
            if c.fee_on_month_day.is_none() {
                out.push(Violation::Missing {
                    parameter: "feeOnMonthDay",
                });
            }
            match c.fee_interval {
                None => out.push(Violation::Missing {
                    parameter: "feeInterval",
                }),
                Some(v) if !(1..=12).contains(&v) => out.push(Violation::OutOfRange {
                    parameter: "feeInterval",
                    value: v,
                    min: 1,
                    max: 12,
                }),
                Some(_) => {}
            }
        }
    }
    if let Some(applies_to) = c.applies_to {
        if applies_to != current.applies_to {
            return Err(ChargeError::AppliesToNotUpdatable);
        }
    }
    if let Some(calc) = c
        .calculation_type
        .filter(|t| *t != current.calculation_type)
    {
        next.calculation_type = calc;
        changed.push(CALCULATION);
        let value = calc.fineract_id();
        match next.applies_to {
            ChargeAppliesTo::Savings => {
                if !allowed_calculation_types(ChargeAppliesTo::Savings).contains(&calc) {
                    out.push(Violation::Failed {
                        parameter: CALCULATION,
                        value,
                        rule: "not.allowed.charge.calculation.type.for.savings",
                    });
                }
                if savings_percentage_only_for_withdrawals(&next) {
                    out.push(Violation::Failed { parameter: CALCULATION, value, rule: "charge.calculation.type.percentage.allowed.only.for.withdrawal.or.noactivity" });
                }
            }
            ChargeAppliesTo::Client if calc != ChargeCalculationType::Flat => {
                out.push(Violation::Failed {
                    parameter: CALCULATION,
                    value,
                    rule: "not.allowed.charge.calculation.type.for.client",
                });
            }
            _ => {}
        }
    }
    if next.applies_to == ChargeAppliesTo::Loan {
        if let Some(mode) = c.payment_mode.filter(|m| Some(*m) != current.payment_mode) {
            next.payment_mode = Some(mode);
            changed.push("chargePaymentMode");
        }
    }
    if let Some(day) = c
        .fee_on_month_day
        .filter(|d| Some(*d) != current.fee_on_month_day)
    {
        next.fee_on_month_day = Some(day);
        changed.push("feeOnMonthDay");
    }
    if let Some(v) = c.fee_interval.filter(|v| Some(*v) != current.fee_interval) {
        next.fee_interval = Some(v);
        changed.push("feeInterval");
    }
    if let Some(f) = c
        .fee_frequency
        .filter(|f| Some(*f) != current.fee_frequency)
    {
        next.fee_frequency = Some(f);
        changed.push("feeFrequency");
    }
    if next.fee_frequency.is_some() && next.fee_interval.is_none() {
        out.push(Violation::Missing {
            parameter: "feeInterval",
        });
    }
    set!(next, changed, c.penalty, "penalty");
    set!(next, changed, c.active, "active");
    if next.caps_apply() {
        if let Some(v) = c.min_cap.filter(|v| Some(*v) != current.min_cap) {
            next.min_cap = Some(v);
            changed.push("minCap");
        }
        if let Some(v) = c.max_cap.filter(|v| Some(*v) != current.max_cap) {
            next.max_cap = Some(v);
            changed.push("maxCap");
        }
    }
    // Unlike on create, Fineract checks these for every kind of charge, and only plain disbursement.
    if next.penalty && next.time_type == ChargeTimeType::Disbursement {
        return Err(ChargeError::DisbursementCannotBePenalty(next.name));
    }
    if !next.penalty && next.time_type == ChargeTimeType::OverdueInstallment {
        return Err(ChargeError::MustBePenalty(next.name));
    }
    if out.is_empty() {
        out = time_calculation_violations(
            next.time_type.fineract_id(),
            next.calculation_type.fineract_id(),
        );
    }
    Ok(Update {
        next,
        changed,
        violations: out,
    })
}
