//! The command line. Flags only carry raw text here; `config` decides precedence (flag > env > file >
//! default) and validates, so that every configuration mistake is reported the same way whatever its source.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "kassa",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("KASSA_GIT_COMMIT"), ")"),
    about = "Apache Fineract compatible core banking server",
    after_help = "Every option can also be set in the environment (KASSA_LISTEN, KASSA_TLS, …) or in the \
                  TOML file given by --config / KASSA_CONFIG. A flag beats the environment, which beats the file."
)]
pub struct Cli {
    #[command(flatten)]
    pub flags: Flags,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the REST API (the default when no command is given).
    Serve(Database),
    /// Create or upgrade the registry and every tenant's database, then exit.
    Migrate(Database),
    /// Manage tenants.
    #[command(subcommand)]
    Tenant(TenantCommand),
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Register a tenant and create and migrate its database.
    Add(TenantAdd),
    /// List registered tenants.
    List,
}

#[derive(Debug, Args)]
pub struct TenantAdd {
    /// Tenant identifier, as sent in `Fineract-Platform-TenantId` (a-z, 0-9, `_`, `-`; at most 32).
    pub id: String,
    /// Display name [default: the id].
    #[arg(long)]
    pub name: Option<String>,
    /// IANA time zone of the tenant's business dates.
    #[arg(long, default_value = "UTC")]
    pub timezone: String,
    /// The tenant's own database: `postgres://…`, or a SQLite file path. Default: next to the other
    /// tenants (a file in the data directory, or a schema in KASSA_DATABASE_URL).
    #[arg(long = "database-url", value_name = "URL")]
    pub database_url: Option<String>,
}

/// `--database-url` after `serve` or `migrate`. It is not a global flag because `tenant add --database-url`
/// names the new tenant's own database; before any subcommand it is the server's.
#[derive(Debug, Default, Args)]
pub struct Database {
    /// Same as the top-level --database-url [env: KASSA_DATABASE_URL]
    #[arg(long = "database-url", value_name = "URL")]
    pub database_url: Option<String>,
}

/// Server-wide options; global (but for --database-url) so that `kassa --listen X serve` and
/// `kassa serve --listen X` agree.
#[derive(Debug, Default, Args)]
#[command(next_help_heading = "Server options")]
pub struct Flags {
    /// TOML configuration file [env: KASSA_CONFIG]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Address and port to listen on [env: KASSA_LISTEN] [default: 127.0.0.1:8443]
    #[arg(long, global = true, value_name = "ADDR:PORT")]
    pub listen: Option<String>,
    /// `self-signed`, `off`, or `CERT_PATH,KEY_PATH` [env: KASSA_TLS] [default: self-signed]
    #[arg(long, global = true, value_name = "MODE")]
    pub tls: Option<String>,
    /// Directory for SQLite files and the generated certificate [env: KASSA_DATA_DIR] [default: ./kassa-data]
    #[arg(long = "data-dir", global = true, value_name = "DIR")]
    pub data_dir: Option<String>,
    /// `postgres://…` to use PostgreSQL; unset for SQLite in the data directory [env: KASSA_DATABASE_URL]
    #[arg(long = "database-url", value_name = "URL")]
    pub database_url: Option<String>,
    /// SQLite `synchronous`: `full` or `normal` [env: KASSA_SQLITE_SYNCHRONOUS] [default: full]
    #[arg(long = "sqlite-synchronous", global = true, value_name = "MODE")]
    pub sqlite_synchronous: Option<String>,
    /// Connections per tenant pool [env: KASSA_DB_MAX_CONNECTIONS] [default: 16]
    #[arg(long = "db-max-connections", global = true, value_name = "N")]
    pub db_max_connections: Option<String>,
    /// Idempotency key header [env: KASSA_IDEMPOTENCY_KEY_HEADER_NAME or FINERACT_IDEMPOTENCY_KEY_HEADER_NAME]
    /// [default: Idempotency-Key]
    #[arg(
        long = "idempotency-key-header-name",
        global = true,
        value_name = "NAME"
    )]
    pub idempotency_key_header_name: Option<String>,
    /// Seconds an idempotency key replays its result [env: KASSA_IDEMPOTENCY_TTL_SECS] [default: 86400]
    #[arg(long = "idempotency-ttl-secs", global = true, value_name = "SECS")]
    pub idempotency_ttl_secs: Option<String>,
    /// Largest request body in bytes [env: KASSA_BODY_LIMIT_BYTES] [default: 3145728]
    #[arg(long = "body-limit-bytes", global = true, value_name = "BYTES")]
    pub body_limit_bytes: Option<String>,
    /// Seconds allowed for a whole request [env: KASSA_REQUEST_TIMEOUT_SECS] [default: 60]
    #[arg(long = "request-timeout-secs", global = true, value_name = "SECS")]
    pub request_timeout_secs: Option<String>,
    /// Seconds allowed to send request headers (and to keep an idle connection open)
    /// [env: KASSA_HEADER_READ_TIMEOUT_SECS] [default: 10]
    #[arg(long = "header-read-timeout-secs", global = true, value_name = "SECS")]
    pub header_read_timeout_secs: Option<String>,
    /// Largest page `limit` honoured [env: KASSA_PAGE_LIMIT_MAX] [default: 1000]
    #[arg(long = "page-limit-max", global = true, value_name = "N")]
    pub page_limit_max: Option<String>,
    /// Seconds a verified credential is trusted without the database [env: KASSA_AUTH_CACHE_TTL_SECS]
    /// [default: 60]
    #[arg(long = "auth-cache-ttl-secs", global = true, value_name = "SECS")]
    pub auth_cache_ttl_secs: Option<String>,
    /// Log filter, tracing `EnvFilter` syntax [env: KASSA_LOG] [default: info,sqlx=warn]
    #[arg(long, global = true, value_name = "FILTER")]
    pub log: Option<String>,
    /// A built Mifos X web app to serve from the same origin as the API, with its `assets/env.js` answered
    /// so that it talks to this server [env: KASSA_WEB_APP]
    #[arg(long = "web-app", global = true, value_name = "DIR")]
    pub web_app: Option<String>,
}
