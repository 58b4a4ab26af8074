//! Numbers that clients send as JSON strings (`"240,400.88"`), read with the request's locale as
//! Fineract's `DecimalFormat`-based helpers read them, but exactly: digits go straight into a
//! `Decimal`, never through `f64`.

use rust_decimal::Decimal;

use crate::locale::{parse_locale, LocaleTag};

/// Longest number string we read; no amount needs more.
pub const MAX_NUMBER_CHARS: usize = 64;

/// The most digits `Decimal` holds after the point.
const MAX_SCALE: u32 = 28;

/// Why a number string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("the number is empty")]
    Empty,
    #[error("the number is longer than {max} characters")]
    TooLong { max: usize },
    #[error("`{locale}` is not a supported locale")]
    UnsupportedLocale { locale: String },
    /// A character that is neither a digit nor one of the locale's separators.
    #[error("unexpected `{found}` at character {at}")]
    Invalid { at: usize, found: char },
    #[error("a second decimal separator `{separator}` at character {at}")]
    MultipleDecimalSeparators { at: usize, separator: char },
    /// A grouping separator that is not between digits of the integer part.
    #[error("the grouping separator at character {at} is not between digits")]
    MisplacedGrouping { at: usize },
    #[error("the number has no digits")]
    NoDigits,
    /// Fineract's `validation.msg.invalid.integer.format`: a whole number was expected.
    #[error("`{separator}` is this locale's decimal separator, but a whole number is expected")]
    DecimalInInteger { separator: char },
    #[error("the number is too large")]
    Overflow,
    #[error("the number has more than {max} digits after the decimal separator")]
    TooPrecise { max: u32 },
}

/// Separators of one locale. Grouping lists every character we take for the group separator.
struct Symbols {
    decimal: char,
    grouping: &'static [char],
}

const POINT_DECIMAL: Symbols = Symbols {
    decimal: '.',
    grouping: &[','],
};
const COMMA_DECIMAL: Symbols = Symbols {
    decimal: ',',
    grouping: &['.'],
};
/// CLDR prints U+202F (French) or U+00A0; people type a plain space. All three are taken.
const SPACE_GROUPED: Symbols = Symbols {
    decimal: ',',
    grouping: &[' ', '\u{a0}', '\u{202f}', '\u{2009}'],
};
/// CLDR's Swiss apostrophe is U+2019; keyboards give `'`.
const SWISS: Symbols = Symbols {
    decimal: '.',
    grouping: &['\'', '\u{2019}'],
};

/// The separators JDK's CLDR data gives these locales. Languages not listed group with `,` and
/// use `.` for decimals, as English does. Swahili is among them: CLDR `sw` is `10,000.50`
/// (only `sw_CD` uses `10.000,50`).
fn symbols(tag: &LocaleTag) -> &'static Symbols {
    match (tag.language(), tag.country()) {
        ("de" | "it", Some("CH" | "LI")) => &SWISS,
        ("es", Some("MX" | "US" | "PR" | "DO" | "GT" | "HN" | "NI" | "PA" | "SV")) => {
            &POINT_DECIMAL
        }
        ("pt", Some("PT")) | ("en", Some("ZA")) => &SPACE_GROUPED,
        ("sw", Some("CD")) => &COMMA_DECIMAL,
        (
            "de" | "es" | "id" | "in" | "pt" | "it" | "nl" | "da" | "tr" | "el" | "ro" | "hr"
            | "sl" | "sr" | "bs" | "is" | "vi" | "ca" | "gl",
            _,
        ) => &COMMA_DECIMAL,
        (
            "fr" | "ru" | "uk" | "pl" | "cs" | "sk" | "fi" | "sv" | "nb" | "nn" | "no" | "hu"
            | "bg" | "et" | "lt" | "lv",
            _,
        ) => &SPACE_GROUPED,
        _ => &POINT_DECIMAL,
    }
}

/// The sign and digits of a number string, separators removed.
struct Scanned {
    negative: bool,
    integer: String,
    fraction: String,
}

/// Reads a decimal written in `locale` (`10,000.50` in `en`, `10.000,50` in `de`).
pub fn parse_decimal(input: &str, locale: &str) -> Result<Decimal, NumberError> {
    let scanned = scan(input, locale, false)?;
    let integer = scanned.integer.trim_start_matches('0');
    if integer.len() > 29 {
        return Err(NumberError::Overflow);
    }
    if scanned.fraction.len() > MAX_SCALE as usize {
        return Err(NumberError::TooPrecise { max: MAX_SCALE });
    }
    let mut text = String::with_capacity(MAX_NUMBER_CHARS + 2);
    if scanned.negative {
        text.push('-');
    }
    text.push_str(if integer.is_empty() { "0" } else { integer });
    if !scanned.fraction.is_empty() {
        text.push('.');
        text.push_str(&scanned.fraction);
    }
    let mut value = Decimal::from_str_exact(&text).map_err(|e| match e {
        rust_decimal::Error::Underflow => NumberError::TooPrecise { max: MAX_SCALE },
        _ => NumberError::Overflow,
    })?;
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    Ok(value)
}

/// Reads a whole number written in `locale`. A decimal separator, even in `10.00`, is
/// `NumberError::DecimalInInteger`, Fineract's `validation.msg.invalid.integer.format`.
pub fn parse_integer(input: &str, locale: &str) -> Result<i64, NumberError> {
    let scanned = scan(input, locale, true)?;
    let magnitude = scanned.integer.bytes().try_fold(0u64, |acc, b| {
        acc.checked_mul(10)?.checked_add(u64::from(b - b'0'))
    });
    let magnitude = magnitude.ok_or(NumberError::Overflow)?;
    let signed = if scanned.negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    };
    signed.ok_or(NumberError::Overflow)
}

/// Java's `DecimalFormat` ignores where grouping separators stand (`1,00,0` is 1000), and so do
/// we; it must still sit between digits of the integer part. Stricter than a bare
/// `DecimalFormat.parse`, which stops at the first character it cannot read and returns the
/// prefix: any leftover is an error here (`12abc` is refused, not read as 12).
fn scan(input: &str, locale: &str, integer_only: bool) -> Result<Scanned, NumberError> {
    let tag = parse_locale(locale).ok_or_else(|| NumberError::UnsupportedLocale {
        locale: locale.chars().take(32).collect(),
    })?;
    let symbols = symbols(&tag);
    let chars: Vec<char> = input.trim().chars().take(MAX_NUMBER_CHARS + 1).collect();
    if chars.is_empty() {
        return Err(NumberError::Empty);
    }
    if chars.len() > MAX_NUMBER_CHARS {
        return Err(NumberError::TooLong {
            max: MAX_NUMBER_CHARS,
        });
    }
    let negative = matches!(chars.first(), Some('-' | '\u{2212}'));
    let mut scanned = Scanned {
        negative,
        integer: String::new(),
        fraction: String::new(),
    };
    let mut seen_decimal = false;
    for (at, &c) in chars.iter().enumerate().skip(usize::from(negative)) {
        if c.is_ascii_digit() {
            if seen_decimal {
                scanned.fraction.push(c);
            } else {
                scanned.integer.push(c);
            }
        } else if c == symbols.decimal {
            if integer_only {
                return Err(NumberError::DecimalInInteger { separator: c });
            }
            if seen_decimal {
                return Err(NumberError::MultipleDecimalSeparators { at, separator: c });
            }
            seen_decimal = true;
        } else if symbols.grouping.contains(&c) {
            let next_is_digit = chars.get(at + 1).is_some_and(|n| n.is_ascii_digit());
            if seen_decimal || scanned.integer.is_empty() || !next_is_digit {
                return Err(NumberError::MisplacedGrouping { at });
            }
        } else {
            return Err(NumberError::Invalid { at, found: c });
        }
    }
    if scanned.integer.is_empty() && scanned.fraction.is_empty() {
        return Err(NumberError::NoDigits);
    }
    Ok(scanned)
}
