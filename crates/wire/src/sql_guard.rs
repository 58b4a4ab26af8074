//! Fineract's SQL validator for free-text query parameters (`orderBy`, `sortOrder`, `externalId`):
//! it names the detection pattern a malicious-looking value trips so the API can answer 403
//! `error.msg.sql.validation`. It decides nothing about SQL; Kassa never puts user text in SQL.
//!
//! Fineract uses eight regexes (`DefaultSqlValidator`); their character classes are buggy
//! (`[and|or]` is a set of letters), so we scan tokens by hand for what they mean to catch.

/// The pattern name `value` trips, in the order the checks run, or `None` for an innocent value.
/// The order puts the most specific name first where several apply (`1; exec xp_cmdshell` is a
/// stacked query before it is an out-of-band probe), which gives the names Fineract's own tests
/// expect (the one exception is noted in `tests/wire/sql_guard.rs`).
pub fn detect_sql_injection(value: &str) -> Option<&'static str> {
    if value.trim().is_empty() {
        return None;
    }
    let text = value.to_ascii_lowercase();
    let s = text.as_bytes();
    let checks: [(&'static str, Check); 8] = [
        ("inject-blind", tautology),
        ("detect-entry-point", entry_point),
        ("inject-timing", timing),
        ("detect-column", column_probe),
        ("inject-stacked-query", stacked_query),
        ("detect-out-of-bands", out_of_band),
        ("detect-backend", backend_probe),
        ("inject-comment", comment),
    ];
    checks
        .iter()
        .find(|(_, check)| check(s))
        .map(|(name, _)| *name)
}

/// One detection pattern over the lower-cased bytes.
type Check = fn(&[u8]) -> bool;

/// Bytes ≥ 0x80 count as word characters, so `éor` is not the keyword `or`.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn is_quote(b: u8) -> bool {
    matches!(b, b'\'' | b'"' | b'`')
}

fn skip_space(s: &[u8], mut i: usize) -> usize {
    while s.get(i).is_some_and(|&b| is_space(b)) {
        i += 1;
    }
    i
}

/// Whether the whole word `kw` starts at `i`.
fn word_at(s: &[u8], i: usize, kw: &str) -> bool {
    let end = i + kw.len();
    s.get(i..end) == Some(kw.as_bytes())
        && (i == 0 || !is_word(s[i - 1]))
        && !s.get(end).is_some_and(|&b| is_word(b))
}

/// Every position where the whole word `kw` starts.
fn words<'a>(s: &'a [u8], kw: &'a str) -> impl Iterator<Item = usize> + 'a {
    (0..s.len()).filter(move |&i| word_at(s, i, kw))
}

fn any_word(s: &[u8], keywords: &[&str]) -> bool {
    keywords.iter().any(|kw| words(s, kw).next().is_some())
}

/// `kw` as a whole word at `i`, then optional spaces; the position after them.
fn word_then_space(s: &[u8], i: usize, kw: &str) -> Option<usize> {
    word_at(s, i, kw).then(|| skip_space(s, i + kw.len()))
}

/// A function call: one of `names`, optional spaces, `(`.
fn calls(s: &[u8], names: &[&str]) -> bool {
    names
        .iter()
        .any(|name| words(s, name).any(|i| s.get(skip_space(s, i + name.len())) == Some(&b'(')))
}

/// An operand in a comparison: `(`s, an optional quote, a word or number, an optional quote.
/// Returns the bare text and where the operand ends. Quoted empty text (`''`) counts.
fn operand(s: &[u8], i: usize) -> Option<(&[u8], usize)> {
    // Bounded so that `|| ((((…` repeated stays linear.
    let limit = i + 16;
    let mut i = i;
    while i < limit && s.get(i).is_some_and(|&b| b == b'(' || is_space(b)) {
        i += 1;
    }
    let quoted = s.get(i).is_some_and(|&b| is_quote(b));
    if quoted {
        i += 1;
    }
    let start = i;
    while s
        .get(i)
        .is_some_and(|&b| is_word(b) || b == b'.' || (b == b'-' && i == start))
    {
        i += 1;
    }
    let text = &s[start..i];
    if text.is_empty() && !quoted {
        return None;
    }
    if s.get(i).is_some_and(|&b| is_quote(b)) {
        i += 1;
    }
    Some((text, i))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Comparison {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

fn comparison(s: &[u8], i: usize) -> Option<(Comparison, usize)> {
    const OPERATORS: [(&str, Comparison); 8] = [
        ("<=>", Comparison::Equal),
        ("==", Comparison::Equal),
        ("!=", Comparison::NotEqual),
        ("<>", Comparison::NotEqual),
        ("<=", Comparison::LessOrEqual),
        (">=", Comparison::GreaterOrEqual),
        ("<", Comparison::Less),
        (">", Comparison::Greater),
    ];
    let rest = s.get(i..)?;
    if rest.first() == Some(&b'=') {
        return Some((Comparison::Equal, i + 1));
    }
    if word_at(s, i, "like") {
        return Some((Comparison::Equal, i + 4));
    }
    OPERATORS
        .iter()
        .find(|(op, _)| rest.starts_with(op.as_bytes()))
        .map(|(op, cmp)| (*cmp, i + op.len()))
}

fn always_true(a: &[u8], cmp: Comparison, b: &[u8]) -> bool {
    let number = |t: &[u8]| std::str::from_utf8(t).ok()?.parse::<i64>().ok();
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return match cmp {
            Comparison::Equal => x == y,
            Comparison::NotEqual => x != y,
            Comparison::Less => x < y,
            Comparison::LessOrEqual => x <= y,
            Comparison::Greater => x > y,
            Comparison::GreaterOrEqual => x >= y,
        };
    }
    cmp == Comparison::Equal && a == b
}

/// `inject-blind`: `or 'a'='a'`, `and 1=1`, `|| 2>1`, and any comparison right after a quote
/// is closed (`x' or a=b`), whatever the spacing and quoting.
fn tautology(s: &[u8]) -> bool {
    (0..s.len()).any(|i| {
        let after = ["or", "and", "xor"]
            .iter()
            .find_map(|kw| word_at(s, i, kw).then_some(i + kw.len()))
            .or_else(|| (s[i..].starts_with(b"||") || s[i..].starts_with(b"&&")).then_some(i + 2));
        let Some(after) = after else { return false };
        let Some((a, end_a)) = operand(s, skip_space(s, after)) else {
            return false;
        };
        let Some((cmp, end_cmp)) = comparison(s, skip_space(s, end_a)) else {
            return false;
        };
        let Some((b, _)) = operand(s, skip_space(s, end_cmp)) else {
            return false;
        };
        always_true(a, cmp, b) || follows_quote(s, i)
    })
}

/// Whether the byte before `i` (spaces skipped) is a quote: the value broke out of a string.
fn follows_quote(s: &[u8], i: usize) -> bool {
    s[..i]
        .iter()
        .rev()
        .find(|&&b| !is_space(b))
        .is_some_and(|&b| is_quote(b))
}

/// `detect-entry-point`: the value opens with `)` or a quote and `)`, closing the query's own
/// parenthesis.
fn entry_point(s: &[u8]) -> bool {
    let mut i = skip_space(s, 0);
    if s.get(i).is_some_and(|&b| is_quote(b)) {
        i += 1;
    }
    s.get(skip_space(s, i)) == Some(&b')')
}

/// `inject-timing`: sleeping functions and `waitfor delay`.
fn timing(s: &[u8]) -> bool {
    const SLEEPERS: [&str; 7] = [
        "sleep",
        "pg_sleep",
        "pg_sleep_for",
        "pg_sleep_until",
        "benchmark",
        "randomblob",
        "receive_message",
    ];
    calls(s, &SLEEPERS)
        || words(s, "waitfor").any(|i| {
            let j = skip_space(s, i + "waitfor".len());
            word_at(s, j, "delay") || word_at(s, j, "time")
        })
}

/// `detect-column`: probing the column count with `order by n`, `group by n`, `union select`.
fn column_probe(s: &[u8]) -> bool {
    let by_clause = |kw: &'static str| {
        words(s, kw).any(|i| {
            let j = skip_space(s, i + kw.len());
            j > i + kw.len()
                && word_at(s, j, "by")
                && s.get(skip_space(s, j + 2)).is_some_and(|&b| !is_space(b))
        })
    };
    let union_select = words(s, "union").any(|i| {
        let mut j = skip_space(s, i + "union".len());
        for modifier in ["all", "distinct"] {
            if let Some(k) = word_then_space(s, j, modifier) {
                j = k;
            }
        }
        if s.get(j) == Some(&b'(') {
            j = skip_space(s, j + 1);
        }
        word_at(s, j, "select")
    });
    by_clause("order") || by_clause("group") || union_select
}

/// `inject-stacked-query`: `;` followed by a statement.
fn stacked_query(s: &[u8]) -> bool {
    const STATEMENTS: [&str; 25] = [
        "create", "drop", "alter", "truncate", "comment", "select", "insert", "update", "delete",
        "merge", "upsert", "call", "exec", "execute", "declare", "grant", "revoke", "replace",
        "rename", "shutdown", "set", "begin", "commit", "rollback", "copy",
    ];
    s.iter().enumerate().any(|(i, &b)| {
        b == b';' && {
            let j = skip_space(s, i + 1);
            STATEMENTS.iter().any(|kw| word_at(s, j, kw))
        }
    })
}

/// `detect-out-of-bands`: reading files or reaching the network from the database.
fn out_of_band(s: &[u8]) -> bool {
    const CHANNELS: [&str; 20] = [
        "load_file",
        "xp_cmdshell",
        "xp_dirtree",
        "xp_fileexist",
        "xp_regread",
        "sp_oacreate",
        "sp_makewebtask",
        "utl_http",
        "utl_inaddr",
        "utl_file",
        "dbms_ldap",
        "httpuritype",
        "lo_import",
        "lo_export",
        "pg_read_file",
        "pg_read_binary_file",
        "pg_ls_dir",
        "openrowset",
        "opendatasource",
        "dblink_connect",
    ];
    let into_file = words(s, "into").any(|i| {
        let j = skip_space(s, i + "into".len());
        word_at(s, j, "outfile") || word_at(s, j, "dumpfile")
    });
    // PostgreSQL's `COPY ... TO/FROM PROGRAM 'cmd'`.
    let copy_program = words(s, "copy").next().is_some_and(|start| {
        ["to", "from"].iter().any(|kw| {
            words(s, kw).filter(|&i| i > start).any(|i| {
                let j = skip_space(s, i + kw.len());
                word_at(s, j, "program")
                    && s.get(skip_space(s, j + "program".len()))
                        .is_some_and(|&b| is_quote(b))
            })
        })
    });
    any_word(s, &CHANNELS) || into_file || copy_program
}

/// `detect-backend`: fingerprinting the database (`@@version`, `version()`, catalog tables) or
/// Fineract's own probe shape, a function call compared with itself (`crc32('a')=crc32('a')`).
fn backend_probe(s: &[u8]) -> bool {
    const FUNCTIONS: [&str; 19] = [
        "version",
        "database",
        "schema",
        "current_database",
        "current_schema",
        "current_user",
        "session_user",
        "system_user",
        "connection_id",
        "pg_client_encoding",
        "get_current_ts_config",
        "sqlite_version",
        "db_name",
        "user_name",
        "suser_name",
        "host_name",
        "last_insert_id",
        "pg_backend_pid",
        "inet_server_addr",
    ];
    const CATALOGS: [&str; 8] = [
        "information_schema",
        "pg_catalog",
        "pg_shadow",
        "sqlite_master",
        "sqlite_schema",
        "sqlite_temp_master",
        "sysobjects",
        "syscolumns",
    ];
    let variable = s
        .windows(3)
        .any(|w| w[0] == b'@' && w[1] == b'@' && is_word(w[2]));
    variable || calls(s, &FUNCTIONS) || any_word(s, &CATALOGS) || self_comparison(s)
}

/// `f(...) = f(...)` with both sides identical. The backward look for the call is bounded so a
/// long hostile value stays linear.
fn self_comparison(s: &[u8]) -> bool {
    const LOOK_BACK: usize = 256;
    s.iter().enumerate().any(|(eq, &b)| {
        if b != b'=' {
            return false;
        }
        let mut close = eq;
        while close > 0 && is_space(s[close - 1]) {
            close -= 1;
        }
        if close == 0 || s[close - 1] != b')' {
            return false;
        }
        let floor = close.saturating_sub(LOOK_BACK);
        let mut depth = 0usize;
        let mut open = None;
        for k in (floor..close).rev() {
            match s[k] {
                b')' => depth += 1,
                b'(' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        open = Some(k);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(open) = open else { return false };
        let mut start = open;
        while start > 0 && is_word(s[start - 1]) {
            start -= 1;
        }
        if start == open {
            return false;
        }
        let call = &s[start..close];
        s.get(skip_space(s, eq + 1)..)
            .is_some_and(|rest| rest.starts_with(call))
    })
}

/// `inject-comment`: `/*`, `({`, and `--` or `#` that start a comment after the value.
fn comment(s: &[u8]) -> bool {
    let breaks = |i: usize| i == 0 || is_space(s[i - 1]) || is_quote(s[i - 1]) || s[i - 1] == b')';
    s.windows(2).enumerate().any(|(i, w)| match w {
        b"/*" | b"({" => true,
        b"--" => breaks(i) || s.get(i + 2).is_none_or(|&b| is_space(b)),
        _ => false,
    }) || s
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'#' && i > 0 && breaks(i))
}
