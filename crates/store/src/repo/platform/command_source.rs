//! The command log (`m_portfolio_command_source`): audit trail, maker-checker queue and idempotency store.

use chrono::{DateTime, Utc};
use kassa_domain::platform::command::CommandStatus;
use kassa_domain::platform::configuration::names;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;
use crate::repo::paging::{PageBounds, SortOrder};

/// What a command touched, for the audit columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandSubjects {
    pub office_id: Option<i64>,
    pub group_id: Option<i64>,
    pub client_id: Option<i64>,
    pub loan_id: Option<i64>,
    pub savings_account_id: Option<i64>,
    pub product_id: Option<i64>,
    pub resource_id: Option<i64>,
    pub subresource_id: Option<i64>,
    pub transaction_id: Option<String>,
    pub resource_external_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewCommand<'a> {
    pub action_name: &'a str,
    pub entity_name: &'a str,
    pub api_get_url: &'a str,
    pub command_as_json: &'a str,
    pub maker_id: i64,
    pub made_on: DateTime<Utc>,
    pub status: CommandStatus,
    pub idempotency_key: Option<&'a str>,
    pub request_method: Option<&'a str>,
    /// Path and query relative to the API base.
    pub request_path: Option<&'a str>,
    /// SHA-256 (hex) of the logged body, kept with an idempotency key to tell a retry from a reuse.
    pub request_body_sha256: Option<&'a str>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommandRecord {
    pub id: i64,
    pub action_name: String,
    pub entity_name: String,
    pub office_id: Option<i64>,
    pub group_id: Option<i64>,
    pub client_id: Option<i64>,
    pub loan_id: Option<i64>,
    pub savings_account_id: Option<i64>,
    pub resource_id: Option<i64>,
    pub subresource_id: Option<i64>,
    pub api_get_url: String,
    pub command_as_json: String,
    pub maker_id: i64,
    pub maker: Option<String>,
    pub made_on_date: DateTime<Utc>,
    pub checker_id: Option<i64>,
    pub checker: Option<String>,
    pub checked_on_date: Option<DateTime<Utc>>,
    pub status: i64,
    pub result: Option<String>,
    pub result_status_code: Option<i64>,
    pub idempotency_key: Option<String>,
    pub office_name: Option<String>,
    pub office_hierarchy: Option<String>,
    pub request_method: Option<String>,
    pub request_path: Option<String>,
    pub request_body_sha256: Option<String>,
}

const SELECT: &str = "SELECT c.id, c.action_name, c.entity_name, c.office_id, c.group_id, c.client_id, c.loan_id, \
    c.savings_account_id, c.resource_id, c.subresource_id, c.api_get_url, c.command_as_json, c.maker_id, \
    mk.username AS maker, c.made_on_date, c.checker_id, ck.username AS checker, c.checked_on_date, c.status, \
    c.result, c.result_status_code, c.idempotency_key, o.name AS office_name, o.hierarchy AS office_hierarchy, \
    c.request_method, c.request_path, c.request_body_sha256 \
    FROM m_portfolio_command_source c \
    LEFT JOIN m_appuser mk ON mk.id = c.maker_id \
    LEFT JOIN m_appuser ck ON ck.id = c.checker_id \
    LEFT JOIN m_office o ON o.id = c.office_id";

pub async fn insert_in_tx(tx: &mut Tx, cmd: &NewCommand<'_>) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_portfolio_command_source (action_name, entity_name, api_get_url, command_as_json, \
               maker_id, made_on_date, status, idempotency_key, request_method, request_path, request_body_sha256) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(cmd.action_name).bind(cmd.entity_name).bind(cmd.api_get_url).bind(cmd.command_as_json)
        .bind(cmd.maker_id).bind(cmd.made_on).bind(cmd.status.id()).bind(cmd.idempotency_key)
        .bind(cmd.request_method).bind(cmd.request_path).bind(cmd.request_body_sha256)
        .fetch_one(c).await?);
    Ok(id)
}

/// Records how a command ended: its status, the response it produced and what it touched.
pub async fn complete_in_tx(
    tx: &mut Tx,
    id: i64,
    status: CommandStatus,
    result: &str,
    result_status_code: u16,
    subjects: &CommandSubjects,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_portfolio_command_source SET status = $1, result = $2, result_status_code = $3, \
               office_id = $4, group_id = $5, client_id = $6, loan_id = $7, savings_account_id = $8, \
               product_id = $9, resource_id = $10, subresource_id = $11, transaction_id = $12, \
               resource_external_id = $13 WHERE id = $14";
    on!(&mut c, c => sqlx::query(sql)
        .bind(status.id()).bind(result).bind(i64::from(result_status_code))
        .bind(subjects.office_id).bind(subjects.group_id).bind(subjects.client_id).bind(subjects.loan_id)
        .bind(subjects.savings_account_id).bind(subjects.product_id).bind(subjects.resource_id)
        .bind(subjects.subresource_id).bind(&subjects.transaction_id).bind(&subjects.resource_external_id)
        .bind(id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// Records who decided on a maker-checker entry, when, and how (`Processed` or `Rejected`).
pub async fn mark_checked_in_tx(
    tx: &mut Tx,
    id: i64,
    checker_id: i64,
    checked_on: DateTime<Utc>,
    status: CommandStatus,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql =
        "UPDATE m_portfolio_command_source SET checker_id = $1, checked_on_date = $2, status = $3 \
               WHERE id = $4";
    on!(&mut c, c => sqlx::query(sql)
        .bind(checker_id).bind(checked_on).bind(status.id()).bind(id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// The entry, locked against a concurrent decision on PostgreSQL (SQLite's write transaction is exclusive).
pub async fn find_for_update_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Option<CommandRecord>> {
    let mut c = tx.conn();
    let row: Option<CommandRecord> = match &mut c {
        Conn::Sqlite(c) => {
            let sql = format!("{SELECT} WHERE c.id = $1");
            sqlx::query_as(&sql)
                .bind(id)
                .fetch_optional(&mut **c)
                .await?
        }
        Conn::Pg(c) => {
            let sql = format!("{SELECT} WHERE c.id = $1 FOR UPDATE OF c");
            sqlx::query_as(&sql)
                .bind(id)
                .fetch_optional(&mut **c)
                .await?
        }
    };
    Ok(row)
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_portfolio_command_source WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// The switches that decide whether a write waits for a checker: the global `maker-checker` and
/// `enable-same-maker-checker` configurations and the permission's own `can_maker_checker` flag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MakerCheckerSwitches {
    pub enabled: bool,
    pub same_user_may_check: bool,
    pub permission_is_maker_checker: bool,
}

pub async fn maker_checker_switches(
    c: &mut Conn<'_>,
    permission_code: &str,
) -> StoreResult<MakerCheckerSwitches> {
    let sql = "SELECT \
        COALESCE((SELECT enabled FROM c_configuration WHERE name = $2), FALSE), \
        COALESCE((SELECT enabled FROM c_configuration WHERE name = $3), FALSE), \
        COALESCE((SELECT can_maker_checker FROM m_permission WHERE code = $1), FALSE)";
    let (enabled, same_user_may_check, permission_is_maker_checker): (bool, bool, bool) = on!(c, c => sqlx::query_as(sql).bind(permission_code).bind(names::MAKER_CHECKER)
            .bind(names::ENABLE_SAME_MAKER_CHECKER).fetch_one(c).await?);
    Ok(MakerCheckerSwitches {
        enabled,
        same_user_may_check,
        permission_is_maker_checker,
    })
}

/// The command holding this idempotency key for one user's request (method and path with query), if any:
/// a key is never shared between users or between requests to different places.
pub async fn find_by_idempotency_key(
    c: &mut Conn<'_>,
    maker_id: i64,
    request_method: &str,
    request_path: &str,
    key: &str,
) -> StoreResult<Option<CommandRecord>> {
    let sql = format!(
        "{SELECT} WHERE c.maker_id = $1 AND c.request_method = $2 AND c.request_path = $3 \
         AND c.idempotency_key = $4"
    );
    let row: Option<CommandRecord> = on!(c, c => sqlx::query_as(&sql)
        .bind(maker_id).bind(request_method).bind(request_path).bind(key).fetch_optional(c).await?);
    Ok(row)
}

/// Frees an expired or abandoned idempotency key so that it can be used again; the audit row stays.
pub async fn release_idempotency_key_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_portfolio_command_source SET idempotency_key = NULL WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<CommandRecord>> {
    let sql = format!("{SELECT} WHERE c.id = $1");
    let row: Option<CommandRecord> =
        on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row)
}

/// Typed audit filters; every value is bound, none is spliced.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action_name: Option<String>,
    pub entity_name: Option<String>,
    pub resource_id: Option<i64>,
    pub maker_id: Option<i64>,
    pub checker_id: Option<i64>,
    pub status: Option<i64>,
    pub office_id: Option<i64>,
    pub client_id: Option<i64>,
    pub loan_id: Option<i64>,
    pub savings_account_id: Option<i64>,
    pub made_from: Option<DateTime<Utc>>,
    pub made_to: Option<DateTime<Utc>>,
    /// Only commands whose office lies in this subtree (commands without an office stay visible).
    pub within_hierarchy: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuditOrder {
    #[default]
    Id,
    ActionName,
    EntityName,
    ResourceId,
    MadeOnDate,
    Maker,
    Status,
}

impl AuditOrder {
    fn column(self) -> &'static str {
        match self {
            AuditOrder::Id => "c.id",
            AuditOrder::ActionName => "c.action_name",
            AuditOrder::EntityName => "c.entity_name",
            AuditOrder::ResourceId => "c.resource_id",
            AuditOrder::MadeOnDate => "c.made_on_date",
            AuditOrder::Maker => "mk.username",
            AuditOrder::Status => "c.status",
        }
    }
}

/// A page of audit rows and the number of rows matching the filter.
pub async fn list(
    c: &mut Conn<'_>,
    filter: &AuditFilter,
    order: AuditOrder,
    sort: SortOrder,
    page: PageBounds,
) -> StoreResult<(i64, Vec<CommandRecord>)> {
    // Each optional filter is `($n IS NULL OR column = $n)`, so the SQL text is fixed whatever the input.
    let wheres = "WHERE ($1 IS NULL OR c.action_name = $1) AND ($2 IS NULL OR c.entity_name = $2) \
        AND ($3 IS NULL OR c.resource_id = $3) AND ($4 IS NULL OR c.maker_id = $4) \
        AND ($5 IS NULL OR c.checker_id = $5) AND ($6 IS NULL OR c.status = $6) \
        AND ($7 IS NULL OR c.office_id = $7) AND ($8 IS NULL OR c.client_id = $8) \
        AND ($9 IS NULL OR c.loan_id = $9) AND ($10 IS NULL OR c.savings_account_id = $10) \
        AND ($11 IS NULL OR c.made_on_date >= $11) AND ($12 IS NULL OR c.made_on_date <= $12) \
        AND ($13 IS NULL OR o.hierarchy IS NULL OR o.hierarchy LIKE $13 || '%')";
    let count_sql = format!(
        "SELECT COUNT(*) FROM m_portfolio_command_source c LEFT JOIN m_appuser mk ON mk.id = c.maker_id \
         LEFT JOIN m_office o ON o.id = c.office_id {wheres}"
    );
    let list_sql = format!(
        "{SELECT} {wheres} ORDER BY {} {}, c.id LIMIT $14 OFFSET $15",
        order.column(),
        sort.sql()
    );
    macro_rules! bind_filter {
        ($q:expr) => {
            $q.bind(&filter.action_name)
                .bind(&filter.entity_name)
                .bind(filter.resource_id)
                .bind(filter.maker_id)
                .bind(filter.checker_id)
                .bind(filter.status)
                .bind(filter.office_id)
                .bind(filter.client_id)
                .bind(filter.loan_id)
                .bind(filter.savings_account_id)
                .bind(filter.made_from)
                .bind(filter.made_to)
                .bind(&filter.within_hierarchy)
        };
    }
    let total: i64 = on!(c, c => bind_filter!(sqlx::query_scalar(&count_sql)).fetch_one(c).await?);
    let rows: Vec<CommandRecord> = on!(c, c => bind_filter!(sqlx::query_as(&list_sql))
        .bind(page.limit).bind(page.offset).fetch_all(c).await?);
    Ok((total, rows))
}
