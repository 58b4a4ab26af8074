//! What each form of the grammar parses to, its typing rules, its limits and its messages.

use chrono::NaiveDate;

use super::super::{
    CompareOp, Predicate, MAX_COMPARISONS, MAX_DEPTH, MAX_INPUT_CHARS, MAX_IN_VALUES,
    MAX_STRING_CHARS,
};
use super::*;

fn leaf(column: Col, condition: Condition) -> SearchExpr<Col> {
    SearchExpr::Predicate(Predicate { column, condition })
}

fn compare(column: Col, op: CompareOp, value: Literal) -> SearchExpr<Col> {
    leaf(column, Condition::Compare { op, value })
}

fn text(s: &str) -> Literal {
    Literal::Text(s.to_string())
}

fn date(y: i32, m: u32, d: u32) -> Literal {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => Literal::Date(day),
        None => panic!("bad test date"),
    }
}

#[test]
fn the_example_from_fineracts_docs_parses_to_a_like_on_firstname() {
    assert_eq!(
        ok("firstname like 'Amara%'"),
        leaf(
            Col::Firstname,
            Condition::Like {
                negated: false,
                pattern: "Amara%".into()
            }
        )
    );
}

#[test]
fn keywords_and_column_names_are_case_insensitive() {
    assert_eq!(
        ok("FirstName LIKE 'A%' aNd Office_ID In (1) oR LASTNAME is NOT null"),
        ok("firstname like 'A%' and office_id in (1) or lastname is not null")
    );
}

#[test]
fn a_table_prefix_on_a_column_is_ignored() {
    assert_eq!(ok("c.office_id = 2"), ok("office_id = 2"));
    assert_eq!(ok("m_client.office_id = 2"), ok("office_id = 2"));
}

#[test]
fn every_comparison_operator_is_read() {
    for (symbol, op) in [
        ("=", CompareOp::Eq),
        ("!=", CompareOp::NotEq),
        ("<>", CompareOp::NotEq),
        ("<", CompareOp::Lt),
        ("<=", CompareOp::LtEq),
        (">", CompareOp::Gt),
        (">=", CompareOp::GtEq),
    ] {
        assert_eq!(
            ok(&format!("id {symbol} -7")),
            compare(Col::Id, op, Literal::Integer(-7))
        );
    }
}

#[test]
fn and_binds_tighter_than_or() {
    let a = || compare(Col::Id, CompareOp::Eq, Literal::Integer(1));
    let b = || compare(Col::Id, CompareOp::Eq, Literal::Integer(2));
    let c = || compare(Col::Id, CompareOp::Eq, Literal::Integer(3));
    assert_eq!(
        ok("id = 1 or id = 2 and id = 3"),
        SearchExpr::Or(vec![a(), SearchExpr::And(vec![b(), c()])])
    );
    assert_eq!(
        ok("(id = 1 or id = 2) and id = 3"),
        SearchExpr::And(vec![SearchExpr::Or(vec![a(), b()]), c()])
    );
}

#[test]
fn not_applies_to_a_parenthesised_condition() {
    assert_eq!(
        ok("not (is_staff = true)"),
        SearchExpr::Not(Box::new(compare(
            Col::IsStaff,
            CompareOp::Eq,
            Literal::Boolean(true)
        )))
    );
}

#[test]
fn like_in_and_null_tests_may_be_negated() {
    assert_eq!(
        ok("lastname not like '%son'"),
        leaf(
            Col::Lastname,
            Condition::Like {
                negated: true,
                pattern: "%son".into()
            }
        )
    );
    assert_eq!(
        ok("status_enum not in (600, 700)"),
        leaf(
            Col::StatusEnum,
            Condition::In {
                negated: true,
                values: vec![Literal::Integer(600), Literal::Integer(700)]
            }
        )
    );
    assert_eq!(
        ok("mobile_no is null"),
        leaf(Col::MobileNo, Condition::IsNull { negated: false })
    );
    assert_eq!(
        ok("mobile_no is not null"),
        leaf(Col::MobileNo, Condition::IsNull { negated: true })
    );
}

#[test]
fn a_doubled_quote_is_one_quote_in_the_value() {
    assert_eq!(
        ok("lastname = 'O''Brien'"),
        compare(Col::Lastname, CompareOp::Eq, text("O'Brien"))
    );
    assert_eq!(
        ok("lastname = ''"),
        compare(Col::Lastname, CompareOp::Eq, text(""))
    );
}

#[test]
fn a_date_column_takes_iso_dates_as_strings() {
    assert_eq!(
        ok("activation_date >= '2024-02-29'"),
        compare(Col::ActivationDate, CompareOp::GtEq, date(2024, 2, 29))
    );
    assert_eq!(
        ok("date_of_birth in ('1990-01-31', '2000-12-01')"),
        leaf(
            Col::DateOfBirth,
            Condition::In {
                negated: false,
                values: vec![date(1990, 1, 31), date(2000, 12, 1)]
            }
        )
    );
}

#[test]
fn an_impossible_or_misshapen_date_is_refused() {
    for bad in [
        "2023-02-29",
        "2024-13-01",
        "24-01-01",
        "2024-1-1",
        "01/02/2024",
        "2024-01-01 00:00",
    ] {
        let e = err(&format!("activation_date = '{bad}'"));
        assert_eq!(e.position, 18);
        assert_eq!(
            e.kind,
            SearchErrorKind::InvalidDate {
                column: "activation_date",
                text: bad.into()
            }
        );
    }
}

#[test]
fn a_literal_of_the_wrong_type_is_refused() {
    let cases = [
        (
            "office_id = '1'",
            "office_id",
            ColumnKind::Integer,
            "a string",
        ),
        (
            "office_id = 1.5",
            "office_id",
            ColumnKind::Integer,
            "a decimal number",
        ),
        (
            "office_id = true",
            "office_id",
            ColumnKind::Integer,
            "true or false",
        ),
        (
            "firstname = 42",
            "firstname",
            ColumnKind::Text,
            "an integer",
        ),
        (
            "activation_date = 20240101",
            "activation_date",
            ColumnKind::Date,
            "an integer",
        ),
        (
            "is_staff = 1",
            "is_staff",
            ColumnKind::Boolean,
            "an integer",
        ),
        (
            "is_staff = 'true'",
            "is_staff",
            ColumnKind::Boolean,
            "a string",
        ),
    ];
    for (input, column, expected, found) in cases {
        assert_eq!(
            kind(input),
            SearchErrorKind::TypeMismatch {
                column,
                expected,
                found
            },
            "{input}"
        );
    }
}

#[test]
fn like_on_a_column_that_is_not_text_is_refused() {
    assert_eq!(
        err("office_id like '1%'"),
        SearchError {
            position: 10,
            kind: SearchErrorKind::LikeOnNonText {
                column: "office_id",
                kind: ColumnKind::Integer
            }
        }
    );
}

#[test]
fn a_boolean_column_cannot_be_ordered() {
    assert_eq!(
        kind("is_staff > false"),
        SearchErrorKind::OrderingOnBoolean { column: "is_staff" }
    );
    assert_eq!(
        ok("is_staff <> false"),
        compare(Col::IsStaff, CompareOp::NotEq, Literal::Boolean(false))
    );
}

#[test]
fn an_integer_beyond_64_bits_is_refused() {
    assert_eq!(
        kind("id = 9223372036854775808"),
        SearchErrorKind::IntegerOutOfRange {
            text: "9223372036854775808".into()
        }
    );
    assert_eq!(
        ok("id = -9223372036854775808"),
        compare(Col::Id, CompareOp::Eq, Literal::Integer(i64::MIN))
    );
}

#[test]
fn an_unknown_column_is_named_and_the_accepted_ones_are_listed() {
    let e = err("id = 1 and password = 'x'");
    assert_eq!(e.position, 11);
    assert_eq!(
        e.to_string(),
        "unknown column 'password'; the columns a search may use are: id, display_name, firstname, \
         lastname, account_no, external_id, mobile_no, office_id, status_enum, activation_date, \
         submittedon_date, date_of_birth, is_staff (at offset 11)"
    );
}

#[test]
fn comparing_with_null_points_to_is_null() {
    assert_eq!(kind("mobile_no = null"), SearchErrorKind::NullComparison);
    assert_eq!(
        err("mobile_no = null").to_string(),
        "compare with NULL using IS NULL or IS NOT NULL (at offset 12)"
    );
}

#[test]
fn not_without_parentheses_negates_the_next_condition_only() {
    ok("not firstname = 'Amara'");
    ok("NOT not firstname = 'Amara'");
    let bare = ok("not id = 1 and id = 2");
    let grouped = ok("(not (id = 1)) and id = 2");
    assert_eq!(format!("{bare:?}"), format!("{grouped:?}"));
    let chain = |n: usize| format!("{}id = 1", "not ".repeat(n));
    ok(&chain(MAX_DEPTH));
    assert_eq!(
        kind(&chain(MAX_DEPTH + 1)),
        SearchErrorKind::TooDeep { max: MAX_DEPTH }
    );
}

#[test]
fn an_empty_or_blank_search_is_refused() {
    assert_eq!(kind(""), SearchErrorKind::Empty);
    assert_eq!(kind(" \t\n"), SearchErrorKind::Empty);
}

#[test]
fn a_column_compared_with_a_column_is_refused() {
    assert_eq!(
        kind("firstname = lastname"),
        SearchErrorKind::Expected {
            expected: "a value: a 'quoted string', a number, true or false",
            found: "'lastname'".into()
        }
    );
}

#[test]
fn error_positions_count_characters_not_bytes() {
    let e = err("firstname = 'Zoë' and x = 1");
    assert_eq!(e.position, 22);
}

#[test]
fn trailing_text_after_a_complete_search_is_refused() {
    assert_eq!(
        err("id = 1 id = 2"),
        SearchError {
            position: 7,
            kind: SearchErrorKind::Expected {
                expected: "AND, OR or the end of the search",
                found: "'id'".into()
            }
        }
    );
}

#[test]
fn thirty_two_comparisons_are_accepted_and_thirty_three_are_not() {
    let search = |n: usize| vec!["id = 1"; n].join(" or ");
    assert_eq!(ok(&search(MAX_COMPARISONS)).comparisons(), MAX_COMPARISONS);
    assert_eq!(
        kind(&search(MAX_COMPARISONS + 1)),
        SearchErrorKind::TooManyComparisons {
            max: MAX_COMPARISONS
        }
    );
}

#[test]
fn parentheses_nest_eight_deep_and_no_deeper() {
    let nested = |n: usize| format!("{}id = 1{}", "(".repeat(n), ")".repeat(n));
    ok(&nested(MAX_DEPTH));
    assert_eq!(
        err(&nested(MAX_DEPTH + 1)),
        SearchError {
            position: MAX_DEPTH,
            kind: SearchErrorKind::TooDeep { max: MAX_DEPTH }
        }
    );
    let nots = |n: usize| format!("{}id = 1{}", "not (".repeat(n), ")".repeat(n));
    ok(&nots(MAX_DEPTH));
    assert_eq!(
        kind(&nots(MAX_DEPTH + 1)),
        SearchErrorKind::TooDeep { max: MAX_DEPTH }
    );
}

#[test]
fn an_in_list_holds_at_most_a_hundred_values() {
    let list = |n: usize| {
        let values: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        format!("id in ({})", values.join(","))
    };
    ok(&list(MAX_IN_VALUES));
    assert_eq!(
        kind(&list(MAX_IN_VALUES + 1)),
        SearchErrorKind::TooManyInValues { max: MAX_IN_VALUES }
    );
}

#[test]
fn a_string_holds_at_most_two_hundred_characters() {
    let with = |n: usize| format!("display_name = '{}'", "é".repeat(n));
    ok(&with(MAX_STRING_CHARS));
    assert_eq!(
        err(&with(MAX_STRING_CHARS + 1)),
        SearchError {
            position: 15,
            kind: SearchErrorKind::StringTooLong {
                max: MAX_STRING_CHARS
            }
        }
    );
    // A doubled quote counts once.
    ok(&format!(
        "display_name = '{}'",
        "''".repeat(MAX_STRING_CHARS)
    ));
}

#[test]
fn a_search_holds_at_most_a_thousand_characters() {
    let padded = |n: usize| format!("id = 1{}", " ".repeat(n - 6));
    ok(&padded(MAX_INPUT_CHARS));
    assert_eq!(
        kind(&padded(MAX_INPUT_CHARS + 1)),
        SearchErrorKind::TooLong {
            max: MAX_INPUT_CHARS
        }
    );
}

#[test]
fn a_whitespace_only_tail_and_newlines_are_fine() {
    assert_eq!(ok("\n firstname = 'a'\r\n\t"), ok("firstname = 'a'"));
}
