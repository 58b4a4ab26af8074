//! Charge adjustments (`POST /loans/{id}/charges/{chargeId}?command=adjustment`, type 26) and charge
//! refunds (`POST /loans/{id}/transactions?command=chargeRefund`, type 24). Fineract walks both like a
//! repayment with the loan's strategy (`isRepaymentLikeType`), dated on the business date; what ties them
//! to their charge is only bookkeeping: how much of the charge is left to adjust or to refund.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::charges::ChargeTimeType;
use kassa_domain::loans::status::LoanStatus;
use kassa_store::money::DbAmount;
use kassa_store::repo::loans::charge::{self as repo, PaidByRow};
use kassa_store::repo::loans::loan::LoanRecord;
use kassa_store::repo::loans::transaction::{
    self as tx_repo, LoanTransactionRow, NewLoanTransaction, PaymentDetail,
};
use kassa_store::Tx;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::book::time_type;
use super::book::{ChargeBook, CHARGE_ADJUSTMENT, CHARGE_REFUND};
use super::commands::locked_charge;
use super::placement::LoanChargeView;
use crate::error::{AppError, AppResult, ParamError};
use crate::loans::account::status_of;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

/// Both commands need a loan that is active, repaid or overpaid (`loan.isOpen() || closedObligationsMet
/// || overpaid` in Fineract's entrance validations).
fn check_status(loan: &LoanRecord, code: &str, message: &str) -> AppResult<()> {
    match status_of(loan)? {
        LoanStatus::Active | LoanStatus::ClosedObligationsMet | LoanStatus::Overpaid => Ok(()),
        _ => Err(AppError::rule(code, message)),
    }
}

async fn check_external_id(tx: &mut Tx, external_id: Option<&str>) -> AppResult<()> {
    if let Some(ext) = external_id {
        if tx_repo::external_id_taken(tx, ext).await? {
            return Err(AppError::rule(
                "error.msg.loan.transaction.externalId.already.used",
                format!("Loan transaction with external id {ext} already exists"),
            ));
        }
    }
    Ok(())
}

/// The live transactions of `type_enum` linked to `charge_id`, with the link.
fn links<'a>(
    book: &'a ChargeBook,
    transactions: &'a [LoanTransactionRow],
    charge_id: i64,
    type_enum: i64,
) -> impl Iterator<Item = &'a PaidByRow> + 'a {
    book.paid_by.iter().filter(move |p| {
        p.loan_charge_id == charge_id
            && transactions.iter().any(|t| {
                t.id == p.loan_transaction_id
                    && !t.is_reversed
                    && t.transaction_type_enum == type_enum
            })
    })
}

/// `POST /loans/{loanId}/charges/{id}?command=adjustment`.
pub struct AdjustLoanCharge {
    pub loan_id: i64,
    pub id: i64,
    pub amount: Decimal,
    pub external_id: Option<String>,
    pub payment: PaymentDetail,
    pub note: Option<String>,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for AdjustLoanCharge {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let (loan, _, view) = locked_charge(tx, ctx, self.loan_id, self.id).await?;
        check_status(
            &loan,
            "error.msg.loan.charge.adjustment.invalid.status",
            "Adjustment is not supported for the status of the loan",
        )?;
        let charge_amount = view.placed.amount;
        if self.amount > charge_amount {
            return Err(AppError::rule(
                "error.msg.loan.charge.adjustment.invalid.amount",
                format!(
                    "Transaction amount cannot be higher than the charge amount: {}",
                    charge_amount.normalize()
                ),
            ));
        }
        let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
        let book = ChargeBook::load_in_tx(tx, loan.id).await?;
        let adjusted: Decimal = links(&book, &transactions, self.id, CHARGE_ADJUSTMENT)
            .map(|p| p.amount.0)
            .sum();
        let available = charge_amount - adjusted;
        if self.amount > available {
            return Err(AppError::rule(
                "error.msg.loan.charge.adjustment.invalid.amount",
                format!(
                    "Transaction amount cannot be higher than the available charge amount for adjustment: {}",
                    available.normalize()
                ),
            ));
        }
        check_external_id(tx, self.external_id.as_deref()).await?;
        let t = NewLoanTransaction {
            loan_id: loan.id,
            office_id: loan.client_office_id,
            type_enum: CHARGE_ADJUSTMENT,
            date: ctx.today,
            amount: self.amount,
            external_id: self.external_id.clone(),
            payment: self.payment.clone(),
            note: self.note.clone(),
            submitted_on_date: ctx.today,
            created_by: ctx.principal.user_id,
        };
        let transaction_id = crate::loans::ledger::insert_transaction(tx, &t).await?;
        // Fineract links the adjustment to its charge with a transaction relation; the paid-by table
        // plays that part here (it is what "available for adjustment" is summed from).
        repo::insert_paid_by_in_tx(
            tx,
            &PaidByRow {
                loan_transaction_id: transaction_id,
                loan_charge_id: self.id,
                amount: DbAmount(self.amount),
                installment_number: None,
            },
        )
        .await?;
        crate::loans::account::settle(tx, &loan, None).await?;
        let mut changes = self.values.clone();
        changes.insert(
            "transactionDate".into(),
            Value::String(ctx.today.to_string()),
        );
        Ok(CommandResult {
            loan_id: Some(loan.id),
            resource_id: Some(self.id),
            resource_external_id: view.row.external_id.clone(),
            sub_resource_id: Some(transaction_id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// `POST /loans/{loanId}/transactions?command=chargeRefund`: gives back up to what was paid of a charge
/// (of one installment for an installment fee) and not refunded yet.
pub struct RefundLoanCharge {
    pub loan_id: i64,
    pub loan_charge_id: i64,
    pub amount: Option<Decimal>,
    pub due_date: Option<NaiveDate>,
    pub installment_number: Option<i64>,
    pub external_id: Option<String>,
    pub payment: PaymentDetail,
    pub note: Option<String>,
    pub values: Map<String, Value>,
}

fn refund_error(code: &str, details: String) -> AppError {
    AppError::rule(format!("error.msg.{code}"), details)
}

impl RefundLoanCharge {
    /// The installment (of an installment fee) the refund is for, by number or due date.
    fn installment(&self, view: &LoanChargeView) -> AppResult<Option<u32>> {
        let given = || {
            format!(
                "dueDate: {}  installmentNumber: {}",
                self.due_date.map(|d| d.to_string()).unwrap_or_default(),
                self.installment_number
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            )
        };
        if self.due_date.is_some() && self.installment_number.is_some() {
            return Err(refund_error(
                "loan.charge.refund.dueDate.and.installmentNumber.provided.use.only.one",
                given(),
            ));
        }
        if time_type(&view.row) != Some(ChargeTimeType::InstalmentFee) {
            if self.due_date.is_some() || self.installment_number.is_some() {
                return Err(refund_error(
                    "loan.charge.refund.dueDate.or.installmentNumber.provided.but.this.is.not.an.installment.charge",
                    given(),
                ));
            }
            return Ok(None);
        }
        if self.due_date.is_none() && self.installment_number.is_none() {
            return Err(refund_error(
                "loan.charge.refund.neither.dueDate.nor.installmentNumber.provided.for.this.installment.charge",
                given(),
            ));
        }
        view.installments
            .iter()
            .find(|s| self.installment_number == Some(i64::from(s.0)) || self.due_date == Some(s.1))
            .map(|s| Some(s.0))
            .ok_or_else(|| refund_error("loan.charge.refund.installment.not.found", given()))
    }
}

#[async_trait]
impl Command for RefundLoanCharge {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let (loan, _, view) = locked_charge(tx, ctx, self.loan_id, self.loan_charge_id).await?;
        check_status(
            &loan,
            "error.msg.loan.charge.refund.invalid.status",
            "loan.charge.refund.invalid.status",
        )?;
        let installment = self.installment(&view)?;
        let paid = match installment {
            Some(n) => view
                .installments
                .iter()
                .filter(|s| s.0 == n)
                .map(|s| s.3.paid)
                .sum(),
            None => view.settled.paid,
        };
        let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
        let book = ChargeBook::load_in_tx(tx, loan.id).await?;
        // The refund links are stored negative, as Fineract's "refund element" of the paid-by list.
        let refunded: Decimal = -links(&book, &transactions, self.loan_charge_id, CHARGE_REFUND)
            .filter(|p| installment.is_none() || p.installment_number == installment.map(i64::from))
            .map(|p| p.amount.0)
            .sum::<Decimal>();
        let refundable = (paid - refunded).max(Decimal::ZERO);
        let amount = self.amount.unwrap_or(refundable);
        if amount > refundable {
            return Err(refund_error(
                "loan.charge.transaction.amount.is.more.than.is.refundable",
                format!(
                    "transactionAmount: {}  Refundable: {}",
                    amount.normalize(),
                    refundable.normalize()
                ),
            ));
        }
        if amount <= Decimal::ZERO {
            return Err(AppError::validation(ParamError::new(
                "transactionAmount",
                "validation.msg.loan.transaction.transactionAmount.not.greater.than.zero",
                "The parameter `transactionAmount` must be greater than 0.",
            )));
        }
        check_external_id(tx, self.external_id.as_deref()).await?;
        let t = NewLoanTransaction {
            loan_id: loan.id,
            office_id: loan.client_office_id,
            type_enum: CHARGE_REFUND,
            date: ctx.today,
            amount,
            external_id: self.external_id.clone(),
            payment: self.payment.clone(),
            note: self.note.clone(),
            submitted_on_date: ctx.today,
            created_by: ctx.principal.user_id,
        };
        let transaction_id = crate::loans::ledger::insert_transaction(tx, &t).await?;
        repo::insert_paid_by_in_tx(
            tx,
            &PaidByRow {
                loan_transaction_id: transaction_id,
                loan_charge_id: self.loan_charge_id,
                amount: DbAmount(-amount),
                installment_number: installment.map(i64::from),
            },
        )
        .await?;
        crate::loans::account::settle(tx, &loan, None).await?;
        let mut changes = self.values.clone();
        changes.insert(
            "transactionDate".into(),
            Value::String(ctx.today.to_string()),
        );
        changes.insert(
            "transactionAmount".into(),
            Value::String(amount.normalize().to_string()),
        );
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(transaction_id),
            resource_external_id: self.external_id.clone(),
            changes: Some(changes),
            ..Default::default()
        })
    }
}
