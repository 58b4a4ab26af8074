//! Fineract's request and response value conventions: JSON bodies read field by field against a
//! whitelist, dates as `[y,m,d]` arrays, money as exact JSON numbers.

pub mod body;
pub mod reader;
pub mod ser;

pub use body::JsonBody;
pub use reader::Reader;
