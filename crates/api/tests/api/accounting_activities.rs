//! Financial activity accounts, after Fineract's `FinancialActivityAccountsTest`.

use kassa_testkit::TestApp;
use serde_json::json;

use crate::accounting_gl_accounts::create_account;

const LIABILITY_TRANSFER: i64 = 200;
const ASSET_TRANSFER: i64 = 100;

fn code(r: &kassa_testkit::Resp) -> &str {
    r.json["errors"][0]["userMessageGlobalisationCode"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn an_activity_maps_to_one_account_of_its_type() {
    for app in TestApp::all().await {
        let liability = create_account(&app, "Liability transfer", "2001", 2, 1).await;
        create_account(&app, "Asset transfer", "1001", 1, 1).await;
        let body = json!({"financialActivityId": LIABILITY_TRANSFER, "glAccountId": liability});
        let id = app
            .post("/financialactivityaccounts", body.clone())
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let got = app
            .get(&format!("/financialactivityaccounts/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(
            got,
            json!({"id": id,
                   "financialActivityData": {"id": 200, "name": "liabilityTransfer", "mappedGLAccountType": "LIABILITY"},
                   "glAccountData": {"id": liability, "name": "Liability transfer", "glCode": "2001"}}),
            "{}",
            app.backend
        );

        let other = create_account(&app, "New liability transfer", "2002", 2, 1).await;
        let update = json!({"financialActivityId": LIABILITY_TRANSFER, "glAccountId": other});
        let r = app
            .put(&format!("/financialactivityaccounts/{id}"), update)
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["changes"]["glAccountId"], other);

        let bad = json!({"financialActivityId": 232, "glAccountId": other});
        let r = app
            .put(&format!("/financialactivityaccounts/{id}"), bad)
            .send()
            .await
            .expect(400);
        assert_eq!(code(&r), "validation.msg.financialactivityaccount.financialActivityId.is.not.one.of.expected.enumerations");

        let r = app
            .post("/financialactivityaccounts", body)
            .send()
            .await
            .expect(403);
        assert_eq!(code(&r), "error.msg.financialActivityAccount.exists");

        let wrong_type = json!({"financialActivityId": ASSET_TRANSFER, "glAccountId": other});
        let r = app
            .put(&format!("/financialactivityaccounts/{id}"), wrong_type)
            .send()
            .await
            .expect(403);
        assert_eq!(code(&r), "error.msg.financialActivityAccount.invalid");

        let r = app
            .delete(&format!("/financialactivityaccounts/{id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["resourceId"], id);
        let r = app
            .get(&format!("/financialactivityaccounts/{id}"))
            .send()
            .await
            .expect(404);
        assert_eq!(code(&r), "error.msg.financialActivityAccount.not.found");
    }
}

#[tokio::test]
async fn the_template_lists_activities_and_detail_accounts_by_type() {
    for app in TestApp::all().await {
        create_account(&app, "Vault", "1100", 1, 1).await;
        create_account(&app, "Assets", "1", 1, 2).await;
        let t = app
            .get("/financialactivityaccounts/template")
            .send()
            .await
            .expect(200)
            .json;
        let activities: Vec<i64> = t["financialActivityOptions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect();
        assert_eq!(activities, [100, 200, 101, 102, 300, 103, 201]);
        let assets = t["glAccountOptions"]["assetAccountOptions"]
            .as_array()
            .unwrap();
        assert_eq!(assets.len(), 1);
        assert_eq!(assets[0]["name"], "Vault");
        assert!(t["glAccountOptions"]
            .get("liabilityAccountOptions")
            .is_none());
        let r = app
            .post("/financialactivityaccounts", json!({}))
            .send()
            .await
            .expect(400);
        assert_eq!(r.json["errors"].as_array().unwrap().len(), 2);
    }
}
