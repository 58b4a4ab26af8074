//! The real `kassa` binary, started as a user would: a temporary data directory, a free port, configuration
//! by environment. One test binary; each test gets its own server and directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod config;
mod crash;
mod postgres;
mod serve;
mod support;
mod tenants;
mod tls;
