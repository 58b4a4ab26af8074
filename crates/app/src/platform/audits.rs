//! Reading the command log: `GET /audits` and `GET /audits/{id}`.

use kassa_store::repo::paging::{PageBounds, SortOrder};
use kassa_store::repo::platform::command_source::{
    self as repo, AuditFilter, AuditOrder, CommandRecord,
};

use kassa_domain::organisation::office::is_within;

use crate::error::{AppError, AppResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "AUDIT";

/// A page of audit entries the caller may see: those of its office subtree and those without an office.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    mut filter: AuditFilter,
    order: AuditOrder,
    sort: SortOrder,
    page: PageBounds,
) -> AppResult<(i64, Vec<CommandRecord>)> {
    principal.permissions.check_read(ENTITY)?;
    filter.within_hierarchy = Some(principal.office_hierarchy.clone());
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list(&mut conn.conn(), &filter, order, sort, page).await?)
}

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<CommandRecord> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let record = repo::find(&mut conn.conn(), id).await?;
    let visible = |r: &CommandRecord| match &r.office_hierarchy {
        Some(h) => is_within(&principal.office_hierarchy, h),
        None => true,
    };
    record.filter(visible).ok_or(AppError::NotFound {
        entity: "Audit",
        id: id.to_string(),
    })
}

/// Every write action and entity of the permission catalogue, for the audit search form: CREATE, DELETE
/// and UPDATE first, then the other actions, as Fineract orders them.
pub async fn search_names(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<(Vec<String>, Vec<String>)> {
    principal.permissions.check_read(ENTITY)?;
    let permissions = {
        let mut conn = tenant.pool().acquire().await?;
        kassa_store::repo::organisation::permission::list(&mut conn.conn()).await?
    };
    let mut actions = std::collections::BTreeSet::new();
    let mut entities = std::collections::BTreeSet::new();
    for p in permissions {
        if let (Some(action), Some(entity)) = (p.action_name, p.entity_name) {
            if action != "READ" {
                actions.insert(action);
                entities.insert(entity);
            }
        }
    }
    Ok((basic_actions_first(actions), entities.into_iter().collect()))
}

/// Fineract lists CREATE, DELETE and UPDATE before every other action.
pub fn basic_actions_first(actions: impl IntoIterator<Item = String>) -> Vec<String> {
    let (mut basic, other): (Vec<String>, Vec<String>) = actions
        .into_iter()
        .partition(|a| matches!(a.as_str(), "CREATE" | "DELETE" | "UPDATE"));
    basic.extend(other);
    basic
}
