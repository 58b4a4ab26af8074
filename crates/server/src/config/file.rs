//! The optional TOML file: a flat table whose keys are the flag names with `_` for `-`.

use std::collections::BTreeMap;
use std::path::Path;

use super::ConfigError;

/// Keys the TOML file may hold: the flag names with `_` for `-`.
pub const FILE_KEYS: [&str; 15] = [
    "listen",
    "tls",
    "data_dir",
    "database_url",
    "sqlite_synchronous",
    "db_max_connections",
    "idempotency_key_header_name",
    "idempotency_ttl_secs",
    "body_limit_bytes",
    "request_timeout_secs",
    "header_read_timeout_secs",
    "page_limit_max",
    "auth_cache_ttl_secs",
    "log",
    "web_app",
];

/// Reads the TOML file into key → text. Strings and integers are accepted; unknown keys are errors
/// (a misspelt key would otherwise be silently ignored).
pub fn read_file(path: &Path) -> Result<BTreeMap<String, String>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError(format!(
            "cannot read configuration file {}: {e}",
            path.display()
        ))
    })?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .and_then(|s| text.get(..s.start))
            .map_or(1, |before| before.matches('\n').count() + 1);
        ConfigError(format!(
            "invalid configuration file {} line {line}: {}",
            path.display(),
            e.message().split_whitespace().collect::<Vec<_>>().join(" ")
        ))
    })?;
    let mut out = BTreeMap::new();
    for (key, value) in table {
        if !FILE_KEYS.contains(&key.as_str()) {
            return Err(ConfigError(format!(
                "unknown key `{key}` in {} (known keys: {})",
                path.display(),
                FILE_KEYS.join(", ")
            )));
        }
        let text = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            other => {
                return Err(ConfigError(format!(
                    "invalid `{key}` in {}: expected a string or a whole number, found {}",
                    path.display(),
                    other.type_str()
                )))
            }
        };
        out.insert(key, text);
    }
    Ok(out)
}
