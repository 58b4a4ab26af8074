//! Accounting rules: a named debit side and credit side that a manual journal entry can follow.

use async_trait::async_trait;
use kassa_domain::accounting::{
    AccountingError, AccountingRule, GlAccount, GlAccountType, GlAccountUsage, RuleSide, RuleTag,
};
use kassa_domain::organisation::code::{CodeError, CodeValue};
use kassa_domain::organisation::office::{is_within, Office, OfficeError};
use kassa_store::repo::accounting::gl_account as account_repo;
use kassa_store::repo::accounting::rule as repo;
use kassa_store::repo::organisation::code as code_repo;
use kassa_store::repo::organisation::office::{self as office_repo, OfficeOrder};
use kassa_store::repo::paging::SortOrder;
use kassa_store::{Conn, Tx};
use serde_json::{Map, Value};

use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "ACCOUNTINGRULE";

/// A rule as reads show it: with its tags, its office's name and its fixed accounts.
pub struct RuleView {
    pub rule: AccountingRule,
    pub tags: Vec<RuleTag>,
    pub office_name: Option<String>,
    pub debit_account: Option<GlAccount>,
    pub credit_account: Option<GlAccount>,
}

async fn view(c: &mut Conn<'_>, rule: AccountingRule, tags: Vec<RuleTag>) -> AppResult<RuleView> {
    let office_name = match rule.office_id {
        Some(id) => office_repo::find(c, id).await?.map(|o| o.name),
        None => None,
    };
    let mut accounts = [None, None];
    for (slot, side) in accounts.iter_mut().zip([&rule.debit, &rule.credit]) {
        if let RuleSide::Account(id) = side {
            *slot = account_repo::find(c, *id).await?;
        }
    }
    let [debit_account, credit_account] = accounts;
    Ok(RuleView {
        rule,
        tags,
        office_name,
        debit_account,
        credit_account,
    })
}

/// Rules of the offices within the caller's subtree, by id.
pub async fn list(tenant: &TenantCtx, principal: &Principal) -> AppResult<Vec<RuleView>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let mut out = Vec::new();
    for (rule, tags) in repo::list_within(&mut c, &principal.office_hierarchy).await? {
        out.push(view(&mut c, rule, tags).await?);
    }
    Ok(out)
}

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<RuleView> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let (rule, tags) = repo::find(&mut c, id)
        .await?
        .ok_or(AccountingError::RuleNotFound(id))?;
    view(&mut c, rule, tags).await
}

/// What a rule form offers: the caller's offices, the enabled detail accounts and every account tag.
pub struct RuleTemplate {
    pub offices: Vec<Office>,
    pub accounts: Vec<GlAccount>,
    pub tags: Vec<CodeValue>,
}

pub async fn template(tenant: &TenantCtx, principal: &Principal) -> AppResult<RuleTemplate> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let offices = office_repo::list_within(
        &mut c,
        &principal.office_hierarchy,
        OfficeOrder::Hierarchy,
        SortOrder::Asc,
    )
    .await?
    .into_iter()
    .map(|l| l.office)
    .collect();
    let accounts = super::gl_accounts::enabled(&mut c, None, GlAccountUsage::Detail).await?;
    let mut tags = Vec::new();
    for t in GlAccountType::ALL {
        tags.extend(code_repo::active_values_of_code_named(&mut c, t.tag_code()).await?);
    }
    Ok(RuleTemplate {
        offices,
        accounts,
        tags,
    })
}

/// One side of a request: an account, tags, or (on update) nothing.
#[derive(Debug, Clone, Default)]
pub struct SideRequest {
    pub account: Option<i64>,
    pub tags: Option<Vec<i64>>,
    pub allow_multiple: Option<bool>,
}

const DEBIT: (&str, &str) = ("accountToDebit", "debitTags");
const CREDIT: (&str, &str) = ("accountToCredit", "creditTags");

/// The side a request asks for, `None` when it asks nothing of this side (only allowed on update).
fn side(
    req: &SideRequest,
    names: (&'static str, &'static str),
    current: Option<&RuleSide>,
) -> AppResult<Option<RuleSide>> {
    let both = AccountingError::RuleSideRequired {
        account: names.0,
        tags: names.1,
    };
    match (req.account, &req.tags) {
        (Some(_), Some(_)) => Err(both.into()),
        (Some(id), None) => Ok(Some(RuleSide::Account(id))),
        (None, Some(tags)) => {
            let mut tag_ids = tags.clone();
            tag_ids.sort_unstable();
            tag_ids.dedup();
            let kept = match current {
                Some(RuleSide::Tags { allow_multiple, .. }) => *allow_multiple,
                _ => false,
            };
            Ok(Some(RuleSide::Tags {
                tag_ids,
                allow_multiple: req.allow_multiple.unwrap_or(kept),
            }))
        }
        (None, None) => match (current, req.allow_multiple) {
            (None, _) => Err(both.into()),
            (Some(RuleSide::Tags { tag_ids, .. }), Some(m)) => Ok(Some(RuleSide::Tags {
                tag_ids: tag_ids.clone(),
                allow_multiple: m,
            })),
            (Some(_), _) => Ok(None),
        },
    }
}

/// Every account and tag a rule names exists; its office exists within the caller's subtree; its name is
/// free.
async fn check_in_tx(tx: &mut Tx, rule: &AccountingRule, principal: &Principal) -> AppResult<()> {
    if let Some(office_id) = rule.office_id {
        let office = office_repo::find(&mut tx.conn(), office_id)
            .await?
            .ok_or(OfficeError::NotFound(office_id))?;
        if !is_within(&principal.office_hierarchy, &office.hierarchy) {
            return Err(OfficeError::NotFound(office_id).into());
        }
    }
    for side in [&rule.debit, &rule.credit] {
        match side {
            RuleSide::Account(id) => {
                super::gl_accounts::find_in_tx(tx, *id).await?;
            }
            RuleSide::Tags { tag_ids, .. } => {
                for tag in tag_ids {
                    code_repo::find_value(&mut tx.conn(), *tag)
                        .await?
                        .ok_or(CodeError::ValueNotFound(*tag))?;
                }
            }
        }
    }
    if repo::name_taken(&mut tx.conn(), &rule.name, rule.id).await? {
        return Err(AccountingError::DuplicateRuleName(rule.name.clone()).into());
    }
    Ok(())
}

pub struct CreateRule {
    pub name: String,
    pub office_id: i64,
    pub description: Option<String>,
    pub debit: SideRequest,
    pub credit: SideRequest,
}

#[async_trait]
impl Command for CreateRule {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let debit = side(&self.debit, DEBIT, None)?;
        let credit = side(&self.credit, CREDIT, None)?;
        let (Some(debit), Some(credit)) = (debit, credit) else {
            return Err(AccountingError::RuleSideRequired {
                account: DEBIT.0,
                tags: DEBIT.1,
            }
            .into());
        };
        let rule = AccountingRule {
            id: 0,
            name: self.name.clone(),
            office_id: Some(self.office_id),
            description: self.description.clone(),
            system_defined: false,
            debit,
            credit,
        };
        check_in_tx(tx, &rule, ctx.principal).await?;
        let id = repo::insert_in_tx(tx, &rule).await?;
        Ok(CommandResult {
            office_id: Some(self.office_id),
            resource_id: Some(id),
            ..Default::default()
        })
    }
}

/// An update: each given field replaces the stored one; a side given as an account drops its tags and
/// the other way round.
pub struct UpdateRule {
    pub id: i64,
    pub name: Option<String>,
    pub office_id: Option<i64>,
    pub description: Option<Option<String>>,
    pub debit: SideRequest,
    pub credit: SideRequest,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for UpdateRule {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let (current, _) = repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(AccountingError::RuleNotFound(self.id))?;
        let mut next = current.clone();
        let mut changed: Vec<&str> = Vec::new();
        if let Some(name) = self.name.as_ref().filter(|n| **n != current.name) {
            next.name = name.clone();
            changed.push("name");
        }
        if let Some(office) = self.office_id.filter(|o| Some(*o) != current.office_id) {
            next.office_id = Some(office);
            changed.push("officeId");
        }
        if let Some(description) = self
            .description
            .as_ref()
            .filter(|d| **d != current.description)
        {
            next.description = description.clone();
            changed.push("description");
        }
        let sides = [
            (&self.debit, DEBIT, "allowMultipleDebitEntries"),
            (&self.credit, CREDIT, "allowMultipleCreditEntries"),
        ];
        for (req, names, multiple) in sides {
            let slot = if names == DEBIT {
                &mut next.debit
            } else {
                &mut next.credit
            };
            let Some(new_side) = side(req, names, Some(&*slot))? else {
                continue;
            };
            if new_side == *slot {
                continue;
            }
            match (&new_side, &*slot) {
                (RuleSide::Account(_), _) => changed.push(names.0),
                (RuleSide::Tags { tag_ids, .. }, RuleSide::Tags { tag_ids: old, .. })
                    if tag_ids == old =>
                {
                    changed.push(multiple)
                }
                (RuleSide::Tags { .. }, _) => changed.push(names.1),
            }
            *slot = new_side;
        }
        let mut changes = Map::new();
        if !changed.is_empty() {
            check_in_tx(tx, &next, ctx.principal).await?;
            repo::update_in_tx(tx, &next).await?;
            for name in changed {
                changes.insert(
                    name.to_string(),
                    self.values.get(name).cloned().unwrap_or(Value::Null),
                );
            }
        }
        Ok(CommandResult {
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

pub struct DeleteRule {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteRule {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(AccountingError::RuleNotFound(self.id))?;
        repo::delete_in_tx(tx, self.id).await?;
        Ok(CommandResult::resource(self.id))
    }
}
