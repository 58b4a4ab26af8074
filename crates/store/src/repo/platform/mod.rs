//! The platform's tables: credentials, the command log (audits, maker-checker), configuration.

pub mod auth;
pub mod business_date;
pub mod command_source;
pub mod configuration;
