//! Overpayment and credit balance refund (AbstractLoanRepaymentScheduleTransactionProcessor:
//! processLatestTransaction / processCreditTransaction).

use super::support::{d, date, loan, repayment, run, schedule, tx};
use crate::loans::ledger::{
    process, summary, validate_credit_balance_refund, LedgerError, Strategy, TransactionKind,
};

fn two_installments() -> Vec<crate::loans::ledger::ScheduledInstallment> {
    schedule(
        "2023-01-01",
        &[("2023-02-01", "500", "10"), ("2023-03-01", "500", "5")],
    )
}

#[test]
fn money_beyond_the_last_installment_becomes_an_overpayment_and_credit_balance() {
    let input = loan(
        two_installments(),
        "2023-01-01",
        "1000",
        vec![repayment(1, "2023-02-15", "1100")],
    );
    let ledger = run("mifos-standard-strategy", &input);
    let t = &ledger.transactions[0];
    assert_eq!(t.portions.total(), d("1015"));
    assert_eq!(t.overpayment, d("85"));
    assert_eq!(ledger.credit_balance, d("85"));
    assert!(ledger.fully_paid);
    assert_eq!(ledger.fully_paid_on, Some(date("2023-02-15")));
    assert_eq!(summary(&ledger).total_overpaid, d("85"));
}

#[test]
fn a_credit_balance_refund_reduces_the_overpaid_amount() {
    let input = loan(
        two_installments(),
        "2023-01-01",
        "1000",
        vec![
            repayment(1, "2023-02-15", "1100"),
            tx(2, TransactionKind::CreditBalanceRefund, "2023-02-20", "60"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(ledger.transactions[1].overpayment, d("60"));
    assert_eq!(ledger.transactions[1].portions.total(), d("0"));
    assert_eq!(ledger.credit_balance, d("25"));
}

#[test]
fn posting_a_credit_balance_refund_above_the_credit_balance_is_refused() {
    let input = loan(
        two_installments(),
        "2023-01-01",
        "1000",
        vec![repayment(1, "2023-02-15", "1100")],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(validate_credit_balance_refund(&ledger, 2, d("85")), Ok(()));
    assert_eq!(
        validate_credit_balance_refund(&ledger, 2, d("85.01")),
        Err(LedgerError::RefundExceedsCreditBalance {
            id: 2,
            amount: d("85.01"),
            credit_balance: d("85")
        })
    );
    assert!(validate_credit_balance_refund(&ledger, 2, d("0")).is_err());
}

/// LoanCBR.feature "Verify that Loan status goes from overpaid to closed in case of CBR transaction when
/// transaction amount equals overpaid amount": default loan (1 000, one installment after 30 days, 0 %,
/// mifos), 450 + 450 + 300 -> the 300 is 100 principal and 200 overpayment; CBR 200 closes the loan.
#[test]
fn e2e_a_refund_of_the_whole_overpaid_amount_closes_the_loan() {
    let rows = schedule("2023-01-01", &[("2023-01-31", "1000", "0")]);
    let input = loan(
        rows,
        "2023-01-01",
        "1000",
        vec![
            repayment(1, "2023-01-03", "450"),
            repayment(2, "2023-01-05", "450"),
            repayment(3, "2023-01-05", "300"),
            tx(4, TransactionKind::CreditBalanceRefund, "2023-01-05", "200"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(ledger.transactions[2].portions.principal, d("100"));
    assert_eq!(ledger.transactions[2].overpayment, d("200"));
    assert_eq!(ledger.transactions[3].overpayment, d("200"));
    assert_eq!(ledger.credit_balance, d("0"));
    assert!(ledger.fully_paid);
    assert_eq!(summary(&ledger).total_outstanding, d("0"));
}

/// LoanCBR.feature "Overpaid paid portion": 100 on 10 Jan, 1 100 on 11 Jan (overpaid 200), CBR 200 on
/// 13 Jan, then the 10 Jan repayment is undone. On replay the CBR is 100 overpayment and 100 principal
/// lent again (journal: Loans Receivable debit 100, Overpayment debit 100); the loan owes 100.
#[test]
fn e2e_a_refund_left_above_the_credit_balance_by_an_undo_is_lent_again() {
    let rows = schedule("2023-01-01", &[("2023-01-31", "1000", "0")]);
    let before_undo = loan(
        rows.clone(),
        "2023-01-01",
        "1000",
        vec![
            repayment(1, "2023-01-10", "100"),
            repayment(2, "2023-01-11", "1100"),
            tx(3, TransactionKind::CreditBalanceRefund, "2023-01-13", "200"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &before_undo);
    assert!(ledger.fully_paid);
    assert_eq!(ledger.credit_balance, d("0"));

    let after_undo = loan(
        rows,
        "2023-01-01",
        "1000",
        vec![
            repayment(2, "2023-01-11", "1100"),
            tx(3, TransactionKind::CreditBalanceRefund, "2023-01-13", "200"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &after_undo);
    assert_eq!(ledger.transactions[0].overpayment, d("100"));
    let cbr = &ledger.transactions[1];
    assert_eq!(cbr.overpayment, d("100"));
    assert_eq!(cbr.portions.principal, d("100"));
    assert_eq!(cbr.outstanding_loan_balance, d("100"));
    assert!(!ledger.fully_paid);
    let only = &ledger.installments[0];
    assert_eq!(only.due.principal, d("1200"));
    assert_eq!(only.credits, d("200"));
    let s = summary(&ledger);
    assert_eq!(s.principal_adjustments, d("200"));
    assert_eq!(s.total_outstanding, d("100"));
}

#[test]
fn a_refund_above_the_credit_balance_after_maturity_opens_an_extra_installment() {
    let input = loan(
        two_installments(),
        "2023-01-01",
        "1000",
        vec![
            repayment(1, "2023-03-10", "1015"),
            tx(2, TransactionKind::CreditBalanceRefund, "2023-03-20", "50"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &input);
    let extra = ledger.installments.last().unwrap();
    assert!(extra.is_additional);
    assert_eq!(extra.number, 3);
    assert_eq!(extra.due_date, date("2023-03-20"));
    assert_eq!(extra.outstanding().principal, d("50"));
    assert_eq!(summary(&ledger).total_outstanding, d("50"));
}

#[test]
fn a_negative_amount_is_refused_rather_than_replayed() {
    let input = loan(
        two_installments(),
        "2023-01-01",
        "1000",
        vec![repayment(7, "2023-02-15", "-1")],
    );
    let strategy = Strategy::from_code("mifos-standard-strategy").unwrap();
    assert_eq!(
        process(&strategy, &input),
        Err(LedgerError::BadTransactionAmount { id: 7 })
    );
}

#[test]
fn an_empty_schedule_is_refused() {
    let input = loan(vec![], "2023-01-01", "1000", vec![]);
    let strategy = Strategy::from_code("mifos-standard-strategy").unwrap();
    assert_eq!(process(&strategy, &input), Err(LedgerError::NoInstallments));
}
