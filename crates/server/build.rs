//! Records the git commit the binary was built from, for `/actuator/info`. A build without git (a source
//! tarball, a container) still succeeds and reports "unknown"; `KASSA_GIT_COMMIT` overrides both.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=KASSA_GIT_COMMIT");
    let commit = std::env::var("KASSA_GIT_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=KASSA_GIT_COMMIT={commit}");
    watch_git_head();
}

/// Output of a git command, or None when git is missing or fails.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// Rebuilds when HEAD moves. Only existing files are watched: cargo treats a missing one as always changed.
fn watch_git_head() {
    let mut files: Vec<PathBuf> = Vec::new();
    if let Some(head) = git(&["rev-parse", "--git-path", "HEAD"]) {
        files.push(PathBuf::from(head));
    }
    if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(path) = git(&["rev-parse", "--git-path", &reference]) {
            files.push(PathBuf::from(path));
        }
    }
    if let Some(packed) = git(&["rev-parse", "--git-path", "packed-refs"]) {
        files.push(PathBuf::from(packed));
    }
    for file in files.iter().filter(|f| Path::new(f).exists()) {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    // Without this line cargo would rerun the script whenever any file of the package changes.
    println!("cargo:rerun-if-changed=build.rs");
}
