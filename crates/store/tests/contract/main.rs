//! The store's contract suite: every repository behaves the same on SQLite (always) and PostgreSQL (when
//! `TEST_DATABASE_URL` is set; each run gets its own database, dropped afterwards).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;
mod money;
mod offices;
mod organisation;
mod registry;
mod transactions;
