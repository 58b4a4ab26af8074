//! A seeded, bounded mutation fuzzer over every operation of the OpenAPI document, on every backend: wrong
//! types, numbers beyond every range and scale, NUL and control characters, deep nesting, many and
//! duplicate keys, missing and unknown keys, invalid dates, formats and locales, hostile path ids and query
//! values. Every answer must be a 2xx or a 4xx carrying Fineract's envelope: never a 5xx, never a hang.
//!
//! `KASSA_FUZZ_CASES` sets the cases per backend (default below), `KASSA_FUZZ_SEED` the seed; a failure
//! prints the requests that reproduce it.

mod chart;
mod journal;
mod seeds;
mod values;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use http::Method;
use kassa_testkit::TestApp;
use serde_json::{Map, Value};

use seeds::{Fixtures, Seed};
use values::Rng;

/// Cases per backend in a plain `cargo test`: 20,000 requests a CI run (both backends), about half a
/// minute of CI time.
const DEFAULT_CASES: usize = 10_000;
const DEFAULT_SEED: u64 = 0x004B_4153_5341; // "KASSA"
/// Longer than any bounded request may take in a debug build; a request past it counts as a hang.
const HANG_AFTER: Duration = Duration::from_secs(30);
const API_BASE: &str = "/fineract-provider/api/v1";

/// One documented operation.
struct Operation {
    method: String,
    /// The OpenAPI path: below the v1 base when under it, else whole.
    path: String,
    query_params: Vec<String>,
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let query_params = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(String::from))
                .collect();
            out.push(Operation {
                method: method.clone(),
                path: path.strip_prefix(API_BASE).unwrap_or(path).to_string(),
                query_params,
            });
        }
    }
    out
}

/// A generated request.
struct Case {
    method: Method,
    uri: String,
    body: Option<String>,
    idempotency_key: Option<String>,
    /// A replacement for the caller's `Authorization` or tenant header.
    header: Option<(&'static str, String)>,
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body = self.body.as_deref().unwrap_or("");
        let shown: String = body.chars().take(600).collect();
        let cut = if body.len() > shown.len() { "…" } else { "" };
        write!(f, "{} {} {shown}{cut}", self.method, self.uri)?;
        match &self.header {
            Some((name, value)) => write!(f, " [{name}: {value}]"),
            None => Ok(()),
        }
    }
}

/// `path` with each `{param}` replaced by `value(param)`.
fn substitute(path: &str, mut value: impl FnMut(&str) -> String) -> String {
    path.split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(param) => value(param),
                None => segment.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

/// The real object's id for a path parameter, or a plausible one.
fn real_value(fixtures: &Fixtures, path: &str, param: &str) -> String {
    // Users and roles never get id 1: the fuzzer must not lock its own administrator out.
    let fallback = if matches!(param, "userId" | "roleId") {
        "999"
    } else {
        "1"
    };
    fixtures
        .value(path, param)
        .unwrap_or_else(|| fallback.into())
}

fn fill_path(rng: &mut Rng, fixtures: &Fixtures, path: &str) -> String {
    substitute(path, |param| {
        if rng.chance(15) {
            values::hostile_path_value(rng)
        } else {
            real_value(fixtures, path, param)
        }
    })
}

/// Placeholders put into a JSON value where a raw fragment goes after serialisation.
fn placeholder(n: usize) -> String {
    format!("\u{1}FUZZ{n}\u{1}")
}

fn placeholder_text(n: usize) -> String {
    format!("\"\\u0001FUZZ{n}\\u0001\"")
}

fn mutate_body(rng: &mut Rng, seed: Option<&Value>) -> String {
    if rng.chance(8) {
        return values::hostile_body(rng);
    }
    let mut body = match seed {
        Some(Value::Object(map)) => map.clone(),
        Some(other) if rng.chance(50) => return other.to_string(),
        _ => Map::new(),
    };
    let mut fragments: Vec<String> = Vec::new();
    let mut duplicates: Vec<(String, String)> = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let keys: Vec<String> = body.keys().cloned().collect();
        let key = (!keys.is_empty()).then(|| rng.pick(&keys).clone());
        match (rng.below(100), key) {
            (0..=49, Some(key)) => {
                fragments.push(values::hostile_format(rng, &key));
                body.insert(key, Value::from(placeholder(fragments.len() - 1)));
            }
            (50..=64, Some(key)) => {
                body.remove(&key);
            }
            (65..=74, Some(key)) => {
                duplicates.push((key.clone(), values::hostile_format(rng, &key)))
            }
            (75..=89, Some(key)) => {
                fragments.push(values::hostile_json(rng));
                let mark = Value::from(placeholder(fragments.len() - 1));
                match body.get_mut(&key) {
                    Some(Value::Array(items)) if !items.is_empty() => {
                        let at = rng.below(items.len());
                        match &mut items[at] {
                            Value::Object(inner) if !inner.is_empty() => {
                                let inner_keys: Vec<String> = inner.keys().cloned().collect();
                                inner.insert(rng.pick(&inner_keys).clone(), mark);
                            }
                            item => *item = mark,
                        }
                    }
                    Some(Value::Object(inner)) if !inner.is_empty() => {
                        let inner_keys: Vec<String> = inner.keys().cloned().collect();
                        inner.insert(rng.pick(&inner_keys).clone(), mark);
                    }
                    Some(slot) => *slot = mark,
                    None => {}
                }
            }
            _ => {
                fragments.push(values::hostile_json(rng));
                let name = if rng.chance(50) {
                    "zzUnknown".to_string()
                } else {
                    "id".to_string()
                };
                body.insert(name, Value::from(placeholder(fragments.len() - 1)));
            }
        }
    }
    let mut text = Value::Object(body).to_string();
    for (n, fragment) in fragments.iter().enumerate() {
        text = text.replace(&placeholder_text(n), fragment);
    }
    for (key, fragment) in duplicates {
        if let Some(end) = text.rfind('}') {
            let sep = if text[..end].trim_end().ends_with('{') {
                ""
            } else {
                ","
            };
            text.insert_str(end, &format!("{sep}\"{key}\":{fragment}"));
        }
    }
    text
}

fn mutate_query(rng: &mut Rng, op: &Operation, seed: Option<&Seed>) -> String {
    let mut pairs: Vec<String> = seed
        .filter(|s| !s.query.is_empty())
        .map(|s| s.query.split('&').map(String::from).collect())
        .unwrap_or_default();
    if rng.chance(40) {
        for name in &op.query_params {
            if rng.chance(30) {
                pairs.retain(|p| !p.starts_with(&format!("{name}=")));
                pairs.push(format!("{name}={}", values::hostile_query_value(rng)));
            }
        }
    }
    if rng.chance(3) {
        pairs.push(format!("zz%00={}", values::hostile_query_value(rng)));
    }
    pairs.join("&")
}

fn generate(rng: &mut Rng, op: &Operation, seeds: &[&Seed], fixtures: &Fixtures) -> Case {
    let seed = (!seeds.is_empty() && rng.chance(80)).then(|| *rng.pick(seeds));
    let method = Method::from_bytes(op.method.to_uppercase().as_bytes()).unwrap_or(Method::GET);
    let path = fill_path(rng, fixtures, &op.path);
    let query = mutate_query(rng, op, seed);
    let uri = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    let body = matches!(method, Method::POST | Method::PUT)
        .then(|| mutate_body(rng, seed.map(|s| &s.body)));
    let idempotency_key = rng.chance(3).then(|| match rng.below(3) {
        0 => "k".repeat(51 + rng.below(500)),
        1 => "%00".into(),
        _ => format!("fuzz-{}", rng.below(5)),
    });
    let header = rng.chance(4).then(|| values::hostile_header(rng));
    Case {
        method,
        uri,
        body,
        idempotency_key,
        header,
    }
}

/// What went wrong with one case, if anything.
fn judge(status: u16, json: &Value) -> Option<String> {
    if status >= 500 {
        return Some(format!("answered {status}"));
    }
    if status >= 400 {
        let has_envelope = json["userMessageGlobalisationCode"].is_string()
            && json["httpStatusCode"].as_str() == Some(status.to_string().as_str());
        if !has_envelope {
            return Some(format!("answered {status} without Fineract's envelope"));
        }
    }
    None
}

async fn fuzz(app: &TestApp, cases: usize, seed: u64) -> (Vec<String>, BTreeMap<u16, usize>) {
    let doc = app
        .get("/fineract-provider/fineract.json")
        .send()
        .await
        .json;
    let ops = operations(&doc);
    assert!(ops.len() > 100, "the OpenAPI document looks truncated");
    let fixtures = seeds::create(app).await;
    let all_seeds = seeds::seeds(&fixtures);
    let mut rng = Rng::new(seed);
    let mut failures = Vec::new();
    let mut statuses = BTreeMap::new();
    let trace = env_number("KASSA_FUZZ_TRACE", 0) == 1;
    for i in 0..cases {
        let op = &ops[i % ops.len()];
        let matching: Vec<&Seed> = all_seeds
            .iter()
            .filter(|s| s.method == op.method && s.path == op.path)
            .collect();
        let case = generate(&mut rng, op, &matching, &fixtures);
        let mut req = app.req(case.method.clone(), &case.uri);
        if let Some(body) = &case.body {
            req = req.raw_body(body);
        }
        if let Some(key) = &case.idempotency_key {
            req = req.header("Idempotency-Key", key);
        }
        if let Some((name, value)) = &case.header {
            req = req.header(name, value);
        }
        let verdict = match tokio::time::timeout(HANG_AFTER, req.send()).await {
            Err(_) => Some(format!("took over {} s", HANG_AFTER.as_secs())),
            Ok(resp) => {
                *statuses.entry(resp.status.as_u16()).or_insert(0) += 1;
                // KASSA_FUZZ_TRACE=1 lists every write that changed something, to find which one left
                // a later failure behind.
                if trace && resp.status.is_success() && case.method != Method::GET {
                    eprintln!("case {i} → {}: {case}", resp.status.as_u16());
                }
                judge(resp.status.as_u16(), &resp.json).map(|why| {
                    let text: String = resp.text.chars().take(300).collect();
                    format!("{why}: {text}")
                })
            }
        };
        if let Some(why) = verdict {
            failures.push(format!("case {i}: {case}\n    → {why}"));
        }
    }
    // The fuzzer must not have locked its administrator out, or the later cases tested nothing.
    app.get("/offices").send().await.expect(200);
    (failures, statuses)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_requests_to_every_operation_get_a_2xx_or_an_enveloped_4xx_never_a_5xx() {
    let cases = env_number("KASSA_FUZZ_CASES", DEFAULT_CASES as u64) as usize;
    let seed = env_number("KASSA_FUZZ_SEED", DEFAULT_SEED);
    let mut report = Vec::new();
    for app in TestApp::all().await {
        let started = Instant::now();
        let (failures, statuses) = fuzz(&app, cases, seed).await;
        eprintln!(
            "fuzz on {}: {cases} cases (seed {seed}) in {:.1} s; statuses {statuses:?}; {} failures",
            app.backend,
            started.elapsed().as_secs_f64(),
            failures.len()
        );
        report.extend(
            failures
                .into_iter()
                .map(|f| format!("[{}] {f}", app.backend)),
        );
    }
    assert!(
        report.is_empty(),
        "{} hostile requests were mishandled (first 40):\n{}",
        report.len(),
        report
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The document's promise about a query parameter's type is kept: a declared integer refuses a value that
/// is not a 64-bit integer (a 400) instead of ignoring it. (Booleans read anything but `true` as false, as
/// JAX-RS's `Boolean.valueOf` does in Fineract.)
#[tokio::test]
async fn declared_integer_query_parameters_refuse_what_is_not_an_integer() {
    for app in TestApp::all().await {
        let doc = app
            .get("/fineract-provider/fineract.json")
            .send()
            .await
            .json;
        let fixtures = seeds::create(&app).await;
        let mut accepted = Vec::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            let Some(op) = item.get("get") else { continue };
            let relative = path.strip_prefix(API_BASE).unwrap_or(path);
            let concrete = substitute(relative, |param| real_value(&fixtures, relative, param));
            for param in op["parameters"].as_array().into_iter().flatten() {
                if param["in"] != "query" {
                    continue;
                }
                let kind = &param["schema"]["type"];
                let integer = kind == "integer"
                    || kind
                        .as_array()
                        .is_some_and(|a| a.contains(&Value::from("integer")));
                if !integer {
                    continue;
                }
                let bad = "9223372036854775808";
                let name = param["name"].as_str().unwrap_or("");
                let r = app.get(&format!("{concrete}?{name}={bad}")).send().await;
                if r.status.is_success() {
                    accepted.push(format!("GET {path}?{name}={bad} → {}", r.status));
                }
            }
        }
        assert!(accepted.is_empty(), "{}: {accepted:#?}", app.backend);
    }
}
