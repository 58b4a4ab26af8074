//! Overdue amounts and arrears as `GET /loans/{id}` reports them. Fineract's arrears-ageing job counts
//! an incomplete installment as overdue when its due date is before `business date - graceOnArrearsAgeing`,
//! and `inArrears` is simply "there is such an installment"; `inArrearsTolerance` plays no part here
//! (it is used when closing a loan and for the overpaid status).

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::installment::Components;
use super::state::Ledger;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrears {
    /// `principalOverdue`, `interestOverdue`, `feeChargesOverdue`, `penaltyChargesOverdue`.
    pub overdue: Components,
    /// `totalOverdue`.
    pub total_overdue: Decimal,
    /// `overdueSinceDate`: the earliest due date counted as overdue (after the grace days).
    pub overdue_since: Option<NaiveDate>,
    pub in_arrears: bool,
    /// Delinquency's past-due days: business date minus the earliest unpaid due date, without grace.
    pub past_due_days: i64,
    /// Past-due days minus the grace days, never negative.
    pub delinquent_days: i64,
    /// Delinquency's `delinquentDate`: the earliest unpaid due date plus the grace days.
    pub delinquent_on: Option<NaiveDate>,
}

pub fn arrears(
    ledger: &Ledger,
    business_date: NaiveDate,
    grace_on_arrears_ageing_days: u32,
) -> Arrears {
    // An out-of-range subtraction means no due date can be that early: nothing is overdue yet.
    let cutoff = business_date.checked_sub_days(Days::new(u64::from(grace_on_arrears_ageing_days)));
    let mut overdue = Components::default();
    let mut overdue_since = None;
    let mut earliest_unpaid = None;
    for installment in ledger.installments.iter().filter(|i| !i.complete) {
        if installment.due_date < business_date {
            earliest_unpaid = earliest_unpaid
                .min(Some(installment.due_date))
                .or(Some(installment.due_date));
        }
        if cutoff.is_some_and(|cutoff| installment.due_date < cutoff) {
            overdue = overdue.plus(&installment.outstanding());
            overdue_since = overdue_since
                .min(Some(installment.due_date))
                .or(Some(installment.due_date));
        }
    }
    let past_due_days = earliest_unpaid.map_or(0, |d| (business_date - d).num_days());
    let grace = Days::new(u64::from(grace_on_arrears_ageing_days));
    let delinquent_on = earliest_unpaid.and_then(|d| d.checked_add_days(grace));
    Arrears {
        total_overdue: overdue.total(),
        overdue,
        overdue_since,
        in_arrears: overdue_since.is_some(),
        past_due_days,
        delinquent_days: (past_due_days - i64::from(grace_on_arrears_ageing_days)).max(0),
        delinquent_on,
    }
}
