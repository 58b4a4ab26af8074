//! The other fixed-order processors, each checked against the order its Fineract class applies
//! (fineract-loan/.../transactionprocessor/impl/*LoanRepaymentScheduleTransactionProcessor.java).

use super::support::{d, loan, repayment, run, schedule, split};
use crate::loans::ledger::{Component, ScheduledInstallment};

fn with_charges() -> Vec<ScheduledInstallment> {
    let mut rows = schedule(
        "2023-01-01",
        &[
            ("2023-02-01", "1000", "30"),
            ("2023-03-01", "1000", "20"),
            ("2023-04-01", "1000", "10"),
        ],
    );
    rows[0].fee = d("5");
    rows[0].penalty = d("7");
    rows
}

#[test]
fn principal_interest_penalties_fees_pays_principal_first() {
    let input = loan(
        with_charges(),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-02-01", "1020")],
    );
    let ledger = run("principal-interest-penalties-fees-order-strategy", &input);
    assert_eq!(split(&ledger, 1), (d("1000"), d("20"), d("0"), d("0")));
}

#[test]
fn interest_principal_penalties_fees_pays_interest_first() {
    let input = loan(
        with_charges(),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-02-05", "1035")],
    );
    let ledger = run("interest-principal-penalties-fees-order-strategy", &input);
    assert_eq!(split(&ledger, 1), (d("1000"), d("30"), d("0"), d("5")));
    assert_eq!(ledger.installments[0].paid_late, d("1035"));
}

#[test]
fn early_repayment_strategy_pays_only_principal_in_advance() {
    // EarlyPaymentLoanRepaymentScheduleTransactionProcessor: in advance -> principal only, so early money
    // skips the installment's interest and charges and moves on to the next principal.
    let input = loan(
        with_charges(),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-01-15", "1500")],
    );
    let ledger = run("early-repayment-strategy", &input);
    assert_eq!(split(&ledger, 1), (d("1500"), d("0"), d("0"), d("0")));
    assert_eq!(ledger.installments[1].paid.principal, d("500"));
    assert_eq!(
        ledger.installments[0].outstanding_of(Component::Interest),
        d("30")
    );
}

#[test]
fn early_repayment_strategy_pays_interest_principal_penalty_fee_on_time() {
    let input = loan(
        with_charges(),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-02-01", "1040")],
    );
    let ledger = run("early-repayment-strategy", &input);
    assert_eq!(split(&ledger, 1), (d("1000"), d("30"), d("3"), d("7")));
}

#[test]
fn creocore_follows_the_penalty_fee_interest_principal_order() {
    let input = loan(
        with_charges(),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-02-01", "50")],
    );
    let ledger = run("creocore-strategy", &input);
    assert_eq!(split(&ledger, 1), (d("8"), d("30"), d("5"), d("7")));
}

#[test]
fn heavensfamily_waives_interest_of_an_installment_whose_principal_is_paid_early() {
    // HeavensFamily: "in advance" = before the previous installment's due date; principal first and, once
    // it is cleared, the installment's interest is waived without a transaction.
    let input = loan(
        with_charges(),
        "2023-01-01",
        "3000",
        vec![
            repayment(1, "2023-01-20", "1012"),
            repayment(2, "2023-01-25", "1000"),
        ],
    );
    let ledger = run("heavensfamily-strategy", &input);
    // Installment 1: principal 1 000, interest 30 waived, then fee 5 and penalty 7.
    assert_eq!(split(&ledger, 1), (d("1000"), d("0"), d("5"), d("7")));
    assert_eq!(ledger.installments[0].waived.interest, d("30"));
    // 25 January is before installment 1's due date, so installment 2 is still paid "in advance".
    assert_eq!(split(&ledger, 2), (d("1000"), d("0"), d("0"), d("0")));
    let second = &ledger.installments[1];
    assert!(second.complete);
    assert_eq!(second.waived.interest, d("20"));
}

#[test]
fn rbi_late_payment_clears_all_overdue_interest_before_any_principal() {
    // RBILoanRepaymentScheduleTransactionProcessor.handleTransactionThatIsALateRepaymentOfInstallment.
    let input = loan(
        with_charges(),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-03-05", "100")],
    );
    let ledger = run("rbi-india-strategy", &input);
    // Penalty 7, fee 5, interest 30 of installment 1, interest 20 of installment 2, then 38 principal.
    assert_eq!(split(&ledger, 1), (d("38"), d("50"), d("5"), d("7")));
    assert_eq!(ledger.installments[1].paid.interest, d("20"));
    assert_eq!(ledger.installments[0].paid.principal, d("38"));
}
