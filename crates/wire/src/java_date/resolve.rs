//! Turns the fields a pattern read into a `NaiveDate` with Java's STRICT resolver: every field in
//! range, the day existing in its month, a stated weekday matching. A field read twice must
//! agree, and time fields are range-checked then dropped.

use chrono::{Datelike, NaiveDate};

use super::names::weekday_from_number;
use super::pattern::{Field, HourKind};
use super::DateError;

/// Fields read so far; the same field read twice must agree.
#[derive(Debug, Default, Clone)]
pub(crate) struct Parsed {
    pub year: Option<i64>,
    pub month: Option<i64>,
    pub day: Option<i64>,
    pub weekday: Option<i64>,
    pub hour: Option<(HourKind, i64)>,
    pub minute: Option<i64>,
    pub second: Option<i64>,
}

/// Records a numeric field; the hour, minutes and seconds are only checked, never used.
pub(crate) fn set_numeric(
    parsed: &mut Parsed,
    field: Field,
    value: i64,
    width: usize,
) -> Result<(), DateError> {
    match field {
        // Java's `yy` is a reduced year on base 2000; leniently, any other width is the year itself.
        Field::Year(2) if width == 2 => set(&mut parsed.year, 2000 + value, "year"),
        Field::Year(_) => set(&mut parsed.year, value, "year"),
        Field::Month(_) => set(&mut parsed.month, value, "month"),
        Field::Day(_) => set(&mut parsed.day, value, "day of month"),
        Field::Hour(kind, _) => {
            check_hour(kind, value)?;
            match parsed.hour {
                Some(existing) if existing != (kind, value) => {
                    Err(DateError::Conflict { field: "hour" })
                }
                _ => {
                    parsed.hour = Some((kind, value));
                    Ok(())
                }
            }
        }
        Field::Minute(_) => {
            check_range("minute", value, 0, 59)?;
            set(&mut parsed.minute, value, "minute")
        }
        Field::Second(_) => {
            check_range("second", value, 0, 59)?;
            set(&mut parsed.second, value, "second")
        }
        Field::Fraction(_) | Field::Weekday(_) | Field::AmPm => Ok(()),
    }
}

/// Records a field, refusing a second reading that disagrees (Java's "Conflict found").
pub(crate) fn set(
    slot: &mut Option<i64>,
    value: i64,
    field: &'static str,
) -> Result<(), DateError> {
    match *slot {
        Some(existing) if existing != value => Err(DateError::Conflict { field }),
        _ => {
            *slot = Some(value);
            Ok(())
        }
    }
}

fn check_hour(kind: HourKind, value: i64) -> Result<(), DateError> {
    let (low, high) = match kind {
        HourKind::H => (0, 23),
        HourKind::K => (0, 11),
        HourKind::LowerH => (1, 12),
        HourKind::LowerK => (1, 24),
    };
    check_range("hour", value, low, high)
}

pub(crate) fn check_range(
    field: &'static str,
    value: i64,
    low: i64,
    high: i64,
) -> Result<(), DateError> {
    if (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(DateError::OutOfRange { field, value })
    }
}

pub(crate) fn resolve(parsed: &Parsed) -> Result<NaiveDate, DateError> {
    let year = parsed.year.ok_or(DateError::Incomplete { field: "year" })?;
    let month = parsed
        .month
        .ok_or(DateError::Incomplete { field: "month" })?;
    let day = parsed.day.ok_or(DateError::Incomplete {
        field: "day of month",
    })?;
    check_range("month", month, 1, 12)?;
    check_range("day of month", day, 1, 31)?;
    let year_i32 = i32::try_from(year)
        .ok()
        .filter(|y| (NaiveDate::MIN.year()..=NaiveDate::MAX.year()).contains(y))
        .ok_or(DateError::OutOfRange {
            field: "year",
            value: year,
        })?;
    // Both in range above, so the casts cannot truncate.
    let (month, day) = (month as u32, day as u32);
    let date = NaiveDate::from_ymd_opt(year_i32, month, day).ok_or(DateError::NonexistentDate {
        year,
        month,
        day,
    })?;
    if let Some(stated) = parsed.weekday {
        let stated = u32::try_from(stated)
            .ok()
            .and_then(weekday_from_number)
            .ok_or(DateError::OutOfRange {
                field: "day of week",
                value: stated,
            })?;
        if stated != date.weekday() {
            return Err(DateError::WeekdayMismatch {
                stated,
                actual: date.weekday(),
            });
        }
    }
    Ok(date)
}
