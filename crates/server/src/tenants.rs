//! Registry operations shared by `serve`, `migrate` and `tenant …`: opening the registry with the default
//! tenant in place, adding and listing tenants.

use std::path::{Path, PathBuf};

use std::time::Duration;

use kassa_store::{Pool, PoolOptions, Registry, TenantRecord};

use crate::cli::TenantAdd;
use crate::config::{Config, ConfigError};
use crate::error::Error;

pub const DEFAULT_TENANT_ID: &str = "default";
/// Fineract's demo tenant, as its Docker images create it.
const DEFAULT_TENANT_NAME: &str = "Default Demo Tenant";
const DEFAULT_TENANT_TIMEZONE: &str = "Asia/Kolkata";

/// Opens (creating and migrating) the registry and makes sure the tenant `default` exists and is migrated.
pub async fn open_registry(config: &Config) -> Result<Registry, Error> {
    let registry = Registry::open(
        &config.data_dir,
        config.database_url.as_deref(),
        config.pool_options(),
    )
    .await
    .map_err(Error::store("cannot open the tenant registry"))?;
    // Adding an existing tenant only opens and migrates it.
    registry
        .add_tenant(
            DEFAULT_TENANT_ID,
            DEFAULT_TENANT_NAME,
            DEFAULT_TENANT_TIMEZONE,
            None,
        )
        .await
        .map_err(Error::store("cannot open tenant `default`"))?;
    Ok(registry)
}

/// Opens every registered tenant, which applies pending migrations; returns their ids.
pub async fn migrate_all(registry: &Registry) -> Result<Vec<String>, Error> {
    let mut migrated = Vec::new();
    let records = registry
        .list()
        .await
        .map_err(Error::store("cannot list tenants"))?;
    for record in records {
        registry
            .get(&record.id)
            .await
            .map_err(Error::store(format!(
                "cannot migrate tenant `{}`",
                record.id
            )))?;
        migrated.push(record.id);
    }
    Ok(migrated)
}

/// Validates and registers a new tenant, creating and migrating its database.
pub async fn add(registry: &Registry, args: &TenantAdd) -> Result<TenantRecord, Error> {
    kassa_store::registry::validate_tenant_id(&args.id).map_err(Error::store("invalid tenant"))?;
    if args.timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(ConfigError(format!(
            "unknown time zone `{}`: expected an IANA name such as UTC or Africa/Nairobi",
            args.timezone
        ))
        .into());
    }
    let database_url = args
        .database_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(tenant_database_location)
        .transpose()?;
    let adding = format!("cannot add tenant `{}`", args.id);
    if registry
        .find_record(&args.id)
        .await
        .map_err(Error::store(&adding))?
        .is_some()
    {
        return Err(Error::TenantExists(args.id.clone()));
    }
    if let Some(url) = &database_url {
        probe(url, registry).await.map_err(Error::store(&adding))?;
    }
    let name = args.name.as_deref().unwrap_or(&args.id);
    let tenant = registry
        .add_tenant(&args.id, name, &args.timezone, database_url.as_deref())
        .await
        .map_err(Error::store(&adding))?;
    Ok(tenant.record.clone())
}

/// Connects to a tenant's own database before it is registered: the registry keeps a record whose database
/// could not be opened, and every later start would then trip over it.
async fn probe(url: &str, registry: &Registry) -> Result<(), kassa_store::StoreError> {
    let options = PoolOptions {
        durability: registry.durability(),
        max_connections: 1,
        acquire_timeout: Duration::from_secs(5),
    };
    let pool = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Pool::open_postgres(url, None, &options).await?
    } else {
        Pool::open_sqlite(Path::new(url), &options).await?
    };
    pool.close().await;
    Ok(())
}

/// A PostgreSQL URL as given; a SQLite path made absolute, since the registry outlives the current directory.
fn tenant_database_location(url: &str) -> Result<String, Error> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(url.to_string());
    }
    let path = url.strip_prefix("sqlite://").unwrap_or(url);
    if path.contains("://") || path.starts_with("sqlite:") {
        return Err(ConfigError(format!(
            "invalid --database-url `{}`: expected postgres://… or a SQLite file path",
            mask_password(url)
        ))
        .into());
    }
    let absolute = std::path::absolute(Path::new(path))
        .map_err(|e| ConfigError(format!("invalid --database-url `{path}`: {e}")))?;
    Ok(absolute.display().to_string())
}

/// Rows for `kassa tenant list`: id, name, time zone and where the data lives (passwords masked).
pub fn describe(records: &[TenantRecord], config: &Config) -> Vec<[String; 4]> {
    records
        .iter()
        .map(|r| {
            let location = match (&r.database_url, &config.database_url) {
                (Some(url), _) => mask_password(url),
                (None, None) => tenant_file(&config.data_dir, &r.id).display().to_string(),
                (None, Some(_)) => "own schema in KASSA_DATABASE_URL".to_string(),
            };
            [r.id.clone(), r.name.clone(), r.timezone.clone(), location]
        })
        .collect()
}

fn tenant_file(data_dir: &Path, id: &str) -> PathBuf {
    data_dir.join("tenants").join(format!("{id}.sqlite"))
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn mask_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_database_urls_are_masked() {
        assert_eq!(
            mask_password("postgres://kassa:s3cret@db:5432/kassa"),
            "postgres://kassa:***@db:5432/kassa"
        );
        assert_eq!(mask_password("postgres://db/kassa"), "postgres://db/kassa");
        assert_eq!(
            mask_password("/var/lib/acme.sqlite"),
            "/var/lib/acme.sqlite"
        );
    }
}
