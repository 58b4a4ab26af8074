/// What can go wrong with an application user, in Fineract's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserError {
    #[error("User with ID {0} does not exist")]
    NotFound(i64),
    #[error("User with username {0} already exists.")]
    DuplicateUsername(String),
    #[error("User name of current system user may not be modified")]
    SystemUserRename,
    #[error("User configured as the system user cannot be deleted")]
    SystemUserDelete,
    #[error("Password of this user may not be modified")]
    PasswordNotModifiable,
    /// A user without `UPDATE_USER` changing itself may only send these fields' complement (400).
    #[error("Current user has no permission to update fields")]
    FieldsNeedUpdatePermission(Vec<String>),
    /// The change would leave no enabled user holding `ALL_FUNCTIONS` through an enabled role: nobody
    /// could administer the tenant any more.
    #[error("The last enabled user holding ALL_FUNCTIONS cannot be deleted or lose it; give ALL_FUNCTIONS to another user first")]
    LastSuperUser,
}

/// Why a role cannot be disabled or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleUse {
    Delete,
    Disable,
}

/// What can go wrong with roles and the permission catalogue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoleError {
    #[error("Role with identifier {0} does not exist")]
    NotFound(i64),
    #[error("Role with name `{0}` already exists")]
    DuplicateName(String),
    /// A disabled role grants nothing, so it cannot be given to a user.
    #[error("Role with identifier {0} is disabled and cannot be assigned")]
    Disabled(i64),
    #[error("Role with identifier {id} associated with users")]
    AssociatedWithUsers { id: i64, refused: RoleUse },
    /// Also answers a maker-checker toggle on a code that cannot be maker-checked, as Fineract does.
    #[error("Permission with Code {0} does not exist")]
    PermissionNotFound(String),
}
