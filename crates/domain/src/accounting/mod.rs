//! The chart of accounts and what hangs on it: GL accounts in a tree of header and detail accounts,
//! accounting rules (a debit and a credit side, each an account or a set of tags), the account each
//! financial activity posts to, and accounting closures (an office's books are closed up to a date).

mod entity;
mod enums;
mod error;
mod hierarchy;
mod journal;
pub mod loan_posting;
mod rules;
#[cfg(test)]
mod tests;

pub use entity::{
    AccountingRule, FinancialActivityAccount, GlAccount, GlAccountChanges, GlAccountDraft,
    GlClosure, RuleSide, RuleTag,
};
pub use enums::{FinancialActivity, GlAccountType, GlAccountUsage, JournalEntryType};
pub use error::AccountingError;
pub use hierarchy::{child_hierarchy, name_decorated};
pub use journal::{
    balance_effect, balance_of_net_debit, check_manual_account, check_not_future, check_rule,
    check_sides, JournalEntryError, ManualLine,
};
pub use rules::{check_activity_account, check_closure_date, check_closure_delete, check_parent};
