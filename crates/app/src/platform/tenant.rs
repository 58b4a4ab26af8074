//! A resolved tenant for the duration of one request.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use kassa_store::registry::Tenant;
use kassa_store::Pool;

use super::read_cache::ReadCache;

#[derive(Clone)]
pub struct TenantCtx {
    pub tenant: Arc<Tenant>,
    timezone: chrono_tz::Tz,
    /// What this process's reads keep of the tenant, shared by all its requests.
    cache: Arc<ReadCache>,
}

impl TenantCtx {
    pub fn new(tenant: Arc<Tenant>, cache: Arc<ReadCache>) -> TenantCtx {
        // An unparseable zone in the registry falls back to UTC rather than failing every request.
        let timezone = tenant.record.timezone.parse().unwrap_or(chrono_tz::UTC);
        TenantCtx {
            tenant,
            timezone,
            cache,
        }
    }

    pub fn cache(&self) -> &ReadCache {
        &self.cache
    }

    pub fn id(&self) -> &str {
        &self.tenant.record.id
    }

    pub fn pool(&self) -> &Pool {
        &self.tenant.pool
    }

    /// The tenant's calendar date at `now` (Fineract's "today" when the business date is off).
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.timezone).date_naive()
    }
}
