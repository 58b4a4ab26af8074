//! The option lists of advanced payment allocation, as Fineract lists them on a loan product and its
//! template: `{id: ordinal + 1, code: NAME, value: readable name}`. The web app's product view dereferences
//! them whether or not the product allocates that way.

use serde::Serialize;

/// Fineract's `EnumOptionData`.
#[derive(Serialize)]
pub(crate) struct EnumOption {
    id: i64,
    code: &'static str,
    value: &'static str,
}

const TRANSACTION_TYPES: &[&str] = &[
    "DEFAULT:Default",
    "REPAYMENT:Repayment",
    "DOWN_PAYMENT:Down payment",
    "MERCHANT_ISSUED_REFUND:Merchant issued refund",
    "PAYOUT_REFUND:Payout refund",
    "GOODWILL_CREDIT:Goodwill credit",
    "CHARGE_REFUND:Charge refund",
    "CHARGE_ADJUSTMENT:Charge adjustment",
    "WAIVE_INTEREST:Waive interest",
    "CHARGE_PAYMENT:Charge payment",
    "REFUND_FOR_ACTIVE_LOAN:Refund for active loan",
    "INTEREST_PAYMENT_WAIVER:Interest payment waiver",
    "INTEREST_REFUND:Interest refund",
];

const ALLOCATION_TYPES: &[&str] = &[
    "PAST_DUE_PENALTY:Past due penalty",
    "PAST_DUE_FEE:Past due fee",
    "PAST_DUE_PRINCIPAL:Past due principal",
    "PAST_DUE_INTEREST:Past due interest",
    "DUE_PENALTY:Due penalty",
    "DUE_FEE:Due fee",
    "DUE_PRINCIPAL:Due principal",
    "DUE_INTEREST:Due interest",
    "IN_ADVANCE_PENALTY:In advance penalty",
    "IN_ADVANCE_FEE:In advance fee",
    "IN_ADVANCE_PRINCIPAL:In advance principal",
    "IN_ADVANCE_INTEREST:In advanced interest",
];

const FUTURE_INSTALLMENT_RULES: &[&str] = &[
    "NEXT_INSTALLMENT:Next installment",
    "LAST_INSTALLMENT:Last installment",
    "REAMORTIZATION:Reamortization",
];

const CREDIT_TRANSACTION_TYPES: &[&str] = &["CHARGEBACK:Chargeback"];

const CREDIT_ALLOCATION_TYPES: &[&str] = &[
    "PENALTY:Penalty",
    "FEE:Fee",
    "PRINCIPAL:Principal",
    "INTEREST:Interest",
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AllocationOptions {
    advanced_payment_allocation_transaction_types: Vec<EnumOption>,
    advanced_payment_allocation_types: Vec<EnumOption>,
    advanced_payment_allocation_future_installment_allocation_rules: Vec<EnumOption>,
    credit_allocation_transaction_types: Vec<EnumOption>,
    credit_allocation_allocation_types: Vec<EnumOption>,
}

fn options(table: &'static [&'static str]) -> Vec<EnumOption> {
    table
        .iter()
        .zip(1..)
        .map(|(entry, id)| {
            let (code, value) = entry.split_once(':').unwrap_or((entry, entry));
            EnumOption { id, code, value }
        })
        .collect()
}

impl AllocationOptions {
    pub(crate) fn fineract() -> AllocationOptions {
        AllocationOptions {
            advanced_payment_allocation_transaction_types: options(TRANSACTION_TYPES),
            advanced_payment_allocation_types: options(ALLOCATION_TYPES),
            advanced_payment_allocation_future_installment_allocation_rules: options(
                FUTURE_INSTALLMENT_RULES,
            ),
            credit_allocation_transaction_types: options(CREDIT_TRANSACTION_TYPES),
            credit_allocation_allocation_types: options(CREDIT_ALLOCATION_TYPES),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_has_a_code_and_a_readable_value() {
        for table in [
            TRANSACTION_TYPES,
            ALLOCATION_TYPES,
            FUTURE_INSTALLMENT_RULES,
            CREDIT_TRANSACTION_TYPES,
            CREDIT_ALLOCATION_TYPES,
        ] {
            for entry in table {
                let (code, value) = entry.split_once(':').unwrap();
                assert!(!code.is_empty() && !value.is_empty(), "{entry}");
            }
        }
    }
}
