//! What a read shows of a loan's money: its transactions and the ledger replayed from them, with the fees
//! the disbursals paid. A read model above the ledger.

use kassa_domain::loans::ledger::Ledger;
use kassa_store::repo::loans::loan::LoanRecord;
use kassa_store::repo::loans::transaction::{self as tx_repo, LoanTransactionRow};

use crate::error::AppResult;
use crate::loans::charges::book::{disbursement_fees, ChargeBook, DisbursementFees};
use crate::loans::ledger::replay;

/// What a read shows of a loan's money: its transactions (reversed ones included) and the ledger of the
/// live ones.
pub struct LoanMoney {
    pub transactions: Vec<LoanTransactionRow>,
    pub ledger: Ledger,
    /// Fees paid by the disbursals themselves, outside the replay.
    pub disbursement_fees: DisbursementFees,
}

pub async fn read(
    tenant: &crate::platform::tenant::TenantCtx,
    loan: &LoanRecord,
) -> AppResult<LoanMoney> {
    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let installments = kassa_store::repo::loans::loan::installments(&mut c, loan.id).await?;
    let transactions = tx_repo::list(&mut c, loan.id).await?;
    let charges = ChargeBook::load(&mut c, loan.id).await?;
    drop(conn);
    let ledger = replay(loan, &installments, &transactions, &charges)?;
    let disbursement_fees = disbursement_fees(&charges, &transactions);
    Ok(LoanMoney {
        transactions,
        ledger,
        disbursement_fees,
    })
}
