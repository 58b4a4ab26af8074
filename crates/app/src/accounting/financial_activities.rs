//! Financial activity accounts: which GL account each financial activity (asset transfer, cash at teller,
//! opening balances contra, …) posts to. One account per activity.

use async_trait::async_trait;
use kassa_domain::accounting::{
    self, AccountingError, FinancialActivity, FinancialActivityAccount, GlAccount, GlAccountType,
    GlAccountUsage,
};
use kassa_store::repo::accounting::financial_activity as repo;
use kassa_store::repo::accounting::gl_account as account_repo;
use kassa_store::{Conn, Tx};
use serde_json::{Map, Value};

use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "FINANCIALACTIVITYACCOUNT";

pub struct ActivityAccountView {
    pub mapping: FinancialActivityAccount,
    pub account: Option<GlAccount>,
}

async fn view(
    c: &mut Conn<'_>,
    mapping: FinancialActivityAccount,
) -> AppResult<ActivityAccountView> {
    let account = account_repo::find(c, mapping.gl_account_id).await?;
    Ok(ActivityAccountView { mapping, account })
}

pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<Vec<ActivityAccountView>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let mut out = Vec::new();
    for m in repo::list(&mut c).await? {
        out.push(view(&mut c, m).await?);
    }
    Ok(out)
}

pub async fn get(
    tenant: &TenantCtx,
    principal: &Principal,
    id: i64,
) -> AppResult<ActivityAccountView> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let m = repo::find(&mut c, id)
        .await?
        .ok_or(AccountingError::ActivityAccountNotFound(id))?;
    view(&mut c, m).await
}

/// The enabled detail accounts per type, the accounts a mapping may name (`glAccountOptions`).
pub async fn account_options(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<Vec<(GlAccountType, Vec<GlAccount>)>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let mut out = Vec::new();
    for t in GlAccountType::ALL {
        out.push((
            *t,
            super::gl_accounts::enabled(&mut c, Some(*t), GlAccountUsage::Detail).await?,
        ));
    }
    Ok(out)
}

async fn check_in_tx(tx: &mut Tx, m: &FinancialActivityAccount) -> AppResult<()> {
    let account = super::gl_accounts::find_in_tx(tx, m.gl_account_id).await?;
    if repo::activity_taken(&mut tx.conn(), m.activity, m.id).await? {
        return Err(AccountingError::DuplicateActivity(m.activity.fineract_id()).into());
    }
    accounting::check_activity_account(m.activity, &account)?;
    Ok(())
}

pub struct CreateActivityAccount {
    pub activity: FinancialActivity,
    pub gl_account_id: i64,
}

#[async_trait]
impl Command for CreateActivityAccount {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let m = FinancialActivityAccount {
            id: 0,
            activity: self.activity,
            gl_account_id: self.gl_account_id,
        };
        check_in_tx(tx, &m).await?;
        let id = repo::insert_in_tx(tx, self.activity, self.gl_account_id).await?;
        Ok(CommandResult::resource(id))
    }
}

pub struct UpdateActivityAccount {
    pub id: i64,
    pub activity: Option<FinancialActivity>,
    pub gl_account_id: Option<i64>,
}

#[async_trait]
impl Command for UpdateActivityAccount {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(AccountingError::ActivityAccountNotFound(self.id))?;
        let mut next = current.clone();
        let mut changes = Map::new();
        if let Some(a) = self.gl_account_id.filter(|a| *a != current.gl_account_id) {
            next.gl_account_id = a;
            changes.insert("glAccountId".into(), Value::from(a));
        }
        if let Some(a) = self.activity.filter(|a| *a != current.activity) {
            next.activity = a;
            changes.insert("financialActivityId".into(), Value::from(a.fineract_id()));
        }
        if !changes.is_empty() {
            check_in_tx(tx, &next).await?;
            repo::update_in_tx(tx, &next).await?;
        }
        Ok(CommandResult {
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

pub struct DeleteActivityAccount {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteActivityAccount {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(AccountingError::ActivityAccountNotFound(self.id))?;
        repo::delete_in_tx(tx, self.id).await?;
        Ok(CommandResult::resource(self.id))
    }
}
