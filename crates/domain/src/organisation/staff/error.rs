/// What can go wrong with a staff member, in Fineract's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StaffError {
    #[error("Staff with identifier {0} does not exist")]
    NotFound(i64),
    #[error("Staff with externalId `{0}` already exists")]
    DuplicateExternalId(String),
    #[error("A staff with the given display name '{0}' already exists")]
    DuplicateDisplayName(String),
    #[error("Staff with mobileNo `{0}` already exists")]
    DuplicateMobileNo(String),
}
