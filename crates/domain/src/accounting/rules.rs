//! The checks Fineract's accounting services make before they write.

use chrono::NaiveDate;

use super::entity::{GlAccount, GlClosure};
use super::enums::FinancialActivity;
use super::error::AccountingError;

/// A parent must be a header account, must not be the account itself, and must not lie below it (Fineract
/// checks only the first two; a parent below the account would make the tree a circle).
pub fn check_parent(account_id: Option<i64>, parent: &GlAccount) -> Result<(), AccountingError> {
    if let Some(id) = account_id {
        if id == parent.id {
            return Err(AccountingError::ParentIsSelf(id));
        }
        if parent.hierarchy.contains(&format!(".{id}.")) {
            return Err(AccountingError::ParentIsDescendant {
                id,
                parent: parent.id,
            });
        }
    }
    if !parent.is_header() {
        return Err(AccountingError::ParentIsDetail(parent.id));
    }
    Ok(())
}

/// An activity posts only to an account of its own type.
pub fn check_activity_account(
    activity: FinancialActivity,
    account: &GlAccount,
) -> Result<(), AccountingError> {
    let required = activity.account_type();
    if account.account_type == required {
        return Ok(());
    }
    Err(AccountingError::ActivityAccountType {
        activity: activity.code(),
        activity_id: activity.fineract_id(),
        required: required.code(),
        account_name: account.name.clone(),
        gl_code: account.gl_code.clone(),
    })
}

/// A new closure is not in the future and not before the office's latest one (the same date is a
/// duplicate, caught by the unique key).
pub fn check_closure_date(
    date: NaiveDate,
    today: NaiveDate,
    latest: Option<&GlClosure>,
) -> Result<(), AccountingError> {
    if date > today {
        return Err(AccountingError::ClosureInFuture(date));
    }
    match latest {
        Some(l) if l.closing_date > date => {
            Err(AccountingError::ClosureBeforeLatest(l.closing_date))
        }
        _ => Ok(()),
    }
}

/// Only an office's latest closure may be deleted.
pub fn check_closure_delete(
    closure: &GlClosure,
    latest: &GlClosure,
    office_name: &str,
) -> Result<(), AccountingError> {
    if latest.closing_date > closure.closing_date {
        return Err(AccountingError::ClosureNotLatest {
            office_id: latest.office_id,
            office_name: office_name.to_string(),
            latest: latest.closing_date,
        });
    }
    Ok(())
}
