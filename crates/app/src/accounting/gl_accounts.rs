//! GL accounts: read by everyone who sets up products and posts entries, written by accountants.

use async_trait::async_trait;
use kassa_domain::accounting::{
    self, AccountingError, GlAccount, GlAccountChanges, GlAccountDraft, GlAccountType,
    GlAccountUsage, JournalEntryError,
};
use kassa_domain::organisation::code::{CodeError, CodeValue};
use kassa_store::repo::accounting::gl_account::{self as repo, Filter};
use kassa_store::repo::accounting::journal_read;
use kassa_store::repo::organisation::code as code_repo;
use kassa_store::{Conn, Tx};
use serde_json::{Map, Value};

use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "GLACCOUNT";

pub use kassa_store::repo::accounting::gl_account::Filter as GlAccountFilter;

pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    filter: &Filter,
) -> AppResult<Vec<GlAccount>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list(&mut conn.conn(), filter).await?)
}

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<GlAccount> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find(&mut conn.conn(), id)
        .await?
        .ok_or(AccountingError::GlAccountNotFound(id))?)
}

/// What a GL account form offers, per account type: the enabled header accounts and the tags.
pub struct GlAccountTemplate {
    pub headers: Vec<(GlAccountType, Vec<GlAccount>)>,
    pub tags: Vec<(GlAccountType, Vec<CodeValue>)>,
}

pub async fn template(tenant: &TenantCtx, principal: &Principal) -> AppResult<GlAccountTemplate> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let mut headers = Vec::new();
    let mut tags = Vec::new();
    for t in GlAccountType::ALL {
        headers.push((*t, enabled(&mut c, Some(*t), GlAccountUsage::Header).await?));
        tags.push((
            *t,
            code_repo::active_values_of_code_named(&mut c, t.tag_code()).await?,
        ));
    }
    Ok(GlAccountTemplate { headers, tags })
}

/// Enabled accounts of one usage (and type, when given), by GL code.
pub async fn enabled(
    c: &mut Conn<'_>,
    t: Option<GlAccountType>,
    usage: GlAccountUsage,
) -> AppResult<Vec<GlAccount>> {
    let filter = Filter {
        account_type: t,
        usage: Some(usage),
        disabled: Some(false),
        ..Filter::default()
    };
    Ok(repo::list(c, &filter).await?)
}

pub async fn find_in_tx(tx: &mut Tx, id: i64) -> AppResult<GlAccount> {
    Ok(repo::find(&mut tx.conn(), id)
        .await?
        .ok_or(AccountingError::GlAccountNotFound(id))?)
}

/// A tag must be a value of the code that tags accounts of this type (404 otherwise, as Fineract).
async fn check_tag_in_tx(tx: &mut Tx, t: GlAccountType, tag_id: i64) -> AppResult<()> {
    match code_repo::value_of_code_named(&mut tx.conn(), t.tag_code(), tag_id).await? {
        Some(_) => Ok(()),
        None => Err(CodeError::ValueNotFound(tag_id).into()),
    }
}

async fn check_gl_code_in_tx(tx: &mut Tx, gl_code: &str, except_id: i64) -> AppResult<()> {
    if repo::gl_code_taken(&mut tx.conn(), gl_code, except_id).await? {
        return Err(AccountingError::DuplicateGlCode(gl_code.to_string()).into());
    }
    Ok(())
}

pub struct CreateGlAccount {
    pub draft: GlAccountDraft,
}

#[async_trait]
impl Command for CreateGlAccount {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let d = &self.draft;
        let parent = match d.parent_id {
            Some(pid) => {
                let parent = find_in_tx(tx, pid).await?;
                accounting::check_parent(None, &parent)?;
                Some(parent)
            }
            None => None,
        };
        if let Some(tag) = d.tag_id {
            check_tag_in_tx(tx, d.account_type, tag).await?;
        }
        check_gl_code_in_tx(tx, &d.gl_code, 0).await?;
        let id = repo::insert_in_tx(tx, d, parent.as_ref().map(|p| p.hierarchy.as_str())).await?;
        Ok(CommandResult::resource(id))
    }
}

/// Updates an account; answers `{resourceId, changes}` with the request's values of what changed.
pub struct UpdateGlAccount {
    pub id: i64,
    pub changes: GlAccountChanges,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for UpdateGlAccount {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        if self.changes.parent_id == Some(Some(self.id)) {
            return Err(AccountingError::ParentIsSelf(self.id).into());
        }
        let current = find_in_tx(tx, self.id).await?;
        let c = &self.changes;
        let mut next = current.clone();
        let mut changed: Vec<&'static str> = Vec::new();
        macro_rules! set {
            ($field:ident, $param:literal) => {
                if let Some(v) = &c.$field {
                    if *v != next.$field {
                        next.$field = v.clone();
                        changed.push($param);
                    }
                }
            };
        }
        set!(name, "name");
        set!(gl_code, "glCode");
        set!(parent_id, "parentId");
        set!(account_type, "type");
        set!(usage, "usage");
        set!(manual_entries_allowed, "manualEntriesAllowed");
        set!(disabled, "disabled");
        set!(description, "description");
        set!(tag_id, "tagId");
        if changed.contains(&"glCode") {
            check_gl_code_in_tx(tx, &next.gl_code, self.id).await?;
        }
        if changed.contains(&"tagId") || changed.contains(&"type") {
            if let Some(tag) = next.tag_id {
                check_tag_in_tx(tx, next.account_type, tag).await?;
            }
        }
        if changed.contains(&"usage")
            && next.usage == GlAccountUsage::Detail
            && repo::child_count(&mut tx.conn(), self.id).await? > 0
        {
            // A header with children cannot become a detail account: entries would go to a parent.
            return Err(AccountingError::HasChildren(self.id).into());
        }
        if changed.contains(&"usage")
            && next.usage == GlAccountUsage::Header
            && journal_read::account_has_entries(&mut tx.conn(), self.id).await?
        {
            return Err(JournalEntryError::AccountHasEntriesUpdate(self.id).into());
        }
        if changed.is_empty() {
            return Ok(CommandResult {
                resource_id: Some(self.id),
                changes: Some(Map::new()),
                ..Default::default()
            });
        }
        repo::update_in_tx(tx, &next).await?;
        if changed.contains(&"parentId") {
            let parent = match next.parent_id {
                Some(pid) => {
                    let parent = find_in_tx(tx, pid).await?;
                    accounting::check_parent(Some(self.id), &parent)?;
                    Some(parent)
                }
                None => None,
            };
            let hierarchy =
                accounting::child_hierarchy(parent.as_ref().map(|p| p.hierarchy.as_str()), self.id);
            repo::move_subtree_in_tx(tx, &current.hierarchy, &hierarchy).await?;
        }
        let mut changes = Map::new();
        for name in changed {
            changes.insert(
                name.to_string(),
                self.values.get(name).cloned().unwrap_or(Value::Null),
            );
        }
        Ok(CommandResult {
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// Deletes an account that has no children, no journal entries, and that no rule or activity uses.
pub struct DeleteGlAccount {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteGlAccount {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        find_in_tx(tx, self.id).await?;
        if repo::child_count(&mut tx.conn(), self.id).await? > 0 {
            return Err(AccountingError::HasChildren(self.id).into());
        }
        if journal_read::account_has_entries(&mut tx.conn(), self.id).await? {
            return Err(JournalEntryError::AccountHasEntriesDelete(self.id).into());
        }
        if repo::in_use(&mut tx.conn(), self.id).await? {
            return Err(AccountingError::InUse(self.id).into());
        }
        repo::delete_in_tx(tx, self.id).await?;
        Ok(CommandResult::resource(self.id))
    }
}
