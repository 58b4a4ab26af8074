use kassa_testkit::TestApp;
use serde_json::json;

use crate::staff::{user_with, PASSWORD};

#[tokio::test]
async fn a_fresh_tenant_has_fineracts_system_codes_and_values() {
    for app in TestApp::all().await {
        let r = app.get("/codes").send().await.expect(200);
        let codes = r.json.as_array().unwrap();
        assert_eq!(codes.len(), 38, "{}", app.backend);
        // Listed by name, as Fineract does.
        assert_eq!(
            codes[0],
            json!({"id": 29, "name": "ADDRESS_TYPE", "systemDefined": true})
        );
        let gender = app.get("/codes/4").send().await.expect(200);
        assert_eq!(
            gender.json,
            json!({"id": 4, "name": "Gender", "systemDefined": true})
        );
        assert_eq!(
            app.get("/codes/4/codevalues").send().await.expect(200).json,
            json!([])
        );
        let ids = app.get("/codes/1/codevalues").send().await.expect(200);
        assert_eq!(
            ids.json[0],
            json!({"id": 1, "name": "Passport", "position": 1, "active": true, "mandatory": false})
        );
        let leader = app.get("/codes/13/codevalues/13").send().await.expect(200);
        assert_eq!(leader.json["description"], "Group Leader Role");
    }
}

#[tokio::test]
async fn a_code_value_goes_through_its_whole_lifecycle_on_a_system_code() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/codes/4/codevalues",
                json!({"name": "Female", "description": "F", "position": 1, "isActive": true}),
            )
            .send()
            .await
            .expect(200);
        let id = r.json["subResourceId"].as_i64().unwrap();
        assert_eq!(
            r.json,
            json!({"resourceId": 4, "subResourceId": id}),
            "{}",
            app.backend
        );
        app.post(
            "/codes/4/codevalues",
            json!({"name": "Male", "position": 0}),
        )
        .send()
        .await
        .expect(200);
        let list = app.get("/codes/4/codevalues").send().await.expect(200);
        let names: Vec<&str> = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Male", "Female"]);
        let u = app
            .put(
                &format!("/codes/4/codevalues/{id}"),
                json!({"name": "Woman", "isActive": false, "position": 1}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            u.json,
            json!({"resourceId": id, "changes": {"name": "Woman", "isActive": false}})
        );
        let one = app
            .get(&format!("/codes/4/codevalues/{id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(
            one.json,
            json!({"id": id, "name": "Woman", "position": 1, "description": "F", "active": false, "mandatory": false})
        );
        // A value is only reachable through its own code.
        app.get(&format!("/codes/5/codevalues/{id}"))
            .send()
            .await
            .expect(404);
        let d = app
            .delete(&format!("/codes/4/codevalues/{id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(d.json, json!({"resourceId": 4, "subResourceId": id}));
        let r = app
            .get(&format!("/codes/4/codevalues/{id}"))
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.codevalue.id.invalid");
    }
}

#[tokio::test]
async fn a_system_code_can_be_neither_renamed_nor_deleted() {
    for app in TestApp::all().await {
        let r = app
            .put("/codes/4", json!({"name": "Sex"}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.code.systemdefined",
            "{}",
            app.backend
        );
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "validation.msg.domain.rule.violation"
        );
        let r = app.delete("/codes/4").send().await.expect(403);
        assert_eq!(r.error_code(), "error.msg.code.systemdefined");
        assert_eq!(
            app.get("/codes/4").send().await.expect(200).json["name"],
            "Gender"
        );
    }
}

#[tokio::test]
async fn a_user_defined_code_is_renamed_and_deleted_with_its_values() {
    for app in TestApp::all().await {
        let r = app
            .post("/codes", json!({"name": "Education"}))
            .send()
            .await
            .expect(200);
        let id = r.json["resourceId"].as_i64().unwrap();
        assert_eq!(r.json, json!({"resourceId": id}), "{}", app.backend);
        assert!(id > 39, "a new code must not reuse a seeded id: {id}");
        let u = app
            .put(&format!("/codes/{id}"), json!({"name": "Schooling"}))
            .send()
            .await
            .expect(200);
        assert_eq!(
            u.json,
            json!({"resourceId": id, "changes": {"name": "Schooling"}})
        );
        app.post(
            &format!("/codes/{id}/codevalues"),
            json!({"name": "Primary"}),
        )
        .send()
        .await
        .expect(200);
        let d = app.delete(&format!("/codes/{id}")).send().await.expect(200);
        assert_eq!(d.json, json!({"resourceId": id}));
        let r = app.get(&format!("/codes/{id}")).send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.code.identifier.not.found");
        app.get(&format!("/codes/{id}/codevalues"))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn duplicate_code_names_and_value_labels_are_403s() {
    for app in TestApp::all().await {
        let r = app
            .post("/codes", json!({"name": "Gender"}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.code.duplicate.name",
            "{}",
            app.backend
        );
        let r = app
            .post("/codes/1/codevalues", json!({"name": "Passport"}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.code.value.duplicate.label"
        );
        // The same label under another code is fine.
        app.post("/codes/5/codevalues", json!({"name": "Passport"}))
            .send()
            .await
            .expect(200);
        let r = app
            .put("/codes/1/codevalues/2", json!({"name": "Passport"}))
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.code.value.duplicate.label");
    }
}

#[tokio::test]
async fn code_value_validation_reports_every_problem_at_once() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/codes/4/codevalues",
                json!({"description": "d".repeat(501), "position": "first", "isActive": "maybe"}),
            )
            .send()
            .await
            .expect(400);
        let mut codes: Vec<&str> = r.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["userMessageGlobalisationCode"].as_str().unwrap())
            .collect();
        codes.sort();
        assert_eq!(
            codes,
            [
                "validation.msg.code.value.description.exceeds.max.length",
                "validation.msg.code.value.isActive.must.be.true.or.false",
                "validation.msg.code.value.name.cannot.be.blank",
                "validation.msg.invalid.integer",
            ],
            "{}",
            app.backend
        );
        let r = app
            .post("/codes", json!({"name": "X", "systemDefined": true}))
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
        app.post("/codes/999/codevalues", json!({"name": "X"}))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn codes_need_their_permissions() {
    for app in TestApp::all().await {
        user_with(&app, "codereader", 1, &["READ_CODE"]).await;
        app.get("/codes")
            .user("codereader", PASSWORD)
            .send()
            .await
            .expect(200);
        let r = app
            .get("/codes/4/codevalues")
            .user("codereader", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.not.authorized",
            "{}",
            app.backend
        );
        app.post("/codes", json!({"name": "Mine"}))
            .user("codereader", PASSWORD)
            .send()
            .await
            .expect(403);
        app.post("/codes/4/codevalues", json!({"name": "Other"}))
            .user("codereader", PASSWORD)
            .send()
            .await
            .expect(403);
    }
}
