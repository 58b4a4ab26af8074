//! Opening balances: each line mirrored on the contra account (financial activity 300), redefined by
//! reversing the earlier definition, and refused once other entries exist.

use kassa_testkit::TestApp;
use serde_json::{json, Value};

use super::{accounts, entry, line, post, DATE};
use crate::accounting_gl_accounts::create_account;

const DEFINE: &str = "/journalentries?command=defineOpeningBalance";

fn opening(asset: i64, liability: i64, amount: Value) -> Value {
    entry(
        DATE,
        json!([line(asset, amount.clone())]),
        json!([line(liability, amount)]),
    )
}

#[tokio::test]
async fn opening_balances_mirror_each_line_on_the_contra_account_and_can_be_redefined() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let r = app
            .post(DEFINE, opening(a.asset, a.liability, json!(1000)))
            .send()
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        assert_eq!(
            r.error_code(),
            "error.msg.financialActivityAccount.not.found"
        );
        let r = app
            .get("/journalentries/openingbalance?officeId=1&currencyCode=USD")
            .send()
            .await;
        assert_eq!(r.status, 404);

        let contra = create_account(&app, "Opening balances", "Q-300", 3, 1).await;
        app.post(
            "/financialactivityaccounts",
            json!({"financialActivityId": 300, "glAccountId": contra}),
        )
        .send()
        .await
        .expect(200);
        let r = app
            .post(DEFINE, opening(a.asset, a.liability, json!(1000)))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["officeId"], 1);
        let tid = r.json["transactionId"].as_str().unwrap().to_string();
        let lines = app
            .get(&format!("/journalentries?transactionId={tid}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(lines["totalFilteredRecords"], 4);
        let on_contra: Vec<&Value> = lines["pageItems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["glAccountId"] == contra)
            .collect();
        assert_eq!(on_contra.len(), 2);
        let contra_balance = app
            .get(&format!("/glaccounts/{contra}?fetchRunningBalance=true"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(contra_balance["organizationRunningBalance"], 0);

        let got = app
            .get("/journalentries/openingbalance?officeId=1&currencyCode=USD")
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(got["officeId"], 1);
        assert_eq!(got["officeName"], "Head Office");
        assert_eq!(got["contraAccount"]["id"], contra);
        let assets = got["assetAccountOpeningBalances"].as_array().unwrap();
        let cash = assets.iter().find(|l| l["glAccountId"] == a.asset).unwrap();
        assert_eq!(cash["amount"].as_f64(), Some(1000.0));
        assert_eq!(cash["entryType"]["value"], "DEBIT");
        let deposits = got["liabityAccountOpeningBalances"].as_array().unwrap();
        assert_eq!(deposits[0]["glAccountId"], a.liability);
        assert_eq!(deposits[0]["amount"].as_f64(), Some(1000.0));
        let income = &got["incomeAccountOpeningBalances"][0];
        assert_eq!(income["glAccountId"], a.income);
        assert!(income.get("amount").is_none());
        assert!(got["equityAccountOpeningBalances"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["glAccountId"] != contra));

        let again = app
            .post(DEFINE, opening(a.asset, a.liability, json!(700)))
            .send()
            .await
            .expect(200)
            .json;
        assert_ne!(again["transactionId"], tid.as_str());
        let old = app
            .get(&format!("/journalentries?transactionId={tid}"))
            .send()
            .await
            .expect(200)
            .json;
        assert!(old["pageItems"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["reversed"] == true));
        let got = app
            .get("/journalentries/openingbalance?officeId=1&currencyCode=USD")
            .send()
            .await
            .expect(200)
            .json;
        let cash = got["assetAccountOpeningBalances"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["glAccountId"] == a.asset)
            .unwrap()
            .clone();
        assert_eq!(cash["amount"].as_f64(), Some(700.0));
        let balance = app
            .get(&format!("/glaccounts/{}?fetchRunningBalance=true", a.asset))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(balance["organizationRunningBalance"], 700);

        post(&app, DATE, a.asset, a.income, json!(5)).await;
        let r = app
            .post(DEFINE, opening(a.asset, a.liability, json!(1)))
            .send()
            .await;
        assert_eq!(r.status, 403);
        assert_eq!(
            r.error_code(),
            "error.msg.journalentry.defining.openingbalance.not.allowed"
        );
        let r = app
            .post(
                "/journalentries?command=explode",
                opening(a.asset, a.liability, json!(1)),
            )
            .send()
            .await;
        assert_eq!(r.status, 400);
    }
}
