//! One repository module per aggregate. Reads take a [`Conn`](crate::Conn) (pooled or inside a write);
//! writes take a [`Tx`](crate::Tx) and end in `_in_tx`.

pub mod auth;
pub mod calendar;
pub mod charge;
pub mod client;
pub mod client_identifier;
pub mod code;
pub mod command_source;
pub mod configuration;
pub mod currency;
pub mod image;
pub mod loan;
pub mod loan_charge;
pub mod loan_disbursement;
pub mod loan_product;
pub mod loan_transaction;
pub mod loan_transaction_relation;
pub mod note;
pub mod office;
pub mod paging;
pub mod payment_type;
pub mod permission;
pub mod role;
pub mod staff;
pub mod user;
