//! Journal entry refusals as Fineract reports them: `JournalEntryInvalidException` is a 403 domain rule
//! whose arguments are `[date, accountName, glCode]`; unknown entries are 404.

use axum::http::StatusCode;
use kassa_domain::accounting::JournalEntryError;
use serde_json::Value;

use super::*;

pub(super) fn journal_entry(e: &JournalEntryError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    let invalid = |reason: &str, args: Vec<Value>| {
        domain_rule(
            &format!("error.msg.glJournalEntry.invalid.{reason}"),
            &message,
            "id",
            args,
        )
    };
    let date = |d: &chrono::NaiveDate| vec![Value::from(d.to_string()), Value::Null, Value::Null];
    let account = |name: &str, code: &str| vec![Value::Null, Value::from(name), Value::from(code)];
    let none = || vec![Value::Null, Value::Null, Value::Null];
    match e {
        JournalEntryError::NotFound(id) => not_found(
            "error.msg.journalEntries.id.invalid",
            &message,
            Value::from(*id),
        ),
        JournalEntryError::TransactionNotFound(tid) => not_found(
            "error.msg.journalEntries.transactionId.invalid",
            &message,
            Value::from(tid.as_str()),
        ),
        JournalEntryError::FutureDate(d) => invalid("future.date", date(d)),
        JournalEntryError::AccountingClosed(d) => invalid("accounting.closed", date(d)),
        JournalEntryError::NoDebitsOrCredits => invalid("no.debits.or.credits", none()),
        JournalEntryError::DebitsCreditsMismatch => invalid("mismatch.debits.credits", none()),
        JournalEntryError::RuleAccounts => invalid("debit.or.credit.accounts", none()),
        JournalEntryError::RuleCreditTags => invalid("credits", vec![]),
        JournalEntryError::RuleDebitTags => invalid("debits", vec![]),
        JournalEntryError::AccountDisabled { name, gl_code } => {
            invalid("account.disabled", account(name.as_str(), gl_code.as_str()))
        }
        JournalEntryError::ManualNotAllowed { name, gl_code } => invalid(
            "account.manual.adjustments.not.permitted",
            account(name.as_str(), gl_code.as_str()),
        ),
        JournalEntryError::HeaderAccount { name, gl_code } => {
            invalid("account.header", account(name.as_str(), gl_code.as_str()))
        }
        JournalEntryError::AccountHasEntriesDelete(id) => domain_rule(
            "error.msg.glaccount.glcode.invalid.delete.transactions.logged",
            &message,
            "id",
            vec![Value::from(*id)],
        ),
        JournalEntryError::AccountHasEntriesUpdate(id) => domain_rule(
            "error.msg.glaccount.glcode.invalid.update.transactions.logged",
            &message,
            "id",
            vec![Value::from(*id)],
        ),
        JournalEntryError::OpeningBalanceNotAllowed => domain_rule(
            "error.msg.journalentry.defining.openingbalance.not.allowed",
            &message,
            "id",
            vec![],
        ),
        JournalEntryError::OpeningBalanceContraType => domain_rule(
            "error.msg.configuration.opening.balance.contra.account.value.is.invalid.account.type",
            &message,
            "id",
            vec![],
        ),
    }
}
