//! The permission catalogue (`m_permission`): codes, groupings and maker-checker flags.

use kassa_domain::organisation::user::Permission;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct PermissionRow {
    id: i64,
    grouping: String,
    code: String,
    entity_name: Option<String>,
    action_name: Option<String>,
    can_maker_checker: bool,
}

impl From<PermissionRow> for Permission {
    fn from(r: PermissionRow) -> Self {
        Permission {
            id: r.id,
            grouping: r.grouping,
            code: r.code,
            entity_name: r.entity_name,
            action_name: r.action_name,
            can_maker_checker: r.can_maker_checker,
        }
    }
}

/// The whole catalogue, by id (callers sort for display).
pub async fn list(c: &mut Conn<'_>) -> StoreResult<Vec<Permission>> {
    let sql = "SELECT id, grouping, code, entity_name, action_name, can_maker_checker FROM m_permission ORDER BY id";
    let rows: Vec<PermissionRow> = on!(c, c => sqlx::query_as(sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(Permission::from).collect())
}

pub async fn set_maker_checker_in_tx(
    tx: &mut Tx,
    permission_id: i64,
    enabled: bool,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_permission SET can_maker_checker = $1 WHERE id = $2";
    on!(&mut c, c => sqlx::query(sql).bind(enabled).bind(permission_id).execute(c).await.map(|_| ())?);
    Ok(())
}
