//! Notes (`m_note`): free text on a client, with who wrote and last changed it and when.

use chrono::{DateTime, Utc};

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

/// A stored note with the usernames of its author and last editor.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NoteRecord {
    pub id: i64,
    pub client_id: Option<i64>,
    pub note_type_enum: i64,
    pub note: Option<String>,
    pub created_by: Option<i64>,
    pub created_by_username: Option<String>,
    pub created_on_utc: DateTime<Utc>,
    pub last_modified_by: Option<i64>,
    pub last_modified_by_username: Option<String>,
    pub last_modified_on_utc: DateTime<Utc>,
}

const SELECT: &str = "SELECT n.id, n.client_id, n.note_type_enum, n.note, n.created_by, \
    cb.username AS created_by_username, n.created_on_utc, n.last_modified_by, \
    mb.username AS last_modified_by_username, n.last_modified_on_utc \
    FROM m_note n LEFT JOIN m_appuser cb ON cb.id = n.created_by \
    LEFT JOIN m_appuser mb ON mb.id = n.last_modified_by";

/// The client's notes of one type, newest first (Fineract's order).
pub async fn list_for_client(
    c: &mut Conn<'_>,
    client_id: i64,
    note_type: i64,
) -> StoreResult<Vec<NoteRecord>> {
    let sql = format!(
        "{SELECT} WHERE n.client_id = $1 AND n.note_type_enum = $2 \
         ORDER BY n.created_on_utc DESC, n.id DESC"
    );
    let rows: Vec<NoteRecord> =
        on!(c, c => sqlx::query_as(&sql).bind(client_id).bind(note_type).fetch_all(c).await?);
    Ok(rows)
}

/// One note, only when it is a note of this type on `client_id`.
pub async fn find_for_client(
    c: &mut Conn<'_>,
    client_id: i64,
    note_type: i64,
    id: i64,
) -> StoreResult<Option<NoteRecord>> {
    let sql = format!("{SELECT} WHERE n.id = $1 AND n.client_id = $2 AND n.note_type_enum = $3");
    let row: Option<NoteRecord> = on!(c, c => sqlx::query_as(&sql)
        .bind(id).bind(client_id).bind(note_type).fetch_optional(c).await?);
    Ok(row)
}

pub async fn insert_for_client_in_tx(
    tx: &mut Tx,
    client_id: i64,
    note_type: i64,
    note: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_note (client_id, note_type_enum, note, created_by, created_on_utc, \
               last_modified_by, last_modified_on_utc) VALUES ($1, $2, $3, $4, $5, $4, $5) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(client_id).bind(note_type).bind(note).bind(user_id).bind(now)
        .fetch_one(c).await?);
    Ok(id)
}

pub async fn update_text_in_tx(
    tx: &mut Tx,
    id: i64,
    note: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_note SET note = $1, last_modified_by = $2, last_modified_on_utc = $3 WHERE id = $4";
    on!(&mut c, c => sqlx::query(sql)
        .bind(note).bind(user_id).bind(now).bind(id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_note WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
