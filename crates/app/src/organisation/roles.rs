//! Roles: listing, creation, renaming, enabling/disabling and deletion (refused while users hold the
//! role), and the role's grants from the permission catalogue. Writes go through
//! [`App::execute_access_change`] so the credential cache forgets what the change affects.

use std::collections::BTreeSet;

use async_trait::async_trait;
use kassa_domain::organisation::user::role::{listing_order, role_grant_changes};
use kassa_domain::organisation::user::{
    Permission, Role, RoleChanges, RoleDraft, RoleError, RoleUse,
};
use kassa_store::repo::organisation::permission as permission_repo;
use kassa_store::repo::organisation::role as repo;
use kassa_store::{StoreError, Tx};
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult};
use crate::organisation::users::SuperUserGuard;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "ROLE";

/// A role and every permission of the catalogue, each marked whether the role holds it.
#[derive(Debug, Clone)]
pub struct RolePermissions {
    pub role: Role,
    pub permissions: Vec<(Permission, bool)>,
}

pub async fn list(tenant: &TenantCtx, principal: &Principal) -> AppResult<Vec<Role>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list(&mut conn.conn()).await?)
}

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<Role> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find(&mut conn.conn(), id)
        .await?
        .ok_or(RoleError::NotFound(id))?)
}

/// The whole catalogue (special codes and checker twins included, as Fineract lists it) in Fineract's order.
pub async fn permissions_of(
    tenant: &TenantCtx,
    principal: &Principal,
    id: i64,
) -> AppResult<RolePermissions> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let role = repo::find(&mut conn.conn(), id)
        .await?
        .ok_or(RoleError::NotFound(id))?;
    let held: BTreeSet<i64> = repo::permission_ids(&mut conn.conn(), id)
        .await?
        .into_iter()
        .collect();
    let mut catalogue = permission_repo::list(&mut conn.conn()).await?;
    catalogue.sort_by(listing_order);
    let permissions = catalogue
        .into_iter()
        .map(|p| {
            let selected = held.contains(&p.id);
            (p, selected)
        })
        .collect();
    Ok(RolePermissions { role, permissions })
}

fn duplicate_name(name: &str) -> impl Fn(StoreError) -> AppError + '_ {
    move |e| match e {
        StoreError::Duplicate { .. } => RoleError::DuplicateName(name.to_string()).into(),
        other => other.into(),
    }
}

pub struct CreateRole {
    pub draft: RoleDraft,
}

#[async_trait]
impl Command for CreateRole {
    async fn run(&self, tx: &mut Tx, _: &CommandCtx<'_>) -> AppResult<CommandResult> {
        if repo::name_taken(&mut tx.conn(), &self.draft.name, None).await? {
            return Err(RoleError::DuplicateName(self.draft.name.clone()).into());
        }
        let role = repo::insert_in_tx(tx, &self.draft)
            .await
            .map_err(duplicate_name(&self.draft.name))?;
        Ok(CommandResult::resource(role.id))
    }
}

pub struct UpdateRole {
    pub id: i64,
    pub changes: RoleChanges,
}

#[async_trait]
impl Command for UpdateRole {
    async fn run(&self, tx: &mut Tx, _: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::lock_in_tx(tx, self.id)
            .await?
            .ok_or(RoleError::NotFound(self.id))?;
        let (next, changed) = current.apply(&self.changes);
        if changed.contains(&"name")
            && repo::name_taken(&mut tx.conn(), &next.name, Some(self.id)).await?
        {
            return Err(RoleError::DuplicateName(next.name.clone()).into());
        }
        if !changed.is_empty() {
            repo::update_in_tx(tx, &next)
                .await
                .map_err(duplicate_name(&next.name))?;
        }
        let mut changes = Map::new();
        for name in changed {
            let value = match name {
                "name" => next.name.clone(),
                _ => next.description.clone(),
            };
            changes.insert(name.to_string(), Value::from(value));
        }
        Ok(CommandResult {
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

pub struct DeleteRole {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteRole {
    async fn run(&self, tx: &mut Tx, _: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let role = repo::lock_in_tx(tx, self.id)
            .await?
            .ok_or(RoleError::NotFound(self.id))?;
        role.check_unused(
            repo::user_count(&mut tx.conn(), self.id).await?,
            RoleUse::Delete,
        )?;
        repo::delete_in_tx(tx, self.id).await?;
        Ok(CommandResult::resource(self.id))
    }
}

/// `?command=enable|disable`. Disabling is refused while users hold the role; enabling always works.
pub struct SetRoleDisabled {
    pub id: i64,
    pub disabled: bool,
}

#[async_trait]
impl Command for SetRoleDisabled {
    async fn run(&self, tx: &mut Tx, _: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let role = repo::lock_in_tx(tx, self.id)
            .await?
            .ok_or(RoleError::NotFound(self.id))?;
        if self.disabled {
            role.check_unused(
                repo::user_count(&mut tx.conn(), self.id).await?,
                RoleUse::Disable,
            )?;
        }
        if role.disabled != self.disabled {
            repo::update_in_tx(
                tx,
                &Role {
                    disabled: self.disabled,
                    ..role
                },
            )
            .await?;
        }
        Ok(CommandResult::resource(self.id))
    }
}

/// `PUT /roles/{id}/permissions`: grants and revokes by code; `changes.permissions` lists only the
/// entries that changed something.
pub struct UpdateRolePermissions {
    pub id: i64,
    pub requested: Vec<(String, bool)>,
}

#[async_trait]
impl Command for UpdateRolePermissions {
    async fn run(&self, tx: &mut Tx, _: &CommandCtx<'_>) -> AppResult<CommandResult> {
        repo::lock_in_tx(tx, self.id)
            .await?
            .ok_or(RoleError::NotFound(self.id))?;
        let catalogue = permission_repo::list(&mut tx.conn()).await?;
        let held: BTreeSet<i64> = repo::permission_ids(&mut tx.conn(), self.id)
            .await?
            .into_iter()
            .collect();
        let changes = role_grant_changes(&catalogue, &held, &self.requested)?;
        let revokes_any = changes.iter().any(|c| !c.selected);
        let guard = if revokes_any {
            Some(SuperUserGuard::lock_in_tx(tx).await?)
        } else {
            None
        };
        for change in &changes {
            if change.selected {
                repo::grant_in_tx(tx, self.id, change.permission_id).await?;
            } else {
                repo::revoke_in_tx(tx, self.id, change.permission_id).await?;
            }
        }
        if let Some(guard) = guard {
            guard.check_in_tx(tx).await?;
        }
        Ok(CommandResult {
            resource_id: Some(self.id),
            changes: Some(permission_changes(
                changes
                    .iter()
                    .map(|c| (c.requested_code.as_str(), c.selected)),
            )),
            ..Default::default()
        })
    }
}

/// `{"permissions": {CODE: bool, …}}` for the entries that changed, or `{}` when none did.
pub(crate) fn permission_changes<'a>(
    changed: impl Iterator<Item = (&'a str, bool)>,
) -> Map<String, Value> {
    let entries: Map<String, Value> = changed
        .map(|(code, selected)| (code.to_string(), Value::from(selected)))
        .collect();
    let mut changes = Map::new();
    if !entries.is_empty() {
        changes.insert("permissions".into(), Value::Object(entries));
    }
    changes
}
