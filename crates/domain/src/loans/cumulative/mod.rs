//! Fineract's cumulative repayment-schedule generator (`loanScheduleType` CUMULATIVE), pure: the
//! loan terms, the currency, the tenant's rounding mode and the calendar in, the schedule out.
//! Every rounding step follows Fineract's so that cents and dates match its schedules.

mod cash;
mod dates;
mod engine;
mod generator;
mod grace;
mod interest;
mod nth_weekday;
mod period;
mod schedule;
mod terms;

#[cfg(test)]
mod tests;

/// The calendar moved to `loan::working_days`, shared with the progressive engine; kept here for callers.
pub use crate::loans::working_days::ScheduleCalendar;
pub use generator::generate_cumulative_schedule;
pub use nth_weekday::NthWeekday;
pub use schedule::{DisbursementRow, Installment, Schedule, ScheduleError, ScheduleTotals};
pub use terms::{
    AmortizationMethod, CumulativeTerms, CurrencyRules, Grace, InterestCalculationPeriod,
    InterestMethod, Tranche,
};
