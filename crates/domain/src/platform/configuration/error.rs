#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigurationError {
    #[error("Configuration identifier `{0}` does not exist")]
    NotFound(i64),
    #[error("Configuration property `{0}` does not exist")]
    NameNotFound(String),
    #[error("Configuration identifier `{0}` cannot be modified")]
    NotModifiable(i64),
    #[error("For enabling 'Force Password Reset Days' configuration , the value (number of days after which a user is forced to reset his password) must be set to a number greater than 0.")]
    ForcePasswordResetDaysZero,
    #[error("Password Validation Policy with identifier {0} does not exist")]
    PasswordPolicyNotFound(i64),
    #[error("An active password validation policy was not found")]
    NoActivePasswordPolicy,
}
