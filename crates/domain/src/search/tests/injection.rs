//! Injection: Fineract's own probe corpus and hand-written probes. The parser alone refuses every one of
//! them (the API's detector answering 403 first is a second, independent net), and a probe quoted as a
//! value is only data.

use super::*;

/// The copy of the corpus kept in the repository (the wire crate's tests own it, with its licence header).
const CORPUS_TEXT: &str = include_str!("../../../../wire/tests/data/sqli-fineract.tsv");

/// `(verdict, payload)` for every probe line of the corpus.
fn corpus() -> Vec<(String, String)> {
    let text = CORPUS_TEXT;
    let probes: Vec<(String, String)> = text
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| match line.split_once('\t') {
            Some((verdict, payload)) => (verdict.to_string(), payload.to_string()),
            None => panic!("corpus line without a tab: {line:?}"),
        })
        .collect();
    assert!(probes.len() > 70, "the corpus looks truncated");
    probes
}

fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[test]
fn every_probe_fineract_rejects_is_refused_by_the_parser() {
    let rejects: Vec<String> = corpus()
        .into_iter()
        .filter(|(verdict, _)| verdict == "reject")
        .map(|(_, payload)| payload)
        .collect();
    assert_eq!(rejects.len(), 55);
    for payload in &rejects {
        assert!(parse(payload, CLIENTS).is_err(), "accepted: {payload:?}");
        // Spliced after a value, the way Fineract built its SQL.
        for spliced in [
            format!("id = {payload}"),
            format!("id = 1 {payload}"),
            format!("firstname = 'x' {payload}"),
        ] {
            assert!(parse(&spliced, CLIENTS).is_err(), "accepted: {spliced:?}");
        }
    }
}

#[test]
fn a_rejected_probe_spliced_into_a_quoted_value_is_refused_or_stays_one_comparison() {
    for (verdict, payload) in corpus() {
        if verdict != "reject" {
            continue;
        }
        let spliced = format!("firstname = '{payload}'");
        if let Ok(expr) = parse(&spliced, CLIENTS) {
            assert_eq!(expr.comparisons(), 1, "{spliced:?} parsed to {expr:?}");
        }
    }
}

#[test]
fn values_fineract_accepts_are_searchable_as_quoted_data() {
    let accepts: Vec<String> = corpus()
        .into_iter()
        .filter(|(verdict, _)| verdict == "accept")
        .map(|(_, payload)| payload)
        .collect();
    assert_eq!(accepts.len(), 23);
    for payload in accepts {
        let search = format!("display_name = {}", quoted(&payload));
        assert_eq!(
            ok(&search),
            SearchExpr::Predicate(super::super::Predicate {
                column: Col::DisplayName,
                condition: Condition::Compare {
                    op: super::super::CompareOp::Eq,
                    value: Literal::Text(payload.clone())
                }
            })
        );
        // None of them is a search by itself: a bare value or column name is refused with a 400.
        assert!(parse(&payload, CLIENTS).is_err(), "{payload:?}");
    }
    ok("id = 123");
    ok("id is not null");
}

/// Hand-written probes, grouped by technique; every one must be refused.
const PROBES: &[(&str, &str)] = &[
    ("tautology", "1=1 or 'a'='a'"),
    ("tautology", "firstname = 'x' or 1=1"),
    ("tautology", "firstname = 'x' or 'a'='a'"),
    ("tautology", "firstname = '' or ''=''"),
    ("tautology", "id = 1 or true"),
    ("tautology", "id = 1 or 1"),
    ("tautology", "firstname = 'x' || 1=1"),
    ("tautology", "id = id"),
    (
        "break out of a string",
        "firstname = 'x'' or ''1''=''1' or 1=1",
    ),
    (
        "break out of a string",
        "firstname = 'x' or firstname like '%' or '1'='1'",
    ),
    ("stacked query", "id = 1; drop table m_client"),
    ("stacked query", "id = 1;drop table m_client"),
    ("stacked query", "firstname = 'a'; delete from m_appuser"),
    ("stacked query", "firstname = 'a';"),
    ("line comment", "firstname = 'a' --"),
    ("line comment", "firstname = 'a' -- and id = 2"),
    ("line comment", "firstname = 'a'--"),
    ("hash comment", "firstname = 'a' #"),
    ("block comment", "firstname = 'a' /* */"),
    ("block comment", "firstname/**/= 'a'"),
    ("block comment", "firstname = 'a' /*!50000 or 1=1*/"),
    (
        "union",
        "id = 1 union select username, password from m_appuser",
    ),
    ("union", "id = 1 UNION ALL SELECT null, null"),
    ("union", "firstname = 'a' union (select 1)"),
    ("subquery", "id in (select id from m_appuser)"),
    ("subquery", "id = (select max(id) from m_client)"),
    ("subquery", "exists (select 1)"),
    ("time-based", "id = sleep(5)"),
    ("time-based", "id = 1 and sleep(5)"),
    ("time-based", "id = 1 and pg_sleep(5)"),
    (
        "time-based",
        "firstname = 'a' and benchmark(10000000, md5(1))",
    ),
    ("time-based", "id = 1; waitfor delay '0:0:5'"),
    ("time-based", "id = 1 and 1=(select 1 from pg_sleep(5))"),
    ("function call", "lower(firstname) = 'a'"),
    ("function call", "firstname = concat('a', 'b')"),
    ("function call", "firstname = version()"),
    ("expression", "id = 1 + 1"),
    ("expression", "firstname = 'a' || 'b'"),
    ("expression", "id = -(-1)"),
    ("hex literal", "id = 0x41"),
    ("hex literal", "firstname = x'41'"),
    ("hex literal", "firstname = 0x61646d696e"),
    ("bit or binary literal", "id = b'1'"),
    ("exponent", "id = 1e3"),
    ("backslash escape", r"firstname = 'a\' or 1=1 --'"),
    ("backslash escape", r"firstname = 'a\''"),
    ("backslash escape", r"firstname = '\x27'"),
    ("unicode quote", "firstname = \u{2019}a\u{2019}"),
    (
        "unicode quote",
        "firstname = 'a' or \u{2018}1\u{2019}=\u{2018}1\u{2019}",
    ),
    ("unicode quote", "firstname = \u{FF07}a\u{FF07}"),
    ("unicode quote", "firstname = \u{02BC}a\u{02BC}"),
    ("double-quoted string", "firstname = \"a\""),
    ("quoted identifier", "\"firstname\" = 'a'"),
    ("quoted identifier", "`firstname` = 'a'"),
    ("nul byte", "firstname = 'a\0'"),
    ("nul byte", "firstname = 'a'\0 or 1=1"),
    ("control character", "firstname = 'a\u{1b}[0m'"),
    ("unbalanced quote", "firstname = 'abc"),
    ("unbalanced quote", "firstname = abc'"),
    ("unbalanced quote", "firstname = 'a''"),
    ("unbalanced quote", "'"),
    ("unbalanced parenthesis", "(firstname = 'a'"),
    ("unbalanced parenthesis", "firstname = 'a')"),
    ("unbalanced parenthesis", "((id = 1)"),
    ("unbalanced parenthesis", "id in (1, 2"),
    ("unbalanced parenthesis", ")"),
    ("variable", "id = @@version"),
    ("catalog", "id in (1) and information_schema.tables = 'x'"),
    ("catalog", "pg_catalog.pg_user = 'x'"),
    ("order by", "id = 1 order by 1"),
    ("into outfile", "id = 1 into outfile '/tmp/x'"),
    ("case sensitivity trick", "id = 1 oR 1=1"),
    ("wildcard column", "* = 1"),
    ("empty IN", "id in ()"),
    ("trailing operator", "id = 1 and"),
    ("trailing operator", "id = 1 or"),
    ("missing value", "id ="),
    ("like without a string", "firstname like firstname"),
    ("like with escape clause", "firstname like 'a!%' escape '!'"),
    ("collate", "firstname = 'a' collate \"C\""),
    ("cast", "id = '1'::int"),
    ("cast", "id = cast('1' as integer)"),
];

#[test]
fn every_hand_written_injection_probe_is_refused() {
    for (technique, probe) in PROBES {
        assert!(
            parse(probe, CLIENTS).is_err(),
            "{technique} probe accepted: {probe:?}"
        );
    }
}

#[test]
fn an_overlong_search_is_refused_before_it_is_read() {
    let long = format!("firstname = 'a' or {}", "id = 1 or ".repeat(200));
    assert_eq!(
        kind(&long),
        SearchErrorKind::TooLong {
            max: super::super::MAX_INPUT_CHARS
        }
    );
    let huge = "(".repeat(1_000_000);
    assert_eq!(
        err(&huge).kind,
        SearchErrorKind::TooLong {
            max: super::super::MAX_INPUT_CHARS
        }
    );
}

#[test]
fn deep_nesting_within_the_length_limit_fails_fast_without_recursion() {
    for opener in ["(", "not (", "NOT("] {
        let deep = opener.repeat(999 / opener.len());
        assert_eq!(
            kind(&deep),
            SearchErrorKind::TooDeep {
                max: super::super::MAX_DEPTH
            }
        );
    }
}

#[test]
fn injection_text_inside_a_well_formed_string_is_inert_data() {
    let payload = "x' or 1=1; drop table m_client; --";
    assert_eq!(
        ok(&format!("firstname = {}", quoted(payload))),
        SearchExpr::Predicate(super::super::Predicate {
            column: Col::Firstname,
            condition: Condition::Compare {
                op: super::super::CompareOp::Eq,
                value: Literal::Text(payload.to_string())
            }
        })
    );
}
