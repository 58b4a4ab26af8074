//! Charge adjustments (26) and charge refunds (24) are walked like repayments with the loan's strategy.
//! Source: fineract-e2e-tests-runner/src/test/resources/features/LoanCharge.feature, "Charge adjustment
//! works properly" (LP1: 1 000 over two months, no interest, penalties-fees-interest-principal), and
//! integration-tests/.../ClientLoanChargeRefundIntegrationTest.java (4 x 3 000, fee 120 on installment 2).

use super::support::{d, loan, repayment, run, schedule, split, tx};
use crate::loans::ledger::{Ledger, TransactionKind};

const MIFOS: &str = "mifos-standard-strategy";

fn outstanding(ledger: &Ledger) -> rust_decimal::Decimal {
    ledger
        .installments
        .iter()
        .map(|i| i.outstanding().total())
        .sum()
}

/// LP1 disbursed on 22 October 2022 with the NSF penalty of 10 (due 23 October) on installment 1 and,
/// when `snooze`, the snooze fee of 9 (due 27 October) too.
fn lp1(snooze: bool, transactions: Vec<crate::loans::ledger::LoanTransaction>) -> Ledger {
    let mut installments = schedule(
        "2022-10-22",
        &[("2022-11-22", "500", "0"), ("2022-12-22", "500", "0")],
    );
    installments[0].penalty = d("10");
    if snooze {
        installments[0].fee = d("9");
    }
    run(
        MIFOS,
        &loan(installments, "2022-10-22", "1000", transactions),
    )
}

#[test]
fn a_charge_adjustment_pays_the_penalty_first_like_a_repayment() {
    let ledger = lp1(
        false,
        vec![tx(1, TransactionKind::ChargeAdjustment, "2022-11-04", "3")],
    );
    assert_eq!(split(&ledger, 1), (d("0"), d("0"), d("0"), d("3")));
    assert_eq!(outstanding(&ledger), d("1007"));
    assert_eq!(ledger.transactions[0].outstanding_loan_balance, d("1000"));
}

#[test]
fn a_back_dated_repayment_moves_the_charge_adjustment_onto_principal() {
    let ledger = lp1(
        false,
        vec![
            tx(1, TransactionKind::ChargeAdjustment, "2022-11-04", "3"),
            repayment(2, "2022-10-25", "8"),
        ],
    );
    assert_eq!(split(&ledger, 2), (d("0"), d("0"), d("0"), d("8")));
    assert_eq!(split(&ledger, 1), (d("1"), d("0"), d("0"), d("2")));
    assert_eq!(outstanding(&ledger), d("999"));
}

#[test]
fn a_charge_adjustment_after_a_new_fee_pays_penalty_then_fee_and_later_principal() {
    // The first adjustment of 3 is reversed (left out); the snooze fee of 9 is added.
    let ledger = lp1(
        true,
        vec![
            repayment(2, "2022-10-25", "8"),
            tx(3, TransactionKind::ChargeAdjustment, "2022-11-04", "4"),
        ],
    );
    assert_eq!(split(&ledger, 3), (d("0"), d("0"), d("2"), d("2")));
    assert_eq!(outstanding(&ledger), d("1007"));

    let ledger = lp1(
        true,
        vec![
            repayment(2, "2022-10-25", "8"),
            tx(3, TransactionKind::ChargeAdjustment, "2022-11-04", "4"),
            repayment(4, "2022-10-31", "507"),
            tx(5, TransactionKind::ChargeAdjustment, "2022-11-04", "5"),
            repayment(6, "2022-11-01", "494"),
        ],
    );
    assert_eq!(split(&ledger, 3), (d("4"), d("0"), d("0"), d("0")));
    assert_eq!(split(&ledger, 5), (d("5"), d("0"), d("0"), d("0")));
    assert_eq!(outstanding(&ledger), d("1"));

    let mut closing = vec![
        repayment(2, "2022-10-25", "8"),
        tx(3, TransactionKind::ChargeAdjustment, "2022-11-04", "4"),
        repayment(4, "2022-10-31", "507"),
        tx(5, TransactionKind::ChargeAdjustment, "2022-11-04", "5"),
        repayment(6, "2022-11-01", "494"),
    ];
    closing.push(tx(7, TransactionKind::ChargeAdjustment, "2022-11-04", "1"));
    let ledger = lp1(true, closing);
    assert!(ledger.fully_paid);
    assert_eq!(
        ledger
            .transactions
            .last()
            .map(|t| t.outstanding_loan_balance),
        Some(d("0"))
    );
}

#[test]
fn a_charge_refund_repays_like_a_repayment_and_what_is_left_is_a_credit_balance() {
    // ClientLoanChargeRefundIntegrationTest: 12 000 over four installments of 3 000, a fee of 120 on
    // installment 2; the whole loan and the fee are repaid, then the fee is refunded: overpaid by 120.
    let mut installments = schedule(
        "2022-01-01",
        &[
            ("2022-02-01", "3000", "0"),
            ("2022-03-01", "3000", "0"),
            ("2022-04-01", "3000", "0"),
            ("2022-05-01", "3000", "0"),
        ],
    );
    installments[1].fee = d("120");
    let input = loan(
        installments.clone(),
        "2022-01-01",
        "12000",
        vec![
            repayment(1, "2022-01-10", "12120"),
            tx(2, TransactionKind::ChargeRefund, "2022-01-11", "120"),
        ],
    );
    let ledger = run(MIFOS, &input);
    assert_eq!(ledger.credit_balance, d("120"));
    assert_eq!(ledger.transactions[1].overpayment, d("120"));

    // Partial: 3 000 + 80 of the fee paid, then 80 refunded pays the other 40 of the fee and 40 principal.
    let input = loan(
        installments,
        "2022-01-01",
        "12000",
        vec![
            repayment(1, "2022-01-10", "3080"),
            tx(2, TransactionKind::ChargeRefund, "2022-01-11", "80"),
        ],
    );
    let ledger = run(MIFOS, &input);
    assert_eq!(split(&ledger, 2), (d("40"), d("0"), d("40"), d("0")));
    assert_eq!(ledger.installments[1].paid.fee, d("120"));
}
