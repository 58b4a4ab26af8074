//! `advanced-payment-allocation-strategy` over a fixed schedule: the product's rule decides, per
//! allocation type, which installment (oldest past due, due today, or future ones) gets the money.
//! No EMI recalculation: with interest recalculation Fineract would also re-price the remaining
//! periods after an early payment; callers that need that must regenerate the schedule first.
//! Interest waivers, charge payments and write-offs use the fixed strategies' walks: Fineract sends
//! WAIVE_INTEREST through the payment rule as if it were money (so it could "waive" principal), which we
//! do not copy, and re-allocates a charge payment's leftover, which we report as unapplied instead.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::installment::{Components, InstallmentLedger};
use super::rules::{
    AllocationType, DueType, FutureInstallmentRule, PaymentAllocationRule, ScheduleProcessing,
};
use crate::money::{round, RoundingMode};

pub(crate) struct Rounding {
    pub decimal_places: u32,
    pub mode: RoundingMode,
}

pub(crate) fn repay(
    rule: &PaymentAllocationRule,
    processing: ScheduleProcessing,
    installments: &mut [InstallmentLedger],
    date: NaiveDate,
    amount: Decimal,
    rounding: &Rounding,
) -> (Components, Decimal) {
    let mut portions = Components::default();
    let remaining = match processing {
        ScheduleProcessing::Horizontal => {
            horizontal(rule, installments, date, amount, rounding, &mut portions)
        }
        ScheduleProcessing::Vertical => {
            vertical(rule, installments, date, amount, rounding, &mut portions)
        }
    };
    (portions, remaining)
}

/// Groups the rule by due type (in first-seen order) and, per group, keeps paying the group's
/// components on the installment(s) of that due type until none is left or the money runs out.
fn horizontal(
    rule: &PaymentAllocationRule,
    installments: &mut [InstallmentLedger],
    date: NaiveDate,
    mut remaining: Decimal,
    rounding: &Rounding,
    portions: &mut Components,
) -> Decimal {
    let mut groups: Vec<(DueType, Vec<AllocationType>)> = Vec::new();
    for allocation in &rule.order {
        match groups.iter_mut().find(|(due, _)| *due == allocation.due) {
            Some((_, types)) => types.push(*allocation),
            None => groups.push((allocation.due, vec![*allocation])),
        }
    }
    for (due, types) in groups {
        loop {
            if remaining <= Decimal::ZERO || installments.iter().all(|i| i.complete) {
                break;
            }
            let targets = targets(installments, due, date, rule.future_installment, |_| true);
            if targets.is_empty() {
                break;
            }
            let before = remaining;
            for allocation in &types {
                remaining = pay_targets(
                    installments,
                    &targets,
                    *allocation,
                    date,
                    remaining,
                    rounding,
                    portions,
                );
            }
            // Fineract loops until the due type runs dry; stopping when nothing moved avoids spinning on
            // a rule that omits a component the installment still owes.
            if remaining == before {
                break;
            }
        }
    }
    remaining
}

/// One allocation type at a time across all installments of its due type.
fn vertical(
    rule: &PaymentAllocationRule,
    installments: &mut [InstallmentLedger],
    date: NaiveDate,
    mut remaining: Decimal,
    rounding: &Rounding,
    portions: &mut Components,
) -> Decimal {
    for allocation in &rule.order {
        loop {
            if remaining <= Decimal::ZERO {
                break;
            }
            let owes =
                |i: &InstallmentLedger| i.outstanding_of(allocation.component) > Decimal::ZERO;
            let targets = targets(
                installments,
                allocation.due,
                date,
                rule.future_installment,
                owes,
            );
            if targets.is_empty() {
                break;
            }
            let before = remaining;
            remaining = pay_targets(
                installments,
                &targets,
                *allocation,
                date,
                remaining,
                rounding,
                portions,
            );
            if remaining == before {
                break;
            }
        }
    }
    remaining
}

/// Indexes of the installments a due type points at, among the incomplete ones passing `filter`.
fn targets(
    installments: &[InstallmentLedger],
    due: DueType,
    date: NaiveDate,
    future: FutureInstallmentRule,
    filter: impl Fn(&InstallmentLedger) -> bool,
) -> Vec<usize> {
    let open = |i: &&InstallmentLedger| !i.complete && filter(i);
    let by_number = |pick_last: bool, pred: &dyn Fn(&InstallmentLedger) -> bool| {
        let candidates = installments
            .iter()
            .enumerate()
            .filter(|(_, i)| open(i) && pred(i));
        let chosen = if pick_last {
            candidates.max_by_key(|(_, i)| i.number)
        } else {
            candidates.min_by_key(|(_, i)| i.number)
        };
        chosen
            .map(|(index, _)| index)
            .into_iter()
            .collect::<Vec<_>>()
    };
    match due {
        DueType::PastDue => by_number(false, &|i| date > i.due_date),
        DueType::Due => by_number(false, &|i| date == i.due_date),
        DueType::InAdvance => match future {
            FutureInstallmentRule::NextInstallment => by_number(false, &|i| date < i.due_date),
            FutureInstallmentRule::LastInstallment => by_number(true, &|i| date < i.due_date),
            FutureInstallmentRule::Reamortization => installments
                .iter()
                .enumerate()
                .filter(|(_, i)| open(i) && date < i.due_date)
                .map(|(index, _)| index)
                .collect(),
        },
    }
}

/// Pays one component on the targets. Several targets (REAMORTIZATION) share the amount evenly, rounded
/// to the currency; the last one also takes the rounding difference.
fn pay_targets(
    installments: &mut [InstallmentLedger],
    targets: &[usize],
    allocation: AllocationType,
    date: NaiveDate,
    mut remaining: Decimal,
    rounding: &Rounding,
    portions: &mut Components,
) -> Decimal {
    if remaining <= Decimal::ZERO || targets.is_empty() {
        return remaining;
    }
    let count = Decimal::from(targets.len());
    let even = round(remaining / count, rounding.decimal_places, rounding.mode);
    let adjustment = remaining - even * count;
    let single = targets.len() == 1;
    for (position, &index) in targets.iter().enumerate() {
        let share = if single {
            remaining
        } else if position + 1 == targets.len() {
            even + adjustment
        } else {
            even
        };
        let portion = installments[index].pay(allocation.component, date, share.min(remaining));
        portions.add(allocation.component, portion);
        remaining -= portion;
    }
    remaining
}
