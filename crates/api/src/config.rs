//! Settings of the HTTP layer.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// Header carrying idempotency keys (`Idempotency-Key`, or FINERACT_IDEMPOTENCY_KEY_HEADER_NAME).
    pub idempotency_header: String,
    /// Largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// Time allowed for a whole request (reading the body and answering).
    pub request_timeout: Duration,
    /// Shown by `/actuator/info`.
    pub build: BuildInfo,
    /// A built web app served at `/` from the same origin (`kassa serve --web-app DIR`).
    pub web_app: Option<PathBuf>,
}

#[derive(Debug, Clone, Default)]
pub struct BuildInfo {
    pub version: String,
    pub git_commit: String,
    pub database_backend: String,
    pub durability: String,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            idempotency_header: "Idempotency-Key".to_string(),
            body_limit_bytes: 3 * 1024 * 1024,
            request_timeout: Duration::from_secs(60),
            web_app: None,
            build: BuildInfo {
                version: env!("CARGO_PKG_VERSION").to_string(),
                ..Default::default()
            },
        }
    }
}
