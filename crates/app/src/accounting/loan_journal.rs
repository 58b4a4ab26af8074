//! The journal entries of loan transactions, posted in the transaction of the change. What a loan
//! transaction has posted is read back from its entries (`L<id>`), never remembered elsewhere: after every
//! change that stores the loan's splits, each touched transaction's live lines (those not reversed) are
//! compared with what its current split and state call for, and when they differ they are reversed line by
//! line (opposite side, the transaction's own date, as Fineract reverses; both marked `reversed`) and the
//! current ones posted. An undone transaction therefore nets to zero, and a back-dated change that moves a
//! later transaction's split re-posts exactly that transaction.

use chrono::Utc;
use kassa_domain::accounting::loan_posting::{
    loan_lines, LoanAccount, LoanPostingError, PostedMoney,
};
use kassa_domain::accounting::{GlAccountType, GlAccountUsage, JournalEntryType};
use kassa_domain::loan_products::AccountingRule;
use kassa_store::repo::accounting::journal_entry::{
    self as repo, EntryPayment, NewJournalLine, PostedLine, CREDIT, DEBIT, ENTITY_LOAN,
};
use kassa_store::repo::loan_products::{accounting_of_loan_in_tx, LoanAccounting};
use kassa_store::repo::loans::transaction::{self as tx_repo, LoanTransactionRow};
use kassa_store::{Conn, Tx};
use rust_decimal::Decimal;

use crate::error::{AppError, AppResult, ParamError};

/// Which of the loan's transactions a change may have moved.
pub enum Touched<'a> {
    /// A replay: any of them.
    All,
    /// An append: these new ones only.
    Only(&'a [i64]),
}

/// Brings the journal of loan `loan_id`'s `touched` transactions in line with their stored splits.
pub async fn sync(tx: &mut Tx, loan_id: i64, touched: Touched<'_>) -> AppResult<()> {
    let Some(accounting) = accounting_of_loan_in_tx(tx, loan_id).await? else {
        return Ok(());
    };
    if accounting.rule == AccountingRule::None {
        return Ok(());
    }
    let (rows, posted) = match touched {
        Touched::All => (
            tx_repo::list_in_tx(tx, loan_id).await?,
            repo::posted_for_loan_in_tx(tx, loan_id).await?,
        ),
        Touched::Only(ids) => {
            let mut rows = Vec::with_capacity(ids.len());
            let mut posted = Vec::new();
            for id in ids {
                rows.extend(tx_repo::find_in_tx(tx, *id).await?);
                posted.extend(repo::posted_for_transaction_in_tx(tx, *id).await?);
            }
            (rows, posted)
        }
    };
    let now = Utc::now();
    for row in &rows {
        let wanted = if row.is_reversed {
            Vec::new()
        } else {
            resolve(&accounting, row)?
        };
        let live: Vec<&PostedLine> = posted
            .iter()
            .filter(|p| p.loan_transaction_id == row.id && !p.reversed)
            .collect();
        let mut had: Vec<(i64, i64, Decimal)> = live
            .iter()
            .map(|p| (p.account_id, p.type_enum, p.amount.0))
            .collect();
        had.sort();
        // Compared as sets of lines; posted in the rule's order (debits of a disbursal first, …).
        let mut wanted_sorted = wanted.clone();
        wanted_sorted.sort();
        if had == wanted_sorted {
            continue;
        }
        check_open(tx, row).await?;
        let line =
            |account_id: i64, type_enum: i64, amount: Decimal, reversed: bool| NewJournalLine {
                account_id,
                office_id: row.office_id,
                currency_code: accounting.currency_code.clone(),
                transaction_id: format!("L{}", row.id),
                loan_transaction_id: Some(row.id),
                manual_entry: false,
                entry_date: row.transaction_date,
                type_enum,
                amount,
                description: None,
                reference_number: None,
                entity_type_enum: Some(ENTITY_LOAN),
                entity_id: Some(loan_id),
                created_by: None,
                submitted_on_date: row.reversed_on_date.unwrap_or(row.submitted_on_date),
                created_on: now,
                payment: EntryPayment::default(),
                reversed,
            };
        // What was posted is taken back line by line on the other side, dated as the transaction ...
        let reversals: Vec<NewJournalLine> = live
            .iter()
            .map(|p| {
                let side = if p.type_enum == DEBIT { CREDIT } else { DEBIT };
                line(p.account_id, side, p.amount.0, true)
            })
            .collect();
        let reversal_ids = repo::insert_in_tx(tx, &reversals).await?;
        for (original, reversal) in live.iter().zip(reversal_ids) {
            repo::mark_reversed_in_tx(tx, original.id, reversal).await?;
        }
        // ... and what the transaction calls for now is posted.
        let current: Vec<NewJournalLine> = wanted
            .iter()
            .map(|(account_id, side, amount)| line(*account_id, *side, *amount, false))
            .collect();
        repo::insert_in_tx(tx, &current).await?;
    }
    Ok(())
}

/// Lines on or before the office's latest closure are refused, as Fineract refuses them.
async fn check_open(tx: &mut Tx, row: &LoanTransactionRow) -> AppResult<()> {
    if let Some(closure) = crate::accounting::closures::latest_closure_on_or_after(
        tx,
        row.office_id,
        row.transaction_date,
    )
    .await?
    {
        return Err(LoanPostingError::AccountingClosed {
            closing_date: closure.closing_date,
        }
        .into());
    }
    Ok(())
}

/// The lines a live transaction calls for, with their GL accounts.
fn resolve(
    accounting: &LoanAccounting,
    row: &LoanTransactionRow,
) -> AppResult<Vec<(i64, i64, Decimal)>> {
    let money = PostedMoney {
        type_id: row.transaction_type_enum,
        amount: row.amount.0,
        principal: row.principal_portion_derived.0,
        interest: row.interest_portion_derived.0,
        fee: row.fee_charges_portion_derived.0,
        penalty: row.penalty_charges_portion_derived.0,
        overpayment: row.overpayment_portion_derived.0,
    };
    let mut out: Vec<(i64, i64, Decimal)> = Vec::new();
    for l in loan_lines(accounting.rule, &money) {
        let account_id = mapped(accounting, l.account).ok_or(LoanPostingError::MappingMissing {
            product_id: accounting.product_id,
            param: l.account.param(),
        })?;
        let side = match l.side {
            JournalEntryType::Debit => DEBIT,
            JournalEntryType::Credit => CREDIT,
        };
        out.push((account_id, side, l.amount));
    }
    Ok(out)
}

fn mapped(accounting: &LoanAccounting, account: LoanAccount) -> Option<i64> {
    accounting
        .mappings
        .iter()
        .find(|(param, _)| param == account.param())
        .map(|(_, id)| *id)
}

/// Checks a loan product's GL mappings for `rule` (Fineract's `LoanProductDataValidator` and
/// `ProductToGLAccountMappingHelper`): every mapping the rule needs is given (400), each given account
/// exists (404), is of a type the mapping takes (403) and, in Kassa, is a detail account (403).
pub async fn check_product_mappings(
    c: &mut Conn<'_>,
    rule: AccountingRule,
    mappings: &[(String, i64)],
) -> AppResult<()> {
    if rule == AccountingRule::None {
        return Ok(());
    }
    let missing: Vec<ParamError> = LoanAccount::ALL
        .iter()
        .filter(|a| a.mandatory_for(rule))
        .filter(|a| !mappings.iter().any(|(p, id)| p == a.param() && *id > 0))
        .map(|a| {
            ParamError::new(
                a.param(),
                format!("validation.msg.loanproduct.{}.cannot.be.blank", a.param()),
                format!("The parameter `{}` is mandatory.", a.param()),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Validation(missing));
    }
    for account in LoanAccount::ALL {
        let Some((_, id)) = mappings.iter().find(|(p, _)| p == account.param()) else {
            continue;
        };
        let gl = kassa_store::repo::accounting::gl_account::find(c, *id)
            .await?
            .ok_or(kassa_domain::accounting::AccountingError::GlAccountNotFound(*id))?;
        if !account.allowed_types().contains(&gl.account_type) {
            return Err(LoanPostingError::WrongAccountType {
                param: account.param(),
                id: *id,
                name: gl.name,
                actual: gl.account_type.label(),
                expected: account
                    .allowed_types()
                    .iter()
                    .map(|t: &GlAccountType| t.label())
                    .collect::<Vec<_>>()
                    .join(", "),
            }
            .into());
        }
        if gl.usage == GlAccountUsage::Header {
            return Err(LoanPostingError::HeaderAccount {
                param: account.param(),
                id: *id,
            }
            .into());
        }
    }
    Ok(())
}

/// Every journal line of a loan's transactions, in the order they were posted (for the invariant checks).
pub async fn lines_of_loan(
    tenant: &crate::platform::tenant::TenantCtx,
    loan_id: i64,
) -> AppResult<Vec<repo::LoanLine>> {
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::lines_of_loan(&mut conn.conn(), loan_id).await?)
}
