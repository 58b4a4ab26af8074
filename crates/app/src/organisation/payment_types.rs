//! Payment types: read by everyone who records a transaction, changed by administrators.

use async_trait::async_trait;
use kassa_domain::organisation::payment_type::{
    PaymentType, PaymentTypeChanges, PaymentTypeDraft, PaymentTypeError,
};
use kassa_store::repo::organisation::payment_type as repo;
use kassa_store::Tx;

use crate::error::AppResult;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "PAYMENTTYPE";

/// Every payment type, by id; `only_with_code` keeps those with a `codeName`.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    only_with_code: bool,
) -> AppResult<Vec<PaymentType>> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list(&mut conn.conn(), only_with_code).await?)
}

pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<PaymentType> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::find(&mut conn.conn(), id)
        .await?
        .ok_or(PaymentTypeError::NotFound(id))?)
}

/// The payment type `id` inside a command (a transaction's `paymentTypeId`).
pub async fn find_in_tx(tx: &mut Tx, id: i64) -> AppResult<PaymentType> {
    Ok(repo::find(&mut tx.conn(), id)
        .await?
        .ok_or(PaymentTypeError::NotFound(id))?)
}

pub struct CreatePaymentType {
    pub draft: PaymentTypeDraft,
}

#[async_trait]
impl Command for CreatePaymentType {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let id = repo::insert_in_tx(tx, &self.draft).await?;
        Ok(CommandResult::resource(id))
    }
}

/// Updates a payment type; Fineract answers `{resourceId}` without `changes`.
pub struct UpdatePaymentType {
    pub id: i64,
    pub changes: PaymentTypeChanges,
}

#[async_trait]
impl Command for UpdatePaymentType {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = find_in_tx(tx, self.id).await?;
        let next = current.apply(&self.changes);
        if next != current {
            repo::update_in_tx(tx, &next).await?;
        }
        Ok(CommandResult::resource(self.id))
    }
}

pub struct DeletePaymentType {
    pub id: i64,
}

#[async_trait]
impl Command for DeletePaymentType {
    async fn run(&self, tx: &mut Tx, _ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let current = find_in_tx(tx, self.id).await?;
        repo::delete_in_tx(tx, current.id).await?;
        Ok(CommandResult::resource(current.id))
    }
}
