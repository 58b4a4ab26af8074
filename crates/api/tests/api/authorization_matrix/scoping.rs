//! Who sees what besides permissions: a sibling office's objects do not exist for a user, a disabled role
//! grants nothing, and an idempotency key belongs to the user who sent it.

use kassa_testkit::TestApp;
use serde_json::json;

use super::fixtures::{sibling_offices, user_id};
use crate::client_identifiers::client;
use crate::loans::{application, product, submit};
use crate::staff::{user_with, PASSWORD};

const READS: &[&str] = &["READ_CLIENT", "READ_LOAN", "READ_STAFF", "READ_USER"];

#[tokio::test]
async fn a_user_of_a_sibling_office_gets_404_for_the_other_offices_clients_loans_staff_and_users() {
    for app in TestApp::all().await {
        let (a, b) = sibling_offices(&app).await;
        let client_a = client(&app, a, "Ada", "Alpha").await;
        let product_id = app
            .post("/loanproducts", product())
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let mut loan = application(product_id, client_a);
        loan["submittedOnDate"] = json!("01 February 2024");
        loan["expectedDisbursementDate"] = json!("01 February 2024");
        let loan_a = submit(&app, loan).await;
        let staff = json!({"officeId": a, "firstname": "Sam", "lastname": "Alpha", "joiningDate": "01 March 2020",
                           "dateFormat": "dd MMMM yyyy", "locale": "en"});
        let staff_a = app.post("/staff", staff).send().await.expect(200).json["resourceId"]
            .as_i64()
            .unwrap();
        user_with(&app, "reader-a", a, READS).await;
        user_with(&app, "reader-b", b, READS).await;
        let user_a = user_id(&app, "reader-a").await;
        let paths = [
            format!("/clients/{client_a}"),
            format!("/loans/{loan_a}"),
            format!("/staff/{staff_a}"),
            format!("/users/{user_a}"),
        ];
        for path in &paths {
            let own = app.get(path).user("reader-a", PASSWORD).send().await;
            assert_eq!(
                own.status, 200,
                "{} reader-a {path}: {}",
                app.backend, own.text
            );
            let other = app.get(path).user("reader-b", PASSWORD).send().await;
            assert_eq!(
                other.status, 404,
                "{} reader-b {path}: {}",
                app.backend, other.text
            );
        }
    }
}

#[tokio::test]
async fn a_disabled_role_grants_nothing() {
    for app in TestApp::all().await {
        // The seeded self-service role is disabled and may still be held (by self-service users only).
        let grant = json!({"permissions": {"READ_OFFICE": true, "CREATE_OFFICE": true}});
        app.put("/roles/2/permissions", grant)
            .send()
            .await
            .expect(200);
        app.post("/users", json!({"username": "selfie", "firstname": "Self", "lastname": "Service",
                                   "officeId": 1, "roles": [2], "isSelfServiceUser": true,
                                   "sendPasswordToEmail": false, "password": PASSWORD, "repeatPassword": PASSWORD}))
            .send()
            .await
            .expect(200);
        let login = json!({"username": "selfie", "password": PASSWORD});
        let r = app
            .post("/authentication", login)
            .without("Authorization")
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["roles"][0]["id"], 2, "{}", app.backend);
        assert_eq!(r.json["permissions"], json!([]), "{}", app.backend);
    }
}

#[tokio::test]
async fn an_idempotency_key_never_crosses_from_one_user_to_another() {
    for app in TestApp::all().await {
        user_with(&app, "user-x", 1, &["CREATE_OFFICE"]).await;
        user_with(&app, "user-y", 1, &["CREATE_OFFICE"]).await;
        let mut answers = Vec::new();
        for user in ["user-x", "user-y"] {
            let body = json!({"name": format!("Office of {user}"), "parentId": 1, "openingDate": "01 January 2020",
                              "dateFormat": "dd MMMM yyyy", "locale": "en"});
            let first = app
                .post("/offices", body.clone())
                .user(user, PASSWORD)
                .header("Idempotency-Key", "one-key")
                .send()
                .await
                .expect(200);
            assert!(
                first.header("x-served-from-cache").is_none(),
                "{} {user}",
                app.backend
            );
            let again = app
                .post("/offices", body)
                .user(user, PASSWORD)
                .header("Idempotency-Key", "one-key")
                .send()
                .await
                .expect(200);
            assert_eq!(again.header("x-served-from-cache"), Some("true"));
            assert_eq!(again.text, first.text);
            answers.push(first.json["resourceId"].clone());
        }
        assert_ne!(answers[0], answers[1], "{}", app.backend);
    }
}
