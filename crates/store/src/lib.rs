//! SQL for SQLite and PostgreSQL. One SQL text per query runs on both backends (`$n` placeholders); the
//! [`on!`] macro expands a query body once per backend so that each side is type-checked by its own driver.
//! Nothing outside this crate writes SQL, and nothing a user sends ever becomes SQL text.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod db;
pub mod error;
mod group_commit;
pub mod money;
pub mod registry;
pub mod repo;
pub mod search;

pub use db::{Backend, Conn, Durability, Pool, PoolOptions, ReadTx, Tx};
pub use error::StoreError;
pub use registry::{Registry, TenantRecord};
