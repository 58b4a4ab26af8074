//! Walks compiled pattern elements over the input, greedily and without backtracking (as
//! `DateTimeFormatter` does), then hands the fields to the STRICT resolver.
//! Input and names are folded (lower case, accents dropped) so `FÉVR.`, `févr` and `fevr` agree.

use chrono::NaiveDate;

use super::names::Names;
use super::pattern::{Element, Field};
use super::resolve::{check_range, resolve, set, set_numeric, Parsed};
use super::DateError;

/// Longest digit run one lenient numeric field takes; keeps every value well inside `i64`.
const MAX_FIELD_DIGITS: usize = 9;

pub(crate) fn parse(
    input: &str,
    elements: &[Element],
    names: &Names,
) -> Result<NaiveDate, DateError> {
    let text = fold(input);
    let mut parsed = Parsed::default();
    let end = Walker { text: &text, names }.sequence(elements, 0, &mut parsed)?;
    if end < text.len() {
        trailing_time(&text, end)?;
    }
    resolve(&parsed)
}

/// Lower case, accents stripped, combining marks dropped, every kind of space a plain space.
fn fold(s: &str) -> Vec<char> {
    s.chars().filter_map(fold_char).collect()
}

fn fold_char(c: char) -> Option<char> {
    if ('\u{0300}'..='\u{036f}').contains(&c) {
        return None;
    }
    if c.is_whitespace() {
        return Some(' ');
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ť' => 't',
        'ď' => 'd',
        other => other,
    })
}

/// A name folded for comparison, without the abbreviation dot (which is matched separately).
fn fold_name(name: &str) -> Vec<char> {
    let mut folded = fold(name);
    if folded.last() == Some(&'.') {
        folded.pop();
    }
    folded
}

struct Walker<'a> {
    text: &'a [char],
    names: &'a Names,
}

impl Walker<'_> {
    fn sequence(
        &self,
        elements: &[Element],
        mut pos: usize,
        parsed: &mut Parsed,
    ) -> Result<usize, DateError> {
        let mut i = 0;
        while let Some(element) = elements.get(i) {
            match element {
                Element::Field(f) if f.is_numeric() => {
                    let run = numeric_run(&elements[i..]);
                    pos = self.numeric_fields(&run, pos, parsed)?;
                    i += run.len();
                    continue;
                }
                Element::Field(f) => {
                    let next_is_dot = matches!(elements.get(i + 1), Some(Element::Literal(s)) if s.starts_with('.'));
                    pos = self.text_field(*f, pos, next_is_dot, parsed)?;
                }
                Element::Literal(literal) => pos = self.literal(literal, pos)?,
                Element::Space(_) => pos = self.space(pos)?,
                Element::Optional(section) => {
                    let mut attempt = parsed.clone();
                    if let Ok(after) = self.sequence(section, pos, &mut attempt) {
                        *parsed = attempt;
                        pos = after;
                    }
                }
            }
            i += 1;
        }
        Ok(pos)
    }

    /// Adjacent numeric fields (`yyyyMMdd`, `HHmm`): every field after the first takes its
    /// fixed width from the end of the digit run, the first takes what is left. A lone field
    /// takes every digit there is (Java's lenient width), up to `MAX_FIELD_DIGITS`.
    fn numeric_fields(
        &self,
        run: &[Field],
        pos: usize,
        parsed: &mut Parsed,
    ) -> Result<usize, DateError> {
        let digits = self.digits_at(pos);
        let (first, rest) = run.split_first().ok_or(DateError::Invalid {
            at: pos,
            expected: "a number",
        })?;
        let reserved: usize = rest.iter().map(|f| f.fixed_width()).sum();
        let first_width = digits.saturating_sub(reserved);
        if first_width == 0 || first_width > MAX_FIELD_DIGITS {
            return Err(DateError::Invalid {
                at: pos,
                expected: expected_for(*first),
            });
        }
        let mut at = pos;
        for (field, width) in
            std::iter::once((*first, first_width)).chain(rest.iter().map(|f| (*f, f.fixed_width())))
        {
            let value = self.number(at, width);
            set_numeric(parsed, field, value, width)?;
            at += width;
        }
        Ok(at)
    }

    fn text_field(
        &self,
        field: Field,
        pos: usize,
        next_is_dot: bool,
        parsed: &mut Parsed,
    ) -> Result<usize, DateError> {
        let (candidates, expected): (Vec<(&str, u32)>, _) = match field {
            Field::Month(_) => (self.names.month_candidates().collect(), "a month name"),
            Field::Weekday(_) => (self.names.day_candidates().collect(), "a day-of-week name"),
            _ => (am_pm_candidates(self.names), "AM or PM"),
        };
        if let Some((value, len)) = self.longest_name(pos, &candidates) {
            let mut end = pos + len;
            if !next_is_dot && self.text.get(end) == Some(&'.') {
                end += 1;
            }
            let value = i64::from(value);
            match field {
                Field::Month(_) => set(&mut parsed.month, value, "month")?,
                Field::Weekday(_) => set(&mut parsed.weekday, value, "day of week")?,
                _ => {}
            }
            return Ok(end);
        }
        // Java's lenient text parser falls back to digits: `MMM` reads `03` too.
        let digits = self.digits_at(pos).min(MAX_FIELD_DIGITS);
        match field {
            Field::Month(_) | Field::Weekday(_) if digits > 0 => {
                let value = self.number(pos, digits);
                match field {
                    Field::Month(_) => set(&mut parsed.month, value, "month")?,
                    _ => set(&mut parsed.weekday, value, "day of week")?,
                }
                Ok(pos + digits)
            }
            _ => Err(DateError::Invalid { at: pos, expected }),
        }
    }

    fn longest_name(&self, pos: usize, candidates: &[(&str, u32)]) -> Option<(u32, usize)> {
        let rest = self.text.get(pos..)?;
        candidates
            .iter()
            .filter_map(|(name, value)| {
                let folded = fold_name(name);
                (!folded.is_empty() && rest.starts_with(&folded)).then_some((*value, folded.len()))
            })
            .max_by_key(|(_, len)| *len)
    }

    fn literal(&self, literal: &str, pos: usize) -> Result<usize, DateError> {
        let mut at = pos;
        for expected in fold(literal) {
            if self.text.get(at) != Some(&expected) {
                return Err(DateError::Invalid {
                    at,
                    expected: "a literal from the pattern",
                });
            }
            at += 1;
        }
        Ok(at)
    }

    /// Pattern whitespace matches one or more spaces, or none at either end of the input.
    fn space(&self, pos: usize) -> Result<usize, DateError> {
        let count = self
            .text
            .get(pos..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| **c == ' ')
            .count();
        if count == 0 && pos != 0 && pos != self.text.len() {
            return Err(DateError::Invalid {
                at: pos,
                expected: "whitespace",
            });
        }
        Ok(pos + count)
    }

    fn digits_at(&self, pos: usize) -> usize {
        self.text
            .get(pos..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    }

    /// The value of `width` ASCII digits at `pos`; callers pass at most a checked digit run.
    fn number(&self, pos: usize, width: usize) -> i64 {
        self.text
            .iter()
            .skip(pos)
            .take(width.min(18))
            .filter_map(|c| c.to_digit(10))
            .fold(0i64, |acc, d| acc * 10 + i64::from(d))
    }
}

/// The numeric fields that follow each other with nothing in between.
fn numeric_run(elements: &[Element]) -> Vec<Field> {
    elements
        .iter()
        .map_while(|e| match e {
            Element::Field(f) if f.is_numeric() => Some(*f),
            _ => None,
        })
        .collect()
}

fn am_pm_candidates(names: &Names) -> Vec<(&'static str, u32)> {
    let mut all = vec![(names.am_pm[0], 0), (names.am_pm[1], 1)];
    all.extend([
        ("am", 0),
        ("pm", 1),
        ("a.m.", 0),
        ("p.m.", 1),
        ("a. m.", 0),
        ("p. m.", 1),
    ]);
    all
}

fn expected_for(field: Field) -> &'static str {
    match field {
        Field::Year(_) => "a year",
        Field::Month(_) => "a month",
        Field::Day(_) => "a day of month",
        Field::Weekday(_) => "a day of week",
        Field::Hour(..) => "an hour",
        Field::Minute(_) => "minutes",
        Field::Second(_) => "seconds",
        Field::Fraction(_) => "a fraction of a second",
        Field::AmPm => "AM or PM",
    }
}
/// Fineract accepts ` HH:mm:ss` after any date; we also take ` HH:mm` and fractional seconds.
fn trailing_time(text: &[char], pos: usize) -> Result<(), DateError> {
    let fail = DateError::Invalid {
        at: pos,
        expected: "the end of the date or a time",
    };
    let mut at = pos;
    let spaces = text[at..].iter().take_while(|c| **c == ' ').count();
    if spaces == 0 {
        return Err(fail);
    }
    at += spaces;
    let mut groups = Vec::new();
    loop {
        let digits = text[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        let allowed = if groups.is_empty() { 1..=2 } else { 2..=2 };
        if !allowed.contains(&digits) {
            return Err(fail);
        }
        let value = text[at..at + digits]
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0i64, |acc, d| acc * 10 + i64::from(d));
        groups.push(value);
        at += digits;
        match text.get(at) {
            Some(':') if groups.len() < 3 => at += 1,
            Some('.') if groups.len() == 3 => {
                let fraction = text[at + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                if fraction == 0 || fraction > 9 {
                    return Err(fail);
                }
                at += 1 + fraction;
                break;
            }
            _ => break,
        }
    }
    if at != text.len() || groups.len() < 2 {
        return Err(fail);
    }
    check_range("hour", groups[0], 0, 23)?;
    check_range("minute", groups[1], 0, 59)?;
    if let Some(&second) = groups.get(2) {
        check_range("second", second, 0, 59)?;
    }
    Ok(())
}
