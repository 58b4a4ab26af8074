/// What can go wrong with a charge definition, in Fineract's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChargeError {
    #[error("Charge with identifier {0} does not exist")]
    NotFound(i64),
    #[error("Charge with name `{0}` already exists")]
    DuplicateName(String),
    /// A loan charge due at (tranche) disbursement cannot be a penalty.
    #[error("Charge '{0}' is invalid.")]
    DisbursementCannotBePenalty(String),
    /// An overdue-installment charge must be a penalty.
    #[error("Charge '{0}' is invalid.")]
    MustBePenalty(String),
    #[error("Update of Charge applies to is not supported")]
    AppliesToNotUpdatable,
    #[error("This charge cannot be deleted, it is already used in loan")]
    DeleteInUse(i64),
    #[error("This charge cannot be updated, it is used in loan")]
    DeactivateInUse(i64),
    #[error("This charge frequency cannot be updated, it is used in loan")]
    FrequencyInUse(i64),
    #[error("Charge '{name}' with identifier {id} is not active")]
    NotActive { id: i64, name: String },
    /// A loan product can only list charges in its own currency.
    #[error("Charge and Loan Product must have the same currency.")]
    ProductCurrencyMismatch,
}
