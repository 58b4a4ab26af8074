//! Client charges and client transactions: neither exists in Kassa yet, so a client the caller can see
//! has none. Until they exist (and Fineract's `READ_CLIENTCHARGE` is seeded), reading them takes
//! `READ_CLIENT`.

use crate::clients;
use crate::error::AppResult;
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

/// Checks that the caller may read the client's charges and transactions (all empty so far).
pub async fn check_readable(
    tenant: &TenantCtx,
    principal: &Principal,
    client_id: i64,
) -> AppResult<()> {
    principal.permissions.check_read(clients::ENTITY)?;
    clients::visible(tenant, principal, client_id).await?;
    Ok(())
}
