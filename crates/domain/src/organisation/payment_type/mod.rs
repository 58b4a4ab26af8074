//! Payment types: how money moved in a transaction (cash, money transfer, cheque, …). System-defined ones
//! carry a `code_name` that the loan module looks up.

/// What can go wrong with a payment type, in Fineract's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentTypeError {
    #[error("PaymentType with {0} does not exist")]
    NotFound(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentType {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub is_cash_payment: bool,
    pub position: i64,
    pub code_name: Option<String>,
    pub is_system_defined: bool,
}

/// A validated request for a new payment type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentTypeDraft {
    pub name: String,
    pub description: Option<String>,
    pub is_cash_payment: bool,
    pub position: i64,
    pub code_name: Option<String>,
    pub is_system_defined: bool,
}

/// A validated update: `None` leaves a field alone; `description: Some(None)` clears it. Fineract's update
/// accepts but ignores `code_name` and `system_defined`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentTypeChanges {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub is_cash_payment: Option<bool>,
    pub position: Option<i64>,
}

impl PaymentType {
    /// The payment type after `changes`.
    pub fn apply(&self, changes: &PaymentTypeChanges) -> PaymentType {
        let mut next = self.clone();
        if let Some(name) = &changes.name {
            next.name = name.clone();
        }
        if let Some(description) = &changes.description {
            next.description = description.clone();
        }
        if let Some(cash) = changes.is_cash_payment {
            next.is_cash_payment = cash;
        }
        if let Some(position) = changes.position {
            next.position = position;
        }
        next
    }
}
