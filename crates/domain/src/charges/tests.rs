use rust_decimal_macros::dec;

use super::*;

fn loan_charge(time: ChargeTimeType, penalty: bool) -> ChargeDefinition {
    ChargeDefinition {
        name: "Fee".into(),
        currency_code: "USD".into(),
        amount: dec!(100),
        applies_to: ChargeAppliesTo::Loan,
        time_type: time,
        calculation_type: ChargeCalculationType::Flat,
        payment_mode: Some(ChargePaymentMode::Regular),
        penalty,
        active: true,
        fee_on_month_day: None,
        fee_interval: None,
        fee_frequency: None,
        min_cap: None,
        max_cap: None,
        free_withdrawal: None,
        payment_type_id: None,
    }
}

#[test]
fn a_savings_time_type_is_refused_for_a_loan_charge() {
    let v = kind_violations(ChargeAppliesTo::Loan, Some(3), Some(1));
    assert_eq!(
        v,
        [Violation::NotOneOf {
            parameter: "chargeTimeType",
            value: Some(3),
            allowed: vec![1, 2, 8, 9, 12]
        }]
    );
}

#[test]
fn a_client_charge_is_flat_and_due_on_a_specified_date() {
    assert!(kind_violations(ChargeAppliesTo::Client, Some(2), Some(1)).is_empty());
    let v = kind_violations(ChargeAppliesTo::Client, Some(1), Some(2));
    assert_eq!(v.len(), 2);
}

#[test]
fn percent_of_disbursement_is_only_for_tranche_charges() {
    let v = kind_violations(ChargeAppliesTo::Loan, Some(1), Some(5));
    assert!(matches!(v[..], [Violation::Unwanted { value: 5, .. }]));
    assert!(kind_violations(ChargeAppliesTo::Loan, Some(12), Some(5)).is_empty());
}

#[test]
fn a_disbursement_charge_cannot_be_a_penalty() {
    let d = loan_charge(ChargeTimeType::Disbursement, true);
    assert_eq!(
        check_new(&d),
        Err(ChargeError::DisbursementCannotBePenalty("Fee".into()))
    );
}

#[test]
fn an_overdue_installment_charge_must_be_a_penalty() {
    let d = loan_charge(ChargeTimeType::OverdueInstallment, false);
    assert_eq!(check_new(&d), Err(ChargeError::MustBePenalty("Fee".into())));
    assert_eq!(
        check_new(&loan_charge(ChargeTimeType::OverdueInstallment, true)),
        Ok(vec![])
    );
}

#[test]
fn a_percentage_savings_charge_must_be_a_withdrawal_or_no_activity_fee() {
    let mut d = loan_charge(ChargeTimeType::SavingsActivation, false);
    d.applies_to = ChargeAppliesTo::Savings;
    d.calculation_type = ChargeCalculationType::PercentOfAmount;
    assert_eq!(check_new(&d).map(|v| v.len()), Ok(1));
    d.time_type = ChargeTimeType::WithdrawalFee;
    assert_eq!(check_new(&d), Ok(vec![]));
}

#[test]
fn caps_and_fee_days_are_kept_only_where_fineract_keeps_them() {
    let mut d = loan_charge(ChargeTimeType::Disbursement, false);
    d.min_cap = Some(dec!(1));
    d.fee_on_month_day = MonthDay::new(3, 4);
    let n = d.clone().normalized();
    assert_eq!((n.min_cap, n.fee_on_month_day), (None, None));
    d.calculation_type = ChargeCalculationType::PercentOfAmount;
    assert_eq!(d.normalized().min_cap, Some(dec!(1)));
}

#[test]
fn an_update_reports_only_changed_parameters() {
    let d = loan_charge(ChargeTimeType::Disbursement, false);
    let c = ChargeChanges {
        amount: Some(dec!(200)),
        name: Some("Fee".into()),
        calculation_type: Some(ChargeCalculationType::PercentOfAmount),
        payment_mode: Some(ChargePaymentMode::AccountTransfer),
        ..Default::default()
    };
    let u = apply(&d, &c).unwrap();
    assert_eq!(
        u.changed,
        ["amount", "chargeCalculationType", "chargePaymentMode"]
    );
    assert!(u.violations.is_empty());
    assert_eq!(u.next.amount, dec!(200));
}

#[test]
fn the_kind_of_a_charge_cannot_be_changed() {
    let d = loan_charge(ChargeTimeType::Disbursement, false);
    let c = ChargeChanges {
        applies_to: Some(ChargeAppliesTo::Savings),
        ..Default::default()
    };
    assert_eq!(apply(&d, &c), Err(ChargeError::AppliesToNotUpdatable));
}

#[test]
fn making_an_overdue_fee_a_non_penalty_is_refused() {
    let d = loan_charge(ChargeTimeType::OverdueInstallment, true);
    let c = ChargeChanges {
        penalty: Some(false),
        ..Default::default()
    };
    assert_eq!(apply(&d, &c), Err(ChargeError::MustBePenalty("Fee".into())));
}

#[test]
fn february_29_is_a_fee_day_but_april_31_is_not() {
    assert!(MonthDay::new(2, 29).is_some());
    assert!(MonthDay::new(4, 31).is_none());
    assert!(MonthDay::new(13, 1).is_none());
}
