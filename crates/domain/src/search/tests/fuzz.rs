//! Random input, from a fixed-seed generator so that a failure reproduces: the parser never panics, and
//! whatever it accepts stays inside the limits and prints back to the same tree.

use super::super::{MAX_COMPARISONS, MAX_INPUT_CHARS};
use super::*;

/// xorshift64*: small, deterministic, good enough to spread inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Parses `input`; an accepted search must respect the limits and survive a print/parse round trip.
fn check(input: &str) -> bool {
    let Ok(expr) = parse(input, CLIENTS) else {
        return false;
    };
    assert!(input.chars().count() <= MAX_INPUT_CHARS);
    assert!(expr.comparisons() <= MAX_COMPARISONS, "{input:?}");
    let printed = print(&expr);
    match parse(&printed, CLIENTS) {
        Ok(again) => assert_eq!(again, expr, "{input:?} printed as {printed:?}"),
        Err(e) => panic!("{input:?} printed as {printed:?}, which is refused: {e}"),
    }
    true
}

#[test]
fn random_byte_strings_never_panic_the_parser() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_printable_ascii_never_panics_the_parser() {
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let len = rng.below(120);
        let text: String = (0..len)
            .map(|_| char::from(b' ' + rng.below(95) as u8))
            .collect();
        check(&text);
    }
}

const FRAGMENTS: &[&str] = &[
    "firstname",
    "c.lastname",
    "DISPLAY_NAME",
    "office_id",
    "id",
    "is_staff",
    "activation_date",
    "password",
    "m_client.status_enum",
    "and",
    "OR",
    "not",
    "Not",
    "like",
    "in",
    "is",
    "null",
    "true",
    "false",
    "=",
    "!=",
    "<>",
    "<",
    "<=",
    ">",
    ">=",
    "(",
    ")",
    ",",
    ".",
    "'Amara%'",
    "'O''Brien'",
    "''",
    "'2024-01-31'",
    "'2024-02-30'",
    "'%_'",
    "1",
    "-5",
    "2.5",
    "9223372036854775808",
    "'",
    "--",
    "/*",
    ";",
    "#",
    "\\",
    "\u{2019}",
    "\0",
    "union select",
    "sleep(5)",
    "0x41",
    "'é'",
    "\"",
    "`",
    "drop table m_client",
];

#[test]
fn random_token_soup_never_panics_and_what_parses_round_trips() {
    // Mostly grammar-shaped pieces, sometimes a stray fragment, so that many soups parse and the rest
    // fail deep inside the parser rather than at the first token.
    const PIECES: &[&str] = &[
        "firstname = 'a'",
        "office_id in (1, 2)",
        "is_staff = true",
        "mobile_no is not null",
        "c.display_name like '%b_'",
        "and",
        "and",
        "or",
        "or",
        "(",
        ")",
        "not (",
    ];
    let mut rng = Rng(7);
    let mut accepted = 0;
    for _ in 0..30_000 {
        let count = 1 + rng.below(12);
        let mut text = String::new();
        for _ in 0..count {
            let piece = if rng.below(8) == 0 {
                rng.pick(FRAGMENTS)
            } else {
                rng.pick(PIECES)
            };
            text.push_str(piece);
            if rng.below(5) != 0 {
                text.push(' ');
            }
        }
        accepted += usize::from(check(&text));
    }
    assert!(
        accepted > 500,
        "only {accepted} random searches were accepted"
    );
}

/// Searches that parse, as seeds for mutation and for grammar-shaped generation.
const VALID: &[&str] = &[
    "firstname like 'Amara%'",
    "(c.office_id in (1, 2, 3) or is_staff = true) and not (lastname = 'O''Brien')",
    "activation_date >= '2024-01-01' and activation_date < '2025-01-01' and mobile_no is not null",
    "display_name not like '%x_y%' or status_enum not in (300, 600) or external_id is null",
];

#[test]
fn mutated_valid_searches_never_panic_the_parser() {
    let mut rng = Rng(2024);
    for seed in VALID {
        assert!(check(seed), "{seed}");
    }
    for _ in 0..30_000 {
        let mut bytes = VALID[rng.below(VALID.len())].as_bytes().to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(3) {
                0 if at < bytes.len() => {
                    bytes.remove(at);
                }
                1 if at < bytes.len() => bytes[at] = rng.next() as u8,
                _ => bytes.insert(at, b"'()=,.%_ \\-#;"[rng.below(13)]),
            }
        }
        check(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn every_prefix_of_a_valid_search_is_handled_without_panicking() {
    for seed in VALID {
        for (end, _) in seed.char_indices() {
            check(&seed[..end]);
        }
    }
}

/// Random trees of the grammar, written as text: each must parse and print back to itself.
fn grammar(rng: &mut Rng, depth: usize, out: &mut String) {
    const LEAVES: &[&str] = &[
        "firstname = 'a'",
        "c.lastname <> 'O''Brien'",
        "office_id in (1, 2)",
        "id >= -3",
        "is_staff = false",
        "mobile_no is null",
        "display_name not like '%a_'",
        "activation_date < '2024-12-31'",
        "status_enum not in (100)",
        "external_id is not null",
    ];
    match rng.below(if depth == 0 { 1 } else { 4 }) {
        0 => out.push_str(rng.pick(LEAVES)),
        choice => {
            if choice == 3 {
                out.push_str("not ");
            }
            out.push('(');
            grammar(rng, depth - 1, out);
            out.push_str(if rng.below(2) == 0 { " and " } else { " or " });
            grammar(rng, depth - 1, out);
            out.push(')');
        }
    }
}

#[test]
fn random_searches_from_the_grammar_parse_and_print_back_to_the_same_tree() {
    let mut rng = Rng(99);
    for _ in 0..5_000 {
        let mut text = String::new();
        grammar(&mut rng, 3, &mut text);
        assert!(check(&text), "refused: {text}");
    }
}
