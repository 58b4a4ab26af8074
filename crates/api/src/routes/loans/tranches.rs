//! Tranches of multi-disbursement loans on the wire: `disbursementData` checked as Fineract's
//! `LoanApplicationValidator` does (on submission and approval), the schedule regenerated from a tranche
//! list, and the `disbursementDetails` a `GET /loans/{id}` shows.

use chrono::NaiveDate;
use kassa_app::loans::schedule::{self, CalculatedSchedule};
use kassa_app::loans::tranches::{self, DisburseTranche, TrancheView, UndoLastDisbursal};
use kassa_app::{AppError, ParamError};
use kassa_domain::loan_products::LoanProduct;
use kassa_store::repo::loans::disbursement::TrancheRow;
use kassa_store::repo::loans::loan::LoanRecord;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::Value;

use super::parse_application;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::wire::{ser, JsonBody};

fn failed(parameter: &str, code: &str) -> ParamError {
    ParamError::new(
        parameter,
        format!("validation.msg.loan.{parameter}.{code}"),
        format!("Failed data validation due to: {code}."),
    )
}

/// `validateLoanMultiDisbursementDate`: tranches in date order, the first on the expected disbursement
/// date, none before it, no two on one date, their sum within `principal`, and declining-balance
/// interest. All failures are collected into one 400.
pub(super) fn date_and_amount_errors(
    tranches: &[(NaiveDate, Decimal)],
    expected: NaiveDate,
    principal: Decimal,
    interest_type: Option<i64>,
) -> Vec<ParamError> {
    let mut errors = Vec::new();
    if tranches.is_empty() {
        return errors;
    }
    // One error per pair out of order, as `validateDisbursementsAreDatewiseOrdered` reports them.
    for (i, (date, _)) in tranches.iter().enumerate() {
        for _ in tranches[i + 1..].iter().filter(|(later, _)| date > later) {
            errors.push(failed(
                "disbursementData",
                "disbursements.should.be.ordered.based.on.their.disbursement.dates",
            ));
        }
    }
    let mut seen = Vec::new();
    for (i, (date, _)) in tranches.iter().enumerate() {
        if i == 0 && *date != expected {
            errors.push(failed(
                "expectedDisbursementDate",
                "first.disbursement.date.must.start.with.expected.disbursement.date",
            ));
        } else if i > 0 && *date < expected {
            errors.push(failed(
                "disbursementData",
                "disbursement.date.of.tranche.cannot.be.before.expected.disbursement.date",
            ));
        }
        if seen.contains(date) {
            errors.push(failed(
                "expectedDisbursementDate",
                "disbursement.date.must.be.unique.for.tranches",
            ));
        }
        seen.push(*date);
    }
    let total: Decimal = tranches.iter().map(|(_, p)| *p).sum();
    if total > principal {
        errors.push(failed(
            "principal",
            "sum.of.multi.disburse.amounts.must.be.equal.to.or.lesser.than.approved.principal",
        ));
    }
    if let Some(t) = interest_type.filter(|t| *t != 0) {
        errors.push(
            ParamError::new(
                "interestType",
                "validation.msg.loan.interestType.not.equal.to.specified.number",
                "The parameter `interestType` must be same as0",
            )
            .with_value(Value::from(t))
            .with_args(vec![Value::from(0)]),
        );
    }
    errors
}

/// `ExceedingTrancheCountException` (403): more tranches than the product allows.
pub(super) fn check_tranche_count(product: &LoanProduct, count: usize) -> ApiResult<()> {
    let Some(max) = product.terms.max_tranche_count else {
        return Ok(());
    };
    if i64::try_from(count).unwrap_or(i64::MAX) > max {
        return Err(ApiError(AppError::Rule {
            code: "error.msg.disbursementData.exceeding.max.tranche.count".into(),
            message: format!("Number of tranche shouldn't be greater than {max}"),
            parameter: None,
            args: vec![Value::from(max), Value::from(count)],
        }));
    }
    Ok(())
}

/// The submission's checks, in Fineract's order: the tranches a multi-disbursement product requires
/// and their count (403s thrown first), then the dates and amounts (one 400).
pub(super) fn check_submitted(
    product: &LoanProduct,
    json: &JsonBody,
    tranches: &[(NaiveDate, Decimal)],
    expected: NaiveDate,
    principal: Decimal,
) -> ApiResult<()> {
    if product.terms.multi_disburse_loan {
        if tranches.is_empty() {
            return Err(ApiError(AppError::rule(
                "error.msg.disbursementData.required",
                "For this loan product, disbursement details must be provided",
            )));
        }
        check_tranche_count(product, tranches.len())?;
    }
    let interest_type = json
        .get("interestType")
        .and_then(|raw| raw.get().trim().parse::<i64>().ok());
    let errors = date_and_amount_errors(tranches, expected, principal, interest_type);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError(AppError::Validation(errors)))
    }
}

/// The loan's schedule regenerated from its stored application and `tranches` (actual dates for
/// disbursed ones). The principal is the tranches' sum: the engines spread exactly what the tranches
/// bring (the approved amount while they make it up; less after an undone last disbursal).
pub(super) async fn tranche_schedule(
    caller: &Caller,
    loan: &LoanRecord,
    tranches: &[(NaiveDate, Decimal)],
) -> ApiResult<Option<CalculatedSchedule>> {
    let (Some(stored), Some(first)) = (&loan.application_json, tranches.first()) else {
        return Ok(None);
    };
    let json = JsonBody::parse(stored)?;
    let (product, mut application) = parse_application(caller, &json).await?;
    application.principal = tranches.iter().map(|t| t.1).sum();
    application.expected_disbursement_date = first.0;
    application.tranches = tranches.to_vec();
    if application
        .repayments_starting_from_date
        .is_some_and(|r| r <= first.0)
    {
        application.repayments_starting_from_date = None;
    }
    Ok(Some(
        schedule::calculate(&caller.tenant, &caller.principal, &product, &application).await?,
    ))
}

/// One entry of `disbursementDetails` (`DisbursementData`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DisbursementData {
    id: i64,
    #[serde(serialize_with = "ser::date")]
    expected_disbursement_date: NaiveDate,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    actual_disbursement_date: Option<NaiveDate>,
    #[serde(serialize_with = "ser::decimal")]
    principal: Decimal,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    net_disbursal_amount: Option<Decimal>,
}

/// What Fineract shows of a multi-disbursement loan beside `LoanAccountData`'s own fields.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TrancheFields {
    multi_disburse_loan: bool,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_decimal"
    )]
    max_outstanding_loan_balance: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disbursement_details: Option<Vec<DisbursementData>>,
}

/// A loan's data with its tranche fields.
#[derive(Serialize)]
pub(super) struct WithTranches<T> {
    #[serde(flatten)]
    pub loan: T,
    #[serde(flatten)]
    pub tranches: TrancheFields,
}

/// `multiDisburseLoan`, `maxOutstandingLoanBalance`, and with
/// `associations=multiDisburseDetails` (or `all`) `disbursementDetails`.
pub(super) fn tranche_fields(view: &TrancheView, places: u32, with_details: bool) -> TrancheFields {
    // Stored with six places; shown with the currency's (exact already, so the mode never bites).
    let round =
        |d: Decimal| d.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven);
    TrancheFields {
        multi_disburse_loan: view.multi_disburse,
        max_outstanding_loan_balance: view.max_outstanding_loan_balance.map(round),
        disbursement_details: (with_details && view.multi_disburse).then(|| {
            view.tranches
                .iter()
                .map(|t| DisbursementData {
                    id: t.id,
                    expected_disbursement_date: t.expected_disburse_date,
                    actual_disbursement_date: t.disbursedon_date,
                    principal: round(t.principal.0),
                    net_disbursal_amount: t.net_disbursal_amount.map(|n| round(n.0)),
                })
                .collect()
        }),
    }
}

/// `disburse` on a loan with tranches: the next tranche on `on` for `amount` (or its own principal), with
/// the schedule regenerated from the tranches as they will stand. `None` for a loan without tranches.
#[allow(clippy::too_many_arguments)]
pub(super) async fn disburse_tranche(
    caller: &Caller,
    loan: &LoanRecord,
    on: NaiveDate,
    amount: Option<Decimal>,
    external_id: Option<String>,
    payment: kassa_store::repo::loans::transaction::PaymentDetail,
    note: Option<String>,
    values: serde_json::Map<String, Value>,
) -> ApiResult<Option<DisburseTranche>> {
    let stored = tranches::list(&caller.tenant, loan.id).await?;
    if stored.is_empty() {
        return Ok(None);
    }
    let next = tranches::next_tranche(&stored).map(|t| t.id);
    let mut schedule = None;
    if let Some(next) = next {
        let amount_ok = amount.is_none_or(|a| a > Decimal::ZERO);
        let mut after = stored.clone();
        for t in after.iter_mut().filter(|t| t.id == next) {
            t.disbursedon_date = Some(on);
            t.principal.0 = amount.unwrap_or(t.principal.0);
        }
        let total: Decimal = after.iter().map(|t| t.principal.0).sum();
        // An amount beyond the approval is refused by the command; no schedule is made for it.
        if amount_ok && total <= loan.approved_principal.0 {
            let tranches = tranches::schedule_tranches(&after);
            schedule = tranche_schedule(caller, loan, &tranches).await?;
        }
    }
    Ok(Some(DisburseTranche {
        id: loan.id,
        tranche_id: next.unwrap_or_default(),
        on,
        amount,
        external_id,
        payment,
        note,
        schedule,
        values,
    }))
}

/// `undolastdisbursal`, with the schedule of the tranches that stay.
pub(super) async fn undo_last_disbursal(
    caller: &Caller,
    loan: &LoanRecord,
    values: serde_json::Map<String, Value>,
) -> ApiResult<UndoLastDisbursal> {
    let product = schedule::product(&caller.tenant, loan.product_id).await?;
    let stored = tranches::list(&caller.tenant, loan.id).await?;
    let last = tranches::last_disbursed(&stored).map(|t| t.id);
    let disbursed = stored
        .iter()
        .filter(|t| t.disbursedon_date.is_some())
        .count();
    let schedule = if product.terms.multi_disburse_loan && disbursed > 1 {
        let staying: Vec<TrancheRow> = stored
            .iter()
            .filter(|t| Some(t.id) != last)
            .cloned()
            .collect();
        let tranches = tranches::schedule_tranches(&staying);
        tranche_schedule(caller, loan, &tranches).await?
    } else {
        None
    };
    Ok(UndoLastDisbursal {
        id: loan.id,
        tranche_id: last,
        multi_disburse: product.terms.multi_disburse_loan,
        schedule,
        values,
    })
}

/// `undodisbursal` of a loan with tranches: the schedule of all of them on their expected dates.
pub(super) async fn undisbursed_schedule(
    caller: &Caller,
    loan: &LoanRecord,
) -> ApiResult<Option<Option<CalculatedSchedule>>> {
    let stored = tranches::list(&caller.tenant, loan.id).await?;
    if stored.is_empty() {
        return Ok(None);
    }
    let tranches: Vec<(NaiveDate, Decimal)> = stored
        .iter()
        .map(|t| (t.expected_disburse_date, t.principal.0))
        .collect();
    Ok(Some(tranche_schedule(caller, loan, &tranches).await?))
}

/// `approve` of a multi-disbursement loan: the `disbursementData` given (checked against the approved
/// amount and date) replaces the tranches; the schedule follows the tranches that will stand. `None`
/// for a loan of a single-disbursement product.
pub(super) async fn approval_tranches(
    caller: &Caller,
    loan: &LoanRecord,
    given: Vec<(NaiveDate, Decimal)>,
    amount: Decimal,
    expected: NaiveDate,
) -> ApiResult<
    Option<(
        Option<Vec<(NaiveDate, Decimal)>>,
        Option<CalculatedSchedule>,
    )>,
> {
    let product = schedule::product(&caller.tenant, loan.product_id).await?;
    if !product.terms.multi_disburse_loan {
        return Ok(None);
    }
    let errors = date_and_amount_errors(&given, expected, amount, None);
    if !errors.is_empty() {
        return Err(ApiError(AppError::Validation(errors)));
    }
    check_tranche_count(&product, given.len())?;
    let tranches = if given.is_empty() {
        let stored = tranches::list(&caller.tenant, loan.id).await?;
        let stored = tranches::schedule_tranches(&stored);
        // The kept tranches must fit a lower approved amount too, or the last could never be disbursed.
        let total: Decimal = stored.iter().map(|(_, p)| *p).sum();
        if total > amount {
            return Err(ApiError(AppError::Validation(vec![failed(
                "principal",
                "sum.of.multi.disburse.amounts.must.be.equal.to.or.lesser.than.approved.principal",
            )])));
        }
        stored
    } else {
        given.clone()
    };
    let schedule = if amount <= loan.principal_amount_proposed.0 {
        tranche_schedule(caller, loan, &tranches).await?
    } else {
        None
    };
    Ok(Some(((!given.is_empty()).then_some(given), schedule)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn codes(errors: &[ParamError]) -> Vec<String> {
        errors.iter().map(|e| e.code.clone()).collect()
    }

    #[test]
    fn tranches_in_order_within_the_principal_pass() {
        let t = [
            (d("2022-11-01"), Decimal::from(5)),
            (d("2023-01-01"), Decimal::from(5)),
        ];
        assert!(date_and_amount_errors(&t, d("2022-11-01"), Decimal::from(10), Some(0)).is_empty());
    }

    #[test]
    fn a_tranche_before_the_expected_date_or_on_a_taken_date_fails_as_in_fineract() {
        let t = [
            (d("2022-11-01"), Decimal::ONE),
            (d("2022-10-01"), Decimal::ONE),
            (d("2022-11-01"), Decimal::ONE),
        ];
        let errors = date_and_amount_errors(&t, d("2022-11-01"), Decimal::from(3), Some(1));
        assert_eq!(
            codes(&errors),
            [
                "validation.msg.loan.disbursementData.disbursements.should.be.ordered.based.on.their.disbursement.dates",
                "validation.msg.loan.disbursementData.disbursement.date.of.tranche.cannot.be.before.expected.disbursement.date",
                "validation.msg.loan.expectedDisbursementDate.disbursement.date.must.be.unique.for.tranches",
                "validation.msg.loan.interestType.not.equal.to.specified.number",
            ]
        );
    }
}
