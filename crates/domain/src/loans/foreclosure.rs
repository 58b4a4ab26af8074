//! Foreclosure (`command=foreclosure`): the loan is paid off on a date with what is due by then. Fineract
//! (`Loan.updateInstallmentsPostDate`) replaces every installment due on or after the date with one
//! installment due on the date, holding their principal and only the interest, fees and penalties earned
//! up to that date; the payoff is then an ordinary repayment of what that schedule leaves outstanding.

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::ledger::{ChargeDue, ScheduledInstallment};
use crate::money::{round, RoundingMode};

/// Fineract's `LoanForeclosureException` (403) codes, which carry no `error.msg.` prefix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForeclosureError {
    #[error("The transactionDate cannot be in the future.")]
    FutureDate,
    #[error("The transactionDate cannot be earlier than the last transaction date.")]
    BeforeLastTransaction,
}

impl ForeclosureError {
    pub fn code(&self) -> &'static str {
        match self {
            ForeclosureError::FutureDate => "loan.foreclosure.transaction.date.is.in.future",
            ForeclosureError::BeforeLastTransaction => {
                "loan.foreclosure.transaction.date.cannot.before.the.last.transaction.date"
            }
        }
    }
}

/// `Loan.validateForForeclosure`: not after the business date, not before the last transaction the
/// user made (the disbursement counts).
pub fn validate_date(
    date: NaiveDate,
    today: NaiveDate,
    last_transaction_on: NaiveDate,
) -> Result<(), ForeclosureError> {
    if date > today {
        return Err(ForeclosureError::FutureDate);
    }
    if date < last_transaction_on {
        return Err(ForeclosureError::BeforeLastTransaction);
    }
    Ok(())
}

/// Fineract's `calculateInterestForDays`, computed in IEEE double as Fineract does (interest / period days
/// x days), then `Money.of`: the double's shortest decimal, rounded to the currency.
fn interest_for_days(
    interest: Decimal,
    period_days: i64,
    days: i64,
    places: u32,
    mode: RoundingMode,
) -> Decimal {
    let Some(interest) = interest.to_f64() else {
        return Decimal::ZERO;
    };
    if interest == 0.0 || period_days <= 0 {
        return Decimal::ZERO;
    }
    #[allow(clippy::cast_precision_loss)] // day counts are far below 2^52
    let value = interest / period_days as f64 * days as f64;
    let exact: Decimal = format!("{value}").parse().unwrap_or_default();
    round(exact, places, mode)
}

/// Fees and penalties of specified-due-date charges falling in the installment's window up to `date`:
/// `(from, date]`, or `[from, date]` for the first regular installment.
fn charges_till(
    charges: &[ChargeDue],
    from: NaiveDate,
    date: NaiveDate,
    first: bool,
) -> (Decimal, Decimal) {
    let within = |d: NaiveDate| (d > from || (first && d == from)) && d <= date;
    let sum = |penalty: bool| {
        charges
            .iter()
            .filter(|c| c.is_penalty == penalty && within(c.due_date))
            .map(|c| c.amount)
            .sum()
    };
    (sum(false), sum(true))
}

/// The schedule after foreclosing on `date`. `installments` sorted by due date; `charges` are the loan's
/// specified-due-date charges (installment fees follow the new installments as they always do).
pub fn foreclosed_schedule(
    installments: &[ScheduledInstallment],
    disbursed_on: NaiveDate,
    date: NaiveDate,
    charges: &[ChargeDue],
    places: u32,
    mode: RoundingMode,
) -> Vec<ScheduledInstallment> {
    let first_regular = installments
        .iter()
        .find(|i| !i.is_down_payment)
        .map(|i| i.number);
    // `retriveIncomeForOverlappingPeriod`: the installment due on the date keeps all its interest and
    // charges; the one the date falls inside earns interest pro rata by days and the charges due so far.
    let mut interest = Decimal::ZERO;
    let mut fee = Decimal::ZERO;
    let mut penalty = Decimal::ZERO;
    for i in installments {
        if date == i.due_date {
            (interest, fee, penalty) = (i.interest, i.fee, i.penalty);
            break;
        }
        if date > i.from_date && date < i.due_date {
            let period_days = (i.due_date - i.from_date).num_days();
            let days = (date - i.from_date).num_days();
            interest = interest_for_days(i.interest, period_days, days, places, mode);
            (fee, penalty) =
                charges_till(charges, i.from_date, date, Some(i.number) == first_regular);
            break;
        }
    }
    let (kept, replaced): (Vec<_>, Vec<_>) = installments.iter().partition(|i| i.due_date < date);
    let principal: Decimal = replaced.iter().map(|i| i.principal).sum();
    let from_date = kept.last().map_or(disbursed_on, |i| i.due_date);
    let mut schedule: Vec<ScheduledInstallment> = kept.into_iter().cloned().collect();
    let number = u32::try_from(schedule.len())
        .unwrap_or(u32::MAX)
        .saturating_add(1);
    schedule.push(ScheduledInstallment {
        number,
        from_date,
        due_date: date,
        principal,
        interest,
        fee,
        penalty,
        is_down_payment: false,
    });
    schedule
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn installment(
        n: u32,
        from: &str,
        due: &str,
        principal: &str,
        interest: &str,
    ) -> ScheduledInstallment {
        ScheduledInstallment {
            number: n,
            from_date: d(from),
            due_date: d(due),
            principal: dec(principal),
            interest: dec(interest),
            fee: Decimal::ZERO,
            penalty: Decimal::ZERO,
            is_down_payment: false,
        }
    }

    /// ClientLoanIntegrationTest.testLoanForeclosure's dates: disbursed 20 Sep 2011, one installment repaid
    /// on 20 Oct, foreclosed on 8 Nov (19 of the 31 days of the second period).
    fn schedule() -> Vec<ScheduledInstallment> {
        vec![
            installment(1, "2011-09-20", "2011-10-20", "2576.24", "100.00"),
            installment(2, "2011-10-20", "2011-11-20", "2602.00", "74.24"),
            installment(3, "2011-11-20", "2011-12-20", "2628.02", "48.22"),
            installment(4, "2011-12-20", "2012-01-20", "2193.74", "21.94"),
        ]
    }

    #[test]
    fn foreclosing_inside_a_period_keeps_the_past_and_earns_interest_by_days() {
        let s = foreclosed_schedule(
            &schedule(),
            d("2011-09-20"),
            d("2011-11-08"),
            &[],
            2,
            RoundingMode::HalfEven,
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0], schedule()[0]);
        let last = &s[1];
        assert_eq!(
            (last.number, last.from_date, last.due_date),
            (2, d("2011-10-20"), d("2011-11-08"))
        );
        // Principal of every installment not yet due: 2602.00 + 2628.02 + 2193.74.
        assert_eq!(last.principal, dec("7423.76"));
        // 74.24 / 31 x 19 = 45.5012903… -> 45.50.
        assert_eq!(last.interest, dec("45.50"));
    }

    #[test]
    fn foreclosing_on_a_due_date_keeps_that_installments_whole_interest_and_charges() {
        let charges = [ChargeDue {
            due_date: d("2011-11-15"),
            amount: dec("50"),
            is_penalty: false,
        }];
        let mut installments = schedule();
        installments[1].fee = dec("50");
        let s = foreclosed_schedule(
            &installments,
            d("2011-09-20"),
            d("2011-11-20"),
            &charges,
            2,
            RoundingMode::HalfEven,
        );
        let last = &s[1];
        assert_eq!(last.due_date, d("2011-11-20"));
        assert_eq!((last.interest, last.fee), (dec("74.24"), dec("50")));
    }

    #[test]
    fn charges_due_after_the_date_are_not_owed_on_foreclosure() {
        let charges = [
            ChargeDue {
                due_date: d("2011-11-01"),
                amount: dec("20"),
                is_penalty: true,
            },
            ChargeDue {
                due_date: d("2011-11-15"),
                amount: dec("50"),
                is_penalty: false,
            },
        ];
        let s = foreclosed_schedule(
            &schedule(),
            d("2011-09-20"),
            d("2011-11-08"),
            &charges,
            2,
            RoundingMode::HalfEven,
        );
        assert_eq!((s[1].fee, s[1].penalty), (Decimal::ZERO, dec("20")));
    }

    #[test]
    fn foreclosure_dates_follow_fineracts_rules() {
        let today = d("2024-03-10");
        assert_eq!(
            validate_date(d("2024-03-11"), today, d("2024-01-01")),
            Err(ForeclosureError::FutureDate)
        );
        assert_eq!(
            validate_date(d("2024-02-01"), today, d("2024-02-02")),
            Err(ForeclosureError::BeforeLastTransaction)
        );
        assert_eq!(
            validate_date(d("2024-02-02"), today, d("2024-02-02")),
            Ok(())
        );
    }
}
