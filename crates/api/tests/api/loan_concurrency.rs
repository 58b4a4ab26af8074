//! Repayments racing on one loan: whatever the interleaving, every accepted repayment is on the books once,
//! its portions add up to its amount, and the summary agrees with the transactions. An idempotency key
//! turns a repeated repayment into a replay of the first answer instead of a second payment.

use std::sync::Arc;

use futures::future::join_all;
use kassa_testkit::{Resp, TestApp};
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::loans::{application, setup, submit};

const CONCURRENT_REPAYMENTS: usize = 50;

fn dated(mut body: Value) -> Value {
    body["dateFormat"] = json!("dd MMMM yyyy");
    body["locale"] = json!("en");
    body
}

fn dec(v: &Value) -> Decimal {
    v.to_string()
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {v}"))
}

/// Fineract's RS02 loan (5 000 over 18 months), approved and disbursed on 1 November 2022.
async fn active_loan(app: &TestApp) -> i64 {
    let (product, client_id) = setup(app).await;
    let id = submit(app, application(product, client_id)).await;
    for (command, body) in [
        ("approve", json!({"approvedOnDate": "01 November 2022"})),
        (
            "disburse",
            json!({"actualDisbursementDate": "01 November 2022"}),
        ),
    ] {
        app.post(&format!("/loans/{id}?command={command}"), dated(body))
            .send()
            .await
            .expect(200);
    }
    id
}

fn repayment(date: &str, amount: Decimal) -> Value {
    dated(json!({"transactionDate": date, "transactionAmount": amount}))
}

async fn repay(app: &TestApp, id: i64, body: Value, key: Option<&str>) -> Resp {
    let mut req = app.post(&format!("/loans/{id}/transactions?command=repayment"), body);
    if let Some(key) = key {
        req = req.header("Idempotency-Key", key);
    }
    req.send().await
}

async fn loan(app: &TestApp, id: i64) -> Value {
    app.get(&format!("/loans/{id}?associations=all"))
        .send()
        .await
        .expect(200)
        .json
}

/// The loan's transactions other than the disbursement that are not reversed.
fn live_repayments(loan: &Value) -> Vec<Value> {
    loan["transactions"]
        .as_array()
        .expect("transactions")
        .iter()
        .filter(|t| t["type"]["disbursement"] != true && t["manuallyReversed"] != true)
        .cloned()
        .collect()
}

// A multi-threaded runtime, so that the requests really run in parallel and not only interleave at awaits.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_repayments_on_one_loan_are_all_on_the_books_exactly_once() {
    for app in TestApp::all().await {
        let app = Arc::new(app);
        let id = active_loan(&app).await;
        let amount = Decimal::from(10);
        // Dates spread over a month, so that many requests land before others already stored and the
        // replay re-splits them: the back-dated path is the one that rewrites other transactions' rows.
        let requests = (0..CONCURRENT_REPAYMENTS).map(|i| {
            let app = app.clone();
            let date = format!("{:02} December 2022", 1 + i % 28);
            tokio::spawn(async move { repay(&app, id, repayment(&date, amount), None).await })
        });
        let answers: Vec<Resp> = join_all(requests)
            .await
            .into_iter()
            .map(|r| r.expect("request task"))
            .collect();

        let ctx = app.backend;
        let unexpected: Vec<String> = answers
            .iter()
            .filter(|r| !matches!(r.status.as_u16(), 200 | 409))
            .map(|r| format!("{} {}", r.status, r.text))
            .collect();
        assert!(
            unexpected.is_empty(),
            "{ctx}: answers other than 200 or a 409 conflict: {unexpected:?}"
        );
        let accepted: Vec<&Resp> = answers.iter().filter(|r| r.status == 200).collect();
        let conflicts = answers.len() - accepted.len();
        // The pipeline retries lock conflicts; a 409 means it gave up, which these few writers should
        // never cause. It is reported here rather than tolerated silently.
        assert_eq!(
            conflicts,
            0,
            "{ctx}: {conflicts} repayments were refused with 409: {:?}",
            answers
                .iter()
                .filter(|r| r.status == 409)
                .map(|r| &r.text)
                .collect::<Vec<_>>()
        );
        let accepted_total = amount * Decimal::from(accepted.len());
        let mut accepted_ids: Vec<i64> = accepted
            .iter()
            .map(|r| {
                assert_eq!(r.json["loanId"], id, "{ctx}: {}", r.text);
                r.json["resourceId"].as_i64().expect("resourceId")
            })
            .collect();
        accepted_ids.sort_unstable();

        let l = loan(&app, id).await;
        let ctx = format!("{ctx}: {l}");
        let live = live_repayments(&l);
        let mut live_ids: Vec<i64> = live.iter().map(|t| t["id"].as_i64().unwrap()).collect();
        live_ids.sort_unstable();
        assert_eq!(
            live_ids, accepted_ids,
            "one live transaction per accepted repayment: {ctx}"
        );
        let live_total: Decimal = live.iter().map(|t| dec(&t["amount"])).sum();
        assert_eq!(live_total, accepted_total, "{ctx}");
        for t in &live {
            let portions: Decimal = [
                "principalPortion",
                "interestPortion",
                "feeChargesPortion",
                "penaltyChargesPortion",
                "overpaymentPortion",
            ]
            .iter()
            .map(|p| dec(&t[*p]))
            .sum();
            assert_eq!(
                portions,
                dec(&t["amount"]),
                "portions of transaction {} add up to its amount: {ctx}",
                t["id"]
            );
        }

        let summary = &l["summary"];
        assert_eq!(dec(&summary["totalRepayment"]), accepted_total, "{ctx}");
        // The summary is replayed on read while each transaction shows the split stored by the last write;
        // a writer that replayed without seeing a concurrent repayment would leave stale splits behind,
        // which still add up per transaction but not to the summary's totals.
        for (portion, paid) in [
            ("principalPortion", "principalPaid"),
            ("interestPortion", "interestPaid"),
            ("feeChargesPortion", "feeChargesPaid"),
            ("penaltyChargesPortion", "penaltyChargesPaid"),
        ] {
            let stored: Decimal = live.iter().map(|t| dec(&t[portion])).sum();
            assert_eq!(stored, dec(&summary[paid]), "{portion} vs {paid}: {ctx}");
        }
        assert_eq!(
            dec(&summary["principalPaid"])
                + dec(&summary["interestPaid"])
                + dec(&summary["feeChargesPaid"])
                + dec(&summary["penaltyChargesPaid"]),
            accepted_total,
            "{ctx}"
        );
        assert_eq!(
            dec(&summary["totalOutstanding"]),
            dec(&summary["totalExpectedRepayment"]) - dec(&summary["totalRepayment"]),
            "{ctx}"
        );
        assert_eq!(l["status"]["active"], true, "{ctx}");
    }
}

#[tokio::test]
async fn a_repayment_repeated_with_its_idempotency_key_is_paid_once_and_replayed() {
    for app in TestApp::all().await {
        let id = active_loan(&app).await;
        let body = repayment("01 December 2022", Decimal::from(100));
        let first = repay(&app, id, body.clone(), Some("repay-1"))
            .await
            .expect(200);
        assert!(first.header("x-served-from-cache").is_none());
        let again = repay(&app, id, body, Some("repay-1")).await.expect(200);
        assert_eq!(
            again.header("x-served-from-cache"),
            Some("true"),
            "{}",
            app.backend
        );
        assert_eq!(again.text, first.text);

        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        let live = live_repayments(&l);
        assert_eq!(live.len(), 1, "{ctx}");
        assert_eq!(live[0]["id"], first.json["resourceId"], "{ctx}");
        assert_eq!(
            dec(&l["summary"]["totalRepayment"]),
            Decimal::from(100),
            "{ctx}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_repayments_with_one_idempotency_key_pay_once() {
    for app in TestApp::all().await {
        let app = Arc::new(app);
        let id = active_loan(&app).await;
        let requests = (0..20).map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                let body = repayment("01 December 2022", Decimal::from(100));
                repay(&app, id, body, Some("raced")).await
            })
        });
        let answers: Vec<Resp> = join_all(requests)
            .await
            .into_iter()
            .map(|r| r.expect("request task"))
            .collect();
        let statuses: Vec<u16> = answers.iter().map(|r| r.status.as_u16()).collect();
        // 425: a duplicate that arrived while the first was still running (Fineract's answer too).
        assert!(
            statuses.iter().all(|s| *s == 200 || *s == 425),
            "{} {statuses:?}",
            app.backend
        );
        let bodies: Vec<&str> = answers
            .iter()
            .filter(|r| r.status == 200)
            .map(|r| r.text.as_str())
            .collect();
        assert!(!bodies.is_empty(), "{} {statuses:?}", app.backend);
        assert!(
            bodies.iter().all(|b| *b == bodies[0]),
            "{} {bodies:?}",
            app.backend
        );

        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(live_repayments(&l).len(), 1, "{ctx}");
        assert_eq!(
            dec(&l["summary"]["totalRepayment"]),
            Decimal::from(100),
            "{ctx}"
        );
    }
}
