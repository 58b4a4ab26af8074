//! Which clients a caller may see: those of its office subtree, and those being transferred into it.

use kassa_domain::clients::ClientError;
use kassa_domain::organisation::office::is_within;
use kassa_store::repo::clients::client::{self as repo, ClientRecord};
use kassa_store::Tx;

use crate::error::AppResult;
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "CLIENT";

fn visible_to(principal: &Principal, record: &ClientRecord) -> bool {
    is_within(&principal.office_hierarchy, &record.office_hierarchy)
        || record
            .transfer_to_office_hierarchy
            .as_deref()
            .is_some_and(|h| is_within(&principal.office_hierarchy, h))
}

/// The client, if the caller may see it; a client outside the caller's subtree does not exist for it.
pub async fn visible(
    tenant: &TenantCtx,
    principal: &Principal,
    id: i64,
) -> AppResult<ClientRecord> {
    let mut conn = tenant.pool().acquire().await?;
    repo::find(&mut conn.conn(), id)
        .await?
        .filter(|r| visible_to(principal, r))
        .ok_or_else(|| ClientError::NotFound(id).into())
}

/// [`visible`] inside a write, with the client row locked until the transaction ends.
pub async fn visible_in_tx(tx: &mut Tx, principal: &Principal, id: i64) -> AppResult<ClientRecord> {
    repo::lock_in_tx(tx, id)
        .await?
        .filter(|r| visible_to(principal, r))
        .ok_or_else(|| ClientError::NotFound(id).into())
}
