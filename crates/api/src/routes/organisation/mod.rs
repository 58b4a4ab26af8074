//! The organisation's endpoints: offices, staff, codes, currencies, payment types, holidays and working
//! days, users, roles, permissions and password preferences.

pub(crate) mod calendar;
pub(crate) mod codes;
pub(crate) mod currencies;
pub(crate) mod offices;
pub(crate) mod password_preferences;
pub(crate) mod payment_types;
pub(crate) mod permissions;
pub(crate) mod roles;
pub(crate) mod staff;
pub(crate) mod users;
