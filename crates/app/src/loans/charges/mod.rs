//! Charges on a loan (`/loans/{id}/charges`): adding, changing and deleting them, paying and waiving one.
//! A charge's share of each installment is computed from `m_loan_charge` whenever the loan is replayed,
//! so a regenerated schedule (approval, disbursal) keeps its charges; the stored schedule's fee and
//! penalty columns are rewritten from the same computation for the schedule reads.

mod adjust;
pub mod book;
mod commands;
pub mod placement;
mod preview;
mod settle;
pub mod undo;

pub use adjust::{AdjustLoanCharge, RefundLoanCharge};
pub use book::DisbursementFees;
pub use commands::{
    AddLoanCharge, ChargeOfApplication, DeleteLoanCharge, SubmitWithCharges, UpdateLoanCharge,
};
pub use placement::{views, LoanChargeView, Settled};
pub use preview::apply_to_schedule;
pub use settle::SettleLoanCharge;
pub use undo::UndoWaiveCharge;

use kassa_store::repo::loans::charge as repo;
use kassa_store::repo::loans::loan as loan_repo;
use kassa_store::repo::loans::loan::LoanRecord;

use crate::error::{AppError, AppResult};
use crate::loans::ledger::DISBURSEMENT;
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;
use book::not_found;

/// Fineract's permission entity for loan charge commands (`CREATE_LOANCHARGE`, `WAIVE_LOANCHARGE` …).
pub const ENTITY: &str = "LOANCHARGE";

/// A loan's charges as reads show them, or one of them.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    loan_id: i64,
) -> AppResult<(LoanRecord, Vec<LoanChargeView>)> {
    let loan = crate::loans::get(tenant, principal, loan_id).await?;
    let money = crate::loans::money::read(tenant, &loan).await?;
    let views = views_of(tenant, &loan, &money).await?;
    Ok((loan, views))
}

/// The charges of a loan whose money a read already holds: no query when it has none, else one (its
/// schedule).
pub async fn views_of(
    tenant: &TenantCtx,
    loan: &LoanRecord,
    money: &crate::loans::money::LoanMoney,
) -> AppResult<Vec<LoanChargeView>> {
    if money.charges.charges.is_empty() {
        return Ok(Vec::new());
    }
    let installments = {
        let mut conn = tenant.pool().acquire().await?;
        loan_repo::installments(&mut conn.conn(), loan.id).await?
    };
    Ok(views_of_rows(loan, &installments, money))
}

/// [`views_of`] with the loan's stored installments already read.
pub fn views_of_rows(
    loan: &LoanRecord,
    installments: &[loan_repo::InstallmentRow],
    money: &crate::loans::money::LoanMoney,
) -> Vec<LoanChargeView> {
    if money.charges.charges.is_empty() {
        return Vec::new();
    }
    let disbursed = money
        .transactions
        .iter()
        .any(|t| t.transaction_type_enum == DISBURSEMENT && !t.is_reversed);
    views(
        loan,
        installments,
        &money.charges,
        disbursed.then_some(&money.ledger),
        &money.transactions,
    )
}

pub async fn get(
    tenant: &TenantCtx,
    principal: &Principal,
    loan_id: i64,
    id: i64,
) -> AppResult<(LoanRecord, LoanChargeView)> {
    let (loan, views) = list(tenant, principal, loan_id).await?;
    let view = views
        .into_iter()
        .find(|v| v.row.id == id)
        .ok_or_else(|| not_found(id))?;
    Ok((loan, view))
}

/// The loan charge with `external_id`; a 404 when there is none.
pub async fn id_by_external_id(tenant: &TenantCtx, external_id: &str) -> AppResult<i64> {
    let mut conn = tenant.pool().acquire().await?;
    repo::id_by_external_id(&mut conn.conn(), external_id)
        .await?
        .ok_or_else(|| AppError::NotFound {
            entity: "LoanCharge",
            id: external_id.to_string(),
        })
}
