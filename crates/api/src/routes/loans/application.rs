//! Reading a loan application with Fineract's validator rules.

use chrono::NaiveDate;
use kassa_app::loans::schedule::LoanApplication;
use kassa_app::{AppError, ParamError};
use kassa_domain::loan_products::{
    Amortization, InterestCalculationPeriod, InterestMethod, LoanProduct,
};
use kassa_domain::loans::common::{DaysInYear, PeriodFrequency};
use kassa_domain::loans::cumulative::NthWeekday;
use kassa_domain::loans::ledger::Strategy;
use kassa_domain::loans::limits;
use rust_decimal::Decimal;
use serde_json::value::RawValue;
use serde_json::Value;

use super::RESOURCE;
use crate::error::ApiError;
use crate::wire::{JsonBody, Reader};

pub(super) fn rule(name: &str, rule: &str, message: String) -> ParamError {
    ParamError::new(
        name,
        format!("validation.msg.{RESOURCE}.{name}.{rule}"),
        message,
    )
}

/// A mandatory value; reports `cannot.be.blank` when absent.
pub(super) fn required<T>(r: &mut Reader, name: &str, value: Option<T>) -> Option<T> {
    if value.is_none() && !r.has(name) {
        r.mandatory_missing(name);
    }
    value
}

/// A count above 0 and at most `max` (Kassa's bound on the work it sizes).
pub(super) fn greater_than_zero(
    r: &mut Reader,
    name: &str,
    value: Option<i64>,
    max: u32,
) -> Option<u32> {
    let v = value?;
    if v > i64::from(max) {
        greater_than_max(r, name, v, max);
        return None;
    }
    if v <= 0 {
        r.error(
            rule(
                name,
                "not.greater.than.zero",
                format!("The parameter `{name}` must be greater than 0."),
            )
            .with_value(Value::from(v)),
        );
        return None;
    }
    u32::try_from(v).ok()
}

/// A count of 0 or more and at most `max`.
pub(super) fn zero_or_more(
    r: &mut Reader,
    name: &str,
    value: Option<i64>,
    max: u32,
) -> Option<u32> {
    let v = value?;
    if v > i64::from(max) {
        greater_than_max(r, name, v, max);
        return None;
    }
    if v < 0 {
        r.error(
            rule(
                name,
                "not.zero.or.greater",
                format!("The parameter `{name}` must be greater than or equal to 0."),
            )
            .with_value(Value::from(v)),
        );
        return None;
    }
    u32::try_from(v).ok()
}

fn greater_than_max(r: &mut Reader, name: &str, value: i64, max: u32) {
    r.error(
        rule(
            name,
            "is.greater.than.max",
            format!("The parameter `{name}` must be less than or equal to {max}."),
        )
        .with_value(Value::from(value))
        .with_args(vec![Value::from(max)]),
    );
}

pub(super) fn in_range(
    r: &mut Reader,
    name: &str,
    value: Option<i64>,
    min: i64,
    max: i64,
) -> Option<i64> {
    let v = value?;
    if v < min || v > max {
        r.error(
            rule(
                name,
                "is.not.within.expected.range",
                format!("The parameter `{name}` must be between {min} and {max}."),
            )
            .with_value(Value::from(v))
            .with_args(vec![Value::from(min), Value::from(max)]),
        );
        return None;
    }
    Some(v)
}

pub(super) fn read_application(
    json: &JsonBody,
    product: &LoanProduct,
    product_id: i64,
) -> Result<LoanApplication, ApiError> {
    let mut r = Reader::new(json, RESOURCE);
    let client_id = r.long("clientId");
    let group_id = r.long("groupId");
    if let Some(loan_type) = r.string("loanType", 20) {
        match loan_type.as_str() {
            "individual" => {
                if client_id.is_none() && !r.has("clientId") {
                    r.mandatory_missing("clientId");
                }
            }
            "group" | "jlg" | "glim" => {
                if group_id.is_none() && !r.has("groupId") {
                    r.mandatory_missing("groupId");
                }
            }
            _ => r.error(
                rule(
                    "loanType",
                    "is.not.within.expected.range",
                    "The parameter `loanType` must be between 1 and 4.".into(),
                )
                .with_value(Value::from(0))
                .with_args(vec![Value::from(1), Value::from(4)]),
            ),
        }
    }

    let fixed_percentage = r.decimal("fixedPrincipalPercentagePerInstallment");
    if let Some(p) = fixed_percentage {
        if p < Decimal::ONE {
            r.error(rule("fixedPrincipalPercentagePerInstallment", "is.less.than.min", "The parameter `fixedPrincipalPercentagePerInstallment` must be greater than or equal to 1.".into()).with_value(Value::from(p.to_string())));
        } else if p > Decimal::ONE_HUNDRED {
            r.error(rule("fixedPrincipalPercentagePerInstallment", "is.greater.than.max", "The parameter `fixedPrincipalPercentagePerInstallment` must be less than or equal to 100.".into()).with_value(Value::from(p.to_string())));
        }
    }
    let term_type = r.long("loanTermFrequencyType");
    let term_type = required(&mut r, "loanTermFrequencyType", term_type);
    let term_type = in_range(&mut r, "loanTermFrequencyType", term_type, 0, 3);
    let frequency = r.long("repaymentFrequencyType");
    let frequency = required(&mut r, "repaymentFrequencyType", frequency);
    let frequency = in_range(&mut r, "repaymentFrequencyType", frequency, 0, 3);
    // Every count that sizes the schedule is bounded before any of it is computed.
    let longest_in = |id: Option<i64>| {
        let unit = id.and_then(PeriodFrequency::from_fineract_id);
        limits::max_term_in(unit.unwrap_or(PeriodFrequency::Years))
    };
    let term = r.integer_with_locale("loanTermFrequency");
    let term = required(&mut r, "loanTermFrequency", term);
    let loan_term_frequency =
        greater_than_zero(&mut r, "loanTermFrequency", term, longest_in(term_type));
    let repayments = r.integer_with_locale("numberOfRepayments");
    let repayments = required(&mut r, "numberOfRepayments", repayments);
    let number_of_repayments = greater_than_zero(
        &mut r,
        "numberOfRepayments",
        repayments,
        limits::MAX_NUMBER_OF_REPAYMENTS,
    );
    let every = r.integer_with_locale("repaymentEvery");
    let every = required(&mut r, "repaymentEvery", every);
    let repayment_every = greater_than_zero(&mut r, "repaymentEvery", every, longest_in(frequency));
    let nth_day = r.long("repaymentFrequencyNthDayType");
    let day_of_week = r.long("repaymentFrequencyDayOfWeekType");
    let interest_type = r.long("interestType");
    let interest_type = required(&mut r, "interestType", interest_type);
    let interest_type = in_range(&mut r, "interestType", interest_type, 0, 1);
    let calc_period = r.long("interestCalculationPeriodType");
    let calc_period = required(&mut r, "interestCalculationPeriodType", calc_period);
    let calc_period = in_range(&mut r, "interestCalculationPeriodType", calc_period, 0, 1);
    let rate = r.decimal("interestRatePerPeriod");
    let rate = required(&mut r, "interestRatePerPeriod", rate);
    if rate.is_some_and(|v| v < Decimal::ZERO) {
        r.error(rule(
            "interestRatePerPeriod",
            "not.zero.or.greater",
            "The parameter `interestRatePerPeriod` must be greater than or equal to 0.".into(),
        ));
    }
    let amortization = r.long("amortizationType");
    let amortization = required(&mut r, "amortizationType", amortization);
    let amortization = in_range(&mut r, "amortizationType", amortization, 0, 1);
    if fixed_percentage.is_some() && amortization.is_some_and(|a| a != 0) {
        r.error(rule(
            "fixedPrincipalPercentagePerInstallment",
            "not.supported.principal.fixing.not.allowed.with.equal.installments",
            "Principal fixing cannot be done with equal installment amortization".into(),
        ));
    }
    let disbursed_on = r.date("expectedDisbursementDate");
    let disbursed_on = required(&mut r, "expectedDisbursementDate", disbursed_on);
    // A grace counts repayment periods (arrears ageing counts days): none outlasts the loan.
    let longest_grace =
        limits::max_grace(number_of_repayments.unwrap_or(limits::MAX_NUMBER_OF_REPAYMENTS));
    let grace = |r: &mut Reader, name: &str, max: u32| {
        let v = r.integer_with_locale(name);
        zero_or_more(r, name, v, max)
    };
    let grace_on_principal_payment = grace(&mut r, "graceOnPrincipalPayment", longest_grace);
    let grace_on_interest_payment = grace(&mut r, "graceOnInterestPayment", longest_grace);
    let grace_on_interest_charged = grace(&mut r, "graceOnInterestCharged", longest_grace);
    let _ = grace(
        &mut r,
        "graceOnArrearsAgeing",
        limits::max_term_in(PeriodFrequency::Days),
    );
    let interest_charged_from_date = r.date("interestChargedFromDate");
    let repayments_starting_from_date = r.date("repaymentsStartingFromDate");
    if let Some(tolerance) = r.decimal("inArrearsTolerance") {
        if tolerance < Decimal::ZERO {
            r.error(rule(
                "inArrearsTolerance",
                "not.zero.or.greater",
                "The parameter `inArrearsTolerance` must be greater than or equal to 0.".into(),
            ));
        }
    }
    let submitted_on_date = r.date("submittedOnDate");
    let strategy = r.string("transactionProcessingStrategyCode", 100);
    if let Some(code) = required(&mut r, "transactionProcessingStrategyCode", strategy) {
        // A loan replays every transaction with its strategy: one Kassa does not know could never be read.
        if Strategy::from_code(&code).is_none() {
            r.error(
                rule(
                    "transactionProcessingStrategyCode",
                    "is.not.one.of.expected.enumerations",
                    format!("The parameter `transactionProcessingStrategyCode` has an unsupported value `{code}`."),
                )
                .with_value(Value::from(code)),
            );
        }
    }
    if r.has("charges") && json.get("charges").is_some_and(|c| c.get().trim() != "[]") {
        r.error(ParamError::new(
            "charges",
            "error.msg.loan.charges.not.supported.yet",
            "Loan charges are not supported yet.",
        ));
    }
    let fixed_emi_amount = if r.present("fixedEmiAmount") {
        if !(product.terms.can_define_installment_amount || product.terms.multi_disburse_loan) {
            return Err(ApiError(AppError::Validation(vec![ParamError::new(
                "fixedEmiAmount",
                "error.msg.parameter.unsupported",
                "The parameter fixedEmiAmount is not supported.",
            )])));
        }
        let v = r.decimal("fixedEmiAmount");
        if v.is_some_and(|v| v <= Decimal::ZERO) {
            r.error(rule(
                "fixedEmiAmount",
                "not.greater.than.zero",
                "The parameter `fixedEmiAmount` must be greater than 0.".into(),
            ));
        }
        v
    } else {
        None
    };
    let principal = r.decimal("principal");
    let principal = required(&mut r, "principal", principal);
    if principal.is_some_and(|v| v <= Decimal::ZERO) {
        r.error(rule(
            "principal",
            "not.greater.than.zero",
            "The parameter `principal` must be greater than 0.".into(),
        ));
    }
    let days_in_year = if r.present("daysInYearType") {
        let v = r.long("daysInYearType");
        match v.and_then(DaysInYear::from_fineract_id) {
            Some(d) => Some(d),
            None => {
                r.error(
                    rule(
                        "daysInYearType",
                        "is.not.one.of.expected.enumerations",
                        "The parameter `daysInYearType` must be one of [ 1, 360, 364, 365 ] ."
                            .into(),
                    )
                    .with_value(v.map(Value::from).unwrap_or(Value::Null)),
                );
                None
            }
        }
    } else {
        None
    };
    let allow_partial = r.boolean("allowPartialPeriodInterestCalcualtion");
    let is_equal_amortization = r.boolean("isEqualAmortization");
    let tranches = read_tranches(json, &mut r);
    r.finish()?;

    // The second pass (`LoanScheduleValidator.validate`): the term against the repayment structure.
    let mut errors = Vec::new();
    let (Some(term), Some(term_type), Some(repayments), Some(every), Some(frequency)) = (
        loan_term_frequency,
        term_type,
        number_of_repayments,
        repayment_every,
        frequency,
    ) else {
        return Err(ApiError(AppError::Internal(
            "validated fields missing".into(),
        )));
    };
    if term_type != frequency {
        errors.push(
            ParamError::new(
                "loanTermFrequencyType",
                "validation.msg.loan.loanTermFrequencyType.not.the.same.as.repaymentFrequencyType",
                "The parameters loanTermFrequencyType and repaymentFrequencyType must be the same.",
            )
            .with_value(Value::from(term_type))
            .with_args(vec![Value::from(term_type), Value::from(frequency)]),
        );
    } else {
        let suggested = every * repayments;
        let args = vec![
            Value::from(term),
            Value::from(repayments),
            Value::from(every),
        ];
        if term < suggested {
            errors.push(ParamError::new("loanTermFrequency", "validation.msg.loan.loanTermFrequency.less.than.repayment.structure.suggests", "The parameter loanTermFrequency is less than the suggest loan term as indicated by numberOfRepayments and repaymentEvery.").with_value(Value::from(term)).with_args(args));
        } else if term > suggested {
            errors.push(ParamError::new("loanTermFrequency", "validation.msg.loan.loanTermFrequency.greater.than.repayment.structure.suggests", "The parameter loanTermFrequency is greater than the suggested loan term as indicated by numberOfRepayments and repaymentEvery.").with_value(Value::from(term)).with_args(args));
        }
    }
    let disbursed_on = disbursed_on.unwrap_or_default();
    if let Some(first) = repayments_starting_from_date {
        if disbursed_on > first {
            errors.push(ParamError::new("expectedDisbursementDate", "validation.msg.loan.expectedDisbursementDate.cannot.be.after.first.repayment.date", "The parameter expectedDisbursementDate has a date which falls after the date for repaymentsStartingFromDate.").with_args(vec![Value::from(disbursed_on.to_string()), Value::from(first.to_string())]));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError(AppError::Validation(errors)));
    }
    let enum_of = |id: Option<i64>| id.unwrap_or_default();
    Ok(LoanApplication {
        product_id,
        client_id,
        principal: principal.unwrap_or_default(),
        loan_term_frequency: term,
        number_of_repayments: repayments,
        repayment_every: every,
        repayment_frequency: PeriodFrequency::from_fineract_id(frequency)
            .unwrap_or(PeriodFrequency::Months),
        interest_rate_per_period: rate.unwrap_or_default(),
        amortization: Amortization::from_fineract_id(enum_of(amortization))
            .unwrap_or(Amortization::EqualInstallments),
        interest_method: InterestMethod::from_fineract_id(enum_of(interest_type))
            .unwrap_or(InterestMethod::DecliningBalance),
        interest_calculation_period: InterestCalculationPeriod::from_fineract_id(enum_of(
            calc_period,
        ))
        .unwrap_or(InterestCalculationPeriod::SameAsRepaymentPeriod),
        expected_disbursement_date: disbursed_on,
        submitted_on_date,
        repayments_starting_from_date,
        interest_charged_from_date,
        grace_on_principal_payment,
        grace_on_interest_payment,
        grace_on_interest_charged,
        fixed_emi_amount,
        allow_partial_period_interest_calculation: allow_partial,
        is_equal_amortization,
        fixed_principal_percentage_per_installment: fixed_percentage,
        days_in_year,
        repayment_on_nth_weekday: match (nth_day, day_of_week) {
            (Some(n), Some(d)) => NthWeekday::from_fineract_ids(n, d),
            _ => None,
        },
        tranches,
    })
}

/// `disbursementData`: `[{expectedDisbursementDate, principal}]`, dates in the body's format and locale.
pub(super) fn read_tranches(json: &JsonBody, r: &mut Reader) -> Vec<(NaiveDate, Decimal)> {
    let Some(raw) = json.get("disbursementData") else {
        return Vec::new();
    };
    let Ok(items) = serde_json::from_str::<Vec<serde_json::Map<String, Value>>>(raw.get()) else {
        r.error(ParamError::new(
            "disbursementData",
            "validation.msg.loan.disbursementData.is.not.an.array",
            "The parameter `disbursementData` must be an array of objects.",
        ));
        return Vec::new();
    };
    if items.len() > limits::MAX_TRANCHES as usize {
        r.error(
            ParamError::new(
                "disbursementData",
                "validation.msg.loan.disbursementData.exceeds.limit",
                format!("At most {} tranches are accepted.", limits::MAX_TRANCHES),
            )
            .with_args(vec![Value::from(limits::MAX_TRANCHES)]),
        );
        return Vec::new();
    }
    let Ok(raw_items) =
        serde_json::from_str::<Vec<std::collections::BTreeMap<String, Box<RawValue>>>>(raw.get())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (item, _) in raw_items.iter().zip(items.iter()) {
        let mut fields: Vec<String> = item
            .iter()
            .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), v.get()))
            .collect();
        for shared in ["dateFormat", "locale"] {
            if let Some(v) = json.get(shared) {
                if !item.contains_key(shared) {
                    fields.push(format!("\"{shared}\":{}", v.get()));
                }
            }
        }
        let Ok(sub) = JsonBody::parse(&format!("{{{}}}", fields.join(","))) else {
            continue;
        };
        let mut sr = Reader::new(&sub, RESOURCE);
        let date = sr.required_date("expectedDisbursementDate");
        let principal = sr.decimal("principal");
        let principal = required(&mut sr, "principal", principal);
        if let Some(p) = principal {
            if p <= Decimal::ZERO {
                sr.error(
                    ParamError::new(
                        "principal",
                        "validation.msg.loan.disbursementData.principal.not.greater.than.zero",
                        "A tranche's `principal` must be greater than 0.",
                    )
                    .with_value(Value::from(p.to_string())),
                );
            }
        }
        match sr.finish() {
            Ok(()) => {
                if let (Some(d), Some(p)) = (date, principal) {
                    out.push((d, p));
                }
            }
            Err(AppError::Validation(errs)) => errs.into_iter().for_each(|e| r.error(e)),
            Err(_) => {}
        }
    }
    out
}
