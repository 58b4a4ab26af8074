//! Accounting closures: an office's books are closed up to and including a date. Journal entries dated
//! on or before an office's latest closure are refused (`is_closed`).

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::accounting::{self, AccountingError, GlClosure};
use kassa_domain::organisation::office::{is_within, Office, OfficeError};
use kassa_store::repo::accounting::closure::{self as repo, ClosureListing};
use kassa_store::repo::organisation::office as office_repo;
use kassa_store::{Conn, Tx};
use serde_json::{Map, Value};

use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "GLCLOSURE";

/// Closures of the offices within the caller's subtree (or of one of them), latest first.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    office_id: Option<i64>,
) -> AppResult<Vec<ClosureListing>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    // Fineract treats officeId=0 as no filter.
    let office_id = office_id.filter(|id| *id != 0);
    Ok(repo::list_within(&mut conn.conn(), &principal.office_hierarchy, office_id).await?)
}

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<ClosureListing> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let listing = repo::find_listing(&mut c, id)
        .await?
        .ok_or(AccountingError::ClosureNotFound(id))?;
    let office = office_repo::find(&mut c, listing.office_id).await?;
    match office {
        Some(o) if is_within(&principal.office_hierarchy, &o.hierarchy) => Ok(listing),
        _ => Err(AccountingError::ClosureNotFound(id).into()),
    }
}

/// The office's latest closure dated on or after `date`: when there is one, the books are closed on
/// `date`. Journal entries call this inside their own transaction.
pub async fn latest_closure_on_or_after(
    tx: &mut Tx,
    office_id: i64,
    date: NaiveDate,
) -> AppResult<Option<GlClosure>> {
    Ok(repo::latest_on_or_after(&mut tx.conn(), office_id, date).await?)
}

/// Whether the office's books are closed on `date` (Fineract's rule: an entry must be dated after the
/// office's latest closure).
pub async fn is_closed(c: &mut Conn<'_>, office_id: i64, date: NaiveDate) -> AppResult<bool> {
    Ok(repo::latest_on_or_after(c, office_id, date)
        .await?
        .is_some())
}

async fn office_in_tx(tx: &mut Tx, principal: &Principal, id: i64) -> AppResult<Office> {
    let office = office_repo::find(&mut tx.conn(), id)
        .await?
        .ok_or(OfficeError::NotFound(id))?;
    if !is_within(&principal.office_hierarchy, &office.hierarchy) {
        return Err(OfficeError::NotFound(id).into());
    }
    Ok(office)
}

pub struct CreateClosure {
    pub office_id: i64,
    pub closing_date: NaiveDate,
    pub comments: Option<String>,
}

#[async_trait]
impl Command for CreateClosure {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        office_in_tx(tx, ctx.principal, self.office_id).await?;
        let latest = repo::latest(&mut tx.conn(), self.office_id).await?;
        accounting::check_closure_date(self.closing_date, ctx.today, latest.as_ref())?;
        if repo::date_taken(&mut tx.conn(), self.office_id, self.closing_date).await? {
            return Err(AccountingError::DuplicateClosure {
                office_id: self.office_id,
                date: self.closing_date,
            }
            .into());
        }
        let id = repo::insert_in_tx(
            tx,
            self.office_id,
            self.closing_date,
            self.comments.as_deref(),
            ctx.principal.user_id,
            ctx.today,
        )
        .await?;
        Ok(CommandResult {
            office_id: Some(self.office_id),
            resource_id: Some(id),
            ..Default::default()
        })
    }
}

/// Only the comments of a closure change.
pub struct UpdateClosure {
    pub id: i64,
    pub comments: Option<String>,
}

#[async_trait]
impl Command for UpdateClosure {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(AccountingError::ClosureNotFound(self.id))?;
        office_in_tx(tx, ctx.principal, current.office_id)
            .await
            .map_err(|_| AccountingError::ClosureNotFound(self.id))?;
        let mut changes = Map::new();
        if self.comments != current.comments {
            repo::update_comments_in_tx(
                tx,
                self.id,
                self.comments.as_deref(),
                ctx.principal.user_id,
                ctx.today,
            )
            .await?;
            changes.insert(
                "comments".into(),
                self.comments
                    .clone()
                    .map(Value::from)
                    .unwrap_or(Value::Null),
            );
        }
        Ok(CommandResult {
            office_id: Some(current.office_id),
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// Deletes an office's latest closure, reopening its books back to the one before.
pub struct DeleteClosure {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteClosure {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let closure = repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(AccountingError::ClosureNotFound(self.id))?;
        let office = office_in_tx(tx, ctx.principal, closure.office_id)
            .await
            .map_err(|_| AccountingError::ClosureNotFound(self.id))?;
        let latest =
            repo::latest_on_or_after(&mut tx.conn(), closure.office_id, closure.closing_date)
                .await?;
        if let Some(latest) = latest {
            accounting::check_closure_delete(&closure, &latest, &office.name)?;
        }
        repo::delete_in_tx(tx, self.id).await?;
        Ok(CommandResult {
            office_id: Some(closure.office_id),
            resource_id: Some(self.id),
            ..Default::default()
        })
    }
}
