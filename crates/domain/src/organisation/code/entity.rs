use super::CodeError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub id: i64,
    pub name: String,
    pub system_defined: bool,
}

impl Code {
    /// A system-defined code can be neither renamed nor deleted.
    pub fn check_modifiable(&self) -> Result<(), CodeError> {
        if self.system_defined {
            Err(CodeError::SystemDefined)
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeValue {
    pub id: i64,
    pub code_id: i64,
    pub name: String,
    pub description: Option<String>,
    pub position: i64,
    pub is_active: bool,
    pub is_mandatory: bool,
}

/// A validated request for a new code value; Fineract's defaults are position 0, active, not mandatory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeValueDraft {
    pub name: String,
    pub description: Option<String>,
    pub position: i64,
    pub is_active: bool,
    pub is_mandatory: bool,
}

/// A validated update: `None` leaves a field alone; `description: Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeValueChanges {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub position: Option<i64>,
    pub is_active: Option<bool>,
    pub is_mandatory: Option<bool>,
}

/// The next state of a code value and its changed fields by parameter name, in Fineract's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeValueUpdate {
    pub next: CodeValue,
    pub changed: Vec<&'static str>,
}

impl CodeValue {
    pub fn apply(&self, changes: &CodeValueChanges) -> CodeValueUpdate {
        let mut next = self.clone();
        let mut changed = Vec::new();
        if let Some(name) = changes.name.as_ref().filter(|n| **n != self.name) {
            next.name = name.clone();
            changed.push("name");
        }
        if let Some(d) = changes
            .description
            .as_ref()
            .filter(|d| **d != self.description)
        {
            next.description = d.clone();
            changed.push("description");
        }
        if let Some(p) = changes.position.filter(|p| *p != self.position) {
            next.position = p;
            changed.push("position");
        }
        if let Some(a) = changes.is_active.filter(|a| *a != self.is_active) {
            next.is_active = a;
            changed.push("isActive");
        }
        if let Some(m) = changes.is_mandatory.filter(|m| *m != self.is_mandatory) {
            next.is_mandatory = m;
            changed.push("isMandatory");
        }
        CodeValueUpdate { next, changed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_system_code_is_not_modifiable() {
        let code = Code {
            id: 4,
            name: "Gender".into(),
            system_defined: true,
        };
        assert_eq!(code.check_modifiable(), Err(CodeError::SystemDefined));
    }

    #[test]
    fn only_real_changes_are_reported() {
        let value = CodeValue {
            id: 1,
            code_id: 4,
            name: "Female".into(),
            description: None,
            position: 1,
            is_active: true,
            is_mandatory: false,
        };
        let update = value.apply(&CodeValueChanges {
            name: Some("Female".into()),
            position: Some(2),
            is_active: Some(true),
            ..Default::default()
        });
        assert_eq!(update.changed, ["position"]);
        assert_eq!(update.next.position, 2);
    }
}
