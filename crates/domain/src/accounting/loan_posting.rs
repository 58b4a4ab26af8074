//! Which placeholder accounts a loan transaction debits and credits, and by how much: Fineract's cash
//! (`CashBasedAccountingProcessorForLoan`) and accrual (`AccrualBasedAccountingProcessorForLoan`) rules for
//! the transaction types Kassa serves, for loans that are not charged off (Kassa has no charge-off). The
//! placeholders resolve to GL accounts through the loan product's mappings.

use rust_decimal::Decimal;

use super::enums::{GlAccountType, JournalEntryType};
use crate::loan_products::AccountingRule;

/// A loan product's placeholder account (`CashAccountsForLoan` / `AccrualAccountsForLoan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LoanAccount {
    FundSource,
    LoanPortfolio,
    InterestOnLoans,
    IncomeFromFees,
    IncomeFromPenalties,
    LossesWrittenOff,
    InterestReceivable,
    FeesReceivable,
    PenaltiesReceivable,
    TransfersSuspense,
    Overpayment,
    IncomeFromRecovery,
    GoodwillCredit,
    IncomeFromGoodwillCreditInterest,
    IncomeFromGoodwillCreditFees,
    IncomeFromGoodwillCreditPenalty,
    IncomeFromChargeOffInterest,
    IncomeFromChargeOffFees,
    IncomeFromChargeOffPenalty,
    ChargeOffExpense,
    ChargeOffFraudExpense,
}

use GlAccountType::{Asset, Expense, Income, Liability};

impl LoanAccount {
    pub const ALL: [LoanAccount; 21] = [
        LoanAccount::FundSource,
        LoanAccount::LoanPortfolio,
        LoanAccount::InterestOnLoans,
        LoanAccount::IncomeFromFees,
        LoanAccount::IncomeFromPenalties,
        LoanAccount::LossesWrittenOff,
        LoanAccount::InterestReceivable,
        LoanAccount::FeesReceivable,
        LoanAccount::PenaltiesReceivable,
        LoanAccount::TransfersSuspense,
        LoanAccount::Overpayment,
        LoanAccount::IncomeFromRecovery,
        LoanAccount::GoodwillCredit,
        LoanAccount::IncomeFromGoodwillCreditInterest,
        LoanAccount::IncomeFromGoodwillCreditFees,
        LoanAccount::IncomeFromGoodwillCreditPenalty,
        LoanAccount::IncomeFromChargeOffInterest,
        LoanAccount::IncomeFromChargeOffFees,
        LoanAccount::IncomeFromChargeOffPenalty,
        LoanAccount::ChargeOffExpense,
        LoanAccount::ChargeOffFraudExpense,
    ];

    /// The loan product parameter that maps it.
    pub fn param(self) -> &'static str {
        match self {
            LoanAccount::FundSource => "fundSourceAccountId",
            LoanAccount::LoanPortfolio => "loanPortfolioAccountId",
            LoanAccount::InterestOnLoans => "interestOnLoanAccountId",
            LoanAccount::IncomeFromFees => "incomeFromFeeAccountId",
            LoanAccount::IncomeFromPenalties => "incomeFromPenaltyAccountId",
            LoanAccount::LossesWrittenOff => "writeOffAccountId",
            LoanAccount::InterestReceivable => "receivableInterestAccountId",
            LoanAccount::FeesReceivable => "receivableFeeAccountId",
            LoanAccount::PenaltiesReceivable => "receivablePenaltyAccountId",
            LoanAccount::TransfersSuspense => "transfersInSuspenseAccountId",
            LoanAccount::Overpayment => "overpaymentLiabilityAccountId",
            LoanAccount::IncomeFromRecovery => "incomeFromRecoveryAccountId",
            LoanAccount::GoodwillCredit => "goodwillCreditAccountId",
            LoanAccount::IncomeFromGoodwillCreditInterest => {
                "incomeFromGoodwillCreditInterestAccountId"
            }
            LoanAccount::IncomeFromGoodwillCreditFees => "incomeFromGoodwillCreditFeesAccountId",
            LoanAccount::IncomeFromGoodwillCreditPenalty => {
                "incomeFromGoodwillCreditPenaltyAccountId"
            }
            LoanAccount::IncomeFromChargeOffInterest => "incomeFromChargeOffInterestAccountId",
            LoanAccount::IncomeFromChargeOffFees => "incomeFromChargeOffFeesAccountId",
            LoanAccount::IncomeFromChargeOffPenalty => "incomeFromChargeOffPenaltyAccountId",
            LoanAccount::ChargeOffExpense => "chargeOffExpenseAccountId",
            LoanAccount::ChargeOffFraudExpense => "chargeOffFraudExpenseAccountId",
        }
    }

    /// The account types Fineract accepts for the mapping.
    pub fn allowed_types(self) -> &'static [GlAccountType] {
        match self {
            LoanAccount::FundSource => &[Asset, Liability],
            LoanAccount::LoanPortfolio
            | LoanAccount::InterestReceivable
            | LoanAccount::FeesReceivable
            | LoanAccount::PenaltiesReceivable
            | LoanAccount::TransfersSuspense => &[Asset],
            LoanAccount::InterestOnLoans
            | LoanAccount::IncomeFromFees
            | LoanAccount::IncomeFromPenalties
            | LoanAccount::IncomeFromRecovery
            | LoanAccount::IncomeFromGoodwillCreditInterest
            | LoanAccount::IncomeFromGoodwillCreditFees
            | LoanAccount::IncomeFromGoodwillCreditPenalty
            | LoanAccount::IncomeFromChargeOffInterest
            | LoanAccount::IncomeFromChargeOffFees
            | LoanAccount::IncomeFromChargeOffPenalty => &[Income],
            LoanAccount::LossesWrittenOff
            | LoanAccount::GoodwillCredit
            | LoanAccount::ChargeOffExpense
            | LoanAccount::ChargeOffFraudExpense => &[Expense],
            LoanAccount::Overpayment => &[Liability],
        }
    }

    /// Whether a product with `rule` must map it (`LoanProductDataValidator`).
    pub fn mandatory_for(self, rule: AccountingRule) -> bool {
        let accrual = matches!(
            rule,
            AccountingRule::AccrualPeriodic | AccountingRule::AccrualUpfront
        );
        match self {
            LoanAccount::FundSource
            | LoanAccount::LoanPortfolio
            | LoanAccount::TransfersSuspense
            | LoanAccount::InterestOnLoans
            | LoanAccount::IncomeFromFees
            | LoanAccount::IncomeFromPenalties
            | LoanAccount::IncomeFromRecovery
            | LoanAccount::LossesWrittenOff
            | LoanAccount::Overpayment => rule != AccountingRule::None,
            LoanAccount::InterestReceivable
            | LoanAccount::FeesReceivable
            | LoanAccount::PenaltiesReceivable => accrual,
            _ => false,
        }
    }
}

/// Why a loan's product mappings, or a posting, are refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoanPostingError {
    /// A posting needs an account the product does not map (Fineract's `ProductToGLAccountMappingNotFoundException`).
    #[error("Mapping for product of type LOAN with Id {product_id} does not exist for an account of type {param}")]
    MappingMissing {
        product_id: i64,
        param: &'static str,
    },
    #[error("Passed in GLAccount {param} with Id {id}maps to the account {name} of type {actual}, the expected account type was one among{expected}")]
    WrongAccountType {
        param: &'static str,
        id: i64,
        name: String,
        actual: &'static str,
        expected: String,
    },
    /// Kassa refuses a header account, which can take no entries (Fineract lets it through).
    #[error(
        "The GL account {param} with Id {id} is a header account and cannot take journal entries"
    )]
    HeaderAccount { param: &'static str, id: i64 },
    #[error("Journal entry cannot be made prior to last account closing date for the branch")]
    AccountingClosed { closing_date: chrono::NaiveDate },
}

/// What accounting sees of a transaction: its type, amount and split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PostedMoney {
    /// Fineract's `LoanTransactionType` id.
    pub type_id: i64,
    pub amount: Decimal,
    pub principal: Decimal,
    pub interest: Decimal,
    pub fee: Decimal,
    pub penalty: Decimal,
    pub overpayment: Decimal,
}

/// One line of a posting, before its placeholder is resolved to a GL account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostingLine {
    pub account: LoanAccount,
    pub side: JournalEntryType,
    pub amount: Decimal,
}

/// The lines `t` posts under `rule`; none for a product without accounting, or a type the rule ignores.
/// Lines of zero are left out. Debits and credits balance by construction (each rule below takes the same
/// total on both sides).
pub fn loan_lines(rule: AccountingRule, t: &PostedMoney) -> Vec<PostingLine> {
    use JournalEntryType::{Credit, Debit};
    use LoanAccount as A;
    let accrual = match rule {
        AccountingRule::None => return Vec::new(),
        AccountingRule::Cash => false,
        AccountingRule::AccrualPeriodic | AccountingRule::AccrualUpfront => true,
    };
    let mut out = Vec::new();
    let mut line = |account, side, amount: Decimal| {
        if amount > Decimal::ZERO {
            out.push(PostingLine {
                account,
                side,
                amount,
            });
        }
    };
    let split_total = t.principal + t.interest + t.fee + t.penalty + t.overpayment;
    // The credits of money received against the loan: income directly in cash mode, the receivables the
    // accruals booked in accrual mode.
    let receipt_credits = |line: &mut dyn FnMut(LoanAccount, JournalEntryType, Decimal)| {
        line(A::LoanPortfolio, Credit, t.principal);
        if accrual {
            line(A::InterestReceivable, Credit, t.interest);
            line(A::FeesReceivable, Credit, t.fee);
            line(A::PenaltiesReceivable, Credit, t.penalty);
        } else {
            line(A::InterestOnLoans, Credit, t.interest);
            line(A::IncomeFromFees, Credit, t.fee);
            line(A::IncomeFromPenalties, Credit, t.penalty);
        }
        line(A::Overpayment, Credit, t.overpayment);
    };
    match t.type_id {
        // Disbursement: the portfolio grows by what was lent (less any credit balance it used up).
        1 => {
            line(A::LoanPortfolio, Debit, t.amount - t.overpayment);
            line(A::Overpayment, Debit, t.overpayment);
            line(A::FundSource, Credit, t.amount);
        }
        // Repayment, repayment at disbursement, charge payment, merchant issued and payout refunds, down
        // payment: the fund source receives the whole amount.
        2 | 5 | 17 | 21 | 22 | 28 => {
            line(A::FundSource, Debit, split_total);
            if t.type_id == 5 && accrual {
                // Fees collected at disbursement were never accrued: straight to income.
                line(A::LoanPortfolio, Credit, t.principal);
                line(A::InterestReceivable, Credit, t.interest);
                line(A::IncomeFromFees, Credit, t.fee);
                line(A::IncomeFromPenalties, Credit, t.penalty);
                line(A::Overpayment, Credit, t.overpayment);
            } else {
                receipt_credits(&mut line);
            }
        }
        // Charge refund: a repayment, and the charge income paid back out of the fund source.
        24 => {
            line(A::FundSource, Debit, split_total);
            receipt_credits(&mut line);
            line(A::IncomeFromFees, Debit, t.amount);
            line(A::FundSource, Credit, t.amount);
        }
        // Goodwill credit: the lender bears it.
        23 => {
            line(A::GoodwillCredit, Debit, t.principal + t.overpayment);
            line(A::IncomeFromGoodwillCreditInterest, Debit, t.interest);
            line(A::IncomeFromGoodwillCreditFees, Debit, t.fee);
            line(A::IncomeFromGoodwillCreditPenalty, Debit, t.penalty);
            receipt_credits(&mut line);
        }
        8 => {
            line(A::FundSource, Debit, t.amount);
            line(A::IncomeFromRecovery, Credit, t.amount);
        }
        // Write-off: cash books only the principal lost; accrual also what was accrued and is now lost.
        6 if !accrual => {
            line(A::LossesWrittenOff, Debit, t.principal);
            line(A::LoanPortfolio, Credit, t.principal);
        }
        6 | 4 | 9 if accrual => {
            line(A::LossesWrittenOff, Debit, split_total);
            receipt_credits(&mut line);
        }
        31 if accrual => {
            line(A::InterestOnLoans, Debit, split_total);
            receipt_credits(&mut line);
        }
        // Refund of an overpayment.
        16 => {
            line(A::Overpayment, Debit, t.amount);
            line(A::FundSource, Credit, t.amount);
        }
        20 => {
            line(A::LoanPortfolio, Debit, t.principal);
            line(A::Overpayment, Debit, t.overpayment);
            line(A::FundSource, Credit, t.principal + t.overpayment);
        }
        18 => {
            line(A::LoanPortfolio, Debit, t.principal);
            line(A::InterestOnLoans, Debit, t.interest);
            line(A::IncomeFromFees, Debit, t.fee);
            line(A::IncomeFromPenalties, Debit, t.penalty);
            line(A::Overpayment, Debit, t.overpayment);
            line(A::FundSource, Credit, split_total);
        }
        // Chargeback: the money goes back out; in accrual mode what it takes from the credit balance
        // comes off the overpayment liability.
        25 => {
            let from_credit = if accrual {
                t.overpayment.min(t.amount)
            } else {
                Decimal::ZERO
            };
            line(A::Overpayment, Debit, from_credit);
            line(A::LoanPortfolio, Debit, t.amount - from_credit);
            line(A::FundSource, Credit, t.amount);
        }
        26 => {
            line(A::IncomeFromFees, Debit, split_total);
            receipt_credits(&mut line);
        }
        // Cash mode ignores waivers and accruals; nothing else moves money Kassa books.
        _ => {}
    }
    out
}

/// The sum of `lines` on `side`.
pub fn side_total(lines: &[PostingLine], side: JournalEntryType) -> Decimal {
    lines
        .iter()
        .filter(|l| l.side == side)
        .map(|l| l.amount)
        .sum()
}

/// Whether an account type grows with debits (assets and expenses) rather than credits.
pub fn debit_normal(t: GlAccountType) -> bool {
    matches!(t, Asset | Expense)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use JournalEntryType::{Credit, Debit};

    const TYPES: [i64; 20] = [
        1, 2, 4, 5, 6, 8, 9, 16, 17, 18, 20, 21, 22, 23, 24, 25, 26, 28, 31, 10,
    ];
    const RULES: [AccountingRule; 4] = [
        AccountingRule::None,
        AccountingRule::Cash,
        AccountingRule::AccrualPeriodic,
        AccountingRule::AccrualUpfront,
    ];

    fn money(
        type_id: i64,
        p: Decimal,
        i: Decimal,
        f: Decimal,
        pen: Decimal,
        op: Decimal,
    ) -> PostedMoney {
        PostedMoney {
            type_id,
            amount: p + i + f + pen + op,
            principal: p,
            interest: i,
            fee: f,
            penalty: pen,
            overpayment: op,
        }
    }

    #[test]
    fn every_posting_of_every_type_and_rule_balances() {
        let splits = [
            (dec!(100), dec!(0), dec!(0), dec!(0), dec!(0)),
            (dec!(83.33), dec!(12.5), dec!(3), dec!(1.17), dec!(0)),
            (dec!(0), dec!(0), dec!(0), dec!(0), dec!(40)),
            (dec!(10), dec!(1), dec!(0), dec!(2), dec!(7.25)),
        ];
        for rule in RULES {
            for t in TYPES {
                for (p, i, f, pen, op) in splits {
                    let lines = loan_lines(rule, &money(t, p, i, f, pen, op));
                    assert_eq!(
                        side_total(&lines, Debit),
                        side_total(&lines, Credit),
                        "{rule:?} type {t}: {lines:?}"
                    );
                    assert!(lines.iter().all(|l| l.amount > Decimal::ZERO));
                }
            }
        }
    }

    #[test]
    fn a_cash_repayment_debits_the_fund_source_and_credits_portfolio_and_income() {
        let lines = loan_lines(
            AccountingRule::Cash,
            &money(2, dec!(80), dec!(15), dec!(5), dec!(0), dec!(0)),
        );
        assert_eq!(
            lines,
            vec![
                PostingLine {
                    account: LoanAccount::FundSource,
                    side: Debit,
                    amount: dec!(100)
                },
                PostingLine {
                    account: LoanAccount::LoanPortfolio,
                    side: Credit,
                    amount: dec!(80)
                },
                PostingLine {
                    account: LoanAccount::InterestOnLoans,
                    side: Credit,
                    amount: dec!(15)
                },
                PostingLine {
                    account: LoanAccount::IncomeFromFees,
                    side: Credit,
                    amount: dec!(5)
                },
            ]
        );
    }

    #[test]
    fn cash_accounting_books_no_waiver_and_only_the_principal_of_a_write_off() {
        let waiver = money(4, dec!(0), dec!(20), dec!(0), dec!(0), dec!(0));
        assert!(loan_lines(AccountingRule::Cash, &waiver).is_empty());
        let write_off = money(6, dec!(500), dec!(30), dec!(0), dec!(0), dec!(0));
        let lines = loan_lines(AccountingRule::Cash, &write_off);
        assert_eq!(side_total(&lines, Debit), dec!(500));
        let accrual = loan_lines(AccountingRule::AccrualPeriodic, &write_off);
        assert_eq!(side_total(&accrual, Debit), dec!(530));
    }

    #[test]
    fn every_mapping_a_rule_needs_is_mandatory_for_it() {
        for rule in [AccountingRule::Cash, AccountingRule::AccrualPeriodic] {
            for t in TYPES {
                for l in loan_lines(rule, &money(t, dec!(1), dec!(1), dec!(1), dec!(1), dec!(1))) {
                    let optional = matches!(
                        l.account,
                        LoanAccount::GoodwillCredit
                            | LoanAccount::IncomeFromGoodwillCreditInterest
                            | LoanAccount::IncomeFromGoodwillCreditFees
                            | LoanAccount::IncomeFromGoodwillCreditPenalty
                    );
                    assert!(
                        optional || l.account.mandatory_for(rule),
                        "{rule:?} {t} {l:?}"
                    );
                }
            }
        }
    }
}
