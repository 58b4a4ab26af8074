//! A loan's charges as one replay needs them: the charges and which transactions paid them, and what the
//! disbursals paid. The lowest piece of the loan charges: the ledger, the placement and every command
//! read it, and it imports none of them.

use kassa_domain::charges::ChargeTimeType;
use kassa_domain::loans::ledger::TransactionKind;
use kassa_store::repo::loans::charge::{self as repo, LoanChargeRow, PaidByRow};
use kassa_store::repo::loans::transaction::LoanTransactionRow;
use kassa_store::{Conn, Tx};
use rust_decimal::Decimal;

use crate::error::{AppError, AppResult};

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

/// `LoanTransactionType.REPAYMENT_AT_DISBURSEMENT`: undone with the disbursal it came with.
pub const REPAYMENT_AT_DISBURSEMENT: i64 = 5;

pub(crate) fn time_type(c: &LoanChargeRow) -> Option<ChargeTimeType> {
    ChargeTimeType::from_fineract_id(c.charge_time_enum)
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

/// The 404 of a loan charge that does not exist (on this loan).
pub(super) fn not_found(id: i64) -> AppError {
    AppError::NotFound {
        entity: "LoanCharge",
        id: id.to_string(),
    }
}
