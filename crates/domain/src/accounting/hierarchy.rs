//! The tree of GL accounts as a path of ids: a root account's hierarchy is ".<id>.", a child's is its
//! parent's followed by the child's id and a dot (".1.5."), so a subtree is one prefix. Fineract leaves
//! the root's own id out (a root is "."); the path is internal, and the name a list shows is the same:
//! indented by four dots per level below the root.

/// The hierarchy of account `id` below a parent with `parent_hierarchy` (or at the root).
pub fn child_hierarchy(parent_hierarchy: Option<&str>, id: i64) -> String {
    format!("{}{id}.", parent_hierarchy.unwrap_or("."))
}

/// `nameDecorated`: four dots per level below the root, at most 40 (Fineract takes them from a
/// 40-dot string).
pub fn name_decorated(hierarchy: &str, name: &str) -> String {
    let dots = hierarchy.matches('.').count();
    let indent = dots.saturating_sub(2).saturating_mul(4).min(40);
    format!("{}{name}", ".".repeat(indent))
}
