//! The command log's vocabulary: every write is a command (action + entity), recorded with a status.

mod checker;

pub use checker::{
    checker_permission, may_check, must_wait_for_approval, CheckRequest, CheckerError,
};

/// `m_portfolio_command_source.status` values, with Fineract's ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandStatus {
    Invalid,
    Processed,
    AwaitingApproval,
    Rejected,
    UnderProcessing,
    Error,
}

impl CommandStatus {
    pub fn id(self) -> i64 {
        match self {
            CommandStatus::Invalid => 0,
            CommandStatus::Processed => 1,
            CommandStatus::AwaitingApproval => 2,
            CommandStatus::Rejected => 3,
            CommandStatus::UnderProcessing => 4,
            CommandStatus::Error => 5,
        }
    }

    pub fn from_id(id: i64) -> Option<CommandStatus> {
        Some(match id {
            0 => CommandStatus::Invalid,
            1 => CommandStatus::Processed,
            2 => CommandStatus::AwaitingApproval,
            3 => CommandStatus::Rejected,
            4 => CommandStatus::UnderProcessing,
            5 => CommandStatus::Error,
            _ => return None,
        })
    }

    /// The English label Fineract's audit screens show (`processingResult`).
    pub fn label(self) -> &'static str {
        match self {
            CommandStatus::Invalid => "Invalid",
            CommandStatus::Processed => "Processed",
            CommandStatus::AwaitingApproval => "Awaiting Approval",
            CommandStatus::Rejected => "Rejected",
            CommandStatus::UnderProcessing => "Under Processing",
            CommandStatus::Error => "Error",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            CommandStatus::Invalid => "commandSourceStatus.invalid",
            CommandStatus::Processed => "commandSourceStatus.processed",
            CommandStatus::AwaitingApproval => "commandSourceStatus.awaiting.approval",
            CommandStatus::Rejected => "commandSourceStatus.rejected",
            CommandStatus::UnderProcessing => "commandSourceStatus.under.processing",
            CommandStatus::Error => "commandSourceStatus.error",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_ids_round_trip() {
        for id in 0..=5 {
            assert_eq!(CommandStatus::from_id(id).map(CommandStatus::id), Some(id));
        }
        assert_eq!(CommandStatus::from_id(6), None);
    }
}
