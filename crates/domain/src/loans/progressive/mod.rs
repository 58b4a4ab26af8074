//! The progressive schedule engine (`loanScheduleType: PROGRESSIVE`): Fineract's EMI calculator from
//! `fineract-progressive-loan`. Rates become per-period rate factors under a 12-digit MathContext, the
//! EMI is recomputed from the period a balance change touches, interest is rounded per interest
//! sub-period, and the last unpaid installment absorbs every cent left over.

mod arith;
mod dates;
mod emi;
mod error;
mod model;
mod rate_factor;
mod schedule;
mod terms;

#[cfg(test)]
mod tests;

pub use arith::CurrencyRules;
pub use error::ProgressiveError;
pub use model::{EmiModel, InterestPeriod, PeriodFigures, RepaymentPeriod};
pub use schedule::{
    generate_schedule, generate_schedule_on_calendar, DisbursementRow, InstallmentRow,
    ProgressiveSchedule, ScheduleRow,
};
pub use terms::{Disbursement, ProgressiveTerms, RateTerms};

/// Significant digits of Fineract's `MoneyHelper.getMathContext()`.
const MATH_CONTEXT_DIGITS: u32 = 12;
