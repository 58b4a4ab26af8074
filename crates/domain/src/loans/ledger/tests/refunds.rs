//! Refunds for active loans (`refundByCash`) and chargebacks, replayed like every other transaction.

use super::support::{d, date, loan, repayment, run, schedule, tx};
use crate::loans::ledger::{paid_in_advance, summary, ScheduledInstallment, TransactionKind};

/// ClientLoanIntegrationTest.testLoanRefundByCashCashBasedAccounting: 12 000 over 6 months, each
/// installment 2 000 principal + 240 interest + a 50 installment fee (2 290).
fn refund_schedule() -> Vec<ScheduledInstallment> {
    let dues = [
        "2023-02-01",
        "2023-03-01",
        "2023-04-01",
        "2023-05-01",
        "2023-06-01",
        "2023-07-01",
    ];
    let mut rows: Vec<(&str, &str, &str)> = Vec::new();
    for due in dues {
        rows.push((due, "2000", "240"));
    }
    let mut installments = schedule("2023-01-01", &rows);
    for i in &mut installments {
        i.fee = d("50");
    }
    installments
}

fn refund_of(amount: &str, id: i64) -> crate::loans::ledger::LoanTransaction {
    tx(
        id,
        TransactionKind::RefundForActiveLoan,
        "2023-04-20",
        amount,
    )
}

#[test]
fn a_refund_by_cash_unpays_the_latest_installment_principal_first() {
    // Installments 1-3 paid on time, installment 4 paid in advance with them (4 580 on 1 April).
    let paid = vec![
        repayment(1, "2023-02-01", "2290"),
        repayment(2, "2023-03-01", "2290"),
        repayment(3, "2023-04-01", "4580"),
    ];
    let before = run(
        "mifos-standard-strategy",
        &loan(refund_schedule(), "2023-01-01", "12000", paid.clone()),
    );
    // "max 2290 to refund": only installment 4 is due on or after the refund date and paid.
    assert_eq!(paid_in_advance(&before, date("2023-04-20")), d("2290"));

    let mut with_refund = paid.clone();
    with_refund.push(refund_of("20", 4));
    let ledger = run(
        "mifos-standard-strategy",
        &loan(
            refund_schedule(),
            "2023-01-01",
            "12000",
            with_refund.clone(),
        ),
    );
    let refund = &ledger.transactions[3];
    assert_eq!(refund.portions.principal, d("20"));
    assert_eq!(refund.portions.total(), d("20"));
    let fourth = &ledger.installments[3];
    assert_eq!(fourth.outstanding().total(), d("20"));
    assert!(!fourth.complete);
    assert_eq!(ledger.transactions[3].outstanding_loan_balance, d("4020"));

    // "refund 2000 means paid: principal 0, interest 220, fees 50": 1 980 principal, then 20 interest.
    with_refund.push(refund_of("2000", 5));
    let ledger = run(
        "mifos-standard-strategy",
        &loan(refund_schedule(), "2023-01-01", "12000", with_refund),
    );
    let second = &ledger.transactions[4];
    assert_eq!(
        (second.portions.principal, second.portions.interest),
        (d("1980"), d("20"))
    );
    let fourth = &ledger.installments[3];
    assert_eq!(
        (fourth.paid.principal, fourth.paid.interest, fourth.paid.fee),
        (d("0"), d("220"), d("50"))
    );
    assert_eq!(summary(&ledger).outstanding.principal, d("6000"));
}

#[test]
fn a_refund_unpays_in_the_reverse_of_the_strategys_payment_order() {
    let paid = vec![repayment(1, "2023-01-10", "2290"), refund_of("100", 2)];
    // A principal-first strategy pays fees last, so its refund takes fees back first, then interest.
    let ledger = run(
        "principal-interest-penalties-fees-order-strategy",
        &loan(refund_schedule(), "2023-01-01", "12000", paid.clone()),
    );
    let refund = &ledger.transactions[1];
    assert_eq!(
        (refund.portions.fee, refund.portions.interest),
        (d("50"), d("50"))
    );
    // Heavens family paid installment 2's principal in advance with the leftover: that comes back first.
    let ledger = run(
        "heavensfamily-strategy",
        &loan(refund_schedule(), "2023-01-01", "12000", paid),
    );
    assert_eq!(ledger.transactions[1].portions.principal, d("100"));
    assert_eq!(ledger.installments[1].paid.principal, d("140"));
}

/// LoanTransactionFullAmountChargebackForOverpaidLoanTest: 1 000 in one installment, repaid 450 + 450 +
/// 300 (200 overpaid); a chargeback of the whole 300 takes the 200 credit and owes 100 principal again.
#[test]
fn a_chargeback_of_an_overpaid_loan_uses_the_credit_before_owing_principal_again() {
    let installments = schedule("2022-09-03", &[("2022-10-03", "1000", "0")]);
    let mut transactions = vec![
        repayment(1, "2022-09-05", "450"),
        repayment(2, "2022-09-06", "450"),
        repayment(3, "2022-09-07", "300"),
    ];
    let ledger = run(
        "mifos-standard-strategy",
        &loan(
            installments.clone(),
            "2022-09-03",
            "1000",
            transactions.clone(),
        ),
    );
    assert_eq!(ledger.credit_balance, d("200"));
    assert_eq!(ledger.transactions[2].portions.principal, d("100"));

    transactions.push(tx(4, TransactionKind::Chargeback, "2022-09-08", "300"));
    let ledger = run(
        "mifos-standard-strategy",
        &loan(installments, "2022-09-03", "1000", transactions),
    );
    let chargeback = &ledger.transactions[3];
    assert_eq!(chargeback.portions.principal, d("100"));
    assert_eq!(chargeback.overpayment, d("200"));
    assert_eq!(ledger.credit_balance, d("0"));
    assert!(!ledger.fully_paid);
    assert_eq!(summary(&ledger).total_outstanding, d("100"));
}

/// LoanChargeback.feature, first scenario: 1 000 repaid on 1 Feb 2022 closes the loan; a 250 chargeback on
/// 25 Feb, after the last due date, opens an extra installment and the loan owes 250 again.
#[test]
fn a_chargeback_after_the_last_due_date_opens_an_extra_installment() {
    let installments = schedule("2022-01-01", &[("2022-02-01", "1000", "0")]);
    let transactions = vec![
        repayment(1, "2022-02-01", "1000"),
        tx(2, TransactionKind::Chargeback, "2022-02-25", "250"),
    ];
    let ledger = run(
        "mifos-standard-strategy",
        &loan(installments, "2022-01-01", "1000", transactions),
    );
    assert_eq!(ledger.installments.len(), 2);
    let extra = &ledger.installments[1];
    assert!(extra.is_additional);
    assert_eq!(
        (extra.due_date, extra.due.principal),
        (date("2022-02-25"), d("250"))
    );
    assert_eq!(summary(&ledger).total_outstanding, d("250"));
    assert_eq!(ledger.transactions[1].outstanding_loan_balance, d("250"));
}
