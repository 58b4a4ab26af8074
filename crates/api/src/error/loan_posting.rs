//! Loan product GL mappings and loan journal entries, as Fineract reports them.

use axum::http::StatusCode;
use kassa_domain::accounting::loan_posting::LoanPostingError;
use serde_json::Value;

use super::*;

pub(super) fn loan_posting(e: &LoanPostingError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    match e {
        LoanPostingError::MappingMissing { product_id, .. } => not_found(
            "error.msg.productToAccountMapping.not.found",
            &message,
            Value::from(*product_id),
        ),
        LoanPostingError::WrongAccountType {
            param,
            id,
            name,
            actual,
            expected,
        } => domain_rule(
            &format!("error.msg.{param}.invalid.account.type"),
            &message,
            param,
            vec![
                Value::from(*param),
                Value::from(*id),
                Value::from(name.as_str()),
                Value::from(*actual),
                Value::from(expected.as_str()),
            ],
        ),
        LoanPostingError::HeaderAccount { param, id } => domain_rule(
            &format!("error.msg.{param}.invalid.account.usage"),
            &message,
            param,
            vec![Value::from(*param), Value::from(*id)],
        ),
        LoanPostingError::AccountingClosed { closing_date } => domain_rule(
            "error.msg.glJournalEntry.invalid.accounting.closed",
            &message,
            "transactionDate",
            vec![
                Value::from(closing_date.to_string()),
                Value::Null,
                Value::Null,
            ],
        ),
    }
}
