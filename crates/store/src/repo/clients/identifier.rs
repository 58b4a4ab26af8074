//! Client identifiers (`m_client_identifier`): identity documents, their key unique per document type.

use chrono::{DateTime, Utc};
use kassa_domain::clients::detail::{ClientIdentifier, IdentifierDraft, IdentifierStatus};

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct IdentifierRow {
    id: i64,
    client_id: i64,
    document_type_id: i64,
    document_type_name: String,
    document_key: String,
    status: i64,
    description: Option<String>,
}

impl TryFrom<IdentifierRow> for ClientIdentifier {
    type Error = StoreError;

    fn try_from(r: IdentifierRow) -> StoreResult<Self> {
        let status = IdentifierStatus::from_id(r.status).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "client identifier {} has status {}",
                r.id, r.status
            ))
        })?;
        Ok(ClientIdentifier {
            id: r.id,
            client_id: r.client_id,
            document_type_id: r.document_type_id,
            document_type_name: r.document_type_name,
            document_key: r.document_key,
            status,
            description: r.description,
        })
    }
}

const SELECT: &str =
    "SELECT ci.id, ci.client_id, ci.document_type_id, cv.code_value AS document_type_name, \
    ci.document_key, ci.status, ci.description \
    FROM m_client_identifier ci JOIN m_code_value cv ON cv.id = ci.document_type_id";

/// The identifiers of a client, oldest first (Fineract orders by id).
pub async fn list_for_client(
    c: &mut Conn<'_>,
    client_id: i64,
) -> StoreResult<Vec<ClientIdentifier>> {
    let sql = format!("{SELECT} WHERE ci.client_id = $1 ORDER BY ci.id");
    let rows: Vec<IdentifierRow> =
        on!(c, c => sqlx::query_as(&sql).bind(client_id).fetch_all(c).await?);
    rows.into_iter().map(ClientIdentifier::try_from).collect()
}

/// One identifier, only when it belongs to `client_id`.
pub async fn find(
    c: &mut Conn<'_>,
    client_id: i64,
    id: i64,
) -> StoreResult<Option<ClientIdentifier>> {
    let sql = format!("{SELECT} WHERE ci.id = $1 AND ci.client_id = $2");
    let row: Option<IdentifierRow> =
        on!(c, c => sqlx::query_as(&sql).bind(id).bind(client_id).fetch_optional(c).await?);
    row.map(ClientIdentifier::try_from).transpose()
}

/// Who already holds `document_key` for `document_type_id` (other than identifier `except_id`): the
/// client's display name and office name, for Fineract's duplicate message.
pub async fn key_holder(
    c: &mut Conn<'_>,
    document_type_id: i64,
    document_key: &str,
    except_id: Option<i64>,
) -> StoreResult<Option<(String, String)>> {
    let sql = "SELECT cl.display_name, o.name FROM m_client_identifier ci \
               JOIN m_client cl ON cl.id = ci.client_id JOIN m_office o ON o.id = cl.office_id \
               WHERE ci.document_type_id = $1 AND ci.document_key = $2 AND ci.id <> $3";
    let row: Option<(String, String)> = on!(c, c => sqlx::query_as(sql)
        .bind(document_type_id).bind(document_key).bind(except_id.unwrap_or(0))
        .fetch_optional(c).await?);
    Ok(row)
}

/// Whether the client already has another active identifier with this key (of any type).
pub async fn active_key_taken(
    c: &mut Conn<'_>,
    client_id: i64,
    document_key: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM m_client_identifier \
               WHERE client_id = $1 AND document_key = $2 AND active IS NOT NULL AND id <> $3";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql)
        .bind(client_id).bind(document_key).bind(except_id.unwrap_or(0))
        .fetch_one(c).await?);
    Ok(n > 0)
}

/// `active` mirrors the status for the partial uniqueness (see the migration).
fn active_column(status: IdentifierStatus) -> Option<i64> {
    match status {
        IdentifierStatus::Active => Some(status.id()),
        IdentifierStatus::Inactive => None,
    }
}

pub async fn insert_in_tx(
    tx: &mut Tx,
    client_id: i64,
    draft: &IdentifierDraft,
    user_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_client_identifier (client_id, document_type_id, document_key, status, active, \
               description, created_by, created_on_utc, last_modified_by, last_modified_on_utc) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(client_id).bind(draft.document_type_id).bind(&draft.document_key).bind(draft.status.id())
        .bind(active_column(draft.status)).bind(&draft.description).bind(user_id).bind(now)
        .fetch_one(c).await?);
    Ok(id)
}

pub async fn update_in_tx(
    tx: &mut Tx,
    identifier: &ClientIdentifier,
    user_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_client_identifier SET document_type_id = $1, document_key = $2, status = $3, \
               active = $4, description = $5, last_modified_by = $6, last_modified_on_utc = $7 WHERE id = $8";
    on!(&mut c, c => sqlx::query(sql)
        .bind(identifier.document_type_id).bind(&identifier.document_key).bind(identifier.status.id())
        .bind(active_column(identifier.status)).bind(&identifier.description).bind(user_id).bind(now)
        .bind(identifier.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_client_identifier WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
