//! The output of the engine: the disbursement row (period 0), the installments and the totals, the
//! figures of Fineract's `repaymentSchedule` JSON.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Period 0: the disbursement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisbursementRow {
    pub due_date: NaiveDate,
    pub principal_disbursed: Decimal,
    pub principal_loan_balance_outstanding: Decimal,
}

/// One repayment installment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installment {
    /// 1-based.
    pub period: u32,
    pub from_date: NaiveDate,
    pub due_date: NaiveDate,
    pub days_in_period: i64,
    pub principal_due: Decimal,
    pub interest_due: Decimal,
    pub fee_charges_due: Decimal,
    pub penalty_charges_due: Decimal,
    pub total_due: Decimal,
    /// Principal still owed after this installment.
    pub principal_loan_balance_outstanding: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleTotals {
    pub principal_disbursed: Decimal,
    pub principal_expected: Decimal,
    pub interest_charged: Decimal,
    pub fee_charges_charged: Decimal,
    pub penalty_charges_charged: Decimal,
    pub repayment_expected: Decimal,
    pub loan_term_in_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub currency_decimal_places: u32,
    pub disbursement: DisbursementRow,
    /// Tranches after the first, in date order. Each belongs before the first installment whose due
    /// date is on or after it (Fineract lists it there and adds it to that installment's balance).
    pub later_disbursements: Vec<DisbursementRow>,
    pub installments: Vec<Installment>,
    pub totals: ScheduleTotals,
}

/// Why a schedule cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("invalid loan terms: {0}")]
    InvalidTerms(&'static str),
    #[error("EMI amount must be greater than : {interest}")]
    EmiBelowInterest { interest: Decimal },
    #[error("Due date can't be before period start date")]
    DueDateBeforePeriodStart(NaiveDate),
    #[error("a due date falls outside the supported calendar")]
    DateOutOfRange,
    #[error("the schedule does not close within {0} installments")]
    DoesNotClose(u32),
}
