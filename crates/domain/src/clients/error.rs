//! Why a client change is refused, with Fineract's codes (the API maps them).

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    #[error("Client with identifier {0} does not exist")]
    NotFound(i64),
    #[error("Client with external id {0} does not exist")]
    ExternalIdNotFound(String),
    #[error("Client with externalId `{0}` already exists")]
    DuplicateExternalId(String),
    #[error("Client with accountNo `{0}` already exists")]
    DuplicateAccountNo(String),
    #[error("Client with mobileNo `{0}` already exists")]
    DuplicateMobileNo(String),
    /// An illegal lifecycle step: Fineract's `error.msg.client.<action>.<reason>`.
    #[error("{message}")]
    Transition {
        action: &'static str,
        reason: &'static str,
        message: &'static str,
        dates: Vec<NaiveDate>,
    },
    #[error("Cannot activate client. Client is already active.")]
    AlreadyActive,
    #[error("Client with identifier {0} cannot be deleted as it is not in Pending state.")]
    NotPendingForDelete(i64),
    #[error("The Client with id `{0}` is not active")]
    NotActive(i64),
    #[error("The Client with id `{0}` is not awaiting transfer")]
    NotAwaitingTransfer(i64),
    #[error("The Client with id `{0}` is neither awaiting a transfer nor on hold")]
    NotAwaitingTransferOrOnHold(i64),
    #[error("Client cannot be transferred to the office it is in ({0})")]
    TransferToSameOffice(String),
    #[error("Client with identifier {0} has no staff assigned")]
    HasNoStaff(i64),
    /// A date rule of creation or activation, reported as a parameter error (Fineract: 400).
    #[error("{message}")]
    DateRule {
        code: &'static str,
        message: &'static str,
        parameter: &'static str,
        date: NaiveDate,
    },
}
