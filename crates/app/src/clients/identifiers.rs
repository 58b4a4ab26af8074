//! Client identifiers: identity documents of a client the caller can see. A document type is a value of
//! the code "Customer Identifier"; a key is unique per type across all clients, and a client holds a key
//! only once among its active identifiers (Fineract's two unique constraints, checked before writing).

use async_trait::async_trait;
use kassa_domain::clients::detail::{
    ClientDetailError, ClientIdentifier, IdentifierChanges, IdentifierDraft, IdentifierStatus,
};
use kassa_domain::organisation::code::CodeValue;
use kassa_store::repo::clients::identifier as repo;
use kassa_store::{StoreError, Tx};
use serde_json::{Map, Value};

use crate::clients;
use crate::error::{AppError, AppResult};
use crate::organisation::codes;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "CLIENTIDENTIFIER";
/// The code whose values are the document types.
pub const DOCUMENT_TYPE_CODE: &str = "Customer Identifier";

/// The identifiers of a client the caller can see, oldest first.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    client_id: i64,
) -> AppResult<Vec<ClientIdentifier>> {
    principal.permissions.check_read(ENTITY)?;
    clients::visible(tenant, principal, client_id).await?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list_for_client(&mut conn.conn(), client_id).await?)
}

/// One identifier of a client the caller can see.
pub async fn get(
    tenant: &TenantCtx,
    principal: &Principal,
    client_id: i64,
    id: i64,
) -> AppResult<ClientIdentifier> {
    principal.permissions.check_read(ENTITY)?;
    clients::visible(tenant, principal, client_id).await?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find(&mut conn.conn(), client_id, id)
        .await?
        .ok_or(ClientDetailError::IdentifierNotFound(id))?)
}

/// The document types a new identifier may have: the active values of "Customer Identifier".
pub async fn document_types(
    tenant: &TenantCtx,
    principal: &Principal,
    client_id: i64,
) -> AppResult<Vec<CodeValue>> {
    principal.permissions.check_read(ENTITY)?;
    clients::visible(tenant, principal, client_id).await?;
    codes::active_values_of(tenant, DOCUMENT_TYPE_CODE).await
}

/// Fineract's uniqueness rules for an identifier that is about to be written.
async fn check_unique(
    tx: &mut Tx,
    identifier: &ClientIdentifier,
    except: Option<i64>,
) -> AppResult<()> {
    let mut c = tx.conn();
    let holder = repo::key_holder(
        &mut c,
        identifier.document_type_id,
        &identifier.document_key,
        except,
    )
    .await?;
    if let Some((client_name, office_name)) = holder {
        return Err(ClientDetailError::DuplicateIdentifierKey {
            client_name,
            office_name,
            document_type: identifier.document_type_name.clone(),
            document_key: identifier.document_key.clone(),
        }
        .into());
    }
    if identifier.status == IdentifierStatus::Active
        && repo::active_key_taken(
            &mut c,
            identifier.client_id,
            &identifier.document_key,
            except,
        )
        .await?
    {
        return Err(ClientDetailError::DuplicateActiveIdentifier(
            identifier.document_type_name.clone(),
        )
        .into());
    }
    Ok(())
}

/// A unique constraint that fired despite the checks (a concurrent write on PostgreSQL) keeps
/// Fineract's codes.
fn duplicate(identifier: &ClientIdentifier) -> impl Fn(StoreError) -> AppError + '_ {
    move |e| match e {
        StoreError::Duplicate { detail } if detail.contains("active") => {
            ClientDetailError::DuplicateActiveIdentifier(identifier.document_type_name.clone())
                .into()
        }
        StoreError::Duplicate { .. } => ClientDetailError::IdentifierKeyTaken {
            document_type: identifier.document_type_name.clone(),
            document_key: identifier.document_key.clone(),
        }
        .into(),
        other => other.into(),
    }
}

pub struct CreateClientIdentifier {
    pub client_id: i64,
    pub draft: IdentifierDraft,
}

#[async_trait]
impl Command for CreateClientIdentifier {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let client = clients::visible_in_tx(tx, ctx.principal, self.client_id).await?;
        let d = &self.draft;
        let document_type =
            codes::value_of_in_tx(tx, DOCUMENT_TYPE_CODE, d.document_type_id).await?;
        let candidate = ClientIdentifier {
            id: 0,
            client_id: client.id,
            document_type_id: document_type.id,
            document_type_name: document_type.name,
            document_key: d.document_key.clone(),
            status: d.status,
            description: d.description.clone(),
        };
        check_unique(tx, &candidate, None).await?;
        let id = repo::insert_in_tx(tx, client.id, d, ctx.principal.user_id, ctx.now)
            .await
            .map_err(duplicate(&candidate))?;
        Ok(CommandResult {
            office_id: Some(client.office_id),
            client_id: Some(client.id),
            resource_id: Some(id),
            ..Default::default()
        })
    }
}

pub struct UpdateClientIdentifier {
    pub client_id: i64,
    pub id: i64,
    pub changes: IdentifierChanges,
}

#[async_trait]
impl Command for UpdateClientIdentifier {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let client = clients::visible_in_tx(tx, ctx.principal, self.client_id).await?;
        let current = repo::find(&mut tx.conn(), client.id, self.id)
            .await?
            .ok_or(ClientDetailError::IdentifierNotFound(self.id))?;
        let update = current.apply(&self.changes);
        let mut next = update.next;
        let changed = |name: &str| update.changed.contains(&name);
        if changed("documentTypeId") {
            let document_type =
                codes::value_of_in_tx(tx, DOCUMENT_TYPE_CODE, next.document_type_id).await?;
            next.document_type_name = document_type.name;
        }
        if changed("documentTypeId") || changed("documentKey") || changed("status") {
            check_unique(tx, &next, Some(next.id)).await?;
        }
        if !update.changed.is_empty() {
            repo::update_in_tx(tx, &next, ctx.principal.user_id, ctx.now)
                .await
                .map_err(duplicate(&next))?;
        }
        let mut changes = Map::new();
        for name in &update.changed {
            let value = match *name {
                "documentTypeId" => Value::from(next.document_type_id),
                "documentKey" => Value::from(next.document_key.as_str()),
                "description" => Value::from(next.description.as_deref()),
                // Fineract echoes its enum constant.
                "status" => Value::from(next.status.name()),
                _ => continue,
            };
            changes.insert((*name).to_string(), value);
        }
        Ok(CommandResult {
            office_id: Some(client.office_id),
            client_id: Some(client.id),
            resource_id: Some(next.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

pub struct DeleteClientIdentifier {
    pub client_id: i64,
    pub id: i64,
}

#[async_trait]
impl Command for DeleteClientIdentifier {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let client = clients::visible_in_tx(tx, ctx.principal, self.client_id).await?;
        let identifier = repo::find(&mut tx.conn(), client.id, self.id)
            .await?
            .ok_or(ClientDetailError::IdentifierNotFound(self.id))?;
        repo::delete_in_tx(tx, identifier.id).await?;
        Ok(CommandResult {
            office_id: Some(client.office_id),
            client_id: Some(client.id),
            resource_id: Some(identifier.id),
            ..Default::default()
        })
    }
}
