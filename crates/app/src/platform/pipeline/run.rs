//! Running a command through the pipeline: the permission, the idempotency key (replay, in-flight,
//! reuse with another body), maker-checker, the handler and its audit row in one transaction.

use std::time::Duration;

use chrono::{DateTime, Utc};
use kassa_domain::platform::command::{must_wait_for_approval, CheckerError, CommandStatus};
use kassa_store::repo::platform::command_source::{
    self as repo, CommandRecord, CommandSubjects, NewCommand,
};
use kassa_store::StoreError;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult, ParamError};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;
use crate::App;

use super::{
    Command, CommandCtx, CommandOutcome, CommandResult, CommandSpec, ErrorRenderer, RequestLine,
    APPROVAL, IDEMPOTENCY_KEY_MAX_LEN, IN_FLIGHT_CHECKS, REQUEST_LINE, SECRET_MASK,
};

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
