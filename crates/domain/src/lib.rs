//! Kassa's pure core: money, offices, users and permissions, and the command log's vocabulary.
//! No IO and no clock: "today" is always an argument.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

#[macro_use]
mod fineract_enum;

pub mod calendar;
pub mod charge;
pub mod client;
pub mod client_detail;
pub mod code;
pub mod command;
pub mod configuration;
pub mod currency;
pub mod loan;
pub mod loan_product;
pub mod money;
pub mod office;
pub mod payment_type;
pub mod search;
pub mod staff;
pub mod user;
