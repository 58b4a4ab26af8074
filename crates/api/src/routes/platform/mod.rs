//! The platform's endpoints: authentication, audits, maker-checker, configuration, the business date,
//! the actuator and the web app's stub lists.

pub(crate) mod audits;
pub(crate) mod authentication;
pub(crate) mod business_date;
pub(crate) mod configurations;
pub(crate) mod makercheckers;
pub(crate) mod ops;
pub(crate) mod web_app;
