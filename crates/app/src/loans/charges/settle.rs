//! Paying or waiving a loan charge: a charge payment (17) or charge waiver (9) transaction linked to the
//! charge and the installment it falls in, then the loan replayed.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::charges::ChargeTimeType;
use kassa_domain::loans::status::{transition, LoanAction};
use kassa_store::repo::loans::charge::{self as repo, PaidByRow};
use kassa_store::repo::loans::loan::LoanRecord;
use kassa_store::repo::loans::transaction::{self as tx_repo, NewLoanTransaction, PaymentDetail};
use kassa_store::Tx;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::book::time_type;
use super::book::{CHARGE_PAYMENT, WAIVE_CHARGES};
use super::commands::locked_charge;
use crate::error::{AppError, AppResult};
use crate::loans::account::status_of;
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};

/// `POST /loans/{loanId}/charges/{id}?command=pay|waive`: settles what is outstanding of the charge (of
/// one installment for an installment fee) with a charge payment or a charge waiver transaction.
pub struct SettleLoanCharge {
    pub loan_id: i64,
    pub id: i64,
    pub waive: bool,
    /// The payment date; waivers are dated on the business date.
    pub date: Option<NaiveDate>,
    pub installment_number: Option<i64>,
    pub external_id: Option<String>,
    pub payment: PaymentDetail,
    pub values: Map<String, Value>,
}

#[async_trait]
impl Command for SettleLoanCharge {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let (loan, _, view) = locked_charge(tx, ctx, self.loan_id, self.id).await?;
        let action = if self.waive {
            LoanAction::WaiveInterest
        } else {
            LoanAction::Repayment
        };
        transition(status_of(&loan)?, action)?;
        let date = self.date.unwrap_or(ctx.today);
        check_date(&loan, date, ctx.today)?;
        let is_installment_fee = time_type(&view.row) == Some(ChargeTimeType::InstalmentFee);
        let (installment, outstanding) = if is_installment_fee {
            let Some(n) = self.installment_number else {
                return Err(AppError::validation(crate::error::ParamError::new(
                    "installmentNumber",
                    "validation.msg.loanCharge.installmentNumber.cannot.be.blank",
                    "The parameter `installmentNumber` is mandatory for an installment fee.",
                )));
            };
            let share = view
                .installments
                .iter()
                .find(|s| i64::from(s.0) == n)
                .ok_or_else(|| {
                    AppError::rule(
                        "error.msg.loan.charge.installment.not.found",
                        format!("Installment {n} of the charge does not exist"),
                    )
                })?;
            (
                Some(n),
                share.2 - share.3.paid - share.3.waived - share.3.written_off,
            )
        } else {
            (
                view.installments.first().map(|s| i64::from(s.0)),
                view.outstanding(),
            )
        };
        if view.installments.is_empty() {
            return Err(AppError::rule(
                "error.msg.loan.charge.due.at.disbursement.cannot.be.settled",
                "A charge due at disbursement is not on the schedule and cannot be paid or waived yet.",
            ));
        }
        if outstanding <= Decimal::ZERO {
            let what = if view.settled.waived > Decimal::ZERO {
                "waived"
            } else {
                "paid"
            };
            return Err(AppError::rule(
                format!("error.msg.loan.charge.already.{what}"),
                format!("This loan charge has already been {what}"),
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
        let t = NewLoanTransaction {
            loan_id: loan.id,
            office_id: loan.client_office_id,
            type_enum: if self.waive {
                WAIVE_CHARGES
            } else {
                CHARGE_PAYMENT
            },
            date,
            amount: outstanding,
            external_id: self.external_id.clone(),
            payment: self.payment.clone(),
            note: None,
            submitted_on_date: ctx.today,
            created_by: ctx.principal.user_id,
        };
        let transaction_id = crate::loans::ledger::insert_transaction(tx, &t).await?;
        repo::insert_paid_by_in_tx(
            tx,
            &PaidByRow {
                loan_transaction_id: transaction_id,
                loan_charge_id: self.id,
                amount: kassa_store::money::DbAmount(outstanding),
                installment_number: installment,
            },
        )
        .await?;
        crate::loans::account::settle(tx, &loan, None).await?;
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(loan.id),
            resource_id: Some(self.id),
            sub_resource_id: Some(transaction_id),
            resource_external_id: self.external_id.clone(),
            changes: Some(self.values.clone()),
            ..Default::default()
        })
    }
}

fn check_date(loan: &LoanRecord, date: NaiveDate, today: NaiveDate) -> AppResult<()> {
    if date > today {
        return Err(AppError::rule(
            "error.msg.loan.transaction.cannot.be.a.future.date",
            "The transaction date cannot be in the future.",
        ));
    }
    if loan.disbursedon_date.is_some_and(|d| date < d) {
        return Err(AppError::rule(
            "error.msg.loan.transaction.cannot.be.before.disbursement.date",
            "The transaction date cannot be before the loan disbursement date",
        ));
    }
    Ok(())
}
