//! Kassa's pure core, one folder per area (docs/architecture.md): money, the organisation, clients,
//! loan products, loans, charges, accounting, and the platform's command vocabulary.
//! No IO and no clock: "today" is always an argument.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

#[macro_use]
mod fineract_enum;

pub mod accounting;
pub mod charges;
pub mod clients;
pub mod loan_products;
pub mod loans;
pub mod money;
pub mod organisation;
pub mod platform;
pub mod search;
