/// What can go wrong with a loan product, in Fineract's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoanProductError {
    #[error("Loan product with identifier {0} does not exist")]
    NotFound(String),
    #[error("Loan product with name `{0}` already exists")]
    DuplicateName(String),
    #[error("Loan product with short name `{0}` already exists")]
    DuplicateShortName(String),
    #[error("Loan product with externalId `{0}` already exists")]
    DuplicateExternalId(String),
}
