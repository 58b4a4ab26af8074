//! Global configuration (`c_configuration`) and password validation policies
//! (`m_password_validation_policy`): the tenant's settings tables.

use chrono::NaiveDate;
use kassa_domain::platform::configuration::GlobalConfiguration;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct ConfigurationRow {
    id: i64,
    name: String,
    enabled: bool,
    value: Option<i64>,
    date_value: Option<NaiveDate>,
    string_value: Option<String>,
    description: Option<String>,
    is_trap_door: bool,
}

impl From<ConfigurationRow> for GlobalConfiguration {
    fn from(r: ConfigurationRow) -> Self {
        GlobalConfiguration {
            id: r.id,
            name: r.name,
            enabled: r.enabled,
            value: r.value,
            date_value: r.date_value,
            string_value: r.string_value,
            description: r.description,
            trap_door: r.is_trap_door,
        }
    }
}

const COLUMNS: &str =
    "id, name, enabled, value, date_value, string_value, description, is_trap_door";

/// Every configuration, by id.
pub async fn list(c: &mut Conn<'_>) -> StoreResult<Vec<GlobalConfiguration>> {
    let sql = format!("SELECT {COLUMNS} FROM c_configuration ORDER BY id");
    let rows: Vec<ConfigurationRow> = on!(c, c => sqlx::query_as(&sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(GlobalConfiguration::from).collect())
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<GlobalConfiguration>> {
    let sql = format!("SELECT {COLUMNS} FROM c_configuration WHERE id = $1");
    let row: Option<ConfigurationRow> =
        on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row.map(GlobalConfiguration::from))
}

pub async fn find_by_name(
    c: &mut Conn<'_>,
    name: &str,
) -> StoreResult<Option<GlobalConfiguration>> {
    let sql = format!("SELECT {COLUMNS} FROM c_configuration WHERE name = $1");
    let row: Option<ConfigurationRow> =
        on!(c, c => sqlx::query_as(&sql).bind(name).fetch_optional(c).await?);
    Ok(row.map(GlobalConfiguration::from))
}

pub async fn update_in_tx(tx: &mut Tx, next: &GlobalConfiguration) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE c_configuration SET enabled = $1, value = $2, date_value = $3, string_value = $4 WHERE id = $5";
    on!(&mut c, c => sqlx::query(sql)
        .bind(next.enabled).bind(next.value).bind(next.date_value).bind(&next.string_value).bind(next.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// One password validation policy.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PasswordPolicyRow {
    pub id: i64,
    pub active: bool,
    pub description: String,
    pub key: String,
}

/// Every password policy, by id.
pub async fn list_password_policies(c: &mut Conn<'_>) -> StoreResult<Vec<PasswordPolicyRow>> {
    let sql =
        "SELECT id, active, description, \"key\" FROM m_password_validation_policy ORDER BY id";
    let rows: Vec<PasswordPolicyRow> = on!(c, c => sqlx::query_as(sql).fetch_all(c).await?);
    Ok(rows)
}

/// Makes policy `id` the only active one.
pub async fn activate_password_policy_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_password_validation_policy SET active = (id = $1)";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
