//! The organisation: offices, staff, codes, currencies, payment types, the calendar (working days and
//! holidays), users, roles, permissions and password preferences.

pub mod calendar;
pub mod codes;
pub mod currencies;
pub mod offices;
pub mod password_preferences;
pub mod payment_types;
pub mod permissions;
pub mod roles;
pub mod staff;
pub mod users;
