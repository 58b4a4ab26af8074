//! An application user (Fineract's `AppUser`): who may change what, and which changes are real.

use super::{UserError, SYSTEM_USER_ID};

/// A stored user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppUser {
    pub id: i64,
    pub office_id: i64,
    pub staff_id: Option<i64>,
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    pub email: Option<String>,
    pub password_never_expires: bool,
    pub is_self_service_user: bool,
    pub cannot_change_password: bool,
    /// Ids of the user's roles, ascending.
    pub role_ids: Vec<i64>,
}

/// A validated request for a new user; the password arrives already hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDraft {
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    pub email: Option<String>,
    pub office_id: i64,
    pub staff_id: Option<i64>,
    pub role_ids: Vec<i64>,
    pub password_never_expires: bool,
    pub is_self_service_user: bool,
}

/// A validated update: `None` leaves a field alone; `staff_id: Some(None)` unlinks the staff member.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChanges {
    pub username: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub email: Option<String>,
    pub office_id: Option<i64>,
    pub staff_id: Option<Option<i64>>,
    pub role_ids: Option<Vec<i64>>,
    /// A new password was given (the plain text never reaches the domain).
    pub password: bool,
    pub password_never_expires: Option<bool>,
    pub is_self_service_user: Option<bool>,
    /// Self-service client mapping; accepted, not stored yet.
    pub clients: Option<Vec<i64>>,
}

/// The outcome of applying [`UserChanges`]: the next state and what really changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserUpdate {
    pub next: AppUser,
    /// Changed fields by their Fineract parameter name, in Fineract's order.
    pub changed: Vec<&'static str>,
    pub password_changed: bool,
    pub roles_changed: bool,
}

/// Fields a user without `UPDATE_USER` may still change on itself (Fineract's field-level ACL).
const SELF_FIELDS: &[&str] = &["password", "repeatPassword"];
const SELF_SERVICE_FIELDS: &[&str] = &["password", "repeatPassword", "clients"];

/// The request keys a user lacking `UPDATE_USER` may not send when updating itself.
pub fn fields_needing_update_permission<'a>(
    keys: impl IntoIterator<Item = &'a str>,
    is_self_service_user: bool,
) -> Vec<String> {
    let allowed = if is_self_service_user {
        SELF_SERVICE_FIELDS
    } else {
        SELF_FIELDS
    };
    keys.into_iter()
        .filter(|k| !allowed.contains(k))
        .map(str::to_string)
        .collect()
}

/// Role ids as a set: sorted, without duplicates.
pub fn normalise_role_ids(mut ids: Vec<i64>) -> Vec<i64> {
    ids.sort_unstable();
    ids.dedup();
    ids
}

impl AppUser {
    pub fn is_system_user(&self) -> bool {
        self.id == SYSTEM_USER_ID
    }

    /// May this user's password be set? Never for the system user, nor for users flagged so.
    pub fn check_password_change(&self) -> Result<(), UserError> {
        if self.is_system_user() || self.cannot_change_password {
            Err(UserError::PasswordNotModifiable)
        } else {
            Ok(())
        }
    }

    pub fn check_delete(&self) -> Result<(), UserError> {
        if self.is_system_user() {
            Err(UserError::SystemUserDelete)
        } else {
            Ok(())
        }
    }

    /// Applies `changes`. A value equal to the current one is no change. A new password always counts as
    /// one (a salted hash cannot be compared with the old one, and Fineract counts it too).
    pub fn apply(&self, changes: &UserChanges) -> Result<UserUpdate, UserError> {
        let mut next = self.clone();
        let mut changed = Vec::new();
        if changes.password {
            self.check_password_change()?;
        }
        if let Some(office_id) = changes.office_id.filter(|o| *o != self.office_id) {
            next.office_id = office_id;
            changed.push("officeId");
        }
        if let Some(staff_id) = changes.staff_id.filter(|s| *s != self.staff_id) {
            next.staff_id = staff_id;
            changed.push("staffId");
        }
        let mut roles_changed = false;
        if let Some(roles) = &changes.role_ids {
            let roles = normalise_role_ids(roles.clone());
            if roles != self.role_ids {
                next.role_ids = roles;
                roles_changed = true;
                changed.push("roles");
            }
        }
        if let Some(username) = changes.username.as_ref().filter(|u| **u != self.username) {
            if self.is_system_user() {
                return Err(UserError::SystemUserRename);
            }
            next.username = username.clone();
            changed.push("username");
        }
        if let Some(v) = changes.firstname.as_ref().filter(|v| **v != self.firstname) {
            next.firstname = v.clone();
            changed.push("firstname");
        }
        if let Some(v) = changes.lastname.as_ref().filter(|v| **v != self.lastname) {
            next.lastname = v.clone();
            changed.push("lastname");
        }
        if let Some(v) = changes
            .email
            .as_ref()
            .filter(|v| Some(*v) != self.email.as_ref())
        {
            next.email = Some(v.clone());
            changed.push("email");
        }
        if let Some(v) = changes
            .password_never_expires
            .filter(|v| *v != self.password_never_expires)
        {
            next.password_never_expires = v;
            changed.push("passwordNeverExpires");
        }
        if let Some(v) = changes
            .is_self_service_user
            .filter(|v| *v != self.is_self_service_user)
        {
            next.is_self_service_user = v;
            changed.push("isSelfServiceUser");
        }
        // Fineract echoes `clients` whenever a self-service user sends them, and an empty list when the
        // flag is switched off.
        if (next.is_self_service_user && changes.clients.is_some())
            || (!next.is_self_service_user && changed.contains(&"isSelfServiceUser"))
        {
            changed.push("clients");
        }
        Ok(UserUpdate {
            next,
            changed,
            password_changed: changes.password,
            roles_changed,
        })
    }
}

/// A change to users or roles must leave at least one enabled user holding `ALL_FUNCTIONS`, else nobody
/// could administer the tenant again. A tenant that had none before is not made worse by the change.
pub fn check_super_user_remains(before: i64, after: i64) -> Result<(), UserError> {
    if before > 0 && after <= 0 {
        Err(UserError::LastSuperUser)
    } else {
        Ok(())
    }
}

/// A deliberately loose e-mail shape check: one `@`, something before it, a dotted domain after it, no
/// whitespace. Delivery is the only real test of an address.
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_a_change_that_removes_the_last_super_user_is_refused() {
        assert_eq!(
            check_super_user_remains(1, 0),
            Err(UserError::LastSuperUser)
        );
        assert_eq!(check_super_user_remains(2, 1), Ok(()));
        assert_eq!(check_super_user_remains(1, 1), Ok(()));
        assert_eq!(check_super_user_remains(0, 0), Ok(()));
    }

    fn user(id: i64) -> AppUser {
        AppUser {
            id,
            office_id: 1,
            staff_id: None,
            username: "ann".into(),
            firstname: "Ann".into(),
            lastname: "Lee".into(),
            email: None,
            password_never_expires: false,
            is_self_service_user: false,
            cannot_change_password: false,
            role_ids: vec![1],
        }
    }

    #[test]
    fn unchanged_values_are_no_change() {
        let u = user(5);
        let up = u
            .apply(&UserChanges {
                username: Some("ann".into()),
                firstname: Some("Anne".into()),
                role_ids: Some(vec![1, 1]),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(up.changed, ["firstname"]);
        assert!(!up.roles_changed);
        assert_eq!(up.next.firstname, "Anne");
    }

    #[test]
    fn the_system_user_can_be_neither_renamed_nor_given_a_password_nor_deleted() {
        let s = user(SYSTEM_USER_ID);
        let rename = UserChanges {
            username: Some("root".into()),
            ..Default::default()
        };
        assert_eq!(s.apply(&rename), Err(UserError::SystemUserRename));
        let password = UserChanges {
            password: true,
            ..Default::default()
        };
        assert_eq!(s.apply(&password), Err(UserError::PasswordNotModifiable));
        assert_eq!(s.check_delete(), Err(UserError::SystemUserDelete));
        let harmless = UserChanges {
            firstname: Some("System".into()),
            ..Default::default()
        };
        assert!(s.apply(&harmless).is_ok());
    }

    #[test]
    fn a_user_without_update_user_may_only_send_its_password() {
        assert!(fields_needing_update_permission(["password", "repeatPassword"], false).is_empty());
        assert_eq!(
            fields_needing_update_permission(["password", "firstname", "clients"], false),
            ["firstname", "clients"]
        );
        assert!(fields_needing_update_permission(["password", "clients"], true).is_empty());
    }

    #[test]
    fn switching_self_service_off_clears_clients() {
        let mut u = user(7);
        u.is_self_service_user = true;
        let up = u
            .apply(&UserChanges {
                is_self_service_user: Some(false),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(up.changed, ["isSelfServiceUser", "clients"]);
    }

    #[test]
    fn email_shapes() {
        assert!(is_plausible_email("ann@example.org"));
        for bad in [
            "",
            "ann",
            "@example.org",
            "ann@",
            "ann@example",
            "a b@c.d",
            "a@b@c.d",
            "ann@.org",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }
}
