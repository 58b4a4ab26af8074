//! The business date: while `enable-business-date` is on, the stored BUSINESS_DATE is "today" for every
//! use case ([`App::today`], and the pipeline's `CommandCtx::today`); otherwise the tenant's calendar date.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use kassa_domain::organisation::calendar::CalendarError;
use kassa_domain::platform::business_date::{effective_today, BusinessDateType};
use kassa_domain::platform::configuration::names;
use kassa_store::repo::platform::business_date as repo;
use kassa_store::{Conn, Tx};
use serde_json::Map;

use crate::error::AppResult;
use crate::platform::configuration::{date_array, read_in};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;
use crate::App;

pub const ENTITY: &str = "BUSINESS_DATE";

impl App {
    /// The organisation's "today": the business date when enabled and set, else the tenant's calendar
    /// date on the injected clock.
    pub async fn today(&self, tenant: &TenantCtx) -> AppResult<NaiveDate> {
        let mut conn = tenant.pool().acquire().await?;
        today_in(&mut conn.conn(), tenant, self.clock.now()).await
    }
}

impl App {
    /// [`App::today`] for a read that already holds the catalogue's `version`: the stored business date is
    /// kept by that version, so a read of a loan asks the database nothing more for it.
    pub async fn today_of_catalogue(
        &self,
        tenant: &TenantCtx,
        version: kassa_store::repo::loans::read::CatalogueVersion,
    ) -> AppResult<NaiveDate> {
        let stored = match tenant.cache().business_date(version) {
            Some(stored) => stored,
            None => {
                let mut conn = tenant.pool().acquire().await?;
                let stored = repo::effective_business_date(&mut conn.conn()).await?;
                tenant.cache().keep_business_date(version, stored);
                stored
            }
        };
        Ok(effective_today(
            stored.is_some(),
            stored,
            tenant.today(self.clock.now()),
        ))
    }
}

/// [`App::today`] on a given connection at instant `now` (the pipeline reads it inside the write).
pub async fn today_in(
    c: &mut Conn<'_>,
    tenant: &TenantCtx,
    now: DateTime<Utc>,
) -> AppResult<NaiveDate> {
    let stored = repo::effective_business_date(c).await?;
    Ok(effective_today(stored.is_some(), stored, tenant.today(now)))
}

/// Every stored business date.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<Vec<(BusinessDateType, NaiveDate)>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list_business_dates(&mut conn.conn()).await?)
}

/// The stored date of the type named `type_name` (`BUSINESS_DATE` or `COB_DATE`).
pub async fn get(
    tenant: &TenantCtx,
    principal: &Principal,
    type_name: &str,
) -> AppResult<(BusinessDateType, NaiveDate)> {
    principal.permissions.check_read(ENTITY)?;
    let kind = BusinessDateType::from_name(type_name)
        .ok_or_else(|| CalendarError::BusinessDateTypeUnknown(type_name.to_string()))?;
    let mut conn = tenant.pool().acquire().await?;
    let date = repo::find_business_date(&mut conn.conn(), kind)
        .await?
        .ok_or_else(|| CalendarError::BusinessDateNotSet(type_name.to_string()))?;
    Ok((kind, date))
}

/// `POST /businessdate`: sets one date; setting BUSINESS_DATE also sets COB_DATE to the day before
/// while `enable-automatic-cob-date-adjustment` is on (Fineract's rule).
pub struct SetBusinessDate {
    pub kind: BusinessDateType,
    pub date: NaiveDate,
}

#[async_trait]
impl Command for SetBusinessDate {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        if !read_in(&mut tx.conn(), names::ENABLE_BUSINESS_DATE)
            .await?
            .enabled
        {
            return Err(CalendarError::BusinessDateDisabled.into());
        }
        let adjust_cob = read_in(&mut tx.conn(), names::ENABLE_AUTOMATIC_COB_DATE_ADJUSTMENT)
            .await?
            .enabled;
        let mut dates = vec![(self.kind, self.date)];
        if adjust_cob && self.kind == BusinessDateType::BusinessDate {
            if let Some(cob) = BusinessDateType::cob_date_for(self.date) {
                dates.push((BusinessDateType::CobDate, cob));
            }
        }
        let mut changes = Map::new();
        for (kind, date) in dates {
            let current = repo::find_business_date(&mut tx.conn(), kind).await?;
            if current != Some(date) {
                repo::set_business_date_in_tx(tx, kind, date).await?;
                changes.insert(kind.name().to_string(), date_array(date));
            }
        }
        Ok(CommandResult {
            changes: Some(changes),
            ..Default::default()
        })
    }
}

impl App {
    /// "Today" at instant `now` for the command pipeline (`CommandCtx::today`).
    pub(crate) async fn today_at(
        &self,
        tenant: &TenantCtx,
        now: DateTime<Utc>,
    ) -> AppResult<NaiveDate> {
        let mut conn = tenant.pool().acquire().await?;
        today_in(&mut conn.conn(), tenant, now).await
    }
}
