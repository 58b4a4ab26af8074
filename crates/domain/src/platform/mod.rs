//! The platform: the command log's vocabulary, configuration and the business date.

pub mod business_date;
pub mod command;
pub mod configuration;
