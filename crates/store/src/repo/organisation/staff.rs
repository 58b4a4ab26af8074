//! Staff (`m_staff`): employees of an office, listed within the caller's office subtree.

use chrono::NaiveDate;
use kassa_domain::organisation::staff::{Staff, StaffDraft};

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

/// A staff member with its office's name and hierarchy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffListing {
    pub staff: Staff,
    pub office_name: String,
    pub office_hierarchy: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct StaffRow {
    id: i64,
    office_id: i64,
    firstname: String,
    lastname: String,
    display_name: String,
    mobile_no: Option<String>,
    external_id: Option<String>,
    is_loan_officer: bool,
    is_active: bool,
    joining_date: NaiveDate,
    office_name: String,
    office_hierarchy: String,
}

impl From<StaffRow> for StaffListing {
    fn from(r: StaffRow) -> Self {
        StaffListing {
            staff: Staff {
                id: r.id,
                office_id: r.office_id,
                firstname: r.firstname,
                lastname: r.lastname,
                display_name: r.display_name,
                mobile_no: r.mobile_no,
                external_id: r.external_id,
                is_loan_officer: r.is_loan_officer,
                is_active: r.is_active,
                joining_date: r.joining_date,
            },
            office_name: r.office_name,
            office_hierarchy: r.office_hierarchy,
        }
    }
}

const SELECT: &str =
    "SELECT s.id, s.office_id, s.firstname, s.lastname, s.display_name, s.mobile_no, \
    s.external_id, s.is_loan_officer, s.is_active, s.joining_date, \
    o.name AS office_name, o.hierarchy AS office_hierarchy \
    FROM m_staff s JOIN m_office o ON o.id = s.office_id";

/// Filters of a staff list; every list is also limited to an office subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StaffFilter {
    pub office_id: Option<i64>,
    pub loan_officers_only: bool,
    /// `Some(true)` active only, `Some(false)` inactive only, `None` both.
    pub is_active: Option<bool>,
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<StaffListing>> {
    let sql = format!("{SELECT} WHERE s.id = $1");
    let row: Option<StaffRow> = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row.map(StaffListing::from))
}

/// Staff of the offices in the subtree of `root_hierarchy` matching `filter`, by last name (as Fineract
/// orders them), ties by id.
pub async fn list_within(
    c: &mut Conn<'_>,
    root_hierarchy: &str,
    filter: StaffFilter,
) -> StoreResult<Vec<StaffListing>> {
    let sql = format!(
        "{SELECT} WHERE o.hierarchy LIKE $1 || '%' \
         AND ($2 IS NULL OR s.office_id = $2) \
         AND ($3 = FALSE OR s.is_loan_officer = TRUE) \
         AND ($4 IS NULL OR s.is_active = $4) \
         ORDER BY s.lastname, s.id"
    );
    let rows: Vec<StaffRow> = on!(c, c => sqlx::query_as(&sql)
        .bind(root_hierarchy).bind(filter.office_id).bind(filter.loan_officers_only).bind(filter.is_active)
        .fetch_all(c).await?);
    Ok(rows.into_iter().map(StaffListing::from).collect())
}

/// Active staff of the office with hierarchy `office_hierarchy` and of the offices above it, limited to the
/// subtree of `root_hierarchy` (Fineract's `staffInOfficeHierarchy`).
pub async fn list_in_office_and_above(
    c: &mut Conn<'_>,
    office_hierarchy: &str,
    root_hierarchy: &str,
    loan_officers_only: bool,
) -> StoreResult<Vec<StaffListing>> {
    // Hierarchies are server-made strings of digits and dots, so LIKE sees no wildcards in them.
    let sql = format!(
        "{SELECT} WHERE $1 LIKE o.hierarchy || '%' AND o.hierarchy LIKE $2 || '%' \
         AND s.is_active = TRUE AND ($3 = FALSE OR s.is_loan_officer = TRUE) \
         ORDER BY s.lastname, s.id"
    );
    let rows: Vec<StaffRow> = on!(c, c => sqlx::query_as(&sql)
        .bind(office_hierarchy).bind(root_hierarchy).bind(loan_officers_only)
        .fetch_all(c).await?);
    Ok(rows.into_iter().map(StaffListing::from).collect())
}

/// `(user id, staff)` for every live user of the subtree of `root_hierarchy` linked to a staff member:
/// one query for a whole user list.
pub async fn linked_to_users_within(
    c: &mut Conn<'_>,
    root_hierarchy: &str,
) -> StoreResult<Vec<(i64, StaffListing)>> {
    #[derive(sqlx::FromRow)]
    struct Linked {
        user_id: i64,
        #[sqlx(flatten)]
        staff: StaffRow,
    }
    let sql = "SELECT u.id AS user_id, s.id, s.office_id, s.firstname, s.lastname, s.display_name, s.mobile_no, \
         s.external_id, s.is_loan_officer, s.is_active, s.joining_date, \
         o.name AS office_name, o.hierarchy AS office_hierarchy \
         FROM m_appuser u JOIN m_office uo ON uo.id = u.office_id \
         JOIN m_staff s ON s.id = u.staff_id JOIN m_office o ON o.id = s.office_id \
         WHERE uo.hierarchy LIKE $1 || '%' AND u.is_deleted = $2 ORDER BY u.id";
    let rows: Vec<Linked> = on!(c, c => sqlx::query_as(sql)
        .bind(root_hierarchy).bind(false).fetch_all(c).await?);
    Ok(rows
        .into_iter()
        .map(|r| (r.user_id, StaffListing::from(r.staff)))
        .collect())
}

/// Which unique column another staff member (other than `except_id`) already holds this value in.
async fn taken(
    c: &mut Conn<'_>,
    column: UniqueColumn,
    value: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    let sql = format!(
        "SELECT COUNT(*) FROM m_staff WHERE {} = $1 AND id <> $2",
        column.name()
    );
    let n: i64 = on!(c, c => sqlx::query_scalar(&sql).bind(value).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

#[derive(Debug, Clone, Copy)]
enum UniqueColumn {
    DisplayName,
    ExternalId,
    MobileNo,
}

impl UniqueColumn {
    fn name(self) -> &'static str {
        match self {
            UniqueColumn::DisplayName => "display_name",
            UniqueColumn::ExternalId => "external_id",
            UniqueColumn::MobileNo => "mobile_no",
        }
    }
}

pub async fn display_name_taken(
    c: &mut Conn<'_>,
    display_name: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    taken(c, UniqueColumn::DisplayName, display_name, except_id).await
}

pub async fn external_id_taken(
    c: &mut Conn<'_>,
    external_id: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    taken(c, UniqueColumn::ExternalId, external_id, except_id).await
}

pub async fn mobile_no_taken(
    c: &mut Conn<'_>,
    mobile_no: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    taken(c, UniqueColumn::MobileNo, mobile_no, except_id).await
}

pub async fn insert_in_tx(tx: &mut Tx, draft: &StaffDraft) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_staff (office_id, firstname, lastname, display_name, mobile_no, external_id, \
               is_loan_officer, is_active, joining_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(draft.office_id).bind(&draft.firstname).bind(&draft.lastname).bind(draft.display_name())
        .bind(&draft.mobile_no).bind(&draft.external_id).bind(draft.is_loan_officer).bind(draft.is_active)
        .bind(draft.joining_date)
        .fetch_one(c).await?);
    Ok(id)
}

/// The staff row locked for the rest of the transaction on PostgreSQL (SQLite writers are serialised).
pub async fn lock_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Option<StaffListing>> {
    {
        let mut c = tx.conn();
        if let Conn::Pg(c) = &mut c {
            sqlx::query("SELECT id FROM m_staff WHERE id = $1 FOR UPDATE")
                .bind(id)
                .execute(&mut **c)
                .await?;
        }
    }
    find(&mut tx.conn(), id).await
}

pub async fn update_in_tx(tx: &mut Tx, staff: &Staff) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_staff SET office_id = $1, firstname = $2, lastname = $3, display_name = $4, mobile_no = $5, \
               external_id = $6, is_loan_officer = $7, is_active = $8, joining_date = $9 WHERE id = $10";
    on!(&mut c, c => sqlx::query(sql)
        .bind(staff.office_id).bind(&staff.firstname).bind(&staff.lastname).bind(&staff.display_name)
        .bind(&staff.mobile_no).bind(&staff.external_id).bind(staff.is_loan_officer).bind(staff.is_active)
        .bind(staff.joining_date).bind(staff.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}
