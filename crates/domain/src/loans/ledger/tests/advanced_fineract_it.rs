//! Use cases of integration-tests/.../AdvancedPaymentAllocationLoanRepaymentScheduleTest.java on its
//! common product: 500 with a 25 % auto down payment, three installments every 15 days, no interest;
//! rules DEFAULT next installment, GOODWILL_CREDIT last installment, MERCHANT_ISSUED_REFUND
//! reamortization, PAYOUT_REFUND next installment, each PAST_DUE, DUE, IN_ADVANCE x penalty, fee,
//! principal, interest; horizontal.

use super::support::{d, loan, repayment, schedule, tx};
use crate::loans::ledger::{
    process, standard_order, summary, FutureInstallmentRule, Ledger, LoanTransaction,
    PaymentAllocationRule, PaymentAllocationRules, RuleTransactionType, ScheduleProcessing,
    Strategy, TransactionKind,
};

fn product() -> Strategy {
    let rule = |transaction_type, future_installment| PaymentAllocationRule {
        transaction_type,
        order: standard_order(),
        future_installment,
    };
    Strategy::Advanced(PaymentAllocationRules {
        rules: vec![
            rule(
                RuleTransactionType::Default,
                FutureInstallmentRule::NextInstallment,
            ),
            rule(
                RuleTransactionType::GoodwillCredit,
                FutureInstallmentRule::LastInstallment,
            ),
            rule(
                RuleTransactionType::MerchantIssuedRefund,
                FutureInstallmentRule::Reamortization,
            ),
            rule(
                RuleTransactionType::PayoutRefund,
                FutureInstallmentRule::NextInstallment,
            ),
        ],
        processing: ScheduleProcessing::Horizontal,
    })
}

fn replay(transactions: Vec<LoanTransaction>) -> Ledger {
    let mut rows = schedule(
        "2023-01-01",
        &[
            ("2023-01-01", "125", "0"),
            ("2023-01-16", "125", "0"),
            ("2023-01-31", "125", "0"),
            ("2023-02-15", "125", "0"),
        ],
    );
    rows[0].is_down_payment = true;
    process(&product(), &loan(rows, "2023-01-01", "500", transactions)).unwrap()
}

/// `validateRepaymentPeriod(loan, n, principalDue, paid, outstanding, paidInAdvance, paidLate)`.
fn period(ledger: &Ledger, n: usize) -> (String, String, String, String, String) {
    let i = &ledger.installments[n - 1];
    let s = |v: rust_decimal::Decimal| v.normalize().to_string();
    (
        s(i.due.principal),
        s(i.total_paid()),
        s(i.outstanding().total()),
        s(i.paid_in_advance),
        s(i.paid_late),
    )
}

fn p(
    due: &str,
    paid: &str,
    out: &str,
    early: &str,
    late: &str,
) -> (String, String, String, String, String) {
    (
        due.into(),
        paid.into(),
        out.into(),
        early.into(),
        late.into(),
    )
}

fn down_payment() -> LoanTransaction {
    tx(1, TransactionKind::DownPayment, "2023-01-01", "125")
}

#[test]
fn uc2_overpayment_spills_into_the_next_installment_then_into_credit() {
    let ledger = replay(vec![
        down_payment(),
        repayment(2, "2023-01-16", "150"),
        repayment(3, "2023-01-31", "125"),
        repayment(4, "2023-02-15", "125"),
    ]);
    assert_eq!(period(&ledger, 1), p("125", "125", "0", "0", "0"));
    assert_eq!(period(&ledger, 2), p("125", "125", "0", "0", "0"));
    assert_eq!(period(&ledger, 3), p("125", "125", "0", "25", "0"));
    assert_eq!(period(&ledger, 4), p("125", "125", "0", "25", "0"));
    let last = &ledger.transactions[3];
    assert_eq!(
        (last.portions.principal, last.overpayment),
        (d("100"), d("25"))
    );
    assert_eq!(last.outstanding_loan_balance, d("0"));
    assert_eq!(ledger.transactions[1].outstanding_loan_balance, d("225"));
    let s = summary(&ledger);
    assert_eq!(
        (s.total_outstanding, s.paid.principal, s.total_overpaid),
        (d("0"), d("500"), d("25"))
    );
}

#[test]
fn uc7_a_merchant_refund_is_reamortized_over_the_future_installments() {
    let ledger = replay(vec![
        down_payment(),
        repayment(2, "2023-01-16", "125"),
        tx(
            3,
            TransactionKind::MerchantIssuedRefund,
            "2023-01-16",
            "200",
        ),
    ]);
    assert_eq!(period(&ledger, 3), p("125", "100", "25", "100", "0"));
    assert_eq!(period(&ledger, 4), p("125", "100", "25", "100", "0"));
    assert_eq!(ledger.transactions[2].portions.principal, d("200"));
    assert_eq!(ledger.transactions[2].outstanding_loan_balance, d("50"));

    let ledger = replay(vec![
        down_payment(),
        repayment(2, "2023-01-16", "125"),
        tx(
            3,
            TransactionKind::MerchantIssuedRefund,
            "2023-01-16",
            "200",
        ),
        repayment(4, "2023-01-31", "25"),
        repayment(5, "2023-02-15", "25"),
    ]);
    assert_eq!(period(&ledger, 3), p("125", "125", "0", "100", "0"));
    assert_eq!(period(&ledger, 4), p("125", "125", "0", "100", "0"));
    assert!(ledger.fully_paid);
}

#[test]
fn uc15_a_goodwill_credit_pays_the_past_due_down_payment_then_the_last_installment() {
    // The down payment was undone, so the goodwill credit on 15 January finds installment 1 past due.
    let ledger = replay(vec![tx(
        2,
        TransactionKind::GoodwillCredit,
        "2023-01-15",
        "200",
    )]);
    assert_eq!(period(&ledger, 1), p("125", "125", "0", "0", "125"));
    assert_eq!(period(&ledger, 2), p("125", "0", "125", "0", "0"));
    assert_eq!(period(&ledger, 4), p("125", "75", "50", "75", "0"));
    assert_eq!(ledger.transactions[0].outstanding_loan_balance, d("300"));

    let ledger = replay(vec![
        tx(2, TransactionKind::GoodwillCredit, "2023-01-15", "200"),
        repayment(3, "2023-01-16", "125"),
        repayment(4, "2023-01-31", "125"),
        repayment(5, "2023-02-15", "50"),
    ]);
    assert_eq!(period(&ledger, 2), p("125", "125", "0", "0", "0"));
    assert_eq!(period(&ledger, 3), p("125", "125", "0", "0", "0"));
    assert_eq!(period(&ledger, 4), p("125", "125", "0", "75", "0"));
    assert_eq!(summary(&ledger).total_outstanding, d("0"));
}
