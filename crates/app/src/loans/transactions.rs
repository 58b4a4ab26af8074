//! `POST /loans/{id}/transactions?command=…` and the undo/adjust of one transaction. Every money movement
//! locks the loan row and stores the transaction. One dated on or after the loan's last transaction is
//! appended to the stored ledger (only the new money is allocated); anything else replays all live
//! transactions from scratch in date order (a back-dated entry may change the split of later ones). The
//! new splits, the ledger's state and the status are stored in the same transaction.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::loans::ledger::{
    validate_credit_balance_refund, Ledger, LoanTransaction, TransactionKind,
};
use kassa_domain::loans::status::{date_error, transition, LoanAction, LoanStatus};
use kassa_store::repo::loans::ledger_state::StoredLedger;
use kassa_store::repo::loans::loan::{self as repo, LoanRecord};
use kassa_store::repo::loans::transaction::{self as tx_repo, NewLoanTransaction, PaymentDetail};
use kassa_store::Tx;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult};
use crate::loans::account::{
    lifecycle_of, lock_visible, settle, settle_from, settle_status, status_of,
};
use crate::loans::charges::book::ChargeBook;
use crate::loans::ledger::{self, replay, DISBURSEMENT};
use crate::loans::stored_ledger;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

fn action_of(kind: TransactionKind) -> LoanAction {
    match kind {
        TransactionKind::WaiveInterest | TransactionKind::InterestPaymentWaiver => {
            LoanAction::WaiveInterest
        }
        TransactionKind::WriteOff => LoanAction::WriteOff,
        TransactionKind::RecoveryPayment => LoanAction::RecoveryPayment,
        TransactionKind::CreditBalanceRefund => LoanAction::CreditBalanceRefund,
        _ => LoanAction::Repayment,
    }
}

/// A new money movement on a disbursed loan.
pub struct NewTransaction {
    pub loan_id: i64,
    pub kind: TransactionKind,
    pub date: NaiveDate,
    /// Write-offs take the whole outstanding amount: `None`.
    pub amount: Option<Decimal>,
    pub external_id: Option<String>,
    pub payment: PaymentDetail,
    pub note: Option<String>,
    pub values: Map<String, Value>,
}

fn check_date(loan: &LoanRecord, date: NaiveDate, today: NaiveDate) -> AppResult<()> {
    if date > today {
        return Err(date_error(
            "transaction",
            "cannot.be.a.future.date",
            "The transaction date cannot be in the future.".into(),
            date,
        )
        .into());
    }
    if let Some(disbursed) = loan.disbursedon_date {
        if date < disbursed {
            return Err(date_error(
                "transaction",
                "cannot.be.before.disbursement.date",
                format!(
                    "The transaction date cannot be before the loan disbursement date: {disbursed}"
                ),
                date,
            )
            .into());
        }
    }
    Ok(())
}

/// The ledger before a new transaction: the stored one when current, else a replay.
async fn ledger_before(
    tx: &mut Tx,
    loan: &LoanRecord,
    stored: Option<&StoredLedger>,
) -> AppResult<Ledger> {
    match stored {
        Some(s) => Ok(stored_ledger::from_stored(s.clone(), Vec::new())),
        None => ledger::current(tx, loan).await,
    }
}

#[async_trait]
impl Command for NewTransaction {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = lock_visible(tx, ctx, self.loan_id).await?;
        transition(status_of(&loan)?, action_of(self.kind))?;
        check_date(&loan, self.date, ctx.today)?;
        crate::loans::charges::undo::no_later_charge_refund(
            tx, loan.id, self.kind, self.date, "created",
        )
        .await?;
        if let Some(ext) = &self.external_id {
            if tx_repo::external_id_taken(tx, ext).await? {
                return Err(AppError::rule(
                    "error.msg.loan.transaction.externalId.already.used",
                    format!("Loan transaction with external id {ext} already exists"),
                ));
            }
        }
        // The stored state before the new transaction: a transaction dated on or after the last one is
        // appended to it, allocating only the new money; a back-dated one replays the loan.
        let before = stored_ledger::load_in_tx(tx, loan.id).await?;
        // Only a write-off (which takes what is outstanding) and a credit balance refund (bounded by the
        // credit) need the ledger before the new transaction.
        let amount = match (self.kind, self.amount) {
            (TransactionKind::WriteOff, _) => ledger_before(tx, &loan, before.as_ref())
                .await?
                .installments
                .iter()
                .map(|i| i.outstanding().total())
                .sum(),
            (_, Some(a)) => a,
            (_, None) => Decimal::ZERO,
        };
        if self.kind == TransactionKind::CreditBalanceRefund {
            let ledger = ledger_before(tx, &loan, before.as_ref()).await?;
            validate_credit_balance_refund(&ledger, 0, amount).map_err(|e| {
                AppError::rule(
                    "error.msg.transactionAmount.invalid.must.be.>zero.and.<=.overpaid.amount",
                    e.to_string(),
                )
            })?;
        }
        let t = NewLoanTransaction {
            loan_id: loan.id,
            office_id: loan.client_office_id,
            type_enum: self.kind.fineract_id(),
            date: self.date,
            amount,
            external_id: self.external_id.clone(),
            payment: self.payment.clone(),
            note: self.note.clone(),
            submitted_on_date: ctx.today,
            created_by: ctx.principal.user_id,
        };
        let id = crate::loans::ledger::insert_transaction(tx, &t).await?;
        let written_off = (self.kind == TransactionKind::WriteOff).then_some(self.date);
        let new = LoanTransaction {
            id,
            kind: self.kind,
            date: self.date,
            amount,
        };
        let appended = match &before {
            Some(before) => ledger::append(tx, &loan, before, new).await?,
            None => None,
        };
        match appended {
            Some(after) => {
                ledger::store(tx, loan.id, &after, &[], before.as_ref()).await?;
                settle_status(tx, &loan, &after, written_off, status_of(&loan)?).await?;
            }
            None => settle(tx, &loan, written_off).await?,
        }
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(id),
            resource_external_id: self.external_id.clone(),
            changes: Some(self.values.clone()),
            ..Default::default()
        })
    }
}

/// `POST /loans/{id}/transactions/{txId}`: amount 0 reverses the transaction; another amount replaces it
/// with a new transaction of the same type on the given date.
pub struct AdjustTransaction {
    pub loan_id: i64,
    pub transaction_id: i64,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub external_id: Option<String>,
    pub payment: PaymentDetail,
    pub note: Option<String>,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for AdjustTransaction {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = lock_visible(tx, ctx, self.loan_id).await?;
        let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
        let original = transactions
            .iter()
            .find(|t| t.id == self.transaction_id)
            .ok_or_else(|| AppError::NotFound {
                entity: "LoanTransaction",
                id: self.transaction_id.to_string(),
            })?;
        if original.is_reversed {
            return Err(AppError::rule(
                "error.msg.loan.transaction.update.not.allowed",
                "Loan transaction: is reversed, and cannot be adjusted",
            ));
        }
        crate::loans::refunds::check_adjustable(tx, &loan, original).await?;
        let Some(kind) = crate::loans::charges::undo::adjustable_kind(original, self.amount)?
            .filter(|k| {
                !matches!(
                    k,
                    TransactionKind::WriteOff | TransactionKind::CreditBalanceRefund
                )
            })
        else {
            return Err(AppError::rule(
                "error.msg.loan.transaction.update.not.allowed",
                "Only repayment-like and waiver transactions can be adjusted",
            ));
        };
        if original.transaction_type_enum == DISBURSEMENT {
            return Err(AppError::rule(
                "error.msg.loan.transaction.update.not.allowed",
                "A disbursement is undone with undodisbursal",
            ));
        }
        check_date(&loan, self.date, ctx.today)?;
        crate::loans::charges::undo::no_later_charge_refund(
            tx,
            loan.id,
            kind,
            original.transaction_date,
            "reversed",
        )
        .await?;
        tx_repo::reverse_in_tx(tx, original.id, ctx.today).await?;
        let mut resource_id = original.id;
        if self.amount > Decimal::ZERO {
            transition(status_of(&loan)?, action_of(kind))
                .or_else(|_| transition(LoanStatus::Active, action_of(kind)))?;
            let t = NewLoanTransaction {
                loan_id: loan.id,
                office_id: loan.client_office_id,
                type_enum: original.transaction_type_enum,
                date: self.date,
                amount: self.amount,
                external_id: self.external_id.clone(),
                payment: self.payment.clone(),
                note: self.note.clone(),
                submitted_on_date: ctx.today,
                created_by: ctx.principal.user_id,
            };
            resource_id = crate::loans::ledger::insert_transaction(tx, &t).await?;
        }
        settle(tx, &loan, None).await?;
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(resource_id),
            changes: Some(self.values.clone()),
            ..Default::default()
        })
    }
}

/// `command=close`: closes an open loan whose outstanding total is within the product's
/// `inArrearsTolerance`; the remainder is written off and the loan counts as repaid.
pub struct CloseLoan {
    pub loan_id: i64,
    pub date: NaiveDate,
    pub external_id: Option<String>,
    pub note: Option<String>,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for CloseLoan {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = lock_visible(tx, ctx, self.loan_id).await?;
        transition(status_of(&loan)?, LoanAction::Close)?;
        check_date(&loan, self.date, ctx.today)?;
        let installments = repo::installments(&mut tx.conn(), loan.id).await?;
        let charges = ChargeBook::load_in_tx(tx, loan.id).await?;
        let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
        let ledger = replay(&loan, &installments, &transactions, &charges)?;
        let outstanding: Decimal = ledger
            .installments
            .iter()
            .map(|i| i.outstanding().total())
            .sum();
        let product =
            kassa_store::repo::loan_products::find(&mut tx.conn(), loan.product_id).await?;
        let tolerance = product
            .and_then(|p| p.terms.in_arrears_tolerance)
            .unwrap_or_default();
        if ledger.credit_balance > Decimal::ZERO {
            return Err(AppError::rule(
                "error.msg.loan.close.loan.is.overpaid",
                "The loan is overpaid; refund the credit balance instead of closing it.",
            ));
        }
        if outstanding > tolerance {
            return Err(AppError::rule(
                "error.msg.loan.close.loan.has.money.outstanding",
                format!(
                    "The loan has {} outstanding, more than its tolerance.",
                    outstanding.normalize()
                ),
            ));
        }
        let mut resource_id = loan.id;
        if outstanding > Decimal::ZERO {
            let t = NewLoanTransaction {
                loan_id: loan.id,
                office_id: loan.client_office_id,
                type_enum: TransactionKind::WriteOff.fineract_id(),
                date: self.date,
                amount: outstanding,
                external_id: self.external_id.clone(),
                payment: PaymentDetail::default(),
                note: self.note.clone(),
                submitted_on_date: ctx.today,
                created_by: ctx.principal.user_id,
            };
            resource_id = crate::loans::ledger::insert_transaction(tx, &t).await?;
        }
        let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
        let charges = ChargeBook::load_in_tx(tx, loan.id).await?;
        let ledger = replay(&loan, &installments, &transactions, &charges)?;
        ledger::store(tx, loan.id, &ledger, &transactions, None).await?;
        let mut next = lifecycle_of(&loan);
        next.loan_status_id = LoanStatus::ClosedObligationsMet.fineract_id();
        next.closedon_date = Some(self.date);
        next.closedon_userid = Some(ctx.principal.user_id);
        tx_repo::update_lifecycle_in_tx(tx, loan.id, &next).await?;
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(resource_id),
            changes: Some(self.values.clone()),
            ..Default::default()
        })
    }
}

/// `command=undowriteoff`: reverses the write-off and reopens the loan.
pub struct UndoWriteOff {
    pub loan_id: i64,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for UndoWriteOff {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = lock_visible(tx, ctx, self.loan_id).await?;
        transition(status_of(&loan)?, LoanAction::UndoWriteOff)?;
        let write_off = tx_repo::list_in_tx(tx, loan.id)
            .await?
            .into_iter()
            .rev()
            .find(|t| {
                !t.is_reversed && t.transaction_type_enum == TransactionKind::WriteOff.fineract_id()
            });
        let mut resource_id = loan.id;
        if let Some(t) = write_off {
            tx_repo::reverse_in_tx(tx, t.id, ctx.today).await?;
            resource_id = t.id;
        }
        let mut reopened = loan.clone();
        reopened.writtenoffon_date = None;
        reopened.closedon_date = None;
        reopened.loan_status_id = LoanStatus::Active.fineract_id();
        // The lifecycle is rewritten from the reopened state; `settle_from` compares against the stored one.
        tx_repo::update_lifecycle_in_tx(tx, loan.id, &lifecycle_of(&reopened)).await?;
        settle_from(tx, &reopened, None, LoanStatus::Active).await?;
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(resource_id),
            changes: Some(self.values.clone()),
            ..Default::default()
        })
    }
}
