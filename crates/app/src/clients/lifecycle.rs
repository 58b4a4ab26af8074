//! The client commands of `POST /clients/{id}?command=…`: one state-machine step each, recorded with its
//! date, user and reason.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::clients::{transition, ClientDates, ClientError, ClientStatus, Step};
use kassa_domain::organisation::office::{is_within, OfficeError};
use kassa_store::repo::clients::client::{self as repo, ClientRecord, LifecycleWrite};
use kassa_store::repo::organisation::office as office_repo;
use kassa_store::Tx;

use super::access::visible_in_tx;
use crate::error::{AppError, AppResult};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

/// A validated client command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientAction {
    Activate {
        on: NaiveDate,
    },
    Close {
        on: NaiveDate,
        reason_id: i64,
    },
    Reject {
        on: NaiveDate,
        reason_id: i64,
    },
    Withdraw {
        on: NaiveDate,
        reason_id: i64,
    },
    Reactivate {
        on: NaiveDate,
    },
    UndoRejection {
        on: NaiveDate,
    },
    UndoWithdrawal {
        on: NaiveDate,
    },
    AssignStaff {
        staff_id: i64,
    },
    UnassignStaff {
        staff_id: i64,
    },
    UpdateSavingsAccount {
        savings_account_id: i64,
    },
    ProposeTransfer {
        destination_office_id: i64,
        on: Option<NaiveDate>,
    },
    ProposeAndAcceptTransfer {
        destination_office_id: i64,
        staff_id: Option<i64>,
    },
    WithdrawTransfer,
    RejectTransfer,
    AcceptTransfer {
        staff_id: Option<i64>,
    },
}

pub struct RunClientAction {
    pub id: i64,
    pub action: ClientAction,
}

const CLOSURE_REASON: &str = "ClientClosureReason";
const REJECT_REASON: &str = "ClientRejectReason";
const WITHDRAW_REASON: &str = "ClientWithdrawReason";

fn dates_of(r: &ClientRecord) -> ClientDates {
    // A reopened or reactivated client is activated again no earlier than it came back.
    let since = [
        Some(r.submittedon_date),
        r.reactivated_on_date,
        r.reopened_on_date,
    ]
    .into_iter()
    .flatten()
    .max();
    ClientDates {
        submitted_on: since,
        activated_on: r.activation_date,
        closed_on: r.closedon_date,
        rejected_on: r.rejectedon_date,
        withdrawn_on: r.withdrawn_on_date,
    }
}

fn status_of(r: &ClientRecord) -> AppResult<ClientStatus> {
    ClientStatus::from_id(r.status_enum)
        .ok_or_else(|| AppError::Internal(format!("client {} has status {}", r.id, r.status_enum)))
}

/// A destination office of the caller's subtree, other than the client's own.
async fn destination(
    tx: &mut Tx,
    ctx: &CommandCtx<'_>,
    client: &ClientRecord,
    office_id: i64,
) -> AppResult<()> {
    let office = office_repo::find(&mut tx.conn(), office_id)
        .await?
        .filter(|o| is_within(&ctx.principal.office_hierarchy, &o.hierarchy))
        .ok_or(OfficeError::NotFound(office_id))?;
    if office.id == client.office_id {
        return Err(ClientError::TransferToSameOffice(office.name).into());
    }
    Ok(())
}

#[async_trait]
impl Command for RunClientAction {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let client = visible_in_tx(tx, ctx.principal, self.id).await?;
        let status = status_of(&client)?;
        let dates = dates_of(&client);
        let by = ctx.principal.user_id;
        let step = |s: Step| transition(self.id, status, &dates, s, ctx.today);
        let (next, write) = match &self.action {
            ClientAction::Activate { on } => {
                let next = step(Step::Activate(*on))?;
                let office = office_repo::find(&mut tx.conn(), client.office_id)
                    .await?
                    .ok_or(OfficeError::NotFound(client.office_id))?;
                if *on < office.opening_date {
                    return Err(ClientError::DateRule {
                        code: "error.msg.clients.activationDate.cannot.be.before.office.activation.date",
                        message: "Client activation date cannot be a date before the office opening date.",
                        parameter: "activationDate",
                        date: *on,
                    }
                    .into());
                }
                (next, LifecycleWrite::Activated { on: *on, by })
            }
            ClientAction::Close { on, reason_id } => {
                let next = step(Step::Close(*on))?;
                crate::organisation::codes::value_of_in_tx(tx, CLOSURE_REASON, *reason_id).await?;
                (
                    next,
                    LifecycleWrite::Closed {
                        on: *on,
                        by,
                        reason: *reason_id,
                    },
                )
            }
            ClientAction::Reject { on, reason_id } => {
                let next = step(Step::Reject(*on))?;
                crate::organisation::codes::value_of_in_tx(tx, REJECT_REASON, *reason_id).await?;
                (
                    next,
                    LifecycleWrite::Rejected {
                        on: *on,
                        by,
                        reason: *reason_id,
                    },
                )
            }
            ClientAction::Withdraw { on, reason_id } => {
                let next = step(Step::Withdraw(*on))?;
                crate::organisation::codes::value_of_in_tx(tx, WITHDRAW_REASON, *reason_id).await?;
                (
                    next,
                    LifecycleWrite::Withdrawn {
                        on: *on,
                        by,
                        reason: *reason_id,
                    },
                )
            }
            ClientAction::Reactivate { on } => (
                step(Step::Reactivate(*on))?,
                LifecycleWrite::Reactivated { on: *on, by },
            ),
            ClientAction::UndoRejection { on } => (
                step(Step::UndoRejection(*on))?,
                LifecycleWrite::Reopened { on: *on, by },
            ),
            ClientAction::UndoWithdrawal { on } => (
                step(Step::UndoWithdrawal(*on))?,
                LifecycleWrite::Reopened { on: *on, by },
            ),
            ClientAction::AssignStaff { staff_id } => {
                crate::organisation::staff::find_in_office_in_tx(tx, *staff_id, client.office_id)
                    .await?;
                (
                    status,
                    LifecycleWrite::StaffAssigned {
                        staff: Some(*staff_id),
                    },
                )
            }
            ClientAction::UnassignStaff { staff_id } => {
                if client.staff_id != Some(*staff_id) {
                    return Err(ClientError::HasNoStaff(self.id).into());
                }
                (status, LifecycleWrite::StaffAssigned { staff: None })
            }
            ClientAction::UpdateSavingsAccount { savings_account_id } => {
                // Savings accounts arrive with the savings issue; until then none belongs to a client.
                return Err(AppError::NotFound {
                    entity: "SavingsAccount",
                    id: savings_account_id.to_string(),
                });
            }
            ClientAction::ProposeTransfer {
                destination_office_id,
                on,
            } => {
                let next = step(Step::ProposeTransfer)?;
                destination(tx, ctx, &client, *destination_office_id).await?;
                (
                    next,
                    LifecycleWrite::TransferProposed {
                        to_office: *destination_office_id,
                        on: *on,
                    },
                )
            }
            ClientAction::ProposeAndAcceptTransfer {
                destination_office_id,
                staff_id,
            } => {
                let next = step(Step::ProposeAndAcceptTransfer)?;
                destination(tx, ctx, &client, *destination_office_id).await?;
                if let Some(staff_id) = staff_id {
                    crate::organisation::staff::find_in_office_in_tx(
                        tx,
                        *staff_id,
                        *destination_office_id,
                    )
                    .await?;
                }
                (
                    next,
                    LifecycleWrite::TransferAccepted {
                        office: *destination_office_id,
                        staff: *staff_id,
                    },
                )
            }
            ClientAction::WithdrawTransfer => {
                (step(Step::WithdrawTransfer)?, LifecycleWrite::TransferEnded)
            }
            ClientAction::RejectTransfer => {
                (step(Step::RejectTransfer)?, LifecycleWrite::TransferEnded)
            }
            ClientAction::AcceptTransfer { staff_id } => {
                let next = step(Step::AcceptTransfer)?;
                let office = client
                    .transfer_to_office_id
                    .ok_or(ClientError::NotAwaitingTransfer(self.id))?;
                if let Some(staff_id) = staff_id {
                    crate::organisation::staff::find_in_office_in_tx(tx, *staff_id, office).await?;
                }
                (
                    next,
                    LifecycleWrite::TransferAccepted {
                        office,
                        staff: *staff_id,
                    },
                )
            }
        };
        repo::record_step_in_tx(tx, self.id, next.id(), write).await?;
        let office_id = match write {
            LifecycleWrite::TransferAccepted { office, .. } => office,
            _ => client.office_id,
        };
        Ok(CommandResult {
            office_id: Some(office_id),
            client_id: Some(self.id),
            resource_id: Some(self.id),
            resource_external_id: client.external_id.clone(),
            ..Default::default()
        })
    }
}
