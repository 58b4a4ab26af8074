//! Password preferences: which of the seeded password validation policies is active. `users` reads the
//! active one for every new password.

use async_trait::async_trait;
use kassa_domain::organisation::user::PasswordPolicy;
use kassa_domain::platform::configuration::ConfigurationError;
use kassa_store::repo::platform::configuration::{self as repo, PasswordPolicyRow};
use kassa_store::Tx;
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "PASSWORD_PREFERENCES";

/// Every policy, by id (the template).
pub async fn list(tenant: &TenantCtx, principal: &Principal) -> AppResult<Vec<PasswordPolicyRow>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list_password_policies(&mut conn.conn()).await?)
}

/// The active policy (the lowest id if several are active, as `users` reads it).
pub async fn active(tenant: &TenantCtx, principal: &Principal) -> AppResult<PasswordPolicyRow> {
    list(tenant, principal)
        .await?
        .into_iter()
        .find(|p| p.active)
        .ok_or_else(|| ConfigurationError::NoActivePasswordPolicy.into())
}

pub struct UpdatePasswordPreferences {
    pub policy_id: i64,
}

#[async_trait]
impl Command for UpdatePasswordPreferences {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let policies = repo::list_password_policies(&mut tx.conn()).await?;
        let chosen = policies
            .iter()
            .find(|p| p.id == self.policy_id)
            .ok_or(ConfigurationError::PasswordPolicyNotFound(self.policy_id))?;
        // Kassa implements each known policy in code; a row it does not know could never be enforced.
        if PasswordPolicy::from_key(&chosen.key).is_none() {
            return Err(AppError::Internal(format!(
                "password policy `{}` has no implementation",
                chosen.key
            )));
        }
        let mut changes = Map::new();
        let others_active = policies.iter().any(|p| p.active && p.id != chosen.id);
        if !chosen.active || others_active {
            repo::activate_password_policy_in_tx(tx, chosen.id).await?;
        }
        if !chosen.active {
            changes.insert("active".into(), Value::from(true));
        }
        Ok(CommandResult {
            changes: Some(changes),
            ..Default::default()
        })
    }
}
