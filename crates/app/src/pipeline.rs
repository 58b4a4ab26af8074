//! The write pipeline every command goes through: permission → idempotency → handler → audit row, the
//! handler and its audit row in one transaction. Fineract's `m_portfolio_command_source` is the audit log
//! and the idempotency store at once.

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use kassa_domain::command::CommandStatus;
use kassa_store::repo::command_source::{self as repo, CommandRecord, CommandSubjects, NewCommand};
use kassa_store::{StoreError, Tx};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::auth::Principal;
use crate::error::{AppError, AppResult, ParamError};
use crate::tenant::TenantCtx;
use crate::App;

/// Fineract stores idempotency keys in a VARCHAR(50).
pub const IDEMPOTENCY_KEY_MAX_LEN: usize = 50;
/// How often an in-flight duplicate is re-checked before answering 425 (Fineract retries three times).
const IN_FLIGHT_CHECKS: u32 = 3;

/// Fineract's `CommandProcessingResult`; absent fields are omitted on the wire.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommandResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loan_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub savings_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_resource_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Map<String, Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollback_transaction: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_external_id: Option<String>,
}

impl CommandResult {
    pub fn resource(id: i64) -> CommandResult {
        CommandResult {
            resource_id: Some(id),
            ..Default::default()
        }
    }

    fn subjects(&self) -> CommandSubjects {
        CommandSubjects {
            office_id: self.office_id,
            group_id: self.group_id,
            client_id: self.client_id,
            loan_id: self.loan_id,
            savings_account_id: self.savings_id,
            product_id: self.product_id,
            resource_id: self.resource_id,
            subresource_id: self.sub_resource_id,
            transaction_id: self.transaction_id.clone(),
            resource_external_id: self.resource_external_id.clone(),
        }
    }
}

/// What a command is: its permission pair, where it was sent, and the raw request.
#[derive(Debug, Clone)]
pub struct CommandSpec {
    pub action: &'static str,
    pub entity: &'static str,
    pub href: String,
    pub json: String,
    pub idempotency_key: Option<String>,
}

impl CommandSpec {
    pub fn permission(&self) -> String {
        format!("{}_{}", self.action, self.entity)
    }
}

/// What the handler may know about the request besides its own input.
pub struct CommandCtx<'a> {
    pub tenant: &'a TenantCtx,
    pub principal: &'a Principal,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
}

/// A command's body: runs inside the pipeline's transaction; may be run again after a lock conflict.
#[async_trait]
pub trait Command: Send + Sync {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult>;
}

/// The HTTP answer of a command: status and exact body, replayed byte for byte for a repeated key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandOutcome {
    pub status: u16,
    pub body: String,
    pub replayed: bool,
}

/// Renders an error the way the API would answer it, so that a keyed failure replays identically.
pub type ErrorRenderer = fn(&AppError) -> (u16, String);

enum KeyState {
    Fresh,
    Replay(CommandOutcome),
    InFlight,
}

impl App {
    /// Runs `command` through the pipeline. A permission failure is answered before anything is stored,
    /// as in Fineract; every other failure is recorded in the command log with status Error.
    pub async fn execute(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: CommandSpec,
        render_error: ErrorRenderer,
        command: &dyn Command,
    ) -> AppResult<CommandOutcome> {
        principal.permissions.check_write(&spec.permission())?;
        let key = match spec.idempotency_key.as_deref().map(str::trim) {
            Some(k) if k.len() > IDEMPOTENCY_KEY_MAX_LEN => {
                return Err(AppError::validation(
                    ParamError::new(
                        "Idempotency-Key",
                        "validation.msg.idempotency.key.exceeds.max.length",
                        format!("The idempotency key exceeds the maximum length of {IDEMPOTENCY_KEY_MAX_LEN}."),
                    )
                    .with_args(vec![Value::from(IDEMPOTENCY_KEY_MAX_LEN)]),
                ));
            }
            Some("") | None => None,
            Some(k) => Some(k.to_string()),
        };
        let marker_id = match &key {
            None => None,
            Some(key) => match self.claim_key(tenant, principal, &spec, key).await? {
                Ok(id) => Some(id),
                Err(outcome) => return Ok(outcome),
            },
        };
        let mut attempt = 0;
        loop {
            match self
                .run_once(tenant, principal, &spec, marker_id, command)
                .await
            {
                Ok(outcome) => return Ok(outcome),
                Err(err) if err.is_retryable() && attempt < self.settings.write_retries => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(20 << attempt)).await;
                }
                Err(err) => {
                    self.record_failure(tenant, principal, &spec, marker_id, render_error(&err))
                        .await;
                    return Err(err);
                }
            }
        }
    }

    async fn run_once(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: &CommandSpec,
        marker_id: Option<i64>,
        command: &dyn Command,
    ) -> AppResult<CommandOutcome> {
        let now = self.clock.now();
        let ctx = CommandCtx {
            tenant,
            principal,
            now,
            today: self.today_at(tenant, now).await?,
        };
        let mut tx = tenant.pool().begin_write().await?;
        let result = command.run(&mut tx, &ctx).await?;
        let body = serde_json::to_string(&result).map_err(|e| AppError::Internal(e.to_string()))?;
        let id = match marker_id {
            Some(id) => id,
            None => {
                repo::insert_in_tx(
                    &mut tx,
                    &new_command(spec, principal, now, CommandStatus::UnderProcessing, None),
                )
                .await?
            }
        };
        repo::complete_in_tx(
            &mut tx,
            id,
            CommandStatus::Processed,
            &body,
            200,
            &result.subjects(),
        )
        .await?;
        tx.commit().await?;
        Ok(CommandOutcome {
            status: 200,
            body,
            replayed: false,
        })
    }

    /// Reserves `key` for this command (returns the marker row id), or answers with the earlier result.
    async fn claim_key(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: &CommandSpec,
        key: &str,
    ) -> AppResult<Result<i64, CommandOutcome>> {
        for check in 0..=IN_FLIGHT_CHECKS {
            match self.key_state(tenant, spec, key).await? {
                KeyState::Replay(outcome) => return Ok(Err(outcome)),
                KeyState::InFlight if check < IN_FLIGHT_CHECKS => {
                    tokio::time::sleep(Duration::from_millis(50 << check)).await;
                    continue;
                }
                KeyState::InFlight => {
                    return Err(AppError::InFlight {
                        request_json: spec.json.clone(),
                    })
                }
                KeyState::Fresh => {}
            }
            let now = self.clock.now();
            let mut tx = tenant.pool().begin_write().await?;
            let marker = new_command(
                spec,
                principal,
                now,
                CommandStatus::UnderProcessing,
                Some(key),
            );
            match repo::insert_in_tx(&mut tx, &marker).await {
                Ok(id) => {
                    tx.commit().await?;
                    return Ok(Ok(id));
                }
                // Another request took the key between our look and our insert: look again.
                Err(StoreError::Duplicate { .. }) => tx.rollback().await?,
                Err(other) => return Err(other.into()),
            }
        }
        Err(AppError::InFlight {
            request_json: spec.json.clone(),
        })
    }

    async fn key_state(
        &self,
        tenant: &TenantCtx,
        spec: &CommandSpec,
        key: &str,
    ) -> AppResult<KeyState> {
        let found = {
            let mut conn = tenant.pool().acquire().await?;
            repo::find_by_idempotency_key(&mut conn.conn(), spec.action, spec.entity, key).await?
        };
        let Some(found) = found else {
            return Ok(KeyState::Fresh);
        };
        let age = (self.clock.now() - found.made_on_date)
            .to_std()
            .unwrap_or_default();
        let status = CommandStatus::from_id(found.status);
        let reusable = match status {
            Some(CommandStatus::Processed | CommandStatus::Error) => {
                age >= self.settings.idempotency_ttl
            }
            Some(CommandStatus::UnderProcessing) => age >= self.settings.idempotency_stale_after,
            // Pending or rejected maker-checker entries do not hold their key (as in Fineract).
            _ => true,
        };
        if reusable {
            let mut tx = tenant.pool().begin_write().await?;
            repo::release_idempotency_key_in_tx(&mut tx, found.id).await?;
            tx.commit().await?;
            return Ok(KeyState::Fresh);
        }
        Ok(match status {
            Some(CommandStatus::UnderProcessing) => KeyState::InFlight,
            _ => KeyState::Replay(stored_outcome(&found)?),
        })
    }

    async fn record_failure(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: &CommandSpec,
        marker_id: Option<i64>,
        (status, body): (u16, String),
    ) {
        let result: AppResult<()> = async {
            let mut tx = tenant.pool().begin_write().await?;
            let id = match marker_id {
                Some(id) => id,
                None => {
                    let row = new_command(
                        spec,
                        principal,
                        self.clock.now(),
                        CommandStatus::Error,
                        None,
                    );
                    repo::insert_in_tx(&mut tx, &row).await?
                }
            };
            repo::complete_in_tx(
                &mut tx,
                id,
                CommandStatus::Error,
                &body,
                status,
                &CommandSubjects::default(),
            )
            .await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        if let Err(e) = result {
            tracing::error!(error = %e, action = spec.action, entity = spec.entity, "could not record a failed command");
        }
    }
}

fn new_command<'a>(
    spec: &'a CommandSpec,
    principal: &Principal,
    now: DateTime<Utc>,
    status: CommandStatus,
    key: Option<&'a str>,
) -> NewCommand<'a> {
    NewCommand {
        action_name: spec.action,
        entity_name: spec.entity,
        api_get_url: &spec.href,
        command_as_json: &spec.json,
        maker_id: principal.user_id,
        made_on: now,
        status,
        idempotency_key: key,
    }
}

fn stored_outcome(found: &CommandRecord) -> AppResult<CommandOutcome> {
    let body = found
        .result
        .clone()
        .ok_or_else(|| AppError::Internal(format!("command {} has no result", found.id)))?;
    let status = found
        .result_status_code
        .and_then(|c| u16::try_from(c).ok())
        .unwrap_or(200);
    Ok(CommandOutcome {
        status,
        body,
        replayed: true,
    })
}
