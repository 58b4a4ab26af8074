//! Splits a search into tokens. It knows only the grammar's own characters: anything else (`;`, `"`,
//! backticks, unicode quotes, control characters, comments) is refused here, before any parsing.

use std::iter::Peekable;
use std::str::CharIndices;

use super::error::SearchErrorKind;
use super::{CompareOp, MAX_STRING_CHARS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TokenKind<'a> {
    /// A keyword or a name: `[A-Za-z_][A-Za-z0-9_]*`.
    Word(&'a str),
    /// A quoted string, with `''` already read as one quote.
    Str(String),
    /// `-?[0-9]+(.[0-9]+)?`, as written.
    Number(&'a str),
    Op(CompareOp),
    LParen,
    RParen,
    Comma,
    Dot,
    End,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub kind: TokenKind<'a>,
    /// Byte offset of the token's first character.
    pub start: usize,
}

/// A lexing failure at a byte offset.
#[derive(Debug)]
pub(super) struct LexError {
    pub at: usize,
    pub kind: SearchErrorKind,
}

fn fail<T>(at: usize, kind: SearchErrorKind) -> Result<T, LexError> {
    Err(LexError { at, kind })
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The tokens of `input`, ending with `End`.
pub(super) fn tokenize(input: &str) -> Result<Vec<Token<'_>>, LexError> {
    let bytes = input.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(b) = at(i) {
        let start = i;
        let next = at(i + 1);
        let kind = match b {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'-' if next == Some(b'-') => return fail(i, SearchErrorKind::Comment),
            b'/' if next == Some(b'*') => return fail(i, SearchErrorKind::Comment),
            b'#' => return fail(i, SearchErrorKind::Comment),
            b'(' | b')' | b',' | b'.' | b'=' => {
                i += 1;
                match b {
                    b'(' => TokenKind::LParen,
                    b')' => TokenKind::RParen,
                    b',' => TokenKind::Comma,
                    b'.' => TokenKind::Dot,
                    _ => TokenKind::Op(CompareOp::Eq),
                }
            }
            b'!' if next == Some(b'=') => {
                i += 2;
                TokenKind::Op(CompareOp::NotEq)
            }
            b'<' | b'>' => {
                let (op, len) = match (b, next) {
                    (b'<', Some(b'=')) => (CompareOp::LtEq, 2),
                    (b'<', Some(b'>')) => (CompareOp::NotEq, 2),
                    (b'<', _) => (CompareOp::Lt, 1),
                    (_, Some(b'=')) => (CompareOp::GtEq, 2),
                    _ => (CompareOp::Gt, 1),
                };
                i += len;
                TokenKind::Op(op)
            }
            b'\'' => {
                let (value, end) = string(input, i)?;
                i = end;
                TokenKind::Str(value)
            }
            b'0'..=b'9' => {
                i = number(input, i)?;
                TokenKind::Number(&input[start..i])
            }
            b'-' if next.is_some_and(|n| n.is_ascii_digit()) => {
                i = number(input, i)?;
                TokenKind::Number(&input[start..i])
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while at(i).is_some_and(is_word_byte) {
                    i += 1;
                }
                TokenKind::Word(&input[start..i])
            }
            _ => {
                let found = input[i..].chars().next().unwrap_or('\u{FFFD}');
                return fail(i, SearchErrorKind::UnexpectedCharacter { found });
            }
        };
        tokens.push(Token { kind, start });
    }
    tokens.push(Token {
        kind: TokenKind::End,
        start: input.len(),
    });
    Ok(tokens)
}

/// A string starting at the quote at `start`: its value and the byte offset after the closing quote.
fn string(input: &str, start: usize) -> Result<(String, usize), LexError> {
    let body = start + 1;
    let mut chars: Peekable<CharIndices<'_>> = input[body..].char_indices().peekable();
    let mut value = String::new();
    let mut count = 0usize;
    loop {
        let Some((offset, c)) = chars.next() else {
            return fail(start, SearchErrorKind::UnterminatedString);
        };
        match c {
            '\'' if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                value.push('\'');
            }
            '\'' => return Ok((value, body + offset + 1)),
            '\\' => return fail(body + offset, SearchErrorKind::BackslashInString),
            c if c.is_control() => {
                return fail(body + offset, SearchErrorKind::ControlCharacterInString)
            }
            c => value.push(c),
        }
        count += 1;
        if count > MAX_STRING_CHARS {
            return fail(
                start,
                SearchErrorKind::StringTooLong {
                    max: MAX_STRING_CHARS,
                },
            );
        }
    }
}

/// The end of a number starting at `start`. A number running into letters, a second point or an
/// exponent (`0x41`, `1e5`, `1.2.3`, `1.`) is refused whole.
fn number(input: &str, start: usize) -> Result<usize, LexError> {
    let bytes = input.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_digit());
    let mut i = start;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    while digit_at(i) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') && digit_at(i + 1) {
        i += 1;
        while digit_at(i) {
            i += 1;
        }
    }
    if bytes.get(i).is_some_and(|&b| is_word_byte(b) || b == b'.') {
        while bytes.get(i).is_some_and(|&b| is_word_byte(b) || b == b'.') {
            i += 1;
        }
        let text = input[start..i].to_string();
        return fail(start, SearchErrorKind::InvalidNumber { text });
    }
    Ok(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &str) -> Vec<TokenKind<'_>> {
        match tokenize(input) {
            Ok(tokens) => tokens.into_iter().map(|t| t.kind).collect(),
            Err(e) => panic!("{input:?} failed to lex: {:?}", e.kind),
        }
    }

    fn error(input: &str) -> (usize, SearchErrorKind) {
        match tokenize(input) {
            Ok(tokens) => panic!("{input:?} lexed to {tokens:?}"),
            Err(e) => (e.at, e.kind),
        }
    }

    #[test]
    fn a_comparison_splits_into_word_operator_and_string() {
        assert_eq!(
            kinds("c.firstname>='Am''ara'"),
            vec![
                TokenKind::Word("c"),
                TokenKind::Dot,
                TokenKind::Word("firstname"),
                TokenKind::Op(CompareOp::GtEq),
                TokenKind::Str("Am'ara".into()),
                TokenKind::End,
            ]
        );
    }

    #[test]
    fn every_operator_is_recognised() {
        let ops: Vec<_> = kinds("= != <> < <= > >=")
            .into_iter()
            .filter_map(|k| match k {
                TokenKind::Op(op) => Some(op),
                _ => None,
            })
            .collect();
        use CompareOp::*;
        assert_eq!(ops, vec![Eq, NotEq, NotEq, Lt, LtEq, Gt, GtEq]);
    }

    #[test]
    fn numbers_may_be_negative_and_decimal() {
        assert_eq!(
            kinds("-12 3.50"),
            vec![
                TokenKind::Number("-12"),
                TokenKind::Number("3.50"),
                TokenKind::End
            ]
        );
    }

    #[test]
    fn hex_exponent_and_dangling_point_numbers_are_refused_whole() {
        for text in ["0x41", "1e5", "1.2.3", "1.", "12abc"] {
            let (at, kind) = error(text);
            assert_eq!(at, 0);
            assert_eq!(kind, SearchErrorKind::InvalidNumber { text: text.into() });
        }
    }

    #[test]
    fn comments_are_refused_where_they_start() {
        assert_eq!(error("a -- x"), (2, SearchErrorKind::Comment));
        assert_eq!(error("a /* x */"), (2, SearchErrorKind::Comment));
        assert_eq!(error("a # x"), (2, SearchErrorKind::Comment));
    }

    #[test]
    fn a_backslash_in_a_string_is_refused_at_the_backslash() {
        assert_eq!(error(r"'ab\'"), (3, SearchErrorKind::BackslashInString));
    }

    #[test]
    fn an_unclosed_string_is_refused_at_its_opening_quote() {
        assert_eq!(error("x = 'abc"), (4, SearchErrorKind::UnterminatedString));
        assert_eq!(error("x = 'it''"), (4, SearchErrorKind::UnterminatedString));
    }

    #[test]
    fn characters_outside_the_grammar_are_refused() {
        for c in [
            ';', '"', '`', '\u{2019}', '\u{FF07}', '\0', '\\', '@', '|', '&', '+', '*',
        ] {
            let input = format!("a {c} b");
            assert_eq!(
                error(&input),
                (2, SearchErrorKind::UnexpectedCharacter { found: c })
            );
        }
    }

    #[test]
    fn unicode_letters_inside_strings_are_kept() {
        assert_eq!(
            kinds("'Zoë O\u{2019}Brien'"),
            vec![TokenKind::Str("Zoë O\u{2019}Brien".into()), TokenKind::End]
        );
    }
}
