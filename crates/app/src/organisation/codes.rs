//! Codes and code values. Reads need `READ_CODE` / `READ_CODEVALUE`; system-defined codes keep their name
//! and cannot be deleted, but anyone with `CREATE_CODEVALUE` may add values to them (that is how Gender or
//! ClientClosureReason get their values).

use async_trait::async_trait;
use kassa_domain::organisation::code::{
    Code, CodeError, CodeValue, CodeValueChanges, CodeValueDraft,
};
use kassa_store::repo::organisation::code as repo;
use kassa_store::{StoreError, Tx};
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const CODE_ENTITY: &str = "CODE";
pub const VALUE_ENTITY: &str = "CODEVALUE";

/// Every code, by name.
pub async fn list(tenant: &TenantCtx, principal: &Principal) -> AppResult<Vec<Code>> {
    principal.permissions.check_read(CODE_ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list(&mut conn.conn()).await?)
}

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<Code> {
    principal.permissions.check_read(CODE_ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find(&mut conn.conn(), id)
        .await?
        .ok_or(CodeError::NotFound(id))?)
}

/// The values of a code, by position.
pub async fn values(
    tenant: &TenantCtx,
    principal: &Principal,
    code_id: i64,
) -> AppResult<Vec<CodeValue>> {
    principal.permissions.check_read(VALUE_ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    repo::find(&mut conn.conn(), code_id)
        .await?
        .ok_or(CodeError::NotFound(code_id))?;
    Ok(repo::values_of(&mut conn.conn(), code_id).await?)
}

/// One value of a code; a value of another code is not found.
pub async fn value(
    tenant: &TenantCtx,
    principal: &Principal,
    code_id: i64,
    value_id: i64,
) -> AppResult<CodeValue> {
    principal.permissions.check_read(VALUE_ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find_value(&mut conn.conn(), value_id)
        .await?
        .filter(|v| v.code_id == code_id)
        .ok_or(CodeError::ValueNotFound(value_id))?)
}

/// The active values of the code with this name, for templates (`genderOptions`, `closureReasons`, …).
pub async fn active_values_of(tenant: &TenantCtx, code_name: &str) -> AppResult<Vec<CodeValue>> {
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::active_values_of_code_named(&mut conn.conn(), code_name).await?)
}

/// A code value given for a field that expects the code `code_name` (`genderId` → Gender, …): a value of
/// another code is not found, as in Fineract.
pub async fn value_of_in_tx(tx: &mut Tx, code_name: &str, value_id: i64) -> AppResult<CodeValue> {
    Ok(
        repo::value_of_code_named(&mut tx.conn(), code_name, value_id)
            .await?
            .ok_or(CodeError::ValueNotFound(value_id))?,
    )
}

async fn code_in_tx(tx: &mut Tx, id: i64) -> AppResult<Code> {
    Ok(repo::find(&mut tx.conn(), id)
        .await?
        .ok_or(CodeError::NotFound(id))?)
}

async fn value_in_tx(tx: &mut Tx, code_id: i64, value_id: i64) -> AppResult<CodeValue> {
    Ok(repo::find_value(&mut tx.conn(), value_id)
        .await?
        .filter(|v| v.code_id == code_id)
        .ok_or(CodeError::ValueNotFound(value_id))?)
}

/// A unique constraint that fired despite the checks (a concurrent write) keeps Fineract's code.
fn duplicate(err: CodeError) -> impl FnOnce(StoreError) -> AppError {
    move |e| match e {
        StoreError::Duplicate { .. } => err.into(),
        other => other.into(),
    }
}

pub struct CreateCode {
    pub name: String,
}

#[async_trait]
impl Command for CreateCode {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        if repo::name_taken(&mut tx.conn(), &self.name, None).await? {
            return Err(CodeError::DuplicateName(self.name.clone()).into());
        }
        let id = repo::insert_in_tx(tx, &self.name)
            .await
            .map_err(duplicate(CodeError::DuplicateName(self.name.clone())))?;
        Ok(CommandResult::resource(id))
    }
}

/// Renames a code. Any update of a system-defined code is refused, even one that changes nothing.
pub struct UpdateCode {
    pub id: i64,
    pub name: Option<String>,
}

#[async_trait]
impl Command for UpdateCode {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let code = code_in_tx(tx, self.id).await?;
        code.check_modifiable()?;
        let mut changes = Map::new();
        if let Some(name) = self.name.as_ref().filter(|n| **n != code.name) {
            if repo::name_taken(&mut tx.conn(), name, Some(code.id)).await? {
                return Err(CodeError::DuplicateName(name.clone()).into());
            }
            repo::rename_in_tx(tx, code.id, name)
                .await
                .map_err(duplicate(CodeError::DuplicateName(name.clone())))?;
            changes.insert("name".into(), Value::from(name.as_str()));
        }
        Ok(CommandResult {
            resource_id: Some(code.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// Deletes a user-defined code together with its values.
pub struct DeleteCode {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteCode {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let code = code_in_tx(tx, self.id).await?;
        code.check_modifiable()?;
        repo::delete_in_tx(tx, code.id).await?;
        Ok(CommandResult::resource(code.id))
    }
}

pub struct CreateCodeValue {
    pub code_id: i64,
    pub draft: CodeValueDraft,
}

#[async_trait]
impl Command for CreateCodeValue {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let code = code_in_tx(tx, self.code_id).await?;
        let name = &self.draft.name;
        if repo::value_label_taken(&mut tx.conn(), code.id, name, None).await? {
            return Err(CodeError::DuplicateValueLabel(name.clone()).into());
        }
        let id = repo::insert_value_in_tx(tx, code.id, &self.draft)
            .await
            .map_err(duplicate(CodeError::DuplicateValueLabel(name.clone())))?;
        Ok(CommandResult {
            resource_id: Some(code.id),
            sub_resource_id: Some(id),
            ..Default::default()
        })
    }
}

/// Updates a code value; Fineract answers with the value's id as `resourceId`.
pub struct UpdateCodeValue {
    pub code_id: i64,
    pub value_id: i64,
    pub changes: CodeValueChanges,
}

#[async_trait]
impl Command for UpdateCodeValue {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = value_in_tx(tx, self.code_id, self.value_id).await?;
        let update = current.apply(&self.changes);
        let next = &update.next;
        if update.changed.contains(&"name")
            && repo::value_label_taken(&mut tx.conn(), next.code_id, &next.name, Some(next.id))
                .await?
        {
            return Err(CodeError::DuplicateValueLabel(next.name.clone()).into());
        }
        if !update.changed.is_empty() {
            repo::update_value_in_tx(tx, next)
                .await
                .map_err(duplicate(CodeError::DuplicateValueLabel(next.name.clone())))?;
        }
        let mut changes = Map::new();
        for name in &update.changed {
            let value = match *name {
                "name" => Value::from(next.name.as_str()),
                "description" => Value::from(next.description.as_deref().unwrap_or_default()),
                "position" => Value::from(next.position),
                "isActive" => Value::from(next.is_active),
                "isMandatory" => Value::from(next.is_mandatory),
                _ => continue,
            };
            changes.insert((*name).to_string(), value);
        }
        Ok(CommandResult {
            resource_id: Some(next.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

pub struct DeleteCodeValue {
    pub code_id: i64,
    pub value_id: i64,
}

#[async_trait]
impl Command for DeleteCodeValue {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let code = code_in_tx(tx, self.code_id).await?;
        let value = value_in_tx(tx, code.id, self.value_id).await?;
        repo::delete_value_in_tx(tx, value.id).await?;
        Ok(CommandResult {
            resource_id: Some(code.id),
            sub_resource_id: Some(value.id),
            ..Default::default()
        })
    }
}
