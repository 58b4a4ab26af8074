//! Users, roles and permissions. A permission code is `ACTION_ENTITY`; `ALL_FUNCTIONS` grants everything
//! and `ALL_FUNCTIONS_READ` every read, exactly as Fineract evaluates them.

mod permissions;

pub mod account;
mod error;
pub mod password_policy;
pub mod role;

pub use account::{AppUser, UserChanges, UserDraft, UserUpdate};
pub use error::{RoleError, RoleUse, UserError};
pub use password_policy::PasswordPolicy;
pub use permissions::{
    PermissionDenied, PermissionSet, ALL_FUNCTIONS, ALL_FUNCTIONS_READ, CHECKER_SUPER_USER,
};
pub use role::{Permission, Role, RoleChanges, RoleDraft};

/// The seeded system user that runs jobs; it can be neither deleted nor renamed.
pub const SYSTEM_USER_ID: i64 = 2;
