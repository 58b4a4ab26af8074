//! What a read shows of a loan's money: its transactions and the ledger as stored (replayed only when the
//! stored state is not current), with the fees the disbursals paid. A read model above the ledger.

use kassa_domain::loans::ledger::Ledger;
use kassa_store::repo::loans::ledger_state;
use kassa_store::repo::loans::loan::LoanRecord;
use kassa_store::repo::loans::read::LoanRows;
use kassa_store::repo::loans::transaction::{self as tx_repo, LoanTransactionRow};

use crate::error::AppResult;
use crate::loans::charges::book::{disbursement_fees, ChargeBook, DisbursementFees};
use crate::loans::ledger::{allocated_from_rows, replay};
use crate::loans::stored_ledger::from_stored;

/// What a read shows of a loan's money: its transactions (reversed ones included) and the ledger of the
/// live ones.
pub struct LoanMoney {
    pub transactions: Vec<LoanTransactionRow>,
    pub ledger: Ledger,
    /// Fees paid by the disbursals themselves, outside the replay.
    pub disbursement_fees: DisbursementFees,
    /// The loan's charges and what paid them.
    pub charges: ChargeBook,
}

/// The loan's money from the rows a read opened ([`super::read::open`]): the stored ledger when current,
/// else a replay of the rows.
pub fn of_rows(loan: &LoanRecord, rows: &LoanRows) -> AppResult<LoanMoney> {
    let charges = ChargeBook {
        charges: rows.charges.clone(),
        paid_by: rows.paid_by.clone(),
    };
    let ledger = match &rows.stored {
        Some(stored) => from_stored(
            stored.clone(),
            allocated_from_rows(&rows.transactions, &charges),
        ),
        None => replay(loan, &rows.installments, &rows.transactions, &charges)?,
    };
    Ok(LoanMoney {
        disbursement_fees: disbursement_fees(&charges, &rows.transactions),
        transactions: rows.transactions.clone(),
        ledger,
        charges,
    })
}

/// The loan's ledger alone (what a summary and the arrears need) from the rows a read opened.
pub fn ledger_of_rows(loan: &LoanRecord, rows: &LoanRows) -> AppResult<Ledger> {
    match &rows.stored {
        Some(stored) => Ok(from_stored(stored.clone(), Vec::new())),
        None => Ok(of_rows(loan, rows)?.ledger),
    }
}

pub async fn read(
    tenant: &crate::platform::tenant::TenantCtx,
    loan: &LoanRecord,
) -> AppResult<LoanMoney> {
    // One snapshot: the stored figures, the transactions and the charges must be of the same commit, or a
    // write landing between the statements would make the summary and the list disagree.
    let mut conn = tenant.pool().begin_read().await?;
    let mut c = conn.conn();
    let stored = ledger_state::load(&mut c, loan.id).await?;
    let transactions = tx_repo::list(&mut c, loan.id).await?;
    let charges = ChargeBook::load(&mut c, loan.id).await?;
    let ledger = match stored {
        Some(stored) => {
            drop(conn);
            from_stored(stored, allocated_from_rows(&transactions, &charges))
        }
        // Not current (or never stored): an input changed in a way no write has replayed since.
        None => {
            let installments =
                kassa_store::repo::loans::loan::installments(&mut c, loan.id).await?;
            drop(conn);
            replay(loan, &installments, &transactions, &charges)?
        }
    };
    let disbursement_fees = disbursement_fees(&charges, &transactions);
    Ok(LoanMoney {
        transactions,
        ledger,
        disbursement_fees,
        charges,
    })
}
