//! The ledger as stored between requests: what a replay or an append leaves is written in the same
//! transaction as the change, and reads and in-order writes start from it instead of replaying the loan's
//! history. The store's triggers mark it not current when anything it was computed from changes.

use kassa_domain::loans::ledger::{AllocatedTransaction, Ledger};
use kassa_store::repo::loans::ledger_state::{self as repo, LedgerFigures, StoredLedger};
use kassa_store::Tx;

use crate::error::AppResult;

/// What of a ledger is stored beside the transactions' own splits.
pub fn to_stored(ledger: &Ledger) -> StoredLedger {
    StoredLedger {
        figures: LedgerFigures {
            principal_disbursed: ledger.principal_disbursed,
            credit_balance: ledger.credit_balance,
            fully_paid: ledger.fully_paid,
            fully_paid_on: ledger.fully_paid_on,
            last_transaction_on: ledger.last_transaction_on,
        },
        installments: ledger.installments.clone(),
    }
}

/// A ledger from its stored state and its transactions as allocated (read from their rows, or none when
/// the caller only appends).
pub fn from_stored(stored: StoredLedger, transactions: Vec<AllocatedTransaction>) -> Ledger {
    let f = stored.figures;
    Ledger {
        installments: stored.installments,
        transactions,
        principal_disbursed: f.principal_disbursed,
        credit_balance: f.credit_balance,
        fully_paid: f.fully_paid,
        fully_paid_on: f.fully_paid_on,
        last_transaction_on: f.last_transaction_on,
    }
}

/// The loan's stored ledger inside this transaction, when it is current.
pub async fn load_in_tx(tx: &mut Tx, loan_id: i64) -> AppResult<Option<StoredLedger>> {
    Ok(repo::load_in_tx(tx, loan_id).await?)
}

/// Stores `ledger` as the loan's current state; `before` (the state it was appended to) limits the
/// writes to the installments that moved.
pub async fn save(
    tx: &mut Tx,
    loan_id: i64,
    ledger: &Ledger,
    before: Option<&StoredLedger>,
) -> AppResult<()> {
    Ok(repo::save_in_tx(tx, loan_id, &to_stored(ledger), before).await?)
}
