//! Offices: the tree every other record hangs on.

use chrono::NaiveDate;
use kassa_domain::organisation::office::{Office, OfficeDraft};

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;
use crate::repo::paging::SortOrder;

#[derive(Debug, Clone, sqlx::FromRow)]
struct OfficeRow {
    id: i64,
    parent_id: Option<i64>,
    hierarchy: String,
    name: String,
    external_id: Option<String>,
    opening_date: NaiveDate,
}

impl From<OfficeRow> for Office {
    fn from(r: OfficeRow) -> Self {
        Office {
            id: r.id,
            parent_id: r.parent_id,
            hierarchy: r.hierarchy,
            name: r.name,
            external_id: r.external_id,
            opening_date: r.opening_date,
        }
    }
}

/// An office as listed, with its parent's name.
#[derive(Debug, Clone)]
pub struct OfficeListing {
    pub office: Office,
    pub parent_name: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct ListingRow {
    id: i64,
    parent_id: Option<i64>,
    hierarchy: String,
    name: String,
    external_id: Option<String>,
    opening_date: NaiveDate,
    parent_name: Option<String>,
}

/// Columns an office list may be ordered by; the API maps Fineract's names onto these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OfficeOrder {
    #[default]
    Hierarchy,
    Id,
    Name,
    ExternalId,
    OpeningDate,
    ParentId,
}

impl OfficeOrder {
    fn column(self) -> &'static str {
        match self {
            OfficeOrder::Hierarchy => "o.hierarchy",
            OfficeOrder::Id => "o.id",
            OfficeOrder::Name => "o.name",
            OfficeOrder::ExternalId => "o.external_id",
            OfficeOrder::OpeningDate => "o.opening_date",
            OfficeOrder::ParentId => "o.parent_id",
        }
    }
}

const COLUMNS: &str = "id, parent_id, hierarchy, name, external_id, opening_date";

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<Office>> {
    let sql = format!("SELECT {COLUMNS} FROM m_office WHERE id = $1");
    let row: Option<OfficeRow> =
        on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row.map(Office::from))
}

pub async fn find_by_external_id(
    c: &mut Conn<'_>,
    external_id: &str,
) -> StoreResult<Option<Office>> {
    let sql = format!("SELECT {COLUMNS} FROM m_office WHERE external_id = $1");
    let row: Option<OfficeRow> =
        on!(c, c => sqlx::query_as(&sql).bind(external_id).fetch_optional(c).await?);
    Ok(row.map(Office::from))
}

/// Offices in the subtree of `root_hierarchy`, in the given order (ties broken by id).
pub async fn list_within(
    c: &mut Conn<'_>,
    root_hierarchy: &str,
    order: OfficeOrder,
    sort: SortOrder,
) -> StoreResult<Vec<OfficeListing>> {
    let sql = format!(
        "SELECT o.id, o.parent_id, o.hierarchy, o.name, o.external_id, o.opening_date, p.name AS parent_name \
         FROM m_office o LEFT JOIN m_office p ON p.id = o.parent_id \
         WHERE o.hierarchy LIKE $1 || '%' ORDER BY {} {}, o.id",
        order.column(),
        sort.sql()
    );
    let rows: Vec<ListingRow> =
        on!(c, c => sqlx::query_as(&sql).bind(root_hierarchy).fetch_all(c).await?);
    Ok(rows
        .into_iter()
        .map(|r| OfficeListing {
            office: Office {
                id: r.id,
                parent_id: r.parent_id,
                hierarchy: r.hierarchy,
                name: r.name,
                external_id: r.external_id,
                opening_date: r.opening_date,
            },
            parent_name: r.parent_name,
        })
        .collect())
}

pub async fn name_taken(c: &mut Conn<'_>, name: &str, except_id: Option<i64>) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM m_office WHERE name = $1 AND id <> $2";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(name).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn external_id_taken(
    c: &mut Conn<'_>,
    external_id: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM m_office WHERE external_id = $1 AND id <> $2";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(external_id).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn earliest_child_opening(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<NaiveDate>> {
    let sql =
        "SELECT opening_date FROM m_office WHERE parent_id = $1 ORDER BY opening_date LIMIT 1";
    let d: Option<NaiveDate> =
        on!(c, c => sqlx::query_scalar(sql).bind(id).fetch_optional(c).await?);
    Ok(d)
}

/// Inserts a new office below `parent` and returns it with its id and hierarchy.
pub async fn insert_in_tx(
    tx: &mut Tx,
    draft: &OfficeDraft,
    parent: &Office,
) -> StoreResult<Office> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_office (parent_id, hierarchy, name, external_id, opening_date) \
               VALUES ($1, '', $2, $3, $4) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(parent.id).bind(&draft.name).bind(&draft.external_id).bind(draft.opening_date)
        .fetch_one(c).await?);
    let hierarchy = parent.child_hierarchy(id);
    let sql = "UPDATE m_office SET hierarchy = $1 WHERE id = $2";
    on!(&mut c, c => sqlx::query(sql).bind(&hierarchy).bind(id).execute(c).await.map(|_| ())?);
    Ok(Office {
        id,
        parent_id: Some(parent.id),
        hierarchy,
        name: draft.name.clone(),
        external_id: draft.external_id.clone(),
        opening_date: draft.opening_date,
    })
}

/// Stores `next` over `previous`; when the hierarchy moved, the whole subtree moves with it.
pub async fn update_in_tx(tx: &mut Tx, previous: &Office, next: &Office) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_office SET parent_id = $1, name = $2, external_id = $3, opening_date = $4 WHERE id = $5";
    on!(&mut c, c => sqlx::query(sql)
        .bind(next.parent_id).bind(&next.name).bind(&next.external_id).bind(next.opening_date).bind(next.id)
        .execute(c).await.map(|_| ())?);
    if previous.hierarchy != next.hierarchy {
        // Hierarchies are server-made strings of digits and dots, so LIKE sees no wildcards in them.
        let sql = "UPDATE m_office SET hierarchy = $1 || substr(hierarchy, CAST($2 AS INTEGER)) WHERE hierarchy LIKE $3 || '%'";
        let keep_from = i64::try_from(previous.hierarchy.len()).unwrap_or(i64::MAX) + 1;
        on!(&mut c, c => sqlx::query(sql)
            .bind(&next.hierarchy).bind(keep_from).bind(&previous.hierarchy)
            .execute(c).await.map(|_| ())?);
    }
    Ok(())
}
