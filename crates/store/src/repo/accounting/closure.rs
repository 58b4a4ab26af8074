//! Accounting closures. Fineract deletes a closure outright (its `is_deleted` column stays false).

use chrono::NaiveDate;
use kassa_domain::accounting::GlClosure;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

/// A closure as reads show it: with its office's name and who created and last changed it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClosureListing {
    pub id: i64,
    pub office_id: i64,
    pub office_name: String,
    pub closing_date: NaiveDate,
    pub is_deleted: bool,
    pub comments: Option<String>,
    pub created_by_id: i64,
    pub created_by_username: String,
    pub created_date: NaiveDate,
    pub updated_by_id: i64,
    pub updated_by_username: String,
    pub updated_date: NaiveDate,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct Row {
    id: i64,
    office_id: i64,
    closing_date: NaiveDate,
    comments: Option<String>,
}

impl From<Row> for GlClosure {
    fn from(r: Row) -> Self {
        GlClosure {
            id: r.id,
            office_id: r.office_id,
            closing_date: r.closing_date,
            comments: r.comments,
        }
    }
}

const LISTING: &str = "SELECT c.id, c.office_id, o.name AS office_name, c.closing_date, c.is_deleted, c.comments, \
    c.createdby_id AS created_by_id, cu.username AS created_by_username, c.created_date, \
    c.lastmodifiedby_id AS updated_by_id, uu.username AS updated_by_username, c.lastmodified_date AS updated_date \
    FROM acc_gl_closure c JOIN m_office o ON o.id = c.office_id JOIN m_appuser cu ON cu.id = c.createdby_id \
    JOIN m_appuser uu ON uu.id = c.lastmodifiedby_id";

/// Closures of offices within `hierarchy` (of one office when given), latest first.
pub async fn list_within(
    c: &mut Conn<'_>,
    hierarchy: &str,
    office_id: Option<i64>,
) -> StoreResult<Vec<ClosureListing>> {
    let sql = format!(
        "{LISTING} WHERE c.is_deleted = $1 AND o.hierarchy LIKE $2 AND ($3 IS NULL OR c.office_id = $3) \
         ORDER BY c.closing_date DESC, c.id DESC"
    );
    let pattern = format!("{hierarchy}%");
    let rows = on!(c, c => sqlx::query_as(&sql).bind(false).bind(&pattern).bind(office_id).fetch_all(c).await?);
    Ok(rows)
}

pub async fn find_listing(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<ClosureListing>> {
    let sql = format!("{LISTING} WHERE c.id = $1");
    let row = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row)
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<GlClosure>> {
    let sql = "SELECT id, office_id, closing_date, comments FROM acc_gl_closure WHERE id = $1";
    let row: Option<Row> = on!(c, c => sqlx::query_as(sql).bind(id).fetch_optional(c).await?);
    Ok(row.map(GlClosure::from))
}

/// The office's closure with the greatest date on or after `date`.
pub async fn latest_on_or_after(
    c: &mut Conn<'_>,
    office_id: i64,
    date: NaiveDate,
) -> StoreResult<Option<GlClosure>> {
    let sql = "SELECT id, office_id, closing_date, comments FROM acc_gl_closure \
               WHERE office_id = $1 AND is_deleted = $2 AND closing_date >= $3 ORDER BY closing_date DESC LIMIT 1";
    let row: Option<Row> = on!(c, c => sqlx::query_as(sql).bind(office_id).bind(false).bind(date).fetch_optional(c).await?);
    Ok(row.map(GlClosure::from))
}

/// The office's latest closure.
pub async fn latest(c: &mut Conn<'_>, office_id: i64) -> StoreResult<Option<GlClosure>> {
    let sql = "SELECT id, office_id, closing_date, comments FROM acc_gl_closure \
               WHERE office_id = $1 AND is_deleted = $2 ORDER BY closing_date DESC LIMIT 1";
    let row: Option<Row> =
        on!(c, c => sqlx::query_as(sql).bind(office_id).bind(false).fetch_optional(c).await?);
    Ok(row.map(GlClosure::from))
}

pub async fn date_taken(c: &mut Conn<'_>, office_id: i64, date: NaiveDate) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM acc_gl_closure WHERE office_id = $1 AND closing_date = $2";
    let n: i64 =
        on!(c, c => sqlx::query_scalar(sql).bind(office_id).bind(date).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn insert_in_tx(
    tx: &mut Tx,
    office_id: i64,
    date: NaiveDate,
    comments: Option<&str>,
    user_id: i64,
    today: NaiveDate,
) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO acc_gl_closure (office_id, closing_date, is_deleted, comments, createdby_id, created_date, \
               lastmodifiedby_id, lastmodified_date) VALUES ($1, $2, $3, $4, $5, $6, $5, $6) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(office_id).bind(date).bind(false).bind(comments).bind(user_id).bind(today)
        .fetch_one(c).await?);
    Ok(id)
}

pub async fn update_comments_in_tx(
    tx: &mut Tx,
    id: i64,
    comments: Option<&str>,
    user_id: i64,
    today: NaiveDate,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE acc_gl_closure SET comments = $1, lastmodifiedby_id = $2, lastmodified_date = $3 WHERE id = $4";
    on!(&mut c, c => sqlx::query(sql).bind(comments).bind(user_id).bind(today).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM acc_gl_closure WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
