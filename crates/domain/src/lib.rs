//! Kassa's pure core: money, offices, users and permissions, and the command log's vocabulary.
//! No IO and no clock: "today" is always an argument.

pub mod command;
pub mod money;
pub mod office;
pub mod user;
