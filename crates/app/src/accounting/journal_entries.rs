//! Journal entries: the searches of `GET /journalentries`, and manual entries written by accountants
//! (Fineract's `JournalEntryWritePlatformService.createJournalEntry`). Reversals and opening balances
//! are in `journal_reversal` and `journal_opening`.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::accounting::{
    self as domain, AccountingError, GlAccount, GlAccountType, JournalEntryError, ManualLine,
};
use kassa_domain::organisation::currency::CurrencyError;
use kassa_domain::organisation::office::{is_within, Office, OfficeError};
use kassa_domain::organisation::payment_type::PaymentTypeError;
use kassa_store::repo::accounting::journal_entry::{self as writes, EntryPayment, NewJournalLine};
use kassa_store::repo::accounting::journal_read::{self as repo, JournalFilter, JournalListing};
use kassa_store::repo::accounting::{gl_account as account_repo, rule as rule_repo};
use kassa_store::repo::organisation::{
    currency as currency_repo, office as office_repo, payment_type as payment_repo,
};
use kassa_store::repo::paging::{PageBounds, SortOrder};
use kassa_store::Tx;
use rust_decimal::Decimal;

use super::closures::latest_closure_on_or_after;
use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub use kassa_store::repo::accounting::journal_read::{JournalOrder, ReversibleLine};

pub const ENTITY: &str = "JOURNALENTRY";

/// One page of the lines of the caller's offices, and how many match in all.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    filter: &JournalFilter,
    order: Option<(JournalOrder, SortOrder)>,
    page: PageBounds,
    running: bool,
) -> AppResult<(i64, Vec<JournalListing>)> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let hierarchy = &principal.office_hierarchy;
    Ok(repo::search(&mut conn.conn(), hierarchy, filter, order, page, running).await?)
}

pub async fn get(
    tenant: &TenantCtx,
    principal: &Principal,
    id: i64,
    running: bool,
) -> AppResult<JournalListing> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let hierarchy = &principal.office_hierarchy;
    Ok(repo::find(&mut conn.conn(), hierarchy, id, running)
        .await?
        .ok_or(JournalEntryError::NotFound(id))?)
}

/// The balance of every account with entries, over all offices (`organizationRunningBalance` of the
/// chart's reads).
pub async fn account_balances(
    tenant: &TenantCtx,
    accounts: &[GlAccount],
) -> AppResult<HashMap<i64, Decimal>> {
    let mut conn = tenant.pool().acquire().await?;
    let nets: HashMap<i64, Decimal> = repo::net_debits(&mut conn.conn())
        .await?
        .into_iter()
        .map(|(id, net)| (id, net.0))
        .collect();
    Ok(accounts
        .iter()
        .map(|a| {
            let net = nets.get(&a.id).copied().unwrap_or_default();
            (a.id, domain::balance_of_net_debit(a.account_type, net))
        })
        .collect())
}

/// A line's balance effect read back as the account's balance, for one account type.
pub fn balance(t: GlAccountType, net_debit: Decimal) -> Decimal {
    domain::balance_of_net_debit(t, net_debit)
}

/// What a manual entry says, validated field by field.
#[derive(Debug, Clone)]
pub struct ManualEntry {
    pub office_id: i64,
    pub transaction_date: NaiveDate,
    pub currency_code: String,
    pub comments: Option<String>,
    pub reference_number: Option<String>,
    pub accounting_rule: Option<i64>,
    pub payment: EntryPayment,
    pub debits: Vec<ManualLine>,
    pub credits: Vec<ManualLine>,
}

pub struct CreateManualEntry(pub ManualEntry);

#[async_trait]
impl Command for CreateManualEntry {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let e = &self.0;
        office_in_tx(tx, ctx.principal, e.office_id).await?;
        check_dates_and_sides(tx, e, ctx.today).await?;
        if let Some(id) = e.payment.payment_type_id {
            payment_repo::find(&mut tx.conn(), id)
                .await?
                .ok_or(PaymentTypeError::NotFound(id))?;
        }
        if let Some(rule_id) = e.accounting_rule {
            check_rule_in_tx(tx, rule_id, e).await?;
        }
        check_lines_in_tx(tx, e).await?;
        let transaction_id = new_transaction_id(tx).await?;
        let mut lines = Vec::with_capacity(e.debits.len() + e.credits.len());
        for (side, list) in [(writes::DEBIT, &e.debits), (writes::CREDIT, &e.credits)] {
            for l in list {
                let description = l.comments.clone().or_else(|| e.comments.clone());
                lines.push(manual_line(e, ctx, &transaction_id, side, l, description));
            }
        }
        writes::insert_in_tx(tx, &lines).await?;
        Ok(CommandResult {
            office_id: Some(e.office_id),
            transaction_id: Some(transaction_id),
            ..Default::default()
        })
    }
}

/// A row of a manual entry (or of an opening balance).
pub(super) fn manual_line(
    e: &ManualEntry,
    ctx: &CommandCtx<'_>,
    transaction_id: &str,
    side: i64,
    l: &ManualLine,
    description: Option<String>,
) -> NewJournalLine {
    NewJournalLine {
        account_id: l.gl_account_id,
        office_id: e.office_id,
        currency_code: e.currency_code.clone(),
        transaction_id: transaction_id.to_string(),
        loan_transaction_id: None,
        manual_entry: true,
        entry_date: e.transaction_date,
        type_enum: side,
        amount: l.amount,
        description,
        reference_number: e.reference_number.clone(),
        entity_type_enum: None,
        entity_id: None,
        created_by: Some(ctx.principal.user_id),
        submitted_on_date: ctx.today,
        created_on: ctx.now,
        payment: e.payment.clone(),
        reversed: false,
    }
}

/// The office, when it lies within the caller's subtree (else it does not exist for the caller).
pub(super) async fn office_in_tx(tx: &mut Tx, principal: &Principal, id: i64) -> AppResult<Office> {
    let office = office_repo::find(&mut tx.conn(), id)
        .await?
        .ok_or(OfficeError::NotFound(id))?;
    if !is_within(&principal.office_hierarchy, &office.hierarchy) {
        return Err(OfficeError::NotFound(id).into());
    }
    Ok(office)
}

/// Fineract's business rules in its order: not in the future, after the office's latest closure, both
/// sides present, sums equal.
pub(super) async fn check_dates_and_sides(
    tx: &mut Tx,
    e: &ManualEntry,
    today: NaiveDate,
) -> AppResult<()> {
    domain::check_not_future(e.transaction_date, today)?;
    check_open_in_tx(tx, e.office_id, e.transaction_date).await?;
    domain::check_sides(&e.debits, &e.credits)?;
    Ok(())
}

/// 403 when the office's books are closed on `date`.
pub(super) async fn check_open_in_tx(
    tx: &mut Tx,
    office_id: i64,
    date: NaiveDate,
) -> AppResult<()> {
    if let Some(closure) = latest_closure_on_or_after(tx, office_id, date).await? {
        return Err(JournalEntryError::AccountingClosed(closure.closing_date).into());
    }
    Ok(())
}

async fn check_rule_in_tx(tx: &mut Tx, rule_id: i64, e: &ManualEntry) -> AppResult<()> {
    let (rule, tags) = rule_repo::find(&mut tx.conn(), rule_id)
        .await?
        .ok_or(AccountingError::RuleNotFound(rule_id))?;
    let debit_tags = tags_in_tx(tx, &e.debits).await?;
    let credit_tags = tags_in_tx(tx, &e.credits).await?;
    domain::check_rule(
        &rule,
        &tags,
        (&e.debits, &debit_tags),
        (&e.credits, &credit_tags),
    )?;
    Ok(())
}

/// The tag of each line's account (None for an account without a tag or that does not exist).
async fn tags_in_tx(tx: &mut Tx, lines: &[ManualLine]) -> AppResult<Vec<Option<i64>>> {
    let mut tags = Vec::with_capacity(lines.len());
    for l in lines {
        let account = account_repo::find(&mut tx.conn(), l.gl_account_id).await?;
        tags.push(account.and_then(|a| a.tag_id));
    }
    Ok(tags)
}

/// Per line, debits first: the account exists and takes manual lines, and the currency is the
/// organisation's.
pub(super) async fn check_lines_in_tx(tx: &mut Tx, e: &ManualEntry) -> AppResult<()> {
    let mut currency_checked = false;
    for l in e.debits.iter().chain(e.credits.iter()) {
        let account = account_repo::find(&mut tx.conn(), l.gl_account_id)
            .await?
            .ok_or(AccountingError::GlAccountNotFound(l.gl_account_id))?;
        domain::check_manual_account(&account)?;
        if !currency_checked {
            currency_repo::find_enabled(&mut tx.conn(), &e.currency_code)
                .await?
                .ok_or_else(|| CurrencyError::NotEnabled(e.currency_code.clone()))?;
            currency_checked = true;
        }
    }
    Ok(())
}

/// A fresh transaction id: 64 random bits in hex, checked unused (Fineract's time-based id may repeat).
pub(super) async fn new_transaction_id(tx: &mut Tx) -> AppResult<String> {
    loop {
        let candidate = format!("{:016x}", rand::random::<u64>());
        if !repo::transaction_id_taken(tx, &candidate).await? {
            return Ok(candidate);
        }
    }
}
