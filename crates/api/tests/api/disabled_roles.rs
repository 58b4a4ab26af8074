//! A disabled role grants nothing, so it cannot be given to a user; Fineract's seeded self-service role is
//! the one exception, for self-service users only.

use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::staff::{user_with, PASSWORD};

fn new_user(username: &str, roles: Value) -> Value {
    json!({"username": username, "firstname": "Test", "lastname": "User", "officeId": 1, "roles": roles,
           "sendPasswordToEmail": false, "password": PASSWORD, "repeatPassword": PASSWORD})
}

/// A role holding READ_OFFICE, disabled while nobody holds it.
async fn disabled_role(app: &TestApp) -> i64 {
    let id = app
        .post(
            "/roles",
            json!({"name": "Retired", "description": "no longer used"}),
        )
        .send()
        .await
        .expect(200)
        .json["resourceId"]
        .as_i64()
        .unwrap();
    app.put(
        &format!("/roles/{id}/permissions"),
        json!({"permissions": {"READ_OFFICE": true}}),
    )
    .send()
    .await
    .expect(200);
    app.post(&format!("/roles/{id}?command=disable"), json!({}))
        .send()
        .await
        .expect(200);
    id
}

#[tokio::test]
async fn a_disabled_role_cannot_be_assigned_on_create_or_on_update() {
    for app in TestApp::all().await {
        let retired = disabled_role(&app).await;
        let created = app
            .post("/users", new_user("newcomer", json!([retired])))
            .send()
            .await
            .expect(403);
        assert_eq!(
            created.error_code(),
            "error.msg.role.disabled.cannot.be.assigned",
            "{}",
            app.backend
        );
        assert_eq!(created.json["errors"][0]["parameterName"], "roles");
        assert!(!app.get("/users").send().await.text.contains("newcomer"));

        user_with(&app, "holder", 1, &["READ_CLIENT"]).await;
        let holder = app
            .get("/users")
            .send()
            .await
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == "holder")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let updated = app
            .put(&format!("/users/{holder}"), json!({"roles": [retired]}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            updated.error_code(),
            "error.msg.role.disabled.cannot.be.assigned"
        );
        let roles = &app.get(&format!("/users/{holder}")).send().await.json["selectedRoles"];
        assert_eq!(roles[0]["name"], "holder role");
    }
}

#[tokio::test]
async fn the_disabled_self_service_role_is_given_to_self_service_users_only() {
    for app in TestApp::all().await {
        let mut staff = new_user("clerk", json!([2]));
        app.post("/users", staff.clone()).send().await.expect(403);
        staff["isSelfServiceUser"] = json!(true);
        let id = app.post("/users", staff).send().await.expect(200).json["resourceId"]
            .as_i64()
            .unwrap();
        // Switching self-service off would leave the user holding a disabled role.
        let r = app
            .put(&format!("/users/{id}"), json!({"isSelfServiceUser": false}))
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.role.disabled.cannot.be.assigned");
    }
}
