//! advanced-payment-allocation-strategy over a fixed schedule
//! (AdvancedPaymentScheduleTransactionProcessor.processPeriodsHorizontally / processPeriodsVertically).

use super::support::{d, date, loan, repayment, schedule, split};
use crate::loans::ledger::{
    process, standard_order, FutureInstallmentRule, PaymentAllocationRule, PaymentAllocationRules,
    RuleTransactionType, ScheduleProcessing, ScheduledInstallment, Strategy, TransactionKind,
};

fn four_installments() -> Vec<ScheduledInstallment> {
    // LP2 style: 1 000 over four months, no interest.
    schedule(
        "2024-01-01",
        &[
            ("2024-02-01", "250", "0"),
            ("2024-03-01", "250", "0"),
            ("2024-04-01", "250", "0"),
            ("2024-05-01", "250", "0"),
        ],
    )
}

fn strategy(future: FutureInstallmentRule, processing: ScheduleProcessing) -> Strategy {
    Strategy::Advanced(PaymentAllocationRules {
        rules: vec![PaymentAllocationRule {
            transaction_type: RuleTransactionType::Default,
            order: standard_order(),
            future_installment: future,
        }],
        processing,
    })
}

#[test]
fn next_installment_rule_pays_past_due_then_due_then_the_next_future_installment() {
    let input = loan(
        four_installments(),
        "2024-01-01",
        "1000",
        vec![repayment(1, "2024-03-01", "600")],
    );
    let ledger = process(
        &strategy(
            FutureInstallmentRule::NextInstallment,
            ScheduleProcessing::Horizontal,
        ),
        &input,
    )
    .unwrap();
    let paid: Vec<_> = ledger
        .installments
        .iter()
        .map(|i| i.paid.principal)
        .collect();
    assert_eq!(paid, vec![d("250"), d("250"), d("100"), d("0")]);
    assert_eq!(ledger.installments[0].paid_late, d("250"));
    assert_eq!(ledger.installments[2].paid_in_advance, d("100"));
}

#[test]
fn last_installment_rule_pays_future_money_from_the_end() {
    let input = loan(
        four_installments(),
        "2024-01-01",
        "1000",
        vec![repayment(1, "2024-01-15", "300")],
    );
    let ledger = process(
        &strategy(
            FutureInstallmentRule::LastInstallment,
            ScheduleProcessing::Horizontal,
        ),
        &input,
    )
    .unwrap();
    let paid: Vec<_> = ledger
        .installments
        .iter()
        .map(|i| i.paid.principal)
        .collect();
    assert_eq!(paid, vec![d("0"), d("0"), d("50"), d("250")]);
}

#[test]
fn reamortization_spreads_an_early_payment_evenly_with_the_remainder_on_the_last() {
    // 100 / 3 = 33.33 (HALF_EVEN), the last future installment takes 33.34.
    let input = loan(
        four_installments(),
        "2024-01-01",
        "1000",
        vec![repayment(1, "2024-02-01", "350")],
    );
    let ledger = process(
        &strategy(
            FutureInstallmentRule::Reamortization,
            ScheduleProcessing::Horizontal,
        ),
        &input,
    )
    .unwrap();
    let paid: Vec<_> = ledger
        .installments
        .iter()
        .map(|i| i.paid.principal)
        .collect();
    assert_eq!(paid, vec![d("250"), d("33.33"), d("33.33"), d("33.34")]);
}

#[test]
fn vertical_processing_pays_one_component_across_installments_first() {
    let mut rows = schedule(
        "2024-01-01",
        &[
            ("2024-02-01", "250", "10"),
            ("2024-03-01", "250", "10"),
            ("2024-04-01", "500", "10"),
        ],
    );
    rows[1].fee = d("5");
    let order = [
        "PAST_DUE_INTEREST",
        "PAST_DUE_PRINCIPAL",
        "PAST_DUE_FEE",
        "PAST_DUE_PENALTY",
    ]
    .into_iter()
    .chain(["DUE_INTEREST", "DUE_PRINCIPAL", "DUE_FEE", "DUE_PENALTY"])
    .chain([
        "IN_ADVANCE_INTEREST",
        "IN_ADVANCE_PRINCIPAL",
        "IN_ADVANCE_FEE",
        "IN_ADVANCE_PENALTY",
    ])
    .filter_map(crate::loans::ledger::AllocationType::from_code)
    .collect();
    let strategy = Strategy::Advanced(PaymentAllocationRules {
        rules: vec![PaymentAllocationRule {
            transaction_type: RuleTransactionType::Default,
            order,
            future_installment: FutureInstallmentRule::NextInstallment,
        }],
        processing: ScheduleProcessing::Vertical,
    });
    let input = loan(
        rows,
        "2024-01-01",
        "1000",
        vec![repayment(1, "2024-03-10", "30")],
    );
    let ledger = process(&strategy, &input).unwrap();
    // Past-due interest of installments 1 and 2 (20), then past-due principal of installment 1 (10).
    assert_eq!(split(&ledger, 1), (d("10"), d("20"), d("0"), d("0")));
}

#[test]
fn a_transaction_type_rule_overrides_the_default_rule() {
    let mut rules = PaymentAllocationRules::fineract_default();
    rules.rules.push(PaymentAllocationRule {
        transaction_type: RuleTransactionType::GoodwillCredit,
        order: standard_order(),
        future_installment: FutureInstallmentRule::LastInstallment,
    });
    let mut goodwill = repayment(1, "2024-01-10", "100");
    goodwill.kind = TransactionKind::GoodwillCredit;
    let input = loan(
        four_installments(),
        "2024-01-01",
        "1000",
        vec![goodwill, repayment(2, "2024-01-11", "100")],
    );
    let ledger = process(&Strategy::Advanced(rules), &input).unwrap();
    assert_eq!(ledger.installments[3].paid.principal, d("100"));
    assert_eq!(ledger.installments[0].paid.principal, d("100"));
    assert_eq!(ledger.installments[0].obligations_met_on, None);
    assert_eq!(ledger.transactions[1].date, date("2024-01-11"));
}

#[test]
fn an_advanced_strategy_without_a_default_rule_is_refused() {
    let strategy = Strategy::Advanced(PaymentAllocationRules {
        rules: vec![],
        processing: ScheduleProcessing::Horizontal,
    });
    let input = loan(four_installments(), "2024-01-01", "1000", vec![]);
    assert_eq!(
        process(&strategy, &input),
        Err(crate::loans::ledger::LedgerError::NoDefaultAllocationRule)
    );
}
