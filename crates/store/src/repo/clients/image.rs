//! Client photos (`m_image`): the bytes stay in the tenant's own database; `m_client.image_id` points at
//! the client's current image, as in Fineract.

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

/// Fineract's storage types are 1 (file system) and 2 (S3); Kassa keeps images in the database.
pub const STORAGE_DATABASE: i64 = 3;

/// A stored image with its bytes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredImage {
    pub id: i64,
    pub client_id: i64,
    pub location: String,
    /// `png`, `jpeg` or `gif`, as decoded at upload.
    pub kind: String,
    pub width_px: i64,
    pub height_px: i64,
    pub size_bytes: i64,
    pub data: Vec<u8>,
}

/// What an upload stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImage<'a> {
    pub location: &'a str,
    pub kind: &'a str,
    pub width_px: i64,
    pub height_px: i64,
    pub data: &'a [u8],
}

/// The client's current image (the one `m_client.image_id` names).
pub async fn find_for_client(c: &mut Conn<'_>, client_id: i64) -> StoreResult<Option<StoredImage>> {
    let sql = "SELECT i.id, i.client_id, i.location, i.kind, i.width_px, i.height_px, i.size_bytes, i.data \
               FROM m_client cl JOIN m_image i ON i.id = cl.image_id WHERE cl.id = $1";
    let row: Option<StoredImage> =
        on!(c, c => sqlx::query_as(sql).bind(client_id).fetch_optional(c).await?);
    Ok(row)
}

/// Stores the client's image, replacing the one it had (the row, and so the image id, is kept as
/// Fineract keeps its `m_image` row), and points `m_client.image_id` at it.
pub async fn save_for_client_in_tx(
    tx: &mut Tx,
    client_id: i64,
    image: &NewImage<'_>,
) -> StoreResult<i64> {
    let mut c = tx.conn();
    let size = i64::try_from(image.data.len()).unwrap_or(i64::MAX);
    let sql =
        "UPDATE m_image SET location = $1, storage_type_enum = $2, kind = $3, width_px = $4, \
               height_px = $5, size_bytes = $6, data = $7 WHERE client_id = $8 RETURNING id";
    let existing: Option<i64> = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(image.location).bind(STORAGE_DATABASE).bind(image.kind).bind(image.width_px)
        .bind(image.height_px).bind(size).bind(image.data).bind(client_id)
        .fetch_optional(c).await?);
    let id = match existing {
        Some(id) => id,
        None => {
            let sql = "INSERT INTO m_image (client_id, location, storage_type_enum, kind, width_px, height_px, \
                       size_bytes, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
            let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
                .bind(client_id).bind(image.location).bind(STORAGE_DATABASE).bind(image.kind)
                .bind(image.width_px).bind(image.height_px).bind(size).bind(image.data)
                .fetch_one(c).await?);
            id
        }
    };
    let sql = "UPDATE m_client SET image_id = $1 WHERE id = $2";
    on!(&mut c, c => sqlx::query(sql).bind(id).bind(client_id).execute(c).await.map(|_| ())?);
    Ok(id)
}

/// Removes the client's image and clears `m_client.image_id`; the id of the removed image, if any.
pub async fn delete_for_client_in_tx(tx: &mut Tx, client_id: i64) -> StoreResult<Option<i64>> {
    let mut c = tx.conn();
    let sql = "UPDATE m_client SET image_id = NULL WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(client_id).execute(c).await.map(|_| ())?);
    let sql = "DELETE FROM m_image WHERE client_id = $1 RETURNING id";
    let id: Option<i64> =
        on!(&mut c, c => sqlx::query_scalar(sql).bind(client_id).fetch_optional(c).await?);
    Ok(id)
}
