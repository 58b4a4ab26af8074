//! Codes (`m_code`) and their values (`m_code_value`).

use kassa_domain::organisation::code::{Code, CodeValue, CodeValueDraft};

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct CodeRow {
    id: i64,
    code_name: String,
    is_system_defined: bool,
}

impl From<CodeRow> for Code {
    fn from(r: CodeRow) -> Self {
        Code {
            id: r.id,
            name: r.code_name,
            system_defined: r.is_system_defined,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct ValueRow {
    id: i64,
    code_id: i64,
    code_value: String,
    code_description: Option<String>,
    order_position: i64,
    is_active: bool,
    is_mandatory: bool,
}

impl From<ValueRow> for CodeValue {
    fn from(r: ValueRow) -> Self {
        CodeValue {
            id: r.id,
            code_id: r.code_id,
            name: r.code_value,
            description: r.code_description,
            position: r.order_position,
            is_active: r.is_active,
            is_mandatory: r.is_mandatory,
        }
    }
}

const CODE_COLUMNS: &str = "c.id, c.code_name, c.is_system_defined";
const VALUE_COLUMNS: &str =
    "v.id, v.code_id, v.code_value, v.code_description, v.order_position, v.is_active, v.is_mandatory";

/// Every code, by name (as Fineract lists them).
pub async fn list(c: &mut Conn<'_>) -> StoreResult<Vec<Code>> {
    let sql = format!("SELECT {CODE_COLUMNS} FROM m_code c ORDER BY c.code_name, c.id");
    let rows: Vec<CodeRow> = on!(c, c => sqlx::query_as(&sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(Code::from).collect())
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<Code>> {
    let sql = format!("SELECT {CODE_COLUMNS} FROM m_code c WHERE c.id = $1");
    let row: Option<CodeRow> = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row.map(Code::from))
}

pub async fn find_by_name(c: &mut Conn<'_>, name: &str) -> StoreResult<Option<Code>> {
    let sql = format!("SELECT {CODE_COLUMNS} FROM m_code c WHERE c.code_name = $1");
    let row: Option<CodeRow> =
        on!(c, c => sqlx::query_as(&sql).bind(name).fetch_optional(c).await?);
    Ok(row.map(Code::from))
}

pub async fn name_taken(c: &mut Conn<'_>, name: &str, except_id: Option<i64>) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM m_code WHERE code_name = $1 AND id <> $2";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(name).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

/// Inserts a user-defined code and returns its id.
pub async fn insert_in_tx(tx: &mut Tx, name: &str) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_code (code_name, is_system_defined) VALUES ($1, $2) RETURNING id";
    let id: i64 =
        on!(&mut c, c => sqlx::query_scalar(sql).bind(name).bind(false).fetch_one(c).await?);
    Ok(id)
}

pub async fn rename_in_tx(tx: &mut Tx, id: i64, name: &str) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_code SET code_name = $1 WHERE id = $2";
    on!(&mut c, c => sqlx::query(sql).bind(name).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// Deletes a code with its values, as Fineract's cascade does.
pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_code_value WHERE code_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    let sql = "DELETE FROM m_code WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// The values of a code, by position then id (Fineract orders by position).
pub async fn values_of(c: &mut Conn<'_>, code_id: i64) -> StoreResult<Vec<CodeValue>> {
    let sql = format!(
        "SELECT {VALUE_COLUMNS} FROM m_code_value v WHERE v.code_id = $1 ORDER BY v.order_position, v.id"
    );
    let rows: Vec<ValueRow> = on!(c, c => sqlx::query_as(&sql).bind(code_id).fetch_all(c).await?);
    Ok(rows.into_iter().map(CodeValue::from).collect())
}

/// The active values of the code with this name, by position: what templates offer (`genderOptions`, …).
pub async fn active_values_of_code_named(
    c: &mut Conn<'_>,
    code_name: &str,
) -> StoreResult<Vec<CodeValue>> {
    let sql = format!(
        "SELECT {VALUE_COLUMNS} FROM m_code_value v JOIN m_code c ON c.id = v.code_id \
         WHERE c.code_name = $1 AND v.is_active = $2 ORDER BY v.order_position, v.id"
    );
    let rows: Vec<ValueRow> =
        on!(c, c => sqlx::query_as(&sql).bind(code_name).bind(true).fetch_all(c).await?);
    Ok(rows.into_iter().map(CodeValue::from).collect())
}

/// A code value, but only when it belongs to the code with this name (how `genderId`, `closureReasonId`, …
/// are checked).
pub async fn value_of_code_named(
    c: &mut Conn<'_>,
    code_name: &str,
    value_id: i64,
) -> StoreResult<Option<CodeValue>> {
    let sql = format!(
        "SELECT {VALUE_COLUMNS} FROM m_code_value v JOIN m_code c ON c.id = v.code_id \
         WHERE c.code_name = $1 AND v.id = $2"
    );
    let row: Option<ValueRow> = on!(c, c => sqlx::query_as(&sql)
        .bind(code_name).bind(value_id).fetch_optional(c).await?);
    Ok(row.map(CodeValue::from))
}

pub async fn find_value(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<CodeValue>> {
    let sql = format!("SELECT {VALUE_COLUMNS} FROM m_code_value v WHERE v.id = $1");
    let row: Option<ValueRow> = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row.map(CodeValue::from))
}

pub async fn value_label_taken(
    c: &mut Conn<'_>,
    code_id: i64,
    label: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    let sql =
        "SELECT COUNT(*) FROM m_code_value WHERE code_id = $1 AND code_value = $2 AND id <> $3";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql)
        .bind(code_id).bind(label).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn insert_value_in_tx(
    tx: &mut Tx,
    code_id: i64,
    draft: &CodeValueDraft,
) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_code_value (code_id, code_value, code_description, order_position, is_active, is_mandatory) \
               VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(code_id).bind(&draft.name).bind(&draft.description).bind(draft.position)
        .bind(draft.is_active).bind(draft.is_mandatory)
        .fetch_one(c).await?);
    Ok(id)
}

pub async fn update_value_in_tx(tx: &mut Tx, value: &CodeValue) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_code_value SET code_value = $1, code_description = $2, order_position = $3, is_active = $4, \
               is_mandatory = $5 WHERE id = $6";
    on!(&mut c, c => sqlx::query(sql)
        .bind(&value.name).bind(&value.description).bind(value.position).bind(value.is_active)
        .bind(value.is_mandatory).bind(value.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn delete_value_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_code_value WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
