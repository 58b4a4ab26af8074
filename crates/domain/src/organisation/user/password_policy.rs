//! Password policies, chosen by the `key` of the active row of `m_password_validation_policy`. Fineract
//! matches a stored Java regex; its `secure` pattern needs look-aheads, so Kassa implements each known key
//! in code with the same meaning instead of interpreting the regex text.

/// The policy used when no row is active: the same as the seeded `kassa-default` row.
pub const DEFAULT_POLICY_KEY: &str = "kassa-default";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordPolicy {
    /// Fineract's `simple`: `^.{1,50}$`.
    Simple,
    /// Fineract's `secure`: `^(?=.*\d)(?=.*[a-z])(?=.*[A-Z])(?!.*\s).{6,50}$`.
    Secure,
    /// Kassa's default, `^.{12,50}$`.
    KassaDefault,
}

impl PasswordPolicy {
    pub fn from_key(key: &str) -> Option<PasswordPolicy> {
        match key {
            "simple" => Some(PasswordPolicy::Simple),
            "secure" => Some(PasswordPolicy::Secure),
            DEFAULT_POLICY_KEY => Some(PasswordPolicy::KassaDefault),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            PasswordPolicy::Simple => "simple",
            PasswordPolicy::Secure => "secure",
            PasswordPolicy::KassaDefault => DEFAULT_POLICY_KEY,
        }
    }

    /// The regular expression Fineract stores for this policy (reported in validation errors).
    pub fn regex(self) -> &'static str {
        match self {
            PasswordPolicy::Simple => r"^.{1,50}$",
            PasswordPolicy::Secure => r"^(?=.*\d)(?=.*[a-z])(?=.*[A-Z])(?!.*\s).{6,50}$",
            PasswordPolicy::KassaDefault => r"^.{12,50}$",
        }
    }

    /// The message shown when a password is refused, used when the policy row has no description.
    pub fn description(self) -> &'static str {
        match self {
            PasswordPolicy::Simple => {
                "Password most be at least 1 character and not more that 50 characters long"
            }
            PasswordPolicy::Secure => {
                "Password must be at least 6 characters, no more than 50 characters long, must include at least one upper case letter, one lower case letter, one numeric digit and no space"
            }
            PasswordPolicy::KassaDefault => {
                "Password must be at least 12 characters and no more than 50 characters long"
            }
        }
    }

    /// Whether `password` satisfies the policy, with the semantics of Fineract's Java regexes: `.` is any
    /// character but a line terminator, `\d` an ASCII digit, `\s` ASCII whitespace, lengths in code points.
    pub fn accepts(self, password: &str) -> bool {
        let length = password.chars().count();
        if password.chars().any(is_line_terminator) {
            return false;
        }
        match self {
            PasswordPolicy::Simple => (1..=50).contains(&length),
            PasswordPolicy::KassaDefault => (12..=50).contains(&length),
            PasswordPolicy::Secure => {
                (6..=50).contains(&length)
                    && password.chars().any(|c| c.is_ascii_digit())
                    && password.chars().any(|c| c.is_ascii_lowercase())
                    && password.chars().any(|c| c.is_ascii_uppercase())
                    && !password.chars().any(is_java_whitespace)
            }
        }
    }
}

/// Characters Java's `.` does not match.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Java's `\s`: `[ \t\n\x0B\f\r]`.
fn is_java_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_takes_one_to_fifty_characters() {
        let p = PasswordPolicy::Simple;
        assert!(p.accepts("x"));
        assert!(p.accepts(&"a".repeat(50)));
        assert!(!p.accepts(""));
        assert!(!p.accepts(&"a".repeat(51)));
        assert!(!p.accepts("line\nbreak"));
    }

    #[test]
    fn secure_needs_a_digit_a_lower_and_an_upper_and_no_whitespace() {
        let p = PasswordPolicy::Secure;
        assert!(p.accepts("Abcde1"));
        assert!(!p.accepts("Abcd1"), "too short");
        assert!(!p.accepts("abcdef1"), "no upper");
        assert!(!p.accepts("ABCDEF1"), "no lower");
        assert!(!p.accepts("Abcdefg"), "no digit");
        assert!(!p.accepts("Abc def1"), "space");
        assert!(!p.accepts("Abc\tdef1"), "tab");
        assert!(!p.accepts(&format!("Ab1{}", "x".repeat(48))), "51 chars");
    }

    #[test]
    fn kassa_default_takes_twelve_to_fifty_characters_counted_as_code_points() {
        let p = PasswordPolicy::KassaDefault;
        assert!(p.accepts("correct-horse-battery"));
        assert!(!p.accepts("short-pass1"));
        assert!(p.accepts(&"é".repeat(12)));
        assert!(!p.accepts(&"é".repeat(51)));
    }

    #[test]
    fn keys_round_trip_and_unknown_keys_are_none() {
        for p in [
            PasswordPolicy::Simple,
            PasswordPolicy::Secure,
            PasswordPolicy::KassaDefault,
        ] {
            assert_eq!(PasswordPolicy::from_key(p.key()), Some(p));
        }
        assert_eq!(PasswordPolicy::from_key("custom"), None);
    }
}
