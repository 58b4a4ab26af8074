//! Payment allocation rules of the advanced strategy: per transaction type, an ordered list of
//! {past due, due, in advance} x {penalty, fee, principal, interest} and what "in advance" targets.

use super::input::TransactionKind;

/// One of the four amounts an installment owes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Component {
    Penalty,
    Fee,
    Principal,
    Interest,
}

/// Where an installment stands relative to the transaction date (`DueType` in Fineract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DueType {
    PastDue,
    Due,
    InAdvance,
}

/// `PaymentAllocationType`: e.g. `PAST_DUE_PENALTY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AllocationType {
    pub due: DueType,
    pub component: Component,
}

impl AllocationType {
    /// Parses Fineract's names such as `DUE_INTEREST` or `IN_ADVANCE_PRINCIPAL`.
    pub fn from_code(code: &str) -> Option<AllocationType> {
        let (due, rest) = if let Some(rest) = code.strip_prefix("PAST_DUE_") {
            (DueType::PastDue, rest)
        } else if let Some(rest) = code.strip_prefix("IN_ADVANCE_") {
            (DueType::InAdvance, rest)
        } else if let Some(rest) = code.strip_prefix("DUE_") {
            (DueType::Due, rest)
        } else {
            return None;
        };
        let component = match rest {
            "PENALTY" => Component::Penalty,
            "FEE" => Component::Fee,
            "PRINCIPAL" => Component::Principal,
            "INTEREST" => Component::Interest,
            _ => return None,
        };
        Some(AllocationType { due, component })
    }
}

/// `FutureInstallmentAllocationRule`: which future installments an in-advance amount goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FutureInstallmentRule {
    NextInstallment,
    LastInstallment,
    /// Split evenly over every future installment (rounded to the currency), remainder to the last.
    Reamortization,
}

impl FutureInstallmentRule {
    pub fn from_code(code: &str) -> Option<FutureInstallmentRule> {
        Some(match code {
            "NEXT_INSTALLMENT" => FutureInstallmentRule::NextInstallment,
            "LAST_INSTALLMENT" => FutureInstallmentRule::LastInstallment,
            "REAMORTIZATION" => FutureInstallmentRule::Reamortization,
            _ => return None,
        })
    }
}

/// `loanScheduleProcessingType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScheduleProcessing {
    /// Installment by installment: the oldest past-due one, the one due today, then future ones.
    #[default]
    Horizontal,
    /// One allocation type across all installments before the next type.
    Vertical,
}

/// The transaction types a rule can be attached to (`PaymentAllocationTransactionType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleTransactionType {
    Default,
    Repayment,
    DownPayment,
    MerchantIssuedRefund,
    PayoutRefund,
    GoodwillCredit,
    InterestPaymentWaiver,
}

/// One product rule: its transaction type, the order of allocation types and the future rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentAllocationRule {
    pub transaction_type: RuleTransactionType,
    pub order: Vec<AllocationType>,
    pub future_installment: FutureInstallmentRule,
}

/// All rules of a loan plus its processing type. Fineract requires a DEFAULT rule; a transaction
/// without a rule of its own uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentAllocationRules {
    pub rules: Vec<PaymentAllocationRule>,
    pub processing: ScheduleProcessing,
}

impl PaymentAllocationRules {
    /// The rule Fineract's e2e product `LP2_ADV_PYMNT` and the API default use: past due, due, in
    /// advance; penalty, fee, principal, interest within each; next installment.
    pub fn fineract_default() -> PaymentAllocationRules {
        PaymentAllocationRules {
            rules: vec![PaymentAllocationRule {
                transaction_type: RuleTransactionType::Default,
                order: standard_order(),
                future_installment: FutureInstallmentRule::NextInstallment,
            }],
            processing: ScheduleProcessing::Horizontal,
        }
    }

    /// The rule for a transaction kind, falling back to DEFAULT; `None` when there is no DEFAULT rule.
    pub fn rule_for(&self, kind: TransactionKind) -> Option<&PaymentAllocationRule> {
        let wanted = match kind {
            TransactionKind::Repayment => Some(RuleTransactionType::Repayment),
            TransactionKind::DownPayment => Some(RuleTransactionType::DownPayment),
            TransactionKind::MerchantIssuedRefund => {
                Some(RuleTransactionType::MerchantIssuedRefund)
            }
            TransactionKind::PayoutRefund => Some(RuleTransactionType::PayoutRefund),
            TransactionKind::GoodwillCredit => Some(RuleTransactionType::GoodwillCredit),
            TransactionKind::InterestPaymentWaiver => {
                Some(RuleTransactionType::InterestPaymentWaiver)
            }
            _ => None,
        };
        wanted
            .and_then(|t| self.rules.iter().find(|r| r.transaction_type == t))
            .or_else(|| {
                self.rules
                    .iter()
                    .find(|r| r.transaction_type == RuleTransactionType::Default)
            })
    }
}

/// PAST_DUE_*, DUE_*, IN_ADVANCE_* each as penalty, fee, principal, interest.
pub fn standard_order() -> Vec<AllocationType> {
    let mut order = Vec::with_capacity(12);
    for due in [DueType::PastDue, DueType::Due, DueType::InAdvance] {
        for component in [
            Component::Penalty,
            Component::Fee,
            Component::Principal,
            Component::Interest,
        ] {
            order.push(AllocationType { due, component });
        }
    }
    order
}
