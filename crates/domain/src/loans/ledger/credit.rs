//! Credit balance refunds. Within the credit balance a refund only pays the overpayment back. On replay
//! (e.g. after an earlier repayment is undone) it can exceed what is now overpaid: Fineract then lends the
//! excess again, adding the whole refund to the principal of the next installment due after it (or an
//! extra "N+1" installment) and paying the overpaid part of it at once (`processCreditTransaction`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::error::LedgerError;
use super::installment::InstallmentLedger;
use super::rules::Component;
use super::state::Ledger;

/// For a caller posting a new refund: Fineract refuses one above the current credit balance.
pub fn validate_credit_balance_refund(
    ledger: &Ledger,
    id: i64,
    amount: Decimal,
) -> Result<(), LedgerError> {
    if amount.is_sign_negative() || amount.is_zero() || amount > ledger.credit_balance {
        return Err(LedgerError::RefundExceedsCreditBalance {
            id,
            amount,
            credit_balance: ledger.credit_balance,
        });
    }
    Ok(())
}

/// Puts a refund that exceeds the credit balance back on the schedule; `repaid` is the overpaid part.
pub(crate) fn credit_schedule(
    installments: &mut Vec<InstallmentLedger>,
    date: NaiveDate,
    amount: Decimal,
    repaid: Decimal,
) {
    let target = installments
        .iter()
        .position(|i| !i.is_down_payment && (i.is_additional || date < i.due_date));
    let index = match target {
        Some(index) => {
            let installment = &mut installments[index];
            if installment.is_additional && date > installment.due_date {
                installment.due_date = date;
            }
            index
        }
        None => {
            let last = installments.iter().rposition(|i| !i.is_down_payment);
            match last {
                Some(index) if installments[index].due_date == date => index,
                _ => {
                    let from = installments.last().map_or(date, |i| i.due_date);
                    let number = installments
                        .iter()
                        .map(|i| i.number)
                        .max()
                        .unwrap_or(0)
                        .saturating_add(1);
                    installments.push(InstallmentLedger::additional(number, from, date));
                    installments.len() - 1
                }
            }
        }
    };
    let installment = &mut installments[index];
    installment.credit_principal(date, amount);
    installment.pay(Component::Principal, date, repaid);
}
