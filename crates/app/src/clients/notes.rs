//! Notes on a client the caller can see: `READ/CREATE/UPDATE/DELETE_CLIENTNOTE`.

use async_trait::async_trait;
use kassa_domain::clients::detail::{ClientDetailError, NoteType};
use kassa_store::repo::clients::note::{self as repo, NoteRecord};
use kassa_store::Tx;
use serde_json::{Map, Value};

use crate::clients;
use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

const TYPE: NoteType = NoteType::Client;
pub const ENTITY: &str = "CLIENTNOTE";

/// The client's notes, newest first.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    client_id: i64,
) -> AppResult<Vec<NoteRecord>> {
    principal.permissions.check_read(TYPE.entity())?;
    clients::visible(tenant, principal, client_id).await?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list_for_client(&mut conn.conn(), client_id, TYPE.id()).await?)
}

pub async fn get(
    tenant: &TenantCtx,
    principal: &Principal,
    client_id: i64,
    id: i64,
) -> AppResult<NoteRecord> {
    principal.permissions.check_read(TYPE.entity())?;
    clients::visible(tenant, principal, client_id).await?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(
        repo::find_for_client(&mut conn.conn(), client_id, TYPE.id(), id)
            .await?
            .ok_or(ClientDetailError::NoteNotFound { id, client_id })?,
    )
}

async fn note_in_tx(tx: &mut Tx, client_id: i64, id: i64) -> AppResult<NoteRecord> {
    Ok(
        repo::find_for_client(&mut tx.conn(), client_id, TYPE.id(), id)
            .await?
            .ok_or(ClientDetailError::NoteNotFound { id, client_id })?,
    )
}

pub struct CreateClientNote {
    pub client_id: i64,
    pub note: String,
}

#[async_trait]
impl Command for CreateClientNote {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let client = clients::visible_in_tx(tx, ctx.principal, self.client_id).await?;
        let id = repo::insert_for_client_in_tx(
            tx,
            client.id,
            TYPE.id(),
            &self.note,
            ctx.principal.user_id,
            ctx.now,
        )
        .await?;
        Ok(CommandResult {
            office_id: Some(client.office_id),
            client_id: Some(client.id),
            resource_id: Some(id),
            ..Default::default()
        })
    }
}

pub struct UpdateClientNote {
    pub client_id: i64,
    pub id: i64,
    pub note: String,
}

#[async_trait]
impl Command for UpdateClientNote {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let client = clients::visible_in_tx(tx, ctx.principal, self.client_id).await?;
        let current = note_in_tx(tx, client.id, self.id).await?;
        let mut changes = Map::new();
        if current.note.as_deref() != Some(self.note.as_str()) {
            repo::update_text_in_tx(tx, current.id, &self.note, ctx.principal.user_id, ctx.now)
                .await?;
            changes.insert("note".into(), Value::from(self.note.as_str()));
        }
        Ok(CommandResult {
            office_id: Some(client.office_id),
            client_id: Some(client.id),
            resource_id: Some(current.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// Fineract answers a note's deletion with `{resourceId}` alone.
pub struct DeleteClientNote {
    pub client_id: i64,
    pub id: i64,
}

#[async_trait]
impl Command for DeleteClientNote {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let client = clients::visible_in_tx(tx, ctx.principal, self.client_id).await?;
        let note = note_in_tx(tx, client.id, self.id).await?;
        repo::delete_in_tx(tx, note.id).await?;
        Ok(CommandResult::resource(note.id))
    }
}
