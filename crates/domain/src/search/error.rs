//! Why a search was refused, and where. Every message is plain English a caller can act on.

use super::ColumnKind;

/// A refused search: what is wrong and the character offset (0-based) where it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} (at offset {position})")]
pub struct SearchError {
    pub position: usize,
    pub kind: SearchErrorKind,
}

impl SearchError {
    pub(super) fn new(position: usize, kind: SearchErrorKind) -> Self {
        SearchError { position, kind }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchErrorKind {
    #[error("the search is empty")]
    Empty,
    #[error("the search is longer than {max} characters")]
    TooLong { max: usize },
    #[error("unexpected character {found:?} (U+{:04X})", u32::from(*found))]
    UnexpectedCharacter { found: char },
    #[error("comments are not allowed")]
    Comment,
    #[error("a string is not closed: end it with a quote (')")]
    UnterminatedString,
    #[error("a string is longer than {max} characters")]
    StringTooLong { max: usize },
    #[error("backslashes are not allowed in strings; write a quote inside a string as ''")]
    BackslashInString,
    #[error("control characters are not allowed in strings")]
    ControlCharacterInString,
    #[error("'{text}' is not a number: write integers like 42 and decimals like 2.5")]
    InvalidNumber { text: String },
    #[error("the integer {text} is out of range")]
    IntegerOutOfRange { text: String },
    #[error("unknown column '{name}'; the columns a search may use are: {}", accepted.join(", "))]
    UnknownColumn {
        name: String,
        accepted: Vec<&'static str>,
    },
    #[error("expected {expected}, found {found}")]
    Expected {
        expected: &'static str,
        found: String,
    },
    #[error("compare with NULL using IS NULL or IS NOT NULL")]
    NullComparison,
    #[error("column '{column}' holds {} and cannot be compared with {found}", expected.describe())]
    TypeMismatch {
        column: &'static str,
        expected: ColumnKind,
        found: &'static str,
    },
    #[error("'{text}' is not a date written 'yyyy-MM-dd' (column '{column}')")]
    InvalidDate { column: &'static str, text: String },
    #[error("LIKE applies to text columns only; column '{column}' holds {}", kind.describe())]
    LikeOnNonText {
        column: &'static str,
        kind: ColumnKind,
    },
    #[error("column '{column}' holds true or false: compare it with =, != or <>")]
    OrderingOnBoolean { column: &'static str },
    #[error("a search may hold at most {max} comparisons")]
    TooManyComparisons { max: usize },
    #[error("parentheses may nest at most {max} deep")]
    TooDeep { max: usize },
    #[error("an IN list may hold at most {max} values")]
    TooManyInValues { max: usize },
}
