//! Global configuration: reads for the API, the `UPDATE_CONFIGURATION` command, and the typed accessor
//! other use cases call ([`App::configuration`], or [`read_in`] inside a write).

use async_trait::async_trait;
use chrono::{Datelike, NaiveDate};
use kassa_domain::platform::configuration::{
    ConfigurationError, ConfigurationField, ConfigurationUpdate, GlobalConfiguration,
};
use kassa_store::repo::platform::configuration as repo;
use kassa_store::{Conn, Tx};
use serde_json::{Map, Value};

use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;
use crate::App;

pub const ENTITY: &str = "CONFIGURATION";

/// What other code needs of one configuration: its switch and values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigValue {
    pub enabled: bool,
    pub value: Option<i64>,
    pub string_value: Option<String>,
    pub date_value: Option<NaiveDate>,
}

impl ConfigValue {
    /// The number, but only while the configuration is enabled (e.g. `force-password-reset-days`).
    pub fn enabled_value(&self) -> Option<i64> {
        if self.enabled {
            self.value
        } else {
            None
        }
    }
}

impl From<GlobalConfiguration> for ConfigValue {
    fn from(c: GlobalConfiguration) -> Self {
        ConfigValue {
            enabled: c.enabled,
            value: c.value,
            string_value: c.string_value,
            date_value: c.date_value,
        }
    }
}

impl App {
    /// The configuration called `name` (see `kassa_domain::platform::configuration::names`); an unknown name is
    /// Fineract's 404 `error.msg.configuration.property.invalid`.
    pub async fn configuration(&self, tenant: &TenantCtx, name: &str) -> AppResult<ConfigValue> {
        let mut conn = tenant.pool().acquire().await?;
        read_in(&mut conn.conn(), name).await
    }
}

/// [`App::configuration`] on a given connection, e.g. inside a command's transaction.
pub async fn read_in(c: &mut Conn<'_>, name: &str) -> AppResult<ConfigValue> {
    let found = repo::find_by_name(c, name)
        .await?
        .ok_or_else(|| ConfigurationError::NameNotFound(name.to_string()))?;
    Ok(found.into())
}

pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<Vec<GlobalConfiguration>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list(&mut conn.conn()).await?)
}

pub async fn get(
    tenant: &TenantCtx,
    principal: &Principal,
    id: i64,
) -> AppResult<GlobalConfiguration> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find(&mut conn.conn(), id)
        .await?
        .ok_or(ConfigurationError::NotFound(id))?)
}

pub async fn get_by_name(
    tenant: &TenantCtx,
    principal: &Principal,
    name: &str,
) -> AppResult<GlobalConfiguration> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find_by_name(&mut conn.conn(), name)
        .await?
        .ok_or_else(|| ConfigurationError::NameNotFound(name.to_string()))?)
}

/// The id of the configuration called `name`, for `PUT /configurations/name/{name}`.
pub async fn id_of_name(tenant: &TenantCtx, name: &str) -> AppResult<i64> {
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find_by_name(&mut conn.conn(), name)
        .await?
        .ok_or_else(|| ConfigurationError::NameNotFound(name.to_string()))?
        .id)
}

pub struct UpdateConfiguration {
    pub id: i64,
    pub update: ConfigurationUpdate,
}

#[async_trait]
impl Command for UpdateConfiguration {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = repo::find(&mut tx.conn(), self.id)
            .await?
            .ok_or(ConfigurationError::NotFound(self.id))?;
        let (next, changed) = current.apply(&self.update)?;
        if !changed.is_empty() {
            repo::update_in_tx(tx, &next).await?;
        }
        // Fineract's changes hold the new typed values; a null value is dropped, a date is `[y,m,d]`.
        let mut changes = Map::new();
        for field in changed {
            let (key, value) = match field {
                ConfigurationField::Enabled => ("enabled", Some(Value::from(next.enabled))),
                ConfigurationField::Value => ("value", next.value.map(Value::from)),
                ConfigurationField::DateValue => ("dateValue", next.date_value.map(date_array)),
                ConfigurationField::StringValue => {
                    ("stringValue", next.string_value.clone().map(Value::from))
                }
            };
            if let Some(value) = value {
                changes.insert(key.to_string(), value);
            }
        }
        Ok(CommandResult {
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// A date as Fineract's Gson writes it.
pub(crate) fn date_array(d: NaiveDate) -> Value {
    Value::from(vec![
        Value::from(d.year()),
        Value::from(d.month()),
        Value::from(d.day()),
    ])
}
