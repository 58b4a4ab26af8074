use super::*;
use rust_decimal_macros::dec;

fn body(s: &str) -> JsonBody {
    JsonBody::parse(s).unwrap()
}

#[test]
fn a_json_number_is_read_exactly_without_a_locale() {
    let b = body(r#"{"amount": 1234567890123.123456}"#);
    let mut r = Reader::new(&b, "loan");
    assert_eq!(r.decimal("amount"), Some(dec!(1234567890123.123456)));
    assert!(r.finish().is_ok());
}

#[test]
fn a_decimal_string_is_read_in_the_bodys_locale() {
    for (text, locale, expected) in [
        ("10,000.50", "en", dec!(10000.50)),
        ("10.000,50", "de", dec!(10000.50)),
        ("240,400.88", "en_US", dec!(240400.88)),
    ] {
        let b = body(&format!(r#"{{"amount": "{text}", "locale": "{locale}"}}"#));
        let mut r = Reader::new(&b, "loan");
        assert_eq!(r.decimal("amount"), Some(expected), "{text} {locale}");
        assert!(r.finish().is_ok());
    }
}

#[test]
fn a_decimal_the_database_cannot_hold_exactly_is_a_400_naming_its_bound() {
    for (value, code) in [
        (
            "0.0000001",
            "validation.msg.loan.amount.scale.is.greater.than.6",
        ),
        ("1e15", "validation.msg.loan.amount.is.greater.than.max"),
        (
            "-10000000000000",
            "validation.msg.loan.amount.is.less.than.min",
        ),
        (
            "9223372036854775808",
            "validation.msg.loan.amount.is.greater.than.max",
        ),
    ] {
        let b = body(&format!(r#"{{"amount": {value}}}"#));
        let mut r = Reader::new(&b, "loan");
        assert_eq!(r.decimal("amount"), None, "{value}");
        let Err(AppError::Validation(errs)) = r.finish() else {
            panic!("{value}: expected a 400")
        };
        assert_eq!(errs[0].code, code, "{value}");
    }
    let b = body(r#"{"amount": 12.500000000}"#);
    assert_eq!(Reader::new(&b, "loan").decimal("amount"), Some(dec!(12.5)));
}

#[test]
fn a_decimal_string_without_a_locale_is_a_missing_locale_error() {
    let b = body(r#"{"amount": "10.5"}"#);
    let mut r = Reader::new(&b, "loan");
    assert_eq!(r.decimal("amount"), None);
    let Err(AppError::Validation(errs)) = r.finish() else {
        panic!("expected a 400")
    };
    assert_eq!(errs[0].code, "validation.msg.missing.locale.parameter");
}

#[test]
fn a_garbage_decimal_is_an_invalid_decimal_format() {
    let b = body(r#"{"amount": "ten", "locale": "en"}"#);
    let mut r = Reader::new(&b, "loan");
    assert_eq!(r.decimal("amount"), None);
    let Err(AppError::Validation(errs)) = r.finish() else {
        panic!("expected a 400")
    };
    assert_eq!(errs[0].code, "validation.msg.invalid.decimal.format");
}

#[test]
fn an_integer_with_locale_needs_the_locale_even_as_a_json_number() {
    let b = body(r#"{"numberOfRepayments": 12}"#);
    let mut r = Reader::new(&b, "loan");
    assert_eq!(r.integer_with_locale("numberOfRepayments"), None);
    let Err(AppError::Validation(errs)) = r.finish() else {
        panic!("expected a 400")
    };
    assert_eq!(errs[0].code, "validation.msg.missing.locale.parameter");
    let b = body(r#"{"numberOfRepayments": "1,200", "locale": "en"}"#);
    let mut r = Reader::new(&b, "loan");
    assert_eq!(r.integer_with_locale("numberOfRepayments"), Some(1200));
}

#[test]
fn a_fraction_in_an_integer_is_an_integer_format_error() {
    let b = body(r#"{"numberOfRepayments": "12.5", "locale": "en"}"#);
    let mut r = Reader::new(&b, "loan");
    assert_eq!(r.integer_with_locale("numberOfRepayments"), None);
    let Err(AppError::Validation(errs)) = r.finish() else {
        panic!("expected a 400")
    };
    assert_eq!(errs[0].code, "validation.msg.invalid.integer.format");
}

#[test]
fn a_date_of_any_other_json_type_is_a_400_not_a_missing_value() {
    for value in ["true", "false", "12", "[2024, 1, 1]", "{}", "-1e400"] {
        let b = body(&format!(
            r#"{{"openingDate": {value}, "dateFormat": "dd MMMM yyyy", "locale": "en"}}"#
        ));
        let mut r = Reader::new(&b, "office");
        assert!(r.has("openingDate"), "{value}");
        assert_eq!(r.date("openingDate"), None, "{value}");
        let Err(AppError::Validation(errs)) = r.finish() else {
            panic!("{value}: expected a 400")
        };
        assert!(
            errs[0].code.starts_with("validation.msg.invalid.date"),
            "{value}"
        );
    }
}

#[test]
fn booleans_accept_strings_and_reject_numbers() {
    let b = body(r#"{"a": "true", "b": false, "c": 1}"#);
    let mut r = Reader::new(&b, "x");
    assert_eq!(r.boolean("a"), Some(true));
    assert_eq!(r.boolean("b"), Some(false));
    assert_eq!(r.boolean("c"), None);
    let Err(AppError::Validation(errs)) = r.finish() else {
        panic!("expected a 400")
    };
    assert_eq!(errs[0].code, "validation.msg.x.c.must.be.true.or.false");
}
