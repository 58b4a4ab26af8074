//! Roles and the permission catalogue: which grants a request really changes, which permissions can be
//! put under maker-checker, and the order Fineract lists them in.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::{RoleError, RoleUse};

/// The role `POST /self/registration/user` assigns and `GET /users/template` offers as `selfServiceRoles`.
pub const SELF_SERVICE_ROLE_NAME: &str = "Self Service User";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDraft {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleChanges {
    pub name: Option<String>,
    pub description: Option<String>,
}

impl Role {
    /// Applies `changes`; returns the next state and the changed parameter names.
    pub fn apply(&self, changes: &RoleChanges) -> (Role, Vec<&'static str>) {
        let mut next = self.clone();
        let mut changed = Vec::new();
        if let Some(name) = changes.name.as_ref().filter(|n| **n != self.name) {
            next.name = name.clone();
            changed.push("name");
        }
        if let Some(d) = changes
            .description
            .as_ref()
            .filter(|d| **d != self.description)
        {
            next.description = d.clone();
            changed.push("description");
        }
        (next, changed)
    }

    /// A role still held by users can be neither deleted nor disabled.
    pub fn check_unused(&self, user_count: i64, refused: RoleUse) -> Result<(), RoleError> {
        if user_count > 0 {
            Err(RoleError::AssociatedWithUsers {
                id: self.id,
                refused,
            })
        } else {
            Ok(())
        }
    }
}

/// A row of the permission catalogue (`m_permission`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permission {
    pub id: i64,
    pub grouping: String,
    pub code: String,
    pub entity_name: Option<String>,
    pub action_name: Option<String>,
    pub can_maker_checker: bool,
}

impl Permission {
    /// `<CODE>_CHECKER` twins exist only to approve maker-checker entries.
    pub fn is_checker(&self) -> bool {
        self.code.ends_with("_CHECKER")
    }

    /// Maker-checker applies to maintenance tasks: not the `special` codes, no reads, no checker twins.
    pub fn is_maker_checkable(&self) -> bool {
        !self.grouping.eq_ignore_ascii_case("special")
            && !self.code.starts_with("READ_")
            && !self.is_checker()
    }
}

/// Fineract's listing order: grouping, entity name (none first), code — compared case-insensitively, so
/// that both backends agree whatever their collation.
pub fn listing_order(a: &Permission, b: &Permission) -> Ordering {
    let key = |p: &Permission| {
        (
            p.grouping.to_ascii_lowercase(),
            p.entity_name
                .clone()
                .unwrap_or_default()
                .to_ascii_lowercase(),
            p.code.to_ascii_lowercase(),
        )
    };
    key(a).cmp(&key(b)).then_with(|| a.code.cmp(&b.code))
}

/// Finds a permission by code, case-insensitively as Fineract does.
pub fn find_permission<'a>(
    catalogue: &'a [Permission],
    code: &str,
) -> Result<&'a Permission, RoleError> {
    catalogue
        .iter()
        .find(|p| p.code.eq_ignore_ascii_case(code))
        .ok_or_else(|| RoleError::PermissionNotFound(code.to_string()))
}

/// One effective change of a grant or flag: the code as the request spelled it, the permission, the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionChange {
    pub requested_code: String,
    pub permission_id: i64,
    pub selected: bool,
}

/// Which of the requested `(code, selected)` pairs change the role's grants `held` (permission ids).
/// Requests are applied in order, so a later entry for the same permission sees the earlier one.
pub fn role_grant_changes(
    catalogue: &[Permission],
    held: &BTreeSet<i64>,
    requested: &[(String, bool)],
) -> Result<Vec<PermissionChange>, RoleError> {
    let mut working = held.clone();
    let mut out = Vec::new();
    for (code, selected) in requested {
        let p = find_permission(catalogue, code)?;
        let changed = if *selected {
            working.insert(p.id)
        } else {
            working.remove(&p.id)
        };
        if changed {
            out.push(PermissionChange {
                requested_code: code.clone(),
                permission_id: p.id,
                selected: *selected,
            });
        }
    }
    Ok(out)
}

/// Which of the requested `(code, enabled)` pairs change a permission's maker-checker flag. Codes that
/// cannot be maker-checked are reported as unknown, as in Fineract.
pub fn maker_checker_changes(
    catalogue: &[Permission],
    requested: &[(String, bool)],
) -> Result<Vec<PermissionChange>, RoleError> {
    let mut flags: Vec<(i64, bool)> = Vec::new();
    let mut out = Vec::new();
    for (code, enabled) in requested {
        let p = find_permission(catalogue, code)?;
        if !p.is_maker_checkable() {
            return Err(RoleError::PermissionNotFound(code.clone()));
        }
        let current = flags
            .iter()
            .rev()
            .find(|(id, _)| *id == p.id)
            .map(|(_, v)| *v)
            .unwrap_or(p.can_maker_checker);
        if current != *enabled {
            flags.push((p.id, *enabled));
            out.push(PermissionChange {
                requested_code: code.clone(),
                permission_id: p.id,
                selected: *enabled,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn perm(id: i64, grouping: &str, code: &str, entity: Option<&str>) -> Permission {
        Permission {
            id,
            grouping: grouping.into(),
            code: code.into(),
            entity_name: entity.map(str::to_string),
            action_name: None,
            can_maker_checker: false,
        }
    }

    fn catalogue() -> Vec<Permission> {
        vec![
            perm(1, "special", "ALL_FUNCTIONS", None),
            perm(2, "portfolio", "READ_CLIENT", Some("CLIENT")),
            perm(3, "portfolio", "CREATE_CLIENT", Some("CLIENT")),
            perm(4, "portfolio", "CREATE_CLIENT_CHECKER", Some("CLIENT")),
        ]
    }

    #[test]
    fn only_real_grant_changes_are_reported() {
        let held = BTreeSet::from([2]);
        let req = vec![
            ("READ_CLIENT".to_string(), true),
            ("create_client".to_string(), true),
            ("ALL_FUNCTIONS".to_string(), false),
        ];
        let changes = role_grant_changes(&catalogue(), &held, &req).unwrap();
        assert_eq!(
            changes,
            [PermissionChange {
                requested_code: "create_client".into(),
                permission_id: 3,
                selected: true
            }]
        );
    }

    #[test]
    fn an_unknown_code_is_permission_not_found() {
        let req = vec![("FLY_CLIENT".to_string(), true)];
        assert_eq!(
            role_grant_changes(&catalogue(), &BTreeSet::new(), &req),
            Err(RoleError::PermissionNotFound("FLY_CLIENT".into()))
        );
    }

    #[test]
    fn reads_specials_and_checkers_cannot_be_maker_checked() {
        for code in ["READ_CLIENT", "ALL_FUNCTIONS", "CREATE_CLIENT_CHECKER"] {
            let req = vec![(code.to_string(), true)];
            assert_eq!(
                maker_checker_changes(&catalogue(), &req),
                Err(RoleError::PermissionNotFound(code.into()))
            );
        }
        let req = vec![
            ("CREATE_CLIENT".to_string(), true),
            ("CREATE_CLIENT".to_string(), true),
        ];
        assert_eq!(maker_checker_changes(&catalogue(), &req).unwrap().len(), 1);
    }

    #[test]
    fn listing_order_ignores_case_and_puts_missing_entities_first() {
        let mut all = [
            perm(1, "SHAREACCOUNT", "READ_SHAREACCOUNT", Some("SHAREACCOUNT")),
            perm(2, "portfolio", "READ_CLIENT", Some("CLIENT")),
            perm(3, "accounting", "READ_GLACCOUNT", Some("GLACCOUNT")),
            perm(4, "portfolio", "ALL_X", None),
        ];
        all.sort_by(listing_order);
        let codes: Vec<&str> = all.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "READ_GLACCOUNT",
                "ALL_X",
                "READ_CLIENT",
                "READ_SHAREACCOUNT"
            ]
        );
    }

    #[test]
    fn a_role_held_by_users_cannot_be_deleted() {
        let r = Role {
            id: 3,
            name: "r".into(),
            description: "d".into(),
            disabled: false,
        };
        assert!(r.check_unused(0, RoleUse::Delete).is_ok());
        assert_eq!(
            r.check_unused(2, RoleUse::Disable),
            Err(RoleError::AssociatedWithUsers {
                id: 3,
                refused: RoleUse::Disable
            })
        );
    }
}
