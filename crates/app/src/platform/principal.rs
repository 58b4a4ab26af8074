//! Who is asking: the authenticated user every use case is called with. Apart from authentication so that
//! the pipeline, audits and every area can take it without importing how it was authenticated.

use kassa_domain::organisation::user::PermissionSet;
use kassa_store::repo::platform::auth::RoleSummary;

/// The authenticated user of a request.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: i64,
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    pub office_id: i64,
    pub office_name: String,
    pub office_hierarchy: String,
    pub staff_id: Option<i64>,
    pub is_self_service_user: bool,
    pub roles: Vec<RoleSummary>,
    /// Raw codes of all roles, in order, duplicates kept (what `/authentication` returns).
    pub permission_codes: Vec<String>,
    pub permissions: PermissionSet,
    /// `force-password-reset-days` is on and the password is older than that (Fineract's
    /// `shouldRenewPassword`): only a change of the user's own password is allowed.
    pub password_expired: bool,
}

impl Principal {
    /// This principal, additionally holding `code` for one command (a user updating itself; a checker
    /// re-executing the command it approved).
    pub fn with_grant(&self, code: &str) -> Principal {
        let mut acting = self.clone();
        let codes = self
            .permission_codes
            .iter()
            .map(String::as_str)
            .chain([code]);
        acting.permissions = PermissionSet::new(codes);
        acting
    }
}
