//! The organisation: offices, staff, codes, currencies, payment types, the calendar (working days and
//! holidays), and users with their roles and permissions.

pub mod calendar;
pub mod code;
pub mod currency;
pub mod office;
pub mod payment_type;
pub mod staff;
pub mod user;
