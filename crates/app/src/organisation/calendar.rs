//! Working days and holidays: stored and served now; loan schedules will read them through the domain's
//! calendar rules. Holidays are visible to a user when one of their offices lies in the user's subtree.

use async_trait::async_trait;
use kassa_domain::organisation::calendar::{
    CalendarError, EnumOption, Holiday, HolidayChanges, HolidayDraft, HolidayField, WorkingDays,
    WorkingDaysChanges, WorkingDaysField,
};
use kassa_domain::organisation::office::{is_within, OfficeError};
use kassa_store::repo::organisation::calendar::{self as repo, HolidayFilter};
use kassa_store::repo::organisation::office as office_repo;
use kassa_store::{Conn, Tx};
use serde_json::{json, Map, Value};

use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const WORKING_DAYS_ENTITY: &str = "WORKINGDAYS";
pub const HOLIDAY_ENTITY: &str = "HOLIDAY";

/// Fineract's `{id, code, value}` of a calendar enum.
pub fn enum_option<E: EnumOption>(e: E) -> Value {
    json!({"id": e.id(), "code": e.code(), "value": e.value()})
}

async fn load_working_days(c: &mut Conn<'_>) -> AppResult<WorkingDays> {
    Ok(repo::find_working_days(c)
        .await?
        .ok_or(CalendarError::WorkingDaysNotConfigured)?)
}

pub async fn working_days(tenant: &TenantCtx, principal: &Principal) -> AppResult<WorkingDays> {
    principal.permissions.check_read(WORKING_DAYS_ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    load_working_days(&mut conn.conn()).await
}

pub struct UpdateWorkingDays {
    pub changes: WorkingDaysChanges,
}

#[async_trait]
impl Command for UpdateWorkingDays {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = load_working_days(&mut tx.conn()).await?;
        let (next, changed) = current.apply(&self.changes);
        if !changed.is_empty() {
            repo::update_working_days_in_tx(tx, &next).await?;
        }
        let mut changes = Map::new();
        for field in changed {
            let (key, value) = match field {
                WorkingDaysField::Recurrence => {
                    ("recurrence", Value::from(next.recurrence.clone()))
                }
                WorkingDaysField::RepaymentRescheduleType => {
                    ("repaymentRescheduleType", enum_option(next.reschedule_type))
                }
                WorkingDaysField::ExtendTermForDailyRepayments => (
                    "extendTermForDailyRepayments",
                    Value::from(next.extend_term_for_daily_repayments),
                ),
                WorkingDaysField::ExtendTermForRepaymentsOnHolidays => (
                    "extendTermForRepaymentsOnHolidays",
                    Value::from(next.extend_term_for_repayments_on_holidays),
                ),
            };
            changes.insert(key.to_string(), value);
        }
        Ok(CommandResult {
            resource_id: Some(next.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// Holidays the caller may see, filtered.
pub async fn list_holidays(
    tenant: &TenantCtx,
    principal: &Principal,
    filter: &HolidayFilter,
) -> AppResult<Vec<Holiday>> {
    principal.permissions.check_read(HOLIDAY_ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    if let Some(office_id) = filter.office_id {
        office_in_subtree(&mut conn.conn(), principal, office_id).await?;
    }
    Ok(repo::list_holidays(&mut conn.conn(), &principal.office_hierarchy, filter).await?)
}

pub async fn get_holiday(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<Holiday> {
    principal.permissions.check_read(HOLIDAY_ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    visible_holiday(&mut conn.conn(), principal, id).await
}

/// Only the holiday-template read permission is needed for the template.
pub fn check_holiday_read(principal: &Principal) -> AppResult<()> {
    Ok(principal.permissions.check_read(HOLIDAY_ENTITY)?)
}

pub fn check_working_days_read(principal: &Principal) -> AppResult<()> {
    Ok(principal.permissions.check_read(WORKING_DAYS_ENTITY)?)
}

/// An office of the caller's subtree; others do not exist for the caller.
async fn office_in_subtree(c: &mut Conn<'_>, principal: &Principal, id: i64) -> AppResult<()> {
    match office_repo::find(c, id).await? {
        Some(o) if is_within(&principal.office_hierarchy, &o.hierarchy) => Ok(()),
        _ => Err(OfficeError::NotFound(id).into()),
    }
}

async fn visible_holiday(c: &mut Conn<'_>, principal: &Principal, id: i64) -> AppResult<Holiday> {
    let holiday = repo::find_holiday(c, id)
        .await?
        .ok_or(CalendarError::HolidayNotFound(id))?;
    for office_id in &holiday.office_ids {
        if office_in_subtree(c, principal, *office_id).await.is_ok() {
            return Ok(holiday);
        }
    }
    Err(CalendarError::HolidayNotFound(id).into())
}

pub struct CreateHoliday {
    pub draft: HolidayDraft,
}

#[async_trait]
impl Command for CreateHoliday {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let working_days = load_working_days(&mut tx.conn()).await?;
        self.draft.check(&working_days)?;
        for office_id in &self.draft.office_ids {
            office_in_subtree(&mut tx.conn(), ctx.principal, *office_id).await?;
        }
        if repo::holiday_name_taken(&mut tx.conn(), &self.draft.name, None).await? {
            return Err(CalendarError::DuplicateHolidayName(self.draft.name.clone()).into());
        }
        let id = repo::insert_holiday_in_tx(tx, &self.draft).await?;
        Ok(CommandResult::resource(id))
    }
}

pub struct UpdateHoliday {
    pub id: i64,
    pub changes: HolidayChanges,
    /// The request's raw values by parameter name: `changes` echoes them, as Fineract does.
    pub raw: Map<String, Value>,
}

#[async_trait]
impl Command for UpdateHoliday {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = visible_holiday(&mut tx.conn(), ctx.principal, self.id).await?;
        let working_days = load_working_days(&mut tx.conn()).await?;
        let (next, changed) = current.apply(&self.changes, &working_days)?;
        if changed.contains(&HolidayField::Offices) {
            for office_id in &next.office_ids {
                office_in_subtree(&mut tx.conn(), ctx.principal, *office_id).await?;
            }
        }
        if changed.contains(&HolidayField::Name)
            && repo::holiday_name_taken(&mut tx.conn(), &next.name, Some(next.id)).await?
        {
            return Err(CalendarError::DuplicateHolidayName(next.name.clone()).into());
        }
        if !changed.is_empty() {
            repo::update_holiday_in_tx(tx, &current, &next).await?;
        }
        let mut changes = Map::new();
        let mut echo = |param: &str| {
            if let Some(v) = self.raw.get(param) {
                changes.insert(param.to_string(), v.clone());
            }
        };
        for field in &changed {
            match field {
                HolidayField::Name => echo("name"),
                HolidayField::Description => echo("description"),
                HolidayField::ReschedulingType => echo("reschedulingType"),
                HolidayField::FromDate => echo("fromDate"),
                HolidayField::ToDate => echo("toDate"),
                HolidayField::RepaymentsRescheduledTo => echo("repaymentsRescheduledTo"),
                HolidayField::Offices => echo("offices"),
            }
            if matches!(
                field,
                HolidayField::FromDate
                    | HolidayField::ToDate
                    | HolidayField::RepaymentsRescheduledTo
            ) {
                echo("dateFormat");
                echo("locale");
            }
        }
        Ok(CommandResult {
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// `POST /holidays/{id}?command=activate`.
pub struct ActivateHoliday {
    pub id: i64,
}

#[async_trait]
impl Command for ActivateHoliday {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = visible_holiday(&mut tx.conn(), ctx.principal, self.id).await?;
        let next = current.activate()?;
        repo::update_holiday_in_tx(tx, &current, &next).await?;
        Ok(CommandResult::resource(self.id))
    }
}

/// `DELETE /holidays/{id}`: a soft delete (status Deleted).
pub struct DeleteHoliday {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteHoliday {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = visible_holiday(&mut tx.conn(), ctx.principal, self.id).await?;
        let next = current.delete()?;
        repo::update_holiday_in_tx(tx, &current, &next).await?;
        Ok(CommandResult::resource(self.id))
    }
}
