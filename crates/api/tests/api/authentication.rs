use kassa_testkit::TestApp;
use serde_json::json;

#[tokio::test]
async fn authentication_returns_fineracts_exact_shape_for_mifos() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/authentication",
                json!({"username": "mifos", "password": "password"}),
            )
            .without("Authorization")
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"username": "mifos", "userId": 1, "base64EncodedAuthenticationKey": "bWlmb3M6cGFzc3dvcmQ=",
                   "authenticated": true, "officeId": 1, "officeName": "Head Office",
                   "roles": [{"id": 1, "name": "Super user", "description": "This role provides all application permissions.", "disabled": false}],
                   "permissions": ["ALL_FUNCTIONS"], "shouldRenewPassword": false,
                   "isTwoFactorAuthenticationRequired": false}),
            "{}",
            app.backend
        );
    }
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_401() {
    for app in TestApp::all().await {
        let wrong = app
            .post(
                "/authentication",
                json!({"username": "mifos", "password": "nope"}),
            )
            .send()
            .await
            .expect(401);
        let unknown = app
            .post(
                "/authentication",
                json!({"username": "ghost", "password": "nope"}),
            )
            .send()
            .await
            .expect(401);
        assert_eq!(wrong.json, unknown.json);
        assert_eq!(
            wrong.json["userMessageGlobalisationCode"],
            "error.msg.not.authenticated"
        );
        assert!(wrong.header("www-authenticate").is_none());
    }
}

#[tokio::test]
async fn authentication_without_a_password_is_a_400_not_a_500() {
    for app in TestApp::all().await {
        let r = app
            .post("/authentication", json!({"username": "mifos"}))
            .send()
            .await
            .expect(400);
        assert_eq!(r.json["errors"][0]["parameterName"], "password");
    }
}

#[tokio::test]
async fn basic_auth_is_checked_on_every_api_request() {
    for app in TestApp::all().await {
        app.get("/offices").send().await.expect(200);
        app.get("/offices")
            .user("mifos", "wrong")
            .send()
            .await
            .expect(401);
        app.get("/offices")
            .user("nobody", "password")
            .send()
            .await
            .expect(401);
        let r = app
            .get("/offices")
            .without("Authorization")
            .send()
            .await
            .expect(401);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.not.authenticated"
        );
    }
}

#[tokio::test]
async fn seeded_users_other_than_mifos_cannot_log_in_with_password() {
    for app in TestApp::all().await {
        app.get("/offices")
            .user("interopUser", "password")
            .send()
            .await
            .expect(401);
        app.get("/offices")
            .user("system", "password")
            .send()
            .await
            .expect(401);
    }
}

#[tokio::test]
async fn an_expired_password_must_be_renewed_before_anything_else() {
    for app in TestApp::all().await {
        let password = "correct-horse-battery";
        let created = app
            .post(
                "/users",
                json!({"username": "aging", "firstname": "A", "lastname": "Ging", "officeId": 1,
                                   "roles": [1], "sendPasswordToEmail": false,
                                   "password": password, "repeatPassword": password}),
            )
            .send()
            .await
            .expect(200);
        let user_id = created.json["resourceId"].as_i64().unwrap();
        // The seeded administrator's password dates from 2009: exempt it, or it would have to be renewed too.
        app.put("/users/1", json!({"passwordNeverExpires": true}))
            .send()
            .await
            .expect(200);
        app.put(
            "/configurations/name/force-password-reset-days",
            json!({"enabled": true, "value": 30}),
        )
        .send()
        .await
        .expect(200);
        app.put(
            "/configurations/name/enable-business-date",
            json!({"enabled": true}),
        )
        .send()
        .await
        .expect(200);
        let later = (chrono::Utc::now().date_naive() + chrono::Days::new(60))
            .format("%Y-%m-%d")
            .to_string();
        app.post("/businessdate", json!({"type": "BUSINESS_DATE", "date": later, "dateFormat": "yyyy-MM-dd", "locale": "en"}))
            .send()
            .await
            .expect(200);

        let login = app
            .post(
                "/authentication",
                json!({"username": "aging", "password": password}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(login.json["shouldRenewPassword"], true, "{}", app.backend);
        let blocked = app
            .get("/offices")
            .user("aging", password)
            .send()
            .await
            .expect(400);
        assert_eq!(blocked.error_code(), "error.msg.password.outdated");

        let renewed = "a-brand-new-passphrase";
        app.put(
            &format!("/users/{user_id}"),
            json!({"password": renewed, "repeatPassword": renewed}),
        )
        .user("aging", password)
        .send()
        .await
        .expect(200);
        app.get("/offices")
            .user("aging", renewed)
            .send()
            .await
            .expect(200);
        let login = app
            .post(
                "/authentication",
                json!({"username": "aging", "password": renewed}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(login.json["shouldRenewPassword"], false);
        app.get("/offices").send().await.expect(200);
    }
}
