//! Verified credentials, so that bcrypt runs once per credential rather than once per request. Keyed by a
//! SHA-256 of tenant and Authorization header (the plain text is never kept), bounded, expiring, and
//! dropped wholesale when any user, role or permission changes on this replica.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::Principal;

type Key = [u8; 32];

struct Entry {
    principal: Arc<Principal>,
    inserted: Instant,
    epoch: u64,
}

pub struct CredentialCache {
    entries: Mutex<HashMap<Key, Entry>>,
    epoch: AtomicU64,
    ttl: Duration,
    capacity: usize,
}

impl CredentialCache {
    pub fn new(ttl: Duration, capacity: usize) -> CredentialCache {
        CredentialCache {
            entries: Mutex::new(HashMap::new()),
            epoch: AtomicU64::new(0),
            ttl,
            capacity,
        }
    }

    pub fn key(tenant_id: &str, authorization: &str) -> Key {
        let mut h = Sha256::new();
        h.update(tenant_id.as_bytes());
        h.update([0u8]);
        h.update(authorization.as_bytes());
        h.finalize().into()
    }

    pub fn get(&self, key: &Key) -> Option<Arc<Principal>> {
        let epoch = self.epoch.load(Ordering::Acquire);
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(key)?;
        (entry.epoch == epoch && entry.inserted.elapsed() < self.ttl)
            .then(|| entry.principal.clone())
    }

    /// Caches a principal verified while the epoch was `epoch` (read before verifying, so a change that
    /// lands during verification is not masked).
    pub fn insert(&self, key: Key, principal: Arc<Principal>, epoch: u64) {
        if self.capacity == 0 {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= self.capacity {
            let current = self.epoch.load(Ordering::Acquire);
            entries.retain(|_, e| e.epoch == current && e.inserted.elapsed() < self.ttl);
            if entries.len() >= self.capacity {
                // Still full of live entries: start over rather than track recency on the hot path.
                entries.clear();
            }
        }
        entries.insert(
            key,
            Entry {
                principal,
                inserted: Instant::now(),
                epoch,
            },
        );
    }

    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    /// Drops every cached credential (a password, role or permission changed).
    pub fn invalidate_all(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kassa_domain::organisation::user::PermissionSet;

    fn principal(id: i64) -> Arc<Principal> {
        Arc::new(Principal {
            user_id: id,
            username: format!("u{id}"),
            firstname: String::new(),
            lastname: String::new(),
            office_id: 1,
            office_name: "Head Office".into(),
            office_hierarchy: ".".into(),
            staff_id: None,
            is_self_service_user: false,
            roles: vec![],
            permission_codes: vec![],
            password_expired: false,
            permissions: PermissionSet::default(),
        })
    }

    #[test]
    fn the_key_depends_on_tenant_and_header_and_hides_the_header() {
        let a = CredentialCache::key("default", "Basic bWlmb3M6cGFzc3dvcmQ=");
        assert_ne!(
            a,
            CredentialCache::key("acme", "Basic bWlmb3M6cGFzc3dvcmQ=")
        );
        assert_ne!(
            a,
            CredentialCache::key("default", "Basic bWlmb3M6cGFzc3dvcmR4")
        );
    }

    #[test]
    fn invalidation_drops_entries_cached_before_it() {
        let cache = CredentialCache::new(Duration::from_secs(60), 10);
        let key = CredentialCache::key("t", "h");
        let epoch = cache.epoch();
        cache.insert(key, principal(1), epoch);
        assert!(cache.get(&key).is_some());
        cache.invalidate_all();
        assert!(cache.get(&key).is_none());
        // A verification that started before the invalidation must not repopulate the cache.
        cache.insert(key, principal(1), epoch);
        assert!(cache.get(&key).is_none());
    }

    #[test]
    fn entries_expire_after_the_ttl() {
        let cache = CredentialCache::new(Duration::from_millis(0), 10);
        let key = CredentialCache::key("t", "h");
        cache.insert(key, principal(1), cache.epoch());
        assert!(cache.get(&key).is_none());
    }

    #[test]
    fn the_cache_never_grows_past_its_capacity() {
        let cache = CredentialCache::new(Duration::from_secs(60), 3);
        for i in 0..10 {
            cache.insert(
                CredentialCache::key("t", &i.to_string()),
                principal(i),
                cache.epoch(),
            );
            assert!(cache.len() <= 3);
        }
    }
}
