/// What can go wrong with codes and code values, in Fineract's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("Code with identifier `{0}` does not exist")]
    NotFound(i64),
    #[error("Code value with identifier {0} does not exist")]
    ValueNotFound(i64),
    #[error("This code is system defined and cannot be modified or deleted.")]
    SystemDefined,
    #[error("A code with name '{0}' already exists")]
    DuplicateName(String),
    /// Fineract's message spells "lable".
    #[error("A code value with lable '{0}' already exists")]
    DuplicateValueLabel(String),
}
