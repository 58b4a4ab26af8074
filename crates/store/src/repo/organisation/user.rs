//! Application users (`m_appuser`) and their role assignments (`m_appuser_role`). Deleted users stay as
//! rows with `is_deleted` set; every read here skips them.

use chrono::NaiveDate;
use kassa_domain::organisation::user::{AppUser, UserDraft};

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

/// A live user as listed: the stored state plus its office's name and hierarchy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserListing {
    pub user: AppUser,
    pub office_name: String,
    pub office_hierarchy: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct UserRow {
    id: i64,
    office_id: i64,
    staff_id: Option<i64>,
    username: String,
    firstname: String,
    lastname: String,
    email: Option<String>,
    password_never_expires: bool,
    is_self_service_user: bool,
    cannot_change_password: bool,
    office_name: String,
    office_hierarchy: String,
}

impl UserRow {
    fn into_listing(self, role_ids: Vec<i64>) -> UserListing {
        UserListing {
            user: AppUser {
                id: self.id,
                office_id: self.office_id,
                staff_id: self.staff_id,
                username: self.username,
                firstname: self.firstname,
                lastname: self.lastname,
                email: self.email,
                password_never_expires: self.password_never_expires,
                is_self_service_user: self.is_self_service_user,
                cannot_change_password: self.cannot_change_password,
                role_ids,
            },
            office_name: self.office_name,
            office_hierarchy: self.office_hierarchy,
        }
    }
}

const SELECT: &str =
    "SELECT u.id, u.office_id, u.staff_id, u.username, u.firstname, u.lastname, u.email, \
    u.password_never_expires, u.is_self_service_user, u.cannot_change_password, \
    o.name AS office_name, o.hierarchy AS office_hierarchy \
    FROM m_appuser u JOIN m_office o ON o.id = u.office_id";

/// Live users of the offices in the subtree of `root_hierarchy`, by username (as Fineract lists them).
/// Their `role_ids` are left empty: list roles come from one query in `role::of_users_within`.
pub async fn list_within(c: &mut Conn<'_>, root_hierarchy: &str) -> StoreResult<Vec<UserListing>> {
    let sql = format!(
        "{SELECT} WHERE o.hierarchy LIKE $1 || '%' AND u.is_deleted = $2 ORDER BY u.username, u.id"
    );
    let rows: Vec<UserRow> = on!(c, c => sqlx::query_as(&sql)
        .bind(root_hierarchy).bind(false).fetch_all(c).await?);
    Ok(rows.into_iter().map(|r| r.into_listing(vec![])).collect())
}

/// A live user with its role ids.
pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<UserListing>> {
    let sql = format!("{SELECT} WHERE u.id = $1 AND u.is_deleted = $2");
    let row: Option<UserRow> =
        on!(c, c => sqlx::query_as(&sql).bind(id).bind(false).fetch_optional(c).await?);
    let Some(row) = row else {
        return Ok(None);
    };
    let role_ids = role_ids(c, id).await?;
    Ok(Some(row.into_listing(role_ids)))
}

/// The user row locked for the rest of the transaction on PostgreSQL (SQLite writers are serialised).
pub async fn lock_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Option<UserListing>> {
    {
        let mut c = tx.conn();
        if let Conn::Pg(c) = &mut c {
            sqlx::query("SELECT id FROM m_appuser WHERE id = $1 FOR UPDATE")
                .bind(id)
                .execute(&mut **c)
                .await?;
        }
    }
    find(&mut tx.conn(), id).await
}

pub async fn role_ids(c: &mut Conn<'_>, user_id: i64) -> StoreResult<Vec<i64>> {
    let sql = "SELECT role_id FROM m_appuser_role WHERE appuser_id = $1 ORDER BY role_id";
    let ids: Vec<i64> = on!(c, c => sqlx::query_scalar(sql).bind(user_id).fetch_all(c).await?);
    Ok(ids)
}

/// Whether a user other than `except_id` has this username. Deleted users count: their name stays taken,
/// as in Fineract, so that audit rows keep pointing at one identity.
pub async fn username_taken(
    c: &mut Conn<'_>,
    username: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM m_appuser WHERE username = $1 AND id <> $2";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql)
        .bind(username).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

/// Inserts a user with its roles; `password_hash` is already in storage format.
pub async fn insert_in_tx(
    tx: &mut Tx,
    draft: &UserDraft,
    password_hash: &str,
    today: NaiveDate,
) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_appuser (office_id, staff_id, username, firstname, lastname, password, email, \
               enabled, last_time_password_updated, password_never_expires, is_self_service_user, is_deleted) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(draft.office_id).bind(draft.staff_id).bind(&draft.username).bind(&draft.firstname)
        .bind(&draft.lastname).bind(password_hash).bind(&draft.email).bind(true).bind(today)
        .bind(draft.password_never_expires).bind(draft.is_self_service_user).bind(false)
        .fetch_one(c).await?);
    replace_roles_in_tx(tx, id, &draft.role_ids).await?;
    Ok(id)
}

/// Stores the plain fields of `user` (not roles, not the password) and bumps its version.
pub async fn update_in_tx(tx: &mut Tx, user: &AppUser) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_appuser SET office_id = $1, staff_id = $2, username = $3, firstname = $4, lastname = $5, \
               email = $6, password_never_expires = $7, is_self_service_user = $8, version = version + 1 \
               WHERE id = $9";
    on!(&mut c, c => sqlx::query(sql)
        .bind(user.office_id).bind(user.staff_id).bind(&user.username).bind(&user.firstname)
        .bind(&user.lastname).bind(&user.email).bind(user.password_never_expires)
        .bind(user.is_self_service_user).bind(user.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// Sets a new password hash, records when, and bumps the version.
pub async fn set_password_in_tx(
    tx: &mut Tx,
    user_id: i64,
    password_hash: &str,
    today: NaiveDate,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_appuser SET password = $1, last_time_password_updated = $2, version = version + 1 \
               WHERE id = $3";
    on!(&mut c, c => sqlx::query(sql).bind(password_hash).bind(today).bind(user_id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// Replaces the user's roles with `role_ids`.
pub async fn replace_roles_in_tx(tx: &mut Tx, user_id: i64, role_ids: &[i64]) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_appuser_role WHERE appuser_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(user_id).execute(c).await.map(|_| ())?);
    let sql = "INSERT INTO m_appuser_role (appuser_id, role_id) VALUES ($1, $2)";
    for role_id in role_ids {
        on!(&mut c, c => sqlx::query(sql).bind(user_id).bind(role_id).execute(c).await.map(|_| ())?);
    }
    Ok(())
}

/// Soft delete, as Fineract: the row stays, disabled and flagged, and loses its roles. The username is
/// kept and stays taken (the unique index covers deleted users too).
pub async fn soft_delete_in_tx(tx: &mut Tx, user_id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql =
        "UPDATE m_appuser SET is_deleted = $1, enabled = $2, version = version + 1 WHERE id = $3";
    on!(&mut c, c => sqlx::query(sql).bind(true).bind(false).bind(user_id)
        .execute(c).await.map(|_| ())?);
    let sql = "DELETE FROM m_appuser_role WHERE appuser_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(user_id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// The active password policy's `key` and description (`m_password_validation_policy`); the lowest id wins
/// if several rows are active.
pub async fn active_password_policy(c: &mut Conn<'_>) -> StoreResult<Option<(String, String)>> {
    let sql = "SELECT \"key\", description FROM m_password_validation_policy WHERE active = $1 ORDER BY id LIMIT 1";
    let row: Option<(String, String)> =
        on!(c, c => sqlx::query_as(sql).bind(true).fetch_optional(c).await?);
    Ok(row)
}

/// A legacy hash whose digest is 64 zeros: no password hashes to it.
const UNUSABLE_PASSWORD_PATTERN: &str =
    "%}0000000000000000000000000000000000000000000000000000000000000000";

/// How many enabled, live users hold `ALL_FUNCTIONS` through an enabled role and can log in: the users
/// who can still administer the tenant. A password hash ending in 64 zeros (the seeded `system` and
/// `interopUser`) is one no password hashes to.
pub async fn super_user_count(c: &mut Conn<'_>) -> StoreResult<i64> {
    let sql = "SELECT COUNT(DISTINCT u.id) FROM m_appuser u \
               JOIN m_appuser_role ur ON ur.appuser_id = u.id \
               JOIN m_role r ON r.id = ur.role_id \
               JOIN m_role_permission rp ON rp.role_id = r.id \
               JOIN m_permission p ON p.id = rp.permission_id \
               WHERE p.code = $1 AND u.enabled = $2 AND u.is_deleted = $3 AND r.is_disabled = $4 \
               AND u.password NOT LIKE $5";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql)
        .bind(kassa_domain::organisation::user::ALL_FUNCTIONS).bind(true).bind(false).bind(false)
        .bind(UNUSABLE_PASSWORD_PATTERN)
        .fetch_one(c).await?);
    Ok(n)
}

/// Serialises the changes that could remove the last super user: on PostgreSQL two such transactions
/// would each count the other's super user as remaining and both commit. Locks the `ALL_FUNCTIONS`
/// permission row; SQLite writers are serialised already.
pub async fn lock_super_users_in_tx(tx: &mut Tx) -> StoreResult<()> {
    let mut c = tx.conn();
    if let Conn::Pg(c) = &mut c {
        sqlx::query("SELECT id FROM m_permission WHERE code = $1 FOR UPDATE")
            .bind(kassa_domain::organisation::user::ALL_FUNCTIONS)
            .execute(&mut **c)
            .await?;
    }
    Ok(())
}
