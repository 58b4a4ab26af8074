use kassa_testkit::TestApp;
use serde_json::{json, Value};

const PASSWORD: &str = "correct-horse-battery";

async fn user_with(app: &TestApp, name: &str, codes: &[&str]) {
    let role = app
        .post(
            "/roles",
            json!({"name": format!("{name} role"), "description": "maker-checker"}),
        )
        .send()
        .await
        .expect(200);
    let role_id = role.json["resourceId"].as_i64().unwrap();
    let perms: serde_json::Map<String, Value> =
        codes.iter().map(|c| (c.to_string(), json!(true))).collect();
    app.put(
        &format!("/roles/{role_id}/permissions"),
        json!({"permissions": perms}),
    )
    .send()
    .await
    .expect(200);
    app.post(
        "/users",
        json!({"username": name, "firstname": name, "lastname": "Tester", "officeId": 1,
                              "roles": [role_id], "sendPasswordToEmail": false,
                              "password": PASSWORD, "repeatPassword": PASSWORD}),
    )
    .send()
    .await
    .expect(200);
}

/// Turns on the global switch and the per-task flag of CREATE_OFFICE; creates a maker, a checker and a
/// bystander.
async fn maker_checker_on(app: &TestApp) {
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
        json!({"permissions": {"CREATE_OFFICE": true}}),
    )
    .send()
    .await
    .expect(200);
    user_with(app, "maker", &["CREATE_OFFICE", "READ_OFFICE"]).await;
    user_with(app, "checker", &["CREATE_OFFICE_CHECKER", "READ_OFFICE"]).await;
    user_with(app, "bystander", &["READ_OFFICE"]).await;
}

fn office(name: &str) -> Value {
    json!({"name": name, "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

async fn office_names(app: &TestApp) -> Vec<String> {
    let list = app.get("/offices").send().await.expect(200);
    list.json
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_string())
        .collect()
}

async fn make_office(app: &TestApp, name: &str) -> i64 {
    let held = app
        .post("/offices", office(name))
        .user("maker", PASSWORD)
        .send()
        .await
        .expect(200);
    assert_eq!(held.json["rollbackTransaction"], true, "{}", app.backend);
    held.json["commandId"].as_i64().unwrap()
}

#[tokio::test]
async fn a_held_write_takes_effect_only_when_a_checker_approves_it() {
    for app in TestApp::all().await {
        maker_checker_on(&app).await;
        let command_id = make_office(&app, "Held Branch").await;
        assert!(!office_names(&app)
            .await
            .contains(&"Held Branch".to_string()));

        let inbox = app
            .get("/makercheckers")
            .user("checker", PASSWORD)
            .send()
            .await
            .expect(200);
        let entry = &inbox.json[0];
        assert_eq!(entry["id"], command_id);
        assert_eq!(entry["processingResult"], "Awaiting Approval");
        assert_eq!(entry["maker"], "maker");

        let approved = app
            .post(
                &format!("/makercheckers/{command_id}?command=approve"),
                json!({}),
            )
            .user("checker", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(approved.json["commandId"], command_id, "{}", app.backend);
        let office_id = approved.json["resourceId"].as_i64().unwrap();
        let created = app
            .get(&format!("/offices/{office_id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(created.json["name"], "Held Branch");

        let audit = app
            .get(&format!("/audits/{command_id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(audit.json["processingResult"], "Processed");
        assert_eq!(audit.json["checker"], "checker");
        assert_eq!(audit.json["resourceId"], office_id);

        let again = app
            .post(
                &format!("/makercheckers/{command_id}?command=approve"),
                json!({}),
            )
            .user("checker", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            again.error_code(),
            "error.msg.command.id.not.awaiting.approval"
        );
    }
}

#[tokio::test]
async fn only_a_holder_of_the_checker_permission_may_approve() {
    for app in TestApp::all().await {
        maker_checker_on(&app).await;
        let command_id = make_office(&app, "Guarded Branch").await;
        for user in ["bystander", "maker"] {
            let denied = app
                .post(
                    &format!("/makercheckers/{command_id}?command=approve"),
                    json!({}),
                )
                .user(user, PASSWORD)
                .send()
                .await
                .expect(403);
            assert_eq!(
                denied.json["errors"][0]["defaultUserMessage"],
                "User has no authority to be a checker for: CREATE_OFFICE"
            );
        }
        // Without any checker permission the inbox itself is refused.
        app.get("/makercheckers")
            .user("bystander", PASSWORD)
            .send()
            .await
            .expect(403);
        assert!(!office_names(&app)
            .await
            .contains(&"Guarded Branch".to_string()));
    }
}

#[tokio::test]
async fn the_maker_cannot_approve_its_own_entry_even_as_a_checker() {
    for app in TestApp::all().await {
        maker_checker_on(&app).await;
        user_with(
            &app,
            "both",
            &["CREATE_OFFICE", "CREATE_OFFICE_CHECKER", "READ_OFFICE"],
        )
        .await;
        let held = app
            .post("/offices", office("Self Checked"))
            .user("both", PASSWORD)
            .send()
            .await
            .expect(200);
        let command_id = held.json["commandId"].as_i64().unwrap();
        let refused = app
            .post(
                &format!("/makercheckers/{command_id}?command=approve"),
                json!({}),
            )
            .user("both", PASSWORD)
            .send()
            .await
            .expect(400);
        assert_eq!(refused.error_code(), "error.msg.command.unsupported");
    }
}

#[tokio::test]
async fn a_rejected_or_deleted_entry_never_takes_effect() {
    for app in TestApp::all().await {
        maker_checker_on(&app).await;
        let rejected = make_office(&app, "Rejected Branch").await;
        let answer = app
            .post(
                &format!("/makercheckers/{rejected}?command=reject"),
                json!({}),
            )
            .user("checker", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(answer.json, json!({"commandId": rejected}));
        let audit = app
            .get(&format!("/audits/{rejected}"))
            .send()
            .await
            .expect(200);
        assert_eq!(audit.json["processingResult"], "Rejected");
        assert_eq!(audit.json["checker"], "checker");

        let deleted = make_office(&app, "Deleted Branch").await;
        let answer = app
            .delete(&format!("/makercheckers/{deleted}"))
            .user("checker", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(answer.json, json!({"commandId": deleted}));
        app.get(&format!("/audits/{deleted}"))
            .send()
            .await
            .expect(404);
        app.delete(&format!("/makercheckers/{deleted}"))
            .user("checker", PASSWORD)
            .send()
            .await
            .expect(404);

        let names = office_names(&app).await;
        assert!(!names.contains(&"Rejected Branch".to_string()));
        assert!(!names.contains(&"Deleted Branch".to_string()));
    }
}

#[tokio::test]
async fn invalid_input_is_refused_at_once_and_a_super_user_is_never_held() {
    for app in TestApp::all().await {
        maker_checker_on(&app).await;
        let invalid = app
            .post("/offices", json!({"parentId": 1}))
            .user("maker", PASSWORD)
            .send()
            .await
            .expect(400);
        assert_eq!(
            invalid.error_code(),
            "validation.msg.office.name.cannot.be.blank"
        );
        let inbox = app.get("/makercheckers").send().await.expect(200);
        assert_eq!(inbox.json, json!([]));

        let direct = app
            .post("/offices", office("Direct Branch"))
            .send()
            .await
            .expect(200);
        assert!(direct.json.get("rollbackTransaction").is_none());
        assert!(office_names(&app)
            .await
            .contains(&"Direct Branch".to_string()));
    }
}

#[tokio::test]
async fn the_inbox_is_a_403_for_a_user_without_any_checker_permission() {
    for app in TestApp::all().await {
        maker_checker_on(&app).await;
        make_office(&app, "Waiting Branch").await;
        for path in ["/makercheckers", "/makercheckers/searchtemplate"] {
            let r = app
                .get(path)
                .user("bystander", PASSWORD)
                .send()
                .await
                .expect(403);
            assert_eq!(
                r.json["userMessageGlobalisationCode"], "error.msg.not.authorized",
                "{path} {}",
                app.backend
            );
        }
        let inbox = app
            .get("/makercheckers")
            .user("checker", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(inbox.json.as_array().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn the_checker_search_template_lists_what_the_checker_may_check() {
    for app in TestApp::all().await {
        maker_checker_on(&app).await;
        let template = app
            .get("/makercheckers/searchtemplate")
            .user("checker", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(template.json["actionNames"], json!(["CREATE"]));
        assert_eq!(template.json["entityNames"], json!(["OFFICE"]));
        let users = template.json["appUsers"].as_array().unwrap();
        assert!(users.iter().any(|u| u["username"] == "maker"));
        app.post("/makercheckers/1?command=explode", json!({}))
            .user("checker", PASSWORD)
            .send()
            .await
            .expect(400);
    }
}

#[tokio::test]
async fn a_command_carrying_a_password_cannot_wait_for_approval() {
    for app in TestApp::all().await {
        maker_checker_on(&app).await;
        app.put(
            "/permissions",
            json!({"permissions": {"CREATE_USER": true}}),
        )
        .send()
        .await
        .expect(200);
        user_with(&app, "admin", &["CREATE_USER", "READ_USER"]).await;
        let refused = app
            .post(
                "/users",
                json!({"username": "newbie", "firstname": "New", "lastname": "Bie", "officeId": 1,
                                   "roles": [1], "sendPasswordToEmail": false,
                                   "password": PASSWORD, "repeatPassword": PASSWORD}),
            )
            .user("admin", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            refused.error_code(),
            "error.msg.command.secret.cannot.await.approval"
        );
        let inbox = app.get("/makercheckers").send().await.expect(200);
        assert_eq!(inbox.json, json!([]));
    }
}

#[tokio::test]
async fn the_audit_search_template_lists_users_actions_entities_and_results() {
    for app in TestApp::all().await {
        let template = app.get("/audits/searchtemplate").send().await.expect(200);
        let actions = template.json["actionNames"].as_array().unwrap();
        assert_eq!(
            actions[..3],
            [json!("CREATE"), json!("DELETE"), json!("UPDATE")]
        );
        assert!(template.json["entityNames"]
            .as_array()
            .unwrap()
            .contains(&json!("OFFICE")));
        assert!(template.json["appUsers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["username"] == "mifos"));
        assert_eq!(
            template.json["processingResults"][2],
            json!({"id": 2, "processingResult": "Awaiting Approval"})
        );
    }
}
