use chrono::NaiveDate;

/// A stored staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub id: i64,
    pub office_id: i64,
    pub firstname: String,
    pub lastname: String,
    /// Derived: see [`display_name`].
    pub display_name: String,
    pub mobile_no: Option<String>,
    pub external_id: Option<String>,
    pub is_loan_officer: bool,
    pub is_active: bool,
    pub joining_date: NaiveDate,
}

/// A validated request for a new staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffDraft {
    pub office_id: i64,
    pub firstname: String,
    pub lastname: String,
    pub mobile_no: Option<String>,
    pub external_id: Option<String>,
    pub is_loan_officer: bool,
    pub is_active: bool,
    pub joining_date: NaiveDate,
}

/// A validated update: `None` leaves a field alone; `mobile_no: Some(None)` clears the number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffChanges {
    pub office_id: Option<i64>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub external_id: Option<String>,
    pub mobile_no: Option<Option<String>>,
    pub is_loan_officer: Option<bool>,
    pub is_active: Option<bool>,
    pub joining_date: Option<NaiveDate>,
}

/// The outcome of applying [`StaffChanges`]: the next state and the changed fields by their Fineract
/// parameter name, in Fineract's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffUpdate {
    pub next: Staff,
    pub changed: Vec<&'static str>,
}

/// Which staff a list shows; Fineract lists active staff unless told otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StaffStatus {
    #[default]
    Active,
    Inactive,
    All,
}

impl StaffStatus {
    /// The stored `is_active` value this status selects, or None for all.
    pub fn is_active(self) -> Option<bool> {
        match self {
            StaffStatus::Active => Some(true),
            StaffStatus::Inactive => Some(false),
            StaffStatus::All => None,
        }
    }
}

/// Fineract's display name: "lastname, firstname", or the last name alone when there is no first name.
pub fn display_name(firstname: &str, lastname: &str) -> String {
    if firstname.trim().is_empty() {
        lastname.to_string()
    } else {
        format!("{lastname}, {firstname}")
    }
}

impl StaffDraft {
    pub fn display_name(&self) -> String {
        display_name(&self.firstname, &self.lastname)
    }
}

impl Staff {
    /// Applies `changes`; only values that differ from the stored ones count as changed.
    pub fn apply(&self, changes: &StaffChanges) -> StaffUpdate {
        let mut next = self.clone();
        let mut changed = Vec::new();
        if let Some(office_id) = changes.office_id.filter(|o| *o != self.office_id) {
            next.office_id = office_id;
            changed.push("officeId");
        }
        if let Some(first) = changes.firstname.as_ref().filter(|f| **f != self.firstname) {
            next.firstname = first.clone();
            changed.push("firstname");
        }
        if let Some(last) = changes.lastname.as_ref().filter(|l| **l != self.lastname) {
            next.lastname = last.clone();
            changed.push("lastname");
        }
        next.display_name = display_name(&next.firstname, &next.lastname);
        if let Some(ext) = changes
            .external_id
            .as_ref()
            .filter(|e| Some(*e) != self.external_id.as_ref())
        {
            next.external_id = Some(ext.clone());
            changed.push("externalId");
        }
        if let Some(mobile) = changes.mobile_no.as_ref().filter(|m| **m != self.mobile_no) {
            next.mobile_no = mobile.clone();
            changed.push("mobileNo");
        }
        if let Some(flag) = changes
            .is_loan_officer
            .filter(|f| *f != self.is_loan_officer)
        {
            next.is_loan_officer = flag;
            changed.push("isLoanOfficer");
        }
        if let Some(flag) = changes.is_active.filter(|f| *f != self.is_active) {
            next.is_active = flag;
            changed.push("isActive");
        }
        if let Some(date) = changes.joining_date.filter(|d| *d != self.joining_date) {
            next.joining_date = date;
            changed.push("joiningDate");
        }
        StaffUpdate { next, changed }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn staff() -> Staff {
        Staff {
            id: 1,
            office_id: 1,
            firstname: "Jane".into(),
            lastname: "Doe".into(),
            display_name: "Doe, Jane".into(),
            mobile_no: None,
            external_id: None,
            is_loan_officer: false,
            is_active: true,
            joining_date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        }
    }

    #[test]
    fn the_display_name_is_lastname_comma_firstname() {
        assert_eq!(display_name("Jane", "Doe"), "Doe, Jane");
        assert_eq!(display_name(" ", "Doe"), "Doe");
    }

    #[test]
    fn renaming_rederives_the_display_name_and_reports_only_real_changes() {
        let changes = StaffChanges {
            firstname: Some("Janet".into()),
            lastname: Some("Doe".into()),
            is_active: Some(true),
            ..Default::default()
        };
        let update = staff().apply(&changes);
        assert_eq!(update.next.display_name, "Doe, Janet");
        assert_eq!(update.changed, ["firstname"]);
    }

    #[test]
    fn a_mobile_number_can_be_cleared() {
        let mut s = staff();
        s.mobile_no = Some("0700".into());
        let update = s.apply(&StaffChanges {
            mobile_no: Some(None),
            ..Default::default()
        });
        assert_eq!(update.next.mobile_no, None);
        assert_eq!(update.changed, ["mobileNo"]);
    }
}
