//! Fees due at disbursement (charge time 1, and 12 for each tranche): the disbursal pays them with one
//! `REPAYMENT_AT_DISBURSEMENT` transaction whose fee portion is their sum, linked to each charge, as
//! Fineract's `Loan.handleDisbursementTransaction` does. Undoing the disbursal reverses it. The ledger
//! replay never sees it: these fees sit on no installment.

use chrono::NaiveDate;
use kassa_domain::charges::ChargeTimeType;
use kassa_store::repo::loans::charge::{self as charge_repo, LoanChargeRow, PaidByRow};
use kassa_store::repo::loans::loan::{self as loan_repo, LoanRecord};
use kassa_store::repo::loans::transaction::{
    self as tx_repo, LoanTransactionRow, NewLoanTransaction, PaymentDetail, Portions,
};
use kassa_store::Tx;
use rust_decimal::Decimal;

use crate::error::AppResult;
use crate::loans::charges::{place, ChargeBook};
use crate::loans::tranches::REPAYMENT_AT_DISBURSEMENT;

fn time_type(c: &LoanChargeRow) -> Option<ChargeTimeType> {
    ChargeTimeType::from_fineract_id(c.charge_time_enum)
}

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

/// The fees due at disbursement: what they charge and what the disbursals paid of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DisbursementFees {
    pub charged: Decimal,
    pub paid: Decimal,
}

/// `totalFeeChargesDueAtDisbursement` and what live repayments at disbursement paid. A tranche fee
/// charges what its disbursals paid (one share per tranche disbursed).
pub fn disbursement_fees(
    book: &ChargeBook,
    transactions: &[LoanTransactionRow],
) -> DisbursementFees {
    let mut out = DisbursementFees::default();
    for c in book.charges.iter().filter(|c| !c.is_penalty) {
        let paid = paid_at_disbursal(book, transactions, c.id);
        match time_type(c) {
            // `amount` is kept at the placed amount by `loan_charges::sync_in_tx`.
            Some(ChargeTimeType::Disbursement) => {
                out.charged += c.amount.0;
                out.paid += paid;
            }
            Some(ChargeTimeType::TrancheDisbursement) => {
                out.charged += paid;
                out.paid += paid;
            }
            _ => {}
        }
    }
    out
}

/// What live repayments at disbursement paid of one charge.
pub fn paid_at_disbursal(
    book: &ChargeBook,
    transactions: &[LoanTransactionRow],
    charge_id: i64,
) -> Decimal {
    book.paid_by
        .iter()
        .filter(|p| p.loan_charge_id == charge_id)
        .filter(|p| {
            transactions.iter().any(|t| {
                t.id == p.loan_transaction_id
                    && !t.is_reversed
                    && t.transaction_type_enum == REPAYMENT_AT_DISBURSEMENT
            })
        })
        .map(|p| p.amount.0)
        .sum()
}
