//! The `charges` of `POST /loans?command=calculateLoanSchedule`: Fineract's schedule generator is given
//! the application's charges (`LoanChargeAssembler.fromParsedJson`), so the answer shows each fee and
//! penalty on the installment it falls in. The same placement as a stored loan's charges is used.

use kassa_domain::charges::{ChargeAppliesTo, ChargeCalculationType, ChargeTimeType};
use kassa_store::money::DbAmount;
use kassa_store::repo::charges as charge_repo;
use kassa_store::repo::loans::charge::LoanChargeRow;
use kassa_store::repo::loans::loan::InstallmentRow;
use rust_decimal::Decimal;

use super::commands::ChargeOfApplication;
use super::placement::place;
use crate::error::{AppError, AppResult, ParamError};
use crate::loans::schedule::{CalculatedSchedule, SchedulePeriod};
use crate::platform::tenant::TenantCtx;

/// Adds the application's charges to `schedule` (a loan of `principal`): installment and
/// specified-due-date charges land on their installments and in the totals. Charges due at disbursement
/// are left out, as the stored loan's schedule leaves them out too.
pub async fn apply_to_schedule(
    tenant: &TenantCtx,
    schedule: &mut CalculatedSchedule,
    principal: Decimal,
    charges: &[ChargeOfApplication],
) -> AppResult<()> {
    if charges.is_empty() {
        return Ok(());
    }
    let rows: Vec<InstallmentRow> = schedule
        .periods
        .iter()
        .filter_map(|p| match *p {
            SchedulePeriod::Installment {
                period,
                from_date,
                due_date,
                principal_due,
                interest_due,
                down_payment,
                ..
            } => Some(InstallmentRow {
                installment: i64::from(period),
                fromdate: from_date,
                duedate: due_date,
                principal_amount: DbAmount(principal_due),
                interest_amount: DbAmount(interest_due),
                fee_charges_amount: DbAmount(Decimal::ZERO),
                penalty_charges_amount: DbAmount(Decimal::ZERO),
                is_down_payment: down_payment,
            }),
            SchedulePeriod::Disbursement { .. } => None,
        })
        .collect();
    let places = schedule.currency.decimal_places;
    let mut conn = tenant.pool().acquire().await?;
    for c in charges {
        let charge = charge_repo::find(&mut conn.conn(), c.charge_id)
            .await?
            .ok_or(kassa_domain::charges::ChargeError::NotFound(c.charge_id))?;
        let d = &charge.definition;
        if d.applies_to != ChargeAppliesTo::Loan {
            return Err(AppError::rule(
                "error.msg.loanCharge.cannot.be.added.as.not.a.loan.charge",
                format!(
                    "Charge with identifier {} does not apply to loans.",
                    charge.id
                ),
            ));
        }
        if d.time_type == ChargeTimeType::SpecifiedDueDate && c.due_date.is_none() {
            return Err(AppError::validation(ParamError::new(
                "dueDate",
                "validation.msg.loanCharge.dueDate.cannot.be.blank",
                "The parameter `dueDate` is mandatory.",
            )));
        }
        let amount = c.amount.unwrap_or(d.amount);
        let percentage = (d.calculation_type != ChargeCalculationType::Flat).then_some(amount);
        let row = LoanChargeRow {
            id: 0,
            loan_id: 0,
            charge_id: charge.id,
            name: d.name.clone(),
            currency_code: d.currency_code.clone(),
            is_penalty: d.penalty,
            charge_time_enum: d.time_type.fineract_id(),
            due_for_collection_as_of_date: c.due_date,
            charge_calculation_enum: d.calculation_type.fineract_id(),
            charge_payment_mode_enum: d.payment_mode.map_or(0, |m| m.fineract_id()),
            calculation_percentage: percentage.map(DbAmount),
            calculation_on_amount: None,
            charge_amount_or_percentage: DbAmount(amount),
            amount: DbAmount(amount),
            min_cap: d.min_cap.map(DbAmount),
            max_cap: d.max_cap.map(DbAmount),
            is_active: true,
            external_id: None,
        };
        for (number, _, share) in place(&row, &rows, principal, places).shares {
            let Some(SchedulePeriod::Installment {
                fee_charges_due,
                penalty_charges_due,
                total_due,
                ..
            }) = schedule.periods.iter_mut().find(
                |p| matches!(p, SchedulePeriod::Installment { period, .. } if *period == number),
            )
            else {
                continue;
            };
            if d.penalty {
                *penalty_charges_due += share;
                schedule.total_penalty_charges_charged += share;
            } else {
                *fee_charges_due += share;
                schedule.total_fee_charges_charged += share;
            }
            *total_due += share;
            schedule.total_repayment_expected += share;
        }
    }
    Ok(())
}
