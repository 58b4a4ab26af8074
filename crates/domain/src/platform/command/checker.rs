//! Maker-checker: which writes wait for a second person, and who may decide on a waiting one.

use super::CommandStatus;
use crate::organisation::user::PermissionSet;

/// Why a checker may not act on a command-log entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckerError {
    #[error("Audit with identifier {0} does not exist")]
    NotFound(i64),
    #[error("Audit with identifier {0} is Not Awaiting Approval")]
    NotAwaitingApproval(i64),
    /// The checker lacks `<PERMISSION>_CHECKER` (and `CHECKER_SUPER_USER`).
    #[error("User has no authority to be a checker for: {0}")]
    NotAChecker(String),
    #[error("The command {0} is not supported. Can not be checked by the same user.")]
    SameUser(String),
    /// The command log keeps passwords masked, so a command carrying one could never be re-executed.
    #[error("The command {0} carries a password and cannot wait for approval; a checker super-user must perform it.")]
    SecretCannotWait(String),
    /// Entries written before Kassa recorded the request line cannot be re-executed.
    #[error("Audit with identifier {0} cannot be re-executed: its request was not recorded")]
    NotReplayable(i64),
}

/// Whether a write must wait for approval: the tenant's `maker-checker` switch and the permission's own
/// flag are both on, and the maker is not a checker super-user (`ALL_FUNCTIONS` counts as one).
pub fn must_wait_for_approval(
    maker_checker_enabled: bool,
    permission_is_maker_checker: bool,
    maker: &PermissionSet,
) -> bool {
    maker_checker_enabled && permission_is_maker_checker && !maker.is_checker_super_user()
}

/// The facts about a waiting entry and its would-be checker that decide whether they may act on it.
pub struct CheckRequest<'a> {
    pub command_id: i64,
    pub status: Option<CommandStatus>,
    /// `ACTION_ENTITY` of the waiting command.
    pub permission_code: &'a str,
    pub maker_id: i64,
    pub checker_id: i64,
    pub checker: &'a PermissionSet,
    /// Global configuration `enable-same-maker-checker`.
    pub same_maker_checker_enabled: bool,
}

/// Fineract's order of checks: the entry must be waiting, the checker must hold the `_CHECKER`
/// permission, and the checker must not be the maker unless the configuration or a super-user allows it.
pub fn may_check(r: &CheckRequest<'_>) -> Result<(), CheckerError> {
    if r.status != Some(CommandStatus::AwaitingApproval) {
        return Err(CheckerError::NotAwaitingApproval(r.command_id));
    }
    let checker_code = format!("{}_CHECKER", r.permission_code.to_ascii_uppercase());
    if !r.checker.is_checker_super_user() && !r.checker.contains(&checker_code) {
        return Err(CheckerError::NotAChecker(r.permission_code.to_string()));
    }
    if !r.same_maker_checker_enabled
        && !r.checker.is_checker_super_user()
        && r.maker_id == r.checker_id
    {
        return Err(CheckerError::SameUser(r.permission_code.to_string()));
    }
    Ok(())
}

/// The `_CHECKER` permission needed to decide on a command with this `ACTION_ENTITY` code.
pub fn checker_permission(permission_code: &str) -> String {
    format!("{}_CHECKER", permission_code.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request<'a>(checker: &'a PermissionSet, maker_id: i64) -> CheckRequest<'a> {
        CheckRequest {
            command_id: 7,
            status: Some(CommandStatus::AwaitingApproval),
            permission_code: "CREATE_OFFICE",
            maker_id,
            checker_id: 2,
            checker,
            same_maker_checker_enabled: false,
        }
    }

    #[test]
    fn a_write_waits_only_when_both_switches_are_on_and_the_maker_is_no_super_user() {
        let clerk = PermissionSet::new(["CREATE_OFFICE"]);
        assert!(must_wait_for_approval(true, true, &clerk));
        assert!(!must_wait_for_approval(false, true, &clerk));
        assert!(!must_wait_for_approval(true, false, &clerk));
        assert!(!must_wait_for_approval(
            true,
            true,
            &PermissionSet::new(["ALL_FUNCTIONS"])
        ));
        assert!(!must_wait_for_approval(
            true,
            true,
            &PermissionSet::new(["CHECKER_SUPER_USER"])
        ));
    }

    #[test]
    fn a_checker_needs_the_checker_permission_of_the_command() {
        let checker = PermissionSet::new(["CREATE_OFFICE_CHECKER"]);
        assert_eq!(may_check(&request(&checker, 1)), Ok(()));
        let other = PermissionSet::new(["CREATE_CLIENT_CHECKER", "CREATE_OFFICE"]);
        assert_eq!(
            may_check(&request(&other, 1)),
            Err(CheckerError::NotAChecker("CREATE_OFFICE".into()))
        );
    }

    #[test]
    fn the_maker_cannot_check_its_own_command_unless_allowed() {
        let checker = PermissionSet::new(["CREATE_OFFICE_CHECKER"]);
        assert_eq!(
            may_check(&request(&checker, 2)),
            Err(CheckerError::SameUser("CREATE_OFFICE".into()))
        );
        let mut allowed = request(&checker, 2);
        allowed.same_maker_checker_enabled = true;
        assert_eq!(may_check(&allowed), Ok(()));
        let super_user = PermissionSet::new(["CHECKER_SUPER_USER"]);
        assert_eq!(may_check(&request(&super_user, 2)), Ok(()));
    }

    #[test]
    fn only_a_waiting_entry_can_be_checked() {
        let checker = PermissionSet::new(["ALL_FUNCTIONS"]);
        for status in [
            Some(CommandStatus::Processed),
            Some(CommandStatus::Rejected),
            None,
        ] {
            let mut r = request(&checker, 1);
            r.status = status;
            assert_eq!(may_check(&r), Err(CheckerError::NotAwaitingApproval(7)));
        }
    }
}
