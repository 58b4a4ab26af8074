//! The platform every area stands on: the tenant, authentication, the command pipeline (idempotency,
//! maker-checker, audits), configuration, the business date, the clock, settings, and where CPU-heavy
//! work runs.

pub mod audits;
pub mod auth;
pub mod business_date;
pub mod clock;
pub mod configuration;
pub mod cpu;
pub mod maker_checker;
pub mod pipeline;
pub mod principal;
pub mod read_cache;
pub mod settings;
pub mod tenant;
