use kassa_testkit::TestApp;
use serde_json::json;

pub const PASSWORD: &str = "correct-horse-battery";

/// Creates a role holding exactly `codes` and a user with that role; returns the username.
pub async fn user_with(app: &TestApp, name: &str, codes: &[&str]) -> String {
    let role = app
        .post(
            "/roles",
            json!({"name": format!("{name} role"), "description": "calendar tests"}),
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
    app.post(
        "/users",
        json!({"username": name, "firstname": "Limited", "lastname": "User", "officeId": 1,
                              "roles": [role_id], "sendPasswordToEmail": false,
                              "password": PASSWORD, "repeatPassword": PASSWORD}),
    )
    .send()
    .await
    .expect(200);
    name.to_string()
}

#[tokio::test]
async fn configurations_are_listed_by_id_in_fineracts_shape() {
    for app in TestApp::all().await {
        let r = app.get("/configurations").send().await.expect(200);
        let list = r.json["globalConfiguration"].as_array().unwrap();
        assert_eq!(list.len(), 55, "{}", app.backend);
        assert_eq!(
            list[0],
            json!({"name": "maker-checker", "enabled": false, "id": 1, "trapDoor": false})
        );
        let rounding = list.iter().find(|c| c["name"] == "rounding-mode").unwrap();
        assert_eq!(rounding["value"], 6);
        assert_eq!(rounding["trapDoor"], true);
        let mapping = list.iter().find(|c| c["id"] == 35).unwrap();
        assert_eq!(mapping["stringValue"], "Asset");
        let survey = app
            .get("/configurations?survey=true")
            .send()
            .await
            .expect(200);
        assert_eq!(survey.json, json!({"globalConfiguration": []}));
    }
}

#[tokio::test]
async fn a_configuration_is_read_by_name_and_by_id() {
    for app in TestApp::all().await {
        let by_name = app
            .get("/configurations/name/enable-business-date")
            .send()
            .await
            .expect(200);
        assert_eq!(
            by_name.json,
            json!({"name": "enable-business-date", "enabled": false, "id": 44,
                   "description": "Whether the logical business date functionality is enabled in the system",
                   "trapDoor": false}),
            "{}",
            app.backend
        );
        let by_id = app.get("/configurations/44").send().await.expect(200);
        assert_eq!(by_id.json, by_name.json);
        let r = app
            .get("/configurations/name/no-such-thing")
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.configuration.property.invalid");
        let r = app.get("/configurations/999").send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.configuration.id.invalid");
    }
}

#[tokio::test]
async fn updating_a_configuration_answers_its_changes_and_is_audited() {
    for app in TestApp::all().await {
        let r = app
            .put("/configurations/30", json!({"enabled": true, "value": 500}))
            .header("Idempotency-Key", "tpt-limit-1")
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"resourceId": 30, "changes": {"enabled": true, "value": 500}}),
            "{}",
            app.backend
        );
        let replay = app
            .put("/configurations/30", json!({"enabled": true, "value": 500}))
            .header("Idempotency-Key", "tpt-limit-1")
            .send()
            .await
            .expect(200);
        assert_eq!(replay.header("x-served-from-cache"), Some("true"));
        assert_eq!(replay.json, r.json);
        let c = app
            .get("/configurations/name/daily-tpt-limit")
            .send()
            .await
            .expect(200);
        assert_eq!(c.json["enabled"], true);
        assert_eq!(c.json["value"], 500);
        let same = app
            .put(
                "/configurations/name/daily-tpt-limit",
                json!({"value": 500, "stringValue": "x"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            same.json,
            json!({"resourceId": 30, "changes": {"stringValue": "x"}})
        );
        let dated = app
            .put(
                "/configurations/25",
                json!({"dateValue": "01 April 2024", "dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(dated.json["changes"], json!({"dateValue": [2024, 4, 1]}));
        let audits = app.get("/audits").send().await.expect(200);
        let updates: Vec<_> = audits
            .json
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["entityName"] == "CONFIGURATION" && a["actionName"] == "UPDATE")
            .collect();
        assert_eq!(updates.len(), 3, "{}", app.backend);
    }
}

#[tokio::test]
async fn the_rounding_mode_is_a_trap_door_that_cannot_be_changed() {
    for app in TestApp::all().await {
        let r = app
            .put("/configurations/name/rounding-mode", json!({"value": 4}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.configuration.id.not.modifiable",
            "{}",
            app.backend
        );
        let c = app.get("/configurations/23").send().await.expect(200);
        assert_eq!(c.json["value"], 6);
    }
}

#[tokio::test]
async fn force_password_reset_days_cannot_be_enabled_with_zero_days() {
    for app in TestApp::all().await {
        let r = app
            .put("/configurations/11", json!({"enabled": true}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.password.reset.days.value.must.be.greater.than.zero"
        );
        app.put("/configurations/11", json!({"enabled": true, "value": 90}))
            .send()
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn configuration_validation_reports_every_problem_at_once() {
    for app in TestApp::all().await {
        let r = app
            .put("/configurations/30", json!({"enabled": true, "secret": 1}))
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
        let r = app
            .put("/configurations/30", json!({"enabled": "maybe", "value": -1, "dateValue": "2024-01-01", "stringValue": ""}))
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
                "validation.msg.globalConfiguration.enabled.must.be.true.or.false",
                "validation.msg.globalConfiguration.value.not.zero.or.greater",
                "validation.msg.missing.dateFormat.parameter",
                "validation.msg.missing.locale.parameter",
                "validation.msg.globalConfiguration.stringValue.cannot.be.blank",
            ],
            "{}",
            app.backend
        );
    }
}

#[tokio::test]
async fn a_user_without_configuration_permissions_gets_403() {
    for app in TestApp::all().await {
        let nobody = user_with(&app, "no-config", &["READ_OFFICE"]).await;
        let reader = user_with(&app, "config-reader", &["READ_CONFIGURATION"]).await;
        app.get("/configurations")
            .user(&nobody, PASSWORD)
            .send()
            .await
            .expect(403);
        app.get("/configurations/name/maker-checker")
            .user(&nobody, PASSWORD)
            .send()
            .await
            .expect(403);
        app.get("/configurations")
            .user(&reader, PASSWORD)
            .send()
            .await
            .expect(200);
        let r = app
            .put("/configurations/1", json!({"enabled": true}))
            .user(&reader, PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.not.authorized");
    }
}

#[tokio::test]
async fn other_code_reads_a_configuration_through_the_typed_accessor() {
    for app in TestApp::all().await {
        let tenant = app.state.app.tenant("default").await.unwrap().unwrap();
        let maker_checker = app
            .state
            .app
            .configuration(&tenant, "maker-checker")
            .await
            .unwrap();
        assert!(!maker_checker.enabled);
        app.put(
            "/configurations/name/maker-checker",
            json!({"enabled": true}),
        )
        .send()
        .await
        .expect(200);
        let maker_checker = app
            .state
            .app
            .configuration(&tenant, "maker-checker")
            .await
            .unwrap();
        assert!(maker_checker.enabled, "{}", app.backend);
        let penalty = app
            .state
            .app
            .configuration(&tenant, "penalty-wait-period")
            .await
            .unwrap();
        assert_eq!(penalty.enabled_value(), Some(2));
        assert!(app.state.app.configuration(&tenant, "nope").await.is_err());
    }
}
