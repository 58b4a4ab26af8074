use std::sync::Arc;

use kassa_store::registry::Tenant;
use kassa_store::{PoolOptions, Registry};

/// A registry with the tenant `default`, on one backend.
pub struct Store {
    pub backend: &'static str,
    pub registry: Registry,
    pub tenant: Arc<Tenant>,
    _dir: tempfile::TempDir,
    _pg: Option<PgDb>,
}

struct PgDb {
    admin: String,
    name: String,
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let pool = sqlx::PgPool::connect(&admin).await.unwrap();
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .execute(&pool)
                    .await;
            });
        })
        .join();
    }
}

pub async fn sqlite() -> Store {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path(), None, PoolOptions::default())
        .await
        .unwrap();
    let tenant = registry
        .add_tenant("default", "Default", "UTC", None)
        .await
        .unwrap();
    Store {
        backend: "sqlite",
        registry,
        tenant,
        _dir: dir,
        _pg: None,
    }
}

pub async fn postgres() -> Option<Store> {
    let admin = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.is_empty())?;
    let name = format!("kassa_test_{}", uuid::Uuid::new_v4().simple());
    let pool = sqlx::PgPool::connect(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let pg = PgDb {
        admin: admin.clone(),
        name: name.clone(),
    };
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
    let url = format!("{base}/{name}");
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open(dir.path(), Some(&url), PoolOptions::default())
        .await
        .unwrap();
    let tenant = registry
        .add_tenant("default", "Default", "UTC", None)
        .await
        .unwrap();
    Some(Store {
        backend: "postgresql",
        registry,
        tenant,
        _dir: dir,
        _pg: Some(pg),
    })
}

pub async fn all() -> Vec<Store> {
    let mut v = vec![sqlite().await];
    v.extend(postgres().await);
    v
}
