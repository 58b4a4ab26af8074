//! Bounds on how much work one loan may ask of Kassa. A schedule's cost grows with its installments and
//! its span, and `calculateLoanSchedule` needs no permission, so every count and span that sizes a
//! schedule is bounded before any is computed. Fineract has no such bounds; these are far beyond any loan
//! a lender writes (docs/compatibility.md).

use super::common::PeriodFrequency;

/// At most this many repayments: over five years of daily repayments, over 38 years of weekly ones.
pub const MAX_NUMBER_OF_REPAYMENTS: u32 = 2_000;

/// A loan's term, and the span of one repayment period, fit in a century.
pub const MAX_TERM_YEARS: u32 = 100;

/// At most this many tranches on one loan, whatever its product's `maxTrancheCount` says (Fineract has no
/// cap): each is validated, stored and scheduled.
pub const MAX_TRANCHES: u32 = 100;

/// The longest term, counted in `frequency` units: a century of days, weeks, months or years.
pub fn max_term_in(frequency: PeriodFrequency) -> u32 {
    match frequency {
        PeriodFrequency::Days => MAX_TERM_YEARS * 366,
        PeriodFrequency::Weeks => MAX_TERM_YEARS * 53,
        PeriodFrequency::Months => MAX_TERM_YEARS * 12,
        PeriodFrequency::Years => MAX_TERM_YEARS,
    }
}

/// A grace counts repayment periods, so it can be no longer than the loan.
pub fn max_grace(number_of_repayments: u32) -> u32 {
    number_of_repayments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_schedule_multiplies_without_overflow() {
        let days = u64::from(max_term_in(PeriodFrequency::Days));
        assert!(days * u64::from(MAX_NUMBER_OF_REPAYMENTS) < u64::from(u32::MAX));
    }
}
