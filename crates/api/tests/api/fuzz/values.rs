//! The raw material of the fuzzer: a small seeded generator, and the hostile values it draws from. Values
//! are JSON *text* fragments, so that numbers no `f64` can hold, duplicate keys and lone surrogates reach
//! the server exactly as an attacker would write them.

/// SplitMix64: tiny, seedable, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// JSON values of every wrong kind: types, numbers beyond every range and scale, text no database stores.
pub fn hostile_json(rng: &mut Rng) -> String {
    const FIXED: &[&str] = &[
        "true",
        "false",
        "null",
        "0",
        "-1",
        "-0.0",
        "1.5",
        "1e400",
        "-1e400",
        "1e-400",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "100000000000000000000000000000000000000",
        "1000000000000000",
        "0.0000001",
        "123456789012345.1234567",
        "2147483648",
        "1000000000",
        "\"\"",
        "\" \"",
        "\"a\\u0000b\"",
        "\"\\u0000\"",
        "\"\\u0001\\u001f\\u007f\"",
        "\"\\ud800\"",
        "\"\\u202e\\ufeff\"",
        "\"\u{1F642}\"",
        "\"31 February 2024\"",
        "\"2024-02-30\"",
        "\"01 January 99999\"",
        "\"-1\"",
        "\"1e400\"",
        "\"9223372036854775808\"",
        "\"0.0000001\"",
        "\"NaN\"",
        "\"Infinity\"",
        "\"'; DROP TABLE m_office; --\"",
        "\"1 OR 1=1\"",
        "\"%00\"",
        "[]",
        "{}",
        "[1,2,3]",
        "[null]",
        "[\"\\u0000\"]",
        "{\"a\":\"\\u0000\"}",
        "{\"id\":9223372036854775808}",
        "[{\"amount\":1e400,\"dueDate\":\"\\u0000\"}]",
    ];
    match rng.below(10) {
        0 => format!("\"{}\"", "x".repeat(1 + rng.below(20_000))),
        1 => {
            let depth = 1 + rng.below(60);
            format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
        }
        2 => format!("{}", rng.next() as i64),
        3 => format!("\"{}\"", rng.next() % 100_000),
        _ => rng.pick(FIXED).to_string(),
    }
}

/// Hostile values for the keys that steer parsing of everything else.
pub fn hostile_format(rng: &mut Rng, key: &str) -> String {
    const LOCALES: &[&str] = &[
        "\"\"",
        "\"xx\"",
        "\"en_ZZ\"",
        "\"\\u0000\"",
        "\"fr\"",
        "\"de\"",
        "\"ar\"",
        "\"zh_CN\"",
        "\"ru\"",
        "\"sw\"",
        "1",
        "null",
        "[\"en\"]",
    ];
    const FORMATS: &[&str] = &[
        "\"\"",
        "\"yyyy\"",
        "\"dd MMMM yyyy'\"",
        "\"\\u0000\"",
        "\"%\"",
        "\"GGGGGGGGGGGGGG\"",
        "\"yyyy-MM-dd HH:mm:ss\"",
        "\"dd/MM/yyyy\"",
        "\"MM/dd/yyyy\"",
        "\"EEEE\"",
        "\"''''''\"",
        "\"dd MMM\"",
        "\"SSSSSSSSSSSSSSSSSSSSSSSSSSSSSS\"",
        "null",
        "7",
    ];
    match key {
        "locale" => rng.pick(LOCALES).to_string(),
        "dateFormat" => {
            if rng.chance(10) {
                format!("\"{}\"", "y".repeat(1 + rng.below(5_000)))
            } else {
                rng.pick(FORMATS).to_string()
            }
        }
        _ => hostile_json(rng),
    }
}

/// Values for a path parameter: mostly a real id, sometimes one that names nothing or is not a number.
pub fn hostile_path_value(rng: &mut Rng) -> String {
    const WILD: &[&str] = &[
        "0",
        "-1",
        "9223372036854775807",
        "9223372036854775808",
        "1.5",
        "abc",
        "%00",
        "a%00b",
        "%ff",
        "%20",
        "1%20OR%201=1",
        "%27",
        "1e3",
        "+0",
        "%F0%9F%99%82",
        "..",
    ];
    if rng.chance(10) {
        "x".repeat(1 + rng.below(3_000))
    } else {
        rng.pick(WILD).to_string()
    }
}

/// Values for a query parameter, percent-encoded where needed.
pub fn hostile_query_value(rng: &mut Rng) -> String {
    const WILD: &[&str] = &[
        "",
        "%00",
        "a%00b",
        "-1",
        "0",
        "9223372036854775807",
        "9223372036854775808",
        "1e400",
        "abc",
        "true",
        "TRUE",
        "yes",
        "2024-02-30",
        "31%20February%202024",
        "%27%3B%20DROP%20TABLE%20m_office",
        "id%20desc%3B",
        "%ff%fe",
        "%F0%9F%99%82",
        "all",
        "1,2,3",
        "null",
        "NaN",
        "%5B%5D",
        "%7B%7D",
        "displayName",
        "not%20(id%20%3D%201)",
        "id%20in%20(1%2C2)",
    ];
    if rng.chance(8) {
        "y".repeat(1 + rng.below(4_000))
    } else {
        rng.pick(WILD).to_string()
    }
}

/// Whole bodies that are not an object of values at all.
pub fn hostile_body(rng: &mut Rng) -> String {
    match rng.below(9) {
        0 => {
            let keys = 1_000 + rng.below(30_000);
            let pairs: Vec<String> = (0..keys).map(|i| format!("\"k{i}\":{i}")).collect();
            format!("{{{}}}", pairs.join(","))
        }
        1 => {
            let depth = 20 + rng.below(200);
            format!("{{\"a\":{}0{}}}", "[".repeat(depth), "]".repeat(depth))
        }
        2 => format!("{{\"a\":1,\"a\":{}}}", hostile_json(rng)),
        _ => {
            const BODIES: &[&str] = &[
                "",
                " ",
                "null",
                "[]",
                "1",
                "\"s\"",
                "{",
                "{}}",
                "{\"a\"}",
                "{\"a\":}",
                "[{}]",
                "{\"\\u0000\":1}",
                "{\"a\":1,}",
                "\u{feff}{}",
                "{\"a\":\"\\x\"}",
                "true",
            ];
            rng.pick(BODIES).to_string()
        }
    }
}

/// A hostile `Authorization` or tenant header (visible ASCII only: the HTTP layer refuses anything else
/// before Kassa sees it).
pub fn hostile_header(rng: &mut Rng) -> (&'static str, String) {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    if rng.chance(50) {
        const TENANTS: &[&str] = &[
            "",
            "nope",
            "DEFAULT",
            "default ",
            "../default",
            "default;",
            "%00",
        ];
        let tenant = if rng.chance(10) {
            "t".repeat(1 + rng.below(5_000))
        } else {
            rng.pick(TENANTS).to_string()
        };
        return ("Fineract-Platform-TenantId", tenant);
    }
    let credentials = [
        "Basic".to_string(),
        "Basic ".to_string(),
        "Basic !!!".to_string(),
        "Bearer abc".to_string(),
        format!("Basic {}", b64("mifos")),
        format!("Basic {}", b64(":")),
        format!("Basic {}", b64("a\0b:x")),
        format!("Basic {}", b64("mifos:pass\0word")),
        format!("Basic {}", b64("mifos:password:extra")),
        format!("Basic {}", b64(&format!("{}:x", "u".repeat(10_000)))),
        format!("basic {}", b64("mifos:password")),
        format!("Basic {}==", b64("mifos:password")),
    ];
    ("Authorization", rng.pick(&credentials).clone())
}
