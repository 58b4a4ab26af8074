//! A built Mifos X web app served from the same origin as the API (`kassa serve --web-app DIR`), so that one
//! command gives a branch its back office, without a second server or CORS. Its runtime settings
//! (`assets/env.js`) are answered by Kassa, pointing the app at the server that serves it.

use std::path::{Component, Path, PathBuf};

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Where the web app reads its runtime settings.
pub const ENV_JS: &str = "/assets/env.js";

/// No file of a built web app comes near this; a larger one is not served.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The web app's settings: this origin, this server's default tenant. Keys it does not name keep the app's
/// own defaults.
const ENV_JS_BODY: &str = r#"// Written by Kassa: the web app talks to the server that serves it.
(function (window) {
  window["env"] = window["env"] || {};
  window["env"]["fineractApiUrls"] = window.location.origin;
  window["env"]["fineractApiUrl"] = window.location.origin;
  window["env"]["fineractPlatformTenantId"] = "default";
  window["env"]["fineractPlatformTenantIds"] = "default";
})(this);
"#;

/// The answer for `path` (as requested, percent-encoding kept), or `None` when the web app has no such
/// file. A path without an extension is one of the app's own routes and gets `index.html`.
pub async fn serve(dir: &Path, path: &str) -> Option<Response> {
    if path == ENV_JS {
        return Some(file_response("env.js", ENV_JS_BODY.as_bytes().to_vec()));
    }
    let relative = match path.trim_start_matches('/') {
        "" => "index.html",
        other => other,
    };
    let relative = Path::new(relative);
    // Plain names only: no `..`, no root, no drive, no backslash; nothing outside `dir` is reachable.
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !plain || path.contains('\\') {
        return None;
    }
    let file = match readable(&dir.join(relative)).await {
        Some(file) => file,
        None if relative.extension().is_none() => readable(&dir.join("index.html")).await?,
        None => return None,
    };
    let bytes = tokio::fs::read(&file).await.ok()?;
    let name = file.file_name()?.to_string_lossy().into_owned();
    Some(file_response(&name, bytes))
}

async fn readable(file: &Path) -> Option<PathBuf> {
    let meta = tokio::fs::metadata(file).await.ok()?;
    (meta.is_file() && meta.len() <= MAX_FILE_BYTES).then(|| file.to_path_buf())
}

fn file_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type(name)),
            // The app's bundles carry hashes in their names; index.html and env.js must be fresh.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        bytes,
    )
        .into_response()
}

fn content_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "webp" => "image/webp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}
