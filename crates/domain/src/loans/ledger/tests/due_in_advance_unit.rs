//! The unit tests of the two due-…-in-advance processors, replayed through `process` on a one-installment
//! loan: fineract-provider/src/test/java/.../transactionprocessor/impl/
//! DuePenFeeIntPriInAdvancePriPenFeeIntLoanRepaymentScheduleTransactionProcessorTest.java and
//! DuePenIntPriFeeInAdvancePenIntPriFeeLoanRepaymentScheduleTransactionProcessorTest.java.
//! Installment 11 July - 31 July 2023; "in advance" payments on 11 July, "on time" on 31 July.

use rust_decimal::Decimal;

use super::support::{date, loan, repayment, run, split};
use crate::loans::ledger::{ChargeDue, ScheduledInstallment};

const DUE_PFIP: &str =
    "due-penalty-fee-interest-principal-in-advance-principal-penalty-fee-interest-strategy";
const DUE_PIPF: &str =
    "due-penalty-interest-principal-fee-in-advance-penalty-interest-principal-fee-strategy";

type Four = (i64, i64, i64, i64);

/// Installment `(principal, interest, fee, penalty)`, payment amount and date, charges
/// `(days after 11 July, amount, penalty?)`, expected `(principal, interest, fee, penalty)`.
struct Case {
    name: &'static str,
    installment: Four,
    amount: i64,
    on: &'static str,
    charges: &'static [(i64, i64, bool)],
    expected: Four,
}

fn replay(code: &str, case: &Case) -> Four {
    let (principal, interest, fee, penalty) = case.installment;
    let installment = ScheduledInstallment {
        number: 1,
        from_date: date("2023-07-11"),
        due_date: date("2023-07-31"),
        principal: Decimal::from(principal),
        interest: Decimal::from(interest),
        fee: Decimal::from(fee),
        penalty: Decimal::from(penalty),
        is_down_payment: false,
    };
    let mut input = loan(
        vec![installment],
        "2023-07-11",
        &principal.to_string(),
        vec![repayment(1, case.on, &case.amount.to_string())],
    );
    input.charges = case
        .charges
        .iter()
        .map(|&(days, amount, is_penalty)| ChargeDue {
            due_date: date("2023-07-11") + chrono::Duration::days(days),
            amount: Decimal::from(amount),
            is_penalty,
        })
        .collect();
    let (p, i, f, n) = split(&run(code, &input), 1);
    let whole = |v: Decimal| i64::try_from(v).unwrap_or(-1);
    (whole(p), whole(i), whole(f), whole(n))
}

const EARLY: &str = "2023-07-11";
const ON_TIME: &str = "2023-07-31";

#[test]
fn due_penalty_fee_interest_principal_unit_cases_match_fineract() {
    let cases = [
        Case {
            name: "inAdvancePaymentOfPrincipal",
            installment: (5, 0, 0, 0),
            amount: 10,
            on: EARLY,
            charges: &[],
            expected: (5, 0, 0, 0),
        },
        Case {
            name: "inAdvancePaymentOfInterest",
            installment: (0, 5, 0, 0),
            amount: 10,
            on: EARLY,
            charges: &[],
            expected: (0, 5, 0, 0),
        },
        Case {
            name: "inAdvancePaymentOfPrincipalAndPenaltyAndFee",
            installment: (3, 0, 2, 6),
            amount: 10,
            on: EARLY,
            charges: &[],
            expected: (3, 0, 1, 6),
        },
        Case {
            name: "inAdvancePaymentOfPrincipalAndPenaltyAndFeeAndInterest",
            installment: (3, 2, 2, 4),
            amount: 10,
            on: EARLY,
            charges: &[],
            expected: (3, 1, 2, 4),
        },
        Case {
            name: "…NotEnoughOnlyForPartialPrincipal",
            installment: (3, 2, 2, 4),
            amount: 2,
            on: EARLY,
            charges: &[],
            expected: (2, 0, 0, 0),
        },
        Case {
            name: "…NotEnoughOnlyForPrincipalAndPartialPenalty",
            installment: (3, 2, 2, 4),
            amount: 4,
            on: EARLY,
            charges: &[],
            expected: (3, 0, 0, 1),
        },
        Case {
            name: "…NotEnoughOnlyForPrincipalAndPenaltyAndPartialFee",
            installment: (3, 2, 2, 4),
            amount: 8,
            on: EARLY,
            charges: &[],
            expected: (3, 0, 1, 4),
        },
        Case {
            name: "duePaymentOfPenaltyAsInAdvanceTransaction",
            installment: (3, 2, 2, 4),
            amount: 10,
            on: EARLY,
            charges: &[(0, 2, true), (1, 2, true)],
            expected: (3, 1, 2, 4),
        },
        Case {
            name: "duePaymentOfPenaltyAndFeeAsInAdvanceTransaction",
            installment: (3, 2, 2, 4),
            amount: 10,
            on: EARLY,
            charges: &[(0, 2, true), (-1, 1, false)],
            expected: (3, 1, 2, 4),
        },
        Case {
            name: "duePaymentOfHigherPenaltyAndHigherFeeAsInAdvanceTransaction",
            installment: (2, 2, 2, 4),
            amount: 10,
            on: EARLY,
            charges: &[(0, 11, true), (-1, 11, false)],
            expected: (2, 2, 2, 4),
        },
        Case {
            name: "onTime…NotEnoughOnlyForPenaltyAndPartialFee",
            installment: (3, 2, 2, 4),
            amount: 5,
            on: ON_TIME,
            charges: &[],
            expected: (0, 0, 1, 4),
        },
        Case {
            name: "onTime…NotEnoughOnlyForPenaltyAndFeeAndPartialInterest",
            installment: (3, 2, 2, 4),
            amount: 7,
            on: ON_TIME,
            charges: &[],
            expected: (0, 1, 2, 4),
        },
    ];
    for case in &cases {
        assert_eq!(replay(DUE_PFIP, case), case.expected, "{}", case.name);
    }
}

#[test]
fn due_penalty_interest_principal_fee_unit_cases_match_fineract() {
    let cases = [
        Case {
            name: "inAdvancePaymentOfPrincipalAndPenaltyAndFeeAndInterest",
            installment: (3, 2, 2, 4),
            amount: 10,
            on: EARLY,
            charges: &[],
            expected: (3, 2, 1, 4),
        },
        Case {
            name: "…NotEnoughOnlyForPartialPenalty",
            installment: (3, 2, 2, 4),
            amount: 2,
            on: EARLY,
            charges: &[],
            expected: (0, 0, 0, 2),
        },
        Case {
            name: "…NotEnoughOnlyForPenaltyAndPartialInterest",
            installment: (3, 2, 2, 4),
            amount: 5,
            on: EARLY,
            charges: &[],
            expected: (0, 1, 0, 4),
        },
        Case {
            name: "…NotEnoughOnlyForPenaltyAndInterestAndPartialPrincipal",
            installment: (3, 2, 2, 4),
            amount: 7,
            on: EARLY,
            charges: &[],
            expected: (1, 2, 0, 4),
        },
        Case {
            name: "duePaymentOfPenaltyAsInAdvanceTransaction",
            installment: (3, 2, 2, 4),
            amount: 10,
            on: EARLY,
            charges: &[(0, 2, true), (1, 2, true)],
            expected: (3, 2, 1, 4),
        },
        Case {
            name: "duePaymentOfPenaltyAndFeeAsInAdvanceTransaction",
            installment: (2, 2, 2, 4),
            amount: 10,
            on: EARLY,
            charges: &[(0, 2, true), (-1, 1, false)],
            expected: (2, 2, 2, 4),
        },
        Case {
            name: "duePaymentOfHigherPenaltyAndHigherFeeAsInAdvanceTransaction",
            installment: (2, 2, 2, 4),
            amount: 10,
            on: EARLY,
            charges: &[(0, 11, true), (-1, 11, false)],
            expected: (2, 2, 2, 4),
        },
        Case {
            name: "onTimePaymentOfPrincipalAndPenaltyAndFeeAndInterestButNotEnoughOnlyForPartialPenalty",
            installment: (3, 2, 2, 4),
            amount: 1,
            on: ON_TIME,
            charges: &[],
            expected: (0, 0, 0, 1),
        },
        Case {
            name: "onTime…NotEnoughOnlyForPenaltyAndInterestAndPartialPrincipal",
            installment: (3, 2, 2, 4),
            amount: 8,
            on: ON_TIME,
            charges: &[],
            expected: (2, 2, 0, 4),
        },
    ];
    for case in &cases {
        assert_eq!(replay(DUE_PIPF, case), case.expected, "{}", case.name);
    }
}
