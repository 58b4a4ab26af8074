//! `parse_date` with month and weekday names in every carried language: case, accents,
//! abbreviation dots, locale variants, and the weekday check.

use chrono::{NaiveDate, Weekday};
use kassa_wire::{parse_date, DateError};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[track_caller]
fn parses(input: &str, pattern: &str, locale: &str) -> NaiveDate {
    match parse_date(input, pattern, locale) {
        Ok(d) => d,
        Err(e) => panic!("`{input}` with `{pattern}` in {locale} failed: {e}"),
    }
}

#[track_caller]
fn fails(input: &str, pattern: &str, locale: &str) -> DateError {
    match parse_date(input, pattern, locale) {
        Ok(d) => panic!("`{input}` with `{pattern}` in {locale} parsed as {d}"),
        Err(e) => e,
    }
}

#[track_caller]
fn all_months_parse(locale: &str, names: [&str; 12], pattern: &str) {
    for (i, name) in names.iter().enumerate() {
        let month = u32::try_from(i + 1).unwrap();
        let input = format!("12 {name} 2024");
        assert_eq!(
            parses(&input, pattern, locale),
            ymd(2024, month, 12),
            "{input}"
        );
    }
}

// --- case, accents, dots ---

#[test]
fn month_names_are_case_insensitive() {
    for input in ["05 MARCH 2024", "05 march 2024", "05 mArCh 2024"] {
        assert_eq!(parses(input, "dd MMMM yyyy", "en"), ymd(2024, 3, 5));
    }
}

#[test]
fn a_short_month_name_parses_under_mmm() {
    assert_eq!(parses("05 Mar 2024", "dd MMM yyyy", "en"), ymd(2024, 3, 5));
}

#[test]
fn a_full_month_name_parses_under_mmm_as_java_lenient_text_does() {
    assert_eq!(
        parses("05 March 2024", "dd MMM yyyy", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn a_short_month_name_parses_under_mmmm() {
    assert_eq!(parses("05 Sep 2024", "dd MMMM yyyy", "en"), ymd(2024, 9, 5));
    assert_eq!(
        parses("05 Sept 2024", "dd MMMM yyyy", "en_GB"),
        ymd(2024, 9, 5)
    );
}

#[test]
fn a_number_parses_under_a_month_name_field_as_java_lenient_text_does() {
    assert_eq!(parses("05 03 2024", "dd MMM yyyy", "en"), ymd(2024, 3, 5));
}

#[test]
fn a_month_name_from_another_language_is_rejected() {
    // `Mar` matches as a prefix, as in Java, and the stray `z` is what fails.
    assert!(matches!(
        fails("5 März 2024", "d MMMM yyyy", "en"),
        DateError::Invalid { at: 5, .. }
    ));
}

#[test]
fn a_full_french_month_name_parses() {
    assert_eq!(
        parses("5 février 2024", "d MMMM yyyy", "fr"),
        ymd(2024, 2, 5)
    );
    assert_eq!(
        parses("5 fevrier 2024", "d MMMM yyyy", "fr"),
        ymd(2024, 2, 5)
    );
    assert_eq!(
        parses("5 FÉVRIER 2024", "d MMMM yyyy", "fr_FR"),
        ymd(2024, 2, 5)
    );
}

#[test]
fn a_short_french_month_parses_with_or_without_accent_and_dot() {
    for input in [
        "5 févr. 2024",
        "5 févr 2024",
        "5 fevr. 2024",
        "5 fevr 2024",
        "5 FÉVR. 2024",
    ] {
        assert_eq!(
            parses(input, "d MMM yyyy", "fr"),
            ymd(2024, 2, 5),
            "{input}"
        );
    }
}

#[test]
fn a_decomposed_accent_parses_like_a_composed_one() {
    assert_eq!(
        parses("5 fe\u{301}vrier 2024", "d MMMM yyyy", "fr"),
        ymd(2024, 2, 5)
    );
}

#[test]
fn a_pattern_dot_after_a_short_month_is_not_swallowed_by_the_name() {
    assert_eq!(
        parses("Mar. 05, 2024", "MMM. dd, yyyy", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(parses("5 févr. 2024", "d MMM. yyyy", "fr"), ymd(2024, 2, 5));
}

#[test]
fn german_maerz_parses_with_and_without_umlaut() {
    assert_eq!(
        parses("5. März 2024", "d. MMMM yyyy", "de"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("5. Marz 2024", "d. MMMM yyyy", "de"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("5. Mär 2024", "d. MMM yyyy", "de_DE"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn the_austrian_january_parses() {
    assert_eq!(
        parses("5. Jänner 2024", "d. MMMM yyyy", "de_AT"),
        ymd(2024, 1, 5)
    );
}

#[test]
fn every_english_month_name_parses() {
    let full = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let short = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    all_months_parse("en", full, "dd MMMM yyyy");
    all_months_parse("en_US", short, "dd MMM yyyy");
}

#[test]
fn every_french_month_name_parses() {
    let full = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let short = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    let unaccented = [
        "janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov", "dec",
    ];
    all_months_parse("fr", full, "dd MMMM yyyy");
    all_months_parse("fr_FR", short, "dd MMM yyyy");
    all_months_parse("fr", unaccented, "dd MMM yyyy");
}

#[test]
fn every_spanish_month_name_parses() {
    let full = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let short = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ];
    all_months_parse("es", full, "dd MMMM yyyy");
    all_months_parse("es_ES", short, "dd MMM yyyy");
    assert_eq!(parses("12 sep 2024", "dd MMM yyyy", "es"), ymd(2024, 9, 12));
    assert_eq!(
        parses("12 setiembre 2024", "dd MMMM yyyy", "es_PE"),
        ymd(2024, 9, 12)
    );
}

#[test]
fn every_portuguese_month_name_parses() {
    let full = [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ];
    let short = [
        "jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.",
        "dez.",
    ];
    all_months_parse("pt", full, "dd MMMM yyyy");
    all_months_parse("pt_BR", short, "dd MMM yyyy");
    assert_eq!(
        parses("12 de marco de 2024", "dd 'de' MMMM 'de' yyyy", "pt_BR"),
        ymd(2024, 3, 12)
    );
}

#[test]
fn every_german_month_name_parses() {
    let full = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    let short = [
        "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
        "Dez.",
    ];
    all_months_parse("de", full, "dd MMMM yyyy");
    all_months_parse("de_DE", short, "dd MMM yyyy");
}

#[test]
fn every_indonesian_month_name_parses() {
    let full = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    let short = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    all_months_parse("id", full, "dd MMMM yyyy");
    all_months_parse("id_ID", short, "dd MMM yyyy");
    assert_eq!(
        parses("12 Agt 2024", "dd MMM yyyy", "in_ID"),
        ymd(2024, 8, 12)
    );
}

#[test]
fn every_swahili_month_name_parses() {
    let full = [
        "Januari", "Februari", "Machi", "Aprili", "Mei", "Juni", "Julai", "Agosti", "Septemba",
        "Oktoba", "Novemba", "Desemba",
    ];
    let short = [
        "Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des",
    ];
    all_months_parse("sw", full, "dd MMMM yyyy");
    all_months_parse("sw_KE", short, "dd MMM yyyy");
}

#[test]
fn the_language_of_a_locale_variant_decides_the_names() {
    assert_eq!(
        parses("5 March 2024", "d MMMM yyyy", "en-GB"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("5 março 2024", "d MMMM yyyy", "pt-BR"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("5 mars 2024", "d MMMM yyyy", "FR_fr"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("5 marzo 2024", "d MMMM yyyy", "es_MX"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn a_language_without_name_tables_reads_english_names() {
    assert_eq!(parses("5 March 2024", "d MMMM yyyy", "it"), ymd(2024, 3, 5));
}

#[test]
fn an_unsupported_locale_is_rejected() {
    assert!(matches!(
        fails("2024-03-05", "yyyy-MM-dd", "xx"),
        DateError::UnsupportedLocale { .. }
    ));
    assert!(matches!(
        fails("2024-03-05", "yyyy-MM-dd", ""),
        DateError::UnsupportedLocale { .. }
    ));
}

// --- day-of-week ---

#[test]
fn the_right_weekday_parses() {
    assert_eq!(
        parses("Tuesday, 5 March 2024", "EEEE, d MMMM yyyy", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("Tue, 5 Mar 2024", "EEE, d MMM yyyy", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("tue 05/03/2024", "E dd/MM/yyyy", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn a_wrong_weekday_is_rejected() {
    assert_eq!(
        fails("Monday, 5 March 2024", "EEEE, d MMMM yyyy", "en"),
        DateError::WeekdayMismatch {
            stated: Weekday::Mon,
            actual: Weekday::Tue
        }
    );
}

#[test]
fn french_weekday_names_parse() {
    assert_eq!(
        parses("mardi 5 mars 2024", "EEEE d MMMM yyyy", "fr"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("mar. 5 mars 2024", "EEE d MMM yyyy", "fr"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("MAR 5 MARS 2024", "EEE d MMM yyyy", "fr"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn weekday_names_parse_in_every_carried_language() {
    let tuesday = ymd(2024, 3, 5);
    for (locale, text) in [
        ("es", "martes 5 marzo 2024"),
        ("es", "miércoles 6 marzo 2024"),
        ("pt", "terça-feira 5 março 2024"),
        ("pt_BR", "terca 5 marco 2024"),
        ("de", "Dienstag 5 März 2024"),
        ("de", "Di. 5 März 2024"),
        ("id", "Selasa 5 Maret 2024"),
        ("sw", "Jumanne 5 Machi 2024"),
    ] {
        let date = parses(text, "EEEE d MMMM yyyy", locale);
        assert!(date == tuesday || date == ymd(2024, 3, 6), "{text}");
    }
}

#[test]
fn a_wrong_weekday_is_rejected_in_other_languages_too() {
    assert!(matches!(
        fails("lundi 5 mars 2024", "EEEE d MMMM yyyy", "fr"),
        DateError::WeekdayMismatch { .. }
    ));
}
