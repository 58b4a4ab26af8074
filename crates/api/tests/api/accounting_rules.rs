//! Accounting rules, after Fineract's `AccountingRuleIntegrationTest` and `AccountingRuleBuilder`.

use kassa_testkit::TestApp;
use serde_json::json;

use crate::accounting_gl_accounts::create_account;

fn code(r: &kassa_testkit::Resp) -> &str {
    r.json["errors"][0]["userMessageGlobalisationCode"]
        .as_str()
        .unwrap_or_default()
}

async fn tag(app: &TestApp, code_name: &str, name: &str) -> i64 {
    let codes = app.get("/codes").send().await.expect(200).json;
    let code_id = codes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == code_name)
        .unwrap()["id"]
        .clone();
    let r = app
        .post(
            &format!("/codes/{code_id}/codevalues"),
            json!({"name": name}),
        )
        .send()
        .await
        .expect(200);
    r.json["subResourceId"].as_i64().unwrap()
}

#[tokio::test]
async fn a_rule_with_two_accounts_is_created_listed_and_deleted() {
    for app in TestApp::all().await {
        let credit = create_account(&app, "Fees", "4100", 4, 1).await;
        let debit = create_account(&app, "Rent", "5100", 5, 1).await;
        let body = json!({"officeId": 1, "accountToCredit": credit, "accountToDebit": debit,
                          "name": "Rent paid", "description": "monthly"});
        let r = app
            .post("/accountingrules", body.clone())
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["officeId"], 1);
        let id = r.json["resourceId"].as_i64().unwrap();
        let list = app.get("/accountingrules").send().await.expect(200).json;
        assert_eq!(list.as_array().unwrap().len(), 1);
        let got = &list[0];
        assert_eq!(got["name"], "Rent paid");
        assert_eq!(got["officeName"], "Head Office");
        assert_eq!(
            got["debitAccounts"],
            json!([{"id": debit, "name": "Rent", "glCode": "5100"}])
        );
        assert_eq!(
            got["creditAccounts"],
            json!([{"id": credit, "name": "Fees", "glCode": "4100"}])
        );
        assert_eq!(got["allowedOffices"], json!([]));

        let r = app.post("/accountingrules", body).send().await.expect(403);
        assert_eq!(code(&r), "error.msg.accounting.rule.duplicate");
        // An account in use by a rule stays.
        let r = app
            .delete(&format!("/glaccounts/{debit}"))
            .send()
            .await
            .expect(403);
        assert_eq!(code(&r), "error.msg.glaccount.glcode.invalid.delete.in.use");

        let r = app
            .put(&format!("/accountingrules/{id}"), json!({"name": "Rent"}))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["changes"], json!({"name": "Rent"}));
        app.delete(&format!("/accountingrules/{id}"))
            .send()
            .await
            .expect(200);
        let r = app
            .get(&format!("/accountingrules/{id}"))
            .send()
            .await
            .expect(404);
        assert_eq!(code(&r), "error.msg.accounting.rule.id.invalid");
    }
}

#[tokio::test]
async fn a_side_is_an_account_or_tags_never_both_nor_neither() {
    for app in TestApp::all().await {
        let income = tag(&app, "IncomeAccountTags", "Fee income").await;
        let expense = tag(&app, "ExpenseAccountTags", "Rent expense").await;
        let debit = create_account(&app, "Rent", "5100", 5, 1).await;
        let body = json!({"officeId": 1, "name": "Tagged", "debitTags": [expense], "creditTags": [income.to_string()],
                          "allowMultipleCreditEntries": true});
        let id = app
            .post("/accountingrules", body)
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let got = app
            .get(&format!("/accountingrules/{id}?template=true"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(got["creditTags"][0]["tag"]["id"], income);
        assert_eq!(got["creditTags"][0]["transactionType"]["value"], "CREDIT");
        assert_eq!(got["debitTags"][0]["tag"]["name"], "Rent expense");
        assert_eq!(got["allowMultipleCreditEntries"], true);
        assert_eq!(got["allowMultipleDebitEntries"], false);
        let offered: Vec<i64> = got["allowedCreditTagOptions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect();
        assert!(!offered.contains(&income) && offered.contains(&expense));

        let both = json!({"officeId": 1, "name": "Both", "accountToDebit": debit, "debitTags": [expense],
                          "creditTags": [income]});
        let r = app.post("/accountingrules", both).send().await.expect(403);
        assert_eq!(
            code(&r),
            "error.msg.accounting.rule.accountToDebit.or.debitTags.required"
        );
        let neither = json!({"officeId": 1, "name": "Neither", "creditTags": [income]});
        let r = app
            .post("/accountingrules", neither)
            .send()
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.accountToDebit.or.debitTags.required"
        );

        // Switching the debit side to an account drops its tags.
        let r = app
            .put(
                &format!("/accountingrules/{id}"),
                json!({"accountToDebit": debit}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["changes"], json!({"accountToDebit": debit}));
        let got = app
            .get(&format!("/accountingrules/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert!(got.get("debitTags").is_none());
        assert_eq!(got["debitAccounts"][0]["id"], debit);
        let r = app
            .post(
                "/accountingrules",
                json!({"officeId": 1, "name": "X", "accountToDebit": debit, "creditTags": [99999]}),
            )
            .send()
            .await
            .expect(404);
        assert_eq!(code(&r), "error.msg.codevalue.id.invalid");
    }
}

#[tokio::test]
async fn the_rule_template_offers_offices_detail_accounts_and_all_tags() {
    for app in TestApp::all().await {
        tag(&app, "AssetAccountTags", "Cash").await;
        tag(&app, "LiabilityAccountTags", "Deposits").await;
        create_account(&app, "Cash", "1000", 1, 1).await;
        create_account(&app, "Assets", "1", 1, 2).await;
        let t = app
            .get("/accountingrules/template")
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(t["allowedOffices"][0]["name"], "Head Office");
        assert_eq!(t["allowedAccounts"].as_array().unwrap().len(), 1);
        assert_eq!(t["allowedCreditTagOptions"].as_array().unwrap().len(), 2);
        assert_eq!(t["allowedDebitTagOptions"].as_array().unwrap().len(), 2);
    }
}
