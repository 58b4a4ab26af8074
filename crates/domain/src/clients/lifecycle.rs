//! The client state machine: each command is one transition from the states Fineract allows, checked
//! against the dates it depends on. Every (state, command) pair is matched explicitly.

use chrono::NaiveDate;

use super::{ClientError, ClientStatus};

/// The dates of a client's history that later steps are checked against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientDates {
    pub submitted_on: Option<NaiveDate>,
    pub activated_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub rejected_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
}

/// A lifecycle command with the date it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Activate(NaiveDate),
    Close(NaiveDate),
    Reject(NaiveDate),
    Withdraw(NaiveDate),
    Reactivate(NaiveDate),
    UndoRejection(NaiveDate),
    UndoWithdrawal(NaiveDate),
    ProposeTransfer,
    WithdrawTransfer,
    RejectTransfer,
    AcceptTransfer,
    ProposeAndAcceptTransfer,
}

fn rule(
    action: &'static str,
    reason: &'static str,
    message: &'static str,
    dates: Vec<NaiveDate>,
) -> ClientError {
    ClientError::Transition {
        action,
        reason,
        message,
        dates,
    }
}

fn not_future(
    date: NaiveDate,
    today: NaiveDate,
    code: &'static str,
    parameter: &'static str,
) -> Result<(), ClientError> {
    if date > today {
        return Err(ClientError::DateRule {
            code,
            message: "The date cannot be in the future.",
            parameter,
            date,
        });
    }
    Ok(())
}

/// The status after `step`, or why it is refused. `today` is the business date.
pub fn transition(
    client_id: i64,
    status: ClientStatus,
    dates: &ClientDates,
    step: Step,
    today: NaiveDate,
) -> Result<ClientStatus, ClientError> {
    use ClientStatus as S;
    match step {
        Step::Activate(on) => {
            match status {
                S::Pending => {}
                S::Active => return Err(ClientError::AlreadyActive),
                S::TransferInProgress
                | S::TransferOnHold
                | S::Closed
                | S::Rejected
                | S::Withdrawn => {
                    return Err(rule(
                        "activate",
                        "not.pending",
                        "Only a pending client can be activated.",
                        vec![],
                    ))
                }
            }
            not_future(
                on,
                today,
                "error.msg.clients.activationDate.in.the.future",
                "activationDate",
            )?;
            if let Some(submitted) = dates.submitted_on {
                if submitted > on {
                    return Err(ClientError::DateRule {
                        code: "error.msg.clients.submittedOnDate.after.activation.date",
                        message: "submitted date cannot be after the activation date",
                        parameter: "activationDate",
                        date: on,
                    });
                }
            }
            Ok(S::Active)
        }
        Step::Close(on) => {
            match status {
                S::Active | S::Pending => {}
                S::Closed => {
                    return Err(rule(
                        "close",
                        "is.already.closed",
                        "Client is already closed.",
                        vec![],
                    ))
                }
                S::TransferInProgress | S::TransferOnHold => {
                    return Err(rule(
                        "close",
                        "is.under.transfer",
                        "Cannot Close a Client under Transfer",
                        vec![],
                    ))
                }
                S::Rejected | S::Withdrawn => {
                    return Err(rule(
                        "close",
                        "not.active",
                        "Only an active or pending client can be closed.",
                        vec![],
                    ))
                }
            }
            not_future(
                on,
                today,
                "error.msg.clients.closureDate.in.the.future",
                "closureDate",
            )?;
            if let Some(activated) = dates.activated_on {
                if activated > on {
                    return Err(rule(
                        "close",
                        "date.cannot.before.client.actvation.date",
                        "The client closureDate cannot be before the client ActivationDate.",
                        vec![on, activated],
                    ));
                }
            }
            Ok(S::Closed)
        }
        Step::Reject(on) | Step::Withdraw(on) => {
            let (action, label) = match step {
                Step::Reject(_) => ("rejection", "rejected"),
                _ => ("withdrawal", "withdrawn"),
            };
            match status {
                S::Pending => {}
                S::Active
                | S::TransferInProgress
                | S::TransferOnHold
                | S::Closed
                | S::Rejected
                | S::Withdrawn => {
                    return Err(rule(
                        action,
                        "on.account.not.in.pending.activation.status",
                        if label == "rejected" {
                            "Only clients pending activation may be rejected."
                        } else {
                            "Only clients pending activation may be withdrawn."
                        },
                        vec![],
                    ))
                }
            }
            let parameter = if label == "rejected" {
                "rejectionDate"
            } else {
                "withdrawalDate"
            };
            not_future(on, today, "error.msg.clients.date.in.the.future", parameter)?;
            if let Some(submitted) = dates.submitted_on {
                if submitted > on {
                    return Err(rule(
                        action,
                        "date.cannot.before.client.submitted.date",
                        "The client date cannot be before the client submitted date.",
                        vec![on, submitted],
                    ));
                }
            }
            Ok(if label == "rejected" {
                S::Rejected
            } else {
                S::Withdrawn
            })
        }
        Step::Reactivate(on) => {
            match status {
                S::Closed => {}
                S::Pending
                | S::Active
                | S::TransferInProgress
                | S::TransferOnHold
                | S::Rejected
                | S::Withdrawn => {
                    return Err(rule(
                        "reactivation",
                        "on.nonclosed.account",
                        "only closed clients may be reactivated.",
                        vec![],
                    ))
                }
            }
            not_future(
                on,
                today,
                "error.msg.clients.reactivationDate.in.the.future",
                "reactivationDate",
            )?;
            if let Some(closed) = dates.closed_on {
                if closed > on {
                    return Err(rule(
                        "reactivation",
                        "date.cannot.before.client.closed.date",
                        "The client reactivation date cannot be before the client closed date.",
                        vec![on, closed],
                    ));
                }
            }
            // Fineract reopens a reactivated client as pending: it must be activated again.
            Ok(S::Pending)
        }
        Step::UndoRejection(on) | Step::UndoWithdrawal(on) => {
            let rejection = matches!(step, Step::UndoRejection(_));
            let expected = if rejection { S::Rejected } else { S::Withdrawn };
            if status != expected {
                return Err(if rejection {
                    rule(
                        "undorejection",
                        "on.nonrejected.account",
                        "only rejected clients may be reactivated.",
                        vec![],
                    )
                } else {
                    rule(
                        "undoWithdrawal",
                        "on.nonwithdrawal.account",
                        "only withdrawal clients may be reactivated.",
                        vec![],
                    )
                });
            }
            not_future(
                on,
                today,
                "error.msg.clients.reopenedDate.in.the.future",
                "reopenedDate",
            )?;
            let since = if rejection {
                dates.rejected_on
            } else {
                dates.withdrawn_on
            };
            if let Some(since) = since {
                if since > on {
                    return Err(rule(
                        "reopened",
                        if rejection {
                            "date.cannot.before.client.rejected.date"
                        } else {
                            "date.cannot.before.client.withdrawal.date"
                        },
                        "The client reactivation date cannot be before the client rejected or withdrawal date.",
                        vec![on, since],
                    ));
                }
            }
            Ok(S::Pending)
        }
        Step::ProposeTransfer | Step::ProposeAndAcceptTransfer => match status {
            S::Active | S::TransferOnHold => Ok(if step == Step::ProposeTransfer {
                S::TransferInProgress
            } else {
                S::Active
            }),
            S::Closed => Err(ClientError::Transition {
                action: "transfer",
                reason: "closed",
                message: "A closed client cannot be transferred.",
                dates: vec![],
            }),
            S::Pending | S::TransferInProgress | S::Rejected | S::Withdrawn => {
                Err(ClientError::NotActive(client_id))
            }
        },
        Step::AcceptTransfer | Step::RejectTransfer => match status {
            S::TransferInProgress => Ok(if step == Step::AcceptTransfer {
                S::Active
            } else {
                S::TransferOnHold
            }),
            S::Pending | S::Active | S::TransferOnHold | S::Closed | S::Rejected | S::Withdrawn => {
                Err(ClientError::NotAwaitingTransfer(client_id))
            }
        },
        Step::WithdrawTransfer => match status {
            S::TransferInProgress | S::TransferOnHold => Ok(S::Active),
            S::Pending | S::Active | S::Closed | S::Rejected | S::Withdrawn => {
                Err(ClientError::NotAwaitingTransferOrOnHold(client_id))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2024, 6, 30);

    fn go(status: ClientStatus, step: Step) -> Result<ClientStatus, ClientError> {
        let dates = ClientDates {
            submitted_on: Some(d(2024, 1, 1)),
            activated_on: Some(d(2024, 1, 10)),
            closed_on: Some(d(2024, 3, 1)),
            rejected_on: Some(d(2024, 2, 1)),
            withdrawn_on: Some(d(2024, 2, 1)),
        };
        transition(9, status, &dates, step, d(TODAY.0, TODAY.1, TODAY.2))
    }

    #[test]
    fn a_pending_client_can_be_activated_rejected_or_withdrawn() {
        let on = d(2024, 5, 1);
        assert_eq!(
            go(ClientStatus::Pending, Step::Activate(on)),
            Ok(ClientStatus::Active)
        );
        assert_eq!(
            go(ClientStatus::Pending, Step::Reject(on)),
            Ok(ClientStatus::Rejected)
        );
        assert_eq!(
            go(ClientStatus::Pending, Step::Withdraw(on)),
            Ok(ClientStatus::Withdrawn)
        );
    }

    #[test]
    fn an_active_client_cannot_be_activated_rejected_or_withdrawn() {
        let on = d(2024, 5, 1);
        assert_eq!(
            go(ClientStatus::Active, Step::Activate(on)),
            Err(ClientError::AlreadyActive)
        );
        assert!(matches!(
            go(ClientStatus::Active, Step::Reject(on)),
            Err(ClientError::Transition {
                action: "rejection",
                reason: "on.account.not.in.pending.activation.status",
                ..
            })
        ));
    }

    #[test]
    fn closing_reactivating_and_reopening_follow_fineract() {
        let on = d(2024, 5, 1);
        assert_eq!(
            go(ClientStatus::Active, Step::Close(on)),
            Ok(ClientStatus::Closed)
        );
        assert!(matches!(
            go(ClientStatus::Closed, Step::Close(on)),
            Err(ClientError::Transition {
                reason: "is.already.closed",
                ..
            })
        ));
        assert_eq!(
            go(ClientStatus::Closed, Step::Reactivate(on)),
            Ok(ClientStatus::Pending)
        );
        assert!(matches!(
            go(ClientStatus::Active, Step::Reactivate(on)),
            Err(ClientError::Transition {
                reason: "on.nonclosed.account",
                ..
            })
        ));
        assert_eq!(
            go(ClientStatus::Rejected, Step::UndoRejection(on)),
            Ok(ClientStatus::Pending)
        );
        assert_eq!(
            go(ClientStatus::Withdrawn, Step::UndoWithdrawal(on)),
            Ok(ClientStatus::Pending)
        );
        assert!(matches!(
            go(ClientStatus::Withdrawn, Step::UndoRejection(on)),
            Err(ClientError::Transition {
                reason: "on.nonrejected.account",
                ..
            })
        ));
    }

    #[test]
    fn dates_before_the_history_or_in_the_future_are_refused() {
        assert!(matches!(
            go(ClientStatus::Active, Step::Close(d(2024, 1, 5))),
            Err(ClientError::Transition {
                reason: "date.cannot.before.client.actvation.date",
                ..
            })
        ));
        assert!(matches!(
            go(ClientStatus::Pending, Step::Activate(d(2025, 1, 1))),
            Err(ClientError::DateRule {
                code: "error.msg.clients.activationDate.in.the.future",
                ..
            })
        ));
        assert!(matches!(
            go(ClientStatus::Pending, Step::Activate(d(2023, 12, 31))),
            Err(ClientError::DateRule {
                code: "error.msg.clients.submittedOnDate.after.activation.date",
                ..
            })
        ));
        assert!(matches!(
            go(ClientStatus::Closed, Step::Reactivate(d(2024, 2, 1))),
            Err(ClientError::Transition {
                reason: "date.cannot.before.client.closed.date",
                ..
            })
        ));
    }

    #[test]
    fn a_transfer_is_proposed_then_accepted_rejected_or_withdrawn() {
        assert_eq!(
            go(ClientStatus::Active, Step::ProposeTransfer),
            Ok(ClientStatus::TransferInProgress)
        );
        assert_eq!(
            go(ClientStatus::TransferInProgress, Step::AcceptTransfer),
            Ok(ClientStatus::Active)
        );
        assert_eq!(
            go(ClientStatus::TransferInProgress, Step::RejectTransfer),
            Ok(ClientStatus::TransferOnHold)
        );
        assert_eq!(
            go(ClientStatus::TransferOnHold, Step::WithdrawTransfer),
            Ok(ClientStatus::Active)
        );
        assert_eq!(
            go(ClientStatus::Active, Step::ProposeAndAcceptTransfer),
            Ok(ClientStatus::Active)
        );
        assert_eq!(
            go(ClientStatus::Active, Step::AcceptTransfer),
            Err(ClientError::NotAwaitingTransfer(9))
        );
        assert_eq!(
            go(ClientStatus::Active, Step::WithdrawTransfer),
            Err(ClientError::NotAwaitingTransferOrOnHold(9))
        );
        assert_eq!(
            go(ClientStatus::Pending, Step::ProposeTransfer),
            Err(ClientError::NotActive(9))
        );
    }
}
