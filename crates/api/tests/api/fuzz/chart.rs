//! The fuzzer's fixtures and seeds for the chart of accounts: a header, a detail account below it, a rule,
//! an activity mapping and a closure, and a valid request per accounting write.

use std::collections::HashMap;

use kassa_testkit::TestApp;
use serde_json::{json, Value};

async fn id(app: &TestApp, path: &str, body: Value) -> Option<String> {
    let r = app.post(path, body).send().await;
    r.json["resourceId"].as_i64().map(|i| i.to_string())
}

/// Ids by path parameter (`glAccountId`, `accountingRuleId`, `mappingId`, `glClosureId`).
pub async fn fixtures(app: &TestApp) -> HashMap<&'static str, String> {
    let header = json!({"name": "Fuzz assets", "glCode": "FZ-1", "type": 1, "usage": 2, "manualEntriesAllowed": true});
    let parent = id(app, "/glaccounts", header)
        .await
        .and_then(|h| h.parse::<i64>().ok());
    let detail = json!({"name": "Fuzz cash", "glCode": "FZ-11", "type": 1, "usage": 1, "manualEntriesAllowed": true,
                        "parentId": parent});
    let account = id(app, "/glaccounts", detail).await;
    let account_id = account
        .as_deref()
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(1);
    let rule = json!({"officeId": 1, "name": "Fuzz rule", "accountToDebit": account_id, "accountToCredit": account_id});
    let mapping = json!({"financialActivityId": 101, "glAccountId": account_id});
    let closure = json!({"officeId": 1, "closingDate": "01 January 2020", "comments": "fuzz",
                         "dateFormat": "dd MMMM yyyy", "locale": "en"});
    let mut ids = HashMap::new();
    for (name, value) in [
        ("glAccountId", account),
        ("accountingRuleId", id(app, "/accountingrules", rule).await),
        (
            "mappingId",
            id(app, "/financialactivityaccounts", mapping).await,
        ),
        ("glClosureId", id(app, "/glclosures", closure).await),
    ] {
        ids.extend(value.map(|v| (name, v)));
    }
    ids
}

/// (method, path, body) of a valid request per accounting write.
pub fn seeds() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "post",
            "/glaccounts",
            json!({"name": "G", "glCode": "G-1", "type": "2", "usage": "1", "manualEntriesAllowed": "true",
                   "description": "d", "tagId": 1}),
        ),
        (
            "put",
            "/glaccounts/{glAccountId}",
            json!({"name": "G2", "parentId": 1, "disabled": true}),
        ),
        (
            "post",
            "/accountingrules",
            json!({"officeId": 1, "name": "R", "debitTags": [1, "2"], "creditTags": [3], "allowMultipleDebitEntries": true}),
        ),
        (
            "put",
            "/accountingrules/{accountingRuleId}",
            json!({"creditTags": [1], "name": "R2"}),
        ),
        (
            "post",
            "/financialactivityaccounts",
            json!({"financialActivityId": 200, "glAccountId": 1}),
        ),
        (
            "put",
            "/financialactivityaccounts/{mappingId}",
            json!({"financialActivityId": 100}),
        ),
        (
            "post",
            "/glclosures",
            json!({"officeId": 1, "closingDate": "02 January 2020", "comments": "c", "dateFormat": "dd MMMM yyyy",
                   "locale": "en"}),
        ),
        (
            "put",
            "/glclosures/{glClosureId}",
            json!({"comments": "c2"}),
        ),
    ]
}
