//! The two due-…-in-advance strategies. Sources: fineract-e2e-tests-runner/src/test/resources/features/
//! LoanRepayment.feature, scenarios tagged @PaymentStrategyDueInAdvance, and spec §2.

use super::support::{d, date, loan, repayment, run, schedule, split};
use crate::loans::ledger::{ChargeDue, Component};

const DUE_PFIP: &str =
    "due-penalty-fee-interest-principal-in-advance-principal-penalty-fee-interest-strategy";
const DUE_PIPF: &str =
    "due-penalty-interest-principal-fee-in-advance-penalty-interest-principal-fee-strategy";

fn three_months(interest: &str) -> Vec<crate::loans::ledger::ScheduledInstallment> {
    schedule(
        "2023-01-01",
        &[
            ("2023-02-01", "1000", interest),
            ("2023-03-01", "1000", interest),
            ("2023-04-01", "1000", interest),
        ],
    )
}

#[test]
fn an_on_time_payment_pays_the_interest_then_principal() {
    // spec §2: flat 3 000 @ 12 %/yr, 3 months, 500 paid on the first due date -> interest 30, principal 470.
    let input = loan(
        three_months("30"),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-02-01", "500")],
    );
    let ledger = run(DUE_PFIP, &input);
    assert_eq!(split(&ledger, 1), (d("470"), d("30"), d("0"), d("0")));
}

#[test]
fn due_plus_in_advance_principal_spills_into_the_next_installment() {
    // LoanRepayment.feature "… payment strategy - due + inAdvance principal": zero interest 3 000,
    // 1 500 on 01 February 2023 -> installment 1 paid, 500 in advance on installment 2.
    let input = loan(
        three_months("0"),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-02-01", "1500")],
    );
    let ledger = run(DUE_PFIP, &input);
    assert_eq!(split(&ledger, 1), (d("1500"), d("0"), d("0"), d("0")));
    assert_eq!(ledger.installments[0].paid_in_advance, d("0"));
    assert_eq!(ledger.installments[1].paid.principal, d("500"));
    assert_eq!(ledger.installments[1].paid_in_advance, d("500"));
    assert_eq!(ledger.transactions[0].outstanding_loan_balance, d("1500"));
}

#[test]
fn an_early_payment_of_a_whole_installment_is_paid_in_advance() {
    // LoanRepayment.feature "… payment strategy - inAdvance principal": 1 000 on 10 January 2023.
    let input = loan(
        three_months("0"),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-01-10", "1000")],
    );
    let ledger = run(DUE_PFIP, &input);
    assert_eq!(ledger.installments[0].paid_in_advance, d("1000"));
    assert_eq!(
        ledger.installments[0].obligations_met_on,
        Some(date("2023-01-10"))
    );
    assert_eq!(ledger.transactions[0].outstanding_loan_balance, d("2000"));
}

#[test]
fn a_penalty_not_yet_due_is_left_for_later_by_an_early_payment() {
    // LoanRepayment.feature "… adding charge due in the future": one installment of 1 000, 500 paid on
    // 10 January, an NSF penalty of 50 due 20 January -> 500 principal, 550 outstanding.
    let mut installments = schedule("2023-01-01", &[("2023-02-01", "1000", "0")]);
    installments[0].penalty = d("50");
    let mut input = loan(
        installments,
        "2023-01-01",
        "1000",
        vec![repayment(1, "2023-01-10", "500")],
    );
    input.charges = vec![ChargeDue {
        due_date: date("2023-01-20"),
        amount: d("50"),
        is_penalty: true,
    }];
    let ledger = run(DUE_PFIP, &input);
    assert_eq!(split(&ledger, 1), (d("500"), d("0"), d("0"), d("0")));
    assert_eq!(ledger.installments[0].outstanding().total(), d("550"));
    assert_eq!(ledger.installments[0].paid_in_advance, d("500"));
}

#[test]
fn a_due_penalty_is_paid_before_due_principal() {
    // LoanRepayment.feature "… due penalty + due principal": NSF 50 due 01 February, 500 paid that day
    // -> principal 450, penalty 50, loan balance 2 550.
    let mut installments = three_months("0");
    installments[0].penalty = d("50");
    let mut input = loan(
        installments,
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-02-01", "500")],
    );
    input.charges = vec![ChargeDue {
        due_date: date("2023-02-01"),
        amount: d("50"),
        is_penalty: true,
    }];
    let ledger = run(DUE_PFIP, &input);
    assert_eq!(split(&ledger, 1), (d("450"), d("0"), d("0"), d("50")));
    assert_eq!(ledger.transactions[0].outstanding_loan_balance, d("2550"));
}

#[test]
fn an_early_payment_with_money_left_reaches_future_interest_after_principal() {
    // DuePenFeeIntPriInAdvancePriPenFeeInt…: the second pass pays interest only once principal is clear.
    let input = loan(
        three_months("30"),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-01-10", "1010")],
    );
    let ledger = run(DUE_PFIP, &input);
    assert_eq!(split(&ledger, 1), (d("1000"), d("10"), d("0"), d("0")));
}

#[test]
fn the_penalty_interest_variant_pays_no_principal_early_before_future_interest() {
    // DuePenIntPriFeeInAdvancePenIntPriFee…: first pass skips interest and principal of a future installment,
    // the second pass pays penalty, interest, principal, fee.
    let input = loan(
        three_months("30"),
        "2023-01-01",
        "3000",
        vec![repayment(1, "2023-01-10", "500")],
    );
    let ledger = run(DUE_PIPF, &input);
    assert_eq!(split(&ledger, 1), (d("470"), d("30"), d("0"), d("0")));
    assert_eq!(
        ledger.installments[0].outstanding_of(Component::Principal),
        d("530")
    );
}
