//! Tunables of the use-case layer, with the limits every list and cache needs.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Settings {
    /// How long an idempotency key replays its first result.
    pub idempotency_ttl: Duration,
    /// An in-flight command older than this is presumed abandoned (its process died) and its key freed.
    pub idempotency_stale_after: Duration,
    /// How long a verified credential is trusted without checking the database again. Bounds how long
    /// another replica's password or role change takes to reach this one.
    pub auth_cache_ttl: Duration,
    pub auth_cache_capacity: usize,
    /// Page size when a paged list is asked for without `limit`.
    pub page_limit_default: i64,
    /// The largest `limit` honoured; larger values are clamped.
    pub page_limit_max: i64,
    /// bcrypt cost for new password hashes.
    pub bcrypt_cost: u32,
    /// Retries of a write that hit a lock conflict, before answering 409.
    pub write_retries: u32,
    /// Whether reads keep loan rows and catalogue entries by version (`platform::read_cache`). Off, every
    /// read asks the database (the tests' ground truth).
    pub read_cache: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idempotency_ttl: Duration::from_secs(24 * 3600),
            idempotency_stale_after: Duration::from_secs(300),
            auth_cache_ttl: Duration::from_secs(60),
            auth_cache_capacity: 10_000,
            page_limit_default: 200,
            page_limit_max: 1000,
            bcrypt_cost: 10,
            write_retries: 3,
            read_cache: true,
        }
    }
}
