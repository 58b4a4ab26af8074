//! The rendered SQL text and binds, then the same searches run against a real table: SQLite in memory
//! always, PostgreSQL too when `TEST_DATABASE_URL` is set (a temporary table, gone with the connection).

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use kassa_domain::search::{
    parse, ColumnKind, Condition, Literal, Predicate, SearchColumn, SearchExpr,
};
use sqlx::Connection;

use super::*;
use crate::db::Conn;
use crate::on;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    DisplayName,
    Firstname,
    OfficeId,
    ActivationDate,
    IsStaff,
}

const COLUMNS: &[SearchColumn<Col>] = &[
    SearchColumn::new("id", ColumnKind::Integer, Col::Id),
    SearchColumn::new("display_name", ColumnKind::Text, Col::DisplayName),
    SearchColumn::new("firstname", ColumnKind::Text, Col::Firstname),
    SearchColumn::new("office_id", ColumnKind::Integer, Col::OfficeId),
    SearchColumn::new("activation_date", ColumnKind::Date, Col::ActivationDate),
    SearchColumn::new("is_staff", ColumnKind::Boolean, Col::IsStaff),
];

/// Kassa's choice of SQL for each column; the user never supplies any of it.
fn column_sql(column: Col) -> &'static str {
    match column {
        Col::Id => "c.id",
        Col::DisplayName => "c.display_name",
        Col::Firstname => "c.firstname",
        Col::OfficeId => "c.office_id",
        Col::ActivationDate => "c.activation_date",
        Col::IsStaff => "c.is_staff",
    }
}

fn rendered(search: &str, backend: Backend, first: usize) -> SqlFilter {
    match parse(search, COLUMNS) {
        Ok(expr) => render(&expr, backend, column_sql, first),
        Err(e) => panic!("{search:?} was refused: {e}"),
    }
}

fn text(s: &str) -> SearchBind {
    SearchBind::Text(s.to_string())
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[test]
fn a_comparison_renders_its_column_sql_and_one_placeholder() {
    let f = rendered("c.firstname = 'Amara'", Backend::Postgres, 1);
    assert_eq!(f.sql, "c.firstname = $1");
    assert_eq!(f.binds, vec![text("Amara")]);
    assert_eq!(f.next_placeholder(), 2);
}

#[test]
fn placeholders_start_where_the_caller_says_and_follow_the_text_order() {
    let f = rendered(
        "office_id in (1, 2) and (activation_date >= '2024-01-01' or is_staff != true)",
        Backend::Sqlite,
        9,
    );
    assert_eq!(
        f.sql,
        "(c.office_id IN ($9, $10) AND (c.activation_date >= $11 OR c.is_staff <> $12))"
    );
    assert_eq!(
        f.binds,
        vec![
            SearchBind::Integer(1),
            SearchBind::Integer(2),
            SearchBind::Date(day(2024, 1, 1)),
            SearchBind::Boolean(true),
        ]
    );
    assert_eq!(f.next_placeholder(), 13);
}

#[test]
fn the_match_all_filter_binds_nothing_and_keeps_the_numbering() {
    let f = SqlFilter::match_all(4);
    assert_eq!(f.sql, "1 = 1");
    assert!(f.binds.is_empty());
    assert_eq!(f.next_placeholder(), 4);
}

#[test]
fn every_operator_renders_as_standard_sql() {
    for (search, sql) in [
        ("id = 1", "c.id = $1"),
        ("id != 1", "c.id <> $1"),
        ("id <> 1", "c.id <> $1"),
        ("id < 1", "c.id < $1"),
        ("id <= 1", "c.id <= $1"),
        ("id > 1", "c.id > $1"),
        ("id >= 1", "c.id >= $1"),
        ("id not in (1)", "c.id NOT IN ($1)"),
        ("firstname is null", "c.firstname IS NULL"),
        ("firstname is not null", "c.firstname IS NOT NULL"),
    ] {
        assert_eq!(rendered(search, Backend::Postgres, 1).sql, sql, "{search}");
    }
}

#[test]
fn not_wraps_its_operand_in_parentheses_once() {
    assert_eq!(
        rendered("not (id = 1)", Backend::Postgres, 1).sql,
        "NOT (c.id = $1)"
    );
    assert_eq!(
        rendered("not (id = 1 or id = 2)", Backend::Postgres, 1).sql,
        "NOT (c.id = $1 OR c.id = $2)"
    );
    assert_eq!(
        rendered("not (not (id = 1))", Backend::Postgres, 1).sql,
        "NOT (NOT (c.id = $1))"
    );
}

#[test]
fn like_on_postgresql_uses_an_explicit_backslash_escape() {
    let f = rendered("firstname not like 'Am_ra%'", Backend::Postgres, 3);
    assert_eq!(f.sql, "c.firstname NOT LIKE $3 ESCAPE '\\'");
    assert_eq!(f.binds, vec![text("Am_ra%")]);
}

#[test]
fn like_on_sqlite_is_a_case_sensitive_glob_with_the_same_wildcards() {
    let f = rendered("firstname like 'Am_ra%'", Backend::Sqlite, 1);
    assert_eq!(f.sql, "c.firstname GLOB $1");
    assert_eq!(f.binds, vec![text("Am?ra*")]);
    let f = rendered("firstname not like '50*?[x]%'", Backend::Sqlite, 1);
    assert_eq!(f.sql, "c.firstname NOT GLOB $1");
    assert_eq!(f.binds, vec![text("50[*][?][[]x]*")]);
}

#[test]
fn a_backslash_in_a_like_pattern_only_ever_matches_itself() {
    // The parser refuses backslashes; a tree built by hand still cannot turn one into an escape.
    let expr = SearchExpr::Predicate(Predicate {
        column: Col::Firstname,
        condition: Condition::Like {
            negated: false,
            pattern: "a\\%".into(),
        },
    });
    let pg = render(&expr, Backend::Postgres, column_sql, 1);
    assert_eq!(pg.binds, vec![text("a\\\\%")]);
    let lite = render(&expr, Backend::Sqlite, column_sql, 1);
    assert_eq!(lite.binds, vec![text("a\\*")]);
}

#[test]
fn user_text_appears_only_in_binds_never_in_the_sql() {
    let payload = "x' or 1=1; drop table m_client; --";
    let search = format!("display_name = '{}'", payload.replace('\'', "''"));
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let f = rendered(&search, backend, 1);
        assert_eq!(f.sql, "c.display_name = $1");
        assert_eq!(f.binds, vec![text(payload)]);
    }
}

#[test]
fn a_literal_keeps_its_type_in_the_binds() {
    let expr = SearchExpr::And(vec![
        SearchExpr::Predicate(Predicate {
            column: Col::ActivationDate,
            condition: Condition::Compare {
                op: CompareOp::Lt,
                value: Literal::Date(day(2024, 2, 29)),
            },
        }),
        SearchExpr::Predicate(Predicate {
            column: Col::IsStaff,
            condition: Condition::In {
                negated: false,
                values: vec![Literal::Boolean(false)],
            },
        }),
    ]);
    let f = render(&expr, Backend::Postgres, column_sql, 1);
    assert_eq!(f.sql, "(c.activation_date < $1 AND c.is_staff IN ($2))");
    assert_eq!(
        f.binds,
        vec![
            SearchBind::Date(day(2024, 2, 29)),
            SearchBind::Boolean(false)
        ]
    );
}

/// Searches and the ids they must select from `ROWS`, on either backend.
const CASES: &[(&str, &[i64])] = &[
    ("firstname like 'Am%'", &[1, 2]),
    ("firstname like 'am%'", &[3]),
    ("firstname like 'A_ara'", &[1]),
    ("firstname like '%*%'", &[5]),
    ("firstname like '%[%'", &[6]),
    ("firstname like '%?'", &[7]),
    ("firstname not like 'Am%'", &[3, 5, 6, 7]),
    ("firstname = 'Amara'", &[1]),
    ("firstname = 'amara'", &[3]),
    ("firstname is null", &[4]),
    ("firstname <> 'Amara'", &[2, 3, 5, 6, 7]),
    ("office_id in (2, 3)", &[3, 4, 5]),
    ("office_id not in (1)", &[3, 4, 5]),
    (
        "activation_date >= '2024-01-01' and activation_date < '2024-07-01'",
        &[2, 3],
    ),
    ("activation_date is null", &[5, 6, 7]),
    ("is_staff = true", &[2, 4]),
    ("is_staff = false and not (office_id = 1)", &[3, 5]),
    (
        "(office_id = 1 or office_id = 3) and not (firstname like 'Am%' or is_staff = true)",
        &[5, 6, 7],
    ),
    ("display_name = 'O''Brien, Amara'", &[1]),
];

/// id, display_name, firstname, office_id, activation_date, is_staff.
type Row = (
    i64,
    &'static str,
    Option<&'static str>,
    i64,
    Option<NaiveDate>,
    bool,
);

fn rows() -> Vec<Row> {
    vec![
        (
            1,
            "O'Brien, Amara",
            Some("Amara"),
            1,
            Some(day(2023, 5, 1)),
            false,
        ),
        (2, "Amaru", Some("Amaru"), 1, Some(day(2024, 1, 1)), true),
        (
            3,
            "amara lower",
            Some("amara"),
            2,
            Some(day(2024, 6, 30)),
            false,
        ),
        (4, "no first name", None, 2, Some(day(2024, 7, 1)), true),
        (5, "star", Some("5*"), 3, None, false),
        (6, "bracket", Some("[x]"), 1, None, false),
        (7, "question", Some("who?"), 1, None, false),
    ]
}

async fn run_cases(conn: &mut Conn<'_>, backend: Backend) {
    // Dates as the migrations store them: ISO text on SQLite, DATE on PostgreSQL.
    let date = match backend {
        Backend::Sqlite => "TEXT",
        Backend::Postgres => "DATE",
    };
    let create = format!(
        "CREATE TEMPORARY TABLE c (id BIGINT PRIMARY KEY, display_name TEXT NOT NULL, \
         firstname TEXT, office_id BIGINT NOT NULL, activation_date {date}, is_staff BOOLEAN NOT NULL)"
    );
    on!(conn, c => sqlx::query(&create).execute(c).await.map(|_| ()).unwrap());
    for (id, display, first, office, activated, staff) in rows() {
        let insert = "INSERT INTO c VALUES ($1, $2, $3, $4, $5, $6)";
        on!(conn, c => sqlx::query(insert)
            .bind(id).bind(display).bind(first).bind(office).bind(activated).bind(staff)
            .execute(c).await.map(|_| ()).unwrap());
    }
    for (search, expected) in CASES {
        // $1 is taken by a fixed condition, as a real list query's office scope would be.
        let filter = rendered(search, backend, 2);
        let sql = format!(
            "SELECT c.id FROM c WHERE c.id > $1 AND {} ORDER BY c.id LIMIT ${}",
            filter.sql,
            filter.next_placeholder()
        );
        let ids: Vec<i64> = on!(conn, c => filter
            .bind(sqlx::query_scalar(&sql).bind(0_i64))
            .bind(100_i64)
            .fetch_all(c).await.unwrap());
        assert_eq!(&ids, expected, "{search} on {}", backend.name());
        let count_sql = format!("SELECT COUNT(*) FROM c WHERE c.id > $1 AND {}", filter.sql);
        let count: i64 = on!(conn, c => filter
            .bind(sqlx::query_as::<_, (i64,)>(&count_sql).bind(0_i64))
            .fetch_one(c).await.unwrap().0);
        assert_eq!(
            count as usize,
            expected.len(),
            "{search} on {}",
            backend.name()
        );
    }
}

#[tokio::test]
async fn searches_select_the_same_rows_on_sqlite() {
    let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
        .await
        .unwrap();
    run_cases(&mut Conn::Sqlite(&mut conn), Backend::Sqlite).await;
}

#[tokio::test]
async fn searches_select_the_same_rows_on_postgresql() {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        return;
    };
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    run_cases(&mut Conn::Pg(&mut conn), Backend::Postgres).await;
}
