//! The write pipeline every command goes through: permission → idempotency → handler → audit row, the
//! handler and its audit row in one transaction. Fineract's `m_portfolio_command_source` is the audit log
//! and the idempotency store at once.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use kassa_store::repo::platform::command_source::CommandSubjects;
use kassa_store::Tx;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

tokio::task_local! {
    /// The HTTP request being served; the API layer sets it around every handler so that the command log
    /// can record how to re-execute a command held for approval.
    pub static REQUEST_LINE: RequestLine;
    /// Set while an approved maker-checker entry is re-executed: the command completes that entry.
    pub static APPROVAL: Approval;
}

mod run;

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
