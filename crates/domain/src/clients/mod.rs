//! Clients: the people and entities every account hangs on. Status, legal form, lifecycle and naming.

pub mod detail;
mod error;
mod lifecycle;
mod search;
mod status;

pub use error::ClientError;
pub use lifecycle::{transition, ClientDates, Step};
pub use search::{ClientSearchColumn, CLIENT_SEARCH_COLUMNS};
pub use status::{ClientStatus, LegalForm};

/// Fineract's `displayName`: the full name of an entity, else "first middle last" of the parts given.
pub fn display_name(
    fullname: Option<&str>,
    firstname: Option<&str>,
    middlename: Option<&str>,
    lastname: Option<&str>,
) -> String {
    if let Some(full) = fullname.map(str::trim).filter(|s| !s.is_empty()) {
        return full.to_string();
    }
    [firstname, middlename, lastname]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fineract's default account-number format: the client id, zero-padded to nine digits.
pub fn account_number(client_id: i64) -> String {
    format!("{client_id:09}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_display_name_prefers_the_full_name_then_joins_the_parts() {
        assert_eq!(
            display_name(Some("Acme Ltd"), Some("x"), None, None),
            "Acme Ltd"
        );
        assert_eq!(
            display_name(None, Some("Amara"), None, Some("Okafor")),
            "Amara Okafor"
        );
        assert_eq!(
            display_name(Some(" "), Some("Amara"), Some("N"), Some("Okafor")),
            "Amara N Okafor"
        );
    }

    #[test]
    fn account_numbers_are_nine_digits_zero_padded() {
        assert_eq!(account_number(7), "000000007");
        assert_eq!(account_number(1_234_567_890), "1234567890");
    }
}
