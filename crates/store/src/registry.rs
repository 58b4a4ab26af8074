//! The tenant registry: tenant ids, names, time zones and where each tenant's database is. Tenants never
//! share tables: on SQLite each has its own file, on PostgreSQL its own schema (or its own database URL).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};

use crate::db::{Pool, PoolOptions};
use crate::error::{StoreError, StoreResult};
use crate::on;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantRecord {
    pub id: String,
    pub name: String,
    pub timezone: String,
    pub database_url: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct TenantRow {
    id: String,
    name: String,
    timezone: String,
    database_url: Option<String>,
    created_at: DateTime<Utc>,
}

impl From<TenantRow> for TenantRecord {
    fn from(r: TenantRow) -> Self {
        TenantRecord {
            id: r.id,
            name: r.name,
            timezone: r.timezone,
            database_url: r.database_url,
            created_at: r.created_at,
        }
    }
}

/// An open tenant: its record and its connection pool.
#[derive(Debug)]
pub struct Tenant {
    pub record: TenantRecord,
    pub pool: Pool,
}

#[derive(Debug, Clone)]
enum Home {
    SqliteDir(PathBuf),
    Postgres(String),
}

pub struct Registry {
    pool: Pool,
    home: Home,
    options: PoolOptions,
    open: RwLock<HashMap<String, Arc<Tenant>>>,
    opening: tokio::sync::Mutex<()>,
}

/// Tenant ids become file and schema names, so they are restricted to a safe alphabet.
pub fn validate_tenant_id(id: &str) -> StoreResult<()> {
    let ok = !id.is_empty()
        && id.len() <= 32
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && id.as_bytes()[0].is_ascii_alphanumeric();
    if ok {
        Ok(())
    } else {
        Err(StoreError::Config(format!(
            "tenant id `{id}` must be 1-32 characters of a-z, 0-9, `_` or `-`, starting with a letter or digit"
        )))
    }
}

fn schema_name(tenant_id: &str) -> String {
    format!("tenant_{}", tenant_id.replace('-', "_"))
}

impl Registry {
    /// Opens the registry: `data_dir/kassa.sqlite` when `database_url` is None, else the given PostgreSQL
    /// database (tables in its default schema, tenants in schemas next to it).
    pub async fn open(
        data_dir: &Path,
        database_url: Option<&str>,
        options: PoolOptions,
    ) -> StoreResult<Registry> {
        let (pool, home) = match database_url {
            None => {
                std::fs::create_dir_all(data_dir.join("tenants")).map_err(|e| {
                    StoreError::Config(format!("cannot create {}: {e}", data_dir.display()))
                })?;
                let pool = Pool::open_sqlite(&data_dir.join("kassa.sqlite"), &options).await?;
                (pool, Home::SqliteDir(data_dir.to_path_buf()))
            }
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                let small = PoolOptions {
                    max_connections: 4,
                    ..options.clone()
                };
                (
                    Pool::open_postgres(url, None, &small).await?,
                    Home::Postgres(url.to_string()),
                )
            }
            Some(other) => {
                let scheme = other.split(':').next().unwrap_or_default();
                return Err(StoreError::Config(format!(
                    "unsupported database URL scheme `{scheme}`: use postgres://… or leave it unset for SQLite"
                )));
            }
        };
        pool.migrate_registry().await?;
        Ok(Registry {
            pool,
            home,
            options,
            open: RwLock::new(HashMap::new()),
            opening: tokio::sync::Mutex::new(()),
        })
    }

    pub fn backend(&self) -> crate::Backend {
        self.pool.backend()
    }

    pub fn durability(&self) -> crate::Durability {
        self.options.durability
    }

    pub async fn find_record(&self, id: &str) -> StoreResult<Option<TenantRecord>> {
        let mut c = self.pool.acquire().await?;
        let sql =
            "SELECT id, name, timezone, database_url, created_at FROM kassa_tenant WHERE id = $1";
        let row: Option<TenantRow> =
            on!(&mut c.conn(), c => sqlx::query_as(sql).bind(id).fetch_optional(c).await?);
        Ok(row.map(TenantRecord::from))
    }

    pub async fn list(&self) -> StoreResult<Vec<TenantRecord>> {
        let mut c = self.pool.acquire().await?;
        let sql =
            "SELECT id, name, timezone, database_url, created_at FROM kassa_tenant ORDER BY id";
        let rows: Vec<TenantRow> = on!(&mut c.conn(), c => sqlx::query_as(sql).fetch_all(c).await?);
        Ok(rows.into_iter().map(TenantRecord::from).collect())
    }

    /// Registers a tenant and creates and migrates its database. Adding an existing id only migrates it.
    pub async fn add_tenant(
        &self,
        id: &str,
        name: &str,
        timezone: &str,
        database_url: Option<&str>,
    ) -> StoreResult<Arc<Tenant>> {
        validate_tenant_id(id)?;
        let mut inserted = false;
        if self.find_record(id).await?.is_none() {
            let mut c = self.pool.acquire().await?;
            let sql = "INSERT INTO kassa_tenant (id, name, timezone, database_url, created_at) \
                       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING";
            on!(&mut c.conn(), c => sqlx::query(sql)
                .bind(id).bind(name).bind(timezone).bind(database_url).bind(Utc::now())
                .execute(c).await.map(|r| inserted = r.rows_affected() == 1)?);
        }
        match self.get(id).await {
            Ok(Some(tenant)) => Ok(tenant),
            Ok(None) => Err(StoreError::Config(format!(
                "tenant `{id}` vanished while being added"
            ))),
            Err(e) => {
                // A tenant whose database cannot be opened or migrated must not stay registered: every
                // request to it would fail, and `tenant add` could not be retried.
                if inserted {
                    let mut c = self.pool.acquire().await?;
                    on!(&mut c.conn(), c => sqlx::query("DELETE FROM kassa_tenant WHERE id = $1")
                        .bind(id).execute(c).await.map(|_| ())?);
                }
                Err(e)
            }
        }
    }

    /// The open tenant with this id, opening (and migrating) its database on first use. Unknown → None.
    pub async fn get(&self, id: &str) -> StoreResult<Option<Arc<Tenant>>> {
        if let Some(t) = self.cached(id) {
            return Ok(Some(t));
        }
        if validate_tenant_id(id).is_err() {
            return Ok(None);
        }
        let _guard = self.opening.lock().await;
        if let Some(t) = self.cached(id) {
            return Ok(Some(t));
        }
        let Some(record) = self.find_record(id).await? else {
            return Ok(None);
        };
        let pool = self.open_tenant_pool(&record).await?;
        pool.migrate_tenant().await?;
        let tenant = Arc::new(Tenant { record, pool });
        if let Ok(mut map) = self.open.write() {
            map.insert(id.to_string(), tenant.clone());
        }
        Ok(Some(tenant))
    }

    fn cached(&self, id: &str) -> Option<Arc<Tenant>> {
        self.open.read().ok().and_then(|m| m.get(id).cloned())
    }

    async fn open_tenant_pool(&self, record: &TenantRecord) -> StoreResult<Pool> {
        let schema = schema_name(&record.id);
        match (&self.home, record.database_url.as_deref()) {
            (Home::SqliteDir(dir), None) => {
                Pool::open_sqlite(
                    &dir.join("tenants").join(format!("{}.sqlite", record.id)),
                    &self.options,
                )
                .await
            }
            (Home::Postgres(url), None) => {
                self.pool.create_schema(&schema).await?;
                Pool::open_postgres(url, Some(&schema), &self.options).await
            }
            (_, Some(url))
                if url.starts_with("postgres://") || url.starts_with("postgresql://") =>
            {
                let admin = Pool::open_postgres(
                    url,
                    None,
                    &PoolOptions {
                        max_connections: 1,
                        ..self.options.clone()
                    },
                )
                .await?;
                admin.create_schema(&schema).await?;
                admin.close().await;
                Pool::open_postgres(url, Some(&schema), &self.options).await
            }
            (_, Some(path)) => {
                let path = path.strip_prefix("sqlite://").unwrap_or(path);
                Pool::open_sqlite(Path::new(path), &self.options).await
            }
        }
    }

    pub async fn close(&self) {
        let tenants: Vec<Arc<Tenant>> = self
            .open
            .read()
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default();
        for t in tenants {
            t.pool.close().await;
        }
        self.pool.close().await;
    }
}
