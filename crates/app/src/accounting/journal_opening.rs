//! Opening balances (`?command=defineOpeningBalance`, `GET /journalentries/openingbalance`): each line is
//! mirrored on the opening-balances contra account (financial activity 300, an equity account), so the
//! contra nets to zero. Allowed only before any other posting.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::accounting::{
    AccountingError, FinancialActivity, GlAccount, GlAccountType, GlAccountUsage,
    JournalEntryError, ManualLine,
};
use kassa_domain::organisation::office::Office;
use kassa_store::repo::accounting::financial_activity as activity_repo;
use kassa_store::repo::accounting::journal_entry as writes;
use kassa_store::repo::accounting::journal_read::{self as repo, JournalListing};
use kassa_store::{Conn, Tx};

use super::gl_accounts::enabled;
use super::journal_entries::{
    check_dates_and_sides, check_lines_in_tx, manual_line, new_transaction_id, office_in_tx,
    ManualEntry,
};
use super::journal_reversal::reverse_lines_in_tx;
use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

/// The contra account: mapped to activity 300 (404 otherwise) and of type equity (403 otherwise).
async fn contra(c: &mut Conn<'_>) -> AppResult<GlAccount> {
    let id = FinancialActivity::OpeningBalancesTransferContra.fineract_id();
    let mapping = activity_repo::list(c)
        .await?
        .into_iter()
        .find(|m| m.activity == FinancialActivity::OpeningBalancesTransferContra)
        .ok_or(AccountingError::ActivityAccountNotFound(id))?;
    let account = kassa_store::repo::accounting::gl_account::find(c, mapping.gl_account_id)
        .await?
        .ok_or(AccountingError::GlAccountNotFound(mapping.gl_account_id))?;
    if account.account_type != GlAccountType::Equity {
        return Err(JournalEntryError::OpeningBalanceContraType.into());
    }
    Ok(account)
}

pub struct DefineOpeningBalance(pub ManualEntry);

#[async_trait]
impl Command for DefineOpeningBalance {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let e = &self.0;
        let contra = contra(&mut tx.conn()).await?;
        if repo::other_than_opening_exists(&mut tx.conn(), contra.id).await? {
            return Err(JournalEntryError::OpeningBalanceNotAllowed.into());
        }
        office_in_tx(tx, ctx.principal, e.office_id).await?;
        check_dates_and_sides(tx, e, ctx.today).await?;
        check_lines_in_tx(tx, e).await?;
        for tid in repo::opening_transactions_in_tx(tx, e.office_id, contra.id).await? {
            let lines = repo::reversible_in_tx(tx, &tid).await?;
            reverse_lines_in_tx(tx, ctx, &lines, Some("defining opening balance")).await?;
        }
        let transaction_id = new_transaction_id(tx).await?;
        let mut rows = Vec::with_capacity(2 * (e.debits.len() + e.credits.len()));
        for (side, mirror, list) in [
            (writes::DEBIT, writes::CREDIT, &e.debits),
            (writes::CREDIT, writes::DEBIT, &e.credits),
        ] {
            for l in list {
                let description = l.comments.clone().or_else(|| e.comments.clone());
                rows.push(manual_line(
                    e,
                    ctx,
                    &transaction_id,
                    side,
                    l,
                    description.clone(),
                ));
                let mirrored = ManualLine {
                    gl_account_id: contra.id,
                    ..l.clone()
                };
                rows.push(manual_line(
                    e,
                    ctx,
                    &transaction_id,
                    mirror,
                    &mirrored,
                    description,
                ));
            }
        }
        writes::insert_in_tx(tx, &rows).await?;
        Ok(CommandResult {
            office_id: Some(e.office_id),
            transaction_id: Some(transaction_id),
            ..Default::default()
        })
    }
}

/// An office's opening balances: for each enabled detail account (the contra left out) its opening line,
/// if it has one.
pub struct OpeningBalances {
    pub office: Office,
    pub today: NaiveDate,
    pub contra: GlAccount,
    pub accounts: Vec<(GlAccount, Option<JournalListing>)>,
}

pub async fn opening_balances(
    tenant: &TenantCtx,
    principal: &Principal,
    today: NaiveDate,
    office_id: i64,
    currency: &str,
) -> AppResult<OpeningBalances> {
    principal
        .permissions
        .check_read(super::journal_entries::ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let contra = contra(&mut c).await?;
    let office = kassa_store::repo::organisation::office::find(&mut c, office_id)
        .await?
        .filter(|o| {
            kassa_domain::organisation::office::is_within(&principal.office_hierarchy, &o.hierarchy)
        })
        .ok_or(kassa_domain::organisation::office::OfficeError::NotFound(
            office_id,
        ))?;
    let lines = repo::opening_lines(&mut c, office_id, contra.id, currency).await?;
    let mut accounts = Vec::new();
    for a in enabled(&mut c, None, GlAccountUsage::Detail).await? {
        if a.id == contra.id {
            continue;
        }
        let line = lines.iter().find(|l| l.account_id == a.id).cloned();
        accounts.push((a, line));
    }
    Ok(OpeningBalances {
        office,
        today,
        contra,
        accounts,
    })
}
