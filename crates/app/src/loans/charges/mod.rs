//! Charges on a loan (`/loans/{id}/charges`): adding, changing and deleting them, paying and waiving one.
//! A charge's share of each installment is computed from `m_loan_charge` whenever the loan is replayed,
//! so a regenerated schedule (approval, disbursal) keeps its charges; the stored schedule's fee and
//! penalty columns are rewritten from the same computation for the schedule reads.

mod adjust;
mod commands;
mod placement;
mod preview;
mod settle;
mod undo;

pub use adjust::{AdjustLoanCharge, RefundLoanCharge};
pub use commands::{
    AddLoanCharge, ChargeOfApplication, DeleteLoanCharge, SubmitWithCharges, UpdateLoanCharge,
};
pub use placement::{fold, place, sync_in_tx, views, LoanChargeView, Placed, Settled};
pub use preview::apply_to_schedule;
pub use settle::SettleLoanCharge;
pub use undo::{adjustable_kind, no_later_charge_refund, UndoWaiveCharge};

use kassa_domain::loans::ledger::TransactionKind;
use kassa_store::repo::loans::charge::{self as repo, LoanChargeRow, PaidByRow};
use kassa_store::repo::loans::loan as loan_repo;
use kassa_store::repo::loans::loan::LoanRecord;
use kassa_store::repo::loans::transaction as tx_repo;
use kassa_store::{Conn, Tx};

use crate::error::{AppError, AppResult};
use crate::loans::ledger::{replay, DISBURSEMENT};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

/// Fineract's permission entity for loan charge commands (`CREATE_LOANCHARGE`, `WAIVE_LOANCHARGE` …).
pub const ENTITY: &str = "LOANCHARGE";
/// `LoanTransactionType.WAIVE_CHARGES`.
pub const WAIVE_CHARGES: i64 = 9;
/// `LoanTransactionType.CHARGE_PAYMENT`.
pub const CHARGE_PAYMENT: i64 = 17;
/// `LoanTransactionType.CHARGE_REFUND`.
pub const CHARGE_REFUND: i64 = 24;
/// `LoanTransactionType.CHARGE_ADJUSTMENT`.
pub const CHARGE_ADJUSTMENT: i64 = 26;

/// A loan's charges and which charge payment or waiver settled which charge: what a replay needs besides
/// the schedule and the transactions.
#[derive(Debug, Clone, Default)]
pub struct ChargeBook {
    pub charges: Vec<LoanChargeRow>,
    pub paid_by: Vec<PaidByRow>,
}

impl ChargeBook {
    pub async fn load(c: &mut Conn<'_>, loan_id: i64) -> AppResult<ChargeBook> {
        Ok(ChargeBook {
            charges: repo::list(c, loan_id).await?,
            paid_by: repo::paid_by(c, loan_id).await?,
        })
    }

    pub async fn load_in_tx(tx: &mut Tx, loan_id: i64) -> AppResult<ChargeBook> {
        Ok(ChargeBook {
            charges: repo::list_in_tx(tx, loan_id).await?,
            paid_by: repo::paid_by_in_tx(tx, loan_id).await?,
        })
    }

    /// The ledger kind of a stored charge payment or waiver: fee or penalty of the installment its
    /// charge falls in. `None` for other transaction types.
    pub fn kind_of(&self, transaction_id: i64, type_enum: i64) -> Option<TransactionKind> {
        if type_enum != WAIVE_CHARGES && type_enum != CHARGE_PAYMENT {
            return None;
        }
        let link = self
            .paid_by
            .iter()
            .find(|p| p.loan_transaction_id == transaction_id);
        let charge = link.and_then(|l| self.charges.iter().find(|c| c.id == l.loan_charge_id));
        let penalty = charge.is_some_and(|c| c.is_penalty);
        let installment = link
            .and_then(|l| l.installment_number)
            .and_then(|n| u32::try_from(n).ok());
        Some(if type_enum == WAIVE_CHARGES {
            TransactionKind::WaiveCharges {
                penalty,
                installment,
            }
        } else {
            TransactionKind::ChargePayment {
                penalty,
                installment,
            }
        })
    }
}

/// A loan's charges as reads show them, or one of them.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    loan_id: i64,
) -> AppResult<(LoanRecord, Vec<LoanChargeView>)> {
    let loan = crate::loans::get(tenant, principal, loan_id).await?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let installments = loan_repo::installments(&mut c, loan.id).await?;
    let transactions = tx_repo::list(&mut c, loan.id).await?;
    let book = ChargeBook::load(&mut c, loan.id).await?;
    drop(conn);
    let ledger = replay(&loan, &installments, &transactions, &book)?;
    let disbursed = transactions
        .iter()
        .any(|t| t.transaction_type_enum == DISBURSEMENT && !t.is_reversed);
    let views = views(
        &loan,
        &installments,
        &book,
        disbursed.then_some(&ledger),
        &transactions,
    );
    Ok((loan, views))
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

fn not_found(id: i64) -> AppError {
    AppError::NotFound {
        entity: "LoanCharge",
        id: id.to_string(),
    }
}
