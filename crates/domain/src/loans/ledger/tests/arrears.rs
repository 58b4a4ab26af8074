//! Arrears (LoanArrearsAgeingUpdateHandler: incomplete installments due before business date minus
//! graceOnArrearsAgeing; LoanReadPlatformServiceImpl: inArrears = overdueSinceDate != null).

use super::support::{d, date, loan, repayment, run, schedule};
use crate::loans::ledger::arrears;

fn ledger() -> crate::loans::ledger::Ledger {
    let rows = schedule(
        "2023-01-01",
        &[
            ("2023-02-01", "1000", "30"),
            ("2023-03-01", "1000", "20"),
            ("2023-04-01", "1000", "10"),
        ],
    );
    run(
        "mifos-standard-strategy",
        &loan(
            rows,
            "2023-01-01",
            "3000",
            vec![repayment(1, "2023-02-01", "530")],
        ),
    )
}

#[test]
fn an_installment_is_not_overdue_on_its_due_date() {
    let a = arrears(&ledger(), date("2023-02-01"), 0);
    assert_eq!(a.total_overdue, d("0"));
    assert!(!a.in_arrears);
    assert_eq!(a.overdue_since, None);
}

#[test]
fn the_day_after_the_due_date_the_unpaid_part_is_overdue() {
    let a = arrears(&ledger(), date("2023-03-02"), 0);
    assert_eq!(a.overdue.principal, d("1500"));
    assert_eq!(a.overdue.interest, d("20"));
    assert_eq!(a.total_overdue, d("1520"));
    assert_eq!(a.overdue_since, Some(date("2023-02-01")));
    assert!(a.in_arrears);
    assert_eq!(a.past_due_days, 29);
    assert_eq!(a.delinquent_days, 29);
}

#[test]
fn grace_on_arrears_ageing_delays_arrears() {
    let within = arrears(&ledger(), date("2023-02-04"), 3);
    assert!(!within.in_arrears);
    assert_eq!(within.total_overdue, d("0"));
    assert_eq!(within.past_due_days, 3);
    assert_eq!(within.delinquent_days, 0);

    let after = arrears(&ledger(), date("2023-02-05"), 3);
    assert!(after.in_arrears);
    assert_eq!(after.total_overdue, d("500"));
    assert_eq!(after.delinquent_days, 1);
}

/// COB.feature: the e2e default loan (1 000, one installment 30 days after disbursement, 0 %,
/// graceOnArrearsAgeing 3). Disbursed 1 July 2023 and unpaid, the COB for 8 August puts it in RANGE_3
/// (4-30 delinquent days) with delinquentDate 2023-08-03; the (skipped) 2022 scenario gives RANGE_1 on
/// 4 February 2022 with delinquentDate 2022-02-03.
#[test]
fn e2e_default_loan_delinquency_days_subtract_the_grace() {
    for (disbursed, due, business, delinquent_days, delinquent_on) in [
        ("2023-07-01", "2023-07-31", "2023-08-08", 5, "2023-08-03"),
        ("2022-01-01", "2022-01-31", "2022-02-04", 1, "2022-02-03"),
    ] {
        let rows = schedule(disbursed, &[(due, "1000", "0")]);
        let ledger = run(
            "mifos-standard-strategy",
            &loan(rows, disbursed, "1000", vec![]),
        );
        let a = arrears(&ledger, date(business), 3);
        assert_eq!(a.delinquent_days, delinquent_days);
        assert_eq!(a.delinquent_on, Some(date(delinquent_on)));
        assert!(a.in_arrears);
        assert_eq!(a.overdue_since, Some(date(due)));
        assert_eq!(a.total_overdue, d("1000"));
    }
}
