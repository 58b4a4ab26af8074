//! Whole schedules: `LoanScheduleGeneratorTest` of fineract-progressive-loan and the schedule tables
//! the e2e suite (`fineract-e2e-tests-runner/src/test/resources/features/Loan.feature`) expects right
//! after disbursement. Rows are (number, due date, days, principal, interest, total, balance).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::{date, rates};
use crate::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};
use crate::loans::progressive::{
    generate_schedule, CurrencyRules, Disbursement, ProgressiveSchedule, ProgressiveTerms,
    RateTerms, ScheduleRow,
};
use crate::money::RoundingMode;

fn terms(
    start: NaiveDate,
    repayments: u32,
    rates: RateTerms,
    disbursements: &[(NaiveDate, Decimal)],
) -> ProgressiveTerms {
    ProgressiveTerms {
        currency: CurrencyRules::TWO_DECIMALS,
        rounding_mode: RoundingMode::HalfEven,
        rates,
        number_of_repayments: repayments,
        schedule_start_date: start,
        first_repayment_date: None,
        disbursements: disbursements
            .iter()
            .map(|&(date, amount)| Disbursement { date, amount })
            .collect(),
        multi_disburse: false,
        installment_amount_in_multiples_of: None,
        down_payment_percent: None,
    }
}

type Row = (u32, NaiveDate, i64, Decimal, Decimal, Decimal, Decimal);

fn installment_rows(schedule: &ProgressiveSchedule) -> Vec<Row> {
    schedule
        .installments()
        .map(|i| {
            (
                i.number,
                i.due_date,
                i.days_in_period,
                i.principal_due,
                i.interest_due,
                i.total_due,
                i.principal_loan_balance_outstanding,
            )
        })
        .collect()
}

fn row(
    number: u32,
    due: NaiveDate,
    days: i64,
    principal: Decimal,
    interest: Decimal,
    total: Decimal,
    balance: Decimal,
) -> Row {
    (number, due, days, principal, interest, total, balance)
}

/// LoanScheduleGeneratorTest.testGenerateLoanSchedule: the schedule starts on 1 Jan (submitted-on),
/// the money arrives on 15 Jan; the EMI still includes the empty first half-month's rate factor.
#[test]
fn disbursement_inside_the_first_period_keeps_a_full_period_emi() {
    let rates = rates(
        dec!(9.99),
        DaysInYear::Days360,
        DaysInMonth::Days30,
        PeriodFrequency::Months,
        1,
    );
    let schedule = generate_schedule(&terms(
        date(2024, 1, 1),
        6,
        rates,
        &[(date(2024, 1, 15), dec!(192.22))],
    ))
    .unwrap();
    let first = schedule.installments().next().unwrap();
    assert_eq!(
        (first.from_date, first.due_date),
        (date(2024, 1, 1), date(2024, 2, 1))
    );
    assert_eq!(
        installment_rows(&schedule),
        [
            row(
                1,
                date(2024, 2, 1),
                31,
                dec!(31.97),
                dec!(0.88),
                dec!(32.85),
                dec!(160.25)
            ),
            row(
                2,
                date(2024, 3, 1),
                29,
                dec!(31.52),
                dec!(1.33),
                dec!(32.85),
                dec!(128.73)
            ),
            row(
                3,
                date(2024, 4, 1),
                31,
                dec!(31.78),
                dec!(1.07),
                dec!(32.85),
                dec!(96.95)
            ),
            row(
                4,
                date(2024, 5, 1),
                30,
                dec!(32.04),
                dec!(0.81),
                dec!(32.85),
                dec!(64.91)
            ),
            row(
                5,
                date(2024, 6, 1),
                31,
                dec!(32.31),
                dec!(0.54),
                dec!(32.85),
                dec!(32.60)
            ),
            row(
                6,
                date(2024, 7, 1),
                30,
                dec!(32.60),
                dec!(0.27),
                dec!(32.87),
                dec!(0)
            ),
        ]
    );
    assert!(
        matches!(schedule.rows[0], ScheduleRow::Disbursement(d) if d.principal_disbursed == dec!(192.22))
    );
}

/// Loan.feature, "Early pay-off loan with interest, TILL_PRECLOSE product" (and the TILL_REST_FREQUENCY
/// twin): 100 at 7 %, 360/30, 6 monthly installments from 1 Jan 2024, schedule after disbursement.
#[test]
fn e2e_100_at_7_percent_360_30_six_months() {
    let rates = rates(
        dec!(7),
        DaysInYear::Days360,
        DaysInMonth::Days30,
        PeriodFrequency::Months,
        1,
    );
    let schedule = generate_schedule(&terms(
        date(2024, 1, 1),
        6,
        rates,
        &[(date(2024, 1, 1), dec!(100))],
    ))
    .unwrap();
    assert_eq!(
        installment_rows(&schedule),
        [
            row(
                1,
                date(2024, 2, 1),
                31,
                dec!(16.43),
                dec!(0.58),
                dec!(17.01),
                dec!(83.57)
            ),
            row(
                2,
                date(2024, 3, 1),
                29,
                dec!(16.52),
                dec!(0.49),
                dec!(17.01),
                dec!(67.05)
            ),
            row(
                3,
                date(2024, 4, 1),
                31,
                dec!(16.62),
                dec!(0.39),
                dec!(17.01),
                dec!(50.43)
            ),
            row(
                4,
                date(2024, 5, 1),
                30,
                dec!(16.72),
                dec!(0.29),
                dec!(17.01),
                dec!(33.71)
            ),
            row(
                5,
                date(2024, 6, 1),
                31,
                dec!(16.81),
                dec!(0.20),
                dec!(17.01),
                dec!(16.90)
            ),
            row(
                6,
                date(2024, 7, 1),
                30,
                dec!(16.90),
                dec!(0.10),
                dec!(17.00),
                dec!(0)
            ),
        ]
    );
    assert_eq!(schedule.total_principal_expected, dec!(100));
    assert_eq!(schedule.total_interest_charged, dec!(2.05));
    assert_eq!(schedule.total_repayment_expected, dec!(102.05));
    assert_eq!(schedule.loan_term_in_days, 182);
}

fn zero_interest_down_payment(
    frequency: PeriodFrequency,
    every: u32,
    repayments: u32,
    start: NaiveDate,
) -> ProgressiveTerms {
    let rates = rates(
        dec!(0),
        DaysInYear::Actual,
        DaysInMonth::Actual,
        frequency,
        every,
    );
    let mut t = terms(start, repayments, rates, &[(start, dec!(1000))]);
    t.down_payment_percent = Some(dec!(25));
    t
}

/// Loan.feature, "Verify advanced payment allocation with progressive loan schedule with multi
/// disbursement and with overpaid installment": 1000 at 0 %, 25 % down payment, 4 x 15 days.
#[test]
fn e2e_down_payment_then_every_fifteen_days() {
    let schedule = generate_schedule(&zero_interest_down_payment(
        PeriodFrequency::Days,
        15,
        4,
        date(2023, 5, 1),
    ))
    .unwrap();
    assert_eq!(
        installment_rows(&schedule),
        [
            row(
                1,
                date(2023, 5, 1),
                0,
                dec!(250),
                dec!(0),
                dec!(250),
                dec!(750)
            ),
            row(
                2,
                date(2023, 5, 16),
                15,
                dec!(187.5),
                dec!(0),
                dec!(187.5),
                dec!(562.5)
            ),
            row(
                3,
                date(2023, 5, 31),
                15,
                dec!(187.5),
                dec!(0),
                dec!(187.5),
                dec!(375)
            ),
            row(
                4,
                date(2023, 6, 15),
                15,
                dec!(187.5),
                dec!(0),
                dec!(187.5),
                dec!(187.5)
            ),
            row(
                5,
                date(2023, 6, 30),
                15,
                dec!(187.5),
                dec!(0),
                dec!(187.5),
                dec!(0)
            ),
        ]
    );
    assert!(schedule.installments().next().unwrap().down_payment);
    assert_eq!(schedule.total_repayment_expected, dec!(1000));
}

/// Loan.feature, "Verify that disbursement amount only distributed only to future installments (2nd and
/// 3rd installments)": 1000 with a 25 % down payment over 3 months, then a second tranche of 400 on the
/// first due date (its own 100 down payment; the other 300 re-amortised over the last two installments).
#[test]
fn e2e_second_tranche_on_a_due_date_goes_to_future_installments() {
    let mut t = zero_interest_down_payment(PeriodFrequency::Months, 1, 3, date(2023, 9, 1));
    let single = generate_schedule(&t).unwrap();
    assert_eq!(
        installment_rows(&single),
        [
            row(
                1,
                date(2023, 9, 1),
                0,
                dec!(250),
                dec!(0),
                dec!(250),
                dec!(750)
            ),
            row(
                2,
                date(2023, 10, 1),
                30,
                dec!(250),
                dec!(0),
                dec!(250),
                dec!(500)
            ),
            row(
                3,
                date(2023, 11, 1),
                31,
                dec!(250),
                dec!(0),
                dec!(250),
                dec!(250)
            ),
            row(
                4,
                date(2023, 12, 1),
                30,
                dec!(250),
                dec!(0),
                dec!(250),
                dec!(0)
            ),
        ]
    );
    t.multi_disburse = true;
    t.disbursements.push(Disbursement {
        date: date(2023, 10, 1),
        amount: dec!(400),
    });
    let two = generate_schedule(&t).unwrap();
    assert_eq!(
        installment_rows(&two),
        [
            row(
                1,
                date(2023, 9, 1),
                0,
                dec!(250),
                dec!(0),
                dec!(250),
                dec!(750)
            ),
            row(
                2,
                date(2023, 10, 1),
                30,
                dec!(250),
                dec!(0),
                dec!(250),
                dec!(500)
            ),
            row(
                3,
                date(2023, 10, 1),
                0,
                dec!(100),
                dec!(0),
                dec!(100),
                dec!(800)
            ),
            row(
                4,
                date(2023, 11, 1),
                31,
                dec!(400),
                dec!(0),
                dec!(400),
                dec!(400)
            ),
            row(
                5,
                date(2023, 12, 1),
                30,
                dec!(400),
                dec!(0),
                dec!(400),
                dec!(0)
            ),
        ]
    );
    assert_eq!(two.total_principal_disbursed, dec!(1400));
    assert_eq!(two.total_principal_expected, dec!(1400));
}

/// Month-end seed (spec §1.1): a first repayment on 31 Jan gives 29 Feb (2024), then 31 Mar, 30 Apr.
#[test]
fn month_end_first_repayment_date_keeps_its_day() {
    let rates = rates(
        dec!(12),
        DaysInYear::Days365,
        DaysInMonth::Actual,
        PeriodFrequency::Months,
        1,
    );
    let mut t = terms(
        date(2024, 1, 1),
        4,
        rates,
        &[(date(2024, 1, 1), dec!(1000))],
    );
    t.first_repayment_date = Some(date(2024, 1, 31));
    let dues: Vec<_> = generate_schedule(&t)
        .unwrap()
        .installments()
        .map(|i| i.due_date)
        .collect();
    assert_eq!(
        dues,
        [
            date(2024, 1, 31),
            date(2024, 2, 29),
            date(2024, 3, 31),
            date(2024, 4, 30)
        ]
    );
}

#[test]
fn yearly_repayments_are_rejected_like_fineract() {
    let rates = rates(
        dec!(12),
        DaysInYear::Days365,
        DaysInMonth::Actual,
        PeriodFrequency::Years,
        1,
    );
    let t = terms(
        date(2024, 1, 1),
        4,
        rates,
        &[(date(2024, 1, 1), dec!(1000))],
    );
    assert_eq!(
        generate_schedule(&t),
        Err(crate::loans::progressive::ProgressiveError::YearlyRepayments)
    );
}
