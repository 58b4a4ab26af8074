//! Prints a date with compiled pattern elements, the way `DateTimeFormatter.format` prints a
//! `LocalDate`: canonical CLDR names, zero padding to the letter count, time fields at midnight.

use chrono::{Datelike, NaiveDate};

use super::names::Names;
use super::pattern::{Element, Field, HourKind};

pub(crate) fn format(date: NaiveDate, elements: &[Element], names: &Names) -> String {
    let mut out = String::new();
    write(&mut out, date, elements, names);
    out
}

fn write(out: &mut String, date: NaiveDate, elements: &[Element], names: &Names) {
    for element in elements {
        match element {
            Element::Field(f) => field(out, date, *f, names),
            Element::Literal(s) | Element::Space(s) => out.push_str(s),
            // Java skips an optional section whose fields a `LocalDate` lacks.
            Element::Optional(section) if !has_time_field(section) => {
                write(out, date, section, names)
            }
            Element::Optional(_) => {}
        }
    }
}

fn has_time_field(elements: &[Element]) -> bool {
    elements.iter().any(|e| match e {
        Element::Field(f) => f.is_time(),
        Element::Optional(section) => has_time_field(section),
        Element::Literal(_) | Element::Space(_) => false,
    })
}

fn field(out: &mut String, date: NaiveDate, field: Field, names: &Names) {
    let month = date.month0() as usize;
    let weekday = date.weekday().num_days_from_monday() as usize;
    match field {
        Field::Year(2) => padded(out, i64::from(date.year()).rem_euclid(100), 2),
        Field::Year(count) => year(out, i64::from(date.year()), count),
        Field::Month(count @ 1..=2) => padded(out, i64::from(date.month()), count),
        Field::Month(3) => out.push_str(names.months_short[month]),
        Field::Month(4) => out.push_str(names.months_full[month]),
        Field::Month(_) => narrow(out, names.months_full[month]),
        Field::Day(count) => padded(out, i64::from(date.day()), count),
        Field::Weekday(1..=3) => out.push_str(names.days_short[weekday]),
        Field::Weekday(4) => out.push_str(names.days_full[weekday]),
        Field::Weekday(_) => narrow(out, names.days_full[weekday]),
        Field::AmPm => out.push_str(names.am_pm[0]),
        Field::Hour(kind, count) => {
            let midnight = match kind {
                HourKind::H | HourKind::K => 0,
                HourKind::LowerH => 12,
                HourKind::LowerK => 24,
            };
            padded(out, midnight, count);
        }
        Field::Minute(count) | Field::Second(count) => padded(out, 0, count),
        Field::Fraction(count) => padded(out, 0, count),
    }
}

/// `yyyy` prints a `+` before years wider than the pattern (Java's EXCEEDS_PAD sign style).
fn year(out: &mut String, year: i64, count: usize) {
    if year < 0 {
        out.push('-');
    } else if count >= 4 && year.to_string().len() > count {
        out.push('+');
    }
    padded(out, year.abs(), count);
}

fn padded(out: &mut String, value: i64, width: usize) {
    out.push_str(&format!("{value:0width$}"));
}

/// CLDR's narrow forms are, for the languages we carry, the capitalised first letter.
fn narrow(out: &mut String, name: &str) {
    if let Some(first) = name.chars().next() {
        out.extend(first.to_uppercase());
    }
}
