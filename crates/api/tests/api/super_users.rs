//! The tenant never loses its last super user: an enabled, live user holding ALL_FUNCTIONS through an
//! enabled role who can log in. On a fresh tenant that is mifos alone: interopUser is in role 1 too, but
//! no password opens it (as in Fineract's seed).

use kassa_testkit::TestApp;
use serde_json::json;

use crate::staff::{user_with, PASSWORD};

const LAST_SUPER_USER: &str = "error.msg.user.last.super.user";

/// The id of `username`, as listed to `caller` (mifos may be gone).
async fn id_of(app: &TestApp, (caller, password): (&str, &str), username: &str) -> i64 {
    let users = app.get("/users").user(caller, password).send().await.json;
    users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == username)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

const MIFOS: (&str, &str) = ("mifos", "password");

#[tokio::test]
async fn on_a_fresh_tenant_the_only_administrator_cannot_be_deleted() {
    for app in TestApp::all().await {
        let r = app.delete("/users/1").send().await.expect(403);
        assert_eq!(r.error_code(), LAST_SUPER_USER, "{}", app.backend);
        // interopUser, who no password opens, may go.
        app.delete("/users/3").send().await.expect(200);
    }
}

#[tokio::test]
async fn deleting_the_last_super_user_is_refused_and_the_tenant_stays_administrable() {
    for app in TestApp::all().await {
        let r = app.delete("/users/1").send().await.expect(403);
        assert_eq!(r.error_code(), LAST_SUPER_USER, "{}", app.backend);
        app.get("/users/1").send().await.expect(200);
        app.post(
            "/offices",
            json!({"name": "Still here", "parentId": 1, "openingDate": "01 January 2020",
                                     "dateFormat": "dd MMMM yyyy", "locale": "en"}),
        )
        .send()
        .await
        .expect(200);
    }
}

#[tokio::test]
async fn taking_the_super_user_role_from_its_last_holder_is_refused() {
    for app in TestApp::all().await {
        user_with(&app, "reader", 1, &["READ_OFFICE"]).await;
        let readers = app
            .get(&format!("/users/{}", id_of(&app, MIFOS, "reader").await))
            .send()
            .await
            .json["selectedRoles"][0]["id"]
            .as_i64()
            .unwrap();
        let r = app
            .put("/users/1", json!({"roles": [readers]}))
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), LAST_SUPER_USER, "{}", app.backend);
        let roles = &app.get("/users/1").send().await.json["selectedRoles"];
        assert_eq!(roles[0]["id"], 1);
    }
}

#[tokio::test]
async fn revoking_all_functions_from_the_last_super_user_role_is_refused() {
    for app in TestApp::all().await {
        let r = app
            .put(
                "/roles/1/permissions",
                json!({"permissions": {"ALL_FUNCTIONS": false}}),
            )
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), LAST_SUPER_USER, "{}", app.backend);
        app.get("/offices").send().await.expect(200);
    }
}

#[tokio::test]
async fn disabling_or_deleting_the_super_user_role_is_refused_while_it_has_users() {
    for app in TestApp::all().await {
        let r = app
            .post("/roles/1?command=disable", json!({}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.role.associated.with.users.disabled"
        );
        app.delete("/roles/1").send().await.expect(403);
        app.get("/offices").send().await.expect(200);
    }
}

#[tokio::test]
async fn with_a_second_super_user_the_first_may_go() {
    for app in TestApp::all().await {
        app.post(
            "/users",
            json!({"username": "heir", "firstname": "Heir", "lastname": "Apparent", "officeId": 1,
                                   "roles": [1], "sendPasswordToEmail": false, "password": PASSWORD, "repeatPassword": PASSWORD}),
        )
        .send()
        .await
        .expect(200);
        app.delete("/users/1").send().await.expect(200);
        let heir = id_of(&app, ("heir", PASSWORD), "heir").await;
        let r = app
            .delete(&format!("/users/{heir}"))
            .user("heir", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), LAST_SUPER_USER, "{}", app.backend);
    }
}

#[tokio::test]
async fn a_super_user_through_a_disabled_role_does_not_count() {
    for app in TestApp::all().await {
        // The seeded self-service role is disabled; a self-service user may still hold it.
        app.put(
            "/roles/2/permissions",
            json!({"permissions": {"ALL_FUNCTIONS": true}}),
        )
        .send()
        .await
        .expect(200);
        app.post(
            "/users",
            json!({"username": "selfie", "firstname": "Self", "lastname": "Service", "officeId": 1,
                                   "roles": [2], "isSelfServiceUser": true,
                                   "sendPasswordToEmail": false, "password": PASSWORD, "repeatPassword": PASSWORD}),
        )
        .send()
        .await
        .expect(200);
        let r = app.delete("/users/1").send().await.expect(403);
        assert_eq!(r.error_code(), LAST_SUPER_USER, "{}", app.backend);
    }
}
