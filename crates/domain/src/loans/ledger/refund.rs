//! `refundByCash` (Fineract's REFUND_FOR_ACTIVE_LOAN, `handleRefund`): money paid in advance goes back to
//! the client. The installments are walked from the last due date backwards and, on each one that has
//! been paid, the strategy's components are un-paid in the reverse of its payment order.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::installment::{Components, InstallmentLedger};
use super::rules::Component::{self, Fee, Interest, Penalty, Principal};
use super::state::Ledger;
use super::strategy::Strategy;

/// The order each strategy's `handleRefundTransactionPaymentOfInstallment` un-pays an installment in.
fn unpay_order(strategy: &Strategy) -> [Component; 4] {
    match strategy {
        Strategy::MifosStandard
        | Strategy::Creocore
        | Strategy::RbiIndia
        | Strategy::DuePenaltyFeeInterestPrincipalInAdvancePrincipalPenaltyFeeInterest
        | Strategy::DuePenaltyInterestPrincipalFeeInAdvancePenaltyInterestPrincipalFee => {
            [Principal, Interest, Fee, Penalty]
        }
        Strategy::EarlyRepayment | Strategy::InterestPrincipalPenaltyFee => {
            [Fee, Penalty, Principal, Interest]
        }
        Strategy::PrincipalInterestPenaltyFee => [Fee, Penalty, Interest, Principal],
        Strategy::HeavensFamily => [Penalty, Fee, Interest, Principal],
        // Fineract's advanced processor throws NotImplementedException here; callers refuse the refund
        // before it is stored, and a replay keeps the classic order rather than failing.
        Strategy::Advanced(_) => [Principal, Interest, Fee, Penalty],
    }
}

/// Un-pays `amount` from the latest paid installments; returns the portions taken and what found nothing
/// to take (Fineract keeps the amount as posted and the portions as found).
pub(crate) fn unpay(
    strategy: &Strategy,
    installments: &mut [InstallmentLedger],
    date: NaiveDate,
    amount: Decimal,
) -> (Components, Decimal) {
    let order = unpay_order(strategy);
    let mut portions = Components::default();
    let mut remaining = amount;
    // `installments` is sorted by due date; Fineract sorts it in reverse for the walk.
    for installment in installments.iter_mut().rev() {
        if remaining <= Decimal::ZERO {
            break;
        }
        if installment.outstanding().total() >= installment.due.total() {
            continue;
        }
        for component in order {
            let taken = installment.unpay(component, date, remaining);
            portions.add(component, taken);
            remaining -= taken;
        }
    }
    (portions, remaining)
}

/// Fineract's `retrieveTotalPaidInAdvance`: what was paid on installments due on or after `today` (the
/// business date), the most a `refundByCash` may give back.
pub fn paid_in_advance(ledger: &Ledger, today: NaiveDate) -> Decimal {
    ledger
        .installments
        .iter()
        .filter(|i| i.due_date >= today)
        .map(|i| i.paid.total())
        .sum()
}
