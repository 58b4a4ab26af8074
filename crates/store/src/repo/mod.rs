//! One folder per area (docs/architecture.md), one repository module per aggregate. Reads take a
//! [`Conn`](crate::Conn) (pooled or inside a write); writes take a [`Tx`](crate::Tx) and end in `_in_tx`.

pub mod accounting;
pub mod charges;
pub mod clients;
pub mod loan_products;
pub mod loans;
pub mod organisation;
pub mod paging;
pub mod platform;
