//! Use cases. Each one loads what it needs, lets the domain decide, persists, and records the command —
//! callable alike from HTTP, the batch API and scheduled jobs. No HTTP types here.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod audits;
pub mod auth;
pub mod business_date;
pub mod calendar;
pub mod charges;
pub mod client_identifiers;
pub mod client_pages;
pub mod clients;
pub mod clock;
pub mod codes;
pub mod configuration;
pub mod cpu;
pub mod currencies;
pub mod error;
pub mod images;
pub mod loan_charges;
pub mod loan_disbursement_fees;
pub mod loan_foreclosure;
pub mod loan_ledger;
pub mod loan_lifecycle;
pub mod loan_products;
pub mod loan_refunds;
pub mod loan_schedule;
pub mod loan_template;
pub mod loan_tranches;
pub mod loan_transactions;
pub mod loans;
pub mod maker_checker;
pub mod notes;
pub mod offices;
pub mod password_preferences;
pub mod payment_types;
pub mod permissions;
pub mod pipeline;
pub mod roles;
pub mod settings;
pub mod staff;
pub mod tenant;
pub mod users;

use std::sync::Arc;

pub use clock::{Clock, SystemClock};
pub use error::{AppError, AppResult, ParamError};
pub use settings::Settings;
pub use tenant::TenantCtx;

use kassa_store::Registry;

/// Everything a request needs, shared by all requests of a process.
pub struct App {
    pub registry: Arc<Registry>,
    pub settings: Settings,
    pub clock: Arc<dyn Clock>,
    pub auth: auth::Authenticator,
}

impl App {
    pub fn new(registry: Arc<Registry>, settings: Settings, clock: Arc<dyn Clock>) -> App {
        let auth = auth::Authenticator::new(&settings, clock.clone());
        App {
            registry,
            settings,
            clock,
            auth,
        }
    }

    /// The tenant with this id, or `None` when no such tenant is registered.
    pub async fn tenant(&self, id: &str) -> AppResult<Option<TenantCtx>> {
        let Some(tenant) = self.registry.get(id).await? else {
            return Ok(None);
        };
        Ok(Some(TenantCtx::new(tenant)))
    }
}
