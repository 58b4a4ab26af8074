//! The `summary` block of `GET /loans/{id}`, added up from the replayed installments the way
//! `LoanSummary.updateSummary` does.

use rust_decimal::Decimal;

use super::installment::Components;
use super::state::Ledger;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanSummary {
    pub principal_disbursed: Decimal,
    /// Scheduled amounts, per component (`principal` is what the schedule expects, not what was disbursed).
    pub charged: Components,
    pub paid: Components,
    pub waived: Components,
    pub written_off: Components,
    /// `principalAdjustments`: principal lent again by credit balance refunds beyond the credit balance.
    pub principal_adjustments: Decimal,
    /// Principal outstanding is disbursed + adjustments - paid - written off; the others are
    /// charged - paid - waived - written off.
    pub outstanding: Components,
    /// `totalExpectedRepayment`: principal disbursed plus interest, fees and penalties charged.
    pub total_expected_repayment: Decimal,
    pub total_repayment: Decimal,
    /// `totalExpectedCostOfLoan`: interest, fees and penalties charged.
    pub total_expected_cost_of_loan: Decimal,
    pub total_cost_of_loan: Decimal,
    pub total_waived: Decimal,
    pub total_written_off: Decimal,
    pub total_outstanding: Decimal,
    /// `totalOverpaid`.
    pub total_overpaid: Decimal,
}

pub fn summary(ledger: &Ledger) -> LoanSummary {
    let sum = |f: fn(&super::installment::InstallmentLedger) -> Components| {
        ledger
            .installments
            .iter()
            .fold(Components::default(), |acc, i| acc.plus(&f(i)))
    };
    let charged = sum(|i| i.due);
    let paid = sum(|i| i.paid);
    let waived = sum(|i| i.waived);
    let written_off = sum(|i| i.written_off);
    let credits: Decimal = ledger.installments.iter().map(|i| i.credits).sum();
    let outstanding = Components {
        principal: ledger.principal_disbursed + credits - paid.principal - written_off.principal,
        interest: charged.interest - paid.interest - waived.interest - written_off.interest,
        fee: charged.fee - paid.fee - waived.fee - written_off.fee,
        penalty: charged.penalty - paid.penalty - waived.penalty - written_off.penalty,
    };
    let cost = |c: &Components| c.interest + c.fee + c.penalty;
    LoanSummary {
        principal_disbursed: ledger.principal_disbursed,
        principal_adjustments: credits,
        total_expected_repayment: ledger.principal_disbursed + cost(&charged),
        total_repayment: paid.total(),
        total_expected_cost_of_loan: cost(&charged),
        total_cost_of_loan: cost(&paid),
        total_waived: waived.total(),
        total_written_off: written_off.total(),
        total_outstanding: outstanding.total(),
        total_overpaid: ledger.credit_balance,
        charged,
        paid,
        waived,
        written_off,
        outstanding,
    }
}
