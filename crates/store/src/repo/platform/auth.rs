//! What authentication needs to know about a user: the stored hash, office, roles and permission codes.

use chrono::NaiveDate;

use crate::db::Conn;
use crate::error::StoreResult;
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoginRecord {
    pub id: i64,
    pub username: String,
    pub password: String,
    pub firstname: String,
    pub lastname: String,
    pub office_id: i64,
    pub office_name: String,
    pub office_hierarchy: String,
    pub staff_id: Option<i64>,
    pub is_self_service_user: bool,
    pub password_never_expires: bool,
    pub last_time_password_updated: NaiveDate,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RoleSummary {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub is_disabled: bool,
}

/// The enabled, not deleted user with this name.
pub async fn find_login(c: &mut Conn<'_>, username: &str) -> StoreResult<Option<LoginRecord>> {
    let sql = "SELECT u.id, u.username, u.password, u.firstname, u.lastname, u.office_id, o.name AS office_name, \
               o.hierarchy AS office_hierarchy, u.staff_id, u.is_self_service_user, u.password_never_expires, \
               u.last_time_password_updated, u.version \
               FROM m_appuser u JOIN m_office o ON o.id = u.office_id \
               WHERE u.username = $1 AND u.is_deleted = $2 AND u.enabled = $3";
    let row: Option<LoginRecord> = on!(c, c => sqlx::query_as(sql).bind(username).bind(false).bind(true).fetch_optional(c).await?);
    Ok(row)
}

pub async fn roles_of_user(c: &mut Conn<'_>, user_id: i64) -> StoreResult<Vec<RoleSummary>> {
    let sql = "SELECT r.id, r.name, r.description, r.is_disabled FROM m_role r \
               JOIN m_appuser_role ur ON ur.role_id = r.id WHERE ur.appuser_id = $1 ORDER BY r.id";
    let rows: Vec<RoleSummary> = on!(c, c => sqlx::query_as(sql).bind(user_id).fetch_all(c).await?);
    Ok(rows)
}

/// Permission codes granted by the user's enabled roles, in role then permission order. A disabled role
/// grants nothing (Fineract still counts it; see docs/compatibility.md).
pub async fn permission_codes_of_user(c: &mut Conn<'_>, user_id: i64) -> StoreResult<Vec<String>> {
    let sql = "SELECT p.code FROM m_permission p \
               JOIN m_role_permission rp ON rp.permission_id = p.id \
               JOIN m_role r ON r.id = rp.role_id \
               JOIN m_appuser_role ur ON ur.role_id = rp.role_id \
               WHERE ur.appuser_id = $1 AND r.is_disabled = $2 ORDER BY ur.role_id, p.id";
    let rows: Vec<String> =
        on!(c, c => sqlx::query_scalar(sql).bind(user_id).bind(false).fetch_all(c).await?);
    Ok(rows)
}
