//! Identity documents (passport, national id, …) of a client. A document type is a value of the code
//! "Customer Identifier"; a key is unique per type across all clients.

/// Fineract's `ClientIdentifierStatus`: 200 active, 100 inactive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierStatus {
    Active,
    Inactive,
}

impl IdentifierStatus {
    pub fn id(self) -> i64 {
        match self {
            IdentifierStatus::Active => 200,
            IdentifierStatus::Inactive => 100,
        }
    }

    /// The stored id; anything else is Fineract's "invalid", which Kassa never writes.
    pub fn from_id(id: i64) -> Option<IdentifierStatus> {
        match id {
            200 => Some(IdentifierStatus::Active),
            100 => Some(IdentifierStatus::Inactive),
            _ => None,
        }
    }

    /// `status` as sent: "active" or "inactive", any case.
    pub fn parse(text: &str) -> Option<IdentifierStatus> {
        if text.trim().eq_ignore_ascii_case("active") {
            Some(IdentifierStatus::Active)
        } else if text.trim().eq_ignore_ascii_case("inactive") {
            Some(IdentifierStatus::Inactive)
        } else {
            None
        }
    }

    /// What Fineract shows as `status`.
    pub fn code(self) -> &'static str {
        match self {
            IdentifierStatus::Active => "clientIdentifierStatusType.active",
            IdentifierStatus::Inactive => "clientIdentifierStatusType.inactive",
        }
    }

    /// The name Fineract echoes in `changes` (its enum constant).
    pub fn name(self) -> &'static str {
        match self {
            IdentifierStatus::Active => "ACTIVE",
            IdentifierStatus::Inactive => "INACTIVE",
        }
    }
}

/// A stored identifier with its document type's label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIdentifier {
    pub id: i64,
    pub client_id: i64,
    pub document_type_id: i64,
    pub document_type_name: String,
    pub document_key: String,
    pub status: IdentifierStatus,
    pub description: Option<String>,
}

/// A validated request for a new identifier. Fineract needs `status`; Kassa defaults it to active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierDraft {
    pub document_type_id: i64,
    pub document_key: String,
    pub status: IdentifierStatus,
    pub description: Option<String>,
}

/// A validated update: `None` leaves a field alone; `description: Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentifierChanges {
    pub document_type_id: Option<i64>,
    pub document_key: Option<String>,
    pub status: Option<IdentifierStatus>,
    pub description: Option<Option<String>>,
}

/// The next state and the changed fields by Fineract parameter name, in Fineract's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierUpdate {
    pub next: ClientIdentifier,
    pub changed: Vec<&'static str>,
}

impl ClientIdentifier {
    /// Applies `changes`; only values that differ from the stored ones count. A new document type's
    /// label is the caller's to fill in once the type is validated.
    pub fn apply(&self, changes: &IdentifierChanges) -> IdentifierUpdate {
        let mut next = self.clone();
        let mut changed = Vec::new();
        if let Some(t) = changes
            .document_type_id
            .filter(|t| *t != self.document_type_id)
        {
            next.document_type_id = t;
            changed.push("documentTypeId");
        }
        if let Some(key) = changes
            .document_key
            .as_ref()
            .filter(|k| **k != self.document_key)
        {
            next.document_key = key.clone();
            changed.push("documentKey");
        }
        if let Some(d) = changes
            .description
            .as_ref()
            .filter(|d| **d != self.description)
        {
            next.description = d.clone();
            changed.push("description");
        }
        if let Some(s) = changes.status.filter(|s| *s != self.status) {
            next.status = s;
            changed.push("status");
        }
        IdentifierUpdate { next, changed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passport() -> ClientIdentifier {
        ClientIdentifier {
            id: 1,
            client_id: 7,
            document_type_id: 1,
            document_type_name: "Passport".into(),
            document_key: "P123".into(),
            status: IdentifierStatus::Active,
            description: None,
        }
    }

    #[test]
    fn statuses_keep_fineracts_ids_and_parse_in_any_case() {
        assert_eq!(
            IdentifierStatus::parse("ACTIVE"),
            Some(IdentifierStatus::Active)
        );
        assert_eq!(
            IdentifierStatus::parse("inactive").map(IdentifierStatus::id),
            Some(100)
        );
        assert_eq!(IdentifierStatus::parse("gone"), None);
        assert_eq!(
            IdentifierStatus::from_id(200),
            Some(IdentifierStatus::Active)
        );
    }

    #[test]
    fn only_real_changes_are_reported_in_fineracts_order() {
        let update = passport().apply(&IdentifierChanges {
            document_type_id: Some(1),
            document_key: Some("P999".into()),
            status: Some(IdentifierStatus::Inactive),
            description: Some(Some("renewed".into())),
        });
        assert_eq!(update.changed, ["documentKey", "description", "status"]);
        assert_eq!(update.next.document_key, "P999");
        assert_eq!(update.next.status, IdentifierStatus::Inactive);
    }
}
