//! Adding, changing and deleting a loan's charges, alone or with a new application.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::charges::{ChargeAppliesTo, ChargeCalculationType, ChargeTimeType};
use kassa_domain::loans::status::LoanStatus;
use kassa_store::repo::charges as charge_repo;
use kassa_store::repo::loans::charge::{self as repo, NewLoanCharge};
use kassa_store::repo::loans::loan::{self as loan_repo, InstallmentRow, LoanRecord};
use kassa_store::repo::loans::transaction as tx_repo;
use kassa_store::Tx;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::book::time_type;
use super::book::{not_found, ChargeBook};
use super::placement::{sync_in_tx, views, LoanChargeView};
use crate::error::{AppError, AppResult};
use crate::loans::account::{lock_visible, status_of};
use crate::loans::ledger::replay;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

fn cannot_add(reason: &str, message: impl Into<String>) -> AppError {
    AppError::rule(
        format!("error.msg.loanCharge.cannot.be.added.as.{reason}"),
        message,
    )
}

fn is_open(status: LoanStatus) -> bool {
    matches!(
        status,
        LoanStatus::SubmittedAndPendingApproval
            | LoanStatus::Approved
            | LoanStatus::Active
            | LoanStatus::Overpaid
    )
}

/// `POST /loans/{loanId}/charges`.
pub struct AddLoanCharge {
    pub loan_id: i64,
    pub charge_id: i64,
    pub amount: Option<Decimal>,
    pub due_date: Option<NaiveDate>,
    pub external_id: Option<String>,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for AddLoanCharge {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = lock_visible(tx, ctx, self.loan_id).await?;
        let charge = charge_repo::find(&mut tx.conn(), self.charge_id)
            .await?
            .ok_or(kassa_domain::charges::ChargeError::NotFound(self.charge_id))?;
        let d = &charge.definition;
        if d.applies_to != ChargeAppliesTo::Loan {
            return Err(cannot_add(
                "not.a.loan.charge",
                format!(
                    "Charge with identifier {} does not apply to loans.",
                    charge.id
                ),
            ));
        }
        if !d.active {
            return Err(AppError::rule(
                "error.msg.charge.is.not.active",
                format!("Charge with identifier {} is not active.", charge.id),
            ));
        }
        if d.currency_code != loan.currency_code {
            return Err(cannot_add(
                "currency.mismatch",
                format!(
                    "The charge's currency {} is not the loan's currency {}.",
                    d.currency_code, loan.currency_code
                ),
            ));
        }
        let status = status_of(&loan)?;
        if !is_open(status) {
            return Err(cannot_add(
                "loan.is.closed",
                "This charge cannot be added as the loan is already closed.",
            ));
        }
        match d.time_type {
            ChargeTimeType::OverdueInstallment => {
                return Err(cannot_add(
                    "overdue.charge",
                    "Installment charge cannot be added to the loan.",
                ))
            }
            ChargeTimeType::Disbursement | ChargeTimeType::TrancheDisbursement
                if status == LoanStatus::Active =>
            {
                return Err(cannot_add(
                    "due.at.disbursement.and.loan.is.disbursed",
                    "This charge which is due at disbursement cannot be added as the loan is already disbursed.",
                ))
            }
            _ => {}
        }
        let installments = loan_repo::installments(&mut tx.conn(), loan.id).await?;
        let due_date = if d.time_type == ChargeTimeType::SpecifiedDueDate {
            let Some(due) = self.due_date else {
                return Err(AppError::validation(crate::error::ParamError::new(
                    "dueDate",
                    "validation.msg.loanCharge.dueDate.cannot.be.blank",
                    "The parameter `dueDate` is mandatory.",
                )));
            };
            let start = loan
                .disbursedon_date
                .unwrap_or(loan.expected_disbursedon_date);
            let end = installments.last().map_or(start, |i| i.duedate);
            if due < start || due > end {
                return Err(cannot_add(
                    "specified.due.date.outside.range",
                    "This charge with specified due date cannot be added as the it is not in schedule range.",
                ));
            }
            Some(due)
        } else {
            None
        };
        if let Some(ext) = &self.external_id {
            if repo::external_id_taken(tx, ext).await? {
                return Err(AppError::rule(
                    "error.msg.loanCharge.duplicate.externalId",
                    format!("Loan charge with external id {ext} already exists"),
                ));
            }
        }
        let amount_or_percentage = self.amount.unwrap_or(d.amount);
        let percentage =
            (d.calculation_type != ChargeCalculationType::Flat).then_some(amount_or_percentage);
        let new = NewLoanCharge {
            loan_id: loan.id,
            charge_id: charge.id,
            is_penalty: d.penalty,
            charge_time_enum: d.time_type.fineract_id(),
            due_date,
            charge_calculation_enum: d.calculation_type.fineract_id(),
            charge_payment_mode_enum: d.payment_mode.map_or(0, |m| m.fineract_id()),
            percentage,
            amount_or_percentage,
            amount: amount_or_percentage,
            min_cap: d.min_cap,
            max_cap: d.max_cap,
            external_id: self.external_id.clone(),
            submitted_on_date: ctx.today,
            created_by: ctx.principal.user_id,
        };
        let id = repo::insert_in_tx(tx, &new).await?;
        sync_in_tx(tx, loan.id).await?;
        if loan.disbursedon_date.is_some() {
            crate::loans::account::settle(tx, &loan, None).await?;
        }
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(id),
            resource_external_id: self.external_id.clone(),
            changes: Some(self.values.clone()),
            ..Default::default()
        })
    }
}

/// The charge `id` of the locked loan with what is settled of it.
pub(super) async fn locked_charge(
    tx: &mut Tx,
    ctx: &CommandCtx<'_>,
    loan_id: i64,
    id: i64,
) -> AppResult<(LoanRecord, Vec<InstallmentRow>, LoanChargeView)> {
    let loan = lock_visible(tx, ctx, loan_id).await?;
    let installments = loan_repo::installments(&mut tx.conn(), loan.id).await?;
    let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
    let book = ChargeBook::load_in_tx(tx, loan.id).await?;
    let ledger = replay(&loan, &installments, &transactions, &book)?;
    let view = views(&loan, &installments, &book, Some(&ledger), &transactions)
        .into_iter()
        .find(|v| v.row.id == id)
        .ok_or_else(|| not_found(id))?;
    Ok((loan, installments, view))
}

fn already_settled(view: &LoanChargeView) -> AppResult<()> {
    if view.settled.waived > Decimal::ZERO {
        return Err(AppError::rule(
            "error.msg.loan.charge.already.waived",
            "This loan charge has already been waived",
        ));
    }
    if view.settled.paid > Decimal::ZERO {
        return Err(AppError::rule(
            "error.msg.loan.charge.already.paid",
            "This loan charge has been partially/completely paid",
        ));
    }
    Ok(())
}

fn pending_only(loan: &LoanRecord, verb: &str) -> AppResult<()> {
    if status_of(loan)? != LoanStatus::SubmittedAndPendingApproval {
        return Err(AppError::rule(
            "error.msg.loan.charge.associated.loan.not.in.submitted.and.pending.approval.stage",
            format!("This charge cannot be {verb} as the loan it is associated with is not in submitted and pending approval stage"),
        ));
    }
    Ok(())
}

/// `DELETE /loans/{loanId}/charges/{id}`: only while the loan is pending approval and nothing is settled.
pub struct DeleteLoanCharge {
    pub loan_id: i64,
    pub id: i64,
}

#[async_trait]
impl Command for DeleteLoanCharge {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let (loan, _, view) = locked_charge(tx, ctx, self.loan_id, self.id).await?;
        already_settled(&view)?;
        pending_only(&loan, "deleted")?;
        repo::delete_in_tx(tx, self.id).await?;
        sync_in_tx(tx, loan.id).await?;
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(self.id),
            ..Default::default()
        })
    }
}

/// `PUT /loans/{loanId}/charges/{id}`: the amount (or percentage) and the due date, while pending approval.
pub struct UpdateLoanCharge {
    pub loan_id: i64,
    pub id: i64,
    pub amount: Option<Decimal>,
    pub due_date: Option<NaiveDate>,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for UpdateLoanCharge {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let (loan, installments, view) = locked_charge(tx, ctx, self.loan_id, self.id).await?;
        already_settled(&view)?;
        pending_only(&loan, "updated")?;
        let row = &view.row;
        let amount = self.amount.unwrap_or(row.charge_amount_or_percentage.0);
        let due = match time_type(row) {
            Some(ChargeTimeType::SpecifiedDueDate) => {
                let due = self.due_date.or(row.due_for_collection_as_of_date);
                let start = loan.expected_disbursedon_date;
                let end = installments.last().map_or(start, |i| i.duedate);
                if due.is_some_and(|d| d < start || d > end) {
                    return Err(cannot_add(
                        "specified.due.date.outside.range",
                        "This charge with specified due date cannot be added as the it is not in schedule range.",
                    ));
                }
                due
            }
            _ => None,
        };
        let percentage = row.calculation_percentage.map(|_| amount);
        repo::update_in_tx(tx, self.id, amount, percentage, due).await?;
        sync_in_tx(tx, loan.id).await?;
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(self.id),
            changes: Some(self.values.clone()),
            ..Default::default()
        })
    }
}

/// One of the `charges` a loan application lists.
#[derive(Debug, Clone, PartialEq)]
pub struct ChargeOfApplication {
    pub charge_id: i64,
    pub amount: Option<Decimal>,
    pub due_date: Option<NaiveDate>,
}

/// `POST /loans` with `charges`: the application is stored, then each charge is added to it under the same
/// rules as `POST /loans/{loanId}/charges`, all in one transaction.
pub struct SubmitWithCharges {
    pub submit: crate::loans::SubmitLoanApplication,
    pub charges: Vec<ChargeOfApplication>,
}

#[async_trait]
impl Command for SubmitWithCharges {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let result = self.submit.run(tx, ctx).await?;
        let loan_id = result
            .loan_id
            .ok_or_else(|| AppError::Internal("a submitted loan without an id".into()))?;
        for c in &self.charges {
            let add = AddLoanCharge {
                loan_id,
                charge_id: c.charge_id,
                amount: c.amount,
                due_date: c.due_date,
                external_id: None,
                values: Map::new(),
            };
            add.run(tx, ctx).await?;
        }
        Ok(result)
    }
}
