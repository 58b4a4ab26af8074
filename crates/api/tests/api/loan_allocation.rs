//! Allocation strategies through the API, on Fineract's worked examples: the product names the strategy,
//! the schedule comes from the engine, and the repayment's portions must be Fineract's to the cent.
//! Source: fineract-e2e-tests-runner/src/test/resources/features/LoanRepayment.feature
//! (@PaymentStrategyDueInAdvance) and ../shared/spec/fineract-math.md §2.

use kassa_testkit::TestApp;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::loan_lifecycle::{command, dec, loan, pay};
use crate::loans::client;

const DUE_IN_ADVANCE: &str =
    "due-penalty-fee-interest-principal-in-advance-principal-penalty-fee-interest-strategy";

/// Flat interest, 3 monthly repayments of 3 000 at `annual_rate` %, with `strategy`.
async fn flat_loan(app: &TestApp, strategy: &str, annual_rate: u32) -> i64 {
    let product = json!({
        "name": format!("Flat {strategy} {annual_rate}"), "shortName": format!("F{annual_rate}"),
        "currencyCode": "USD", "digitsAfterDecimal": 2, "inMultiplesOf": 0,
        "principal": 3000, "numberOfRepayments": 3, "repaymentEvery": 1, "repaymentFrequencyType": 2,
        "interestRatePerPeriod": annual_rate, "interestRateFrequencyType": 3, "amortizationType": 1,
        "interestType": 1, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": strategy,
        "daysInYearType": 1, "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false,
        "locale": "en"
    });
    let product_id = app
        .post("/loanproducts", product)
        .send()
        .await
        .expect(200)
        .json["resourceId"]
        .as_i64()
        .unwrap();
    let client_id = client(app, 1, true).await;
    let application = json!({
        "clientId": client_id, "loanType": "individual", "productId": product_id, "principal": 3000,
        "loanTermFrequency": 3, "loanTermFrequencyType": 2, "numberOfRepayments": 3, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": annual_rate, "amortizationType": 1,
        "interestType": 1, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": strategy,
        "expectedDisbursementDate": "01 January 2023", "submittedOnDate": "01 January 2023",
        "dateFormat": "dd MMMM yyyy", "locale": "en"
    });
    let r = app.post("/loans", application).send().await.expect(200);
    let id = r.json["loanId"].as_i64().unwrap();
    command(
        app,
        id,
        "approve",
        json!({"approvedOnDate": "01 January 2023"}),
    )
    .await
    .expect(200);
    command(
        app,
        id,
        "disburse",
        json!({"actualDisbursementDate": "01 January 2023"}),
    )
    .await
    .expect(200);
    id
}

fn transaction(l: &Value, id: &Value) -> Value {
    l["transactions"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| &t["id"] == id))
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn due_in_advance_pays_the_due_interest_then_principal() {
    // §2: flat 3 000 @ 12 %/yr over 3 months, 500 paid on the first due date -> 30 interest, 470 principal.
    for app in TestApp::all().await {
        let id = flat_loan(&app, DUE_IN_ADVANCE, 12).await;
        let r = pay(&app, id, "repayment", "01 February 2023", json!(500))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        let t = transaction(&l, &r.json["resourceId"]);
        let ctx = format!("{}: {t}", app.backend);
        assert_eq!(dec(&t["interestPortion"]), Decimal::from(30), "{ctx}");
        assert_eq!(dec(&t["principalPortion"]), Decimal::from(470), "{ctx}");
        assert_eq!(
            dec(&t["outstandingLoanBalance"]),
            Decimal::from(2530),
            "{ctx}"
        );
    }
}

#[tokio::test]
async fn due_in_advance_sends_what_is_left_to_the_next_installments_principal() {
    // LoanRepayment.feature "due + inAdvance principal": zero interest, 1 500 on the first due date ->
    // installment 1 paid, 500 in advance on installment 2.
    for app in TestApp::all().await {
        let id = flat_loan(&app, DUE_IN_ADVANCE, 0).await;
        pay(&app, id, "repayment", "01 February 2023", json!(1500))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        let periods = &l["repaymentSchedule"]["periods"];
        let ctx = format!("{}: {periods}", app.backend);
        assert_eq!(periods[1]["complete"], true, "{ctx}");
        assert_eq!(
            dec(&periods[2]["principalPaid"]),
            Decimal::from(500),
            "{ctx}"
        );
        assert_eq!(
            dec(&periods[2]["totalPaidInAdvanceForPeriod"]),
            Decimal::from(500),
            "{ctx}"
        );
        assert_eq!(
            dec(&periods[2]["principalOutstanding"]),
            Decimal::from(500),
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["totalOutstanding"]),
            Decimal::from(1500),
            "{ctx}"
        );
    }
}

#[tokio::test]
async fn mifos_standard_pays_a_future_installments_interest_before_its_principal() {
    // §2: mifos strategy, flat 10 000 @ 1 %/month; here 3 000 @ 12 %/yr (30 interest a month): 1 100 on the
    // first due date pays installment 1 (30 + 1 000), then 30 interest and 40 principal of installment 2.
    for app in TestApp::all().await {
        let id = flat_loan(&app, "mifos-standard-strategy", 12).await;
        let r = pay(&app, id, "repayment", "01 February 2023", json!(1100))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        let t = transaction(&l, &r.json["resourceId"]);
        let ctx = format!("{}: {t}", app.backend);
        assert_eq!(dec(&t["interestPortion"]), Decimal::from(60), "{ctx}");
        assert_eq!(dec(&t["principalPortion"]), Decimal::from(1040), "{ctx}");
        let second = &l["repaymentSchedule"]["periods"][2];
        assert_eq!(
            dec(&second["interestPaid"]),
            Decimal::from(30),
            "{ctx}: {second}"
        );
        assert_eq!(
            dec(&second["principalPaid"]),
            Decimal::from(40),
            "{ctx}: {second}"
        );
    }
}

#[tokio::test]
async fn principal_first_strategy_pays_principal_before_interest() {
    // principal-interest-penalties-fees-order: 500 on the first due date -> 500 principal, no interest.
    for app in TestApp::all().await {
        let id = flat_loan(&app, "principal-interest-penalties-fees-order-strategy", 12).await;
        let r = pay(&app, id, "repayment", "01 February 2023", json!(500))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        let t = transaction(&l, &r.json["resourceId"]);
        let ctx = format!("{}: {t}", app.backend);
        assert_eq!(dec(&t["principalPortion"]), Decimal::from(500), "{ctx}");
        assert_eq!(dec(&t["interestPortion"]), Decimal::ZERO, "{ctx}");
    }
}
