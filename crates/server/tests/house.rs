//! The house rules of docs/architecture.md, checked on the sources themselves: no two files of one crate
//! import each other in a circle, and files stay small.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CRATES: [&str; 6] = ["domain", "store", "app", "api", "wire", "server"];
const MAX_FILE_LINES: usize = 600;
const MAX_MEDIAN_FILE_LINES: usize = 150;

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` and `src/a/b/mod.rs` are module `a::b`; `src/lib.rs` and `src/main.rs` the root.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") || parts.is_empty() && stem == "mod" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a file without comments (doc links name paths that are no imports) and without its unit
/// tests (a `mod tests` at the end, whose `super` is the file itself).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod ").next().unwrap_or(text);
    // One line per `use` statement, however it is wrapped, so that a line tells what it declares.
    let mut out = String::new();
    let mut in_use = false;
    for line in text.lines() {
        let line = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        let trimmed = line.trim_start();
        if !in_use {
            out.push('\n');
            in_use = (trimmed.starts_with("use ")
                || trimmed.starts_with("pub use ")
                || trimmed.starts_with("pub(crate) use "))
                && !trimmed.contains(';');
            out.push_str(line);
        } else {
            out.push(' ');
            out.push_str(trimmed);
            in_use = !trimmed.contains(';');
        }
    }
    out
}

/// Every `crate::…` and `super::…` path in `code`, with `{a, b::c}` groups expanded one level.
fn paths_in(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let rest = &code[i..];
        if starts_word && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let head = &rest[..end];
            if head.ends_with("::") && rest[end..].starts_with('{') {
                let close = rest[end..].find('}').map_or(rest.len(), |c| end + c);
                for item in rest[end + 1..close].split(',') {
                    if let Some(item) = item.split_whitespace().next() {
                        out.push(format!("{head}{item}"));
                    }
                }
                i += close.max(1);
            } else {
                out.push(head.trim_end_matches(':').to_string());
                i += end.max(1);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The module file a path lands in: its longest prefix that is a module of the crate.
fn resolve(from: &[String], path: &str, modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut segments: Vec<String> = Vec::new();
    let mut base: Vec<String> = from.to_vec();
    let mut words = path.split("::").filter(|s| !s.is_empty()).peekable();
    match words.next()? {
        "crate" => base.clear(),
        "super" => {
            base.pop()?;
            while words.peek() == Some(&"super") {
                words.next();
                base.pop()?;
            }
        }
        _ => return None,
    }
    segments.extend(base);
    let mut found = None;
    if modules.contains(&segments) {
        found = Some(segments.clone());
    }
    for word in words {
        segments.push(word.to_string());
        if modules.contains(&segments) {
            found = Some(segments.clone());
        }
    }
    found
}

/// Import edges between files of one crate. A parent declaring its children is structure, not an import,
/// and is left out; a re-export is an import (a sibling reaching another through their area's face
/// depends on it).
fn import_graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.retain(|f| !f.components().any(|c| c.as_os_str() == "bin"));
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(src, f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let from = module_of(src, file);
        let text = std::fs::read_to_string(file).unwrap();
        let mut edges = BTreeSet::new();
        for line in code_of(&text).lines() {
            let line = line.trim_start();
            let declares = line.starts_with("mod ") || line.starts_with("pub mod ");
            for path in paths_in(line) {
                let Some(to) = resolve(&from, &path, &modules) else {
                    continue;
                };
                let descendant = to.len() > from.len() && to.starts_with(&from);
                if to != from && !(declares && descendant) {
                    edges.insert(to);
                }
            }
        }
        graph.insert(from, edges);
    }
    graph
}

/// Tarjan's strongly connected components of more than one file.
fn cycles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    struct State<'a> {
        graph: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on_stack: BTreeSet<&'a Vec<String>>,
        found: Vec<Vec<Vec<String>>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Vec<String>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let Some((w, _)) = graph.get_key_value(w) else {
                continue;
            };
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[w].min(s.low[v]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.index[w].min(s.low[v]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[test]
fn no_two_files_of_a_crate_import_each_other_in_a_circle() {
    let mut report = Vec::new();
    for name in CRATES {
        let src = crates_dir().join(name).join("src");
        for component in cycles(&import_graph(&src)) {
            let files: Vec<String> = component.iter().map(|m| m.join("::")).collect();
            report.push(format!("{name}: {}", files.join(" ↔ ")));
        }
    }
    assert!(report.is_empty(), "import cycles:\n{}", report.join("\n"));
}

#[test]
fn the_cycle_finder_sees_a_circle_between_siblings_and_not_in_a_parent_declaring_them() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("loans")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod loans;\n").unwrap();
    std::fs::write(
        src.join("loans/mod.rs"),
        "pub mod a;\npub mod b;\npub use a::f;\n",
    )
    .unwrap();
    std::fs::write(src.join("loans/a.rs"), "use super::b::g;\npub fn f() {}\n").unwrap();
    std::fs::write(
        src.join("loans/b.rs"),
        "use crate::loans::{a::f, mod_free};\n",
    )
    .unwrap();
    let found = cycles(&import_graph(src));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].len(), 2);
    std::fs::write(src.join("loans/b.rs"), "pub fn g() {}\n").unwrap();
    assert!(cycles(&import_graph(src)).is_empty());
}

#[test]
fn files_stay_small() {
    let mut files = Vec::new();
    for name in CRATES.iter().chain(["testkit"].iter()) {
        rust_files(&crates_dir().join(name), &mut files);
    }
    files.retain(|f| !f.components().any(|c| c.as_os_str() == "target"));
    let mut lines: Vec<(usize, PathBuf)> = files
        .into_iter()
        .map(|f| (std::fs::read_to_string(&f).unwrap().lines().count(), f))
        .collect();
    lines.sort();
    let too_long: Vec<String> = lines
        .iter()
        .filter(|(n, _)| *n > MAX_FILE_LINES)
        .map(|(n, f)| format!("{} ({n} lines)", f.display()))
        .collect();
    assert!(
        too_long.is_empty(),
        "files over {MAX_FILE_LINES} lines:\n{}",
        too_long.join("\n")
    );
    // The median is of the crates' sources, the rooms a reader walks through; test suites (`tests/`)
    // hold one scenario per function and run longer.
    let sources: Vec<usize> = lines
        .iter()
        .filter(|(_, f)| f.components().any(|c| c.as_os_str() == "src"))
        .map(|(n, _)| *n)
        .collect();
    let median = sources[sources.len() / 2];
    assert!(
        median <= MAX_MEDIAN_FILE_LINES,
        "the median source file has {median} lines"
    );
}
