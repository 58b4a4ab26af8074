use crate::loans::ledger::{AllocationType, Component, DueType, FutureInstallmentRule, Strategy};

#[test]
fn every_fineract_strategy_code_round_trips_with_its_display_name() {
    // Codes and names from the STRATEGY_CODE / STRATEGY_NAME constants of Fineract's processors.
    let cases = [
        (
            "mifos-standard-strategy",
            "Penalties, Fees, Interest, Principal order",
        ),
        ("heavensfamily-strategy", "HeavensFamily Unique"),
        ("creocore-strategy", "Creocore Unique"),
        ("rbi-india-strategy", "Overdue/Due Fee/Int,Principal"),
        (
            "principal-interest-penalties-fees-order-strategy",
            "Principal, Interest, Penalties, Fees Order",
        ),
        (
            "interest-principal-penalties-fees-order-strategy",
            "Interest, Principal, Penalties, Fees Order",
        ),
        ("early-repayment-strategy", "Early Repayment Strategy"),
        (
            "due-penalty-fee-interest-principal-in-advance-principal-penalty-fee-interest-strategy",
            "Due penalty, fee, interest, principal, In advance principal, penalty, fee, interest",
        ),
        (
            "due-penalty-interest-principal-fee-in-advance-penalty-interest-principal-fee-strategy",
            "Due penalty, interest, principal, fee, In advance penalty, interest, principal, fee",
        ),
        (
            "advanced-payment-allocation-strategy",
            "Advanced payment allocation strategy",
        ),
    ];
    for (code, name) in cases {
        let strategy = Strategy::from_code(code).expect(code);
        assert_eq!(strategy.code(), code);
        assert_eq!(strategy.name(), name);
    }
}

#[test]
fn an_unknown_strategy_code_is_not_parsed() {
    assert_eq!(Strategy::from_code("penalties-first"), None);
}

#[test]
fn allocation_type_and_future_rule_codes_parse() {
    assert_eq!(
        AllocationType::from_code("PAST_DUE_PENALTY"),
        Some(AllocationType {
            due: DueType::PastDue,
            component: Component::Penalty
        })
    );
    assert_eq!(
        AllocationType::from_code("IN_ADVANCE_INTEREST"),
        Some(AllocationType {
            due: DueType::InAdvance,
            component: Component::Interest
        })
    );
    assert_eq!(
        AllocationType::from_code("DUE_PRINCIPAL"),
        Some(AllocationType {
            due: DueType::Due,
            component: Component::Principal
        })
    );
    assert_eq!(AllocationType::from_code("DUE_TAX"), None);
    assert_eq!(
        FutureInstallmentRule::from_code("REAMORTIZATION"),
        Some(FutureInstallmentRule::Reamortization)
    );
}
