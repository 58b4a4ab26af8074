//! Use cases. Each one loads what it needs, lets the domain decide, persists, and records the command —
//! callable alike from HTTP, the batch API and scheduled jobs. No HTTP types here. One folder per area
//! (docs/architecture.md).
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod accounting;
pub mod charges;
pub mod clients;
pub mod error;
pub mod loan_products;
pub mod loans;
pub mod organisation;
pub mod platform;

use std::sync::Arc;

pub use error::{AppError, AppResult, ParamError};
pub use platform::clock::{Clock, SystemClock};
pub use platform::settings::Settings;
pub use platform::tenant::TenantCtx;

use kassa_store::Registry;

/// Everything a request needs, shared by all requests of a process.
pub struct App {
    pub registry: Arc<Registry>,
    pub settings: Settings,
    pub clock: Arc<dyn Clock>,
    pub auth: platform::auth::Authenticator,
    /// What reads keep, by tenant id (as many as the registry opens).
    read_caches:
        std::sync::Mutex<std::collections::HashMap<String, Arc<platform::read_cache::ReadCache>>>,
}

impl App {
    pub fn new(registry: Arc<Registry>, settings: Settings, clock: Arc<dyn Clock>) -> App {
        let auth = platform::auth::Authenticator::new(&settings, clock.clone());
        App {
            registry,
            settings,
            clock,
            auth,
            read_caches: Default::default(),
        }
    }

    /// The tenant with this id, or `None` when no such tenant is registered.
    pub async fn tenant(&self, id: &str) -> AppResult<Option<TenantCtx>> {
        let Some(tenant) = self.registry.get(id).await? else {
            return Ok(None);
        };
        let cache = {
            let mut caches = self
                .read_caches
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            caches
                .entry(id.to_string())
                .or_insert_with(|| {
                    Arc::new(platform::read_cache::ReadCache::new(
                        self.settings.read_cache,
                    ))
                })
                .clone()
        };
        Ok(Some(TenantCtx::new(tenant, cache)))
    }
}
