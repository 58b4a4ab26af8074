//! Replay from scratch (spec §5 item 14): a back-dated transaction changes later splits.

use super::support::{d, loan, repayment, run, schedule, split};

#[test]
fn a_back_dated_repayment_moves_the_split_of_a_later_one() {
    let rows = schedule(
        "2023-01-01",
        &[
            ("2023-02-01", "1000", "30"),
            ("2023-03-01", "1000", "20"),
            ("2023-04-01", "1000", "10"),
        ],
    );
    let alone = loan(
        rows.clone(),
        "2023-01-01",
        "3000",
        vec![repayment(2, "2023-02-01", "1030")],
    );
    let ledger = run("mifos-standard-strategy", &alone);
    assert_eq!(split(&ledger, 2), (d("1000"), d("30"), d("0"), d("0")));

    // The same repayment after a back-dated 500 was entered later (higher id, earlier date).
    let with_back_dated = loan(
        rows,
        "2023-01-01",
        "3000",
        vec![
            repayment(2, "2023-02-01", "1030"),
            repayment(3, "2023-01-20", "500"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &with_back_dated);
    assert_eq!(ledger.transactions[0].id, 3);
    assert_eq!(split(&ledger, 3), (d("470"), d("30"), d("0"), d("0")));
    assert_eq!(split(&ledger, 2), (d("1010"), d("20"), d("0"), d("0")));
    assert_eq!(ledger.transactions[1].outstanding_loan_balance, d("1520"));
}

#[test]
fn same_day_transactions_keep_the_callers_order() {
    let rows = schedule("2023-01-01", &[("2023-02-01", "1000", "30")]);
    let input = loan(
        rows,
        "2023-01-01",
        "1000",
        vec![
            repayment(9, "2023-02-01", "20"),
            repayment(4, "2023-02-01", "20"),
        ],
    );
    let ledger = run("mifos-standard-strategy", &input);
    assert_eq!(split(&ledger, 9), (d("0"), d("20"), d("0"), d("0")));
    assert_eq!(split(&ledger, 4), (d("10"), d("10"), d("0"), d("0")));
}
