//! `kill -9` during a load of repayments on SQLite (synchronous=FULL, group commit): after a restart,
//! every repayment the server acknowledged (200 with its transaction id) is on the loan. A write is
//! answered only once the commit that carries it is on disk, so no acknowledged write can be lost.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{default_tenant_headers, get, post, Server};

const API: &str = "/fineract-provider/api/v1";
const WRITERS: usize = 8;
const LOAD_BEFORE_THE_KILL: Duration = Duration::from_millis(1500);

fn dated(mut body: Value) -> Value {
    body["dateFormat"] = json!("dd MMMM yyyy");
    body["locale"] = json!("en");
    body
}

/// POSTs `body` and returns the answer's `resourceId`.
fn create(port: u16, path: &str, body: Value) -> i64 {
    let headers = default_tenant_headers("default");
    let r = post(port, &format!("{API}{path}"), &headers, &body.to_string()).unwrap();
    assert_eq!(r.status, 200, "POST {path}: {}", r.body);
    let answer: Value = serde_json::from_str(&r.body).unwrap();
    answer["resourceId"].as_i64().unwrap()
}

fn disbursed_loan(port: u16) -> i64 {
    let product = create(
        port,
        "/loanproducts",
        json!({
            "name": "Crash", "shortName": "CRS", "currencyCode": "USD", "digitsAfterDecimal": 2,
            "inMultiplesOf": 0, "principal": 1_000_000, "numberOfRepayments": 12, "repaymentEvery": 1,
            "repaymentFrequencyType": 2, "interestRatePerPeriod": 12, "interestRateFrequencyType": 3,
            "amortizationType": 1, "interestType": 0, "interestCalculationPeriodType": 1,
            "transactionProcessingStrategyCode": "mifos-standard-strategy", "daysInYearType": 1,
            "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false,
            "locale": "en"
        }),
    );
    let client = create(
        port,
        "/clients",
        dated(json!({
            "officeId": 1, "legalFormId": 1, "firstname": "Crash", "lastname": "Test", "active": true,
            "activationDate": "01 January 2022", "submittedOnDate": "01 January 2022"
        })),
    );
    let loan = create(
        port,
        "/loans",
        dated(json!({
            "clientId": client, "loanType": "individual", "productId": product, "principal": 1_000_000,
            "loanTermFrequency": 12, "loanTermFrequencyType": 2, "numberOfRepayments": 12,
            "repaymentEvery": 1, "repaymentFrequencyType": 2, "interestRatePerPeriod": 12,
            "amortizationType": 1, "interestType": 0, "interestCalculationPeriodType": 1,
            "transactionProcessingStrategyCode": "mifos-standard-strategy",
            "expectedDisbursementDate": "15 January 2022", "submittedOnDate": "15 January 2022"
        })),
    );
    create(
        port,
        &format!("/loans/{loan}?command=approve"),
        dated(json!({"approvedOnDate": "15 January 2022"})),
    );
    create(
        port,
        &format!("/loans/{loan}?command=disburse"),
        dated(json!({"actualDisbursementDate": "15 January 2022"})),
    );
    loan
}

#[test]
fn every_acknowledged_repayment_survives_a_kill_9_during_load() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut server = Server::start(&data, &[]);
    server.wait_http();
    let port = server.port;
    let loan = disbursed_loan(port);

    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let stop_at = Instant::now() + LOAD_BEFORE_THE_KILL;
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            let acknowledged = acknowledged.clone();
            std::thread::spawn(move || {
                let headers = default_tenant_headers("default");
                let path = format!("{API}/loans/{loan}/transactions?command=repayment");
                let body =
                    dated(json!({"transactionDate": "15 February 2022", "transactionAmount": 1}))
                        .to_string();
                // Writers keep going past the kill: the requests in flight then are the ones at risk.
                while Instant::now() < stop_at + Duration::from_millis(500) {
                    let Ok(r) = post(port, &path, &headers, &body) else {
                        break;
                    };
                    if r.status == 200 {
                        let answer: Value = serde_json::from_str(&r.body).unwrap();
                        acknowledged
                            .lock()
                            .unwrap()
                            .push(answer["resourceId"].as_i64().unwrap());
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(LOAD_BEFORE_THE_KILL);
    server.kill_9();
    for writer in writers {
        writer.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 20,
        "only {} repayments were acknowledged before the kill; the test tested too little",
        acknowledged.len()
    );

    let mut restarted = Server::start(&data, &[]);
    restarted.wait_http();
    let r = get(
        restarted.port,
        &format!("{API}/loans/{loan}?associations=transactions"),
        &default_tenant_headers("default"),
    )
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    let after: Value = serde_json::from_str(&r.body).unwrap();
    let on_the_loan: Vec<i64> = after["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["id"].as_i64())
        .collect();
    let lost: Vec<&i64> = acknowledged
        .iter()
        .filter(|id| !on_the_loan.contains(id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged repayments are gone after kill -9: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
}
