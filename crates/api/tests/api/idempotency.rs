use std::sync::Arc;

use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::staff::{user_with, PASSWORD};

fn office(name: &str) -> Value {
    json!({"name": name, "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

async fn office_count(app: &TestApp) -> usize {
    app.get("/offices")
        .send()
        .await
        .json
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_repeated_key_replays_the_first_answer_byte_for_byte() {
    for app in TestApp::all().await {
        let first = app
            .post("/offices", office("Once"))
            .header("Idempotency-Key", "k-1")
            .send()
            .await
            .expect(200);
        assert!(first.header("x-served-from-cache").is_none());
        let again = app
            .post("/offices", office("Once"))
            .header("Idempotency-Key", "k-1")
            .send()
            .await
            .expect(200);
        assert_eq!(again.header("x-served-from-cache"), Some("true"));
        assert_eq!(again.text, first.text);
        assert_eq!(office_count(&app).await, 2, "{}", app.backend);
    }
}

#[tokio::test]
async fn a_key_reused_with_a_different_body_is_a_409_and_changes_nothing() {
    for app in TestApp::all().await {
        app.post("/offices", office("First"))
            .header("Idempotency-Key", "same")
            .send()
            .await
            .expect(200);
        let other_body = app
            .post("/offices", office("Second"))
            .header("Idempotency-Key", "same")
            .send()
            .await
            .expect(409);
        assert_eq!(
            other_body.json["userMessageGlobalisationCode"],
            "error.msg.idempotency.key.reused.with.different.body",
            "{}",
            app.backend
        );
        assert_eq!(
            other_body.error_code(),
            "error.msg.idempotency.key.reused.with.different.body"
        );
        assert!(other_body.header("x-served-from-cache").is_none());
        assert_eq!(office_count(&app).await, 2, "{}", app.backend);
        // The same key sent to another place is another request.
        app.put("/offices/2", json!({"name": "Renamed"}))
            .header("Idempotency-Key", "same")
            .send()
            .await
            .expect(200);
        assert_eq!(app.get("/offices/2").send().await.json["name"], "Renamed");
    }
}

#[tokio::test]
async fn a_key_used_by_one_user_never_replays_that_users_answer_to_another() {
    for app in TestApp::all().await {
        let branch_a = app
            .post("/offices", office("Branch A"))
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        user_with(&app, "clerk-a", branch_a, &["CREATE_OFFICE"]).await;
        let admins = app
            .post("/offices", office("Admin's office"))
            .header("Idempotency-Key", "shared-key")
            .send()
            .await
            .expect(200);
        let mut clerks_body = office("Clerk's office");
        clerks_body["parentId"] = json!(branch_a);
        let clerks = app
            .post("/offices", clerks_body)
            .user("clerk-a", PASSWORD)
            .header("Idempotency-Key", "shared-key")
            .send()
            .await
            .expect(200);
        assert!(
            clerks.header("x-served-from-cache").is_none(),
            "{}",
            app.backend
        );
        assert_ne!(clerks.json["resourceId"], admins.json["resourceId"]);
        let created = app
            .get(&format!("/offices/{}", clerks.json["resourceId"]))
            .send()
            .await
            .expect(200);
        assert_eq!(created.json["name"], "Clerk's office");
        // Each user's retry replays its own answer.
        let mut retry = office("Clerk's office");
        retry["parentId"] = json!(branch_a);
        let again = app
            .post("/offices", retry)
            .user("clerk-a", PASSWORD)
            .header("Idempotency-Key", "shared-key")
            .send()
            .await
            .expect(200);
        assert_eq!(again.header("x-served-from-cache"), Some("true"));
        assert_eq!(again.text, clerks.text);
        let admin_again = app
            .post("/offices", office("Admin's office"))
            .header("Idempotency-Key", "shared-key")
            .send()
            .await
            .expect(200);
        assert_eq!(admin_again.text, admins.text);
    }
}

#[tokio::test]
async fn a_failed_keyed_command_replays_its_error() {
    for app in TestApp::all().await {
        app.post("/offices", office("Taken"))
            .send()
            .await
            .expect(200);
        let first = app
            .post("/offices", office("Taken"))
            .header("Idempotency-Key", "dup")
            .send()
            .await
            .expect(403);
        let again = app
            .post("/offices", office("Taken"))
            .header("Idempotency-Key", "dup")
            .send()
            .await
            .expect(403);
        assert_eq!(again.header("x-served-from-cache"), Some("true"));
        assert_eq!(again.text, first.text);
    }
}

#[tokio::test]
async fn a_key_longer_than_fifty_characters_is_a_400() {
    for app in TestApp::all().await {
        app.post("/offices", office("Long"))
            .header("Idempotency-Key", &"k".repeat(51))
            .send()
            .await
            .expect(400);
        assert_eq!(office_count(&app).await, 1);
    }
}

#[tokio::test]
async fn the_header_name_is_configurable() {
    let config = kassa_api::ApiConfig {
        idempotency_header: "X-Request-Key".into(),
        ..Default::default()
    };
    for app in TestApp::all_with(kassa_testkit::test_settings(), config).await {
        app.post("/offices", office("Custom"))
            .header("X-Request-Key", "abc")
            .send()
            .await
            .expect(200);
        let again = app
            .post("/offices", office("Custom"))
            .header("X-Request-Key", "abc")
            .send()
            .await
            .expect(200);
        assert_eq!(again.header("x-served-from-cache"), Some("true"));
    }
}

#[tokio::test]
async fn a_hundred_concurrent_requests_with_one_key_create_exactly_one_office() {
    for app in TestApp::all().await {
        let app = Arc::new(app);
        let mut tasks = Vec::new();
        for _ in 0..100 {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                app.post("/offices", office("Raced"))
                    .header("Idempotency-Key", "race-1")
                    .send()
                    .await
                    .status
                    .as_u16()
            }));
        }
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        assert!(
            statuses.iter().all(|s| *s == 200 || *s == 425),
            "{} {statuses:?}",
            app.backend
        );
        assert!(statuses.contains(&200));
        assert_eq!(
            office_count(&app).await,
            2,
            "exactly one office was created ({})",
            app.backend
        );
        let audits = app
            .get("/audits?actionName=CREATE&entityName=OFFICE")
            .send()
            .await
            .json;
        assert_eq!(audits.as_array().unwrap().len(), 1);
    }
}
