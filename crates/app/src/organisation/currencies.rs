//! Currencies: the platform's ISO list and the organisation's enabled subset. Later modules ask
//! [`enabled_in_tx`] whether a product or account may use a currency, and with which decimal places.

use async_trait::async_trait;
use kassa_domain::organisation::currency::{Currency, CurrencyError};
use kassa_store::repo::organisation::currency as repo;
use kassa_store::Tx;
use serde_json::{Map, Value};

use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "CURRENCY";

/// Fineract's `ApplicationCurrencyConfigurationData`: the enabled currencies, and the others.
#[derive(Debug, Clone)]
pub struct CurrencyConfiguration {
    pub selected: Vec<Currency>,
    /// Every platform currency not selected (Fineract removes the selected ones from the options).
    pub options: Vec<Currency>,
}

pub async fn configuration(
    tenant: &TenantCtx,
    principal: &Principal,
) -> AppResult<CurrencyConfiguration> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    let selected = repo::list_enabled(&mut conn.conn()).await?;
    let options = repo::list_platform(&mut conn.conn())
        .await?
        .into_iter()
        .filter(|c| !selected.iter().any(|s| s.code == c.code))
        .collect();
    Ok(CurrencyConfiguration { selected, options })
}

/// The enabled currency `code` (with its decimal places and `inMultiplesOf`), or None.
pub async fn enabled(tenant: &TenantCtx, code: &str) -> AppResult<Option<Currency>> {
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find_enabled(&mut conn.conn(), code).await?)
}

/// The enabled currency `code` inside a command; a currency the organisation has not enabled is Fineract's
/// 404 `error.msg.currency.currencyCode.invalid.or.not.supported`.
pub async fn enabled_in_tx(tx: &mut Tx, code: &str) -> AppResult<Currency> {
    Ok(repo::find_enabled(&mut tx.conn(), code)
        .await?
        .ok_or_else(|| CurrencyError::NotEnabled(code.to_string()))?)
}

/// Replaces the organisation's currencies. `codes` keeps the request's order, without repeats.
pub struct UpdateCurrencies {
    pub codes: Vec<String>,
}

#[async_trait]
impl Command for UpdateCurrencies {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let mut chosen = Vec::with_capacity(self.codes.len());
        for code in &self.codes {
            let currency = repo::find_platform(&mut tx.conn(), code)
                .await?
                .ok_or_else(|| CurrencyError::NotFound(code.clone()))?;
            chosen.push(currency);
        }
        // Nothing refers to a currency yet; products and accounts will add the in-use check
        // (`CurrencyError::InUse`) for currencies being removed.
        repo::replace_enabled_in_tx(tx, &chosen).await?;
        let mut changes = Map::new();
        changes.insert(
            "currencies".into(),
            Value::from(
                self.codes
                    .iter()
                    .map(|c| Value::from(c.as_str()))
                    .collect::<Vec<_>>(),
            ),
        );
        Ok(CommandResult {
            changes: Some(changes),
            ..Default::default()
        })
    }
}
