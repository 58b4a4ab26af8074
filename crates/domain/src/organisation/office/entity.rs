use chrono::NaiveDate;

use super::{is_within, OfficeError};

pub const HEAD_OFFICE_HIERARCHY: &str = ".";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub hierarchy: String,
    pub name: String,
    pub external_id: Option<String>,
    pub opening_date: NaiveDate,
}

/// A validated request for a new office, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeDraft {
    pub name: String,
    pub parent_id: i64,
    pub opening_date: NaiveDate,
    pub external_id: Option<String>,
}

/// A validated update: `None` leaves a field alone; `external_id: Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeChanges {
    pub name: Option<String>,
    pub parent_id: Option<i64>,
    pub opening_date: Option<NaiveDate>,
    pub external_id: Option<Option<String>>,
}

impl Office {
    /// The hierarchy string of a child with the given id.
    pub fn child_hierarchy(&self, child_id: i64) -> String {
        format!("{}{}.", self.hierarchy, child_id)
    }

    pub fn is_head_office(&self) -> bool {
        self.parent_id.is_none()
    }

    /// Checks a new office against its parent: the acting user must reach the parent, and a branch cannot
    /// open before the office it belongs to (Fineract does not check this; Kassa does).
    pub fn check_new_child(
        &self,
        draft: &OfficeDraft,
        user_hierarchy: &str,
    ) -> Result<(), OfficeError> {
        if !is_within(user_hierarchy, &self.hierarchy) {
            return Err(OfficeError::OutsideHierarchy);
        }
        if draft.opening_date < self.opening_date {
            return Err(OfficeError::OpeningBeforeParent {
                opening: draft.opening_date,
                parent_opening: self.opening_date,
            });
        }
        Ok(())
    }

    /// Applies `changes`, given the new parent (when the parent changes) and the earliest opening date
    /// among the direct children. Returns the office as it will be stored.
    pub fn apply(
        &self,
        changes: &OfficeChanges,
        new_parent: Option<&Office>,
        earliest_child_opening: Option<NaiveDate>,
        user_hierarchy: &str,
    ) -> Result<Office, OfficeError> {
        if !is_within(user_hierarchy, &self.hierarchy) {
            return Err(OfficeError::OutsideHierarchy);
        }
        let mut next = self.clone();
        if let Some(parent_id) = changes.parent_id {
            if self.is_head_office() {
                return Err(OfficeError::RootParentCannotBeUpdated);
            }
            if parent_id == self.id {
                return Err(OfficeError::ParentIsSelf(self.id));
            }
            let parent = new_parent.ok_or(OfficeError::NotFound(parent_id))?;
            if !is_within(user_hierarchy, &parent.hierarchy) {
                return Err(OfficeError::OutsideHierarchy);
            }
            // Fineract would accept a descendant as the new parent and create a cycle; Kassa refuses.
            if is_within(&self.hierarchy, &parent.hierarchy) {
                return Err(OfficeError::ParentIsDescendant {
                    office: self.id,
                    parent: parent_id,
                });
            }
            next.parent_id = Some(parent_id);
            next.hierarchy = parent.child_hierarchy(self.id);
        }
        if let Some(name) = &changes.name {
            next.name = name.clone();
        }
        if let Some(external_id) = &changes.external_id {
            next.external_id = external_id.clone();
        }
        if let Some(opening) = changes.opening_date {
            next.opening_date = opening;
        }
        if let Some(parent) = new_parent.filter(|_| changes.parent_id.is_some()) {
            if next.opening_date < parent.opening_date {
                return Err(OfficeError::OpeningBeforeParent {
                    opening: next.opening_date,
                    parent_opening: parent.opening_date,
                });
            }
        }
        if let Some(child_opening) = earliest_child_opening {
            if next.opening_date > child_opening {
                return Err(OfficeError::OpeningAfterChild {
                    opening: next.opening_date,
                    child_opening,
                });
            }
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::office::name_decorated;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn head() -> Office {
        Office {
            id: 1,
            parent_id: None,
            hierarchy: ".".into(),
            name: "Head Office".into(),
            external_id: Some("1".into()),
            opening_date: d(2009, 1, 1),
        }
    }

    fn branch(id: i64, parent: &Office) -> Office {
        Office {
            id,
            parent_id: Some(parent.id),
            hierarchy: parent.child_hierarchy(id),
            name: format!("Branch {id}"),
            external_id: None,
            opening_date: d(2020, 1, 1),
        }
    }

    #[test]
    fn a_child_hierarchy_appends_the_child_id() {
        let b = branch(2, &head());
        assert_eq!(b.hierarchy, ".2.");
        assert_eq!(b.child_hierarchy(5), ".2.5.");
    }

    #[test]
    fn names_are_decorated_with_four_dots_per_level() {
        assert_eq!(name_decorated(".", "Head Office"), "Head Office");
        assert_eq!(name_decorated(".2.", "A"), "....A");
        assert_eq!(name_decorated(".2.5.", "B"), "........B");
    }

    #[test]
    fn an_office_cannot_open_before_its_parent() {
        let draft = OfficeDraft {
            name: "X".into(),
            parent_id: 1,
            opening_date: d(2008, 12, 31),
            external_id: None,
        };
        assert!(matches!(
            head().check_new_child(&draft, "."),
            Err(OfficeError::OpeningBeforeParent { .. })
        ));
    }

    #[test]
    fn a_branch_user_cannot_add_offices_under_the_head_office() {
        let draft = OfficeDraft {
            name: "X".into(),
            parent_id: 1,
            opening_date: d(2020, 1, 1),
            external_id: None,
        };
        assert_eq!(
            head().check_new_child(&draft, ".2."),
            Err(OfficeError::OutsideHierarchy)
        );
    }

    #[test]
    fn the_head_office_cannot_get_a_parent() {
        let changes = OfficeChanges {
            parent_id: Some(2),
            ..Default::default()
        };
        let b = branch(2, &head());
        assert_eq!(
            head().apply(&changes, Some(&b), None, "."),
            Err(OfficeError::RootParentCannotBeUpdated)
        );
    }

    #[test]
    fn moving_an_office_below_its_own_descendant_is_refused() {
        let b2 = branch(2, &head());
        let b3 = branch(3, &b2);
        let changes = OfficeChanges {
            parent_id: Some(3),
            ..Default::default()
        };
        assert!(matches!(
            b2.apply(&changes, Some(&b3), None, "."),
            Err(OfficeError::ParentIsDescendant { .. })
        ));
    }

    #[test]
    fn moving_an_office_rewrites_its_hierarchy() {
        let b2 = branch(2, &head());
        let b3 = branch(3, &b2);
        let changes = OfficeChanges {
            parent_id: Some(1),
            ..Default::default()
        };
        assert_eq!(
            b3.apply(&changes, Some(&head()), None, ".")
                .unwrap()
                .hierarchy,
            ".3."
        );
    }

    #[test]
    fn an_office_cannot_open_after_its_children() {
        let b2 = branch(2, &head());
        let changes = OfficeChanges {
            opening_date: Some(d(2021, 1, 1)),
            ..Default::default()
        };
        assert!(matches!(
            b2.apply(&changes, None, Some(d(2020, 6, 1)), "."),
            Err(OfficeError::OpeningAfterChild { .. })
        ));
    }
}
