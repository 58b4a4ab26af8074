//! mifos-standard-strategy: penalty, fee, interest, principal, installment by installment.

use super::support::{d, date, loan, repayment, run, schedule, split};
use crate::loans::ledger::{ChargeDue, Component};

const MIFOS: &str = "mifos-standard-strategy";

fn flat_10000() -> Vec<crate::loans::ledger::ScheduledInstallment> {
    // Flat 10 000 @ 1 %/month, repaid every two months: 2 000 principal + 200 interest per installment.
    schedule(
        "2023-01-01",
        &[
            ("2023-03-01", "2000", "200"),
            ("2023-05-01", "2000", "200"),
            ("2023-07-01", "2000", "200"),
            ("2023-09-01", "2000", "200"),
            ("2023-11-01", "2000", "200"),
        ],
    )
}

#[test]
fn a_payment_beyond_the_due_installment_pays_the_next_ones_interest_before_its_principal() {
    // spec/fineract-math.md §2 (verified there against the e2e expectations): mifos, flat 10 000,
    // 3 000 paid on installment 2's due date -> 200 + 2 000 (inst. 2) + 200 interest + 600 principal
    // (inst. 3, in advance). The spec gives only the split; the rows above are our reconstruction.
    let input = loan(
        flat_10000(),
        "2023-01-01",
        "10000",
        vec![
            repayment(1, "2023-03-01", "2200"),
            repayment(2, "2023-05-01", "3000"),
        ],
    );
    let ledger = run(MIFOS, &input);
    assert_eq!(split(&ledger, 2), (d("2600"), d("400"), d("0"), d("0")));
    let third = &ledger.installments[2];
    assert_eq!(third.paid.interest, d("200"));
    assert_eq!(third.paid.principal, d("600"));
    assert_eq!(third.paid_in_advance, d("800"));
    assert!(ledger.installments[1].complete);
    assert_eq!(
        ledger.installments[1].obligations_met_on,
        Some(date("2023-05-01"))
    );
    assert_eq!(ledger.transactions[1].outstanding_loan_balance, d("5400"));
}

#[test]
fn a_partial_payment_clears_penalties_and_fees_before_interest_and_principal() {
    // FineractStyleLoanRepaymentScheduleTransactionProcessor: on time pays penalty, fee, interest,
    // principal of one installment.
    let mut installments = flat_10000();
    installments[0].fee = d("50");
    installments[0].penalty = d("25");
    let mut input = loan(
        installments,
        "2023-01-01",
        "10000",
        vec![repayment(1, "2023-03-01", "100")],
    );
    input.charges = vec![ChargeDue {
        due_date: date("2023-03-01"),
        amount: d("25"),
        is_penalty: true,
    }];
    let ledger = run(MIFOS, &input);
    assert_eq!(split(&ledger, 1), (d("0"), d("25"), d("50"), d("25")));
    assert_eq!(
        ledger.installments[0].outstanding_of(Component::Interest),
        d("175")
    );
    assert!(!ledger.installments[0].complete);
}

#[test]
fn a_late_payment_is_counted_as_paid_late_on_the_installment() {
    let input = loan(
        flat_10000(),
        "2023-01-01",
        "10000",
        vec![repayment(1, "2023-03-20", "2200")],
    );
    let ledger = run(MIFOS, &input);
    assert_eq!(ledger.installments[0].paid_late, d("2200"));
    assert_eq!(ledger.installments[0].paid_in_advance, d("0"));
    assert_eq!(
        ledger.installments[0].obligations_met_on,
        Some(date("2023-03-20"))
    );
}

#[test]
fn paying_everything_marks_the_loan_fully_paid_on_the_last_payment_date() {
    let input = loan(
        flat_10000(),
        "2023-01-01",
        "10000",
        vec![
            repayment(1, "2023-03-01", "2200"),
            repayment(2, "2023-04-10", "8800"),
        ],
    );
    let ledger = run(MIFOS, &input);
    assert!(ledger.fully_paid);
    assert_eq!(ledger.fully_paid_on, Some(date("2023-04-10")));
    assert_eq!(ledger.credit_balance, d("0"));
    assert_eq!(ledger.transactions[1].outstanding_loan_balance, d("0"));
}
