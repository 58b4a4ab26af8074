use chrono::NaiveDate;

/// What can go wrong in the chart of accounts, its rules, activity mappings and closures, in Fineract's
/// words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountingError {
    #[error("General Ledger account with identifier {0} does not exist ")]
    GlAccountNotFound(i64),
    #[error("General Ledger Account with GL code {0} is already present")]
    DuplicateGlCode(String),
    #[error("The account with id {0} is a 'Detail' account and cannot be used as a parent")]
    ParentIsDetail(i64),
    #[error("parentId:{0}, id{0} should not be same")]
    ParentIsSelf(i64),
    /// A parent that lies below the account itself would close a circle in the tree.
    #[error("The account with id {parent} lies below account {id} and cannot become its parent")]
    ParentIsDescendant { id: i64, parent: i64 },
    #[error(
        "Cannot delete this Header GL Account without first deleting or reassinging its children"
    )]
    HasChildren(i64),
    #[error("This GL Account cannot be deleted as it is used by an accounting rule or a financial activity")]
    InUse(i64),
    /// Fineract's classification check on list filters names the wrong thing; its code and text are kept.
    #[error("The following COA usage is invalid: {0}")]
    InvalidFilter(String),
    #[error("Accounting Rule with identifier {0} does not exist")]
    RuleNotFound(i64),
    #[error("An accounting rule with the name {0} already exists{0}")]
    DuplicateRuleName(String),
    /// A side of a rule names both an account and tags, or neither (`accountToDebit`/`debitTags`, …).
    #[error("{account} or {tags} required")]
    RuleSideRequired {
        account: &'static str,
        tags: &'static str,
    },
    #[error("Financial Activity account with Id {0} does not exist")]
    ActivityAccountNotFound(i64),
    #[error("Mapping for activity already exists {0}")]
    DuplicateActivity(i64),
    #[error("Financial Activity '{activity}' with Id :{activity_id}' can only be associated with a Ledger Account of Type {required} the provided Ledger Account '{account_name}({gl_code})'  does not of the required type")]
    ActivityAccountType {
        activity: &'static str,
        activity_id: i64,
        required: &'static str,
        account_name: String,
        gl_code: String,
    },
    #[error("Accounting Closure with identifier {0} does not exist")]
    ClosureNotFound(i64),
    #[error("Accounting closures cannot be made for a future date")]
    ClosureInFuture(NaiveDate),
    #[error("Accounting Closure for this branch has already been defined for a greater date")]
    ClosureBeforeLatest(NaiveDate),
    #[error(
        "An accounting closure for branch with Id {office_id} already exists for the date {date}"
    )]
    DuplicateClosure { office_id: i64, date: NaiveDate },
    #[error("The latest closure for office with Id {office_id} and name {office_name} is on {latest}, please delete this closure first")]
    ClosureNotLatest {
        office_id: i64,
        office_name: String,
        latest: NaiveDate,
    },
}
