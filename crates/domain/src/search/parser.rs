//! Recursive descent over the tokens, typing each literal by its column as it goes. Recursion is bounded
//! by `MAX_DEPTH`, checked before each descent, so hostile input cannot exhaust the stack.

use chrono::NaiveDate;

use super::error::{SearchError, SearchErrorKind};
use super::lexer::{tokenize, Token, TokenKind};
use super::{
    ColumnKind, CompareOp, Condition, Literal, Predicate, SearchColumn, SearchExpr,
    MAX_COMPARISONS, MAX_DEPTH, MAX_INPUT_CHARS, MAX_IN_VALUES,
};

type Parsed<T> = Result<T, SearchError>;

/// Words that can never be a column name.
const KEYWORDS: [&str; 9] = [
    "and", "or", "not", "like", "in", "is", "null", "true", "false",
];

/// Parses `input` against the whitelisted `columns`. The tree's leaves carry the columns' ids.
pub fn parse<C: Copy>(input: &str, columns: &[SearchColumn<C>]) -> Parsed<SearchExpr<C>> {
    if input.chars().nth(MAX_INPUT_CHARS).is_some() {
        let max = MAX_INPUT_CHARS;
        return Err(SearchError::new(max, SearchErrorKind::TooLong { max }));
    }
    let tokens = tokenize(input).map_err(|e| SearchError::new(char_offset(input, e.at), e.kind))?;
    let mut parser = Parser {
        input,
        tokens,
        next: 0,
        depth: 0,
        comparisons: 0,
        columns,
    };
    if parser.peek().kind == TokenKind::End {
        return Err(SearchError::new(0, SearchErrorKind::Empty));
    }
    let expr = parser.expr()?;
    if parser.peek().kind != TokenKind::End {
        return Err(parser.expected("AND, OR or the end of the search"));
    }
    Ok(expr)
}

fn char_offset(input: &str, byte: usize) -> usize {
    input.get(..byte).map_or(0, |s| s.chars().count())
}

fn is_keyword(kind: &TokenKind<'_>, keyword: &str) -> bool {
    matches!(kind, TokenKind::Word(w) if w.eq_ignore_ascii_case(keyword))
}

/// How an error message names a token.
fn describe(kind: &TokenKind<'_>) -> String {
    match kind {
        TokenKind::Word(w) => format!("'{w}'"),
        TokenKind::Str(_) => "a string".into(),
        TokenKind::Number(n) => format!("the number {n}"),
        TokenKind::Op(op) => format!("'{}'", op.symbol()),
        TokenKind::LParen => "'('".into(),
        TokenKind::RParen => "')'".into(),
        TokenKind::Comma => "','".into(),
        TokenKind::Dot => "'.'".into(),
        TokenKind::End => "the end of the search".into(),
    }
}

/// How a type-mismatch message names a literal.
fn literal_kind(kind: &TokenKind<'_>) -> &'static str {
    match kind {
        TokenKind::Str(_) => "a string",
        TokenKind::Number(n) if n.contains('.') => "a decimal number",
        TokenKind::Number(_) => "an integer",
        _ => "true or false",
    }
}

/// Exactly `yyyy-MM-dd`, a real calendar day.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let year = text[0..4].parse().ok()?;
    let month = text[5..7].parse().ok()?;
    let day = text[8..10].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

struct Parser<'a, 'c, C> {
    input: &'a str,
    tokens: Vec<Token<'a>>,
    next: usize,
    depth: usize,
    comparisons: usize,
    columns: &'c [SearchColumn<C>],
}

impl<'a, C: Copy> Parser<'a, '_, C> {
    fn peek(&self) -> &Token<'a> {
        // The lexer always ends with `End`, and `advance` never moves past it.
        &self.tokens[self.next.min(self.tokens.len() - 1)]
    }

    fn advance(&mut self) -> Token<'a> {
        let token = self.peek().clone();
        if token.kind != TokenKind::End {
            self.next += 1;
        }
        token
    }

    fn eat_keyword(&mut self, keyword: &str) -> bool {
        let found = is_keyword(&self.peek().kind, keyword);
        if found {
            self.next += 1;
        }
        found
    }

    fn error_at(&self, token: &Token<'_>, kind: SearchErrorKind) -> SearchError {
        SearchError::new(char_offset(self.input, token.start), kind)
    }

    /// What the next token should have been.
    fn expected(&self, expected: &'static str) -> SearchError {
        self.expected_at(self.peek(), expected)
    }

    fn expected_at(&self, token: &Token<'_>, expected: &'static str) -> SearchError {
        let found = describe(&token.kind);
        self.error_at(token, SearchErrorKind::Expected { expected, found })
    }

    fn expr(&mut self) -> Parsed<SearchExpr<C>> {
        let mut terms = vec![self.term()?];
        while self.eat_keyword("or") {
            terms.push(self.term()?);
        }
        Ok(match terms.len() {
            1 => terms.remove(0),
            _ => SearchExpr::Or(terms),
        })
    }

    fn term(&mut self) -> Parsed<SearchExpr<C>> {
        let mut factors = vec![self.factor()?];
        while self.eat_keyword("and") {
            factors.push(self.factor()?);
        }
        Ok(match factors.len() {
            1 => factors.remove(0),
            _ => SearchExpr::And(factors),
        })
    }

    fn factor(&mut self) -> Parsed<SearchExpr<C>> {
        // NOT binds tighter than AND, as in SQL: `not a = 1 and b = 2` is `(not a = 1) and b = 2`. A NOT
        // without parentheses is one level of depth, so a chain of them is bounded like nested groups.
        if is_keyword(&self.peek().kind, "not") {
            let not = self.advance();
            if self.peek().kind == TokenKind::LParen {
                return Ok(SearchExpr::Not(Box::new(self.group()?)));
            }
            if self.depth == MAX_DEPTH {
                let max = MAX_DEPTH;
                return Err(self.error_at(&not, SearchErrorKind::TooDeep { max }));
            }
            self.depth += 1;
            let inner = self.factor()?;
            self.depth -= 1;
            return Ok(SearchExpr::Not(Box::new(inner)));
        }
        if self.peek().kind == TokenKind::LParen {
            return self.group();
        }
        Ok(SearchExpr::Predicate(self.comparison()?))
    }

    /// `'(' expr ')'`, one level deeper.
    fn group(&mut self) -> Parsed<SearchExpr<C>> {
        let open = self.advance();
        if self.depth == MAX_DEPTH {
            let max = MAX_DEPTH;
            return Err(self.error_at(&open, SearchErrorKind::TooDeep { max }));
        }
        self.depth += 1;
        let inner = self.expr()?;
        if self.peek().kind != TokenKind::RParen {
            return Err(self.expected("')'"));
        }
        self.advance();
        self.depth -= 1;
        Ok(inner)
    }

    fn comparison(&mut self) -> Parsed<Predicate<C>> {
        let start = self.peek().clone();
        let column = self.column()?;
        self.comparisons += 1;
        if self.comparisons > MAX_COMPARISONS {
            let max = MAX_COMPARISONS;
            return Err(self.error_at(&start, SearchErrorKind::TooManyComparisons { max }));
        }
        let token = self.advance();
        let condition = match &token.kind {
            TokenKind::Op(op) => {
                if column.kind == ColumnKind::Boolean
                    && !matches!(op, CompareOp::Eq | CompareOp::NotEq)
                {
                    let kind = SearchErrorKind::OrderingOnBoolean {
                        column: column.name,
                    };
                    return Err(self.error_at(&token, kind));
                }
                let value = self.literal(&column)?;
                Condition::Compare { op: *op, value }
            }
            kind if is_keyword(kind, "not") => {
                if self.eat_keyword("like") {
                    self.like(&column, &token, true)?
                } else if self.eat_keyword("in") {
                    self.in_list(&column, true)?
                } else {
                    return Err(self.expected("LIKE or IN after NOT"));
                }
            }
            kind if is_keyword(kind, "like") => self.like(&column, &token, false)?,
            kind if is_keyword(kind, "in") => self.in_list(&column, false)?,
            kind if is_keyword(kind, "is") => {
                let negated = self.eat_keyword("not");
                if !self.eat_keyword("null") {
                    return Err(self.expected("NULL"));
                }
                Condition::IsNull { negated }
            }
            _ => {
                return Err(self.expected_at(
                    &token,
                    "a comparison operator (=, !=, <>, <, <=, >, >=), LIKE, IN or IS NULL",
                ))
            }
        };
        Ok(Predicate {
            column: column.id,
            condition,
        })
    }

    /// `[prefix '.'] name`, looked up in the whitelist.
    fn column(&mut self) -> Parsed<SearchColumn<C>> {
        let mut name = self.name()?;
        if self.peek().kind == TokenKind::Dot {
            self.advance();
            name = self.name()?;
        }
        let (word, start) = name;
        match self
            .columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(word))
        {
            Some(column) => Ok(*column),
            None => {
                let accepted = self.columns.iter().map(|c| c.name).collect();
                let name = word.to_string();
                let kind = SearchErrorKind::UnknownColumn { name, accepted };
                Err(SearchError::new(char_offset(self.input, start), kind))
            }
        }
    }

    /// One word that is not a keyword, and where it starts.
    fn name(&mut self) -> Parsed<(&'a str, usize)> {
        let token = self.peek();
        match token.kind {
            TokenKind::Word(w) if !KEYWORDS.iter().any(|k| w.eq_ignore_ascii_case(k)) => {
                let start = token.start;
                self.advance();
                Ok((w, start))
            }
            _ => Err(self.expected("a column name")),
        }
    }

    fn like(
        &mut self,
        column: &SearchColumn<C>,
        operator: &Token<'_>,
        negated: bool,
    ) -> Parsed<Condition> {
        if column.kind != ColumnKind::Text {
            let kind = SearchErrorKind::LikeOnNonText {
                column: column.name,
                kind: column.kind,
            };
            return Err(self.error_at(operator, kind));
        }
        match &self.peek().kind {
            TokenKind::Str(pattern) => {
                let pattern = pattern.clone();
                self.advance();
                Ok(Condition::Like { negated, pattern })
            }
            _ => Err(self.expected("a quoted pattern after LIKE")),
        }
    }

    fn in_list(&mut self, column: &SearchColumn<C>, negated: bool) -> Parsed<Condition> {
        if self.peek().kind != TokenKind::LParen {
            return Err(self.expected("'(' after IN"));
        }
        self.advance();
        let mut values = Vec::new();
        loop {
            if values.len() == MAX_IN_VALUES {
                let max = MAX_IN_VALUES;
                return Err(self.error_at(self.peek(), SearchErrorKind::TooManyInValues { max }));
            }
            values.push(self.literal(column)?);
            let token = self.advance();
            match token.kind {
                TokenKind::Comma => {}
                TokenKind::RParen => return Ok(Condition::In { negated, values }),
                _ => return Err(self.expected_at(&token, "',' or ')' in the IN list")),
            }
        }
    }

    /// A value, typed by `column`.
    fn literal(&mut self, column: &SearchColumn<C>) -> Parsed<Literal> {
        let token = self.peek().clone();
        let mismatch = |kind: &TokenKind<'_>| SearchErrorKind::TypeMismatch {
            column: column.name,
            expected: column.kind,
            found: literal_kind(kind),
        };
        let value = match (&token.kind, column.kind) {
            (kind, _) if is_keyword(kind, "null") => Err(SearchErrorKind::NullComparison),
            (TokenKind::Str(s), ColumnKind::Text) => Ok(Literal::Text(s.clone())),
            (TokenKind::Str(s), ColumnKind::Date) => {
                iso_date(s)
                    .map(Literal::Date)
                    .ok_or_else(|| SearchErrorKind::InvalidDate {
                        column: column.name,
                        text: s.clone(),
                    })
            }
            (TokenKind::Number(n), ColumnKind::Integer) if !n.contains('.') => n
                .parse()
                .map(Literal::Integer)
                .map_err(|_| SearchErrorKind::IntegerOutOfRange {
                    text: (*n).to_string(),
                }),
            (kind, ColumnKind::Boolean) if is_keyword(kind, "true") => Ok(Literal::Boolean(true)),
            (kind, ColumnKind::Boolean) if is_keyword(kind, "false") => Ok(Literal::Boolean(false)),
            (kind @ (TokenKind::Str(_) | TokenKind::Number(_)), _) => Err(mismatch(kind)),
            (kind, _) if is_keyword(kind, "true") || is_keyword(kind, "false") => {
                Err(mismatch(kind))
            }
            _ => return Err(self.expected("a value: a 'quoted string', a number, true or false")),
        };
        let value = value.map_err(|kind| self.error_at(&token, kind))?;
        self.advance();
        Ok(value)
    }
}
