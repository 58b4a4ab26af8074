//! `parse_decimal` and `parse_integer`: locale separators, exactness, and refusals.

use kassa_wire::{parse_decimal, parse_integer, NumberError};
use rust_decimal::Decimal;

#[track_caller]
fn decimal(input: &str, locale: &str) -> String {
    match parse_decimal(input, locale) {
        Ok(d) => d.to_string(),
        Err(e) => panic!("`{input}` in {locale} failed: {e}"),
    }
}

#[track_caller]
fn decimal_error(input: &str, locale: &str) -> NumberError {
    match parse_decimal(input, locale) {
        Ok(d) => panic!("`{input}` in {locale} parsed as {d}"),
        Err(e) => e,
    }
}

// --- separators per locale ---

#[test]
fn english_groups_with_commas_and_keeps_the_scale() {
    assert_eq!(decimal("10,000.50", "en"), "10000.50");
    assert_eq!(decimal("240,400.88", "en_US"), "240400.88");
}

#[test]
fn german_spanish_indonesian_and_portuguese_group_with_dots() {
    for locale in [
        "de", "de_DE", "es", "es_ES", "id", "id_ID", "pt", "pt_BR", "it", "nl",
    ] {
        assert_eq!(decimal("10.000,50", locale), "10000.50", "{locale}");
    }
}

#[test]
fn french_groups_with_any_kind_of_space() {
    for input in ["10 000,50", "10\u{a0}000,50", "10\u{202f}000,50"] {
        assert_eq!(decimal(input, "fr"), "10000.50", "{input:?}");
        assert_eq!(decimal(input, "fr_FR"), "10000.50", "{input:?}");
    }
}

#[test]
fn swahili_follows_cldr_with_comma_grouping_and_point_decimals() {
    assert_eq!(decimal("10,000.50", "sw"), "10000.50");
    assert_eq!(decimal("10,000.50", "sw_KE"), "10000.50");
    assert_eq!(decimal("10.000,50", "sw_CD"), "10000.50");
}

#[test]
fn swiss_german_groups_with_an_apostrophe() {
    assert_eq!(decimal("10'000.50", "de_CH"), "10000.50");
    assert_eq!(decimal("10\u{2019}000.50", "de_CH"), "10000.50");
}

#[test]
fn regional_exceptions_follow_cldr() {
    assert_eq!(decimal("10,000.50", "es_MX"), "10000.50");
    assert_eq!(decimal("10 000,50", "pt_PT"), "10000.50");
    assert_eq!(decimal("10 000,50", "en_ZA"), "10000.50");
}

#[test]
fn a_number_in_the_wrong_locale_style_is_rejected() {
    assert!(matches!(
        decimal_error("10.000,50", "en"),
        NumberError::MisplacedGrouping { at: 6 }
    ));
    assert!(matches!(
        decimal_error("10,000.50", "de"),
        NumberError::MisplacedGrouping { .. }
    ));
    assert!(matches!(
        decimal_error("10.5", "fr"),
        NumberError::Invalid { found: '.', .. }
    ));
}

// --- shape ---

#[test]
fn plain_numbers_parse() {
    assert_eq!(decimal("1234", "en"), "1234");
    assert_eq!(decimal("1234.5", "en"), "1234.5");
    assert_eq!(decimal("0.000001", "en"), "0.000001");
}

#[test]
fn a_leading_minus_makes_a_negative_number() {
    assert_eq!(decimal("-12.5", "en"), "-12.5");
    assert_eq!(decimal("\u{2212}12,5", "fr"), "-12.5");
}

#[test]
fn negative_zero_is_zero() {
    assert_eq!(parse_decimal("-0", "en"), Ok(Decimal::ZERO));
    assert!(parse_decimal("-0.00", "en").unwrap().is_sign_positive());
}

#[test]
fn a_bare_decimal_separator_at_either_end_is_accepted_as_in_java() {
    assert_eq!(decimal(".5", "en"), "0.5");
    assert_eq!(decimal("5.", "en"), "5");
    assert_eq!(decimal(",5", "de"), "0.5");
}

#[test]
fn misplaced_grouping_is_tolerated_like_java_decimal_format() {
    assert_eq!(decimal("1,00,000.25", "en_IN"), "100000.25");
    assert_eq!(decimal("10,00", "en"), "1000");
    assert_eq!(decimal("1.0.0.0,5", "de"), "1000.5");
}

#[test]
fn decimals_are_exact() {
    let sum = parse_decimal("0.1", "en").unwrap() + parse_decimal("0.2", "en").unwrap();
    assert_eq!(sum, parse_decimal("0.3", "en").unwrap());
    assert_eq!(
        decimal("12345678901234567890.12345678", "en"),
        "12345678901234567890.12345678"
    );
}

#[test]
fn a_second_decimal_separator_is_rejected() {
    assert_eq!(
        decimal_error("1.2.3", "en"),
        NumberError::MultipleDecimalSeparators {
            at: 3,
            separator: '.'
        }
    );
}

#[test]
fn grouping_that_is_not_between_integer_digits_is_rejected() {
    for input in ["1,,000", "1000,", ",100", "1.000,5", "-,5"] {
        assert!(
            matches!(
                decimal_error(input, "en"),
                NumberError::MisplacedGrouping { .. }
            ),
            "{input}"
        );
    }
}

#[test]
fn trailing_garbage_is_rejected_unlike_a_bare_java_parse() {
    assert_eq!(
        decimal_error("12abc", "en"),
        NumberError::Invalid { at: 2, found: 'a' }
    );
    assert!(matches!(
        decimal_error("12%", "en"),
        NumberError::Invalid { .. }
    ));
    assert!(matches!(
        decimal_error("12 34", "en"),
        NumberError::Invalid { .. }
    ));
}

#[test]
fn garbage_and_signs_java_does_not_read_are_rejected() {
    for input in ["abc", "+5", "1e5", "0x10", "five", "--5", "5-", "١٢"] {
        assert!(parse_decimal(input, "en").is_err(), "{input}");
    }
}

#[test]
fn surrounding_whitespace_is_ignored() {
    assert_eq!(decimal("  42.5 ", "en"), "42.5");
}

#[test]
fn empty_input_and_lone_signs_are_rejected() {
    assert_eq!(decimal_error("", "en"), NumberError::Empty);
    assert_eq!(decimal_error("   ", "en"), NumberError::Empty);
    assert_eq!(decimal_error("-", "en"), NumberError::NoDigits);
    assert_eq!(decimal_error(".", "en"), NumberError::NoDigits);
}

#[test]
fn an_overlong_number_is_refused() {
    let input = "1".repeat(65);
    assert_eq!(
        decimal_error(&input, "en"),
        NumberError::TooLong { max: 64 }
    );
}

#[test]
fn a_number_beyond_decimal_range_overflows() {
    assert_eq!(
        decimal("79228162514264337593543950335", "en"),
        "79228162514264337593543950335"
    );
    assert_eq!(
        decimal_error("79228162514264337593543950336", "en"),
        NumberError::Overflow
    );
    assert_eq!(decimal_error(&"9".repeat(40), "en"), NumberError::Overflow);
}

#[test]
fn too_many_fraction_digits_are_refused() {
    assert!(parse_decimal(&format!("0.{}", "1".repeat(28)), "en").is_ok());
    assert_eq!(
        decimal_error(&format!("0.{}", "1".repeat(29)), "en"),
        NumberError::TooPrecise { max: 28 }
    );
}

#[test]
fn an_unsupported_locale_is_rejected() {
    assert!(matches!(
        decimal_error("1", "xx"),
        NumberError::UnsupportedLocale { .. }
    ));
    assert!(matches!(
        parse_integer("1", ""),
        Err(NumberError::UnsupportedLocale { .. })
    ));
}

// --- integers ---

#[test]
fn integers_accept_the_locale_grouping() {
    assert_eq!(parse_integer("1,000", "en"), Ok(1000));
    assert_eq!(parse_integer("1.000", "de"), Ok(1000));
    assert_eq!(parse_integer("1 000", "fr"), Ok(1000));
    assert_eq!(parse_integer("-42", "en"), Ok(-42));
    assert_eq!(parse_integer("007", "en"), Ok(7));
}

#[test]
fn a_decimal_separator_in_an_integer_is_its_own_error() {
    assert_eq!(
        parse_integer("10.5", "en"),
        Err(NumberError::DecimalInInteger { separator: '.' })
    );
    assert_eq!(
        parse_integer("10,5", "de"),
        Err(NumberError::DecimalInInteger { separator: ',' })
    );
    assert_eq!(
        parse_integer("10.00", "en"),
        Err(NumberError::DecimalInInteger { separator: '.' })
    );
}

#[test]
fn integers_at_the_i64_limits_parse_and_beyond_overflow() {
    assert_eq!(parse_integer("9223372036854775807", "en"), Ok(i64::MAX));
    assert_eq!(parse_integer("-9223372036854775808", "en"), Ok(i64::MIN));
    assert_eq!(
        parse_integer("9223372036854775808", "en"),
        Err(NumberError::Overflow)
    );
    assert_eq!(
        parse_integer("-9223372036854775809", "en"),
        Err(NumberError::Overflow)
    );
    assert_eq!(
        parse_integer(&"9".repeat(60), "en"),
        Err(NumberError::Overflow)
    );
}

#[test]
fn integer_garbage_is_rejected() {
    assert_eq!(
        parse_integer("12abc", "en"),
        Err(NumberError::Invalid { at: 2, found: 'a' })
    );
    assert_eq!(parse_integer("", "en"), Err(NumberError::Empty));
    assert!(parse_integer("1e3", "en").is_err());
}
