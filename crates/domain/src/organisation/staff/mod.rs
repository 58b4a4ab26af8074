//! Staff: the organisation's employees. Loan officers among them are who clients, groups and loans are
//! assigned to. A staff member belongs to one office and is seen only within that office's subtree.

mod entity;
mod error;

pub use entity::{display_name, Staff, StaffChanges, StaffDraft, StaffStatus, StaffUpdate};
pub use error::StaffError;
