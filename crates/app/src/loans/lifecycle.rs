//! `POST /loans/{id}?command=…`: approval, rejection, withdrawal, disbursal and their undos, and the loan
//! officer. Each command locks the loan row, checks the status transition and the dates, writes the
//! lifecycle columns, and replaces the schedule when the API layer regenerated it (another amount or date).

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::loans::status::{
    check_action_date, date_error, transition, LifecycleError, LoanAction, LoanStatus,
};
use kassa_store::repo::loans::transaction::{
    self as tx_repo, NewLoanTransaction, PaymentDetail, Portions,
};
use kassa_store::Tx;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult, ParamError};
use crate::loans::account::{lifecycle_of, lock_visible, status_of};
use crate::loans::ledger::DISBURSEMENT;
use crate::loans::schedule::installment_rows;
use crate::loans::schedule::CalculatedSchedule;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

impl From<LifecycleError> for AppError {
    fn from(e: LifecycleError) -> Self {
        match e {
            LifecycleError::WrongStatus { code, message } => {
                AppError::Validation(vec![ParamError::new("id", code, message)])
            }
            LifecycleError::Date { code, message, .. } => AppError::rule(code, message),
        }
    }
}

/// What a lifecycle command does, as the API layer read it.
#[derive(Debug, Clone)]
pub enum LifecycleCommand {
    Approve {
        on: NaiveDate,
        amount: Decimal,
        expected_disbursement: NaiveDate,
        /// `disbursementData` of a multi-disbursement loan, replacing its tranches.
        tranches: Option<Vec<(NaiveDate, Decimal)>>,
    },
    UndoApproval,
    Reject {
        on: NaiveDate,
    },
    Withdraw {
        on: NaiveDate,
    },
    Disburse {
        on: NaiveDate,
        amount: Decimal,
        external_id: Option<String>,
        payment: PaymentDetail,
        note: Option<String>,
    },
    UndoDisbursal,
    AssignLoanOfficer {
        to: i64,
        on: NaiveDate,
    },
    UnassignLoanOfficer {
        on: NaiveDate,
    },
}

pub struct RunLifecycleCommand {
    pub id: i64,
    pub command: LifecycleCommand,
    /// A schedule regenerated for another principal or disbursement date.
    pub schedule: Option<CalculatedSchedule>,
    /// The request's values, echoed in `changes`.
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for RunLifecycleCommand {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = lock_visible(tx, ctx, self.id).await?;
        let status = status_of(&loan)?;
        let mut next = lifecycle_of(&loan);
        let user = Some(ctx.principal.user_id);
        let mut resource_id = self.id;
        let mut sub_resource_id = None;
        match &self.command {
            LifecycleCommand::Approve {
                on,
                amount,
                expected_disbursement,
                tranches,
            } => {
                let to = transition(status, LoanAction::Approve)?;
                check_action_date(
                    "approval",
                    *on,
                    loan.submittedon_date,
                    "submittal.date",
                    ctx.today,
                )?;
                if *amount > loan.principal_amount_proposed.0 {
                    return Err(AppError::rule(
                        "error.msg.loan.approval.amount.can't.be.greater.than.loan.amount.demanded",
                        format!(
                            "Loan approved amount can't be greater than loan amount demanded. loan amount demanded: {} approved amount: {}",
                            loan.principal_amount_proposed.0.normalize(),
                            amount.normalize()
                        ),
                    ));
                }
                if *expected_disbursement < *on {
                    return Err(date_error(
                        "disbursal",
                        "cannot.be.before.approval.date",
                        "The expected disbursement date cannot be before the approval date.".into(),
                        *expected_disbursement,
                    )
                    .into());
                }
                next.loan_status_id = to.fineract_id();
                next.approvedon_date = Some(*on);
                next.approvedon_userid = user;
                next.approved_principal = *amount;
                next.principal_amount = *amount;
                next.expected_disbursedon_date = *expected_disbursement;
                if let Some(tranches) = tranches {
                    crate::loans::tranches::store_in_tx(tx, self.id, tranches).await?;
                }
            }
            LifecycleCommand::UndoApproval => {
                let to = transition(status, LoanAction::UndoApproval)?;
                next.loan_status_id = to.fineract_id();
                next.approvedon_date = None;
                next.approved_principal = loan.principal_amount_proposed.0;
                next.principal_amount = loan.principal_amount_proposed.0;
            }
            LifecycleCommand::Reject { on } => {
                let to = transition(status, LoanAction::Reject)?;
                check_action_date(
                    "reject",
                    *on,
                    loan.submittedon_date,
                    "submittal.date",
                    ctx.today,
                )?;
                next.loan_status_id = to.fineract_id();
                next.rejectedon_date = Some(*on);
                next.rejectedon_userid = user;
                next.closedon_date = Some(*on);
                next.closedon_userid = user;
            }
            LifecycleCommand::Withdraw { on } => {
                let to = transition(status, LoanAction::Withdraw)?;
                check_action_date(
                    "withdraw",
                    *on,
                    loan.submittedon_date,
                    "submittal.date",
                    ctx.today,
                )?;
                next.loan_status_id = to.fineract_id();
                next.withdrawnon_date = Some(*on);
                next.withdrawnon_userid = user;
                next.closedon_date = Some(*on);
                next.closedon_userid = user;
            }
            LifecycleCommand::Disburse {
                on,
                amount,
                external_id,
                payment,
                note,
            } => {
                let to = transition(status, LoanAction::Disburse)?;
                let approved_on = loan.approvedon_date.unwrap_or(loan.submittedon_date);
                check_action_date("disbursal", *on, approved_on, "approval.date", ctx.today)?;
                if *amount > loan.approved_principal.0 {
                    return Err(AppError::rule(
                        "error.msg.loan.disbursal.amount.can't.be.greater.than.maximum.applied.loan.amount.calculation",
                        format!(
                            "Loan disbursal amount can't be greater than maximum applied loan amount calculation. Total disbursed amount: {}  Maximum disbursal amount: {}",
                            amount.normalize(),
                            loan.approved_principal.0.normalize()
                        ),
                    ));
                }
                if let Some(ext) = external_id {
                    if tx_repo::external_id_taken(tx, ext).await? {
                        return Err(AppError::rule(
                            "error.msg.loan.transaction.externalId.already.used",
                            format!("Loan transaction with external id {ext} already exists"),
                        ));
                    }
                }
                next.loan_status_id = to.fineract_id();
                next.disbursedon_date = Some(*on);
                next.disbursedon_userid = user;
                next.principal_amount = *amount;
                let t = NewLoanTransaction {
                    loan_id: self.id,
                    office_id: loan.client_office_id,
                    type_enum: DISBURSEMENT,
                    date: *on,
                    amount: *amount,
                    external_id: external_id.clone(),
                    payment: payment.clone(),
                    note: note.clone(),
                    submitted_on_date: ctx.today,
                    created_by: ctx.principal.user_id,
                };
                let tx_id = crate::loans::ledger::insert_transaction(tx, &t).await?;
                let portions = Portions {
                    principal: *amount,
                    interest: Decimal::ZERO,
                    fee: Decimal::ZERO,
                    penalty: Decimal::ZERO,
                    overpayment: Decimal::ZERO,
                    outstanding_loan_balance: *amount,
                    unapplied: Decimal::ZERO,
                };
                tx_repo::set_portions_in_tx(tx, tx_id, &portions).await?;
                let fees = crate::loans::disbursement_fees::Disbursal {
                    loan: &loan,
                    on: *on,
                    principal: *amount,
                    amount: *amount,
                    first: true,
                    payment,
                    outstanding_loan_balance: *amount,
                    today: ctx.today,
                    user_id: ctx.principal.user_id,
                };
                crate::loans::disbursement_fees::collect_in_tx(tx, &fees).await?;
                sub_resource_id = Some(tx_id);
            }
            LifecycleCommand::UndoDisbursal => {
                let to = transition(status, LoanAction::UndoDisbursal)?;
                for t in tx_repo::list_in_tx(tx, self.id).await? {
                    if !t.is_reversed {
                        tx_repo::reverse_in_tx(tx, t.id, ctx.today).await?;
                    }
                }
                // The tranches wait for disbursal again (`Loan.undoDisbursal`).
                kassa_store::repo::loans::disbursement::reset_in_tx(tx, self.id).await?;
                next.loan_status_id = to.fineract_id();
                next.disbursedon_date = None;
                next.closedon_date = None;
                next.principal_amount = loan.approved_principal.0;
            }
            LifecycleCommand::AssignLoanOfficer { to, on } => {
                transition(status, LoanAction::ChangeLoanOfficer)?;
                check_action_date(
                    "assignment",
                    *on,
                    loan.submittedon_date,
                    "submittal.date",
                    ctx.today,
                )?;
                crate::organisation::staff::find_in_office_in_tx(tx, *to, loan.client_office_id)
                    .await?;
                next.loan_officer_id = Some(*to);
                resource_id = self.id;
            }
            LifecycleCommand::UnassignLoanOfficer { on } => {
                transition(status, LoanAction::ChangeLoanOfficer)?;
                check_action_date(
                    "unassignment",
                    *on,
                    loan.submittedon_date,
                    "submittal.date",
                    ctx.today,
                )?;
                if loan.loan_officer_id.is_none() {
                    return Err(AppError::rule(
                        "error.msg.loan.not.assigned.to.loan.officer",
                        format!(
                            "Loan with identifier {} is not assigned to Loan Officer.",
                            self.id
                        ),
                    ));
                }
                next.loan_officer_id = None;
            }
        }
        tx_repo::update_lifecycle_in_tx(tx, self.id, &next).await?;
        if let Some(schedule) = &self.schedule {
            let rows = installment_rows(schedule);
            tx_repo::replace_schedule_in_tx(tx, self.id, &rows, schedule.loan_term_in_days).await?;
            crate::loans::charges::placement::sync_in_tx(tx, self.id).await?;
        }
        if matches!(self.command, LifecycleCommand::Disburse { .. }) {
            // A loan is read most right after it is disbursed: store its ledger now rather than have
            // every read replay it until the first repayment.
            crate::loans::account::refresh_ledger(tx, self.id).await?;
        }
        let mut changes = self.values.clone();
        let status = LoanStatus::from_fineract_id(next.loan_status_id);
        if let Some(s) = status.filter(|s| s.fineract_id() != loan.loan_status_id) {
            changes.insert(
                "status".into(),
                serde_json::json!({"id": s.fineract_id(), "code": s.code(), "value": s.label()}),
            );
        }
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(self.id),
            resource_id: Some(resource_id),
            sub_resource_id,
            resource_external_id: loan.external_id.clone(),
            changes: Some(changes),
            ..Default::default()
        })
    }
}
