//! `format_date`: the same letters, printed as Java prints a `LocalDate`, and read back.

use chrono::{Days, NaiveDate};
use kassa_wire::{format_date, parse_date, DateError};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn fmt(date: NaiveDate, pattern: &str, locale: &str) -> String {
    format_date(date, pattern, locale).unwrap()
}

#[test]
fn the_fineract_default_pattern_prints_the_full_month() {
    assert_eq!(fmt(ymd(2024, 3, 5), "dd MMMM yyyy", "en"), "05 March 2024");
}

#[test]
fn month_names_print_in_the_locale_language() {
    let date = ymd(2024, 2, 5);
    assert_eq!(fmt(date, "d MMMM yyyy", "fr"), "5 février 2024");
    assert_eq!(fmt(date, "d MMM yyyy", "fr_FR"), "5 févr. 2024");
    assert_eq!(fmt(ymd(2024, 3, 5), "d. MMMM yyyy", "de"), "5. März 2024");
    assert_eq!(
        fmt(ymd(2024, 3, 5), "dd 'de' MMMM 'de' yyyy", "pt_BR"),
        "05 de março de 2024"
    );
    assert_eq!(fmt(ymd(2024, 3, 5), "d MMMM yyyy", "es"), "5 marzo 2024");
    assert_eq!(fmt(ymd(2024, 8, 5), "d MMM yyyy", "id"), "5 Agu 2024");
    assert_eq!(fmt(ymd(2024, 3, 5), "d MMMM yyyy", "sw"), "5 Machi 2024");
}

#[test]
fn numeric_fields_pad_to_the_letter_count() {
    let date = ymd(2024, 3, 5);
    assert_eq!(fmt(date, "d/M/y", "en"), "5/3/2024");
    assert_eq!(fmt(date, "dd/MM/yy", "en"), "05/03/24");
    assert_eq!(fmt(date, "yyyyMMdd", "en"), "20240305");
    assert_eq!(fmt(date, "uuuu-MM-dd", "en"), "2024-03-05");
    assert_eq!(fmt(ymd(987, 3, 5), "yyyy", "en"), "0987");
}

#[test]
fn a_year_wider_than_the_pattern_gets_a_plus_sign_as_in_java() {
    assert_eq!(fmt(ymd(12024, 3, 5), "yyyy", "en"), "+12024");
}

#[test]
fn weekdays_print_short_full_and_narrow() {
    let date = ymd(2024, 3, 5);
    assert_eq!(fmt(date, "E", "en"), "Tue");
    assert_eq!(fmt(date, "EEE", "en"), "Tue");
    assert_eq!(fmt(date, "EEEE", "en"), "Tuesday");
    assert_eq!(fmt(date, "EEEEE", "en"), "T");
    assert_eq!(fmt(date, "EEEE", "fr"), "mardi");
    assert_eq!(fmt(date, "MMMMM", "en"), "M");
}

#[test]
fn time_fields_print_as_midnight() {
    let date = ymd(2024, 3, 5);
    assert_eq!(
        fmt(date, "yyyy-MM-dd HH:mm:ss", "en"),
        "2024-03-05 00:00:00"
    );
    assert_eq!(fmt(date, "yyyy-MM-dd hh:mm a", "en"), "2024-03-05 12:00 AM");
    assert_eq!(fmt(date, "HH:mm:ss.SSS", "en"), "00:00:00.000");
}

#[test]
fn an_optional_time_section_is_left_out() {
    assert_eq!(
        fmt(ymd(2024, 3, 5), "yyyy-MM-dd['T'HH:mm]", "en"),
        "2024-03-05"
    );
    assert_eq!(
        fmt(ymd(2024, 3, 5), "yyyy-MM-dd[ EEE]", "en"),
        "2024-03-05 Tue"
    );
}

#[test]
fn quoted_literals_and_whitespace_print_as_written() {
    let date = ymd(2024, 3, 5);
    assert_eq!(fmt(date, "yyyy-MM-dd'T'", "en"), "2024-03-05T");
    assert_eq!(fmt(date, "d MMMM ''yy", "en"), "5 March '24");
    assert_eq!(fmt(date, "dd  MM", "en"), "05  03");
}

#[test]
fn formatting_refuses_what_parsing_refuses() {
    assert!(matches!(
        format_date(ymd(2024, 3, 5), "Q yyyy", "en"),
        Err(DateError::UnsupportedPattern { letter: 'Q', .. })
    ));
    assert!(matches!(
        format_date(ymd(2024, 3, 5), "yyyy", "english"),
        Err(DateError::UnsupportedLocale { .. })
    ));
}

#[test]
fn every_day_of_2024_round_trips_in_every_carried_language() {
    let locales = ["en", "fr", "es", "pt", "de", "id", "sw", "en_US", "pt_BR"];
    let patterns = [
        "EEEE d MMMM yyyy",
        "EEE, dd MMM yyyy",
        "dd/MM/yyyy",
        "d MMM uuuu",
        "yyyy-MM-dd",
        "dd MMMM yy",
        "yyyyMMdd",
    ];
    let start = ymd(2024, 1, 1);
    for offset in 0..366 {
        let date = start.checked_add_days(Days::new(offset)).unwrap();
        for locale in locales {
            for pattern in patterns {
                let text = fmt(date, pattern, locale);
                let back = parse_date(&text, pattern, locale);
                assert_eq!(back, Ok(date), "{pattern} in {locale}: `{text}`");
            }
        }
    }
}
