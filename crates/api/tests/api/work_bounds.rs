//! Issue 11's work bounds: every count and span that sizes a schedule is bounded and checked before any
//! of it is computed, and the largest schedule allowed runs beside the reactor, so `/actuator/health`
//! keeps answering while the heaviest allowed requests run.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use kassa_testkit::TestApp;
use serde_json::{json, Value};

const CALCULATE: &str = "/loans?command=calculateLoanSchedule";
const MAX_REPAYMENTS: i64 = 2_000;

/// A daily product: 2,000 daily repayments is the most Kassa schedules.
async fn daily_product(app: &TestApp) -> i64 {
    let body = json!({
        "name": "Daily", "shortName": "DLY", "currencyCode": "USD", "digitsAfterDecimal": 2,
        "inMultiplesOf": 0, "principal": 100000, "numberOfRepayments": 100, "repaymentEvery": 1,
        "repaymentFrequencyType": 0, "interestRatePerPeriod": 24, "interestRateFrequencyType": 3,
        "amortizationType": 1, "interestType": 0, "interestCalculationPeriodType": 0,
        "transactionProcessingStrategyCode": "mifos-standard-strategy", "daysInYearType": 1,
        "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false, "locale": "en"
    });
    app.post("/loanproducts", body)
        .send()
        .await
        .expect(200)
        .json["resourceId"]
        .as_i64()
        .unwrap()
}

fn application(product_id: i64, repayments: i64) -> Value {
    json!({
        "productId": product_id, "principal": 100000, "loanTermFrequency": repayments,
        "loanTermFrequencyType": 0, "numberOfRepayments": repayments, "repaymentEvery": 1,
        "repaymentFrequencyType": 0, "interestRatePerPeriod": 24, "amortizationType": 1, "interestType": 0,
        "interestCalculationPeriodType": 0, "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "expectedDisbursementDate": "01 February 2024", "submittedOnDate": "01 February 2024",
        "dateFormat": "dd MMMM yyyy", "locale": "en"
    })
}

fn with(mut body: Value, changes: Value) -> Value {
    for (k, v) in changes.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

#[tokio::test]
async fn the_largest_allowed_schedule_is_computed_and_anything_larger_is_refused_before_any_work() {
    for app in TestApp::all().await {
        let product = daily_product(&app).await;
        let largest = app
            .post(CALCULATE, application(product, MAX_REPAYMENTS))
            .send()
            .await
            .expect(200);
        let periods = largest.json["periods"].as_array().unwrap();
        assert_eq!(periods.len() as i64, MAX_REPAYMENTS + 1, "{}", app.backend);

        let too_large = MAX_REPAYMENTS + 1;
        for (changes, parameter) in [
            (
                json!({"numberOfRepayments": too_large, "loanTermFrequency": too_large}),
                "numberOfRepayments",
            ),
            (
                json!({"graceOnInterestPayment": 1_000_000_000}),
                "graceOnInterestPayment",
            ),
            (
                json!({"graceOnPrincipalPayment": MAX_REPAYMENTS + 1}),
                "graceOnPrincipalPayment",
            ),
            (
                json!({"graceOnInterestCharged": 2_000_000_000}),
                "graceOnInterestCharged",
            ),
            (
                json!({"graceOnArrearsAgeing": 1_000_000_000}),
                "graceOnArrearsAgeing",
            ),
            // A century of days is 36,600; one repayment every 36,601 days is past it.
            (
                json!({"repaymentEvery": 36_601, "numberOfRepayments": 1, "loanTermFrequency": 36_601}),
                "repaymentEvery",
            ),
            (json!({"loanTermFrequency": i64::MAX}), "loanTermFrequency"),
            (
                json!({"numberOfRepayments": i64::MAX}),
                "numberOfRepayments",
            ),
            (json!({"repaymentEvery": i64::MAX}), "repaymentEvery"),
        ] {
            let refused = app
                .post(CALCULATE, with(application(product, 12), changes.clone()))
                .send()
                .await
                .expect(400);
            let errors = refused.json["errors"].as_array().unwrap();
            assert!(
                errors.iter().any(|e| e["parameterName"] == parameter
                    && e["userMessageGlobalisationCode"]
                        .as_str()
                        .unwrap()
                        .ends_with(".is.greater.than.max")),
                "{} {changes}: {}",
                app.backend,
                refused.text
            );
        }
    }
}

#[tokio::test]
async fn a_loan_product_bounds_what_sizes_a_schedule_too() {
    for app in TestApp::all().await {
        let product = daily_product(&app).await;
        for (name, value) in [
            ("numberOfRepayments", json!(MAX_REPAYMENTS + 1)),
            ("maxNumberOfRepayments", json!(i64::MAX)),
            ("repaymentEvery", json!(1_000_000_000)),
            ("graceOnInterestPayment", json!(1_000_000_000)),
            ("maxTrancheCount", json!(101)),
        ] {
            let refused = app
                .put(
                    &format!("/loanproducts/{product}"),
                    json!({ name: value, "locale": "en" }),
                )
                .send()
                .await
                .expect(400);
            assert_eq!(
                refused.json["errors"][0]["userMessageGlobalisationCode"],
                format!("validation.msg.loanproduct.{name}.is.greater.than.max"),
                "{} {name}: {}",
                app.backend,
                refused.text
            );
        }
    }
}

/// Six clients each compute the largest allowed schedule five times in a row, on a runtime of two
/// workers, while the health check is sent from a task of its own. Run on a worker, the schedules would
/// hold both workers and the health check would wait for one of them to finish; beside the reactor, it
/// answers before any has.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_answers_while_the_heaviest_allowed_schedules_are_computed() {
    let app = Arc::new(TestApp::sqlite().await);
    let product = daily_product(&app).await;
    let finished = Arc::new(AtomicUsize::new(0));
    let mut heavy = Vec::new();
    for _ in 0..6 {
        let (app, finished) = (app.clone(), finished.clone());
        heavy.push(tokio::spawn(async move {
            for _ in 0..5 {
                app.post(CALCULATE, application(product, MAX_REPAYMENTS))
                    .send()
                    .await
                    .expect(200);
            }
            finished.fetch_add(1, Ordering::SeqCst);
        }));
    }
    // Let the heavy tasks reach their computation before the health check is queued behind them.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let health = {
        let app = app.clone();
        tokio::spawn(async move {
            app.get("/fineract-provider/actuator/health")
                .send()
                .await
                .status
        })
    };
    assert_eq!(health.await.unwrap(), 200);
    assert_eq!(
        finished.load(Ordering::SeqCst),
        0,
        "health waited for a heavy client to finish"
    );
    for task in heavy {
        task.await.unwrap();
    }
}
