//! Roles (`m_role`) and their grants (`m_role_permission`).

use kassa_domain::organisation::user::{Role, RoleDraft};

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct RoleRow {
    id: i64,
    name: String,
    description: String,
    is_disabled: bool,
}

impl From<RoleRow> for Role {
    fn from(r: RoleRow) -> Self {
        Role {
            id: r.id,
            name: r.name,
            description: r.description,
            disabled: r.is_disabled,
        }
    }
}

const COLUMNS: &str = "r.id, r.name, r.description, r.is_disabled";

/// Every role, by id.
pub async fn list(c: &mut Conn<'_>) -> StoreResult<Vec<Role>> {
    let sql = format!("SELECT {COLUMNS} FROM m_role r ORDER BY r.id");
    let rows: Vec<RoleRow> = on!(c, c => sqlx::query_as(&sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(Role::from).collect())
}

/// Roles that are not disabled, by id.
pub async fn list_enabled(c: &mut Conn<'_>) -> StoreResult<Vec<Role>> {
    let sql = format!("SELECT {COLUMNS} FROM m_role r WHERE r.is_disabled = $1 ORDER BY r.id");
    let rows: Vec<RoleRow> = on!(c, c => sqlx::query_as(&sql).bind(false).fetch_all(c).await?);
    Ok(rows.into_iter().map(Role::from).collect())
}

/// Roles with exactly this name (the self-service role is found by name, as in Fineract).
pub async fn list_named(c: &mut Conn<'_>, name: &str) -> StoreResult<Vec<Role>> {
    let sql = format!("SELECT {COLUMNS} FROM m_role r WHERE r.name = $1 ORDER BY r.id");
    let rows: Vec<RoleRow> = on!(c, c => sqlx::query_as(&sql).bind(name).fetch_all(c).await?);
    Ok(rows.into_iter().map(Role::from).collect())
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<Role>> {
    let sql = format!("SELECT {COLUMNS} FROM m_role r WHERE r.id = $1");
    let row: Option<RoleRow> = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row.map(Role::from))
}

/// The roles of one user, by id.
pub async fn of_user(c: &mut Conn<'_>, user_id: i64) -> StoreResult<Vec<Role>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM m_role r JOIN m_appuser_role ur ON ur.role_id = r.id \
         WHERE ur.appuser_id = $1 ORDER BY r.id"
    );
    let rows: Vec<RoleRow> = on!(c, c => sqlx::query_as(&sql).bind(user_id).fetch_all(c).await?);
    Ok(rows.into_iter().map(Role::from).collect())
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct UserRoleRow {
    appuser_id: i64,
    id: i64,
    name: String,
    description: String,
    is_disabled: bool,
}

/// `(user id, role)` for every live user of the offices in the subtree of `root_hierarchy`, ordered by
/// user then role: one query for a whole user list.
pub async fn of_users_within(
    c: &mut Conn<'_>,
    root_hierarchy: &str,
) -> StoreResult<Vec<(i64, Role)>> {
    let sql = format!(
        "SELECT ur.appuser_id, {COLUMNS} FROM m_appuser_role ur \
         JOIN m_role r ON r.id = ur.role_id \
         JOIN m_appuser u ON u.id = ur.appuser_id \
         JOIN m_office o ON o.id = u.office_id \
         WHERE o.hierarchy LIKE $1 || '%' AND u.is_deleted = $2 \
         ORDER BY ur.appuser_id, r.id"
    );
    let rows: Vec<UserRoleRow> = on!(c, c => sqlx::query_as(&sql)
        .bind(root_hierarchy).bind(false).fetch_all(c).await?);
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.appuser_id,
                Role {
                    id: r.id,
                    name: r.name,
                    description: r.description,
                    disabled: r.is_disabled,
                },
            )
        })
        .collect())
}

/// The role, locked until the transaction ends: `FOR UPDATE` on PostgreSQL before deleting or disabling
/// it, so that no user can be given the role meanwhile. SQLite writers are serialised already.
pub async fn lock_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Option<Role>> {
    let mut c = tx.conn();
    let row: Option<RoleRow> = match &mut c {
        Conn::Sqlite(c) => {
            let sql = format!("SELECT {COLUMNS} FROM m_role r WHERE r.id = $1");
            sqlx::query_as(&sql)
                .bind(id)
                .fetch_optional(&mut **c)
                .await?
        }
        Conn::Pg(c) => {
            let sql = format!("SELECT {COLUMNS} FROM m_role r WHERE r.id = $1 FOR UPDATE");
            sqlx::query_as(&sql)
                .bind(id)
                .fetch_optional(&mut **c)
                .await?
        }
    };
    Ok(row.map(Role::from))
}

/// The role, share-locked on PostgreSQL while a user is given it, so that a concurrent delete or disable
/// waits for this transaction (and then sees the new holder).
pub async fn find_for_share_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Option<Role>> {
    let mut c = tx.conn();
    let row: Option<RoleRow> = match &mut c {
        Conn::Sqlite(c) => {
            let sql = format!("SELECT {COLUMNS} FROM m_role r WHERE r.id = $1");
            sqlx::query_as(&sql)
                .bind(id)
                .fetch_optional(&mut **c)
                .await?
        }
        Conn::Pg(c) => {
            let sql = format!("SELECT {COLUMNS} FROM m_role r WHERE r.id = $1 FOR SHARE");
            sqlx::query_as(&sql)
                .bind(id)
                .fetch_optional(&mut **c)
                .await?
        }
    };
    Ok(row.map(Role::from))
}

pub async fn name_taken(c: &mut Conn<'_>, name: &str, except_id: Option<i64>) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM m_role WHERE name = $1 AND id <> $2";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(name).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

/// How many live (not deleted) users hold the role.
pub async fn user_count(c: &mut Conn<'_>, role_id: i64) -> StoreResult<i64> {
    let sql = "SELECT COUNT(*) FROM m_appuser_role ur JOIN m_appuser u ON u.id = ur.appuser_id \
               WHERE ur.role_id = $1 AND u.is_deleted = $2";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(role_id).bind(false).fetch_one(c).await?);
    Ok(n)
}

/// Ids of the permissions granted to the role.
pub async fn permission_ids(c: &mut Conn<'_>, role_id: i64) -> StoreResult<Vec<i64>> {
    let sql =
        "SELECT permission_id FROM m_role_permission WHERE role_id = $1 ORDER BY permission_id";
    let ids: Vec<i64> = on!(c, c => sqlx::query_scalar(sql).bind(role_id).fetch_all(c).await?);
    Ok(ids)
}

pub async fn insert_in_tx(tx: &mut Tx, draft: &RoleDraft) -> StoreResult<Role> {
    let mut c = tx.conn();
    let sql =
        "INSERT INTO m_role (name, description, is_disabled) VALUES ($1, $2, $3) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(&draft.name).bind(&draft.description).bind(false).fetch_one(c).await?);
    Ok(Role {
        id,
        name: draft.name.clone(),
        description: draft.description.clone(),
        disabled: false,
    })
}

/// Stores name, description and the disabled flag.
pub async fn update_in_tx(tx: &mut Tx, role: &Role) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_role SET name = $1, description = $2, is_disabled = $3 WHERE id = $4";
    on!(&mut c, c => sqlx::query(sql)
        .bind(&role.name).bind(&role.description).bind(role.disabled).bind(role.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// Deletes the role with its grants and any assignments to deleted users.
pub async fn delete_in_tx(tx: &mut Tx, role_id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    for sql in [
        "DELETE FROM m_role_permission WHERE role_id = $1",
        "DELETE FROM m_appuser_role WHERE role_id = $1",
        "DELETE FROM m_role WHERE id = $1",
    ] {
        on!(&mut c, c => sqlx::query(sql).bind(role_id).execute(c).await.map(|_| ())?);
    }
    Ok(())
}

pub async fn grant_in_tx(tx: &mut Tx, role_id: i64, permission_id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_role_permission (role_id, permission_id) VALUES ($1, $2)";
    on!(&mut c, c => sqlx::query(sql).bind(role_id).bind(permission_id).execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn revoke_in_tx(tx: &mut Tx, role_id: i64, permission_id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_role_permission WHERE role_id = $1 AND permission_id = $2";
    on!(&mut c, c => sqlx::query(sql).bind(role_id).bind(permission_id).execute(c).await.map(|_| ())?);
    Ok(())
}
