//! A loan's stored ledger checked against a replay of its whole history: the property tests use it after
//! every operation, and it is the answer to "can the stored state be trusted" for any one loan.

use crate::error::AppResult;

/// How a loan's stored ledger compares with a replay of its whole history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerCheck {
    /// Nothing stored, or an input changed since it was stored: reads replay.
    NotCurrent,
    /// The stored state and every stored split equal a replay from scratch.
    Agrees,
    /// What differs, one line per figure.
    Differs(Vec<String>),
}

/// Replays the loan from scratch and compares every stored figure with the result: the installments,
/// the loan-wide figures and each live transaction's split. Reads only.
pub async fn check(
    tenant: &crate::platform::tenant::TenantCtx,
    loan_id: i64,
) -> AppResult<LedgerCheck> {
    use kassa_store::repo::loans::{loan as loan_repo, transaction as tx_repo};

    let mut conn = tenant.pool().acquire().await?;
    let mut c = conn.conn();
    let Some(stored) = kassa_store::repo::loans::ledger_state::load(&mut c, loan_id).await? else {
        return Ok(LedgerCheck::NotCurrent);
    };
    let Some(loan) = loan_repo::find(&mut c, loan_id).await? else {
        return Ok(LedgerCheck::NotCurrent);
    };
    let installments = loan_repo::installments(&mut c, loan_id).await?;
    let transactions = tx_repo::list(&mut c, loan_id).await?;
    let charges = crate::loans::charges::book::ChargeBook::load(&mut c, loan_id).await?;
    drop(conn);
    let replayed = crate::loans::ledger::replay(&loan, &installments, &transactions, &charges)?;
    let mut differences = Vec::new();
    let expected = crate::loans::stored_ledger::to_stored(&replayed);
    if stored.figures != expected.figures {
        differences.push(format!(
            "figures: stored {:?}, replayed {:?}",
            stored.figures, expected.figures
        ));
    }
    if stored.installments.len() != expected.installments.len() {
        differences.push(format!(
            "{} installments stored, {} replayed",
            stored.installments.len(),
            expected.installments.len()
        ));
    }
    for (s, r) in stored.installments.iter().zip(&expected.installments) {
        if s != r {
            differences.push(format!("installment: stored {s:?}, replayed {r:?}"));
        }
    }
    let stored_splits = crate::loans::ledger::allocated_from_rows(&transactions, &charges);
    if stored_splits != replayed.transactions {
        differences.push(format!(
            "transactions: stored {stored_splits:?}, replayed {:?}",
            replayed.transactions
        ));
    }
    Ok(if differences.is_empty() {
        LedgerCheck::Agrees
    } else {
        LedgerCheck::Differs(differences)
    })
}
