//! Turns a parsed `sqlSearch` ([`kassa_domain::search::SearchExpr`]) into a WHERE fragment with `$n`
//! placeholders and the values to bind, in order. Column SQL comes from the caller's own `&'static str`
//! table; every user value is bound, so nothing a user typed becomes SQL text.
//!
//! Semantics, the same on both backends:
//! - `=`, `<>`, `IN` on text are case-sensitive (binary on SQLite; PostgreSQL's `=` is exact too).
//!   `<`/`>` on text follow the backend's collation (bytewise on SQLite, the database's on PostgreSQL).
//! - `LIKE` is case-sensitive and only `%` and `_` are wildcards. PostgreSQL runs
//!   `LIKE $n ESCAPE '\'` with the user's backslashes doubled; SQLite, whose `LIKE` ignores ASCII case,
//!   runs `GLOB $n` with the pattern translated (`%`→`*`, `_`→`?`, and `*`, `?`, `[` made literal).
//! - As in SQL, a NULL column matches no comparison, `LIKE` or `IN`, negated or not; only `IS NULL` does.

use chrono::NaiveDate;
use kassa_domain::search::{CompareOp, Condition, Literal, SearchExpr};
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::{Database, Encode, Type};

use crate::db::Backend;

/// One value to bind, in placeholder order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchBind {
    Text(String),
    Integer(i64),
    Date(NaiveDate),
    Boolean(bool),
}

/// A rendered search: a fragment that can stand as one operand of `AND`, and its binds for
/// `$first..$first + binds.len() - 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlFilter {
    pub sql: String,
    pub binds: Vec<SearchBind>,
    first_placeholder: usize,
}

impl SqlFilter {
    /// The filter to use when there is no search: `1 = 1`, no binds, so one query text serves both cases.
    pub fn match_all(first_placeholder: usize) -> SqlFilter {
        SqlFilter {
            sql: "1 = 1".into(),
            binds: Vec::new(),
            first_placeholder,
        }
    }

    /// Fixed condition templates joined with `AND` (`1 = 1` when there are none). Each `{}` in a template
    /// becomes the next placeholder, bound to the next of its values: the SQL text comes from Kassa's
    /// constants only, and only the set of conditions varies.
    pub fn conditions(
        first_placeholder: usize,
        parts: Vec<(&'static str, Vec<SearchBind>)>,
    ) -> SqlFilter {
        let mut next = first_placeholder;
        let mut sql = Vec::with_capacity(parts.len());
        let mut binds = Vec::new();
        for (template, values) in parts {
            let mut text = String::with_capacity(template.len() + 8);
            let mut pieces = template.split("{}");
            text.push_str(pieces.next().unwrap_or_default());
            for piece in pieces {
                text.push_str(&format!("${next}"));
                next += 1;
                text.push_str(piece);
            }
            sql.push(text);
            binds.extend(values);
        }
        SqlFilter {
            sql: if sql.is_empty() {
                "1 = 1".into()
            } else {
                sql.join(" AND ")
            },
            binds,
            first_placeholder,
        }
    }

    /// This filter and `then`, which must have been numbered from this one's `next_placeholder`.
    pub fn and(mut self, then: SqlFilter) -> SqlFilter {
        debug_assert_eq!(then.first_placeholder, self.next_placeholder());
        if then.binds.is_empty() && then.sql == "1 = 1" {
            return self;
        }
        self.sql = format!("{} AND ({})", self.sql, then.sql);
        self.binds.extend(then.binds);
        self
    }

    /// The first placeholder number after this filter's own (for `LIMIT $n OFFSET $n+1`).
    pub fn next_placeholder(&self) -> usize {
        self.first_placeholder + self.binds.len()
    }

    /// Binds this filter's values onto `query` (a `sqlx::query`, `query_as` or `query_scalar` of either
    /// backend), after whatever it already has bound; call it where `$first_placeholder` comes next.
    pub fn bind<'q, Q: BindValue<'q>>(&'q self, mut query: Q) -> Q
    where
        &'q str: Encode<'q, Q::Db> + Type<Q::Db>,
        i64: Encode<'q, Q::Db> + Type<Q::Db>,
        NaiveDate: Encode<'q, Q::Db> + Type<Q::Db>,
        bool: Encode<'q, Q::Db> + Type<Q::Db>,
    {
        for value in &self.binds {
            query = match value {
                SearchBind::Text(s) => query.bind_value(s.as_str()),
                SearchBind::Integer(n) => query.bind_value(*n),
                SearchBind::Date(d) => query.bind_value(*d),
                SearchBind::Boolean(b) => query.bind_value(*b),
            };
        }
        query
    }
}

/// The sqlx query types that take binds, whatever the backend (so that [`SqlFilter::bind`] works
/// inside an [`on!`](crate::on) body, once per driver).
pub trait BindValue<'q>: Sized {
    type Db: Database;
    fn bind_value<T: 'q + Encode<'q, Self::Db> + Type<Self::Db>>(self, value: T) -> Self;
}

impl<'q, DB: Database> BindValue<'q> for Query<'q, DB, <DB as Database>::Arguments<'q>> {
    type Db = DB;
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

impl<'q, DB: Database, O> BindValue<'q> for QueryAs<'q, DB, O, <DB as Database>::Arguments<'q>> {
    type Db = DB;
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

impl<'q, DB: Database, O> BindValue<'q>
    for QueryScalar<'q, DB, O, <DB as Database>::Arguments<'q>>
{
    type Db = DB;
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

/// Renders `expr` for `backend`, numbering placeholders from `first_placeholder`. `column_sql` gives the
/// SQL expression of each whitelisted column (such as `"c.firstname"`), chosen by Kassa.
pub fn render<C: Copy>(
    expr: &SearchExpr<C>,
    backend: Backend,
    column_sql: impl Fn(C) -> &'static str,
    first_placeholder: usize,
) -> SqlFilter {
    let mut renderer = Renderer {
        backend,
        column_sql,
        first_placeholder,
        binds: Vec::new(),
    };
    let sql = renderer.expr(expr);
    SqlFilter {
        sql,
        binds: renderer.binds,
        first_placeholder,
    }
}

struct Renderer<F> {
    backend: Backend,
    column_sql: F,
    first_placeholder: usize,
    binds: Vec<SearchBind>,
}

impl<F> Renderer<F> {
    /// Queues `value` and returns its placeholder.
    fn placeholder(&mut self, value: SearchBind) -> String {
        let n = self.first_placeholder + self.binds.len();
        self.binds.push(value);
        format!("${n}")
    }

    fn literal(&mut self, value: &Literal) -> String {
        self.placeholder(match value {
            Literal::Text(s) => SearchBind::Text(s.clone()),
            Literal::Integer(n) => SearchBind::Integer(*n),
            Literal::Date(d) => SearchBind::Date(*d),
            Literal::Boolean(b) => SearchBind::Boolean(*b),
        })
    }

    fn expr<C: Copy>(&mut self, expr: &SearchExpr<C>) -> String
    where
        F: Fn(C) -> &'static str,
    {
        match expr {
            SearchExpr::Or(items) => self.join(items, " OR "),
            SearchExpr::And(items) => self.join(items, " AND "),
            SearchExpr::Not(inner) => match inner.as_ref() {
                SearchExpr::Or(_) | SearchExpr::And(_) => format!("NOT {}", self.expr(inner)),
                _ => format!("NOT ({})", self.expr(inner)),
            },
            SearchExpr::Predicate(p) => {
                let column = (self.column_sql)(p.column);
                self.condition(column, &p.condition)
            }
        }
    }

    fn join<C: Copy>(&mut self, items: &[SearchExpr<C>], op: &str) -> String
    where
        F: Fn(C) -> &'static str,
    {
        let parts: Vec<String> = items.iter().map(|item| self.expr(item)).collect();
        format!("({})", parts.join(op))
    }

    fn condition(&mut self, column: &str, condition: &Condition) -> String {
        let not = |negated: bool| if negated { "NOT " } else { "" };
        match condition {
            Condition::Compare { op, value } => {
                let op = match op {
                    CompareOp::Eq => "=",
                    CompareOp::NotEq => "<>",
                    CompareOp::Lt => "<",
                    CompareOp::LtEq => "<=",
                    CompareOp::Gt => ">",
                    CompareOp::GtEq => ">=",
                };
                format!("{column} {op} {}", self.literal(value))
            }
            Condition::Like { negated, pattern } => match self.backend {
                Backend::Postgres => {
                    let p = self.placeholder(SearchBind::Text(like_pattern(pattern)));
                    format!("{column} {}LIKE {p} ESCAPE '\\'", not(*negated))
                }
                Backend::Sqlite => {
                    let p = self.placeholder(SearchBind::Text(glob_pattern(pattern)));
                    format!("{column} {}GLOB {p}", not(*negated))
                }
            },
            Condition::In { negated, values } => {
                let list: Vec<String> = values.iter().map(|v| self.literal(v)).collect();
                format!("{column} {}IN ({})", not(*negated), list.join(", "))
            }
            Condition::IsNull { negated } => format!("{column} IS {}NULL", not(*negated)),
        }
    }
}

/// A LIKE pattern for `ESCAPE '\'`: the user's `%` and `_` stay wildcards, a backslash matches itself.
fn like_pattern(pattern: &str) -> String {
    pattern.replace('\\', "\\\\")
}

/// The same pattern as a SQLite GLOB: `%`→`*`, `_`→`?`; GLOB's own `*`, `?` and `[` match themselves.
fn glob_pattern(pattern: &str) -> String {
    let mut glob = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        match c {
            '%' => glob.push('*'),
            '_' => glob.push('?'),
            '*' => glob.push_str("[*]"),
            '?' => glob.push_str("[?]"),
            '[' => glob.push_str("[[]"),
            c => glob.push(c),
        }
    }
    glob
}

#[cfg(test)]
mod tests;
