//! `LoanScheduleData`: the schedule as `calculateLoanSchedule` and `associations=repaymentSchedule` show it.

use chrono::NaiveDate;
use kassa_app::loans::schedule::{CalculatedSchedule, SchedulePeriod};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::wire::ser;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CurrencyData {
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
pub(super) struct LoanScheduleData {
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
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_repayment: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_paid_in_advance: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_paid_late: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_waived: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_written_off: Option<Decimal>,
    periods: Vec<PeriodData>,
}

/// `LoanSchedulePeriodData`; Fineract's serializer leaves out the nulls, and so do we.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct PeriodData {
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
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    principal_paid: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    principal_written_off: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    interest_paid: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    interest_waived: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    interest_written_off: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    fee_charges_paid: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    fee_charges_waived: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    fee_charges_written_off: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    penalty_charges_paid: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    penalty_charges_waived: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    penalty_charges_written_off: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    penalty_charges_outstanding: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_paid_in_advance_for_period: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_paid_late_for_period: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_waived_for_period: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    total_written_off_for_period: Option<Decimal>,
    #[serde(
        serialize_with = "ser::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    obligations_met_on_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    complete: Option<bool>,
}

pub(super) fn schedule_data(s: &CalculatedSchedule, today: NaiveDate) -> LoanScheduleData {
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
        total_repayment: None,
        total_paid_in_advance: None,
        total_paid_late: None,
        total_waived: None,
        total_written_off: None,
        periods,
    }
}

pub(super) fn currency_data(c: &kassa_domain::organisation::currency::Currency) -> CurrencyData {
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

/// The schedule of a disbursed loan: what each installment has had paid, waived and written off, as the
/// ledger replayed it.
pub(super) fn apply_ledger(
    data: &mut LoanScheduleData,
    ledger: &kassa_domain::loans::ledger::Ledger,
    today: NaiveDate,
) {
    let places = data.currency.decimal_places;
    let m = |d: Decimal| {
        let mut d = d.round_dp(places);
        d.rescale(places);
        d
    };
    let (
        mut paid,
        mut advance,
        mut late,
        mut waived,
        mut written_off,
        mut outstanding,
        mut principal_paid,
    ) = Default::default();
    for p in &mut data.periods {
        let Some(n) = p.period else { continue };
        let Some(i) = ledger.installments.iter().find(|i| i.number == n) else {
            continue;
        };
        let o = i.outstanding();
        p.principal_paid = Some(m(i.paid.principal));
        p.principal_written_off = Some(m(i.written_off.principal));
        p.principal_outstanding = Some(m(o.principal));
        p.interest_paid = Some(m(i.paid.interest));
        p.interest_waived = Some(m(i.waived.interest));
        p.interest_written_off = Some(m(i.written_off.interest));
        p.interest_outstanding = Some(m(o.interest));
        p.fee_charges_paid = Some(m(i.paid.fee));
        p.fee_charges_waived = Some(m(i.waived.fee));
        p.fee_charges_written_off = Some(m(i.written_off.fee));
        p.fee_charges_outstanding = Some(m(o.fee));
        p.penalty_charges_paid = Some(m(i.paid.penalty));
        p.penalty_charges_waived = Some(m(i.waived.penalty));
        p.penalty_charges_written_off = Some(m(i.written_off.penalty));
        p.penalty_charges_outstanding = Some(m(o.penalty));
        p.total_paid_for_period = Some(m(i.paid.total()));
        p.total_paid_in_advance_for_period = Some(m(i.paid_in_advance));
        p.total_paid_late_for_period = Some(m(i.paid_late));
        p.total_waived_for_period = Some(m(i.waived.total()));
        p.total_written_off_for_period = Some(m(i.written_off.total()));
        p.total_outstanding_for_period = Some(m(o.total()));
        p.total_overdue = (i.due_date < today).then(|| m(o.total()));
        p.obligations_met_on_date = i.obligations_met_on;
        p.complete = Some(i.complete);
        paid += i.paid.total();
        advance += i.paid_in_advance;
        late += i.paid_late;
        waived += i.waived.total();
        written_off += i.written_off.total();
        outstanding += o.total();
        principal_paid += i.paid.principal;
    }
    data.total_principal_paid = m(principal_paid);
    data.total_repayment = Some(m(paid));
    data.total_paid_in_advance = Some(m(advance));
    data.total_paid_late = Some(m(late));
    data.total_waived = Some(m(waived));
    data.total_written_off = Some(m(written_off));
    data.total_outstanding = m(outstanding);
}

/// Fees paid at disbursement on the first disbursement row and in the totals (Fineract's
/// `disbursementOnlyPeriod` with `feeChargesDueAtTimeOfDisbursement`).
pub(super) fn apply_disbursement_fees(
    data: &mut LoanScheduleData,
    fees: kassa_app::loans::charges::DisbursementFees,
) {
    if fees.charged.is_zero() && fees.paid.is_zero() {
        return;
    }
    let places = data.currency.decimal_places;
    let m = |d: Decimal| {
        let mut d =
            d.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointNearestEven);
        d.rescale(places);
        d
    };
    let open = fees.charged - fees.paid;
    if let Some(p) = data.periods.iter_mut().find(|p| p.period.is_none()) {
        p.fee_charges_due = Some(m(fees.charged));
        p.fee_charges_paid = Some(m(fees.paid));
        p.fee_charges_outstanding = Some(m(open));
        p.total_original_due_for_period = Some(m(fees.charged));
        p.total_due_for_period = Some(m(fees.charged));
        p.total_paid_for_period = Some(m(fees.paid));
        p.total_outstanding_for_period = Some(m(open));
        p.total_actual_cost_of_loan_for_period = Some(m(fees.charged));
    }
    data.total_fee_charges_charged = m(data.total_fee_charges_charged + fees.charged);
    data.total_repayment_expected = m(data.total_repayment_expected + fees.charged);
    data.total_repayment = Some(m(data.total_repayment.unwrap_or_default() + fees.paid));
    data.total_outstanding = m(data.total_outstanding + open);
}
