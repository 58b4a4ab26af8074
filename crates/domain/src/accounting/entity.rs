//! The chart's records as validated values.

use chrono::NaiveDate;

use super::enums::{FinancialActivity, GlAccountType, GlAccountUsage, JournalEntryType};

/// What a new GL account says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlAccountDraft {
    pub name: String,
    pub gl_code: String,
    pub parent_id: Option<i64>,
    pub account_type: GlAccountType,
    pub usage: GlAccountUsage,
    pub manual_entries_allowed: bool,
    pub disabled: bool,
    pub description: Option<String>,
    pub tag_id: Option<i64>,
}

/// A stored GL account; `hierarchy` is Fineract's path of ids (see `hierarchy`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlAccount {
    pub id: i64,
    pub name: String,
    pub gl_code: String,
    pub parent_id: Option<i64>,
    pub hierarchy: String,
    pub account_type: GlAccountType,
    pub usage: GlAccountUsage,
    pub manual_entries_allowed: bool,
    pub disabled: bool,
    pub description: Option<String>,
    pub tag_id: Option<i64>,
    /// The tag's label, when the account has one.
    pub tag_name: Option<String>,
}

impl GlAccount {
    pub fn is_header(&self) -> bool {
        self.usage == GlAccountUsage::Header
    }
}

/// An update: `None` leaves a field as it is; `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GlAccountChanges {
    pub name: Option<String>,
    pub gl_code: Option<String>,
    pub parent_id: Option<Option<i64>>,
    pub account_type: Option<GlAccountType>,
    pub usage: Option<GlAccountUsage>,
    pub manual_entries_allowed: Option<bool>,
    pub disabled: Option<bool>,
    pub description: Option<Option<String>>,
    pub tag_id: Option<Option<i64>>,
}

/// One side of an accounting rule: a fixed account, or the accounts carrying any of some tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleSide {
    Account(i64),
    Tags {
        tag_ids: Vec<i64>,
        allow_multiple: bool,
    },
}

/// A tag on a rule's side, with its label for reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTag {
    pub id: i64,
    pub tag_id: i64,
    pub tag_name: String,
    pub side: JournalEntryType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountingRule {
    pub id: i64,
    pub name: String,
    pub office_id: Option<i64>,
    pub description: Option<String>,
    pub system_defined: bool,
    pub debit: RuleSide,
    pub credit: RuleSide,
}

/// The account a financial activity posts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinancialActivityAccount {
    pub id: i64,
    pub activity: FinancialActivity,
    pub gl_account_id: i64,
}

/// An office's books closed up to and including `closing_date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlClosure {
    pub id: i64,
    pub office_id: i64,
    pub closing_date: NaiveDate,
    pub comments: Option<String>,
}
