//! Properties over random repayment histories, every strategy. Fixed-seed xorshift, so a failure
//! reproduces with the case number it prints.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::support::{loan, schedule};
use crate::loans::ledger::{
    append, process, Component, LoanInput, LoanTransaction, OutOfOrder, Strategy, TransactionKind,
};

const CASES: u64 = 300;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const CODES: [&str; 10] = [
    "mifos-standard-strategy",
    "heavensfamily-strategy",
    "creocore-strategy",
    "rbi-india-strategy",
    "principal-interest-penalties-fees-order-strategy",
    "interest-principal-penalties-fees-order-strategy",
    "early-repayment-strategy",
    "due-penalty-fee-interest-principal-in-advance-principal-penalty-fee-interest-strategy",
    "due-penalty-interest-principal-fee-in-advance-penalty-interest-principal-fee-strategy",
    "advanced-payment-allocation-strategy",
];

/// A random loan: up to 6 installments with fees and penalties, up to 7 transactions of random kinds and
/// dates, and a random strategy.
fn random_loan(rng: &mut XorShift) -> (Strategy, LoanInput) {
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let count = 1 + rng.below(6) as usize;
    let dues: Vec<String> = (1..=count)
        .map(|k| {
            (start + Days::new(30 * k as u64))
                .format("%Y-%m-%d")
                .to_string()
        })
        .collect();
    let rows: Vec<(String, String, String)> = dues
        .iter()
        .map(|due| {
            (
                due.clone(),
                format!("{}", 100 + rng.below(900)),
                format!("{}.{:02}", rng.below(50), rng.below(100)),
            )
        })
        .collect();
    let borrowed: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let mut installments = schedule("2023-01-01", &borrowed);
    for i in installments.iter_mut() {
        i.fee = Decimal::new(rng.below(3000) as i64, 2);
        i.penalty = Decimal::new(rng.below(2000) as i64, 2);
    }
    let principal: Decimal = installments.iter().map(|i| i.principal).sum();
    let transactions: Vec<LoanTransaction> = (0..rng.below(8))
        .map(|id| {
            let kind = match rng.below(16) {
                0 => TransactionKind::WaiveInterest,
                1 => TransactionKind::GoodwillCredit,
                2 => TransactionKind::ChargePayment {
                    penalty: rng.below(2) == 0,
                    installment: None,
                },
                3 => TransactionKind::WriteOff,
                4 => TransactionKind::CreditBalanceRefund,
                5 => TransactionKind::RecoveryPayment,
                6 => TransactionKind::MerchantIssuedRefund,
                _ => TransactionKind::Repayment,
            };
            LoanTransaction {
                id: id as i64,
                kind,
                date: start + Days::new(rng.below(30 * count as u64 + 40)),
                amount: Decimal::new(rng.below(150_000) as i64, 2),
            }
        })
        .collect();
    let input = loan(
        installments,
        "2023-01-01",
        &principal.to_string(),
        transactions,
    );
    let strategy = Strategy::from_code(CODES[rng.below(CODES.len() as u64) as usize]).unwrap();
    (strategy, input)
}

#[test]
fn portions_add_up_to_each_transaction_and_installments_balance() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for case in 0..CASES {
        let (strategy, input) = random_loan(&mut rng);
        let ledger = process(&strategy, &input).unwrap_or_else(|e| panic!("case {case}: {e}"));

        for t in &ledger.transactions {
            assert_eq!(
                t.portions.total() + t.overpayment + t.unapplied,
                t.amount,
                "case {case} {}: transaction {} does not add up",
                strategy.code(),
                t.id
            );
        }
        for i in &ledger.installments {
            for c in [
                Component::Principal,
                Component::Interest,
                Component::Fee,
                Component::Penalty,
            ] {
                let out = i.outstanding_of(c);
                assert!(out >= Decimal::ZERO, "case {case}: negative outstanding");
                assert_eq!(
                    i.paid.get(c) + i.waived.get(c) + i.written_off.get(c) + out,
                    i.due.get(c),
                    "case {case}: installment {} does not balance",
                    i.number
                );
            }
            assert_eq!(
                i.complete,
                i.outstanding().total().is_zero(),
                "case {case}: complete flag"
            );
            assert!(
                i.paid_in_advance + i.paid_late <= i.total_paid(),
                "case {case}: early/late exceed paid"
            );
        }
        let paid: Decimal = ledger.installments.iter().map(|i| i.paid.total()).sum();
        // Money that reached installments as payments: every payment's portions, plus the overpaid part of
        // a refund that was lent again (it is paid on the installment that took the new principal).
        let placed: Decimal = ledger
            .transactions
            .iter()
            .map(|t| match t.kind {
                TransactionKind::WaiveInterest | TransactionKind::WriteOff => Decimal::ZERO,
                TransactionKind::CreditBalanceRefund if t.portions.principal > Decimal::ZERO => {
                    t.overpayment
                }
                TransactionKind::CreditBalanceRefund => Decimal::ZERO,
                _ => t.portions.total(),
            })
            .sum();
        assert_eq!(
            paid, placed,
            "case {case}: installments and transactions disagree"
        );
    }
}

#[test]
fn appending_each_transaction_in_date_order_gives_what_a_full_replay_gives() {
    let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
    for case in 0..CASES {
        let (strategy, mut input) = random_loan(&mut rng);
        input.transactions.sort_by_key(|t| t.date);
        let history = std::mem::take(&mut input.transactions);
        let mut ledger = process(&strategy, &input).unwrap_or_else(|e| panic!("case {case}: {e}"));
        for (k, tx) in history.iter().enumerate() {
            ledger = append(&strategy, &input, ledger, tx)
                .unwrap_or_else(|e| panic!("case {case}: {e}"))
                .unwrap_or_else(|_| panic!("case {case}: transaction {k} refused as out of order"));
            let replayed = process(
                &strategy,
                &LoanInput {
                    transactions: history[..=k].to_vec(),
                    ..input.clone()
                },
            )
            .unwrap_or_else(|e| panic!("case {case}: {e}"));
            assert_eq!(
                ledger,
                replayed,
                "case {case} {}: after transaction {k}",
                strategy.code()
            );
        }
    }
}

#[test]
fn a_transaction_dated_before_the_last_one_is_not_appended() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut refused = 0;
    for _ in 0..CASES {
        let (strategy, mut input) = random_loan(&mut rng);
        input.transactions.sort_by_key(|t| t.date);
        let Some(last) = input.transactions.last().copied() else {
            continue;
        };
        let Some(earlier) = last.date.pred_opt() else {
            continue;
        };
        let ledger = process(&strategy, &input).unwrap();
        let late = LoanTransaction {
            id: 1_000,
            date: earlier,
            ..last
        };
        assert_eq!(
            append(&strategy, &input, ledger, &late).unwrap(),
            Err(OutOfOrder)
        );
        refused += 1;
    }
    assert!(refused > CASES / 2, "too few cases had a transaction");
}
