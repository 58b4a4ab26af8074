//! Manual journal entries: the rules a balanced entry obeys before it is written, and how a line moves
//! an account's balance (the sign Fineract's running-balance job uses).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::entity::{AccountingRule, GlAccount, RuleSide, RuleTag};
use super::enums::{GlAccountType, JournalEntryType};

/// What refuses a journal entry, in Fineract's words (`JournalEntryInvalidException` and friends).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalEntryError {
    #[error("Journal Entry with entry Id {0} does not exist ")]
    NotFound(i64),
    #[error("Journal Entries with transaction Identifier {0} does not exist or are not system generated/reversible ")]
    TransactionNotFound(String),
    #[error("The journal entry cannot be made for a future date")]
    FutureDate(NaiveDate),
    #[error("Journal entry cannot be made prior to last account closing date for the branch")]
    AccountingClosed(NaiveDate),
    #[error("Journal Entry must have at least one Debit and one Credit")]
    NoDebitsOrCredits,
    #[error("Sum of All Debits must equal the sum of all Credits for a Journal Entry")]
    DebitsCreditsMismatch,
    #[error("Credit or Debit accounts do not match the accounting rule")]
    RuleAccounts,
    #[error("Credit accounts do not carry the accounting rule's credit tags")]
    RuleCreditTags,
    #[error("Debit accounts do not carry the accounting rule's debit tags")]
    RuleDebitTags,
    #[error("Target account has been disabled")]
    AccountDisabled { name: String, gl_code: String },
    #[error("Target account does not allow manual adjustments")]
    ManualNotAllowed { name: String, gl_code: String },
    /// Kassa refuses header accounts (Fineract posts to them).
    #[error("Target account is a header account and cannot take entries")]
    HeaderAccount { name: String, gl_code: String },
    #[error("This GL Account cannot be deleted as it has transactions logged against it")]
    AccountHasEntriesDelete(i64),
    #[error(
        "This Usage of this (detail) GL Account as it already has transactions logged against it"
    )]
    AccountHasEntriesUpdate(i64),
    #[error("Opening balances can only be defined before any other journal entry")]
    OpeningBalanceNotAllowed,
    #[error("The opening balance contra account must be an equity account")]
    OpeningBalanceContraType,
}

/// One line of a manual entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualLine {
    pub gl_account_id: i64,
    pub amount: Decimal,
    pub comments: Option<String>,
}

/// Both sides present and summing to the same amount, compared exactly.
pub fn check_sides(debits: &[ManualLine], credits: &[ManualLine]) -> Result<(), JournalEntryError> {
    if debits.is_empty() || credits.is_empty() {
        return Err(JournalEntryError::NoDebitsOrCredits);
    }
    let sum = |lines: &[ManualLine]| {
        lines
            .iter()
            .try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.amount))
    };
    match (sum(debits), sum(credits)) {
        (Some(d), Some(c)) if d == c => Ok(()),
        _ => Err(JournalEntryError::DebitsCreditsMismatch),
    }
}

/// Not after the business date.
pub fn check_not_future(date: NaiveDate, today: NaiveDate) -> Result<(), JournalEntryError> {
    if date > today {
        return Err(JournalEntryError::FutureDate(date));
    }
    Ok(())
}

/// An account takes a manual line when it is an enabled detail account that allows manual entries.
pub fn check_manual_account(a: &GlAccount) -> Result<(), JournalEntryError> {
    let (name, gl_code) = (a.name.clone(), a.gl_code.clone());
    if a.disabled {
        return Err(JournalEntryError::AccountDisabled { name, gl_code });
    }
    if !a.manual_entries_allowed {
        return Err(JournalEntryError::ManualNotAllowed { name, gl_code });
    }
    if a.is_header() {
        return Err(JournalEntryError::HeaderAccount { name, gl_code });
    }
    Ok(())
}

/// The accounts of one side that an accounting rule's side with tags accepts; a fixed account must be
/// the side's single line.
pub fn check_rule_side(
    side: &RuleSide,
    lines: &[ManualLine],
    line_tags: &[Option<i64>],
    rule_tags: &[RuleTag],
    entry_side: JournalEntryType,
) -> Result<(), JournalEntryError> {
    match side {
        RuleSide::Account(id) => {
            if lines.len() == 1 && lines[0].gl_account_id == *id {
                Ok(())
            } else {
                Err(JournalEntryError::RuleAccounts)
            }
        }
        RuleSide::Tags { allow_multiple, .. } => {
            let allowed: Vec<i64> = rule_tags
                .iter()
                .filter(|t| t.side == entry_side)
                .map(|t| t.tag_id)
                .collect();
            let fits = line_tags
                .iter()
                .all(|t| t.is_some_and(|t| allowed.contains(&t)));
            if fits && (*allow_multiple || lines.len() == 1) {
                return Ok(());
            }
            Err(match entry_side {
                JournalEntryType::Credit => JournalEntryError::RuleCreditTags,
                JournalEntryType::Debit => JournalEntryError::RuleDebitTags,
            })
        }
    }
}

/// Checks an entry against its accounting rule: `debit_tags`/`credit_tags` are the tags of each line's
/// account, in line order.
pub fn check_rule(
    rule: &AccountingRule,
    tags: &[RuleTag],
    debits: (&[ManualLine], &[Option<i64>]),
    credits: (&[ManualLine], &[Option<i64>]),
) -> Result<(), JournalEntryError> {
    check_rule_side(
        &rule.debit,
        debits.0,
        debits.1,
        tags,
        JournalEntryType::Debit,
    )?;
    check_rule_side(
        &rule.credit,
        credits.0,
        credits.1,
        tags,
        JournalEntryType::Credit,
    )
}

/// How a line of `amount` on `side` moves the balance of an account of type `t`: debits raise assets
/// and expenses, credits raise liabilities, equity and income.
pub fn balance_effect(t: GlAccountType, side: JournalEntryType, amount: Decimal) -> Decimal {
    let debit_normal = matches!(t, GlAccountType::Asset | GlAccountType::Expense);
    let debit = side == JournalEntryType::Debit;
    if debit_normal == debit {
        amount
    } else {
        -amount
    }
}

/// An account's balance from the net of its debits minus its credits.
pub fn balance_of_net_debit(t: GlAccountType, net_debit: Decimal) -> Decimal {
    balance_effect(t, JournalEntryType::Debit, net_debit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn line(id: i64, amount: Decimal) -> ManualLine {
        ManualLine {
            gl_account_id: id,
            amount,
            comments: None,
        }
    }

    #[test]
    fn sides_must_both_exist_and_balance_exactly() {
        let d = [line(1, dec!(100.5))];
        let c = [line(2, dec!(60)), line(3, dec!(40.50))];
        assert_eq!(check_sides(&d, &c), Ok(()));
        assert_eq!(
            check_sides(&d, &[line(2, dec!(100.500001))]),
            Err(JournalEntryError::DebitsCreditsMismatch)
        );
        assert_eq!(
            check_sides(&[], &c),
            Err(JournalEntryError::NoDebitsOrCredits)
        );
    }

    #[test]
    fn a_debit_raises_an_asset_and_lowers_income() {
        let a = dec!(10);
        assert_eq!(
            balance_effect(GlAccountType::Asset, JournalEntryType::Debit, a),
            a
        );
        assert_eq!(
            balance_effect(GlAccountType::Income, JournalEntryType::Debit, a),
            -a
        );
        assert_eq!(
            balance_effect(GlAccountType::Liability, JournalEntryType::Credit, a),
            a
        );
        assert_eq!(
            balance_of_net_debit(GlAccountType::Equity, dec!(-5)),
            dec!(5)
        );
    }
}
