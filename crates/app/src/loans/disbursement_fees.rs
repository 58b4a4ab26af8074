//! Fees due at disbursement (charge time 1, and 12 for each tranche): the disbursal pays them with one
//! `REPAYMENT_AT_DISBURSEMENT` transaction whose fee portion is their sum, linked to each charge, as
//! Fineract's `Loan.handleDisbursementTransaction` does. Undoing the disbursal reverses it. The ledger
//! replay never sees it: these fees sit on no installment.

use chrono::NaiveDate;
use kassa_domain::charges::ChargeTimeType;
use kassa_store::repo::loans::charge::{self as charge_repo, PaidByRow};
use kassa_store::repo::loans::loan::{self as loan_repo, LoanRecord};
use kassa_store::repo::loans::transaction::{
    self as tx_repo, NewLoanTransaction, PaymentDetail, Portions,
};
use kassa_store::Tx;
use rust_decimal::Decimal;

use crate::error::AppResult;
use crate::loans::charges::book::{time_type, REPAYMENT_AT_DISBURSEMENT};
use crate::loans::charges::placement::place;

/// One disbursal being made: what it pays fees on.
pub struct Disbursal<'a> {
    pub loan: &'a LoanRecord,
    pub on: NaiveDate,
    /// What a disbursement fee's percentage is taken of: the loan's principal.
    pub principal: Decimal,
    /// The amount this disbursal hands out (a tranche fee is a share of it).
    pub amount: Decimal,
    /// The loan's first disbursal pays the disbursement fees; every one pays the tranche fees.
    pub first: bool,
    pub payment: &'a PaymentDetail,
    pub outstanding_loan_balance: Decimal,
    pub today: NaiveDate,
    pub user_id: i64,
}

/// Collects the fees `d` pays; returns the transaction's id and amount when there were any.
pub async fn collect_in_tx(tx: &mut Tx, d: &Disbursal<'_>) -> AppResult<Option<(i64, Decimal)>> {
    let charges = charge_repo::list_in_tx(tx, d.loan.id).await?;
    let installments = loan_repo::installments(&mut tx.conn(), d.loan.id).await?;
    let places = u32::try_from(d.loan.currency_digits).unwrap_or(2);
    let mut due = Vec::new();
    for c in charges.iter().filter(|c| !c.is_penalty) {
        let base = match time_type(c) {
            Some(ChargeTimeType::Disbursement) if d.first => d.principal,
            Some(ChargeTimeType::TrancheDisbursement) => d.amount,
            _ => continue,
        };
        let amount = place(c, &installments, base, places).amount;
        if amount > Decimal::ZERO {
            due.push((c.id, amount));
        }
    }
    let total: Decimal = due.iter().map(|(_, a)| *a).sum();
    if total.is_zero() {
        return Ok(None);
    }
    let t = NewLoanTransaction {
        loan_id: d.loan.id,
        office_id: d.loan.client_office_id,
        type_enum: REPAYMENT_AT_DISBURSEMENT,
        date: d.on,
        amount: total,
        external_id: None,
        payment: d.payment.clone(),
        note: None,
        submitted_on_date: d.today,
        created_by: d.user_id,
    };
    let id = crate::loans::ledger::insert_transaction(tx, &t).await?;
    let portions = Portions {
        principal: Decimal::ZERO,
        interest: Decimal::ZERO,
        fee: total,
        penalty: Decimal::ZERO,
        overpayment: Decimal::ZERO,
        outstanding_loan_balance: d.outstanding_loan_balance,
        unapplied: Decimal::ZERO,
    };
    tx_repo::set_portions_in_tx(tx, id, &portions).await?;
    for (charge_id, amount) in due {
        let link = PaidByRow {
            loan_transaction_id: id,
            loan_charge_id: charge_id,
            amount: kassa_store::money::DbAmount(amount),
            installment_number: None,
        };
        charge_repo::insert_paid_by_in_tx(tx, &link).await?;
    }
    Ok(Some((id, total)))
}
