//! The write pipeline every command goes through: permission → idempotency → handler → audit row, the
//! handler and its audit row in one transaction. Fineract's `m_portfolio_command_source` is the audit log
//! and the idempotency store at once.

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use kassa_domain::platform::command::{must_wait_for_approval, CheckerError, CommandStatus};
use kassa_store::repo::platform::command_source::{
    self as repo, CommandRecord, CommandSubjects, NewCommand,
};
use kassa_store::{StoreError, Tx};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult, ParamError};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;
use crate::App;

tokio::task_local! {
    /// The HTTP request being served; the API layer sets it around every handler so that the command log
    /// can record how to re-execute a command held for approval.
    pub static REQUEST_LINE: RequestLine;
    /// Set while an approved maker-checker entry is re-executed: the command completes that entry.
    pub static APPROVAL: Approval;
}

/// Method, and path with query relative to the API base (`/offices/3?command=x`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    pub method: String,
    pub path: String,
}

/// A maker-checker entry being re-executed on a checker's approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approval {
    pub command_id: i64,
    pub checker_id: i64,
}

/// What the command log stores instead of a secret (`password`, `repeatPassword`).
pub const SECRET_MASK: &str = "*****";

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
        if let Ok(approval) = APPROVAL.try_with(|a| *a) {
            // An approved entry runs once, as the checker approved it; a failure leaves it waiting.
            return self
                .run_once(tenant, principal, &spec, Some(approval.command_id), command)
                .await;
        }
        if self
            .must_wait_for_approval(tenant, principal, &spec)
            .await?
        {
            return match self.hold(tenant, principal, &spec, command).await {
                Ok(outcome) => Ok(outcome),
                Err(err) => {
                    self.record_failure(tenant, principal, &spec, None, render_error(&err))
                        .await;
                    Err(err)
                }
            };
        }
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
        let approval = APPROVAL.try_with(|a| *a).ok();
        let mut tx = tenant.pool().begin_write().await?;
        if let Some(approval) = approval {
            crate::platform::maker_checker::lock_waiting_entry(&mut tx, approval.command_id)
                .await?;
        }
        let mut result = command.run(&mut tx, &ctx).await?;
        if let Some(approval) = approval {
            result.command_id = Some(approval.command_id);
        }
        let body = serde_json::to_string(&result).map_err(|e| AppError::Internal(e.to_string()))?;
        let id = match marker_id {
            Some(id) => id,
            None => {
                let request = current_request();
                repo::insert_in_tx(
                    &mut tx,
                    &new_command(
                        spec,
                        principal,
                        now,
                        CommandStatus::UnderProcessing,
                        request.as_ref(),
                    ),
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
        if let Some(approval) = approval {
            repo::mark_checked_in_tx(
                &mut tx,
                id,
                approval.checker_id,
                now,
                CommandStatus::Processed,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(CommandOutcome {
            status: 200,
            body,
            replayed: false,
        })
    }

    /// Whether this write waits for a checker (maker-checker on, the permission flagged, the maker no
    /// checker super-user).
    async fn must_wait_for_approval(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: &CommandSpec,
    ) -> AppResult<bool> {
        if principal.permissions.is_checker_super_user() {
            return Ok(false);
        }
        let switches = {
            let mut conn = tenant.pool().acquire().await?;
            repo::maker_checker_switches(&mut conn.conn(), &spec.permission()).await?
        };
        Ok(must_wait_for_approval(
            switches.enabled,
            switches.permission_is_maker_checker,
            &principal.permissions,
        ))
    }

    /// Fineract's maker step: the command runs in full (so its validation errors are answered now), its
    /// transaction is rolled back, and the command log keeps it as awaiting approval. Such an entry holds
    /// no idempotency key, as in Fineract.
    async fn hold(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: &CommandSpec,
        command: &dyn Command,
    ) -> AppResult<CommandOutcome> {
        if carries_masked_secret(&spec.json) {
            return Err(CheckerError::SecretCannotWait(spec.permission()).into());
        }
        let now = self.clock.now();
        let ctx = CommandCtx {
            tenant,
            principal,
            now,
            today: self.today_at(tenant, now).await?,
        };
        let mut tx = tenant.pool().begin_write().await?;
        command.run(&mut tx, &ctx).await?;
        tx.rollback().await?;

        let resource_id = resource_id_of(&spec.href);
        let mut tx = tenant.pool().begin_write().await?;
        let request = current_request();
        let id = repo::insert_in_tx(
            &mut tx,
            &new_command(
                spec,
                principal,
                now,
                CommandStatus::AwaitingApproval,
                request.as_ref(),
            ),
        )
        .await?;
        let result = CommandResult {
            command_id: Some(id),
            resource_id,
            rollback_transaction: Some(true),
            ..Default::default()
        };
        let body = serde_json::to_string(&result).map_err(|e| AppError::Internal(e.to_string()))?;
        let subjects = CommandSubjects {
            resource_id,
            ..Default::default()
        };
        repo::complete_in_tx(
            &mut tx,
            id,
            CommandStatus::AwaitingApproval,
            &body,
            200,
            &subjects,
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
    /// The key belongs to this user's request to this method and path: another user, or another place,
    /// never sees its answer.
    async fn claim_key(
        &self,
        tenant: &TenantCtx,
        principal: &Principal,
        spec: &CommandSpec,
        key: &str,
    ) -> AppResult<Result<i64, CommandOutcome>> {
        let request = keyed_request_line(spec);
        let body_sha256 = body_digest(&spec.json);
        for check in 0..=IN_FLIGHT_CHECKS {
            match self
                .key_state(tenant, principal, &request, &body_sha256, key)
                .await?
            {
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
            let marker = NewCommand {
                idempotency_key: Some(key),
                request_body_sha256: Some(&body_sha256),
                ..new_command(
                    spec,
                    principal,
                    now,
                    CommandStatus::UnderProcessing,
                    Some(&request),
                )
            };
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
        principal: &Principal,
        request: &RequestLine,
        body_sha256: &str,
        key: &str,
    ) -> AppResult<KeyState> {
        let found = {
            let mut conn = tenant.pool().acquire().await?;
            repo::find_by_idempotency_key(
                &mut conn.conn(),
                principal.user_id,
                &request.method,
                &request.path,
                key,
            )
            .await?
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
        // Rows written before bodies were hashed: the hash is of the logged body, so it can be recomputed.
        let stored_sha256 = found
            .request_body_sha256
            .clone()
            .unwrap_or_else(|| body_digest(&found.command_as_json));
        if stored_sha256 != body_sha256 {
            // A retry repeats its body; a different body under the same key is a client bug, and
            // answering it with the first body's result would claim a change that was never made.
            return Err(AppError::IdempotencyKeyReused {
                key: key.to_string(),
            });
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
                    let request = current_request();
                    let row = new_command(
                        spec,
                        principal,
                        self.clock.now(),
                        CommandStatus::Error,
                        request.as_ref(),
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
    request: Option<&'a RequestLine>,
) -> NewCommand<'a> {
    NewCommand {
        action_name: spec.action,
        entity_name: spec.entity,
        api_get_url: &spec.href,
        command_as_json: &spec.json,
        maker_id: principal.user_id,
        made_on: now,
        status,
        idempotency_key: None,
        request_method: request.map(|r| r.method.as_str()),
        request_path: request.map(|r| r.path.as_str()),
        request_body_sha256: None,
    }
}

/// Where a keyed command was sent: the HTTP request line, or for a caller outside HTTP (a job) the
/// command's own action and href, so that its key is still scoped to one kind of request.
fn keyed_request_line(spec: &CommandSpec) -> RequestLine {
    current_request().unwrap_or_else(|| RequestLine {
        method: spec.action.to_string(),
        path: spec.href.clone(),
    })
}

/// SHA-256 (hex) of a command's body as the command log stores it. Passwords are masked there before
/// hashing, so the stored digest cannot be used to guess them offline.
fn body_digest(json: &str) -> String {
    Sha256::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the stored JSON had a secret masked out of it (see [`SECRET_MASK`]).
fn carries_masked_secret(json: &str) -> bool {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => map.iter().any(|(k, v)| {
            k.to_ascii_lowercase().contains("password") && v.as_str() == Some(SECRET_MASK)
        }),
        _ => false,
    }
}

/// The request being served, when the API layer set it.
fn current_request() -> Option<RequestLine> {
    REQUEST_LINE.try_with(Clone::clone).ok()
}

/// The id an update or command addresses: the first numeric segment of its href (`/offices/5` → 5), as
/// Fineract's `entityId`; a create has none.
fn resource_id_of(href: &str) -> Option<i64> {
    href.split(['/', '?'])
        .find(|segment| !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|segment| segment.parse().ok())
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
