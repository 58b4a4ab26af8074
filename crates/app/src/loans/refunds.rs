//! `refundByCash` (Fineract's REFUND_FOR_ACTIVE_LOAN, type 18) and `chargeback` (type 25) of a
//! repayment, with the checks Fineract makes before either is stored (`makeLoanRefund`,
//! `chargebackLoanTransaction`), and which transactions those two leave unadjustable.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::loans::ledger::{paid_in_advance, summary, Strategy, TransactionKind};
use kassa_domain::loans::status::{LifecycleError, LoanStatus};
use kassa_store::repo::loans::loan as repo;
use kassa_store::repo::loans::loan::LoanRecord;
use kassa_store::repo::loans::transaction::{
    self as tx_repo, LoanTransactionRow, NewLoanTransaction, PaymentDetail,
};
use kassa_store::repo::loans::transaction_relation::{
    self as relation_repo, CHARGEBACK, FORECLOSED,
};
use kassa_store::Tx;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use crate::error::{AppError, AppResult};
use crate::loans::account::settle;
use crate::loans::account::{lock_visible, status_of};
use crate::loans::charges::book::ChargeBook;
use crate::loans::ledger::replay;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

/// Types whose date bounds a refund (`possibleNextRefundDate`: repayment-like, refunds, credit refunds).
const REFUND_DATE_TYPES: [i64; 11] = [2, 18, 20, 21, 22, 23, 24, 26, 28, 31, 33];

/// `isTypeAllowedForChargeback`: repayment, merchant refund, payout refund, goodwill credit, down payment,
/// interest payment waiver.
const CHARGEBACK_TYPES: [i64; 6] = [2, 21, 22, 23, 28, 31];

async fn refuse_taken_external_id(tx: &mut Tx, external_id: Option<&String>) -> AppResult<()> {
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

/// A new transaction of `kind` on `loan`, posted by the caller today.
fn posting(
    ctx: &CommandCtx<'_>,
    loan: &LoanRecord,
    kind: TransactionKind,
    date: NaiveDate,
    amount: Decimal,
) -> NewLoanTransaction {
    NewLoanTransaction {
        loan_id: loan.id,
        office_id: loan.client_office_id,
        type_enum: kind.fineract_id(),
        date,
        amount,
        external_id: None,
        payment: PaymentDetail::default(),
        note: None,
        submitted_on_date: ctx.today,
        created_by: ctx.principal.user_id,
    }
}

fn result(
    loan: &LoanRecord,
    id: i64,
    external_id: Option<String>,
    values: &Map<String, Value>,
) -> CommandResult {
    CommandResult {
        office_id: Some(loan.client_office_id),
        client_id: Some(loan.client_id),
        loan_id: Some(loan.id),
        resource_id: Some(id),
        resource_external_id: external_id,
        changes: Some(values.clone()),
        ..Default::default()
    }
}

/// `POST /loans/{id}/transactions?command=refundByCash`.
pub struct RefundByCash {
    pub loan_id: i64,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub external_id: Option<String>,
    pub payment: PaymentDetail,
    pub note: Option<String>,
    pub values: Map<String, Value>,
}

fn transition_error(reason: &str, message: &str) -> AppError {
    AppError::rule(format!("error.msg.loan.transaction.{reason}"), message)
}

#[async_trait]
impl Command for RefundByCash {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = lock_visible(tx, ctx, self.loan_id).await?;
        let installments = repo::installments(&mut tx.conn(), loan.id).await?;
        let charges = ChargeBook::load_in_tx(tx, loan.id).await?;
        let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
        let ledger = replay(&loan, &installments, &transactions, &charges)?;
        // Fineract checks in this order: the amount against what was paid in advance of the business date
        // (`checkIfLoanIsPaidInAdvance`), the status, the date, then the loan state again.
        let in_advance = paid_in_advance(&ledger, ctx.today);
        if in_advance.is_zero() || self.amount > in_advance {
            return Err(AppError::Rule {
                code: "error.msg.loan.refund.amount.invalid".into(),
                message: format!(
                    "The refund amount `{}`` is invalid or loan is not paid in advance.",
                    in_advance.normalize()
                ),
                parameter: None,
                args: vec![json!(in_advance.normalize().to_string())],
            });
        }
        let status = status_of(&loan)?;
        if !status.is_open() {
            return Err(LifecycleError::WrongStatus {
                code: "error.msg.loan.refund.account.is.not.active",
                message: "Loan Refund is not allowed. Loan Account is not active.",
            }
            .into());
        }
        let earliest = transactions
            .iter()
            .filter(|t| !t.is_reversed && !t.amount.0.is_zero())
            .filter(|t| REFUND_DATE_TYPES.contains(&t.transaction_type_enum))
            .map(|t| t.transaction_date)
            .max()
            .unwrap_or(ctx.today);
        if self.date < earliest {
            return Err(AppError::rule(
                "error.msg.loan.refund.failed",
                format!(
                    "The refund date`{}`` cannot be before the smallest repayment transaction date",
                    self.date
                ),
            ));
        }
        if status == LoanStatus::Overpaid {
            return Err(transition_error(
                "is.exceeding.overpaid.amount",
                "This refund option is only for active loans ",
            ));
        }
        if summary(&ledger).total_repayment.is_zero() {
            return Err(transition_error(
                "no.payment.yet.made.for.loan",
                "Cannot refund when no payment has been made",
            ));
        }
        if self.date > ctx.today {
            return Err(transition_error(
                "cannot.be.a.future.date",
                "The transaction date cannot be in the future.",
            ));
        }
        if matches!(
            Strategy::from_code(&loan.loan_transaction_strategy_code),
            Some(Strategy::Advanced(_))
        ) {
            return Err(AppError::rule(
                "error.msg.loan.refund.not.supported.for.advanced.payment.allocation",
                "Refunds by cash are not supported on loans with the advanced payment allocation strategy.",
            ));
        }
        refuse_taken_external_id(tx, self.external_id.as_ref()).await?;
        let t = NewLoanTransaction {
            external_id: self.external_id.clone(),
            payment: self.payment.clone(),
            note: self.note.clone(),
            ..posting(
                ctx,
                &loan,
                TransactionKind::RefundForActiveLoan,
                self.date,
                self.amount,
            )
        };
        let id = crate::loans::ledger::insert_transaction(tx, &t).await?;
        settle(tx, &loan, None).await?;
        Ok(result(&loan, id, self.external_id.clone(), &self.values))
    }
}

/// `POST /loans/{id}/transactions/{txId}?command=chargeback`: dated on the business date, as Fineract does.
pub struct Chargeback {
    pub loan_id: i64,
    pub transaction_id: i64,
    pub amount: Decimal,
    pub external_id: Option<String>,
    pub payment: PaymentDetail,
    pub note: Option<String>,
    pub values: Map<String, Value>,
}

/// Fineract answers these with `PlatformServiceUnavailableException` (HTTP 503); we keep its code.
fn chargeback_refused(id: i64, why: &str) -> AppError {
    AppError::rule(
        "error.msg.loan.chargeback.operation.not.allowed",
        format!("Loan transaction:{id} chargeback not allowed as {why}"),
    )
}

#[async_trait]
impl Command for Chargeback {
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
        let id = original.id;
        if original.is_reversed {
            return Err(chargeback_refused(
                id,
                "loan transaction repayment is reversed",
            ));
        }
        if !CHARGEBACK_TYPES.contains(&original.transaction_type_enum) {
            return Err(chargeback_refused(
                id,
                "its type is not a repayment, refund, goodwill credit, down payment or interest payment waiver",
            ));
        }
        if status_of(&loan)? == LoanStatus::ClosedWrittenOff {
            return Err(chargeback_refused(id, "loan status is written off"));
        }
        let relations = relation_repo::list_in_tx(tx, loan.id).await?;
        if relation_repo::charged_back(&relations, id) + self.amount > original.amount.0 {
            return Err(chargeback_refused(
                id,
                "loan transaction amount is not enough",
            ));
        }
        refuse_taken_external_id(tx, self.external_id.as_ref()).await?;
        let t = NewLoanTransaction {
            external_id: self.external_id.clone(),
            payment: self.payment.clone(),
            note: self.note.clone(),
            ..posting(
                ctx,
                &loan,
                TransactionKind::Chargeback,
                ctx.today,
                self.amount,
            )
        };
        let new_id = crate::loans::ledger::insert_transaction(tx, &t).await?;
        relation_repo::insert_in_tx(tx, id, new_id, CHARGEBACK).await?;
        settle(tx, &loan, None).await?;
        Ok(result(
            &loan,
            new_id,
            self.external_id.clone(),
            &self.values,
        ))
    }
}

/// What `adjustLoanTransaction` refuses before anything else about these transactions: any adjustment on a
/// closed foreclosed loan, a transaction that has been charged back, and (being neither repayment-like nor
/// a waiver) refunds and chargebacks themselves.
pub async fn check_adjustable(
    tx: &mut Tx,
    loan: &LoanRecord,
    original: &LoanTransactionRow,
) -> AppResult<()> {
    let closed = status_of(loan)?.is_closed();
    if closed && relation_repo::sub_status_in_tx(tx, loan.id).await? == Some(FORECLOSED) {
        return Err(AppError::rule(
            "loan.cannot.be.reopened.as.it.is.foreclosured",
            "The loan cannot reopened as it is foreclosed.",
        ));
    }
    let relations = relation_repo::list_in_tx(tx, loan.id).await?;
    if relations
        .iter()
        .any(|r| r.from_loan_transaction_id == original.id && r.relation_type_enum == CHARGEBACK)
    {
        return Err(AppError::rule(
            "error.msg.loan.transaction.update.not.allowed",
            format!(
                "Loan transaction:{} update not allowed as loan transaction is linked to other transactions",
                original.id
            ),
        ));
    }
    let refund_or_chargeback = [
        TransactionKind::RefundForActiveLoan.fineract_id(),
        TransactionKind::Chargeback.fineract_id(),
    ];
    if refund_or_chargeback.contains(&original.transaction_type_enum) {
        return Err(AppError::rule(
            "error.msg.loan.transaction.adjustment.is.only.allowed.to.repayment.or.waiver.or.creditbalancerefund.transactions",
            "Only (non-reversed) transactions of type repayment, waiver or credit balance refund can be adjusted.",
        ));
    }
    Ok(())
}

/// The links from the loan's transactions (a repayment to its chargebacks), for reads.
pub async fn relations(
    tenant: &crate::platform::tenant::TenantCtx,
    loan_id: i64,
) -> AppResult<Vec<relation_repo::RelationRow>> {
    let mut conn = tenant.pool().acquire().await?;
    Ok(relation_repo::list(&mut conn.conn(), loan_id).await?)
}
