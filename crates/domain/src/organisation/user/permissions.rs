use std::collections::HashSet;

pub const ALL_FUNCTIONS: &str = "ALL_FUNCTIONS";
pub const ALL_FUNCTIONS_READ: &str = "ALL_FUNCTIONS_READ";
pub const CHECKER_SUPER_USER: &str = "CHECKER_SUPER_USER";

/// The permission codes a user holds through its enabled roles. A disabled role grants nothing (Fineract
/// does not consult `is_disabled`; Kassa does, so that disabling a role means something).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PermissionSet {
    codes: HashSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PermissionDenied {
    #[error("User has no authority to: {0}")]
    Write(String),
    /// Fineract's read message names the resource lower-cased with an `s`.
    #[error("User has no authority to READ {0}s")]
    Read(String),
    /// Neither a checker super-user nor the holder of any `<CODE>_CHECKER` permission.
    #[error("User has no authority to check maker-checker entries")]
    Checker,
}

impl PermissionSet {
    pub fn new<I, S>(codes: I) -> PermissionSet
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        PermissionSet {
            codes: codes
                .into_iter()
                .map(|c| c.as_ref().to_ascii_uppercase())
                .collect(),
        }
    }

    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains(&code.to_ascii_uppercase())
    }

    pub fn has_all_functions(&self) -> bool {
        self.codes.contains(ALL_FUNCTIONS)
    }

    /// May perform the write `code` (e.g. `CREATE_OFFICE`).
    pub fn check_write(&self, code: &str) -> Result<(), PermissionDenied> {
        if self.has_all_functions() || self.contains(code) {
            Ok(())
        } else {
            Err(PermissionDenied::Write(code.to_ascii_uppercase()))
        }
    }

    /// May read `entity` (e.g. `OFFICE` for `READ_OFFICE`).
    pub fn check_read(&self, entity: &str) -> Result<(), PermissionDenied> {
        let code = format!("READ_{}", entity.to_ascii_uppercase());
        if self.has_all_functions()
            || self.codes.contains(ALL_FUNCTIONS_READ)
            || self.codes.contains(&code)
        {
            Ok(())
        } else {
            Err(PermissionDenied::Read(entity.to_ascii_lowercase()))
        }
    }

    /// Holders of `ALL_FUNCTIONS` count as checker super-users and are never held by maker-checker.
    pub fn is_checker_super_user(&self) -> bool {
        self.has_all_functions() || self.codes.contains(CHECKER_SUPER_USER)
    }

    /// May look at the maker-checker inbox: Fineract shows a user the waiting entries whose `_CHECKER`
    /// twin it holds (all of them for `ALL_FUNCTIONS` or `CHECKER_SUPER_USER`), so "any checker permission"
    /// is one of those or any code ending in `_CHECKER`.
    pub fn check_any_checker(&self) -> Result<(), PermissionDenied> {
        if self.is_checker_super_user() || self.codes.iter().any(|c| c.ends_with("_CHECKER")) {
            Ok(())
        } else {
            Err(PermissionDenied::Checker)
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.codes.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_functions_grants_every_write_and_read() {
        let p = PermissionSet::new(["ALL_FUNCTIONS"]);
        assert!(p.check_write("CREATE_OFFICE").is_ok());
        assert!(p.check_read("OFFICE").is_ok());
        assert!(p.is_checker_super_user());
    }

    #[test]
    fn all_functions_read_grants_reads_but_no_writes() {
        let p = PermissionSet::new(["ALL_FUNCTIONS_READ"]);
        assert!(p.check_read("CLIENT").is_ok());
        assert_eq!(
            p.check_write("CREATE_CLIENT"),
            Err(PermissionDenied::Write("CREATE_CLIENT".into()))
        );
    }

    #[test]
    fn a_read_only_service_account_can_read_offices_but_not_create_them() {
        let p = PermissionSet::new(["READ_OFFICE"]);
        assert!(p.check_read("office").is_ok());
        assert!(p.check_write("CREATE_OFFICE").is_err());
        assert_eq!(
            p.check_read("CLIENT").unwrap_err().to_string(),
            "User has no authority to READ clients"
        );
    }

    #[test]
    fn only_checker_super_users_and_holders_of_a_checker_twin_may_open_the_inbox() {
        assert!(PermissionSet::new(["ALL_FUNCTIONS"])
            .check_any_checker()
            .is_ok());
        assert!(PermissionSet::new(["CHECKER_SUPER_USER"])
            .check_any_checker()
            .is_ok());
        assert!(PermissionSet::new(["create_office_checker"])
            .check_any_checker()
            .is_ok());
        assert_eq!(
            PermissionSet::new(["READ_OFFICE", "CREATE_OFFICE"]).check_any_checker(),
            Err(PermissionDenied::Checker)
        );
    }

    #[test]
    fn codes_compare_case_insensitively() {
        assert!(PermissionSet::new(["create_office"])
            .check_write("CREATE_OFFICE")
            .is_ok());
    }
}
