//! Reading a loan product request: the whitelist and each field with Fineract's validator rules.

use kassa_app::loan_products::RESOURCE;
use kassa_app::{AppError, ParamError};

use kassa_domain::loan_products::{
    AccountingRule, Amortization, AttributeOverrides, InterestCalculationPeriod, InterestMethod,
    LoanProductPatch, RateFrequency, ScheduleProcessingType, ScheduleType,
    TRANSACTION_PROCESSING_STRATEGIES,
};
use kassa_domain::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};
use kassa_domain::loans::limits;
use rust_decimal::Decimal;

use serde_json::Value;

use crate::wire::{JsonBody, Reader};

/// GL account ids accepted for the cash and accrual rules, stored as given until accounting exists.
pub(crate) const GL_MAPPING_PARAMS: &[&str] = &[
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

/// Fineract's per-payment-type, per-charge and per-reason GL mappings. Kassa posts to the product-level
/// accounts only: an empty list (what the web app's form sends) is accepted, any mapping refused by name.
pub(crate) const ADVANCED_MAPPING_PARAMS: &[&str] = &[
    "paymentChannelToFundSourceMappings",
    "feeToIncomeAccountMappings",
    "penaltyToIncomeAccountMappings",
    "chargeOffReasonsToExpenseMappings",
];

/// Every other accepted request parameter (the subset of Fineract's whitelist Kassa implements).
pub(crate) const WRITE_PARAMS: &[&str] = &[
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
pub(crate) const MANDATORY: &[&str] = &[
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

pub(crate) const SUPPORTED_FIELDS: &[&str] = &[
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

/// The whitelist: the implemented parameters plus the GL mapping ids.
pub(crate) fn check_params(json: &JsonBody) -> Result<(), AppError> {
    let allowed: Vec<&str> = WRITE_PARAMS
        .iter()
        .chain(GL_MAPPING_PARAMS)
        .chain(ADVANCED_MAPPING_PARAMS)
        .copied()
        .collect();
    json.check_supported(&allowed)
}

/// The ids of `charges: [{id}, …]`; entries without an id are skipped, as Fineract does.
pub(crate) fn charge_ids(json: &JsonBody) -> Result<Option<Vec<i64>>, AppError> {
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

pub(crate) fn rule_error(r: &mut Reader, name: &str, rule: &str, message: String, value: Value) {
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
pub(crate) fn read_enum<T>(r: &mut Reader, name: &str, parse: fn(i64) -> Option<T>) -> Option<T> {
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

/// A count of at most `max`: Kassa's bounds on what sizes a schedule (`kassa_domain::loans::limits`).
fn read_count(r: &mut Reader, name: &str, allow_zero: bool, max: u32) -> Option<i64> {
    let v = read_positive_long(r, name, allow_zero)?;
    if v > i64::from(max) {
        rule_error(
            r,
            name,
            "is.greater.than.max",
            format!("The parameter `{name}` must be less than or equal to {max}."),
            Value::from(v),
        );
        return None;
    }
    Some(v)
}

pub(crate) fn read_positive_long(r: &mut Reader, name: &str, allow_zero: bool) -> Option<i64> {
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

pub(crate) fn read_amount(r: &mut Reader, name: &str, allow_zero: bool) -> Option<Decimal> {
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
pub(crate) fn read_patch(r: &mut Reader, json: &JsonBody) -> LoanProductPatch {
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
    let repayments = limits::MAX_NUMBER_OF_REPAYMENTS;
    let days = limits::max_term_in(PeriodFrequency::Days);
    p.number_of_repayments = read_count(r, "numberOfRepayments", false, repayments);
    if opt(r, "minNumberOfRepayments") {
        p.min_number_of_repayments =
            Some(read_count(r, "minNumberOfRepayments", false, repayments));
    }
    if opt(r, "maxNumberOfRepayments") {
        p.max_number_of_repayments =
            Some(read_count(r, "maxNumberOfRepayments", false, repayments));
    }
    p.repayment_every = read_count(r, "repaymentEvery", false, days);
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
    for (name, slot, max) in [
        (
            "graceOnPrincipalPayment",
            &mut p.grace_on_principal_payment,
            repayments,
        ),
        (
            "graceOnInterestPayment",
            &mut p.grace_on_interest_payment,
            repayments,
        ),
        (
            "graceOnInterestCharged",
            &mut p.grace_on_interest_charged,
            repayments,
        ),
        ("graceOnArrearsAgeing", &mut p.grace_on_arrears_ageing, days),
        ("overdueDaysForNPA", &mut p.overdue_days_for_npa, days),
        (
            "minimumDaysBetweenDisbursalAndFirstRepayment",
            &mut p.minimum_days_between_disbursal_and_first_repayment,
            days,
        ),
        (
            "maxTrancheCount",
            &mut p.max_tranche_count,
            limits::MAX_TRANCHES,
        ),
    ] {
        if r.present(name) {
            *slot = Some(read_count(r, name, true, max));
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
    for name in ADVANCED_MAPPING_PARAMS {
        match json.value(name) {
            None | Some(Value::Null) => {}
            Some(Value::Array(a)) if a.is_empty() => {}
            Some(v) => rule_error(
                r,
                name,
                "not.supported",
                format!("`{name}` is not supported yet: journal entries use the product's own accounts."),
                v,
            ),
        }
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
pub(crate) fn read_overrides(r: &mut Reader, json: &JsonBody) -> Option<AttributeOverrides> {
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
