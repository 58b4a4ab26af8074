//! Offices form a tree rooted at the head office. A user sees and acts on its own office's subtree,
//! which is encoded in the `hierarchy` path string (`.` for the head office, `.2.5.` below it).

mod entity;
mod error;

pub use entity::{Office, OfficeChanges, OfficeDraft, HEAD_OFFICE_HIERARCHY};
pub use error::OfficeError;

/// Whether `hierarchy` lies in the subtree rooted at `root_hierarchy` (inclusive).
pub fn is_within(root_hierarchy: &str, hierarchy: &str) -> bool {
    hierarchy.starts_with(root_hierarchy)
}

/// Fineract's `nameDecorated`: four dots per level below the head office, then the name.
pub fn name_decorated(hierarchy: &str, name: &str) -> String {
    let depth = hierarchy.matches('.').count().saturating_sub(1);
    format!("{}{}", "....".repeat(depth), name)
}
