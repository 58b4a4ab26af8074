//! The search grammar against an example client whitelist: what parses to what (`grammar`), what is
//! refused (`injection`, including Fineract's own probe corpus), and random input (`fuzz`).

mod fuzz;
mod grammar;
mod injection;

use super::{
    parse, ColumnKind, Condition, Literal, SearchColumn, SearchError, SearchErrorKind, SearchExpr,
};

/// The caller's own column ids; the parsed tree keeps only these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    DisplayName,
    Firstname,
    Lastname,
    AccountNo,
    ExternalId,
    MobileNo,
    OfficeId,
    StatusEnum,
    ActivationDate,
    SubmittedOnDate,
    DateOfBirth,
    IsStaff,
}

/// An example whitelist for `GET /clients?sqlSearch=` (the real one belongs to the clients use case).
const CLIENTS: &[SearchColumn<Col>] = &[
    SearchColumn::new("id", ColumnKind::Integer, Col::Id),
    SearchColumn::new("display_name", ColumnKind::Text, Col::DisplayName),
    SearchColumn::new("firstname", ColumnKind::Text, Col::Firstname),
    SearchColumn::new("lastname", ColumnKind::Text, Col::Lastname),
    SearchColumn::new("account_no", ColumnKind::Text, Col::AccountNo),
    SearchColumn::new("external_id", ColumnKind::Text, Col::ExternalId),
    SearchColumn::new("mobile_no", ColumnKind::Text, Col::MobileNo),
    SearchColumn::new("office_id", ColumnKind::Integer, Col::OfficeId),
    SearchColumn::new("status_enum", ColumnKind::Integer, Col::StatusEnum),
    SearchColumn::new("activation_date", ColumnKind::Date, Col::ActivationDate),
    SearchColumn::new("submittedon_date", ColumnKind::Date, Col::SubmittedOnDate),
    SearchColumn::new("date_of_birth", ColumnKind::Date, Col::DateOfBirth),
    SearchColumn::new("is_staff", ColumnKind::Boolean, Col::IsStaff),
];

fn ok(input: &str) -> SearchExpr<Col> {
    match parse(input, CLIENTS) {
        Ok(expr) => expr,
        Err(e) => panic!("{input:?} was refused: {e}"),
    }
}

fn err(input: &str) -> SearchError {
    match parse(input, CLIENTS) {
        Ok(expr) => panic!("{input:?} was accepted as {expr:?}"),
        Err(e) => e,
    }
}

fn kind(input: &str) -> SearchErrorKind {
    err(input).kind
}

fn name(id: Col) -> &'static str {
    CLIENTS.iter().find(|c| c.id == id).map_or("?", |c| c.name)
}

fn print_literal(value: &Literal) -> String {
    match value {
        Literal::Text(s) => format!("'{}'", s.replace('\'', "''")),
        Literal::Integer(n) => n.to_string(),
        Literal::Date(d) => format!("'{}'", d.format("%Y-%m-%d")),
        Literal::Boolean(b) => b.to_string(),
    }
}

/// The tree written back in the grammar with only the parentheses it needs; parsing it gives the same
/// tree (and never needs deeper nesting than the text the tree came from).
fn print(expr: &SearchExpr<Col>) -> String {
    print_under(expr, None)
}

fn print_under(expr: &SearchExpr<Col>, parent: Option<&SearchExpr<Col>>) -> String {
    let join = |items: &[SearchExpr<Col>], op: &str| {
        let parts: Vec<String> = items.iter().map(|i| print_under(i, Some(expr))).collect();
        parts.join(op)
    };
    let (text, parenthesised) = match expr {
        SearchExpr::Or(items) => (join(items, " OR "), parent.is_some()),
        SearchExpr::And(items) => (
            join(items, " AND "),
            matches!(parent, Some(SearchExpr::And(_))),
        ),
        SearchExpr::Not(inner) => (format!("NOT ({})", print_under(inner, None)), false),
        SearchExpr::Predicate(p) => {
            let column = name(p.column);
            let not = |negated: bool| if negated { "NOT " } else { "" };
            let text = match &p.condition {
                Condition::Compare { op, value } => {
                    format!("{column} {} {}", op.symbol(), print_literal(value))
                }
                Condition::Like { negated, pattern } => format!(
                    "{column} {}LIKE {}",
                    not(*negated),
                    print_literal(&Literal::Text(pattern.clone()))
                ),
                Condition::In { negated, values } => {
                    let values: Vec<String> = values.iter().map(print_literal).collect();
                    format!("{column} {}IN ({})", not(*negated), values.join(", "))
                }
                Condition::IsNull { negated } => format!("{column} IS {}NULL", not(*negated)),
            };
            (text, false)
        }
    };
    if parenthesised {
        format!("({text})")
    } else {
        text
    }
}
