use kassa_testkit::TestApp;
use serde_json::{json, Value};

const PASSWORD: &str = "correct-horse-battery";

async fn new_role(app: &TestApp, name: &str) -> i64 {
    let r = app
        .post("/roles", json!({"name": name, "description": "test role"}))
        .send()
        .await
        .expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

async fn grant(app: &TestApp, role: i64, codes: &[&str]) {
    let perms: serde_json::Map<String, Value> =
        codes.iter().map(|c| (c.to_string(), json!(true))).collect();
    app.put(
        &format!("/roles/{role}/permissions"),
        json!({ "permissions": perms }),
    )
    .send()
    .await
    .expect(200);
}

async fn user_with_role(app: &TestApp, username: &str, role: i64) -> i64 {
    let r = app
        .post(
            "/users",
            json!({"username": username, "firstname": "R", "lastname": "U", "officeId": 1,
                               "roles": [role], "sendPasswordToEmail": false,
                               "password": PASSWORD, "repeatPassword": PASSWORD}),
        )
        .send()
        .await
        .expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

#[tokio::test]
async fn a_fresh_tenant_lists_the_super_user_and_the_disabled_self_service_role() {
    for app in TestApp::all().await {
        let r = app.get("/roles").send().await.expect(200);
        assert_eq!(
            r.json,
            json!([{"id": 1, "name": "Super user", "description": "This role provides all application permissions.", "disabled": false},
                   {"id": 2, "name": "Self Service User", "description": "self service user role", "disabled": true}]),
            "{}",
            app.backend
        );
        let one = app.get("/roles/2").send().await.expect(200);
        assert_eq!(one.json["name"], "Self Service User");
    }
}

#[tokio::test]
async fn an_unknown_role_is_a_404() {
    for app in TestApp::all().await {
        let r = app.get("/roles/99").send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.role.id.invalid");
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "Role with identifier 99 does not exist"
        );
        app.get("/roles/99/permissions").send().await.expect(404);
        app.put("/roles/99", json!({"name": "x"}))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn creating_a_role_answers_its_id_and_a_duplicate_name_is_a_403() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/roles",
                json!({"name": "Tellers", "description": "front desk"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(r.json, json!({"resourceId": 3}), "{}", app.backend);
        let r = app
            .post("/roles", json!({"name": "Tellers", "description": "again"}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.role.duplicate.name"
        );
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "Role with name `Tellers` already exists"
        );
    }
}

#[tokio::test]
async fn role_validation_gathers_every_problem() {
    for app in TestApp::all().await {
        let r = app
            .post("/roles", json!({"name": "x".repeat(101)}))
            .send()
            .await
            .expect(400);
        let codes: Vec<&str> = r.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["userMessageGlobalisationCode"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            [
                "validation.msg.role.name.exceeds.max.length",
                "validation.msg.role.description.cannot.be.blank"
            ]
        );
        let r = app
            .post(
                "/roles",
                json!({"name": "a", "description": "b", "colour": "red"}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
    }
}

#[tokio::test]
async fn updating_a_role_echoes_only_what_changed() {
    for app in TestApp::all().await {
        let id = new_role(&app, "Cashiers").await;
        let r = app
            .put(
                &format!("/roles/{id}"),
                json!({"name": "Cashiers", "description": "count money"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"resourceId": id, "changes": {"description": "count money"}}),
            "{}",
            app.backend
        );
        let r = app
            .put(&format!("/roles/{id}"), json!({"name": "Super user"}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.role.duplicate.name"
        );
    }
}

#[tokio::test]
async fn a_role_held_by_users_can_be_neither_deleted_nor_disabled() {
    for app in TestApp::all().await {
        let r = app.delete("/roles/1").send().await.expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.role.associated.with.users.deleted",
            "{}",
            app.backend
        );
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "validation.msg.domain.rule.violation"
        );
        let r = app
            .post("/roles/1?command=disable", json!({}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.role.associated.with.users.disabled"
        );
        // Once its only holder is deleted, the role is free.
        let id = new_role(&app, "Temporary").await;
        let user = user_with_role(&app, "temp", id).await;
        app.delete(&format!("/roles/{id}")).send().await.expect(403);
        app.delete(&format!("/users/{user}"))
            .send()
            .await
            .expect(200);
        app.delete(&format!("/roles/{id}")).send().await.expect(200);
    }
}

#[tokio::test]
async fn an_unused_role_is_disabled_enabled_and_deleted() {
    for app in TestApp::all().await {
        let id = new_role(&app, "Seasonal").await;
        let r = app
            .post(&format!("/roles/{id}?command=disable"), json!({}))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json, json!({"resourceId": id}));
        assert_eq!(
            app.get(&format!("/roles/{id}")).send().await.json["disabled"],
            true
        );
        app.req(http::Method::POST, &format!("/roles/{id}?command=ENABLE"))
            .send()
            .await
            .expect(200);
        assert_eq!(
            app.get(&format!("/roles/{id}")).send().await.json["disabled"],
            false
        );
        let r = app.delete(&format!("/roles/{id}")).send().await.expect(200);
        assert_eq!(r.json, json!({"resourceId": id}));
        app.get(&format!("/roles/{id}")).send().await.expect(404);
    }
}

#[tokio::test]
async fn an_unknown_role_command_is_a_400() {
    for app in TestApp::all().await {
        let r = app
            .post("/roles/1?command=promote", json!({}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "error.msg.query.parameter.value.unsupported"
        );
        app.post("/roles/1", json!({})).send().await.expect(400);
    }
}

#[tokio::test]
async fn role_permissions_list_the_whole_catalogue_with_selected_flags() {
    for app in TestApp::all().await {
        let r = app.get("/roles/1/permissions").send().await.expect(200);
        assert_eq!(r.json["id"], 1);
        assert_eq!(r.json["name"], "Super user");
        assert_eq!(r.json["disabled"], false);
        let usage = r.json["permissionUsageData"].as_array().unwrap();
        let all = usage.iter().find(|p| p["code"] == "ALL_FUNCTIONS").unwrap();
        assert_eq!(
            all,
            &json!({"grouping": "special", "code": "ALL_FUNCTIONS", "selected": true})
        );
        let read_office = usage.iter().find(|p| p["code"] == "READ_OFFICE").unwrap();
        assert_eq!(
            read_office,
            &json!({"grouping": "organisation", "code": "READ_OFFICE", "entityName": "OFFICE",
                    "actionName": "READ", "selected": false}),
            "{}",
            app.backend
        );
        assert_eq!(usage.iter().filter(|p| p["selected"] == true).count(), 1);
    }
}

#[tokio::test]
async fn granting_permissions_reports_only_the_entries_that_changed() {
    for app in TestApp::all().await {
        let id = new_role(&app, "Office clerks").await;
        let body = json!({"permissions": {"READ_OFFICE": true, "CREATE_OFFICE": false}});
        let r = app
            .put(&format!("/roles/{id}/permissions"), body.clone())
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"resourceId": id, "changes": {"permissions": {"READ_OFFICE": true}}}),
            "{}",
            app.backend
        );
        let r = app
            .put(&format!("/roles/{id}/permissions"), body)
            .send()
            .await
            .expect(200);
        assert_eq!(r.json, json!({"resourceId": id, "changes": {}}));
        let usage = app
            .get(&format!("/roles/{id}/permissions"))
            .send()
            .await
            .json;
        let selected: Vec<&str> = usage["permissionUsageData"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["selected"] == true)
            .map(|p| p["code"].as_str().unwrap())
            .collect();
        assert_eq!(selected, ["READ_OFFICE"]);
    }
}

#[tokio::test]
async fn an_unknown_permission_code_is_a_404_and_grants_nothing() {
    for app in TestApp::all().await {
        let id = new_role(&app, "Dreamers").await;
        let r = app
            .put(
                &format!("/roles/{id}/permissions"),
                json!({"permissions": {"READ_OFFICE": true, "FLY_TO_MOON": true}}),
            )
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.permission.code.invalid");
        let usage = app
            .get(&format!("/roles/{id}/permissions"))
            .send()
            .await
            .json;
        assert!(usage["permissionUsageData"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["selected"] == false));
        let r = app
            .put(
                &format!("/roles/{id}/permissions"),
                json!({"permissions": {"READ_OFFICE": "maybe"}}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.role.permissions.must.be.true.or.false"
        );
    }
}

#[tokio::test]
async fn revoking_a_permission_takes_effect_at_once() {
    for app in TestApp::all().await {
        let id = new_role(&app, "Office readers").await;
        grant(&app, id, &["READ_OFFICE"]).await;
        user_with_role(&app, "olga", id).await;
        app.get("/offices")
            .user("olga", PASSWORD)
            .send()
            .await
            .expect(200);
        app.put(
            &format!("/roles/{id}/permissions"),
            json!({"permissions": {"READ_OFFICE": false}}),
        )
        .send()
        .await
        .expect(200);
        app.get("/offices")
            .user("olga", PASSWORD)
            .send()
            .await
            .expect(403);
    }
}

#[tokio::test]
async fn the_permission_list_leaves_out_checker_twins_and_marks_everything_selected() {
    for app in TestApp::all().await {
        let r = app.get("/permissions").send().await.expect(200);
        let all = r.json.as_array().unwrap();
        assert!(all.iter().any(|p| p["code"] == "ALL_FUNCTIONS"));
        assert!(all.iter().any(|p| p["code"] == "READ_OFFICE"));
        assert!(all.iter().all(|p| p["selected"] == true));
        assert!(all
            .iter()
            .all(|p| !p["code"].as_str().unwrap().ends_with("_CHECKER")));
        // Fineract's order: grouping, then entity, then code.
        let keys: Vec<(String, String, String)> = all
            .iter()
            .map(|p| {
                let s = |k: &str| p[k].as_str().unwrap_or("").to_ascii_lowercase();
                (s("grouping"), s("entityName"), s("code"))
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{}", app.backend);
    }
}

#[tokio::test]
async fn maker_checker_flags_toggle_only_for_maker_checkable_codes() {
    for app in TestApp::all().await {
        let r = app
            .put(
                "/permissions",
                json!({"permissions": {"CREATE_OFFICE": true}}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"changes": {"permissions": {"CREATE_OFFICE": true}}}),
            "{}",
            app.backend
        );
        let list = app
            .get("/permissions?makerCheckerable=true")
            .send()
            .await
            .expect(200);
        let listed = list.json.as_array().unwrap();
        let create = listed
            .iter()
            .find(|p| p["code"] == "CREATE_OFFICE")
            .unwrap();
        assert_eq!(create["selected"], true);
        assert!(listed.iter().all(|p| {
            let code = p["code"].as_str().unwrap();
            !code.starts_with("READ_") && p["grouping"] != "special" && !code.ends_with("_CHECKER")
        }));
        for code in ["READ_OFFICE", "ALL_FUNCTIONS", "NO_SUCH_CODE"] {
            let r = app
                .put("/permissions", json!({"permissions": {code: true}}))
                .send()
                .await
                .expect(404);
            assert_eq!(
                r.error_code(),
                "error.msg.permission.code.invalid",
                "{code}"
            );
        }
        let r = app
            .put(
                "/permissions",
                json!({"permissions": {"CREATE_OFFICE": true}}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(r.json, json!({"changes": {}}));
    }
}

#[tokio::test]
async fn role_and_permission_endpoints_need_their_permissions() {
    for app in TestApp::all().await {
        let id = new_role(&app, "Role readers").await;
        grant(&app, id, &["READ_ROLE"]).await;
        user_with_role(&app, "rita", id).await;
        app.get("/roles")
            .user("rita", PASSWORD)
            .send()
            .await
            .expect(200);
        let r = app
            .post("/roles", json!({"name": "Mine", "description": "x"}))
            .user("rita", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "User has no authority to: CREATE_ROLE"
        );
        let r = app
            .put(
                &format!("/roles/{id}/permissions"),
                json!({"permissions": {"ALL_FUNCTIONS": true}}),
            )
            .user("rita", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "User has no authority to: PERMISSIONS_ROLE"
        );
        let r = app
            .post(&format!("/roles/{id}?command=disable"), json!({}))
            .user("rita", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "User has no authority to: DISABLE_ROLE"
        );
        let r = app
            .get("/permissions")
            .user("rita", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "User has no authority to READ permissions"
        );
        app.put("/permissions", json!({"permissions": {}}))
            .user("rita", PASSWORD)
            .send()
            .await
            .expect(403);
    }
}
