//! Manual entries and reversals under maker-checker: held without a line written, then written when a
//! checker approves; a repeated idempotency key answers the first answer.

use kassa_testkit::TestApp;
use serde_json::json;

use super::{accounts, entry, line, DATE};
use crate::staff::{user_with, PASSWORD};

async fn total(app: &TestApp) -> serde_json::Value {
    let page = app.get("/journalentries").send().await.expect(200).json;
    page["totalFilteredRecords"].clone()
}

#[tokio::test]
async fn a_held_manual_entry_is_written_only_when_a_checker_approves_it() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let body = entry(
            DATE,
            json!([line(a.asset, json!(1))]),
            json!([line(a.income, json!(1))]),
        );
        let first = app
            .post("/journalentries", body.clone())
            .header("Idempotency-Key", "je-1")
            .send()
            .await
            .expect(200);
        let again = app
            .post("/journalentries", body)
            .header("Idempotency-Key", "je-1")
            .send()
            .await
            .expect(200);
        assert_eq!(first.json["transactionId"], again.json["transactionId"]);
        assert_eq!(total(&app).await, 2);

        let config = app
            .get("/configurations/name/maker-checker")
            .send()
            .await
            .expect(200);
        let id = config.json["id"].as_i64().unwrap();
        app.put(&format!("/configurations/{id}"), json!({"enabled": true}))
            .send()
            .await
            .expect(200);
        app.put(
            "/permissions",
            json!({"permissions": {"CREATE_JOURNALENTRY": true}}),
        )
        .send()
        .await
        .expect(200);
        user_with(
            &app,
            "je-maker",
            1,
            &["CREATE_JOURNALENTRY", "READ_JOURNALENTRY"],
        )
        .await;
        user_with(
            &app,
            "je-checker",
            1,
            &["CREATE_JOURNALENTRY_CHECKER", "READ_JOURNALENTRY"],
        )
        .await;

        let body = entry(
            DATE,
            json!([line(a.asset, json!(42))]),
            json!([line(a.income, json!(42))]),
        );
        let held = app
            .post("/journalentries", body)
            .user("je-maker", PASSWORD)
            .send()
            .await
            .expect(200);
        let command_id = held.json["commandId"].as_i64().unwrap();
        assert_eq!(total(&app).await, 2);
        let approved = app
            .post(
                &format!("/makercheckers/{command_id}?command=approve"),
                json!({}),
            )
            .user("je-checker", PASSWORD)
            .send()
            .await
            .expect(200);
        assert!(
            approved.json["transactionId"].is_string(),
            "{}",
            approved.text
        );
        assert_eq!(total(&app).await, 4);
    }
}
