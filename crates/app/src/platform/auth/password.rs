//! Password hashes in Fineract's formats: `{bcrypt}$2a$…` for every password Kassa sets, and the seeded
//! users' `{SHA-256}{<salt>}<hex>` where hex = SHA-256(password + "{" + salt + "}").

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashKind {
    Bcrypt,
    Sha256Salted,
    Unknown,
}

pub fn kind_of(stored: &str) -> HashKind {
    if stored.starts_with("{bcrypt}") {
        HashKind::Bcrypt
    } else if stored.starts_with("{SHA-256}") {
        HashKind::Sha256Salted
    } else {
        HashKind::Unknown
    }
}

/// Checks `password` against a stored hash. Blocking (bcrypt is slow on purpose): call off the runtime.
pub fn verify(password: &str, stored: &str) -> bool {
    match kind_of(stored) {
        HashKind::Bcrypt => bcrypt::verify(password, &stored["{bcrypt}".len()..]).unwrap_or(false),
        HashKind::Sha256Salted => verify_sha256(password, &stored["{SHA-256}".len()..]),
        HashKind::Unknown => false,
    }
}

fn verify_sha256(password: &str, rest: &str) -> bool {
    // rest = "{salt}hex"
    let Some(rest) = rest.strip_prefix('{') else {
        return false;
    };
    let Some((salt, hex)) = rest.split_once('}') else {
        return false;
    };
    let digest = Sha256::digest(format!("{password}{{{salt}}}").as_bytes());
    let expected: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    expected
        .as_bytes()
        .ct_eq(hex.to_ascii_lowercase().as_bytes())
        .into()
}

/// A new `{bcrypt}` hash. Blocking.
pub fn hash(password: &str, cost: u32) -> Result<String, bcrypt::BcryptError> {
    Ok(format!("{{bcrypt}}{}", bcrypt::hash(password, cost)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The seeded `mifos` user's stored hash in Fineract: SHA-256 of "password{1}".
    const MIFOS: &str =
        "{SHA-256}{1}5787039480429368bf94732aacc771cd0a3ea02bcf504ffe1185ab94213bc63a";

    #[test]
    fn the_seeded_mifos_hash_accepts_password() {
        assert!(verify("password", MIFOS));
        assert!(!verify("Password", MIFOS));
    }

    #[test]
    fn a_salt_is_part_of_the_sha256_digest() {
        let other_salt = MIFOS.replace("{1}", "{3}");
        assert!(!verify("password", &other_salt));
    }

    #[test]
    fn bcrypt_hashes_round_trip() {
        let stored = hash("correct horse battery", 4).unwrap();
        assert!(stored.starts_with("{bcrypt}$2"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("wrong", &stored));
    }

    #[test]
    fn malformed_hashes_never_verify() {
        for stored in [
            "",
            "{SHA-256}",
            "{SHA-256}{1",
            "{bcrypt}",
            "{noop}password",
            "password",
        ] {
            assert!(!verify("password", stored), "{stored}");
        }
    }
}
