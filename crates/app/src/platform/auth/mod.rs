//! HTTP Basic authentication against a tenant's users, with a credential cache and equal work for an
//! unknown user and a wrong password (so response time does not reveal which usernames exist).

mod cache;
pub mod password;

use std::sync::{Arc, OnceLock};

use base64::Engine;
use kassa_domain::organisation::user::PermissionSet;
use kassa_store::repo::platform::auth::{self as repo, LoginRecord};

use chrono::NaiveDate;
use kassa_domain::platform::configuration::names::FORCE_PASSWORD_RESET_DAYS;

use super::principal::Principal;
use crate::error::{AppError, AppResult};
use crate::platform::clock::Clock;
use crate::platform::settings::Settings;
use crate::platform::tenant::TenantCtx;
pub use cache::CredentialCache;

pub struct Authenticator {
    cache: CredentialCache,
    clock: Arc<dyn Clock>,
    bcrypt_cost: u32,
    dummy_hash: OnceLock<String>,
}

/// Fineract's rule: the password expires `days` after it was last set, once that date is before today.
pub fn password_has_expired(last_updated: NaiveDate, days: i64, today: NaiveDate) -> bool {
    u64::try_from(days)
        .ok()
        .and_then(|d| last_updated.checked_add_days(chrono::Days::new(d)))
        .is_some_and(|expires| expires < today)
}

/// `user:password` from a `Basic …` header value; None when it is not one.
pub fn parse_basic(header: &str) -> Option<(String, String)> {
    let (scheme, encoded) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

impl Authenticator {
    pub fn new(settings: &Settings, clock: Arc<dyn Clock>) -> Authenticator {
        Authenticator {
            cache: CredentialCache::new(settings.auth_cache_ttl, settings.auth_cache_capacity),
            clock,
            bcrypt_cost: settings.bcrypt_cost,
            dummy_hash: OnceLock::new(),
        }
    }

    /// Authenticates an `Authorization` header value, from the cache when it was verified recently.
    pub async fn authenticate_header(
        &self,
        tenant: &TenantCtx,
        header: &str,
    ) -> AppResult<Arc<Principal>> {
        let key = CredentialCache::key(tenant.id(), header);
        if let Some(principal) = self.cache.get(&key) {
            return Ok(principal);
        }
        let epoch = self.cache.epoch();
        let (username, password) = parse_basic(header).ok_or(AppError::Unauthenticated)?;
        let principal = Arc::new(self.verify(tenant, &username, &password).await?);
        self.cache.insert(key, principal.clone(), epoch);
        Ok(principal)
    }

    /// Checks a username and password against the tenant's users.
    pub async fn verify(
        &self,
        tenant: &TenantCtx,
        username: &str,
        password: &str,
    ) -> AppResult<Principal> {
        // No user name holds a NUL, and PostgreSQL cannot even compare one: refused as unknown.
        if username.contains('\0') {
            return Err(AppError::Unauthenticated);
        }
        // The connection goes back to the pool before the slow hash check.
        let login = {
            let mut conn = tenant.pool().acquire().await?;
            repo::find_login(&mut conn.conn(), username).await?
        };
        let stored = login.as_ref().map(|l| l.password.clone());
        let password = password.to_string();
        let dummy = self.dummy_hash().await?;
        let ok = tokio::task::spawn_blocking(move || match stored {
            Some(stored) => {
                let ok = password::verify(&password, &stored);
                // Legacy SHA-256 hashes are fast: spend a bcrypt anyway so timing matches.
                if password::kind_of(&stored) != password::HashKind::Bcrypt {
                    let _ = password::verify(&password, &dummy);
                }
                ok
            }
            None => {
                let _ = password::verify(&password, &dummy);
                false
            }
        })
        .await
        .map_err(|e| AppError::Internal(format!("password check failed: {e}")))?;
        match (ok, login) {
            (true, Some(login)) => {
                let mut conn = tenant.pool().acquire().await?;
                self.load_principal(&mut conn.conn(), tenant, login).await
            }
            _ => Err(AppError::Unauthenticated),
        }
    }

    async fn load_principal(
        &self,
        c: &mut kassa_store::Conn<'_>,
        tenant: &TenantCtx,
        login: LoginRecord,
    ) -> AppResult<Principal> {
        let roles = repo::roles_of_user(c, login.id).await?;
        let codes = repo::permission_codes_of_user(c, login.id).await?;
        let password_expired = if login.password_never_expires {
            false
        } else {
            let days = crate::platform::configuration::read_in(c, FORCE_PASSWORD_RESET_DAYS)
                .await?
                .enabled_value();
            match days {
                Some(days) => {
                    let today =
                        crate::platform::business_date::today_in(c, tenant, self.clock.now())
                            .await?;
                    password_has_expired(login.last_time_password_updated, days, today)
                }
                None => false,
            }
        };
        Ok(Principal {
            user_id: login.id,
            username: login.username,
            firstname: login.firstname,
            lastname: login.lastname,
            office_id: login.office_id,
            office_name: login.office_name,
            office_hierarchy: login.office_hierarchy,
            staff_id: login.staff_id,
            is_self_service_user: login.is_self_service_user,
            roles,
            permissions: PermissionSet::new(&codes),
            permission_codes: codes,
            password_expired,
        })
    }

    async fn dummy_hash(&self) -> AppResult<String> {
        if let Some(h) = self.dummy_hash.get() {
            return Ok(h.clone());
        }
        let cost = self.bcrypt_cost;
        let hashed =
            tokio::task::spawn_blocking(move || password::hash("kassa-timing-equaliser", cost))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?
                .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(self.dummy_hash.get_or_init(|| hashed).clone())
    }

    /// A new password hash in Kassa's storage format (`{bcrypt}`), computed off the runtime.
    pub async fn hash_password(&self, password: &str) -> AppResult<String> {
        let cost = self.bcrypt_cost;
        let password = password.to_string();
        tokio::task::spawn_blocking(move || password::hash(&password, cost))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| AppError::Internal(e.to_string()))
    }

    /// Forget every cached credential: call after any change to users, roles or permissions.
    pub fn invalidate(&self) {
        self.cache.invalidate_all();
    }

    pub fn cached_credentials(&self) -> usize {
        self.cache.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_expires_the_day_after_its_lifetime_ends() {
        let set = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let on = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        assert!(!password_has_expired(set, 30, on(1, 31)));
        assert!(password_has_expired(set, 30, on(2, 1)));
        assert!(!password_has_expired(set, -1, on(12, 31)));
    }

    #[test]
    fn a_basic_header_yields_user_and_password() {
        assert_eq!(
            parse_basic("Basic bWlmb3M6cGFzc3dvcmQ="),
            Some(("mifos".into(), "password".into()))
        );
        assert_eq!(
            parse_basic("basic bWlmb3M6cGFzc3dvcmQ="),
            Some(("mifos".into(), "password".into()))
        );
    }

    #[test]
    fn a_password_may_contain_colons() {
        let h = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("u:a:b")
        );
        assert_eq!(parse_basic(&h), Some(("u".into(), "a:b".into())));
    }

    #[test]
    fn other_schemes_and_garbage_are_not_basic() {
        for h in ["Bearer abc", "Basic", "Basic !!!", "bWlmb3M6cGFzc3dvcmQ="] {
            assert_eq!(parse_basic(h), None, "{h}");
        }
    }
}
