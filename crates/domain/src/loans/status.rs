//! The loan account's life: Fineract's status ids, codes and labels, and which actions each status admits.
//! A wrong status is Fineract's 400 (`PlatformApiDataValidationException` with a general error); a date
//! out of order is its 403 (`InvalidLoanStateTransitionException`, `error.msg.loan.<action>.<reason>`).

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanStatus {
    SubmittedAndPendingApproval,
    Approved,
    Active,
    WithdrawnByClient,
    Rejected,
    ClosedObligationsMet,
    ClosedWrittenOff,
    ClosedRescheduled,
    Overpaid,
}

impl LoanStatus {
    pub const ALL: [LoanStatus; 9] = [
        LoanStatus::SubmittedAndPendingApproval,
        LoanStatus::Approved,
        LoanStatus::Active,
        LoanStatus::WithdrawnByClient,
        LoanStatus::Rejected,
        LoanStatus::ClosedObligationsMet,
        LoanStatus::ClosedWrittenOff,
        LoanStatus::ClosedRescheduled,
        LoanStatus::Overpaid,
    ];

    pub fn fineract_id(self) -> i64 {
        match self {
            LoanStatus::SubmittedAndPendingApproval => 100,
            LoanStatus::Approved => 200,
            LoanStatus::Active => 300,
            LoanStatus::WithdrawnByClient => 400,
            LoanStatus::Rejected => 500,
            LoanStatus::ClosedObligationsMet => 600,
            LoanStatus::ClosedWrittenOff => 601,
            LoanStatus::ClosedRescheduled => 602,
            LoanStatus::Overpaid => 700,
        }
    }

    pub fn from_fineract_id(id: i64) -> Option<LoanStatus> {
        LoanStatus::ALL.into_iter().find(|s| s.fineract_id() == id)
    }

    pub fn code(self) -> &'static str {
        match self {
            LoanStatus::SubmittedAndPendingApproval => {
                "loanStatusType.submitted.and.pending.approval"
            }
            LoanStatus::Approved => "loanStatusType.approved",
            LoanStatus::Active => "loanStatusType.active",
            LoanStatus::WithdrawnByClient => "loanStatusType.withdrawn.by.client",
            LoanStatus::Rejected => "loanStatusType.rejected",
            LoanStatus::ClosedObligationsMet => "loanStatusType.closed.obligations.met",
            LoanStatus::ClosedWrittenOff => "loanStatusType.closed.written.off",
            LoanStatus::ClosedRescheduled => "loanStatusType.closed.reschedule.outstanding.amount",
            LoanStatus::Overpaid => "loanStatusType.overpaid",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LoanStatus::SubmittedAndPendingApproval => "Submitted and pending approval",
            LoanStatus::Approved => "Approved",
            LoanStatus::Active => "Active",
            LoanStatus::WithdrawnByClient => "Withdrawn by applicant",
            LoanStatus::Rejected => "Rejected",
            LoanStatus::ClosedObligationsMet => "Closed (obligations met)",
            LoanStatus::ClosedWrittenOff => "Closed (written off)",
            LoanStatus::ClosedRescheduled => "Closed (rescheduled)",
            LoanStatus::Overpaid => "Overpaid",
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(
            self,
            LoanStatus::ClosedObligationsMet
                | LoanStatus::ClosedWrittenOff
                | LoanStatus::ClosedRescheduled
        )
    }

    /// Disbursed and not closed: Fineract's `isOpen` (active, or overpaid).
    pub fn is_open(self) -> bool {
        matches!(self, LoanStatus::Active | LoanStatus::Overpaid)
    }
}

/// The lifecycle actions of `POST /loans/{id}?command=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanAction {
    Approve,
    UndoApproval,
    Reject,
    Withdraw,
    Disburse,
    UndoDisbursal,
    /// Repayments and the money movements that allocate like one.
    Repayment,
    WaiveInterest,
    WriteOff,
    UndoWriteOff,
    Close,
    RecoveryPayment,
    CreditBalanceRefund,
    ChangeLoanOfficer,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    /// 400: the action does not apply in the loan's status.
    #[error("{message}")]
    WrongStatus {
        code: &'static str,
        message: &'static str,
    },
    /// 403: a date before the one it must follow, or after the business date.
    #[error("{message}")]
    Date {
        code: String,
        message: String,
        date: NaiveDate,
    },
}

fn wrong(code: &'static str, message: &'static str) -> LifecycleError {
    LifecycleError::WrongStatus { code, message }
}

/// The status `action` leads to from `status`, or Fineract's error when it does not apply.
pub fn transition(status: LoanStatus, action: LoanAction) -> Result<LoanStatus, LifecycleError> {
    use LoanAction as A;
    use LoanStatus as S;
    match (action, status) {
        (A::Approve, S::SubmittedAndPendingApproval) => Ok(S::Approved),
        (A::Approve, _) => Err(wrong(
            "error.msg.loan.approve.account.is.not.submitted.and.pending.state",
            "Loan Account Approval is not allowed. Loan Account is not in submitted and pending approval state.",
        )),
        (A::UndoApproval, S::Approved) => Ok(S::SubmittedAndPendingApproval),
        (A::UndoApproval, _) => Err(wrong(
            "error.msg.loan.undo.approval.account.is.not.approved",
            "Loan Account Undo Approval is not allowed. Loan Account is not in approved state.",
        )),
        (A::Reject, S::SubmittedAndPendingApproval) => Ok(S::Rejected),
        (A::Reject, _) => Err(wrong(
            "error.msg.loan.reject.account.is.not.submitted.pending.approval.state",
            "Loan application cannot be rejected. Loan Account is not in Submitted and Pending approval state.",
        )),
        (A::Withdraw, S::SubmittedAndPendingApproval) => Ok(S::WithdrawnByClient),
        (A::Withdraw, _) => Err(wrong(
            "error.msg.loan.withdrawn.account.is.not.submitted.pending.approval.state",
            "Loan application cannot be withdrawn. Loan Account is not in Submitted and Pending approval state.",
        )),
        (A::Disburse, S::Approved) => Ok(S::Active),
        (A::Disburse, _) => Err(wrong(
            "error.msg.loan.disbursal.account.is.not.approve.not.disbursed.state",
            "Loan Disbursal is not allowed. Loan Account is not in approved and not disbursed state.",
        )),
        (A::UndoDisbursal, s) if s.is_open() => Ok(S::Approved),
        (A::UndoDisbursal, _) => Err(wrong(
            "error.msg.loan.undo.disbursal.account.is.not.active",
            "Loan Undo disbursal is not allowed. Loan Account is not active.",
        )),
        (A::Repayment | A::WaiveInterest, s) if s.is_open() => Ok(s),
        // Repayment-like money may still arrive on a repaid loan (it becomes overpaid).
        (A::Repayment, S::ClosedObligationsMet) => Ok(S::ClosedObligationsMet),
        (A::Repayment | A::WaiveInterest, _) => Err(wrong(
            "error.msg.loan.repayment.or.waiver.account.is.not.active",
            "Loan Repayment (or its types) or Waiver is not allowed. Loan Account is not active.",
        )),
        (A::WriteOff, s) if s.is_open() => Ok(S::ClosedWrittenOff),
        (A::WriteOff, _) => Err(wrong(
            "error.msg.loan.writtenoff.account.is.not.active",
            "Loan Written off is not allowed. Loan Account is not active.",
        )),
        (A::UndoWriteOff, S::ClosedWrittenOff) => Ok(S::Active),
        (A::UndoWriteOff, _) => Err(wrong(
            "error.msg.loan.undo.writtenoff.account.is.not.written.off",
            "Loan Undo Written off is not allowed. Loan Account is not Written off.",
        )),
        (A::Close, s) if s.is_open() => Ok(S::ClosedObligationsMet),
        (A::Close, _) => Err(wrong(
            "error.msg.loan.close.account.is.not.active",
            "Closing Loan Account is not allowed. Loan Account is not Active.",
        )),
        (A::RecoveryPayment, S::ClosedWrittenOff) => Ok(S::ClosedWrittenOff),
        (A::RecoveryPayment, _) => Err(wrong(
            "error.msg.loan.account.is.not.written.off",
            "Recovery repayments may only be made on loans which are written off",
        )),
        (A::CreditBalanceRefund, S::Overpaid) => Ok(S::Overpaid),
        (A::CreditBalanceRefund, _) => Err(wrong(
            "error.msg.loan.credit.balance.refund.account.is.not.overpaid",
            "Loan Credit Balance Refund is not allowed. Loan Account is not Overpaid.",
        )),
        (A::ChangeLoanOfficer, s) if !s.is_closed() => Ok(s),
        (A::ChangeLoanOfficer, _) => Err(wrong(
            "error.msg.loan.loanofficer.account.is.closed",
            "Loan officer cannot be changed on a closed loan.",
        )),
    }
}

/// Fineract's `InvalidLoanStateTransitionException`: `error.msg.loan.<action>.<reason>`.
pub fn date_error(action: &str, reason: &str, message: String, date: NaiveDate) -> LifecycleError {
    LifecycleError::Date {
        code: format!("error.msg.loan.{action}.{reason}"),
        message,
        date,
    }
}

/// A lifecycle date must not precede `earliest` (named `earliest_name` in the reason, e.g.
/// `submittal.date`) and must not be after the business date.
pub fn check_action_date(
    action: &str,
    date: NaiveDate,
    earliest: NaiveDate,
    earliest_name: &str,
    today: NaiveDate,
) -> Result<(), LifecycleError> {
    if date < earliest {
        return Err(date_error(
            action,
            &format!("cannot.be.before.{earliest_name}"),
            format!("The date of this {action} cannot be before the {earliest_name}: {earliest}"),
            date,
        ));
    }
    if date > today {
        return Err(date_error(
            action,
            "cannot.be.a.future.date",
            format!("The date of this {action} cannot be in the future."),
            date,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn status_ids_round_trip_with_fineracts_codes() {
        for s in LoanStatus::ALL {
            assert_eq!(LoanStatus::from_fineract_id(s.fineract_id()), Some(s));
        }
        assert_eq!(LoanStatus::from_fineract_id(150), None);
        assert_eq!(LoanStatus::Active.code(), "loanStatusType.active",);
    }

    #[test]
    fn the_happy_path_runs_submitted_approved_active_and_back() {
        let s = LoanStatus::SubmittedAndPendingApproval;
        let s = transition(s, LoanAction::Approve).unwrap_or(s);
        assert_eq!(s, LoanStatus::Approved);
        let s = transition(s, LoanAction::Disburse).unwrap_or(s);
        assert_eq!(s, LoanStatus::Active);
        assert_eq!(
            transition(s, LoanAction::UndoDisbursal),
            Ok(LoanStatus::Approved)
        );
        assert_eq!(
            transition(LoanStatus::Approved, LoanAction::UndoApproval),
            Ok(LoanStatus::SubmittedAndPendingApproval)
        );
    }

    #[test]
    fn actions_out_of_turn_carry_fineracts_codes() {
        let err = transition(LoanStatus::Active, LoanAction::Approve);
        assert!(matches!(err, Err(LifecycleError::WrongStatus { code, .. })
            if code == "error.msg.loan.approve.account.is.not.submitted.and.pending.state"));
        let err = transition(
            LoanStatus::SubmittedAndPendingApproval,
            LoanAction::Disburse,
        );
        assert!(matches!(err, Err(LifecycleError::WrongStatus { code, .. })
            if code == "error.msg.loan.disbursal.account.is.not.approve.not.disbursed.state"));
        assert!(transition(LoanStatus::Rejected, LoanAction::Repayment).is_err());
        assert!(transition(LoanStatus::Active, LoanAction::CreditBalanceRefund).is_err());
    }

    #[test]
    fn action_dates_may_not_precede_their_anchor_or_lie_in_the_future() {
        let today = d("2024-03-10");
        assert!(check_action_date(
            "approval",
            d("2024-03-01"),
            d("2024-03-01"),
            "submittal.date",
            today
        )
        .is_ok());
        let early = check_action_date(
            "approval",
            d("2024-02-28"),
            d("2024-03-01"),
            "submittal.date",
            today,
        );
        assert!(matches!(early, Err(LifecycleError::Date { code, .. })
            if code == "error.msg.loan.approval.cannot.be.before.submittal.date"));
        let future = check_action_date(
            "disbursal",
            d("2024-03-11"),
            d("2024-03-01"),
            "approval.date",
            today,
        );
        assert!(matches!(future, Err(LifecycleError::Date { code, .. })
            if code == "error.msg.loan.disbursal.cannot.be.a.future.date"));
    }
}
