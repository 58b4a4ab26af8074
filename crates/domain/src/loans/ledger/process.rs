//! Replays every transaction from scratch over a fresh copy of the schedule, as Fineract's
//! `reprocessLoanTransactions` does after any back-dated change: splits of stored transactions can move.

use rust_decimal::Decimal;

use super::advanced::{self, Rounding};
use super::classic;
use super::credit;
use super::error::LedgerError;
use super::input::{LoanInput, LoanTransaction, TransactionKind};
use super::installment::{Components, InstallmentLedger};
use super::refund;
use super::state::{AllocatedTransaction, Ledger};
use super::strategy::Strategy;

/// Amounts above this are refused, so that sums of up to `MAX_ITEMS` of them stay far inside
/// `Decimal`'s range and the arithmetic below cannot overflow.
const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0); // 10^15
const MAX_ITEMS: usize = 100_000;
const MAX_SCALE: u32 = 6;

/// Refuses input the processor cannot replay faithfully: negative, oversized or over-precise amounts,
/// reversed installment dates, absurd counts, or an advanced strategy without a DEFAULT rule.
pub fn validate(strategy: &Strategy, loan: &LoanInput) -> Result<(), LedgerError> {
    if loan.installments.is_empty() {
        return Err(LedgerError::NoInstallments);
    }
    if loan.installments.len() > MAX_ITEMS
        || loan.transactions.len() > MAX_ITEMS
        || loan.disbursements.len() > MAX_ITEMS
        || loan.charges.len() > MAX_ITEMS
    {
        return Err(LedgerError::TooManyItems);
    }
    if loan.currency_decimal_places > MAX_SCALE {
        return Err(LedgerError::BadDecimalPlaces(loan.currency_decimal_places));
    }
    for i in &loan.installments {
        if ![i.principal, i.interest, i.fee, i.penalty]
            .into_iter()
            .all(sane)
        {
            return Err(LedgerError::BadInstallmentAmount { number: i.number });
        }
        if i.due_date < i.from_date {
            return Err(LedgerError::InstallmentDatesReversed { number: i.number });
        }
    }
    if let Some(d) = loan.disbursements.iter().find(|d| !sane(d.amount)) {
        return Err(LedgerError::BadDisbursementAmount { date: d.date });
    }
    if let Some(t) = loan.transactions.iter().find(|t| !sane(t.amount)) {
        return Err(LedgerError::BadTransactionAmount { id: t.id });
    }
    if let Some(c) = loan.charges.iter().find(|c| !sane(c.amount)) {
        return Err(LedgerError::BadChargeAmount { date: c.due_date });
    }
    if let Strategy::Advanced(rules) = strategy {
        if rules.rule_for(TransactionKind::WriteOff).is_none() {
            return Err(LedgerError::NoDefaultAllocationRule);
        }
    }
    Ok(())
}

fn sane(amount: Decimal) -> bool {
    !amount.is_sign_negative() && amount <= MAX_AMOUNT && amount.scale() <= MAX_SCALE
}

/// Replays `loan.transactions` with `strategy` and returns the resulting ledger.
pub fn process(strategy: &Strategy, loan: &LoanInput) -> Result<Ledger, LedgerError> {
    validate(strategy, loan)?;
    let mut installments: Vec<InstallmentLedger> = loan
        .installments
        .iter()
        .map(InstallmentLedger::new)
        .collect();
    installments.sort_by_key(|i| (i.due_date, i.number));
    let first_disbursed_on = loan.disbursements.iter().map(|d| d.date).min();
    for installment in installments.iter_mut().filter(|i| i.complete) {
        installment.obligations_met_on = first_disbursed_on;
    }

    let mut transactions: Vec<&LoanTransaction> = loan.transactions.iter().collect();
    transactions.sort_by_key(|t| t.date); // stable: same-day order stays the caller's
    let mut ledger = Ledger {
        installments,
        transactions: Vec::with_capacity(transactions.len()),
        last_transaction_on: None,
        principal_disbursed: Decimal::ZERO,
        credit_balance: Decimal::ZERO,
        fully_paid: false,
        fully_paid_on: None,
    };
    for tx in transactions {
        step(strategy, loan, &mut ledger, tx)?;
    }
    finish(loan, &mut ledger);
    Ok(ledger)
}

/// Why a transaction cannot simply be added to a ledger: it would not be the last one processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfOrder;

/// Adds one transaction to a ledger that `process` (or an earlier `append`) produced from `loan`'s
/// schedule, disbursements and charges. The result is what `process` gives for the same history with
/// `tx` at its end, because `process` is a fold in date order and `tx` is dated on or after every
/// transaction already in the ledger: only the new money is allocated. A back-dated transaction could
/// move earlier splits, so it is refused (`Ok(Err(OutOfOrder))`) and the caller replays from scratch.
/// `loan.transactions` and `loan.installments` are not read.
pub fn append(
    strategy: &Strategy,
    loan: &LoanInput,
    mut ledger: Ledger,
    tx: &LoanTransaction,
) -> Result<Result<Ledger, OutOfOrder>, LedgerError> {
    if ledger
        .last_transaction_on
        .is_some_and(|last| last > tx.date)
    {
        return Ok(Err(OutOfOrder));
    }
    if !sane(tx.amount) {
        return Err(LedgerError::BadTransactionAmount { id: tx.id });
    }
    if let Strategy::Advanced(rules) = strategy {
        if rules.rule_for(TransactionKind::WriteOff).is_none() {
            return Err(LedgerError::NoDefaultAllocationRule);
        }
    }
    step(strategy, loan, &mut ledger, tx)?;
    finish(loan, &mut ledger);
    Ok(Ok(ledger))
}

/// Allocates one transaction over the installments as they stand and records its split.
fn step(
    strategy: &Strategy,
    loan: &LoanInput,
    ledger: &mut Ledger,
    tx: &LoanTransaction,
) -> Result<(), LedgerError> {
    let rounding = Rounding {
        decimal_places: loan.currency_decimal_places,
        mode: loan.rounding_mode,
    };
    let installments = &mut ledger.installments;
    let credit_balance = &mut ledger.credit_balance;
    let mut amount = tx.amount;
    let mut overpayment = Decimal::ZERO;
    let mut unapplied = Decimal::ZERO;
    let portions = match tx.kind {
        kind @ (TransactionKind::Repayment
        | TransactionKind::RecoveryPayment
        | TransactionKind::MerchantIssuedRefund
        | TransactionKind::PayoutRefund
        | TransactionKind::GoodwillCredit
        | TransactionKind::DownPayment
        | TransactionKind::InterestPaymentWaiver
        | TransactionKind::ChargeRefund
        | TransactionKind::ChargeAdjustment) => {
            let (portions, left) = match strategy {
                Strategy::Advanced(rules) => {
                    let rule = rules
                        .rule_for(kind)
                        .ok_or(LedgerError::NoDefaultAllocationRule)?;
                    advanced::repay(
                        rule,
                        rules.processing,
                        installments,
                        tx.date,
                        amount,
                        &rounding,
                    )
                }
                _ => classic::repay(strategy, installments, &loan.charges, tx.date, amount),
            };
            overpayment = left;
            // A recovery pays back a write-off: what it cannot place is income, not owed to the client.
            if kind != TransactionKind::RecoveryPayment {
                *credit_balance += left;
            }
            portions
        }
        TransactionKind::WaiveInterest => {
            let (portions, left) = classic::waive_interest(installments, tx.date, amount);
            unapplied = left;
            portions
        }
        TransactionKind::ChargePayment {
            penalty,
            installment,
        } => {
            let (portions, left) =
                classic::pay_charges(installments, tx.date, amount, penalty, installment);
            unapplied = left;
            portions
        }
        TransactionKind::WaiveCharges {
            penalty,
            installment,
        } => {
            let (portions, left) =
                classic::waive_charges(installments, tx.date, amount, penalty, installment);
            unapplied = left;
            portions
        }
        TransactionKind::WriteOff => {
            let mut portions = Components::default();
            for installment in installments.iter_mut().filter(|i| !i.complete) {
                portions = portions.plus(&installment.write_off(tx.date));
            }
            amount = portions.total();
            portions
        }
        TransactionKind::RefundForActiveLoan => {
            let (portions, left) = refund::unpay(strategy, installments, tx.date, amount);
            unapplied = left;
            portions
        }
        // Fineract's `handleChargeback` is `processCreditTransaction`, the credit balance refund's walk.
        TransactionKind::CreditBalanceRefund | TransactionKind::Chargeback => {
            let repaid = amount.min(*credit_balance);
            *credit_balance -= repaid;
            overpayment = repaid;
            let lent_again = amount - repaid;
            if lent_again > Decimal::ZERO {
                credit::credit_schedule(installments, tx.date, amount, repaid);
            }
            Components {
                principal: lent_again,
                ..Components::default()
            }
        }
    };
    let disbursed_by_now: Decimal = loan
        .disbursements
        .iter()
        .filter(|d| d.date <= tx.date)
        .map(|d| d.amount)
        .sum();
    let principal_settled: Decimal = installments
        .iter()
        .map(|i| i.paid.principal + i.written_off.principal - i.credits)
        .sum();
    ledger.last_transaction_on = Some(tx.date);
    ledger.transactions.push(AllocatedTransaction {
        id: tx.id,
        kind: tx.kind,
        date: tx.date,
        amount,
        portions,
        overpayment,
        unapplied,
        outstanding_loan_balance: disbursed_by_now - principal_settled,
    });
    Ok(())
}

/// The figures that follow from the installments once every transaction is in.
fn finish(loan: &LoanInput, ledger: &mut Ledger) {
    ledger.principal_disbursed = loan.disbursements.iter().map(|d| d.amount).sum();
    ledger.fully_paid = ledger.installments.iter().all(|i| i.complete);
    ledger.fully_paid_on = if ledger.fully_paid {
        ledger
            .installments
            .iter()
            .filter_map(|i| i.obligations_met_on)
            .max()
    } else {
        None
    };
}
