//! Staff: listing within the caller's office subtree (with Fineract's filters), creation in an office the
//! caller reaches, updates that may move a staff member to another office.

use async_trait::async_trait;
use kassa_domain::organisation::office::{is_within, OfficeError};
use kassa_domain::organisation::staff::{Staff, StaffChanges, StaffDraft, StaffError, StaffStatus};
use kassa_store::repo::organisation::office::{self as office_repo, OfficeListing, OfficeOrder};
use kassa_store::repo::organisation::staff::{self as repo, StaffFilter, StaffListing};
use kassa_store::repo::paging::SortOrder;
use kassa_store::{Conn, StoreError, Tx};
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "STAFF";

/// The filters of `GET /staff`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StaffQuery {
    pub office_id: Option<i64>,
    /// Fineract's `staffInOfficeHierarchy`: active staff of `office_id` and of the offices above it.
    pub in_office_hierarchy: bool,
    pub loan_officers_only: bool,
    pub status: StaffStatus,
}

/// Staff the caller may see, by last name.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    query: StaffQuery,
) -> AppResult<Vec<StaffListing>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let root = &principal.office_hierarchy;
    if query.in_office_hierarchy {
        // Fineract answers an empty list without an office; an office the caller cannot see has no staff.
        let Some(office_id) = query.office_id else {
            return Ok(vec![]);
        };
        let office = office_repo::find(&mut conn.conn(), office_id)
            .await?
            .filter(|o| is_within(root, &o.hierarchy));
        let Some(office) = office else {
            return Ok(vec![]);
        };
        return Ok(repo::list_in_office_and_above(
            &mut conn.conn(),
            &office.hierarchy,
            root,
            query.loan_officers_only,
        )
        .await?);
    }
    let filter = StaffFilter {
        office_id: query.office_id,
        loan_officers_only: query.loan_officers_only,
        is_active: query.status.is_active(),
    };
    Ok(repo::list_within(&mut conn.conn(), root, filter).await?)
}

/// One staff member; staff outside the caller's subtree do not exist for the caller.
pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<StaffListing> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    visible(&mut conn.conn(), principal, id).await
}

async fn visible(c: &mut Conn<'_>, principal: &Principal, id: i64) -> AppResult<StaffListing> {
    repo::find(c, id)
        .await?
        .filter(|l| is_within(&principal.office_hierarchy, &l.office_hierarchy))
        .ok_or_else(|| StaffError::NotFound(id).into())
}

/// The offices a staff member may belong to: the caller's subtree, in hierarchy order.
pub async fn allowed_offices(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<Vec<OfficeListing>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(office_repo::list_within(
        &mut conn.conn(),
        &principal.office_hierarchy,
        OfficeOrder::Hierarchy,
        SortOrder::Asc,
    )
    .await?)
}

/// The staff member `staff_id`, provided it works in `office_id` (the rule for linking a user to staff).
pub async fn find_in_office_in_tx(tx: &mut Tx, staff_id: i64, office_id: i64) -> AppResult<Staff> {
    repo::find(&mut tx.conn(), staff_id)
        .await?
        .map(|l| l.staff)
        .filter(|s| s.office_id == office_id)
        .ok_or_else(|| StaffError::NotFound(staff_id).into())
}

/// The office must exist and lie in the caller's subtree.
async fn check_office(tx: &mut Tx, ctx: &CommandCtx<'_>, office_id: i64) -> AppResult<()> {
    let office = office_repo::find(&mut tx.conn(), office_id)
        .await?
        .ok_or(OfficeError::NotFound(office_id))?;
    if !is_within(&ctx.principal.office_hierarchy, &office.hierarchy) {
        return Err(OfficeError::OutsideHierarchy.into());
    }
    Ok(())
}

/// The unique values of a staff member (other than `except`) must be free.
async fn check_unique(tx: &mut Tx, staff: &StaffValues<'_>, except: Option<i64>) -> AppResult<()> {
    let mut c = tx.conn();
    if let Some(ext) = staff.external_id {
        if repo::external_id_taken(&mut c, ext, except).await? {
            return Err(StaffError::DuplicateExternalId(ext.to_string()).into());
        }
    }
    if let Some(name) = staff.display_name {
        if repo::display_name_taken(&mut c, name, except).await? {
            return Err(StaffError::DuplicateDisplayName(name.to_string()).into());
        }
    }
    if let Some(mobile) = staff.mobile_no {
        if repo::mobile_no_taken(&mut c, mobile, except).await? {
            return Err(StaffError::DuplicateMobileNo(mobile.to_string()).into());
        }
    }
    Ok(())
}

/// The values [`check_unique`] looks at; `None` is not checked.
struct StaffValues<'a> {
    external_id: Option<&'a str>,
    display_name: Option<&'a str>,
    mobile_no: Option<&'a str>,
}

/// A unique constraint that fired despite the checks (a concurrent write on PostgreSQL) keeps its code.
fn duplicate<'a>(staff: &'a StaffValues<'a>) -> impl Fn(StoreError) -> AppError + 'a {
    move |e| match e {
        StoreError::Duplicate { detail } => {
            let pick = |v: Option<&str>| v.unwrap_or_default().to_string();
            if detail.contains("external_id") {
                StaffError::DuplicateExternalId(pick(staff.external_id)).into()
            } else if detail.contains("display_name") {
                StaffError::DuplicateDisplayName(pick(staff.display_name)).into()
            } else if detail.contains("mobile_no") {
                StaffError::DuplicateMobileNo(pick(staff.mobile_no)).into()
            } else {
                StoreError::Duplicate { detail }.into()
            }
        }
        other => other.into(),
    }
}

pub struct CreateStaff {
    pub draft: StaffDraft,
}

#[async_trait]
impl Command for CreateStaff {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let d = &self.draft;
        check_office(tx, ctx, d.office_id).await?;
        let display_name = d.display_name();
        let values = StaffValues {
            external_id: d.external_id.as_deref(),
            display_name: Some(&display_name),
            mobile_no: d.mobile_no.as_deref(),
        };
        check_unique(tx, &values, None).await?;
        let id = repo::insert_in_tx(tx, d)
            .await
            .map_err(duplicate(&values))?;
        Ok(CommandResult {
            office_id: Some(d.office_id),
            resource_id: Some(id),
            ..Default::default()
        })
    }
}

pub struct UpdateStaff {
    pub id: i64,
    pub changes: StaffChanges,
    /// `joiningDate` as sent: `changes` echoes the submitted string, as Fineract does.
    pub joining_date_raw: Option<Value>,
}

#[async_trait]
impl Command for UpdateStaff {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::lock_in_tx(tx, self.id)
            .await?
            .filter(|l| is_within(&ctx.principal.office_hierarchy, &l.office_hierarchy))
            .ok_or(StaffError::NotFound(self.id))?;
        let update = current.staff.apply(&self.changes);
        let next = &update.next;
        let changed = |name: &str| update.changed.contains(&name);
        if changed("officeId") {
            check_office(tx, ctx, next.office_id).await?;
        }
        let values = StaffValues {
            external_id: next
                .external_id
                .as_deref()
                .filter(|_| changed("externalId")),
            display_name: Some(next.display_name.as_str())
                .filter(|_| changed("firstname") || changed("lastname")),
            mobile_no: next.mobile_no.as_deref().filter(|_| changed("mobileNo")),
        };
        check_unique(tx, &values, Some(self.id)).await?;
        if !update.changed.is_empty() {
            repo::update_in_tx(tx, next)
                .await
                .map_err(duplicate(&values))?;
        }
        let mut changes = Map::new();
        for name in &update.changed {
            let value = match *name {
                "officeId" => Value::from(next.office_id),
                "firstname" => Value::from(next.firstname.as_str()),
                "lastname" => Value::from(next.lastname.as_str()),
                "externalId" => Value::from(next.external_id.as_deref()),
                "mobileNo" => Value::from(next.mobile_no.as_deref().unwrap_or_default()),
                "isLoanOfficer" => Value::from(next.is_loan_officer),
                "isActive" => Value::from(next.is_active),
                "joiningDate" => self
                    .joining_date_raw
                    .clone()
                    .unwrap_or_else(|| Value::from(next.joining_date.to_string())),
                _ => Value::Null,
            };
            if !value.is_null() {
                changes.insert((*name).to_string(), value);
            }
        }
        Ok(CommandResult {
            office_id: Some(next.office_id),
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}
