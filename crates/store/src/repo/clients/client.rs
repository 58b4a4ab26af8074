//! Clients (`m_client`): reads with the names the API shows (office, staff, code values, users of the
//! timeline), and the writes of each lifecycle step.

use chrono::NaiveDate;
use kassa_domain::clients::ClientSearchColumn;
use kassa_domain::organisation::office::HEAD_OFFICE_HIERARCHY;
use kassa_domain::search::SearchExpr;

use crate::db::{Backend, Conn, Tx};
use crate::error::StoreResult;
use crate::on;
use crate::repo::paging::{PageBounds, SortOrder};
use crate::search::{render, SearchBind, SqlFilter};

/// A client as stored, with the display names of what it refers to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientRecord {
    pub id: i64,
    pub account_no: Option<String>,
    pub external_id: Option<String>,
    pub status_enum: i64,
    pub office_id: i64,
    pub office_name: String,
    pub office_hierarchy: String,
    pub transfer_to_office_id: Option<i64>,
    pub transfer_to_office_name: Option<String>,
    pub transfer_to_office_hierarchy: Option<String>,
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    pub legal_form_enum: i64,
    pub firstname: Option<String>,
    pub middlename: Option<String>,
    pub lastname: Option<String>,
    pub fullname: Option<String>,
    pub display_name: String,
    pub mobile_no: Option<String>,
    pub email_address: Option<String>,
    pub is_staff: bool,
    pub date_of_birth: Option<NaiveDate>,
    pub gender_cv_id: Option<i64>,
    pub gender_name: Option<String>,
    pub client_type_cv_id: Option<i64>,
    pub client_type_name: Option<String>,
    pub client_classification_cv_id: Option<i64>,
    pub client_classification_name: Option<String>,
    pub image_id: Option<i64>,
    pub default_savings_product: Option<i64>,
    pub default_savings_account: Option<i64>,
    pub submittedon_date: NaiveDate,
    pub submitted_by: Option<String>,
    pub submitted_by_firstname: Option<String>,
    pub submitted_by_lastname: Option<String>,
    pub activation_date: Option<NaiveDate>,
    pub activated_by: Option<String>,
    pub activated_by_firstname: Option<String>,
    pub activated_by_lastname: Option<String>,
    pub closedon_date: Option<NaiveDate>,
    pub closed_by: Option<String>,
    pub closed_by_firstname: Option<String>,
    pub closed_by_lastname: Option<String>,
    pub closure_reason_cv_id: Option<i64>,
    pub rejectedon_date: Option<NaiveDate>,
    pub reject_reason_cv_id: Option<i64>,
    pub withdrawn_on_date: Option<NaiveDate>,
    pub withdraw_reason_cv_id: Option<i64>,
    pub reactivated_on_date: Option<NaiveDate>,
    pub reopened_on_date: Option<NaiveDate>,
    pub proposed_transfer_date: Option<NaiveDate>,
}

const SELECT: &str = "SELECT c.id, c.account_no, c.external_id, c.status_enum, c.office_id, \
    o.name AS office_name, o.hierarchy AS office_hierarchy, c.transfer_to_office_id, \
    tto.name AS transfer_to_office_name, \
    tto.hierarchy AS transfer_to_office_hierarchy, c.staff_id, s.display_name AS staff_name, c.legal_form_enum, \
    c.firstname, c.middlename, c.lastname, c.fullname, c.display_name, c.mobile_no, c.email_address, \
    c.is_staff, c.date_of_birth, c.gender_cv_id, g.code_value AS gender_name, c.client_type_cv_id, \
    ct.code_value AS client_type_name, c.client_classification_cv_id, \
    cc.code_value AS client_classification_name, c.image_id, c.default_savings_product, \
    c.default_savings_account, c.submittedon_date, sb.username AS submitted_by, \
    sb.firstname AS submitted_by_firstname, sb.lastname AS submitted_by_lastname, c.activation_date, \
    ab.username AS activated_by, ab.firstname AS activated_by_firstname, ab.lastname AS activated_by_lastname, \
    c.closedon_date, cb.username AS closed_by, cb.firstname AS closed_by_firstname, \
    cb.lastname AS closed_by_lastname, c.closure_reason_cv_id, c.rejectedon_date, c.reject_reason_cv_id, \
    c.withdrawn_on_date, c.withdraw_reason_cv_id, c.reactivated_on_date, c.reopened_on_date, \
    c.proposed_transfer_date \
    FROM m_client c \
    JOIN m_office o ON o.id = c.office_id \
    LEFT JOIN m_office tto ON tto.id = c.transfer_to_office_id \
    LEFT JOIN m_staff s ON s.id = c.staff_id \
    LEFT JOIN m_code_value g ON g.id = c.gender_cv_id \
    LEFT JOIN m_code_value ct ON ct.id = c.client_type_cv_id \
    LEFT JOIN m_code_value cc ON cc.id = c.client_classification_cv_id \
    LEFT JOIN m_appuser sb ON sb.id = c.submittedon_userid \
    LEFT JOIN m_appuser ab ON ab.id = c.activatedon_userid \
    LEFT JOIN m_appuser cb ON cb.id = c.closedon_userid";

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<ClientRecord>> {
    let sql = format!("{SELECT} WHERE c.id = $1");
    let row = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row)
}

pub async fn find_by_external_id(
    c: &mut Conn<'_>,
    external_id: &str,
) -> StoreResult<Option<ClientRecord>> {
    let sql = format!("{SELECT} WHERE c.external_id = $1");
    let row = on!(c, c => sqlx::query_as(&sql).bind(external_id).fetch_optional(c).await?);
    Ok(row)
}

/// The client, locked until the transaction ends (PostgreSQL; SQLite writers are serialised already).
pub async fn lock_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Option<ClientRecord>> {
    let mut c = tx.conn();
    let row = match &mut c {
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

/// Which clients a list shows; every value is bound, none is spliced.
#[derive(Debug, Clone, Default)]
pub struct ClientFilter {
    /// The caller's subtree (clients being transferred into it included).
    pub within_hierarchy: String,
    pub office_id: Option<i64>,
    pub external_id: Option<String>,
    /// Substring of the display name, case-insensitive on both backends.
    pub display_name: Option<String>,
    /// SQL LIKE patterns, as Fineract passes them (the caller supplies `%`); case-insensitive.
    pub first_name_like: Option<String>,
    pub last_name_like: Option<String>,
    pub status: Option<i64>,
    /// The v2 search's free text: a substring of the display name, account number, external id or
    /// mobile number, case-insensitive.
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientOrder {
    #[default]
    Id,
    DisplayName,
    AccountNo,
    ExternalId,
    OfficeName,
    Status,
    ActivationDate,
    SubmittedOnDate,
    Firstname,
    Lastname,
}

impl ClientOrder {
    fn column(self) -> &'static str {
        match self {
            ClientOrder::Id => "c.id",
            ClientOrder::DisplayName => "c.display_name",
            ClientOrder::AccountNo => "c.account_no",
            ClientOrder::ExternalId => "c.external_id",
            ClientOrder::OfficeName => "o.name",
            ClientOrder::Status => "c.status_enum",
            ClientOrder::ActivationDate => "c.activation_date",
            ClientOrder::SubmittedOnDate => "c.submittedon_date",
            ClientOrder::Firstname => "c.firstname",
            ClientOrder::Lastname => "c.lastname",
        }
    }
}

/// Kassa's SQL for each searchable column (never user text).
fn search_column(c: ClientSearchColumn) -> &'static str {
    use ClientSearchColumn as C;
    match c {
        C::Id => "c.id",
        C::AccountNo => "c.account_no",
        C::ExternalId => "c.external_id",
        C::DisplayName => "c.display_name",
        C::Firstname => "c.firstname",
        C::Middlename => "c.middlename",
        C::Lastname => "c.lastname",
        C::Fullname => "c.fullname",
        C::MobileNo => "c.mobile_no",
        C::EmailAddress => "c.email_address",
        C::OfficeId => "c.office_id",
        C::StaffId => "c.staff_id",
        C::StatusEnum => "c.status_enum",
        C::LegalFormEnum => "c.legal_form_enum",
        C::GenderId => "c.gender_cv_id",
        C::ActivationDate => "c.activation_date",
        C::SubmittedOnDate => "c.submittedon_date",
        C::DateOfBirth => "c.date_of_birth",
        C::IsStaff => "c.is_staff",
    }
}

/// The client list's conditions: only those the caller set, so that the database can use its indexes
/// (a head-office caller, who sees every office, gets no office condition at all).
fn conditions(filter: &ClientFilter) -> SqlFilter {
    use SearchBind::{Integer, Text};
    let mut parts: Vec<(&'static str, Vec<SearchBind>)> = Vec::new();
    if filter.within_hierarchy != HEAD_OFFICE_HIERARCHY {
        let h = || Text(filter.within_hierarchy.clone());
        parts.push((
            "(c.office_id IN (SELECT id FROM m_office WHERE hierarchy LIKE {} || '%') \
             OR c.transfer_to_office_id IN (SELECT id FROM m_office WHERE hierarchy LIKE {} || '%'))",
            vec![h(), h()],
        ));
    }
    if let Some(v) = filter.office_id {
        parts.push(("c.office_id = {}", vec![Integer(v)]));
    }
    if let Some(v) = &filter.external_id {
        parts.push(("c.external_id = {}", vec![Text(v.clone())]));
    }
    if let Some(v) = &filter.display_name {
        parts.push((
            "LOWER(c.display_name) LIKE '%' || LOWER({}) || '%'",
            vec![Text(v.clone())],
        ));
    }
    if let Some(v) = &filter.first_name_like {
        parts.push(("LOWER(c.firstname) LIKE LOWER({})", vec![Text(v.clone())]));
    }
    if let Some(v) = &filter.last_name_like {
        parts.push(("LOWER(c.lastname) LIKE LOWER({})", vec![Text(v.clone())]));
    }
    if let Some(v) = filter.status {
        parts.push(("c.status_enum = {}", vec![Integer(v)]));
    }
    if let Some(v) = &filter.text {
        let t = || Text(v.clone());
        parts.push((
            "(LOWER(c.display_name) LIKE '%' || LOWER({}) || '%' OR LOWER(c.account_no) LIKE '%' || LOWER({}) || '%' \
             OR LOWER(c.external_id) LIKE '%' || LOWER({}) || '%' OR c.mobile_no LIKE '%' || {} || '%')",
            vec![t(), t(), t(), t()],
        ));
    }
    SqlFilter::conditions(1, parts)
}

/// A page of clients and the number matching the filter and the optional parsed `sqlSearch`.
pub async fn list(
    c: &mut Conn<'_>,
    filter: &ClientFilter,
    search: Option<&SearchExpr<ClientSearchColumn>>,
    order: ClientOrder,
    sort: SortOrder,
    page: PageBounds,
) -> StoreResult<(i64, Vec<ClientRecord>)> {
    let backend = match c {
        Conn::Sqlite(_) => Backend::Sqlite,
        Conn::Pg(_) => Backend::Postgres,
    };
    let fixed = conditions(filter);
    let next = fixed.next_placeholder();
    let s = match search {
        Some(expr) => fixed.and(render(expr, backend, search_column, next)),
        None => fixed,
    };
    let (limit_at, offset_at) = (s.next_placeholder(), s.next_placeholder() + 1);
    let count_sql = format!("SELECT COUNT(*) FROM m_client c WHERE {}", s.sql);
    let list_sql = format!(
        "{SELECT} WHERE {} ORDER BY {} {}, c.id LIMIT ${limit_at} OFFSET ${offset_at}",
        s.sql,
        order.column(),
        sort.sql(),
    );
    let total: i64 = on!(c, c => s.bind(sqlx::query_scalar(&count_sql)).fetch_one(c).await?);
    let rows: Vec<ClientRecord> = on!(c, c => s.bind(sqlx::query_as(&list_sql))
        .bind(page.limit).bind(page.offset).fetch_all(c).await?);
    Ok((total, rows))
}

/// The columns a client is created with.
#[derive(Debug, Clone)]
pub struct NewClient {
    pub account_no: Option<String>,
    pub external_id: Option<String>,
    pub status_enum: i64,
    pub office_id: i64,
    pub staff_id: Option<i64>,
    pub legal_form_enum: i64,
    pub firstname: Option<String>,
    pub middlename: Option<String>,
    pub lastname: Option<String>,
    pub fullname: Option<String>,
    pub display_name: String,
    pub mobile_no: Option<String>,
    pub email_address: Option<String>,
    pub is_staff: bool,
    pub date_of_birth: Option<NaiveDate>,
    pub gender_cv_id: Option<i64>,
    pub client_type_cv_id: Option<i64>,
    pub client_classification_cv_id: Option<i64>,
    pub default_savings_product: Option<i64>,
    pub submittedon_date: NaiveDate,
    pub submittedon_userid: i64,
    pub activation_date: Option<NaiveDate>,
    pub activatedon_userid: Option<i64>,
}

/// Inserts a client; without an account number the default one is derived from the new id.
pub async fn insert_in_tx(
    tx: &mut Tx,
    n: &NewClient,
    default_account_no: fn(i64) -> String,
) -> StoreResult<(i64, String)> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_client (account_no, external_id, status_enum, office_id, staff_id, legal_form_enum, \
        firstname, middlename, lastname, fullname, display_name, mobile_no, email_address, is_staff, date_of_birth, \
        gender_cv_id, client_type_cv_id, client_classification_cv_id, default_savings_product, submittedon_date, \
        submittedon_userid, activation_date, activatedon_userid, office_joining_date) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $22) \
        RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(&n.account_no).bind(&n.external_id).bind(n.status_enum).bind(n.office_id).bind(n.staff_id)
        .bind(n.legal_form_enum).bind(&n.firstname).bind(&n.middlename).bind(&n.lastname).bind(&n.fullname)
        .bind(&n.display_name).bind(&n.mobile_no).bind(&n.email_address).bind(n.is_staff).bind(n.date_of_birth)
        .bind(n.gender_cv_id).bind(n.client_type_cv_id).bind(n.client_classification_cv_id)
        .bind(n.default_savings_product).bind(n.submittedon_date).bind(n.submittedon_userid)
        .bind(n.activation_date).bind(n.activatedon_userid)
        .fetch_one(c).await?);
    let account_no = match &n.account_no {
        Some(a) => a.clone(),
        None => {
            let generated = default_account_no(id);
            let sql = "UPDATE m_client SET account_no = $1 WHERE id = $2";
            on!(&mut c, c => sqlx::query(sql).bind(&generated).bind(id).execute(c).await.map(|_| ())?);
            generated
        }
    };
    Ok((id, account_no))
}

/// The editable columns of a client (`PUT /clients/{id}`), all written back at once.
#[derive(Debug, Clone)]
pub struct ClientDetails {
    pub account_no: Option<String>,
    pub external_id: Option<String>,
    pub staff_id: Option<i64>,
    pub legal_form_enum: i64,
    pub firstname: Option<String>,
    pub middlename: Option<String>,
    pub lastname: Option<String>,
    pub fullname: Option<String>,
    pub display_name: String,
    pub mobile_no: Option<String>,
    pub email_address: Option<String>,
    pub is_staff: bool,
    pub date_of_birth: Option<NaiveDate>,
    pub gender_cv_id: Option<i64>,
    pub client_type_cv_id: Option<i64>,
    pub client_classification_cv_id: Option<i64>,
    pub default_savings_product: Option<i64>,
    pub submittedon_date: NaiveDate,
    pub activation_date: Option<NaiveDate>,
}

pub async fn update_details_in_tx(tx: &mut Tx, id: i64, d: &ClientDetails) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_client SET account_no = $1, external_id = $2, staff_id = $3, legal_form_enum = $4, \
        firstname = $5, middlename = $6, lastname = $7, fullname = $8, display_name = $9, mobile_no = $10, \
        email_address = $11, is_staff = $12, date_of_birth = $13, gender_cv_id = $14, client_type_cv_id = $15, \
        client_classification_cv_id = $16, default_savings_product = $17, submittedon_date = $18, \
        activation_date = $19 WHERE id = $20";
    on!(&mut c, c => sqlx::query(sql)
        .bind(&d.account_no).bind(&d.external_id).bind(d.staff_id).bind(d.legal_form_enum)
        .bind(&d.firstname).bind(&d.middlename).bind(&d.lastname).bind(&d.fullname).bind(&d.display_name)
        .bind(&d.mobile_no).bind(&d.email_address).bind(d.is_staff).bind(d.date_of_birth)
        .bind(d.gender_cv_id).bind(d.client_type_cv_id).bind(d.client_classification_cv_id)
        .bind(d.default_savings_product).bind(d.submittedon_date).bind(d.activation_date).bind(id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// One lifecycle step's columns: the new status and what the step records.
#[derive(Debug, Clone, Copy)]
pub enum LifecycleWrite {
    Activated {
        on: NaiveDate,
        by: i64,
    },
    Closed {
        on: NaiveDate,
        by: i64,
        reason: i64,
    },
    Rejected {
        on: NaiveDate,
        by: i64,
        reason: i64,
    },
    Withdrawn {
        on: NaiveDate,
        by: i64,
        reason: i64,
    },
    Reactivated {
        on: NaiveDate,
        by: i64,
    },
    Reopened {
        on: NaiveDate,
        by: i64,
    },
    TransferProposed {
        to_office: i64,
        on: Option<NaiveDate>,
    },
    TransferEnded,
    TransferAccepted {
        office: i64,
        staff: Option<i64>,
    },
    StaffAssigned {
        staff: Option<i64>,
    },
    SavingsAccountSet {
        account: i64,
    },
}

pub async fn record_step_in_tx(
    tx: &mut Tx,
    id: i64,
    status_enum: i64,
    write: LifecycleWrite,
) -> StoreResult<()> {
    let mut c = tx.conn();
    // Each arm is a fixed statement; only values are bound.
    macro_rules! exec {
        ($sql:expr $(, $v:expr)*) => {
            on!(&mut c, c => sqlx::query($sql)$(.bind($v))*.execute(c).await.map(|_| ())?)
        };
    }
    match write {
        LifecycleWrite::Activated { on, by } => exec!(
            "UPDATE m_client SET status_enum = $1, activation_date = $2, activatedon_userid = $3, \
             office_joining_date = $2, closedon_date = NULL, closedon_userid = NULL, closure_reason_cv_id = NULL \
             WHERE id = $4",
            status_enum, on, by, id
        ),
        LifecycleWrite::Closed { on, by, reason } => exec!(
            "UPDATE m_client SET status_enum = $1, closedon_date = $2, closedon_userid = $3, \
             closure_reason_cv_id = $4 WHERE id = $5",
            status_enum, on, by, reason, id
        ),
        LifecycleWrite::Rejected { on, by, reason } => exec!(
            "UPDATE m_client SET status_enum = $1, rejectedon_date = $2, rejectedon_userid = $3, \
             reject_reason_cv_id = $4 WHERE id = $5",
            status_enum, on, by, reason, id
        ),
        LifecycleWrite::Withdrawn { on, by, reason } => exec!(
            "UPDATE m_client SET status_enum = $1, withdrawn_on_date = $2, withdraw_on_userid = $3, \
             withdraw_reason_cv_id = $4 WHERE id = $5",
            status_enum, on, by, reason, id
        ),
        LifecycleWrite::Reactivated { on, by } => exec!(
            "UPDATE m_client SET status_enum = $1, reactivated_on_date = $2, reactivated_on_userid = $3, \
             activation_date = NULL, activatedon_userid = NULL, closedon_date = NULL, closedon_userid = NULL, \
             closure_reason_cv_id = NULL WHERE id = $4",
            status_enum, on, by, id
        ),
        LifecycleWrite::Reopened { on, by } => exec!(
            "UPDATE m_client SET status_enum = $1, reopened_on_date = $2, reopened_by_userid = $3, \
             rejectedon_date = NULL, rejectedon_userid = NULL, reject_reason_cv_id = NULL, \
             withdrawn_on_date = NULL, withdraw_on_userid = NULL, withdraw_reason_cv_id = NULL \
             WHERE id = $4",
            status_enum, on, by, id
        ),
        LifecycleWrite::TransferProposed { to_office, on } => exec!(
            "UPDATE m_client SET status_enum = $1, transfer_to_office_id = $2, proposed_transfer_date = $3 \
             WHERE id = $4",
            status_enum, to_office, on, id
        ),
        LifecycleWrite::TransferEnded => exec!(
            "UPDATE m_client SET status_enum = $1, transfer_to_office_id = NULL, proposed_transfer_date = NULL \
             WHERE id = $2",
            status_enum, id
        ),
        LifecycleWrite::TransferAccepted { office, staff } => exec!(
            "UPDATE m_client SET status_enum = $1, office_id = $2, staff_id = $3, transfer_to_office_id = NULL, \
             proposed_transfer_date = NULL WHERE id = $4",
            status_enum, office, staff, id
        ),
        LifecycleWrite::StaffAssigned { staff } => exec!(
            "UPDATE m_client SET status_enum = $1, staff_id = $2 WHERE id = $3",
            status_enum, staff, id
        ),
        LifecycleWrite::SavingsAccountSet { account } => exec!(
            "UPDATE m_client SET status_enum = $1, default_savings_account = $2 WHERE id = $3",
            status_enum, account, id
        ),
    }
    Ok(())
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    on!(&mut c, c => sqlx::query("DELETE FROM m_client WHERE id = $1").bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// Whether another client already holds this value in a unique column.
#[derive(Debug, Clone, Copy)]
pub enum UniqueColumn {
    ExternalId,
    AccountNo,
    MobileNo,
}

pub async fn taken(
    c: &mut Conn<'_>,
    column: UniqueColumn,
    value: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    let sql = match column {
        UniqueColumn::ExternalId => {
            "SELECT COUNT(*) FROM m_client WHERE external_id = $1 AND id <> $2"
        }
        UniqueColumn::AccountNo => {
            "SELECT COUNT(*) FROM m_client WHERE account_no = $1 AND id <> $2"
        }
        UniqueColumn::MobileNo => "SELECT COUNT(*) FROM m_client WHERE mobile_no = $1 AND id <> $2",
    };
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(value).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}
