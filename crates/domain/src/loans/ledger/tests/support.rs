//! Builders for the examples: schedules are typed in as Fineract's tests print them.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::loans::ledger::{
    process, Disbursement, Ledger, LoanInput, LoanTransaction, ScheduledInstallment, Strategy,
    TransactionKind,
};
use crate::money::RoundingMode;

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

pub fn d(text: &str) -> Decimal {
    text.parse().expect("test decimal")
}

/// `(due date, principal, interest)` rows; each period starts at the previous due date.
pub fn schedule(disbursed_on: &str, rows: &[(&str, &str, &str)]) -> Vec<ScheduledInstallment> {
    let mut from = date(disbursed_on);
    rows.iter()
        .enumerate()
        .map(|(index, (due, principal, interest))| {
            let due_date = date(due);
            let installment = ScheduledInstallment {
                number: index as u32 + 1,
                from_date: from,
                due_date,
                principal: d(principal),
                interest: d(interest),
                fee: Decimal::ZERO,
                penalty: Decimal::ZERO,
                is_down_payment: false,
            };
            from = due_date;
            installment
        })
        .collect()
}

pub fn tx(id: i64, kind: TransactionKind, on: &str, amount: &str) -> LoanTransaction {
    LoanTransaction {
        id,
        kind,
        date: date(on),
        amount: d(amount),
    }
}

pub fn repayment(id: i64, on: &str, amount: &str) -> LoanTransaction {
    tx(id, TransactionKind::Repayment, on, amount)
}

pub fn loan(
    installments: Vec<ScheduledInstallment>,
    disbursed_on: &str,
    principal: &str,
    transactions: Vec<LoanTransaction>,
) -> LoanInput {
    LoanInput {
        installments,
        disbursements: vec![Disbursement {
            date: date(disbursed_on),
            amount: d(principal),
        }],
        transactions,
        charges: Vec::new(),
        currency_decimal_places: 2,
        rounding_mode: RoundingMode::HalfEven,
    }
}

pub fn run(code: &str, input: &LoanInput) -> Ledger {
    let strategy = Strategy::from_code(code).expect("known strategy");
    process(&strategy, input).expect("valid input")
}

/// `(principal, interest, fee, penalty)` of a transaction.
pub fn split(ledger: &Ledger, id: i64) -> (Decimal, Decimal, Decimal, Decimal) {
    let t = ledger
        .transactions
        .iter()
        .find(|t| t.id == id)
        .expect("transaction");
    (
        t.portions.principal,
        t.portions.interest,
        t.portions.fee,
        t.portions.penalty,
    )
}
