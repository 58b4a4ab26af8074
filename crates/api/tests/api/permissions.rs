use kassa_testkit::TestApp;
use serde_json::json;

/// Creates a role holding exactly `codes` and a user with that role; returns the username.
async fn service_account(app: &TestApp, name: &str, codes: &[&str]) -> String {
    let role = app
        .post(
            "/roles",
            json!({"name": format!("{name} role"), "description": "integration"}),
        )
        .send()
        .await
        .expect(200);
    let role_id = role.json["resourceId"].as_i64().unwrap();
    let perms: serde_json::Map<String, serde_json::Value> =
        codes.iter().map(|c| (c.to_string(), json!(true))).collect();
    app.put(
        &format!("/roles/{role_id}/permissions"),
        json!({"permissions": perms}),
    )
    .send()
    .await
    .expect(200);
    app.post("/users", json!({"username": name, "firstname": "Service", "lastname": "Account", "officeId": 1,
                              "roles": [role_id], "sendPasswordToEmail": false,
                              "password": "correct-horse-battery", "repeatPassword": "correct-horse-battery"}))
        .send().await.expect(200);
    name.to_string()
}

#[tokio::test]
async fn a_read_only_service_account_lists_offices_but_cannot_create_one() {
    for app in TestApp::all().await {
        let user = service_account(&app, "reader", &["READ_OFFICE"]).await;
        let list = app
            .get("/offices")
            .user(&user, "correct-horse-battery")
            .send()
            .await
            .expect(200);
        assert_eq!(list.json[0]["name"], "Head Office");
        let body = json!({"name": "Nope", "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"});
        let denied = app
            .post("/offices", body)
            .user(&user, "correct-horse-battery")
            .send()
            .await
            .expect(403);
        assert_eq!(
            denied.json["userMessageGlobalisationCode"], "error.msg.not.authorized",
            "{}",
            app.backend
        );
        assert_eq!(
            denied.json["errors"][0]["defaultUserMessage"],
            "User has no authority to: CREATE_OFFICE"
        );
    }
}

#[tokio::test]
async fn a_user_without_read_office_gets_403_on_the_office_list() {
    for app in TestApp::all().await {
        let user = service_account(&app, "clientsonly", &["READ_CLIENT"]).await;
        let denied = app
            .get("/offices")
            .user(&user, "correct-horse-battery")
            .send()
            .await
            .expect(403);
        assert_eq!(
            denied.json["errors"][0]["defaultUserMessage"],
            "User has no authority to READ offices"
        );
    }
}

#[tokio::test]
async fn a_permission_denied_write_is_refused_before_its_body_is_read() {
    for app in TestApp::all().await {
        let user = service_account(&app, "reader2", &["READ_OFFICE"]).await;
        app.post("/offices", json!({"bogus": 1}))
            .user(&user, "correct-horse-battery")
            .send()
            .await
            .expect(403);
    }
}

#[tokio::test]
async fn all_functions_read_reads_everything_and_writes_nothing() {
    for app in TestApp::all().await {
        let user = service_account(&app, "auditor", &["ALL_FUNCTIONS_READ"]).await;
        app.get("/offices")
            .user(&user, "correct-horse-battery")
            .send()
            .await
            .expect(200);
        app.get("/audits")
            .user(&user, "correct-horse-battery")
            .send()
            .await
            .expect(200);
        let body = json!({"name": "Nope", "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"});
        app.post("/offices", body)
            .user(&user, "correct-horse-battery")
            .send()
            .await
            .expect(403);
    }
}

#[tokio::test]
async fn a_branch_user_sees_only_its_office_subtree() {
    for app in TestApp::all().await {
        let mk = |name: &str, parent: i64| json!({"name": name, "parentId": parent, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"});
        app.post("/offices", mk("North", 1))
            .send()
            .await
            .expect(200); // 2
        app.post("/offices", mk("South", 1))
            .send()
            .await
            .expect(200); // 3
        app.post("/offices", mk("North East", 2))
            .send()
            .await
            .expect(200); // 4
        let role = app
            .post(
                "/roles",
                json!({"name": "Branch staff", "description": "b"}),
            )
            .send()
            .await
            .expect(200);
        let role_id = role.json["resourceId"].as_i64().unwrap();
        app.put(
            &format!("/roles/{role_id}/permissions"),
            json!({"permissions": {"READ_OFFICE": true, "CREATE_OFFICE": true}}),
        )
        .send()
        .await
        .expect(200);
        app.post("/users", json!({"username": "northie", "firstname": "N", "lastname": "Orth", "officeId": 2, "roles": [role_id],
            "sendPasswordToEmail": false, "password": "correct-horse-battery", "repeatPassword": "correct-horse-battery"})).send().await.expect(200);
        let seen: Vec<i64> = app
            .get("/offices")
            .user("northie", "correct-horse-battery")
            .send()
            .await
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_i64().unwrap())
            .collect();
        assert_eq!(seen, [2, 4], "{}", app.backend);
        app.get("/offices/3")
            .user("northie", "correct-horse-battery")
            .send()
            .await
            .expect(404);
        let r = app
            .post("/offices", mk("Rogue", 1))
            .user("northie", "correct-horse-battery")
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.not.authorized"
        );
    }
}

#[tokio::test]
async fn changing_a_password_stops_the_old_one_working_at_once() {
    for app in TestApp::all().await {
        let user = service_account(&app, "rotating", &["READ_OFFICE"]).await;
        app.get("/offices")
            .user(&user, "correct-horse-battery")
            .send()
            .await
            .expect(200);
        let users = app.get("/users").send().await.json;
        let id = users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == "rotating")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        app.put(
            &format!("/users/{id}"),
            json!({"password": "another-long-secret", "repeatPassword": "another-long-secret"}),
        )
        .send()
        .await
        .expect(200);
        app.get("/offices")
            .user(&user, "correct-horse-battery")
            .send()
            .await
            .expect(401);
        app.get("/offices")
            .user(&user, "another-long-secret")
            .send()
            .await
            .expect(200);
    }
}
