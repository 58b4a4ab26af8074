//! Dates as Fineract reads them: a string, a Java `DateTimeFormatter` pattern and a locale, parsed
//! case-insensitively and lenient on field width but with STRICT resolution (no 30 February).
//! Also the reverse, for templates and echoes.

mod format;
mod names;
mod parse;
mod pattern;
mod resolve;

use chrono::{NaiveDate, Weekday};

use crate::locale::{parse_locale, LocaleTag};

/// Longest date string we read; real ones are under 40 characters.
pub const MAX_DATE_CHARS: usize = 64;

/// Why a date, its pattern or its locale was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// A pattern letter (or a letter repeated too often) that Kassa does not implement.
    #[error("the date pattern letter `{letter}` repeated {count} time(s) is not supported")]
    UnsupportedPattern { letter: char, count: usize },
    #[error("the date pattern is malformed: {reason}")]
    MalformedPattern { reason: &'static str },
    #[error("`{locale}` is not a supported locale")]
    UnsupportedLocale { locale: String },
    #[error("the {what} is longer than {max} characters")]
    TooLong { what: &'static str, max: usize },
    /// The text does not follow the pattern. `at` counts characters into the trimmed input,
    /// after combining accents are dropped.
    #[error("the date does not match the pattern at character {at}: expected {expected}")]
    Invalid { at: usize, expected: &'static str },
    /// A field outside its range: month 13, day 32, hour 25, a year chrono cannot hold.
    #[error("{field} {value} is out of range")]
    OutOfRange { field: &'static str, value: i64 },
    /// The pattern has no field for part of a date (`MM/yyyy` has no day).
    #[error("the date pattern gives no {field}")]
    Incomplete { field: &'static str },
    /// The same field appears twice with different values (`MM` and `MMMM` disagreeing).
    #[error("the {field} is given twice with different values")]
    Conflict { field: &'static str },
    /// Each field is in range but the day does not exist in that month (STRICT resolution).
    #[error("{year:04}-{month:02}-{day:02} does not exist")]
    NonexistentDate { year: i64, month: u32, day: u32 },
    #[error("the text names a {stated} but the date is a {actual}")]
    WeekdayMismatch { stated: Weekday, actual: Weekday },
}

/// Parses `input` with the Java pattern `pattern` in `locale`, as Fineract's
/// `JsonParserHelper.convertFrom` does. An optional trailing time (` HH:mm` or ` HH:mm:ss`)
/// is accepted and ignored, and so are time fields in the pattern.
pub fn parse_date(input: &str, pattern: &str, locale: &str) -> Result<NaiveDate, DateError> {
    let tag = locale_tag(locale)?;
    let elements = pattern::compile(pattern)?;
    let input = input.trim();
    if input.chars().count() > MAX_DATE_CHARS {
        return Err(DateError::TooLong {
            what: "date",
            max: MAX_DATE_CHARS,
        });
    }
    parse::parse(input, &elements, names::for_language(tag.language()))
}

/// Formats `date` with the Java pattern `pattern` in `locale`. Time fields print as midnight;
/// an optional section holding a time field is left out, as Java does for a `LocalDate`.
pub fn format_date(date: NaiveDate, pattern: &str, locale: &str) -> Result<String, DateError> {
    let tag = locale_tag(locale)?;
    let elements = pattern::compile(pattern)?;
    Ok(format::format(
        date,
        &elements,
        names::for_language(tag.language()),
    ))
}

fn locale_tag(locale: &str) -> Result<LocaleTag, DateError> {
    parse_locale(locale).ok_or_else(|| DateError::UnsupportedLocale {
        locale: locale.chars().take(32).collect(),
    })
}
