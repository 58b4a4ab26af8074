//! `command=foreclosure` and its template: the loan is paid off on a date with what is due by then
//! (Fineract's `forecloseLoan`). The schedule is cut at the date (`kassa_domain::loans::foreclosure`),
//! charges due later stop being owed, and a repayment of what the cut schedule leaves outstanding closes
//! the loan, which is marked foreclosed (sub-status 100) so none of its transactions can be adjusted.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::loans::foreclosure::{foreclosed_schedule, validate_date};
use kassa_domain::loans::ledger::{Components, ScheduledInstallment, TransactionKind};
use kassa_domain::loans::status::LifecycleError;
use kassa_domain::money::RoundingMode;
use kassa_store::money::DbAmount;
use kassa_store::repo::loans::disbursement as tranche_repo;
use kassa_store::repo::loans::loan::{self as repo, InstallmentRow, LoanRecord};
use kassa_store::repo::loans::transaction::{
    self as tx_repo, LoanTransactionRow, NewLoanTransaction, PaymentDetail,
};
use kassa_store::repo::loans::transaction_relation::{self as relation_repo, FORECLOSED};
use kassa_store::Tx;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use crate::error::{AppError, AppResult};
use crate::loans::account::settle;
use crate::loans::account::{lock_visible, status_of};
use crate::loans::charges::book::ChargeBook;
use crate::loans::charges::placement::sync_in_tx;
use crate::loans::ledger::replay;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

fn foreclosure_error(code: &str, message: impl Into<String>) -> AppError {
    AppError::rule(code, message)
}

/// `validateForForeclosure`: the date is not in the future nor before the last transaction (the
/// disbursement included; Kassa stores no accruals, which Fineract would skip).
fn check_date(
    loan: &LoanRecord,
    transactions: &[LoanTransactionRow],
    date: NaiveDate,
    today: NaiveDate,
) -> AppResult<()> {
    let disbursed = loan
        .disbursedon_date
        .unwrap_or(loan.expected_disbursedon_date);
    let last = transactions
        .iter()
        .filter(|t| !t.is_reversed)
        .map(|t| t.transaction_date)
        .fold(disbursed, NaiveDate::max);
    validate_date(date, today, last).map_err(|e| foreclosure_error(e.code(), e.to_string()))
}

/// The schedule cut at `date`, and what it leaves outstanding after replaying the loan's transactions.
struct Plan {
    rows: Vec<InstallmentRow>,
    due: Components,
}

fn plan(
    loan: &LoanRecord,
    installments: &[InstallmentRow],
    transactions: &[LoanTransactionRow],
    charges: &ChargeBook,
    date: NaiveDate,
) -> AppResult<Plan> {
    let scheduled: Vec<ScheduledInstallment> = installments
        .iter()
        .map(|i| ScheduledInstallment {
            number: u32::try_from(i.installment).unwrap_or_default(),
            from_date: i.fromdate,
            due_date: i.duedate,
            principal: i.principal_amount.0,
            interest: i.interest_amount.0,
            // Fees and penalties are placed from the loan's charges on every replay.
            fee: Decimal::ZERO,
            penalty: Decimal::ZERO,
            is_down_payment: i.is_down_payment,
        })
        .collect();
    let places = u32::try_from(loan.currency_digits).unwrap_or(2);
    let disbursed = loan
        .disbursedon_date
        .unwrap_or(loan.expected_disbursedon_date);
    let cut = foreclosed_schedule(
        &scheduled,
        disbursed,
        date,
        &[],
        places,
        RoundingMode::HalfEven,
    );
    let rows: Vec<InstallmentRow> = cut
        .iter()
        .map(|s| {
            installments
                .iter()
                .find(|i| i.duedate < date && i64::from(s.number) == i.installment)
                .cloned()
                .unwrap_or(InstallmentRow {
                    installment: i64::from(s.number),
                    fromdate: s.from_date,
                    duedate: s.due_date,
                    principal_amount: DbAmount(s.principal),
                    interest_amount: DbAmount(s.interest),
                    fee_charges_amount: DbAmount(Decimal::ZERO),
                    penalty_charges_amount: DbAmount(Decimal::ZERO),
                    is_down_payment: false,
                })
        })
        .collect();
    let mut owed = charges.clone();
    owed.charges
        .retain(|c| c.due_for_collection_as_of_date.is_none_or(|d| d <= date));
    let ledger = replay(loan, &rows, transactions, &owed)?;
    let due = ledger
        .installments
        .iter()
        .fold(Components::default(), |acc, i| {
            let o = i.outstanding();
            Components {
                principal: acc.principal + o.principal,
                interest: acc.interest + o.interest,
                fee: acc.fee + o.fee,
                penalty: acc.penalty + o.penalty,
            }
        });
    Ok(Plan { rows, due })
}

/// `GET /loans/{id}/transactions/template?command=foreclosure`: what foreclosing on `date` would pay.
pub async fn template(
    tenant: &TenantCtx,
    principal: &Principal,
    loan_id: i64,
    date: NaiveDate,
    today: NaiveDate,
) -> AppResult<Components> {
    let loan = crate::loans::get(tenant, principal, loan_id).await?;
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let installments = repo::installments(&mut c, loan.id).await?;
    let transactions = tx_repo::list(&mut c, loan.id).await?;
    let charges = ChargeBook::load(&mut c, loan.id).await?;
    drop(conn);
    check_date(&loan, &transactions, date, today)?;
    Ok(plan(&loan, &installments, &transactions, &charges, date)?.due)
}

/// `POST /loans/{id}/transactions?command=foreclosure`.
pub struct Foreclose {
    pub loan_id: i64,
    pub date: NaiveDate,
    pub external_id: Option<String>,
    pub note: Option<String>,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for Foreclose {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = lock_visible(tx, ctx, self.loan_id).await?;
        let tranches = tranche_repo::list_in_tx(tx, loan.id).await?;
        if tranches
            .iter()
            .any(|t| t.expected_disburse_date <= self.date && t.disbursedon_date.is_none())
        {
            return Err(foreclosure_error(
                "loan.with.undisbursed.tranche.before.foreclosure.cannot.be.foreclosured",
                "The loan with undisbursed tranche before foreclosure cannot be foreclosed.",
            ));
        }
        // Fineract cancels tranches expected after the date and takes their principal off the payoff. The
        // stored schedule here already carries that principal, so foreclosing would charge money never lent:
        // until tranche cancellation exists, such a loan is refused.
        if tranches.iter().any(|t| t.disbursedon_date.is_none()) {
            return Err(foreclosure_error(
                "error.msg.loan.foreclosure.with.undisbursed.tranche",
                "A loan with a tranche still to disburse cannot be foreclosed in Kassa yet.",
            ));
        }
        if !status_of(&loan)?.is_open() {
            return Err(LifecycleError::WrongStatus {
                code: "error.msg.loan.foreclosure.account.is.not.active",
                message: "Loan foreclosure is not allowed. Loan Account is not active.",
            }
            .into());
        }
        let transactions = tx_repo::list_in_tx(tx, loan.id).await?;
        check_date(&loan, &transactions, self.date, ctx.today)?;
        let installments = repo::installments(&mut tx.conn(), loan.id).await?;
        let charges = ChargeBook::load_in_tx(tx, loan.id).await?;
        let plan = plan(&loan, &installments, &transactions, &charges, self.date)?;
        let amount = plan.due.total();
        // Fineract posts no repayment then and fails on the missing transaction; we refuse instead.
        if amount <= Decimal::ZERO {
            return Err(foreclosure_error(
                "error.msg.loan.foreclosure.nothing.outstanding",
                "Nothing is outstanding on the foreclosure date.",
            ));
        }
        if let Some(ext) = &self.external_id {
            if tx_repo::external_id_taken(tx, ext).await? {
                return Err(AppError::rule(
                    "error.msg.loan.transaction.externalId.already.used",
                    format!("Loan transaction with external id {ext} already exists"),
                ));
            }
        }
        relation_repo::deactivate_charges_due_after_in_tx(tx, loan.id, self.date).await?;
        tx_repo::replace_schedule_in_tx(tx, loan.id, &plan.rows, loan.loan_term_in_days).await?;
        sync_in_tx(tx, loan.id).await?;
        // Fineract's foreclosure transaction is an ordinary repayment (type 2) without payment details.
        let t = NewLoanTransaction {
            loan_id: loan.id,
            office_id: loan.client_office_id,
            type_enum: TransactionKind::Repayment.fineract_id(),
            date: self.date,
            amount,
            external_id: self.external_id.clone(),
            payment: PaymentDetail::default(),
            note: self.note.clone(),
            submitted_on_date: ctx.today,
            created_by: ctx.principal.user_id,
        };
        let id = crate::loans::ledger::insert_transaction(tx, &t).await?;
        relation_repo::set_sub_status_in_tx(tx, loan.id, Some(FORECLOSED)).await?;
        settle(tx, &loan, None).await?;
        let mut changes = self.values.clone();
        changes.insert("transactions".into(), json!([id]));
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(id),
            resource_external_id: self.external_id.clone(),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// The loan's sub-status id (Fineract's `loan_sub_status_id`: 100 once foreclosed).
pub async fn sub_status(tenant: &TenantCtx, loan_id: i64) -> AppResult<Option<i64>> {
    let mut conn = tenant.pool().acquire().await?;
    Ok(relation_repo::sub_status(&mut conn.conn(), loan_id).await?)
}
