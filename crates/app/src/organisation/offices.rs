//! Offices: listing within the caller's subtree, creation below a parent, updates that may move a subtree.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::organisation::office::{
    is_within, Office, OfficeChanges, OfficeDraft, OfficeError,
};
use kassa_store::repo::organisation::office::{self as repo, OfficeListing, OfficeOrder};
use kassa_store::repo::paging::SortOrder;
use kassa_store::{Conn, Tx};
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult, ParamError};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "OFFICE";

/// Offices the caller may see, in the requested order.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    order: OfficeOrder,
    sort: SortOrder,
) -> AppResult<Vec<OfficeListing>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list_within(&mut conn.conn(), &principal.office_hierarchy, order, sort).await?)
}

/// One office; offices outside the caller's subtree do not exist for the caller.
pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<OfficeListing> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let office = repo::find(&mut conn.conn(), id)
        .await?
        .ok_or(OfficeError::NotFound(id))?;
    visible(&mut conn.conn(), principal, office, || {
        OfficeError::NotFound(id)
    })
    .await
}

pub async fn get_by_external_id(
    tenant: &TenantCtx,
    principal: &Principal,
    external_id: &str,
) -> AppResult<OfficeListing> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let not_found = || OfficeError::ExternalIdNotFound(external_id.to_string());
    let office = repo::find_by_external_id(&mut conn.conn(), external_id)
        .await?
        .ok_or_else(not_found)?;
    visible(&mut conn.conn(), principal, office, not_found).await
}

async fn visible(
    c: &mut Conn<'_>,
    principal: &Principal,
    office: Office,
    not_found: impl Fn() -> OfficeError,
) -> AppResult<OfficeListing> {
    if !is_within(&principal.office_hierarchy, &office.hierarchy) {
        return Err(not_found().into());
    }
    let parent_name = match office.parent_id {
        Some(pid) => repo::find(c, pid).await?.map(|p| p.name),
        None => None,
    };
    Ok(OfficeListing {
        office,
        parent_name,
    })
}

/// Resolves the id of an office addressed by external id, for updates through `external-id/…`.
pub async fn id_of_external(
    tenant: &TenantCtx,
    principal: &Principal,
    external_id: &str,
) -> AppResult<i64> {
    let mut conn = tenant.pool().acquire().await?;
    let not_found = || OfficeError::ExternalIdNotFound(external_id.to_string());
    let office = repo::find_by_external_id(&mut conn.conn(), external_id)
        .await?
        .ok_or_else(not_found)?;
    if !is_within(&principal.office_hierarchy, &office.hierarchy) {
        return Err(not_found().into());
    }
    Ok(office.id)
}

async fn check_unique(
    c: &mut Conn<'_>,
    name: Option<&str>,
    external_id: Option<&str>,
    except: Option<i64>,
) -> AppResult<()> {
    if let Some(name) = name {
        if repo::name_taken(c, name, except).await? {
            return Err(OfficeError::DuplicateName(name.to_string()).into());
        }
    }
    if let Some(ext) = external_id {
        if repo::external_id_taken(c, ext, except).await? {
            return Err(OfficeError::DuplicateExternalId(ext.to_string()).into());
        }
    }
    Ok(())
}

/// An office cannot open after "today" (the business date when it is enabled). Fineract does not check
/// this; Kassa does, as Fineract does for client activation dates.
fn check_not_in_future(opening: NaiveDate, today: NaiveDate) -> AppResult<()> {
    if opening > today {
        return Err(AppError::validation(
            ParamError::new(
                "openingDate",
                "error.msg.office.openingDate.in.the.future",
                "Opening date cannot be in the future.",
            )
            .with_value(Value::from(opening.to_string()))
            .with_args(vec![
                Value::from(opening.to_string()),
                Value::from(today.to_string()),
            ]),
        ));
    }
    Ok(())
}

pub struct CreateOffice {
    pub draft: OfficeDraft,
}

#[async_trait]
impl Command for CreateOffice {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let draft = &self.draft;
        check_not_in_future(draft.opening_date, ctx.today)?;
        let parent = repo::find(&mut tx.conn(), draft.parent_id)
            .await?
            .ok_or(OfficeError::NotFound(draft.parent_id))?;
        parent.check_new_child(draft, &ctx.principal.office_hierarchy)?;
        check_unique(
            &mut tx.conn(),
            Some(&draft.name),
            draft.external_id.as_deref(),
            None,
        )
        .await?;
        let office = repo::insert_in_tx(tx, draft, &parent).await?;
        Ok(CommandResult {
            office_id: Some(office.id),
            resource_id: Some(office.id),
            resource_external_id: office.external_id,
            ..Default::default()
        })
    }
}

pub struct UpdateOffice {
    pub id: i64,
    pub changes: OfficeChanges,
    /// The request's raw values by parameter name: `changes` in the answer echoes them, as Fineract does.
    pub raw: Map<String, Value>,
}

#[async_trait]
impl Command for UpdateOffice {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(OfficeError::NotFound(self.id))?;
        if !is_within(&ctx.principal.office_hierarchy, &current.hierarchy) {
            return Err(OfficeError::NotFound(self.id).into());
        }
        let new_parent = match self.changes.parent_id {
            Some(pid) if current.parent_id != Some(pid) => Some(
                repo::find(&mut tx.conn(), pid)
                    .await?
                    .ok_or(OfficeError::NotFound(pid))?,
            ),
            _ => None,
        };
        // Only real changes count: an unchanged parent must not trip the head-office rule below.
        let effective = OfficeChanges {
            parent_id: new_parent.as_ref().map(|p| p.id),
            name: self.changes.name.clone().filter(|n| *n != current.name),
            opening_date: self
                .changes
                .opening_date
                .filter(|d| *d != current.opening_date),
            external_id: self
                .changes
                .external_id
                .clone()
                .filter(|e| *e != current.external_id),
        };
        if let Some(opening) = effective.opening_date {
            check_not_in_future(opening, ctx.today)?;
        }
        if self.changes.parent_id.is_some() && current.is_head_office() {
            return Err(OfficeError::RootParentCannotBeUpdated.into());
        }
        let earliest_child = repo::earliest_child_opening(&mut tx.conn(), current.id).await?;
        let next = current.apply(
            &effective,
            new_parent.as_ref(),
            earliest_child,
            &ctx.principal.office_hierarchy,
        )?;
        check_unique(
            &mut tx.conn(),
            effective.name.as_deref(),
            effective.external_id.as_ref().and_then(|e| e.as_deref()),
            Some(current.id),
        )
        .await?;
        if next != current {
            repo::update_in_tx(tx, &current, &next).await?;
        }
        let mut changes = Map::new();
        let mut echo = |param: &str, changed: bool| {
            if changed {
                if let Some(v) = self.raw.get(param) {
                    changes.insert(param.to_string(), v.clone());
                }
            }
        };
        echo("parentId", effective.parent_id.is_some());
        echo("openingDate", effective.opening_date.is_some());
        echo("dateFormat", effective.opening_date.is_some());
        echo("locale", effective.opening_date.is_some());
        echo("name", effective.name.is_some());
        echo("externalId", effective.external_id.is_some());
        Ok(CommandResult {
            office_id: Some(current.id),
            resource_id: Some(current.id),
            changes: Some(changes),
            resource_external_id: next.external_id,
            ..Default::default()
        })
    }
}
