//! Configuration from flags, environment and an optional TOML file (in that order of precedence), validated
//! once at startup. Every mistake becomes one line naming where the bad value came from.

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use http::HeaderName;
use kassa_api::{ApiConfig, BuildInfo};
use kassa_app::Settings;
use kassa_store::{Backend, Durability, PoolOptions};

use crate::cli::Flags;
use crate::tls::TlsMode;

/// `info`, without sqlx's per-statement and PostgreSQL NOTICE chatter ("schema already exists, skipping").
pub const DEFAULT_LOG: &str = "info,sqlx=warn";

/// Everything the binary needs, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub tls: TlsMode,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub durability: Durability,
    pub db_max_connections: u32,
    pub idempotency_header: String,
    pub idempotency_ttl: Duration,
    pub body_limit_bytes: usize,
    pub request_timeout: Duration,
    pub header_read_timeout: Duration,
    pub page_limit_max: i64,
    pub auth_cache_ttl: Duration,
    pub log: String,
    /// A built web app's directory, served at `/` (`--web-app`).
    pub web_app: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// One setting: its flag, its environment variables (first wins) and its key in the TOML file.
struct Key {
    flag: &'static str,
    env: &'static [&'static str],
    file: &'static str,
}

const LISTEN: Key = key("listen", &["KASSA_LISTEN"]);
const TLS: Key = key("tls", &["KASSA_TLS"]);
const DATA_DIR: Key = key("data-dir", &["KASSA_DATA_DIR"]);
const DATABASE_URL: Key = key("database-url", &["KASSA_DATABASE_URL"]);
const SQLITE_SYNCHRONOUS: Key = key("sqlite-synchronous", &["KASSA_SQLITE_SYNCHRONOUS"]);
const DB_MAX_CONNECTIONS: Key = key("db-max-connections", &["KASSA_DB_MAX_CONNECTIONS"]);
const IDEMPOTENCY_HEADER: Key = key(
    "idempotency-key-header-name",
    &[
        "KASSA_IDEMPOTENCY_KEY_HEADER_NAME",
        "FINERACT_IDEMPOTENCY_KEY_HEADER_NAME",
    ],
);
const IDEMPOTENCY_TTL: Key = key("idempotency-ttl-secs", &["KASSA_IDEMPOTENCY_TTL_SECS"]);
const BODY_LIMIT: Key = key("body-limit-bytes", &["KASSA_BODY_LIMIT_BYTES"]);
const REQUEST_TIMEOUT: Key = key("request-timeout-secs", &["KASSA_REQUEST_TIMEOUT_SECS"]);
const HEADER_READ_TIMEOUT: Key = key(
    "header-read-timeout-secs",
    &["KASSA_HEADER_READ_TIMEOUT_SECS"],
);
const PAGE_LIMIT_MAX: Key = key("page-limit-max", &["KASSA_PAGE_LIMIT_MAX"]);
const AUTH_CACHE_TTL: Key = key("auth-cache-ttl-secs", &["KASSA_AUTH_CACHE_TTL_SECS"]);
const LOG: Key = key("log", &["KASSA_LOG"]);
const WEB_APP: Key = key("web-app", &["KASSA_WEB_APP"]);

const fn key(flag: &'static str, env: &'static [&'static str]) -> Key {
    Key {
        flag,
        env,
        file: flag,
    }
}

/// Where a value came from, for error messages.
enum Source {
    Flag(&'static str),
    Env(&'static str),
    File(PathBuf, &'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "--{flag}"),
            Source::Env(var) => write!(f, "{var}"),
            Source::File(path, key) => {
                write!(f, "`{}` in {}", key.replace('-', "_"), path.display())
            }
        }
    }
}

struct Value {
    text: String,
    source: Source,
}

impl Value {
    fn invalid(&self, expected: &str) -> ConfigError {
        ConfigError(format!(
            "invalid {} `{}`: expected {expected}",
            self.source, self.text
        ))
    }
}

/// The layers a setting is looked up in.
struct Layers<'a> {
    env: &'a dyn Fn(&str) -> Option<String>,
    file: Option<(PathBuf, BTreeMap<String, String>)>,
}

impl Layers<'_> {
    fn get(&self, key: &Key, flag: &Option<String>) -> Option<Value> {
        if let Some(text) = flag {
            return Some(Value {
                text: text.clone(),
                source: Source::Flag(key.flag),
            });
        }
        for var in key.env {
            // An empty variable counts as unset, as container tooling often exports `X=`.
            if let Some(text) = (self.env)(var).filter(|t| !t.trim().is_empty()) {
                return Some(Value {
                    text,
                    source: Source::Env(var),
                });
            }
        }
        let (path, table) = self.file.as_ref()?;
        let text = table.get(&key.file.replace('-', "_"))?;
        Some(Value {
            text: text.clone(),
            source: Source::File(path.clone(), key.file),
        })
    }
}

impl Config {
    /// Resolves the configuration from flags, the process environment and the optional file.
    pub fn load(flags: &Flags) -> Result<Config, ConfigError> {
        Self::resolve(flags, &|name| std::env::var(name).ok())
    }

    /// Resolution with an injectable environment (tests pass a map).
    pub fn resolve(
        flags: &Flags,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let file_path = match &flags.config {
            Some(path) => Some(path.clone()),
            None => env("KASSA_CONFIG")
                .filter(|p| !p.trim().is_empty())
                .map(PathBuf::from),
        };
        let file = file_path
            .map(|p| file::read_file(&p).map(|t| (p, t)))
            .transpose()?;
        let layers = Layers { env, file };
        let f = flags;

        let listen = match layers.get(&LISTEN, &f.listen) {
            None => SocketAddr::from(([127, 0, 0, 1], 8443)),
            Some(v) => v
                .text
                .trim()
                .parse()
                .map_err(|_| v.invalid("ADDR:PORT such as 127.0.0.1:8443 or [::]:8443"))?,
        };
        let tls = match layers.get(&TLS, &f.tls) {
            None => TlsMode::SelfSigned,
            Some(v) => TlsMode::parse(&v.text)
                .ok_or_else(|| v.invalid("`self-signed`, `off` or `CERT_PATH,KEY_PATH`"))?,
        };
        let data_dir = match layers.get(&DATA_DIR, &f.data_dir) {
            None => PathBuf::from("./kassa-data"),
            Some(v) if v.text.trim().is_empty() => return Err(v.invalid("a directory path")),
            Some(v) => PathBuf::from(v.text),
        };
        let database_url = match layers.get(&DATABASE_URL, &f.database_url) {
            None => None,
            Some(v) if v.text.trim().is_empty() => None,
            Some(v) if is_postgres_url(&v.text) => Some(v.text.trim().to_string()),
            Some(v) => {
                return Err(ConfigError(format!(
                    "invalid {}: expected a postgres:// or postgresql:// URL (leave it unset for SQLite)",
                    v.source
                )))
            }
        };
        let durability = match layers.get(&SQLITE_SYNCHRONOUS, &f.sqlite_synchronous) {
            None => Durability::Full,
            Some(v) => match v.text.trim().to_ascii_lowercase().as_str() {
                "full" => Durability::Full,
                "normal" => Durability::Normal,
                _ => return Err(v.invalid("`full` or `normal`")),
            },
        };
        let db_max_connections = number(
            &layers,
            &DB_MAX_CONNECTIONS,
            &f.db_max_connections,
            16,
            1,
            10_000,
        )?;
        let idempotency_header =
            match layers.get(&IDEMPOTENCY_HEADER, &f.idempotency_key_header_name) {
                None => "Idempotency-Key".to_string(),
                Some(v) => {
                    let name = v.text.trim();
                    HeaderName::from_bytes(name.as_bytes())
                        .map_err(|_| v.invalid("an HTTP header name such as Idempotency-Key"))?;
                    name.to_string()
                }
            };
        let idempotency_ttl_secs = number(
            &layers,
            &IDEMPOTENCY_TTL,
            &f.idempotency_ttl_secs,
            86_400,
            1,
            10 * 365 * 86_400,
        )?;
        let body_limit_bytes = number(
            &layers,
            &BODY_LIMIT,
            &f.body_limit_bytes,
            // A client photo of up to 2 MiB arrives as a data URL, a third larger.
            3 * 1024 * 1024,
            1,
            1 << 30,
        )?;
        let request_timeout_secs = number(
            &layers,
            &REQUEST_TIMEOUT,
            &f.request_timeout_secs,
            60,
            1,
            86_400,
        )?;
        let header_read_timeout_secs = number(
            &layers,
            &HEADER_READ_TIMEOUT,
            &f.header_read_timeout_secs,
            10,
            1,
            3_600,
        )?;
        let page_limit_max = number(
            &layers,
            &PAGE_LIMIT_MAX,
            &f.page_limit_max,
            1000,
            1,
            1_000_000,
        )?;
        let auth_cache_ttl_secs = number(
            &layers,
            &AUTH_CACHE_TTL,
            &f.auth_cache_ttl_secs,
            60,
            0,
            86_400,
        )?;
        let log = match layers.get(&LOG, &f.log) {
            None => DEFAULT_LOG.to_string(),
            Some(v) => {
                tracing_subscriber::EnvFilter::try_new(v.text.trim()).map_err(|_| {
                    v.invalid("a log filter such as `info` or `kassa=debug,sqlx=warn`")
                })?;
                v.text.trim().to_string()
            }
        };

        let web_app = match layers.get(&WEB_APP, &f.web_app) {
            None => None,
            Some(v) if v.text.trim().is_empty() => None,
            Some(v) => {
                let dir = PathBuf::from(v.text.trim());
                if !dir.join("index.html").is_file() {
                    return Err(v.invalid("a built web app's directory, holding index.html"));
                }
                Some(dir)
            }
        };

        Ok(Config {
            listen,
            tls,
            data_dir,
            database_url,
            durability,
            db_max_connections: u32::try_from(db_max_connections).unwrap_or(u32::MAX),
            idempotency_header,
            idempotency_ttl: Duration::from_secs(idempotency_ttl_secs),
            body_limit_bytes: usize::try_from(body_limit_bytes).unwrap_or(usize::MAX),
            request_timeout: Duration::from_secs(request_timeout_secs),
            header_read_timeout: Duration::from_secs(header_read_timeout_secs),
            page_limit_max: i64::try_from(page_limit_max).unwrap_or(i64::MAX),
            auth_cache_ttl: Duration::from_secs(auth_cache_ttl_secs),
            log,
            web_app,
        })
    }

    pub fn pool_options(&self) -> PoolOptions {
        PoolOptions {
            durability: self.durability,
            max_connections: self.db_max_connections,
            ..PoolOptions::default()
        }
    }

    pub fn settings(&self) -> Settings {
        let defaults = Settings::default();
        Settings {
            idempotency_ttl: self.idempotency_ttl,
            // A command still running is not abandoned: never free its key before the request could time out.
            idempotency_stale_after: defaults
                .idempotency_stale_after
                .max(self.request_timeout * 2),
            auth_cache_ttl: self.auth_cache_ttl,
            page_limit_default: defaults.page_limit_default.min(self.page_limit_max),
            page_limit_max: self.page_limit_max,
            ..defaults
        }
    }

    pub fn api_config(&self, backend: Backend) -> ApiConfig {
        ApiConfig {
            idempotency_header: self.idempotency_header.clone(),
            body_limit_bytes: self.body_limit_bytes,
            request_timeout: self.request_timeout,
            web_app: self.web_app.clone(),
            build: BuildInfo {
                version: env!("CARGO_PKG_VERSION").to_string(),
                git_commit: env!("KASSA_GIT_COMMIT").to_string(),
                database_backend: backend.name().to_string(),
                durability: durability_name(backend, self.durability).to_string(),
            },
        }
    }
}

/// The durability mode as reported: SQLite's `synchronous` setting; PostgreSQL decides its own.
pub fn durability_name(backend: Backend, durability: Durability) -> &'static str {
    match backend {
        Backend::Sqlite => durability.name(),
        Backend::Postgres => "server",
    }
}

fn is_postgres_url(url: &str) -> bool {
    let url = url.trim();
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

fn number(
    layers: &Layers<'_>,
    key: &Key,
    flag: &Option<String>,
    default: u64,
    min: u64,
    max: u64,
) -> Result<u64, ConfigError> {
    let Some(v) = layers.get(key, flag) else {
        return Ok(default);
    };
    match v.text.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(v.invalid(&format!("a whole number from {min} to {max}"))),
    }
}

mod file;
#[cfg(test)]
mod tests;
