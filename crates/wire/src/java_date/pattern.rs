//! Compiles a Java `DateTimeFormatter` pattern (`dd MMMM yyyy`, `yyyy-MM-dd'T'HH:mm`) into
//! elements the parser and the formatter walk. Follows `DateTimeFormatterBuilder.appendPattern`
//! for the letters Fineract clients use; every other letter is refused rather than guessed.

use super::DateError;

/// Longest pattern we compile; real ones are under 30 characters.
pub(crate) const MAX_PATTERN_CHARS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// `y` (year-of-era, treated as proleptic as Fineract does) or `u`; the count matters.
    Year(usize),
    /// `M` or `L`: 1-2 numeric, 3 short name, 4 full name, 5 narrow.
    Month(usize),
    Day(usize),
    /// `E`: 1-3 short name, 4 full, 5 narrow.
    Weekday(usize),
    AmPm,
    /// `H` 0-23, `k` 1-24, `h` 1-12, `K` 0-11.
    Hour(HourKind, usize),
    Minute(usize),
    Second(usize),
    /// `S`: fraction of second, `count` digits.
    Fraction(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HourKind {
    H,
    K,
    LowerH,
    LowerK,
}

impl Field {
    /// Numeric fields take part in adjacent-value parsing (`yyyyMMdd`).
    pub fn is_numeric(self) -> bool {
        match self {
            Field::Month(n) => n <= 2,
            Field::Weekday(_) | Field::AmPm => false,
            Field::Year(_)
            | Field::Day(_)
            | Field::Hour(..)
            | Field::Minute(_)
            | Field::Second(_)
            | Field::Fraction(_) => true,
        }
    }

    /// Digits this field takes when another numeric field follows it directly.
    pub fn fixed_width(self) -> usize {
        match self {
            Field::Year(n) => n.max(2),
            Field::Month(n)
            | Field::Day(n)
            | Field::Hour(_, n)
            | Field::Minute(n)
            | Field::Second(n)
            | Field::Fraction(n) => n.max(1),
            Field::Weekday(_) | Field::AmPm => 0,
        }
    }

    pub fn is_time(self) -> bool {
        matches!(
            self,
            Field::AmPm
                | Field::Hour(..)
                | Field::Minute(_)
                | Field::Second(_)
                | Field::Fraction(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Element {
    Field(Field),
    /// Literal text, kept as written (the parser folds it).
    Literal(String),
    /// A run of whitespace in the pattern (kept for formatting); parsing matches any run of
    /// whitespace in the input, so `5  March` and a non-breaking space both pass.
    Space(String),
    /// `[...]`: parsed if present, skipped if not.
    Optional(Vec<Element>),
}

pub(crate) fn compile(pattern: &str) -> Result<Vec<Element>, DateError> {
    let chars: Vec<char> = pattern.chars().collect();
    if chars.len() > MAX_PATTERN_CHARS {
        return Err(DateError::TooLong {
            what: "date pattern",
            max: MAX_PATTERN_CHARS,
        });
    }
    if chars.iter().all(|c| c.is_whitespace()) {
        return Err(DateError::MalformedPattern {
            reason: "the pattern is empty",
        });
    }
    // A stack of open `[` sections; the bottom is the whole pattern.
    let mut stack: Vec<Vec<Element>> = vec![Vec::new()];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let current = stack.last_mut().ok_or(DateError::MalformedPattern {
            reason: "unbalanced optional section",
        })?;
        if c.is_ascii_alphabetic() {
            let count = chars[i..].iter().take_while(|&&x| x == c).count();
            current.push(Element::Field(field(c, count)?));
            i += count;
        } else if c == '\'' {
            let (text, next) = quoted(&chars, i)?;
            push_literal(current, &text);
            i = next;
        } else if c == '[' {
            stack.push(Vec::new());
            i += 1;
        } else if c == ']' {
            if stack.len() < 2 {
                return Err(DateError::MalformedPattern {
                    reason: "`]` without a matching `[`",
                });
            }
            let section = stack.pop().unwrap_or_default();
            if let Some(parent) = stack.last_mut() {
                parent.push(Element::Optional(section));
            }
            i += 1;
        } else if matches!(c, '{' | '}' | '#') {
            return Err(DateError::MalformedPattern {
                reason: "`{`, `}` and `#` are reserved in date patterns",
            });
        } else {
            push_literal(current, &c.to_string());
            i += 1;
        }
    }
    // Java closes sections left open at the end of the pattern.
    while stack.len() > 1 {
        let section = stack.pop().unwrap_or_default();
        if let Some(parent) = stack.last_mut() {
            parent.push(Element::Optional(section));
        }
    }
    Ok(stack.pop().unwrap_or_default())
}

fn field(letter: char, count: usize) -> Result<Field, DateError> {
    let unsupported = DateError::UnsupportedPattern { letter, count };
    let f = match letter {
        'y' | 'u' if count <= 19 => Field::Year(count),
        'M' | 'L' if count <= 5 => Field::Month(count),
        'd' if count <= 2 => Field::Day(count),
        'E' if count <= 5 => Field::Weekday(count),
        'a' if count == 1 => Field::AmPm,
        'H' if count <= 2 => Field::Hour(HourKind::H, count),
        'K' if count <= 2 => Field::Hour(HourKind::K, count),
        'h' if count <= 2 => Field::Hour(HourKind::LowerH, count),
        'k' if count <= 2 => Field::Hour(HourKind::LowerK, count),
        'm' if count <= 2 => Field::Minute(count),
        's' if count <= 2 => Field::Second(count),
        'S' if count <= 9 => Field::Fraction(count),
        _ => return Err(unsupported),
    };
    Ok(f)
}

/// Reads `'...'` starting at the opening quote; `''` is a quote, inside or outside.
fn quoted(chars: &[char], start: usize) -> Result<(String, usize), DateError> {
    if chars.get(start + 1) == Some(&'\'') {
        return Ok(("'".to_string(), start + 2));
    }
    let mut text = String::new();
    let mut i = start + 1;
    loop {
        match chars.get(i) {
            None => {
                return Err(DateError::MalformedPattern {
                    reason: "a quoted literal is not closed",
                })
            }
            Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                text.push('\'');
                i += 2;
            }
            Some('\'') => return Ok((text, i + 1)),
            Some(&c) => {
                text.push(c);
                i += 1;
            }
        }
    }
}

/// Splits literal text into `Space` and `Literal` elements, merging with what came before.
fn push_literal(elements: &mut Vec<Element>, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if let Some(Element::Space(s)) = elements.last_mut() {
                s.push(c);
            } else {
                elements.push(Element::Space(c.to_string()));
            }
        } else if let Some(Element::Literal(s)) = elements.last_mut() {
            s.push(c);
        } else {
            elements.push(Element::Literal(c.to_string()));
        }
    }
}
