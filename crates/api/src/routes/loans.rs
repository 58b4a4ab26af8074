//! Loans: `POST /loans?command=calculateLoanSchedule` reads a loan application with Fineract's validator
//! rules and answers the schedule as `LoanScheduleData`, writing nothing. `POST /loans` without a command
//! submits the same application through the pipeline and stores it with that schedule; `GET /loans`,
//! `GET /loans/{loanId}` and `DELETE /loans/{loanId}` read and delete applications.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::loan_schedule::{self, CalculatedSchedule, LoanApplication, SchedulePeriod};
use kassa_app::loans;
use kassa_app::{AppError, ParamError};
use kassa_domain::loan::common::{DaysInYear, PeriodFrequency};
use kassa_domain::loan::cumulative::NthWeekday;
use kassa_domain::loan_product::{
    repayment_frequency_enum, Amortization, InterestCalculationPeriod, InterestMethod, LoanProduct,
    RateFrequency,
};
use kassa_store::repo::loan::{LoanFilter, LoanOrder, LoanRecord};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::wire::{ser, JsonBody, Reader};
use crate::ApiState;

/// Fineract's validator resource: `validation.msg.loan.<parameter>.<rule>`.
const RESOURCE: &str = "loan";

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(loan_command, list_loans))
        .routes(routes!(get_loan, delete_loan, modify_loan))
}

entity_spec!(kassa_app::loans::ENTITY);

/// `LoanApplicationValidator.SUPPORTED_PARAMETERS`.
const SUPPORTED: &[&str] = &[
    "dateFormat",
    "locale",
    "id",
    "clientId",
    "groupId",
    "loanType",
    "productId",
    "principal",
    "totalLoan",
    "isParentAccount",
    "loanTermFrequency",
    "loanTermFrequencyType",
    "numberOfRepayments",
    "repaymentEvery",
    "repaymentFrequencyType",
    "repaymentFrequencyNthDayType",
    "repaymentFrequencyDayOfWeekType",
    "interestRatePerPeriod",
    "amortizationType",
    "amortizationTypeOptions",
    "interestType",
    "isFloatingInterestRate",
    "interestRateDifferential",
    "interestCalculationPeriodType",
    "allowPartialPeriodInterestCalcualtion",
    "interestRateFrequencyType",
    "expectedDisbursementDate",
    "repaymentsStartingFromDate",
    "graceOnPrincipalPayment",
    "graceOnInterestPayment",
    "graceOnInterestCharged",
    "interestChargedFromDate",
    "submittedOnDate",
    "submittedOnNote",
    "accountNo",
    "externalId",
    "fundId",
    "loanOfficerId",
    "loanPurposeId",
    "inArrearsTolerance",
    "charges",
    "collateral",
    "transactionProcessingStrategyCode",
    "calendarId",
    "syncDisbursementWithMeeting",
    "linkAccountId",
    "disbursementData",
    "fixedEmiAmount",
    "maxOutstandingLoanBalance",
    "graceOnArrearsAgeing",
    "createStandingInstructionAtDisbursement",
    "isTopup",
    "loanIdToClose",
    "datatables",
    "isEqualAmortization",
    "rates",
    "applicationId",
    "lastApplication",
    "daysInYearType",
    "fixedPrincipalPercentagePerInstallment",
    "loanScheduleProcessingType",
    "fixedLength",
    "enableDownPayment",
    "disbursedAmountPercentageForDownPayment",
    "enableAutoRepaymentForDownPayment",
    "enableInstallmentLevelDelinquency",
];

#[derive(Clone, Copy)]
enum LoanCommand {
    CalculateLoanSchedule,
}

/// `POST /loans`: with `command=calculateLoanSchedule` the schedule of the application in the body.
#[utoipa::path(post, path = "/loans", tag = "Loans",
    params(("command" = Option<String>, Query, description = "`calculateLoanSchedule`; without a command the application is submitted")),
    request_body(content = String, description = "Fineract's loan application fields", content_type = "application/json"),
    responses((status = 200, description = "LoanScheduleData (calculateLoanSchedule), or `{officeId, clientId, loanId, resourceId}`"),
              (status = 400, description = "Validation errors or an unknown command"),
              (status = 403, description = "No CREATE_LOAN permission, an inactive client, or a date rule"),
              (status = 404, description = "Unknown loan product or client")))]
async fn loan_command(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    if query.get("command").is_none() {
        return submit_application(&state, &caller, &headers, &body).await;
    }
    match query.command(&[("calculateLoanSchedule", LoanCommand::CalculateLoanSchedule)])? {
        LoanCommand::CalculateLoanSchedule => calculate_loan_schedule(&state, &caller, &body).await,
    }
}

/// Both passes of Fineract's application validation, on the product the body names.
async fn parse_application(
    caller: &Caller,
    json: &JsonBody,
) -> ApiResult<(LoanProduct, LoanApplication)> {
    json.check_supported(SUPPORTED)?;
    // Fineract loads the product before it validates anything else.
    let product_id = {
        let mut r = Reader::new(json, RESOURCE);
        let id = r.long("productId");
        if id.is_none() && !r.has("productId") {
            r.mandatory_missing("productId");
        }
        r.finish()?;
        id.unwrap_or_default()
    };
    let product = loan_schedule::product(&caller.tenant, product_id).await?;
    let application = read_application(json, &product, product_id)?;
    Ok((product, application))
}

async fn calculate_loan_schedule(
    state: &ApiState,
    caller: &Caller,
    body: &Body,
) -> ApiResult<Response> {
    let json = body.json()?;
    let (product, application) = parse_application(caller, &json).await?;
    let today = state.app.today(&caller.tenant).await?;
    let schedule =
        loan_schedule::calculate(&caller.tenant, &caller.principal, &product, &application).await?;
    Ok(crate::error::json_response(
        axum::http::StatusCode::OK,
        serde_json::to_string(&schedule_data(&schedule, today))
            .map_err(|e| ApiError(AppError::Internal(e.to_string())))?,
    ))
}

fn rule(name: &str, rule: &str, message: String) -> ParamError {
    ParamError::new(
        name,
        format!("validation.msg.{RESOURCE}.{name}.{rule}"),
        message,
    )
}

/// A mandatory value; reports `cannot.be.blank` when absent.
fn required<T>(r: &mut Reader, name: &str, value: Option<T>) -> Option<T> {
    if value.is_none() && !r.has(name) {
        r.mandatory_missing(name);
    }
    value
}

fn greater_than_zero(r: &mut Reader, name: &str, value: Option<i64>) -> Option<u32> {
    let v = value?;
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

fn zero_or_more(r: &mut Reader, name: &str, value: Option<i64>) -> Option<u32> {
    let v = value?;
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

fn in_range(r: &mut Reader, name: &str, value: Option<i64>, min: i64, max: i64) -> Option<i64> {
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

fn read_application(
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
    let term = r.integer_with_locale("loanTermFrequency");
    let term = required(&mut r, "loanTermFrequency", term);
    let loan_term_frequency = greater_than_zero(&mut r, "loanTermFrequency", term);
    let term_type = r.long("loanTermFrequencyType");
    let term_type = required(&mut r, "loanTermFrequencyType", term_type);
    let term_type = in_range(&mut r, "loanTermFrequencyType", term_type, 0, 3);
    let repayments = r.integer_with_locale("numberOfRepayments");
    let repayments = required(&mut r, "numberOfRepayments", repayments);
    let number_of_repayments = greater_than_zero(&mut r, "numberOfRepayments", repayments);
    let every = r.integer_with_locale("repaymentEvery");
    let every = required(&mut r, "repaymentEvery", every);
    let repayment_every = greater_than_zero(&mut r, "repaymentEvery", every);
    let frequency = r.long("repaymentFrequencyType");
    let frequency = required(&mut r, "repaymentFrequencyType", frequency);
    let frequency = in_range(&mut r, "repaymentFrequencyType", frequency, 0, 3);
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
    let grace = |r: &mut Reader, name: &str| {
        let v = r.integer_with_locale(name);
        zero_or_more(r, name, v)
    };
    let grace_on_principal_payment = grace(&mut r, "graceOnPrincipalPayment");
    let grace_on_interest_payment = grace(&mut r, "graceOnInterestPayment");
    let grace_on_interest_charged = grace(&mut r, "graceOnInterestCharged");
    let _ = grace(&mut r, "graceOnArrearsAgeing");
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
    required(&mut r, "transactionProcessingStrategyCode", strategy);
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
fn read_tranches(json: &JsonBody, r: &mut Reader) -> Vec<(NaiveDate, Decimal)> {
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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CurrencyData {
    code: String,
    name: String,
    decimal_places: u32,
    in_multiples_of: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_symbol: Option<String>,
    name_code: String,
    display_label: String,
}

/// Fineract's `LoanScheduleData` as `LoanScheduleModel.toData` builds it: nothing paid yet, and
/// `totalOutstanding` 0 (the generators pass zero).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoanScheduleData {
    currency: CurrencyData,
    loan_term_in_days: i64,
    #[serde(serialize_with = "ser::decimal")]
    total_principal_disbursed: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_principal_expected: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_principal_paid: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_interest_charged: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_fee_charges_charged: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_penalty_charges_charged: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_repayment_expected: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_outstanding: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_credits: Decimal,
    periods: Vec<PeriodData>,
}

/// `LoanSchedulePeriodData`; Fineract's serializer leaves out the nulls, and so do we.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct PeriodData {
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    from_date: Option<NaiveDate>,
    #[serde(serialize_with = "ser::date")]
    due_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_in_period: Option<i64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    principal_disbursed: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    principal_original_due: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    principal_due: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    principal_outstanding: Option<Decimal>,
    #[serde(serialize_with = "ser::decimal")]
    principal_loan_balance_outstanding: Decimal,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    interest_original_due: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    interest_due: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    interest_outstanding: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    fee_charges_due: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    fee_charges_outstanding: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    penalty_charges_due: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    total_original_due_for_period: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    total_due_for_period: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    total_paid_for_period: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    total_outstanding_for_period: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    total_overdue: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    total_actual_cost_of_loan_for_period: Option<Decimal>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    total_installment_amount_for_period: Option<Decimal>,
    #[serde(serialize_with = "ser::decimal")]
    total_credits: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    total_accrued_interest: Decimal,
    down_payment_period: bool,
}

fn schedule_data(s: &CalculatedSchedule, today: NaiveDate) -> LoanScheduleData {
    let places = s.currency.decimal_places;
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    let zero = m(Decimal::ZERO);
    // `totalOverdue` is set on rows due before the business date.
    let overdue = |due: NaiveDate, outstanding: Option<Decimal>| {
        if due < today {
            outstanding
        } else {
            None
        }
    };
    let periods = s
        .periods
        .iter()
        .map(|p| match *p {
            SchedulePeriod::Disbursement {
                due_date,
                principal_disbursed,
                principal_loan_balance_outstanding,
            } => PeriodData {
                due_date,
                principal_disbursed: Some(m(principal_disbursed)),
                principal_loan_balance_outstanding: m(principal_loan_balance_outstanding),
                fee_charges_due: Some(zero),
                fee_charges_outstanding: Some(zero),
                total_original_due_for_period: Some(zero),
                total_due_for_period: Some(zero),
                total_outstanding_for_period: Some(zero),
                total_overdue: overdue(due_date, Some(zero)),
                total_actual_cost_of_loan_for_period: Some(zero),
                total_credits: Decimal::ZERO,
                total_accrued_interest: Decimal::ZERO,
                ..Default::default()
            },
            SchedulePeriod::Installment {
                period,
                from_date,
                due_date,
                principal_due,
                interest_due,
                fee_charges_due,
                penalty_charges_due,
                total_due,
                principal_loan_balance_outstanding,
                down_payment: true,
                ..
            } => {
                let _ = (
                    interest_due,
                    fee_charges_due,
                    penalty_charges_due,
                    total_due,
                );
                let principal = m(principal_due);
                PeriodData {
                    period: Some(period),
                    from_date: Some(from_date),
                    due_date,
                    // Fineract's down-payment row says 1 day (a TODO in its source).
                    days_in_period: Some(1),
                    principal_original_due: Some(principal),
                    principal_due: Some(principal),
                    principal_outstanding: Some(principal),
                    principal_loan_balance_outstanding: m(principal_loan_balance_outstanding),
                    total_original_due_for_period: Some(principal),
                    total_due_for_period: Some(principal),
                    total_paid_for_period: Some(Decimal::ZERO),
                    total_outstanding_for_period: Some(principal),
                    total_overdue: overdue(due_date, Some(principal)),
                    total_installment_amount_for_period: Some(principal),
                    total_credits: Decimal::ZERO,
                    total_accrued_interest: Decimal::ZERO,
                    down_payment_period: true,
                    ..Default::default()
                }
            }
            SchedulePeriod::Installment {
                period,
                from_date,
                due_date,
                days_in_period,
                principal_due,
                interest_due,
                fee_charges_due,
                penalty_charges_due,
                total_due,
                principal_loan_balance_outstanding,
                down_payment: false,
            } => {
                let (principal, interest, total) =
                    (m(principal_due), m(interest_due), m(total_due));
                let fees = m(fee_charges_due);
                PeriodData {
                    period: Some(period),
                    from_date: Some(from_date),
                    due_date,
                    days_in_period: Some(days_in_period),
                    principal_original_due: Some(principal),
                    principal_due: Some(principal),
                    principal_outstanding: Some(principal),
                    principal_loan_balance_outstanding: m(principal_loan_balance_outstanding),
                    interest_original_due: Some(interest),
                    interest_due: Some(interest),
                    interest_outstanding: Some(interest),
                    fee_charges_due: Some(fees),
                    penalty_charges_due: Some(m(penalty_charges_due)),
                    total_original_due_for_period: Some(total),
                    total_due_for_period: Some(total),
                    total_paid_for_period: Some(Decimal::ZERO),
                    total_outstanding_for_period: Some(total),
                    total_overdue: overdue(due_date, Some(total)),
                    total_actual_cost_of_loan_for_period: Some(interest + fees),
                    total_installment_amount_for_period: Some(principal + interest),
                    total_credits: Decimal::ZERO,
                    total_accrued_interest: Decimal::ZERO,
                    ..Default::default()
                }
            }
        })
        .collect();
    let c = &s.currency;
    LoanScheduleData {
        currency: CurrencyData {
            code: c.code.clone(),
            name: c.name.clone(),
            decimal_places: places,
            in_multiples_of: c.in_multiples_of.unwrap_or_default(),
            display_symbol: c.display_symbol.clone(),
            name_code: c.name_code.clone(),
            display_label: c.display_label(),
        },
        loan_term_in_days: s.loan_term_in_days,
        total_principal_disbursed: m(s.total_principal_disbursed),
        total_principal_expected: m(s.total_principal_expected),
        total_principal_paid: Decimal::ZERO,
        total_interest_charged: m(s.total_interest_charged),
        total_fee_charges_charged: m(s.total_fee_charges_charged),
        total_penalty_charges_charged: m(s.total_penalty_charges_charged),
        total_repayment_expected: m(s.total_repayment_expected),
        total_outstanding: Decimal::ZERO,
        total_credits: Decimal::ZERO,
        periods,
    }
}

/// An application as `POST /loans` and `PUT /loans/{loanId}` read it, scheduled.
async fn read_submission(
    caller: &Caller,
    json: &JsonBody,
) -> ApiResult<kassa_app::loans::SubmitLoanApplication> {
    let (product, application) = parse_application(caller, json).await?;
    let mut r = Reader::new(json, RESOURCE);
    let loan_type = r.string("loanType", 20);
    required(&mut r, "loanType", loan_type.as_ref());
    let client_id = required(&mut r, "clientId", application.client_id);
    if loan_type.as_deref().is_some_and(|t| t != "individual") {
        r.error(ParamError::new(
            "loanType",
            "error.msg.loan.type.not.supported.yet",
            "Only individual loans are supported yet.",
        ));
    }
    if !application.tranches.is_empty() || product.terms.multi_disburse_loan {
        r.error(ParamError::new(
            "disbursementData",
            "error.msg.loan.multi.disbursement.not.supported.yet",
            "Loans of multi-disbursement products cannot be submitted yet.",
        ));
    }
    let account_no = r.string("accountNo", 20);
    let external_id = r.string("externalId", 100);
    let strategy = r
        .string("transactionProcessingStrategyCode", 100)
        .unwrap_or_default();
    r.finish()?;
    let schedule =
        loan_schedule::calculate(&caller.tenant, &caller.principal, &product, &application).await?;
    Ok(kassa_app::loans::SubmitLoanApplication {
        product,
        application,
        schedule,
        client_id: client_id.unwrap_or_default(),
        account_no,
        external_id,
        transaction_processing_strategy_code: strategy,
    })
}

/// `POST /loans`: the application `calculateLoanSchedule` validates, plus what an application needs: an
/// individual loan of an active client the caller sees, and the optional account number and external id.
async fn submit_application(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    body: &Body,
) -> ApiResult<Response> {
    let spec = spec(state, headers, "CREATE", "/loans".into(), body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    let command = read_submission(caller, &json).await?;
    super::run_command(state, caller, spec, &command).await
}

#[derive(Serialize)]
struct EnumData {
    id: i64,
    code: &'static str,
    value: &'static str,
}

impl EnumData {
    fn of((id, code, value): (i64, &'static str, &'static str)) -> EnumData {
        EnumData { id, code, value }
    }
}

/// `LoanStatusEnumData` of a submitted application.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusData {
    id: i64,
    code: &'static str,
    value: &'static str,
    pending_approval: bool,
    waiting_for_disbursal: bool,
    active: bool,
    closed_obligations_met: bool,
    closed_written_off: bool,
    closed_rescheduled: bool,
    closed: bool,
    overpaid: bool,
}

fn status_data(id: i64) -> StatusData {
    let (code, value) = match id {
        100 => (
            "loanStatusType.submitted.and.pending.approval",
            "Submitted and pending approval",
        ),
        _ => ("loanStatusType.invalid", "Invalid"),
    };
    StatusData {
        id,
        code,
        value,
        pending_approval: id == 100,
        waiting_for_disbursal: id == 200,
        active: id == 300,
        closed_obligations_met: id == 600,
        closed_written_off: id == 601,
        closed_rescheduled: id == 602,
        closed: (600..=602).contains(&id),
        overpaid: id == 700,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TimelineData {
    #[serde(serialize_with = "ser::date")]
    submitted_on_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_firstname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_by_lastname: Option<String>,
    #[serde(serialize_with = "ser::date")]
    expected_disbursement_date: NaiveDate,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    expected_maturity_date: Option<NaiveDate>,
}

/// The basics of Fineract's `LoanAccountData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoanAccountData {
    id: i64,
    account_no: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    status: StatusData,
    client_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_account_no: Option<String>,
    client_name: String,
    client_office_id: i64,
    loan_product_id: i64,
    loan_product_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    loan_product_description: Option<String>,
    loan_type: EnumData,
    currency: CurrencyData,
    #[serde(serialize_with = "ser::decimal")]
    principal: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    approved_principal: Decimal,
    #[serde(serialize_with = "ser::decimal")]
    proposed_principal: Decimal,
    term_frequency: i64,
    term_period_frequency_type: EnumData,
    number_of_repayments: i64,
    repayment_every: i64,
    repayment_frequency_type: EnumData,
    #[serde(serialize_with = "ser::decimal")]
    interest_rate_per_period: Decimal,
    interest_rate_frequency_type: EnumData,
    #[serde(serialize_with = "ser::decimal")]
    annual_interest_rate: Decimal,
    amortization_type: EnumData,
    interest_type: EnumData,
    interest_calculation_period_type: EnumData,
    transaction_processing_strategy_code: String,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    expected_first_repayment_on_date: Option<NaiveDate>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    interest_charged_from_date: Option<NaiveDate>,
    timeline: TimelineData,
    #[serde(skip_serializing_if = "Option::is_none")]
    repayment_schedule: Option<LoanScheduleData>,
}

fn currency_data(c: &kassa_domain::currency::Currency) -> CurrencyData {
    CurrencyData {
        code: c.code.clone(),
        name: c.name.clone(),
        decimal_places: c.decimal_places,
        in_multiples_of: c.in_multiples_of.unwrap_or_default(),
        display_symbol: c.display_symbol.clone(),
        name_code: c.name_code.clone(),
        display_label: c.display_label(),
    }
}

fn loan_data(
    l: LoanRecord,
    currency: &kassa_domain::currency::Currency,
    repayment_schedule: Option<LoanScheduleData>,
) -> LoanAccountData {
    let frequency = PeriodFrequency::from_fineract_id(l.repayment_period_frequency_enum)
        .unwrap_or(PeriodFrequency::Months);
    let term_frequency = PeriodFrequency::from_fineract_id(l.term_period_frequency_enum)
        .unwrap_or(PeriodFrequency::Months);
    let places = currency.decimal_places;
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    let fineract_enum = |e: Option<(i64, &'static str, &'static str)>| {
        EnumData::of(e.unwrap_or((0, "invalid", "Invalid")))
    };
    LoanAccountData {
        id: l.id,
        account_no: l.account_no,
        external_id: l.external_id,
        status: status_data(l.loan_status_id),
        client_id: l.client_id,
        client_account_no: l.client_account_no,
        client_name: l.client_name,
        client_office_id: l.client_office_id,
        loan_product_id: l.product_id,
        loan_product_name: l.product_name,
        loan_product_description: l.product_description,
        loan_type: EnumData::of((1, "accountType.individual", "Individual")),
        currency: currency_data(currency),
        principal: m(l.principal_amount.0),
        approved_principal: m(l.approved_principal.0),
        proposed_principal: m(l.principal_amount_proposed.0),
        term_frequency: l.term_frequency,
        term_period_frequency_type: EnumData::of(repayment_frequency_enum(term_frequency)),
        number_of_repayments: l.number_of_repayments,
        repayment_every: l.repay_every,
        repayment_frequency_type: EnumData::of(repayment_frequency_enum(frequency)),
        interest_rate_per_period: l.nominal_interest_rate_per_period.0.normalize(),
        interest_rate_frequency_type: fineract_enum(
            RateFrequency::from_fineract_id(l.interest_period_frequency_enum)
                .map(|e| (e.fineract_id(), e.code(), e.label())),
        ),
        annual_interest_rate: l.annual_nominal_interest_rate.0.normalize(),
        amortization_type: fineract_enum(
            Amortization::from_fineract_id(l.amortization_method_enum)
                .map(|e| (e.fineract_id(), e.code(), e.label())),
        ),
        interest_type: fineract_enum(
            InterestMethod::from_fineract_id(l.interest_method_enum)
                .map(|e| (e.fineract_id(), e.code(), e.label())),
        ),
        interest_calculation_period_type: fineract_enum(
            InterestCalculationPeriod::from_fineract_id(l.interest_calculated_in_period_enum)
                .map(|e| (e.fineract_id(), e.code(), e.label())),
        ),
        transaction_processing_strategy_code: l.loan_transaction_strategy_code,
        expected_first_repayment_on_date: l.expected_firstrepaymenton_date,
        interest_charged_from_date: l.interest_calculated_from_date,
        timeline: TimelineData {
            submitted_on_date: l.submittedon_date,
            submitted_by_username: l.submitted_by,
            submitted_by_firstname: l.submitted_by_firstname,
            submitted_by_lastname: l.submitted_by_lastname,
            expected_disbursement_date: l.expected_disbursedon_date,
            expected_maturity_date: l.expected_maturedon_date,
        },
        repayment_schedule,
    }
}

fn json_ok<T: Serialize>(value: &T) -> ApiResult<Response> {
    Ok(crate::error::json_response(
        axum::http::StatusCode::OK,
        serde_json::to_string(value).map_err(|e| ApiError(AppError::Internal(e.to_string())))?,
    ))
}

/// `GET /loans/{loanId}`: the application; `associations=repaymentSchedule` (or `all`) adds its schedule in
/// `calculateLoanSchedule`'s shape.
#[utoipa::path(get, path = "/loans/{loanId}", tag = "Loans",
    params(("loanId" = i64, Path),
           ("associations" = Option<String>, Query, description = "`repaymentSchedule` or `all`")),
    responses((status = 200, description = "LoanAccountData"),
              (status = 403, description = "No READ_LOAN permission"),
              (status = 404, description = "Unknown loan, or one outside the caller's offices")))]
async fn get_loan(
    State(state): State<ApiState>,
    caller: Caller,
    Path(id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let id = super::path_id(&id, "Loan")?;
    let loan = loans::get(&caller.tenant, &caller.principal, id).await?;
    let wanted = query.text("associations")?.is_some_and(|a| {
        a.split(',')
            .any(|p| matches!(p.trim(), "repaymentSchedule" | "all"))
    });
    let currency = loans::currency(&caller.tenant, &loan).await?;
    let repayment_schedule = if wanted {
        let schedule = loans::schedule(&caller.tenant, &loan).await?;
        let today = state.app.today(&caller.tenant).await?;
        Some(schedule_data(&schedule, today))
    } else {
        None
    };
    json_ok(&loan_data(loan, &currency, repayment_schedule))
}

const ORDER_COLUMNS: &[(&str, LoanOrder)] = &[
    ("id", LoanOrder::Id),
    ("accountNo", LoanOrder::AccountNo),
    ("externalId", LoanOrder::ExternalId),
    ("loanStatusId", LoanOrder::Status),
    ("status", LoanOrder::Status),
    ("clientName", LoanOrder::ClientName),
    ("productName", LoanOrder::ProductName),
    ("principal", LoanOrder::Principal),
    ("submittedOnDate", LoanOrder::SubmittedOnDate),
    (
        "expectedDisbursementDate",
        LoanOrder::ExpectedDisbursementDate,
    ),
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoanPage {
    total_filtered_records: i64,
    page_items: Vec<LoanAccountData>,
}

/// `GET /loans`: a page of the caller's loans, filtered by `externalId`, `accountNo` and `status` (alias
/// `loanStatus`, the numeric status id).
#[utoipa::path(get, path = "/loans", tag = "Loans",
    params(("externalId" = Option<String>, Query), ("accountNo" = Option<String>, Query),
           ("status" = Option<i64>, Query, description = "Numeric status id; alias `loanStatus`"),
           ("orderBy" = Option<String>, Query), ("sortOrder" = Option<String>, Query),
           ("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, description = "`{totalFilteredRecords, pageItems}`"),
              (status = 403, description = "No READ_LOAN permission")))]
async fn list_loans(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let status = match query.long("status")? {
        Some(s) => Some(s),
        None => query.long("loanStatus")?,
    };
    let filter = LoanFilter {
        external_id: query.text("externalId")?.map(str::to_string),
        account_no: query.text("accountNo")?.map(str::to_string),
        status,
        ..LoanFilter::default()
    };
    let order = query.order_by(ORDER_COLUMNS)?.unwrap_or_default();
    let sort = query.sort_order()?;
    let settings = &state.app.settings;
    let page = query.page(settings.page_limit_default, settings.page_limit_max)?;
    let (total, rows) =
        loans::list(&caller.tenant, &caller.principal, filter, order, sort, page).await?;
    let mut items = Vec::with_capacity(rows.len());
    let mut currencies: Vec<kassa_domain::currency::Currency> = Vec::new();
    for loan in rows {
        let known = currencies.iter().find(|c| {
            c.code == loan.currency_code
                && i64::from(c.decimal_places) == loan.currency_digits
                && c.in_multiples_of == Some(loan.currency_multiplesof)
        });
        let currency = match known {
            Some(c) => c.clone(),
            None => {
                let c = loans::currency(&caller.tenant, &loan).await?;
                currencies.push(c.clone());
                c
            }
        };
        items.push(loan_data(loan, &currency, None));
    }
    json_ok(&LoanPage {
        total_filtered_records: total,
        page_items: items,
    })
}

/// `DELETE /loans/{loanId}`: an application still pending approval.
#[utoipa::path(delete, path = "/loans/{loanId}", tag = "Loans", params(("loanId" = i64, Path)),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId}`"),
              (status = 403, description = "No DELETE_LOAN permission, or not pending approval"),
              (status = 404, description = "Unknown loan")))]
async fn delete_loan(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = super::path_id(&id, "Loan")?;
    let spec = spec(&state, &headers, "DELETE", format!("/loans/{id}"), &body);
    super::run_command(&state, &caller, spec, &loans::DeleteLoanApplication { id }).await
}

/// `PUT /loans/{loanId}`: a whole application replacing one pending approval; the schedule is regenerated.
#[utoipa::path(put, path = "/loans/{loanId}", tag = "Loans", params(("loanId" = i64, Path)),
    request_body(content = String, description = "The whole loan application", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, clientId, loanId, resourceId, changes}`"),
              (status = 400, description = "Validation errors"),
              (status = 403, description = "No UPDATE_LOAN permission, not pending approval, or a rule"),
              (status = 404, description = "Unknown loan, product or client")))]
async fn modify_loan(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = super::path_id(&id, "Loan")?;
    let spec = spec(&state, &headers, "UPDATE", format!("/loans/{id}"), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    // The loan must exist for the caller before its body is judged.
    loans::get_for_write(&caller.tenant, &caller.principal, id).await?;
    let json = body.json()?;
    let application = read_submission(&caller, &json).await?;
    let values: serde_json::Map<String, Value> =
        serde_json::from_str(&spec.json).unwrap_or_default();
    let command = loans::ModifyLoanApplication {
        id,
        application,
        values,
    };
    super::run_command(&state, &caller, spec, &command).await
}
