//! A client's status and legal form, with Fineract's ids, codes and English values (the web app compares
//! the values verbatim).

/// `m_client.status_enum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientStatus {
    Pending,
    Active,
    TransferInProgress,
    TransferOnHold,
    Closed,
    Rejected,
    Withdrawn,
}

impl ClientStatus {
    pub const ALL: [ClientStatus; 7] = [
        ClientStatus::Pending,
        ClientStatus::Active,
        ClientStatus::TransferInProgress,
        ClientStatus::TransferOnHold,
        ClientStatus::Closed,
        ClientStatus::Rejected,
        ClientStatus::Withdrawn,
    ];

    pub fn id(self) -> i64 {
        match self {
            ClientStatus::Pending => 100,
            ClientStatus::Active => 300,
            ClientStatus::TransferInProgress => 303,
            ClientStatus::TransferOnHold => 304,
            ClientStatus::Closed => 600,
            ClientStatus::Rejected => 700,
            ClientStatus::Withdrawn => 800,
        }
    }

    pub fn from_id(id: i64) -> Option<ClientStatus> {
        ClientStatus::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn code(self) -> &'static str {
        match self {
            ClientStatus::Pending => "clientStatusType.pending",
            ClientStatus::Active => "clientStatusType.active",
            ClientStatus::TransferInProgress => "clientStatusType.transfer.in.progress",
            ClientStatus::TransferOnHold => "clientStatusType.transfer.on.hold",
            ClientStatus::Closed => "clientStatusType.closed",
            ClientStatus::Rejected => "clientStatusType.rejected",
            ClientStatus::Withdrawn => "clientStatusType.withdraw",
        }
    }

    pub fn value(self) -> &'static str {
        match self {
            ClientStatus::Pending => "Pending",
            ClientStatus::Active => "Active",
            ClientStatus::TransferInProgress => "Transfer in progress",
            ClientStatus::TransferOnHold => "Transfer on hold",
            ClientStatus::Closed => "Closed",
            ClientStatus::Rejected => "Rejected",
            ClientStatus::Withdrawn => "Withdrawn",
        }
    }

    /// The `status` filter of `GET /clients` (Fineract's lower-case names).
    pub fn from_filter(name: &str) -> Option<ClientStatus> {
        Some(match name.to_ascii_lowercase().as_str() {
            "pending" => ClientStatus::Pending,
            "active" => ClientStatus::Active,
            "transfer-in-progress" | "transferinprogress" => ClientStatus::TransferInProgress,
            "transfer-on-hold" | "transferonhold" => ClientStatus::TransferOnHold,
            "closed" => ClientStatus::Closed,
            "rejected" => ClientStatus::Rejected,
            "withdrawn" | "withdraw" => ClientStatus::Withdrawn,
            _ => return None,
        })
    }

    pub fn is_active(self) -> bool {
        self == ClientStatus::Active
    }
}

/// `legalFormId`: a natural person (first/last name) or an entity (full name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalForm {
    Person,
    Entity,
}

impl LegalForm {
    pub fn id(self) -> i64 {
        match self {
            LegalForm::Person => 1,
            LegalForm::Entity => 2,
        }
    }

    pub fn from_id(id: i64) -> Option<LegalForm> {
        match id {
            1 => Some(LegalForm::Person),
            2 => Some(LegalForm::Entity),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            LegalForm::Person => "legalFormType.person",
            LegalForm::Entity => "legalFormType.entity",
        }
    }

    pub fn value(self) -> &'static str {
        match self {
            LegalForm::Person => "PERSON",
            LegalForm::Entity => "ENTITY",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_ids_round_trip_and_unknown_ids_are_none() {
        for s in ClientStatus::ALL {
            assert_eq!(ClientStatus::from_id(s.id()), Some(s));
        }
        assert_eq!(ClientStatus::from_id(0), None);
    }

    #[test]
    fn the_status_filter_accepts_fineracts_names() {
        assert_eq!(
            ClientStatus::from_filter("ACTIVE"),
            Some(ClientStatus::Active)
        );
        assert_eq!(
            ClientStatus::from_filter("transfer-in-progress"),
            Some(ClientStatus::TransferInProgress)
        );
        assert_eq!(ClientStatus::from_filter("deleted"), None);
    }
}
