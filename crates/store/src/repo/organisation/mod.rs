//! The organisation's tables: offices, staff, codes, currencies, payment types, the calendar, users,
//! roles and permissions.

pub mod calendar;
pub mod code;
pub mod currency;
pub mod office;
pub mod payment_type;
pub mod permission;
pub mod role;
pub mod staff;
pub mod user;
