//! The fuzzer's fixture and seeds for journal entries: a manual entry on the chart's detail account, and a
//! valid request per journal entry write and read.

use std::collections::HashMap;

use kassa_testkit::TestApp;
use serde_json::{json, Value};

use super::seeds::{Fixtures, Seed};

fn manual(account: i64, amount: Value) -> Value {
    json!({"officeId": 1, "transactionDate": "01 July 2024", "dateFormat": "dd MMMM yyyy", "locale": "en",
           "currencyCode": "USD", "comments": "fuzz", "referenceNumber": "F-1", "paymentTypeId": 1,
           "debits": [{"glAccountId": account, "amount": amount.clone()}],
           "credits": [{"glAccountId": account, "amount": amount, "comments": "line"}]})
}

/// `journalEntryId`: the transaction id of a manual entry on the chart's account (`glAccountId`).
pub async fn fixtures(
    app: &TestApp,
    chart: &HashMap<&'static str, String>,
) -> HashMap<&'static str, String> {
    let account = chart
        .get("glAccountId")
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(1);
    let r = app
        .post("/journalentries", manual(account, json!(12.5)))
        .send()
        .await;
    let mut ids = HashMap::new();
    if let Some(tid) = r.json["transactionId"].as_str() {
        ids.insert("journalEntryId", tid.to_string());
    }
    ids
}

pub fn seeds(fixtures: &Fixtures) -> Vec<Seed> {
    let account = fixtures
        .value("/glaccounts/{glAccountId}", "glAccountId")
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(1);
    let seed = |method, path, query, body| Seed {
        method,
        path,
        query,
        body,
    };
    vec![
        seed("post", "/journalentries", "", manual(account, json!(3))),
        seed(
            "post",
            "/journalentries",
            "command=defineOpeningBalance",
            manual(account, json!("4")),
        ),
        seed(
            "post",
            "/journalentries/{journalEntryId}",
            "command=reverse",
            json!({"comments": "fuzzed reversal"}),
        ),
        seed(
            "get",
            "/journalentries",
            "glAccountId=1&fromDate=01%20July%202024&dateFormat=dd%20MMMM%20yyyy&locale=en&runningBalance=true&limit=5&orderBy=amount&sortOrder=DESC",
            Value::Null,
        ),
        seed(
            "get",
            "/journalentries/openingbalance",
            "officeId=1&currencyCode=USD",
            Value::Null,
        ),
    ]
}
