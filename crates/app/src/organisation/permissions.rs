//! The permission catalogue: `GET /permissions` (all codes but the checker twins, or only the
//! maker-checkable ones with their flag) and `PUT /permissions` (maker-checker flags).

use async_trait::async_trait;
use kassa_domain::organisation::user::role::{listing_order, maker_checker_changes};
use kassa_domain::organisation::user::Permission;
use kassa_store::repo::organisation::permission as repo;
use kassa_store::Tx;

use crate::error::AppResult;
use crate::organisation::roles::permission_changes;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "PERMISSION";

/// Which permissions to list and what `selected` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionListing {
    /// Every code but the `_CHECKER` twins; `selected` is always true.
    All,
    /// Only codes that can be put under maker-checker; `selected` is the flag.
    MakerCheckerable,
}

pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    listing: PermissionListing,
) -> AppResult<Vec<(Permission, bool)>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let mut catalogue = repo::list(&mut conn.conn()).await?;
    catalogue.sort_by(listing_order);
    Ok(catalogue
        .into_iter()
        .filter_map(|p| match listing {
            PermissionListing::All => (!p.is_checker()).then_some((p, true)),
            PermissionListing::MakerCheckerable => p.is_maker_checkable().then(|| {
                let flag = p.can_maker_checker;
                (p, flag)
            }),
        })
        .collect())
}

/// Sets maker-checker flags by code; the answer has no resource id, only `changes`.
pub struct UpdateMakerChecker {
    pub requested: Vec<(String, bool)>,
}

#[async_trait]
impl Command for UpdateMakerChecker {
    async fn run(&self, tx: &mut Tx, _: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let catalogue = repo::list(&mut tx.conn()).await?;
        let changes = maker_checker_changes(&catalogue, &self.requested)?;
        for change in &changes {
            repo::set_maker_checker_in_tx(tx, change.permission_id, change.selected).await?;
        }
        Ok(CommandResult {
            changes: Some(permission_changes(
                changes
                    .iter()
                    .map(|c| (c.requested_code.as_str(), c.selected)),
            )),
            ..Default::default()
        })
    }
}
