//! Rule failures of the chart of accounts, accounting rules, financial activity accounts and closures as
//! Fineract reports them: domain rules are 403 with the exception's code and arguments.

use axum::http::StatusCode;
use kassa_domain::accounting::AccountingError;
use serde_json::Value;

use super::*;

pub(super) fn accounting(e: &AccountingError) -> (StatusCode, Envelope) {
    let message = e.to_string();
    let rule = |code: &str, args: Vec<Value>| domain_rule(code, &message, "id", args);
    let date = |d: &chrono::NaiveDate| Value::from(d.to_string());
    match e {
        AccountingError::GlAccountNotFound(id) => {
            not_found("error.msg.glaccount.id.invalid", &message, Value::from(*id))
        }
        AccountingError::DuplicateGlCode(code) => rule(
            "error.msg.glaccount.glcode.duplicate",
            vec![Value::from(code.as_str())],
        ),
        AccountingError::ParentIsDetail(id) => {
            rule("error.msg.glaccount.parent.invalid", vec![Value::from(*id)])
        }
        AccountingError::ParentIsSelf(id) => rule(
            "error.msg.glaccount.id.and.parentid.must.not.same",
            vec![Value::from(*id), Value::from(*id)],
        ),
        AccountingError::ParentIsDescendant { id, parent } => rule(
            "error.msg.glaccount.parent.is.descendant",
            vec![Value::from(*id), Value::from(*parent)],
        ),
        AccountingError::HasChildren(id) => rule(
            "error.msg.glaccount.glcode.invalid.delete.has.children",
            vec![Value::from(*id)],
        ),
        AccountingError::InUse(id) => rule(
            "error.msg.glaccount.glcode.invalid.delete.in.use",
            vec![Value::from(*id)],
        ),
        AccountingError::InvalidFilter(_) => rule("error.msg.glaccount.usage.invalid", vec![]),
        AccountingError::RuleNotFound(id) => not_found(
            "error.msg.accounting.rule.id.invalid",
            &message,
            Value::from(*id),
        ),
        AccountingError::DuplicateRuleName(_) => {
            rule("error.msg.accounting.rule.duplicate", vec![])
        }
        AccountingError::RuleSideRequired { account, tags } => rule(
            &format!("error.msg.accounting.rule.{account}.or.{tags}.required"),
            vec![Value::from(*account), Value::from(*tags)],
        ),
        AccountingError::ActivityAccountNotFound(id) => not_found(
            "error.msg.financialActivityAccount.not.found",
            &message,
            Value::from(*id),
        ),
        AccountingError::DuplicateActivity(activity) => rule(
            "error.msg.financialActivityAccount.exists",
            vec![Value::from(*activity)],
        ),
        AccountingError::ActivityAccountType {
            activity,
            activity_id,
            required,
            account_name,
            gl_code,
        } => rule(
            "error.msg.financialActivityAccount.invalid",
            vec![
                Value::from(*activity),
                Value::from(*activity_id),
                Value::from(*required),
                Value::from(account_name.as_str()),
                Value::from(gl_code.as_str()),
            ],
        ),
        AccountingError::ClosureNotFound(id) => {
            not_found("error.msg.glclosure.id.invalid", &message, Value::from(*id))
        }
        AccountingError::ClosureInFuture(d) => {
            rule("error.msg.glclosure.invalid.future.date", vec![date(d)])
        }
        AccountingError::ClosureBeforeLatest(d) => rule(
            "error.msg.glclosure.invalid.accounting.closed",
            vec![date(d)],
        ),
        AccountingError::DuplicateClosure { office_id, date: d } => rule(
            "error.msg.glclosure.glcode.duplicate",
            vec![Value::from(*office_id), date(d)],
        ),
        AccountingError::ClosureNotLatest { latest, .. } => {
            rule("error.msg.glclosure.invalid.delete", vec![date(latest)])
        }
    }
}
