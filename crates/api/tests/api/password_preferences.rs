use kassa_testkit::TestApp;
use serde_json::json;

use crate::configurations::{user_with, PASSWORD};

fn new_user(username: &str, password: &str) -> serde_json::Value {
    json!({"username": username, "firstname": "Pass", "lastname": "Word", "officeId": 1, "roles": [1],
           "sendPasswordToEmail": false, "password": password, "repeatPassword": password})
}

#[tokio::test]
async fn the_active_policy_and_every_policy_are_served() {
    for app in TestApp::all().await {
        let active = app.get("/passwordpreferences").send().await.expect(200);
        assert_eq!(
            active.json,
            json!({"id": 3, "description": "Password must be at least 12 characters and not more than 50 characters long",
                   "active": true, "key": "kassa-default"}),
            "{}",
            app.backend
        );
        let all = app
            .get("/passwordpreferences/template")
            .send()
            .await
            .expect(200);
        let keys: Vec<&str> = all
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["key"].as_str().unwrap())
            .collect();
        assert_eq!(keys, ["simple", "secure", "kassa-default"]);
    }
}

#[tokio::test]
async fn switching_the_policy_changes_what_a_new_user_may_use_as_password() {
    for app in TestApp::all().await {
        let r = app
            .post("/users", new_user("shorty", "short1"))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.user.password.does.not.match.regexp"
        );

        let switched = app
            .put("/passwordpreferences", json!({"validationPolicyId": 1}))
            .send()
            .await
            .expect(200);
        assert_eq!(
            switched.json,
            json!({"changes": {"active": true}}),
            "{}",
            app.backend
        );
        app.post("/users", new_user("shorty", "short1"))
            .send()
            .await
            .expect(200);
        assert_eq!(
            app.get("/passwordpreferences").send().await.json["key"],
            "simple"
        );
        let again = app
            .put("/passwordpreferences", json!({"validationPolicyId": 1}))
            .send()
            .await
            .expect(200);
        assert_eq!(again.json, json!({"changes": {}}));

        app.put("/passwordpreferences", json!({"validationPolicyId": 2}))
            .send()
            .await
            .expect(200);
        let r = app
            .post("/users", new_user("weakling", "alllowercase1"))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.user.password.does.not.match.regexp"
        );
        app.post("/users", new_user("strong", "Str0ngEnough"))
            .send()
            .await
            .expect(200);
        let active: Vec<bool> = app
            .get("/passwordpreferences/template")
            .send()
            .await
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["active"].as_bool().unwrap())
            .collect();
        assert_eq!(active, [false, true, false]);
    }
}

#[tokio::test]
async fn an_unknown_or_invalid_policy_is_refused() {
    for app in TestApp::all().await {
        let r = app
            .put("/passwordpreferences", json!({"validationPolicyId": 99}))
            .send()
            .await
            .expect(404);
        assert_eq!(
            r.error_code(),
            "error.msg.password.validation.policy.id.invalid"
        );
        let r = app
            .put("/passwordpreferences", json!({"validationPolicyId": 0}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.passwordpreferences.validationPolicyId.not.greater.than.zero"
        );
        let r = app
            .put("/passwordpreferences", json!({}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.passwordpreferences.validationPolicyId.cannot.be.blank"
        );
    }
}

#[tokio::test]
async fn a_user_without_password_preference_permissions_gets_403() {
    for app in TestApp::all().await {
        let reader = user_with(&app, "policy-reader", &["READ_PASSWORD_PREFERENCES"]).await;
        app.get("/passwordpreferences")
            .user(&reader, PASSWORD)
            .send()
            .await
            .expect(200);
        app.put("/passwordpreferences", json!({"validationPolicyId": 1}))
            .user(&reader, PASSWORD)
            .send()
            .await
            .expect(403);
        let nobody = user_with(&app, "no-policy", &["READ_OFFICE"]).await;
        app.get("/passwordpreferences/template")
            .user(&nobody, PASSWORD)
            .send()
            .await
            .expect(403);
    }
}
