//! The fixed-order strategies: walk the installments by due date, skip the completed ones, and let the
//! strategy pay one installment at a time depending on whether the payment is early, on time or late.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::input::ChargeDue;
use super::installment::{Components, InstallmentLedger};
use super::rules::Component::{self, Fee, Interest, Penalty, Principal};
use super::strategy::Strategy;

const PEN_FEE_INT_PRI: [Component; 4] = [Penalty, Fee, Interest, Principal];
const PRI_INT_PEN_FEE: [Component; 4] = [Principal, Interest, Penalty, Fee];
const INT_PRI_PEN_FEE: [Component; 4] = [Interest, Principal, Penalty, Fee];
const PRI_INT_FEE_PEN: [Component; 4] = [Principal, Interest, Fee, Penalty];
const PEN_INT_PRI_FEE: [Component; 4] = [Penalty, Interest, Principal, Fee];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Timing {
    InAdvance,
    OnTime,
    Late,
}

/// Pays `amount` over the installments (sorted by due date) and returns the portions and what is left.
pub(crate) fn repay(
    strategy: &Strategy,
    installments: &mut [InstallmentLedger],
    charges: &[ChargeDue],
    date: NaiveDate,
    amount: Decimal,
) -> (Components, Decimal) {
    let mut portions = Components::default();
    let mut remaining = amount;
    for index in 0..installments.len() {
        if remaining <= Decimal::ZERO {
            break;
        }
        if installments[index].complete {
            continue;
        }
        let timing = timing(strategy, installments, index, date);
        remaining = match (strategy, timing) {
            (Strategy::RbiIndia, Timing::Late) => {
                rbi_late(installments, index, date, remaining, &mut portions)
            }
            _ => one_installment(
                strategy,
                timing,
                &mut installments[index],
                charges,
                date,
                remaining,
                &mut portions,
            ),
        };
    }
    (portions, remaining)
}

/// Waives interest installment by installment (every strategy does the same).
pub(crate) fn waive_interest(
    installments: &mut [InstallmentLedger],
    date: NaiveDate,
    amount: Decimal,
) -> (Components, Decimal) {
    each_incomplete(installments, amount, |i, rest| {
        i.waive(Interest, date, rest)
    })
}

/// Pays only fees or only penalties: of the installment numbered `installment` when given (Fineract pays a
/// charge where it falls due), else oldest installment first.
pub(crate) fn pay_charges(
    installments: &mut [InstallmentLedger],
    date: NaiveDate,
    amount: Decimal,
    penalty: bool,
    installment: Option<u32>,
) -> (Components, Decimal) {
    let component = if penalty { Penalty } else { Fee };
    one_or_each(installments, amount, installment, |i, rest| {
        i.pay(component, date, rest)
    })
}

/// Waives only fees or only penalties, where `pay_charges` would pay them.
pub(crate) fn waive_charges(
    installments: &mut [InstallmentLedger],
    date: NaiveDate,
    amount: Decimal,
    penalty: bool,
    installment: Option<u32>,
) -> (Components, Decimal) {
    let component = if penalty { Penalty } else { Fee };
    one_or_each(installments, amount, installment, |i, rest| {
        i.waive(component, date, rest)
    })
}

/// Applies to the installment numbered `number` only (complete or not), or to each incomplete one.
fn one_or_each(
    installments: &mut [InstallmentLedger],
    amount: Decimal,
    number: Option<u32>,
    apply: impl FnMut(&mut InstallmentLedger, Decimal) -> Decimal,
) -> (Components, Decimal) {
    match number {
        Some(n) => match installments.iter().position(|i| i.number == n) {
            Some(index) => each_incomplete(&mut installments[index..=index], amount, apply),
            None => (Components::default(), amount),
        },
        None => each_incomplete(installments, amount, apply),
    }
}

fn each_incomplete(
    installments: &mut [InstallmentLedger],
    amount: Decimal,
    mut apply: impl FnMut(&mut InstallmentLedger, Decimal) -> Decimal,
) -> (Components, Decimal) {
    let mut portions = Components::default();
    let mut remaining = amount;
    for installment in installments.iter_mut().filter(|i| !i.complete) {
        if remaining <= Decimal::ZERO {
            break;
        }
        let before = installment.waived.plus(&installment.paid);
        let taken = apply(installment, remaining);
        let after = installment.waived.plus(&installment.paid);
        remaining -= taken;
        portions = portions.plus(&Components {
            principal: after.principal - before.principal,
            interest: after.interest - before.interest,
            fee: after.fee - before.fee,
            penalty: after.penalty - before.penalty,
        });
    }
    (portions, remaining)
}

fn timing(
    strategy: &Strategy,
    installments: &[InstallmentLedger],
    index: usize,
    date: NaiveDate,
) -> Timing {
    // HeavensFamily calls a payment early only when it precedes the *previous* installment's due date.
    let advance_reference = match strategy {
        Strategy::HeavensFamily => installments[index.saturating_sub(1)].due_date,
        _ => installments[index].due_date,
    };
    if date < advance_reference {
        Timing::InAdvance
    } else if date > installments[index].due_date {
        Timing::Late
    } else {
        Timing::OnTime
    }
}

fn pay_in_order(
    installment: &mut InstallmentLedger,
    order: &[Component],
    date: NaiveDate,
    mut remaining: Decimal,
    portions: &mut Components,
) -> Decimal {
    for &component in order {
        let portion = installment.pay(component, date, remaining);
        portions.add(component, portion);
        remaining -= portion;
    }
    remaining
}

fn one_installment(
    strategy: &Strategy,
    timing: Timing,
    installment: &mut InstallmentLedger,
    charges: &[ChargeDue],
    date: NaiveDate,
    remaining: Decimal,
    portions: &mut Components,
) -> Decimal {
    let early = timing == Timing::InAdvance;
    match strategy {
        Strategy::MifosStandard | Strategy::Creocore | Strategy::RbiIndia => {
            pay_in_order(installment, &PEN_FEE_INT_PRI, date, remaining, portions)
        }
        Strategy::PrincipalInterestPenaltyFee => {
            pay_in_order(installment, &PRI_INT_PEN_FEE, date, remaining, portions)
        }
        Strategy::InterestPrincipalPenaltyFee => {
            pay_in_order(installment, &INT_PRI_PEN_FEE, date, remaining, portions)
        }
        Strategy::EarlyRepayment if early => {
            pay_in_order(installment, &[Principal], date, remaining, portions)
        }
        Strategy::EarlyRepayment => {
            pay_in_order(installment, &INT_PRI_PEN_FEE, date, remaining, portions)
        }
        Strategy::HeavensFamily if early => {
            heavens_in_advance(installment, date, remaining, portions)
        }
        Strategy::HeavensFamily => {
            pay_in_order(installment, &PRI_INT_FEE_PEN, date, remaining, portions)
        }
        Strategy::DuePenaltyFeeInterestPrincipalInAdvancePrincipalPenaltyFeeInterest if early => {
            due_in_advance(installment, charges, date, remaining, portions, false)
        }
        Strategy::DuePenaltyFeeInterestPrincipalInAdvancePrincipalPenaltyFeeInterest => {
            pay_in_order(installment, &PEN_FEE_INT_PRI, date, remaining, portions)
        }
        Strategy::DuePenaltyInterestPrincipalFeeInAdvancePenaltyInterestPrincipalFee if early => {
            due_in_advance(installment, charges, date, remaining, portions, true)
        }
        Strategy::DuePenaltyInterestPrincipalFeeInAdvancePenaltyInterestPrincipalFee => {
            pay_in_order(installment, &PEN_INT_PRI_FEE, date, remaining, portions)
        }
        // Advanced loans never reach here; paying in mifos order keeps this total, not a panic.
        Strategy::Advanced(_) => {
            pay_in_order(installment, &PEN_FEE_INT_PRI, date, remaining, portions)
        }
    }
}

/// Principal first; once the principal is cleared early the installment's interest is waived outright
/// (Fineract quirk: the waiver is not a transaction of its own).
fn heavens_in_advance(
    installment: &mut InstallmentLedger,
    date: NaiveDate,
    remaining: Decimal,
    portions: &mut Components,
) -> Decimal {
    let principal_was_open = installment.outstanding_of(Principal) > Decimal::ZERO;
    let remaining = pay_in_order(installment, &[Principal], date, remaining, portions);
    if principal_was_open && installment.outstanding_of(Principal).is_zero() {
        let interest = installment.outstanding_of(Interest);
        installment.waive(Interest, date, interest);
    }
    pay_in_order(
        installment,
        &[Interest, Fee, Penalty],
        date,
        remaining,
        portions,
    )
}

/// The due-…-in-advance strategies on a future installment. First pass: penalties and fees only up to
/// the charges already due by the transaction date, no interest yet (and, for the penalty-interest
/// variant, no principal either). If money is left, a second pass pays everything in the strategy's order.
fn due_in_advance(
    installment: &mut InstallmentLedger,
    charges: &[ChargeDue],
    date: NaiveDate,
    mut remaining: Decimal,
    portions: &mut Components,
    interest_before_fee: bool,
) -> Decimal {
    let due_by = |penalty: bool| -> Decimal {
        charges
            .iter()
            .filter(|c| c.is_penalty == penalty && c.due_date <= date)
            .map(|c| c.amount)
            .sum()
    };
    let penalty_cap = due_by(true).min(remaining);
    let portion = installment.pay(Penalty, date, penalty_cap);
    portions.add(Penalty, portion);
    remaining -= portion;
    let fee_cap = due_by(false).min(remaining);
    let portion = installment.pay(Fee, date, fee_cap);
    portions.add(Fee, portion);
    remaining -= portion;
    if !interest_before_fee {
        remaining = pay_in_order(installment, &[Principal], date, remaining, portions);
    }
    if remaining > Decimal::ZERO {
        let order = if interest_before_fee {
            &PEN_INT_PRI_FEE
        } else {
            &PEN_FEE_INT_PRI
        };
        remaining = pay_in_order(installment, order, date, remaining, portions);
    }
    remaining
}

/// RBI late payment: penalties, fees and interest of every overdue installment (and of the one the
/// date falls in) first, then principal across installments in due-date order.
fn rbi_late(
    installments: &mut [InstallmentLedger],
    first: usize,
    date: NaiveDate,
    mut remaining: Decimal,
    portions: &mut Components,
) -> Decimal {
    let current = installments
        .iter()
        .take_while(|i| date >= i.due_date)
        .count()
        .saturating_sub(1);
    for (index, installment) in installments.iter_mut().enumerate().skip(first) {
        let has_charges_or_interest = !installment.outstanding_of(Interest).is_zero()
            || !installment.outstanding_of(Fee).is_zero()
            || !installment.outstanding_of(Penalty).is_zero();
        if has_charges_or_interest && (date > installment.due_date || index == current) {
            remaining = pay_in_order(
                installment,
                &[Penalty, Fee, Interest],
                date,
                remaining,
                portions,
            );
        }
    }
    for installment in installments.iter_mut().skip(first) {
        if remaining <= Decimal::ZERO {
            break;
        }
        remaining = pay_in_order(installment, &[Principal], date, remaining, portions);
    }
    remaining
}
