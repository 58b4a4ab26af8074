//! The API test binary: every module drives the real router in-process, on SQLite and (when
//! `TEST_DATABASE_URL` is set) on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod audits;
mod authentication;
mod business_date;
mod calendar;
mod charges;
mod client_identifiers;
mod client_images;
mod client_notes;
mod client_search;
mod clients;
mod codes;
mod configurations;
mod currencies;
mod idempotency;
mod loan_lifecycle;
mod loan_products;
mod loan_schedule;
mod loan_template;
mod loans;
mod maker_checker;
mod offices;
mod openapi;
mod ops;
mod password_preferences;
mod payment_types;
mod permissions;
mod roles;
mod staff;
mod tenancy;
mod users;
mod web_app;
mod wire;
