//! The kassa-wire test binary: dates, numbers, locales and the SQL guard, each against the
//! behaviour Fineract clients rely on, plus a pseudo-random sweep for panics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod date_format;
mod date_names;
mod dates;
mod fuzz;
mod locales;
mod numbers;
mod sql_guard;
