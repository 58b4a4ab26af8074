//! The grammar of values Fineract clients put in request bodies and query strings: Java date
//! patterns with locales, locale-formatted numbers, and the SQL-injection guard for free text.
//! Pure functions over hostile input: they return errors, never panic.

mod java_date;
mod locale;
mod locale_number;
mod sql_guard;

pub use java_date::{format_date, parse_date, DateError, MAX_DATE_CHARS};
pub use locale::is_supported_locale;
pub use locale_number::{parse_decimal, parse_integer, NumberError, MAX_NUMBER_CHARS};
pub use sql_guard::detect_sql_injection;
