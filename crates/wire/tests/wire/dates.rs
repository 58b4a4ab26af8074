//! `parse_date`: pattern letters, widths, literals, time, strict resolution. Names per locale
//! are in `date_names`.

use chrono::NaiveDate;
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

// --- the everyday patterns ---

#[test]
fn a_full_english_month_name_parses() {
    assert_eq!(
        parses("05 March 2024", "dd MMMM yyyy", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn a_single_digit_day_parses_with_a_two_letter_day_field() {
    assert_eq!(
        parses("5 March 2024", "dd MMMM yyyy", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn single_digit_day_and_month_parse_with_two_letter_fields() {
    assert_eq!(parses("5/3/2024", "dd/MM/yyyy", "en"), ymd(2024, 3, 5));
}

#[test]
fn a_zero_padded_day_parses_with_a_one_letter_day_field() {
    assert_eq!(parses("05/03/2024", "d/M/yyyy", "en"), ymd(2024, 3, 5));
}

#[test]
fn an_iso_date_parses() {
    assert_eq!(parses("2024-03-05", "yyyy-MM-dd", "en"), ymd(2024, 3, 5));
}

#[test]
fn an_american_date_parses() {
    assert_eq!(parses("03/05/2024", "MM/dd/yyyy", "en_US"), ymd(2024, 3, 5));
}

#[test]
fn uuuu_parses_like_yyyy() {
    assert_eq!(
        parses("05 March 2024", "dd MMMM uuuu", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn a_single_y_reads_a_full_year() {
    assert_eq!(parses("5/3/2024", "d/M/y", "en"), ymd(2024, 3, 5));
}

#[test]
fn adjacent_numeric_fields_split_by_width() {
    assert_eq!(parses("20240305", "yyyyMMdd", "en"), ymd(2024, 3, 5));
    assert_eq!(parses("05032024", "ddMMyyyy", "en"), ymd(2024, 3, 5));
    assert_eq!(parses("240305", "yyMMdd", "en"), ymd(2024, 3, 5));
}

#[test]
fn adjacent_numeric_fields_with_too_few_digits_are_rejected() {
    assert!(matches!(
        fails("2024035", "yyyyMMdd", "en"),
        DateError::OutOfRange { .. } | DateError::Invalid { .. }
    ));
    assert!(matches!(
        fails("0305", "yyyyMMdd", "en"),
        DateError::Invalid { .. }
    ));
}

// --- two-digit years ---

#[test]
fn two_digit_years_fall_in_the_2000s() {
    assert_eq!(parses("05/03/24", "dd/MM/yy", "en"), ymd(2024, 3, 5));
    assert_eq!(parses("05/03/99", "dd/MM/yy", "en"), ymd(2099, 3, 5));
    assert_eq!(parses("05/03/00", "dd/MM/yy", "en"), ymd(2000, 3, 5));
}

#[test]
fn a_four_digit_year_under_a_two_letter_year_field_is_taken_as_written() {
    assert_eq!(parses("05/03/2024", "dd/MM/yy", "en"), ymd(2024, 3, 5));
}

#[test]
fn a_two_digit_year_under_yyyy_is_the_first_century_as_in_java_lenient_parsing() {
    assert_eq!(parses("05/03/24", "dd/MM/yyyy", "en"), ymd(24, 3, 5));
}

#[test]
fn a_year_chrono_cannot_hold_is_out_of_range() {
    assert_eq!(
        fails("05/03/999999999", "dd/MM/yyyy", "en"),
        DateError::OutOfRange {
            field: "year",
            value: 999_999_999
        }
    );
}

// --- strict resolution ---

#[test]
fn february_thirtieth_is_rejected() {
    assert_eq!(
        fails("30 February 2024", "dd MMMM yyyy", "en"),
        DateError::NonexistentDate {
            year: 2024,
            month: 2,
            day: 30
        }
    );
}

#[test]
fn february_twenty_ninth_parses_in_a_leap_year() {
    assert_eq!(parses("29/02/2024", "dd/MM/yyyy", "en"), ymd(2024, 2, 29));
}

#[test]
fn february_twenty_ninth_is_rejected_in_a_common_year() {
    assert!(matches!(
        fails("29/02/2023", "dd/MM/yyyy", "en"),
        DateError::NonexistentDate { .. }
    ));
}

#[test]
fn april_thirty_first_is_rejected() {
    assert!(matches!(
        fails("31/04/2024", "dd/MM/yyyy", "en"),
        DateError::NonexistentDate { .. }
    ));
}

#[test]
fn month_thirteen_is_rejected() {
    assert_eq!(
        fails("05/13/2024", "dd/MM/yyyy", "en"),
        DateError::OutOfRange {
            field: "month",
            value: 13
        }
    );
}

#[test]
fn month_zero_is_rejected() {
    assert!(matches!(
        fails("05/00/2024", "dd/MM/yyyy", "en"),
        DateError::OutOfRange { field: "month", .. }
    ));
}

#[test]
fn day_thirty_two_and_day_zero_are_rejected() {
    assert!(matches!(
        fails("32/01/2024", "dd/MM/yyyy", "en"),
        DateError::OutOfRange {
            field: "day of month",
            ..
        }
    ));
    assert!(matches!(
        fails("00/01/2024", "dd/MM/yyyy", "en"),
        DateError::OutOfRange {
            field: "day of month",
            ..
        }
    ));
}

// --- literals and whitespace ---

#[test]
fn quoted_literals_match() {
    assert_eq!(
        parses("2024-03-05T10:15", "yyyy-MM-dd'T'HH:mm", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("Day 5 of March 2024", "'Day' d 'of' MMMM yyyy", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn quoted_literals_are_case_insensitive() {
    assert_eq!(
        parses("2024-03-05t10:15", "yyyy-MM-dd'T'HH:mm", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn a_doubled_quote_is_a_literal_quote() {
    assert_eq!(parses("5 March '24", "d MMMM ''yy", "en"), ymd(2024, 3, 5));
    assert_eq!(
        parses("5 o'clock 03 2024", "d 'o''clock' MM yyyy", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn punctuation_must_match_the_pattern() {
    assert!(matches!(
        fails("05-03-2024", "dd/MM/yyyy", "en"),
        DateError::Invalid { at: 2, .. }
    ));
}

#[test]
fn runs_of_whitespace_are_flexible() {
    for input in [
        "05   March\t2024",
        "05\u{a0}March 2024",
        "05\u{202f}March  2024",
    ] {
        assert_eq!(
            parses(input, "dd MMMM yyyy", "en"),
            ymd(2024, 3, 5),
            "{input:?}"
        );
    }
}

#[test]
fn missing_whitespace_between_fields_is_rejected() {
    assert!(matches!(
        fails("05March 2024", "dd MMMM yyyy", "en"),
        DateError::Invalid { .. }
    ));
}

#[test]
fn surrounding_whitespace_is_ignored() {
    assert_eq!(
        parses("  05 March 2024  ", "dd MMMM yyyy", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("05 March 2024", " dd MMMM yyyy ", "en"),
        ymd(2024, 3, 5)
    );
}

// --- time ---

#[test]
fn a_trailing_time_is_accepted_and_ignored() {
    assert_eq!(
        parses("05 March 2024 10:15:30", "dd MMMM yyyy", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("05 March 2024 10:15", "dd MMMM yyyy", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("2024-03-05 23:59:59.123", "yyyy-MM-dd", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("2024-03-05 0:00:00", "yyyy-MM-dd", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn a_trailing_time_out_of_range_is_rejected() {
    assert_eq!(
        fails("05 March 2024 25:00:00", "dd MMMM yyyy", "en"),
        DateError::OutOfRange {
            field: "hour",
            value: 25
        }
    );
    assert!(matches!(
        fails("05 March 2024 10:60", "dd MMMM yyyy", "en"),
        DateError::OutOfRange {
            field: "minute",
            ..
        }
    ));
}

#[test]
fn trailing_garbage_is_rejected() {
    for input in [
        "05 March 2024 abc",
        "05 March 2024x",
        "05 March 2024 10",
        "05 March 2024 10:15:30:00",
    ] {
        assert!(
            matches!(
                fails(input, "dd MMMM yyyy", "en"),
                DateError::Invalid { .. }
            ),
            "{input}"
        );
    }
}

#[test]
fn time_fields_in_the_pattern_are_parsed_and_ignored() {
    assert_eq!(
        parses("05/03/2024 14:30:00", "dd/MM/yyyy HH:mm:ss", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("05/03/2024 02:30 PM", "dd/MM/yyyy hh:mm a", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("05/03/2024 2:30 pm", "dd/MM/yyyy h:mm a", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("05/03/2024 02:30 p. m.", "dd/MM/yyyy hh:mm a", "es"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("05/03/2024 14:30:00.250", "dd/MM/yyyy HH:mm:ss.SSS", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn an_hour_out_of_range_in_the_pattern_is_rejected() {
    assert!(matches!(
        fails("05/03/2024 24:00", "dd/MM/yyyy HH:mm", "en"),
        DateError::OutOfRange {
            field: "hour",
            value: 24
        }
    ));
    assert!(matches!(
        fails("05/03/2024 13:00 PM", "dd/MM/yyyy hh:mm a", "en"),
        DateError::OutOfRange { field: "hour", .. }
    ));
}

#[test]
fn a_missing_am_pm_marker_is_rejected() {
    assert!(matches!(
        fails("05/03/2024 02:30 XM", "dd/MM/yyyy hh:mm a", "en"),
        DateError::Invalid { .. }
    ));
}

// --- pattern shape ---

#[test]
fn unknown_pattern_letters_are_unsupported() {
    for (pattern, letter) in [
        ("Q yyyy", 'Q'),
        ("w yyyy", 'w'),
        ("G yyyy-MM-dd", 'G'),
        ("yyyy-MM-dd z", 'z'),
        ("D yyyy", 'D'),
        ("YYYY-MM-dd", 'Y'),
    ] {
        assert!(
            matches!(fails("2024", pattern, "en"), DateError::UnsupportedPattern { letter: l, .. } if l == letter),
            "{pattern}"
        );
    }
}

#[test]
fn too_many_letters_are_unsupported() {
    assert_eq!(
        fails("005/03/2024", "ddd/MM/yyyy", "en"),
        DateError::UnsupportedPattern {
            letter: 'd',
            count: 3
        }
    );
    assert!(matches!(
        fails("x", "MMMMMM yyyy", "en"),
        DateError::UnsupportedPattern {
            letter: 'M',
            count: 6
        }
    ));
}

#[test]
fn malformed_patterns_are_refused() {
    for pattern in ["dd 'MM yyyy", "dd]MM", "dd{MM}", "dd#MM", "", "   "] {
        assert!(
            matches!(
                fails("05 03", pattern, "en"),
                DateError::MalformedPattern { .. }
            ),
            "{pattern:?}"
        );
    }
}

#[test]
fn an_optional_section_parses_when_present_and_is_skipped_when_absent() {
    assert_eq!(
        parses("2024-03-05", "yyyy-MM-dd['T'HH:mm]", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("2024-03-05T10:15", "yyyy-MM-dd['T'HH:mm]", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("Tue 2024-03-05", "[EEE ]yyyy-MM-dd", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        parses("2024-03-05", "[EEE ]yyyy-MM-dd", "en"),
        ymd(2024, 3, 5)
    );
}

#[test]
fn a_pattern_without_a_day_is_incomplete() {
    assert_eq!(
        fails("03/2024", "MM/yyyy", "en"),
        DateError::Incomplete {
            field: "day of month"
        }
    );
}

#[test]
fn a_field_given_twice_must_agree() {
    assert_eq!(
        parses("05/03/2024 (March)", "dd/MM/yyyy (MMMM)", "en"),
        ymd(2024, 3, 5)
    );
    assert_eq!(
        fails("05/03/2024 (April)", "dd/MM/yyyy (MMMM)", "en"),
        DateError::Conflict { field: "month" }
    );
}

// --- hostile sizes ---

#[test]
fn an_empty_date_is_invalid() {
    assert!(matches!(
        fails("", "yyyy-MM-dd", "en"),
        DateError::Invalid { at: 0, .. }
    ));
}

#[test]
fn an_overlong_date_is_refused() {
    let input = format!("2024-03-05{}", " ".repeat(10) + &"9".repeat(100));
    assert!(matches!(
        fails(&input, "yyyy-MM-dd", "en"),
        DateError::TooLong { what: "date", .. }
    ));
}

#[test]
fn an_overlong_pattern_is_refused() {
    let pattern = "d".repeat(2) + &"-".repeat(100);
    assert!(matches!(
        fails("5", &pattern, "en"),
        DateError::TooLong {
            what: "date pattern",
            ..
        }
    ));
}

#[test]
fn a_huge_digit_run_is_refused_not_overflowed() {
    assert!(parse_date("99999999999999999999/03/2024", "dd/MM/yyyy", "en").is_err());
    assert!(parse_date("2024999999999999999999999999999", "yyyyMMdd", "en").is_err());
}

#[test]
fn error_messages_say_where_and_what() {
    let message = fails("05-03-2024", "dd/MM/yyyy", "en").to_string();
    assert!(message.contains("character 2"), "{message}");
    let message = fails("30 February 2024", "dd MMMM yyyy", "en").to_string();
    assert_eq!(message, "2024-02-30 does not exist");
}
