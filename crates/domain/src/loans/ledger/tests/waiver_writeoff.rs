//! Interest waiver, write-off and recovery (FineractStyle… interest waiver branch;
//! AbstractLoanRepaymentScheduleTransactionProcessor.handleWriteOff).

use super::support::{d, date, loan, repayment, run, schedule, split, tx};
use crate::loans::ledger::{summary, Component, TransactionKind};

fn three_months() -> Vec<crate::loans::ledger::ScheduledInstallment> {
    let mut rows = schedule(
        "2023-01-01",
        &[
            ("2023-02-01", "1000", "30"),
            ("2023-03-01", "1000", "20"),
            ("2023-04-01", "1000", "10"),
        ],
    );
    rows[1].fee = d("15");
    rows
}

#[test]
fn waiving_interest_walks_the_installments_in_order() {
    let input = loan(
        three_months(),
        "2023-01-01",
        "3000",
        vec![tx(1, TransactionKind::WaiveInterest, "2023-02-10", "40")],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(ledger.transactions[0].portions.interest, d("40"));
    assert_eq!(ledger.installments[0].waived.interest, d("30"));
    assert_eq!(ledger.installments[1].waived.interest, d("10"));
    // A waiver is neither early nor late money.
    assert_eq!(ledger.installments[0].paid_late, d("0"));
    let s = summary(&ledger);
    assert_eq!(s.waived.interest, d("40"));
    assert_eq!(s.outstanding.interest, d("20"));
    assert_eq!(s.total_waived, d("40"));
}

#[test]
fn a_waiver_beyond_the_interest_outstanding_leaves_the_rest_unapplied() {
    let input = loan(
        three_months(),
        "2023-01-01",
        "3000",
        vec![tx(1, TransactionKind::WaiveInterest, "2023-02-10", "100")],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(ledger.transactions[0].portions.interest, d("60"));
    assert_eq!(ledger.transactions[0].unapplied, d("40"));
    assert_eq!(ledger.credit_balance, d("0"));
}

#[test]
fn a_write_off_writes_off_everything_outstanding_on_every_installment() {
    let input = loan(
        three_months(),
        "2023-01-01",
        "3000",
        vec![
            repayment(1, "2023-02-01", "1030"),
            tx(2, TransactionKind::WriteOff, "2023-03-15", "0"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &input);
    let w = &ledger.transactions[1];
    assert_eq!(w.portions.principal, d("2000"));
    assert_eq!(w.portions.interest, d("30"));
    assert_eq!(w.portions.fee, d("15"));
    assert_eq!(w.amount, d("2045"));
    assert_eq!(w.outstanding_loan_balance, d("0"));
    assert!(ledger.installments.iter().all(|i| i.complete));
    assert_eq!(
        ledger.installments[2].obligations_met_on,
        Some(date("2023-03-15"))
    );
    let s = summary(&ledger);
    assert_eq!(s.total_written_off, d("2045"));
    assert_eq!(s.total_outstanding, d("0"));
    assert_eq!(s.written_off.get(Component::Principal), d("2000"));
}

#[test]
fn a_recovery_after_write_off_is_not_a_credit_balance() {
    let input = loan(
        three_months(),
        "2023-01-01",
        "3000",
        vec![
            tx(1, TransactionKind::WriteOff, "2023-03-15", "0"),
            tx(2, TransactionKind::RecoveryPayment, "2023-04-15", "300"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(ledger.transactions[1].overpayment, d("300"));
    assert_eq!(ledger.credit_balance, d("0"));
}

#[test]
fn a_fee_payment_pays_only_fees() {
    let input = loan(
        three_months(),
        "2023-01-01",
        "3000",
        vec![tx(
            1,
            TransactionKind::ChargePayment {
                penalty: false,
                installment: None,
            },
            "2023-02-10",
            "15",
        )],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(ledger.transactions[0].portions.fee, d("15"));
    assert_eq!(ledger.installments[1].paid.fee, d("15"));
    assert_eq!(ledger.installments[0].paid.total(), d("0"));
}

fn fee_on_first_and_second() -> Vec<crate::loans::ledger::ScheduledInstallment> {
    let mut rows = three_months();
    rows[0].fee = d("10");
    rows
}

#[test]
fn waiving_a_charge_of_one_installment_leaves_older_fees_alone() {
    let waiver = TransactionKind::WaiveCharges {
        penalty: false,
        installment: Some(2),
    };
    let input = loan(
        fee_on_first_and_second(),
        "2023-01-01",
        "3000",
        vec![tx(1, waiver, "2023-01-10", "15")],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(waiver.fineract_id(), 9);
    assert_eq!(ledger.transactions[0].portions.fee, d("15"));
    assert_eq!(ledger.installments[0].waived.fee, d("0"));
    assert_eq!(ledger.installments[1].waived.fee, d("15"));
    // A later repayment finds the waived fee gone: 10 fee + 30 interest + 1000 principal of the first.
    let input = loan(
        fee_on_first_and_second(),
        "2023-01-01",
        "3000",
        vec![
            tx(1, waiver, "2023-01-10", "15"),
            repayment(2, "2023-02-01", "1040"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(split(&ledger, 2), (d("1000"), d("30"), d("10"), d("0")));
}

#[test]
fn a_charge_waiver_beyond_its_installment_leaves_the_rest_unapplied() {
    let input = loan(
        fee_on_first_and_second(),
        "2023-01-01",
        "3000",
        vec![tx(
            1,
            TransactionKind::WaiveCharges {
                penalty: false,
                installment: Some(1),
            },
            "2023-01-10",
            "25",
        )],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(ledger.transactions[0].portions.fee, d("10"));
    assert_eq!(ledger.transactions[0].unapplied, d("15"));
    assert_eq!(ledger.installments[1].waived.fee, d("0"));
}

#[test]
fn a_charge_waiver_without_an_installment_walks_the_installments_in_order() {
    let input = loan(
        fee_on_first_and_second(),
        "2023-01-01",
        "3000",
        vec![tx(
            1,
            TransactionKind::WaiveCharges {
                penalty: false,
                installment: None,
            },
            "2023-01-10",
            "20",
        )],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(ledger.installments[0].waived.fee, d("10"));
    assert_eq!(ledger.installments[1].waived.fee, d("10"));
}

#[test]
fn paying_a_charge_of_one_installment_pays_that_installment_only() {
    let input = loan(
        fee_on_first_and_second(),
        "2023-01-01",
        "3000",
        vec![tx(
            1,
            TransactionKind::ChargePayment {
                penalty: false,
                installment: Some(2),
            },
            "2023-01-10",
            "15",
        )],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(ledger.installments[0].paid.fee, d("0"));
    assert_eq!(ledger.installments[1].paid.fee, d("15"));
    assert_eq!(ledger.installments[1].paid_in_advance, d("15"));
}
