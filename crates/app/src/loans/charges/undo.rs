//! Undoing what settled a charge: `PUT /loans/{id}/transactions/{txId}` reverses a charge waiver
//! (UNDO_WAIVECHARGE), and the rules the generic adjust/undo of a transaction follows for the charge
//! transactions (Fineract's `Loan.adjustExistingTransaction` and the later-charge-refund guard).

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::loans::ledger::TransactionKind;
use kassa_domain::loans::status::LoanStatus;
use kassa_store::repo::loans::transaction::{self as tx_repo, LoanTransactionRow};
use kassa_store::Tx;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::book::{ChargeBook, CHARGE_ADJUSTMENT, CHARGE_PAYMENT, CHARGE_REFUND, WAIVE_CHARGES};
use super::commands::locked_charge;
use crate::error::{AppError, AppResult};
use crate::loans::account::{lock_visible, status_of};
use crate::loans::ledger::kind_of;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

/// The ledger kind `POST /loans/{id}/transactions/{txId}` may adjust or undo, as the generic kinds plus
/// a charge waiver (Fineract's `isWaiver()` covers it). A charge payment is neither repayment-like nor a
/// waiver, so Fineract refuses to undo it, and so do we.
pub fn adjustable_kind(
    original: &LoanTransactionRow,
    amount: Decimal,
) -> AppResult<Option<TransactionKind>> {
    let t = original.transaction_type_enum;
    if t == CHARGE_PAYMENT {
        return Err(AppError::rule(
            "error.msg.loan.transaction.adjustment.is.only.allowed.to.repayment.or.waiver.or.creditbalancerefund.transactions",
            "Only (non-reversed) transactions of type repayment, waiver or credit balance refund can be adjusted.",
        ));
    }
    // Fineract would store a replacement without its charge link (a waiver it never replays, a refund or
    // adjustment no longer counted against its charge); they can be undone and entered again instead.
    if amount > Decimal::ZERO && [WAIVE_CHARGES, CHARGE_REFUND, CHARGE_ADJUSTMENT].contains(&t) {
        return Err(AppError::rule(
            "error.msg.loan.transaction.update.not.allowed",
            "A charge waiver, charge refund or charge adjustment can only be undone (transactionAmount 0).",
        ));
    }
    if t == WAIVE_CHARGES {
        return Ok(Some(TransactionKind::WaiveCharges {
            penalty: false,
            installment: None,
        }));
    }
    Ok(kind_of(t))
}

/// Fineract's `isRepaymentLikeType() && !isChargeRefund()`: the transactions a later charge refund pins.
fn pinned_by_charge_refund(kind: TransactionKind) -> bool {
    matches!(
        kind,
        TransactionKind::Repayment
            | TransactionKind::MerchantIssuedRefund
            | TransactionKind::PayoutRefund
            | TransactionKind::GoodwillCredit
            | TransactionKind::ChargeAdjustment
            | TransactionKind::DownPayment
            | TransactionKind::InterestPaymentWaiver
    )
}

/// A repayment-like transaction cannot be created (`verb` "created") or reversed ("reversed") on a date
/// before a live charge refund (`validateRepaymentTypeTransactionNotBeforeAChargeRefund`).
pub async fn no_later_charge_refund(
    tx: &mut Tx,
    loan_id: i64,
    kind: TransactionKind,
    date: NaiveDate,
    verb: &str,
) -> AppResult<()> {
    if !pinned_by_charge_refund(kind) {
        return Ok(());
    }
    if tx_repo::live_of_type_after_in_tx(tx, loan_id, CHARGE_REFUND, date).await? {
        return Err(AppError::rule(
            format!("error.msg.loan.transaction.cant.be.{verb}.because.later.charge.refund.exists"),
            format!(
                "Loan Transaction: {loan_id} Can't be {verb} because a Later Charge Refund Exists."
            ),
        ));
    }
    Ok(())
}

/// `PUT /loans/{loanId}/transactions/{transactionId}`: reverses a charge waiver and replays the loan.
pub struct UndoWaiveCharge {
    pub loan_id: i64,
    pub transaction_id: i64,
}

#[async_trait]
impl Command for UndoWaiveCharge {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = lock_visible(tx, ctx, self.loan_id).await?;
        let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
        let waiver = transactions
            .iter()
            .find(|t| t.id == self.transaction_id)
            .ok_or_else(|| AppError::NotFound {
                entity: "LoanTransaction",
                id: self.transaction_id.to_string(),
            })?;
        if waiver.transaction_type_enum != WAIVE_CHARGES {
            return Err(AppError::rule(
                "error.msg.loan.transaction.undo.waive.charge",
                "Transaction is not a waive charge type.",
            ));
        }
        if waiver.is_reversed {
            return Err(AppError::rule(
                "error.msg.transaction.cannot.reverse",
                "This loan charge waive cannot be reversed as this transaction is already reversed",
            ));
        }
        let book = ChargeBook::load_in_tx(tx, loan.id).await?;
        let charge_id = book
            .paid_by
            .iter()
            .find(|p| p.loan_transaction_id == waiver.id)
            .map(|p| p.loan_charge_id)
            .ok_or_else(|| AppError::NotFound {
                entity: "LoanCharge",
                id: String::new(),
            })?;
        let (_, _, view) = locked_charge(tx, ctx, loan.id, charge_id).await?;
        if view.settled.paid >= view.placed.amount && view.placed.amount > Decimal::ZERO {
            return Err(AppError::rule(
                "error.msg.loan.charge.already.paid",
                "This loan charge has been completely paid",
            ));
        }
        if status_of(&loan)? != LoanStatus::Active {
            return Err(AppError::rule(
                "error.msg.loan.charge.associated.loan.inactive",
                "This loan charge can be waived as the loan associated with it is currently inactive",
            ));
        }
        tx_repo::reverse_in_tx(tx, waiver.id, ctx.today).await?;
        crate::loans::account::settle(tx, &loan, None).await?;
        let mut changes = Map::new();
        changes.insert("id".into(), json!(waiver.id));
        changes.insert("externalId".into(), json!(waiver.external_id));
        changes.insert("date".into(), json!(waiver.transaction_date.to_string()));
        changes.insert(
            "amount".into(),
            Value::String(waiver.amount.0.normalize().to_string()),
        );
        Ok(CommandResult {
            loan_id: Some(loan.id),
            resource_id: Some(charge_id),
            resource_external_id: view.row.external_id.clone(),
            sub_resource_id: Some(waiver.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}
