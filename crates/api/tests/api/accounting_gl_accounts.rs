//! The chart of accounts, with the payloads of Fineract's `GLAccountBuilder` and `AccountHelper`.

use kassa_testkit::TestApp;
use serde_json::{json, Value};

/// `GLAccountBuilder.build()`: every value as a string, as the Java helper sends it.
pub fn account_body(name: &str, gl_code: &str, account_type: i64, usage: i64) -> Value {
    json!({"name": name, "glCode": gl_code, "manualEntriesAllowed": "true", "type": account_type.to_string(),
           "usage": usage.to_string(), "description": "DEFAULT_DESCRIPTION"})
}

pub async fn create_account(
    app: &TestApp,
    name: &str,
    gl_code: &str,
    account_type: i64,
    usage: i64,
) -> i64 {
    let r = app
        .post(
            "/glaccounts",
            account_body(name, gl_code, account_type, usage),
        )
        .send()
        .await
        .expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

#[tokio::test]
async fn an_account_reads_back_in_fineracts_shape() {
    for app in TestApp::all().await {
        let id = create_account(&app, "Cash", "1000", 1, 1).await;
        let r = app
            .get(&format!("/glaccounts/{id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"id": id, "name": "Cash", "glCode": "1000", "disabled": false, "manualEntriesAllowed": true,
                   "type": {"id": 1, "code": "accountType.asset", "value": "ASSET"},
                   "usage": {"id": 1, "code": "accountUsage.detail", "value": "DETAIL"},
                   "description": "DEFAULT_DESCRIPTION", "nameDecorated": "Cash",
                   "tagId": {"id": 0, "active": false, "mandatory": false}}),
            "{}",
            app.backend
        );
        let r = app
            .get(&format!("/glaccounts/{id}?fetchRunningBalance=true"))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["organizationRunningBalance"], 0);
    }
}

#[tokio::test]
async fn children_sit_below_a_header_and_are_indented_in_the_list() {
    for app in TestApp::all().await {
        let assets = create_account(&app, "Assets", "1", 1, 2).await;
        let mut child = account_body("Petty cash", "11", 1, 1);
        child["parentId"] = json!(assets);
        let cash = app.post("/glaccounts", child).send().await.expect(200).json["resourceId"]
            .as_i64()
            .unwrap();
        let list = app.get("/glaccounts?type=1").send().await.expect(200).json;
        let names: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["nameDecorated"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Assets", "....Petty cash"]);
        let headers = app.get("/glaccounts?usage=2").send().await.expect(200).json;
        assert_eq!(headers.as_array().unwrap().len(), 1);
        let found = app
            .get("/glaccounts?searchParam=Petty")
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(found[0]["id"], cash);
        // A detail account is no parent.
        let mut bad = account_body("Till", "111", 1, 1);
        bad["parentId"] = json!(cash);
        let r = app.post("/glaccounts", bad).send().await.expect(403);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.glaccount.parent.invalid"
        );
        // A header with children cannot go.
        let r = app
            .delete(&format!("/glaccounts/{assets}"))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.glaccount.glcode.invalid.delete.has.children"
        );
        app.delete(&format!("/glaccounts/{cash}"))
            .send()
            .await
            .expect(200);
        app.delete(&format!("/glaccounts/{assets}"))
            .send()
            .await
            .expect(200);
        app.get(&format!("/glaccounts/{assets}"))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn moving_a_header_moves_its_subtree() {
    for app in TestApp::all().await {
        let a = create_account(&app, "A", "1", 1, 2).await;
        let b = create_account(&app, "B", "2", 1, 2).await;
        let mut c = account_body("C", "3", 1, 1);
        c["parentId"] = json!(b);
        let c = app.post("/glaccounts", c).send().await.expect(200).json["resourceId"]
            .as_i64()
            .unwrap();
        let r = app
            .put(&format!("/glaccounts/{b}"), json!({"parentId": a}))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["changes"], json!({"parentId": a}));
        let got = app
            .get(&format!("/glaccounts/{c}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(got["nameDecorated"], "........C");
        // Nor can a header become the child of its own descendant.
        let r = app
            .put(&format!("/glaccounts/{a}"), json!({"parentId": b}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.glaccount.parent.is.descendant"
        );
        let r = app
            .put(&format!("/glaccounts/{a}"), json!({"parentId": a}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.glaccount.id.and.parentid.must.not.same"
        );
    }
}

#[tokio::test]
async fn a_gl_code_is_unique_and_the_validator_names_every_problem() {
    for app in TestApp::all().await {
        create_account(&app, "Cash", "1000", 1, 1).await;
        let r = app
            .post("/glaccounts", account_body("Other", "1000", 1, 1))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.glaccount.glcode.duplicate"
        );
        let r = app
            .post("/glaccounts", json!({"type": 9, "usage": 1}))
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
                "validation.msg.GLAccount.glCode.cannot.be.blank",
                "validation.msg.GLAccount.manualEntriesAllowed.cannot.be.blank",
                "validation.msg.GLAccount.name.cannot.be.blank",
                "validation.msg.GLAccount.type.is.not.within.expected.range",
            ]
        );
        let mut body = account_body("X", "9", 1, 1);
        body["name"] = json!("n".repeat(201));
        body["colour"] = json!("red");
        let r = app.post("/glaccounts", body).send().await.expect(400);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.parameter.unsupported"
        );
        let r = app.get("/glaccounts?type=7").send().await.expect(403);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.glaccount.usage.invalid"
        );
        let r = app.put("/glaccounts/1", json!({})).send().await.expect(400);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "validation.msg.GLAccount.no.parameters.for.update"
        );
    }
}

#[tokio::test]
async fn the_template_offers_headers_and_the_tags_of_each_type() {
    for app in TestApp::all().await {
        let code = app.get("/codes").send().await.expect(200).json;
        let asset_tags = code
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "AssetAccountTags")
            .unwrap()["id"]
            .clone();
        let tag = app
            .post(
                &format!("/codes/{asset_tags}/codevalues"),
                json!({"name": "Cash tag"}),
            )
            .send()
            .await
            .expect(200)
            .json["subResourceId"]
            .as_i64()
            .unwrap();
        create_account(&app, "Income", "4", 4, 2).await;
        let t = app
            .get("/glaccounts/template?type=4")
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(t["type"]["value"], "INCOME");
        assert_eq!(t["accountTypeOptions"].as_array().unwrap().len(), 5);
        assert_eq!(t["usageOptions"].as_array().unwrap().len(), 2);
        assert_eq!(t["incomeHeaderAccountOptions"][0]["name"], "Income");
        assert!(t.get("assetHeaderAccountOptions").is_none());
        assert_eq!(t["allowedAssetsTagOptions"][0]["id"], tag);
        // A tag must belong to the code of the account's type.
        let mut body = account_body("Tagged", "5", 1, 1);
        body["tagId"] = json!(tag);
        let id = app.post("/glaccounts", body).send().await.expect(200).json["resourceId"]
            .as_i64()
            .unwrap();
        let got = app
            .get(&format!("/glaccounts/{id}?template=true"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(got["tagId"]["name"], "Cash tag");
        assert!(got["usageOptions"].is_array());
        let mut body = account_body("Wrong tag", "6", 2, 1);
        body["tagId"] = json!(tag);
        app.post("/glaccounts", body).send().await.expect(404);
    }
}

#[tokio::test]
async fn reading_needs_read_glaccount() {
    for app in TestApp::all().await {
        crate::staff::user_with(&app, "clerk", 1, &["READ_CLIENT"]).await;
        let r = app
            .get("/glaccounts")
            .user("clerk", crate::staff::PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.not.authorized"
        );
        crate::staff::user_with(&app, "reader", 1, &["READ_GLACCOUNT"]).await;
        app.get("/glaccounts")
            .user("reader", crate::staff::PASSWORD)
            .send()
            .await
            .expect(200);
        app.post("/glaccounts", account_body("X", "1", 1, 1))
            .user("reader", crate::staff::PASSWORD)
            .send()
            .await
            .expect(403);
    }
}
