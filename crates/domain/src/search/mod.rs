//! `sqlSearch`: the SQL filter Fineract used to splice into its queries, accepted here as a small typed
//! grammar instead. The caller whitelists the columns; the parser returns a tree whose leaves name those
//! columns by the caller's own id and hold typed values, so no user text can ever become SQL text.
//!
//! ```text
//! expr       := term (OR term)*
//! term       := factor (AND factor)*
//! factor     := [NOT] '(' expr ')' | comparison
//! comparison := column op value | column [NOT] LIKE string
//!             | column [NOT] IN '(' value (',' value)* ')' | column IS [NOT] NULL
//! op         := = | != | <> | < | <= | > | >=
//! value      := 'string' ('' is a quote) | integer | decimal | true | false
//! column     := [prefix '.'] name          (the prefix, such as `c.`, is ignored)
//! ```
//! Keywords and column names are case-insensitive. A date column takes `'yyyy-MM-dd'` strings.

mod error;
mod lexer;
mod parser;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;

pub use error::{SearchError, SearchErrorKind};
pub use parser::parse;

/// Longest accepted search, in characters.
pub const MAX_INPUT_CHARS: usize = 1000;
/// Most comparisons (leaves) in one search.
pub const MAX_COMPARISONS: usize = 32;
/// Deepest nesting of parentheses.
pub const MAX_DEPTH: usize = 8;
/// Most values in one `IN (…)` list.
pub const MAX_IN_VALUES: usize = 100;
/// Longest string literal, in characters (after `''` is read as one quote).
pub const MAX_STRING_CHARS: usize = 200;

/// What a whitelisted column holds, which decides the literals and operators it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKind {
    /// Strings: every operator, `LIKE`. Comparisons are case-sensitive.
    Text,
    /// 64-bit integers (ids, enum codes).
    Integer,
    /// Dates, written `'yyyy-MM-dd'`.
    Date,
    /// `true`/`false`; only `=`, `!=`, `<>`, `IN` and `IS NULL`.
    Boolean,
}

impl ColumnKind {
    /// How error messages describe the column's values.
    pub fn describe(self) -> &'static str {
        match self {
            ColumnKind::Text => "text",
            ColumnKind::Integer => "integers",
            ColumnKind::Date => "dates written 'yyyy-MM-dd'",
            ColumnKind::Boolean => "true or false",
        }
    }
}

/// One column a search may name: its public name (matched case-insensitively), its kind, and the
/// caller's id for it, which is all the parsed tree keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchColumn<C> {
    pub name: &'static str,
    pub kind: ColumnKind,
    pub id: C,
}

impl<C> SearchColumn<C> {
    pub const fn new(name: &'static str, kind: ColumnKind, id: C) -> Self {
        SearchColumn { name, kind, id }
    }
}

/// A parsed search. `Or` and `And` hold two or more operands; parentheses leave no node of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchExpr<C> {
    Or(Vec<SearchExpr<C>>),
    And(Vec<SearchExpr<C>>),
    Not(Box<SearchExpr<C>>),
    Predicate(Predicate<C>),
}

impl<C> SearchExpr<C> {
    /// The number of comparisons (leaves).
    pub fn comparisons(&self) -> usize {
        match self {
            SearchExpr::Or(items) | SearchExpr::And(items) => {
                items.iter().map(SearchExpr::comparisons).sum()
            }
            SearchExpr::Not(inner) => inner.comparisons(),
            SearchExpr::Predicate(_) => 1,
        }
    }
}

/// One comparison on one whitelisted column; every literal already has the column's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicate<C> {
    pub column: C,
    pub condition: Condition,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Compare {
        op: CompareOp,
        value: Literal,
    },
    /// `%` and `_` are the only wildcards; every other character matches itself.
    Like {
        negated: bool,
        pattern: String,
    },
    In {
        negated: bool,
        values: Vec<Literal>,
    },
    IsNull {
        negated: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompareOp {
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
}

impl CompareOp {
    /// The operator as the grammar writes it (`!=` and `<>` both read as `NotEq`).
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "=",
            CompareOp::NotEq => "<>",
            CompareOp::Lt => "<",
            CompareOp::LtEq => "<=",
            CompareOp::Gt => ">",
            CompareOp::GtEq => ">=",
        }
    }
}

/// A value typed by the column it is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    Text(String),
    Integer(i64),
    Date(NaiveDate),
    Boolean(bool),
}
