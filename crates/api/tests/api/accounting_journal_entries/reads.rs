//! `GET /journalentries`: running balances computed from the rows, filters, paging and office scoping.

use kassa_testkit::TestApp;
use serde_json::{json, Value};

use super::{accounts, entry, line, post, DATE};
use crate::client_identifiers::office;
use crate::staff::{user_with, PASSWORD};

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

async fn page(app: &TestApp, query: &str) -> Value {
    app.get(&format!("/journalentries?{query}"))
        .send()
        .await
        .expect(200)
        .json
}

fn ids(page: &Value) -> Vec<i64> {
    page["pageItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn running_balances_are_summed_per_office_and_for_the_organisation_by_date_then_id() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let branch = office(&app, "Branch", 1).await;
        post(&app, DATE, a.asset, a.income, json!(100)).await;
        post(&app, "02 July 2024", a.expense, a.asset, json!(30)).await;
        post(&app, DATE, a.asset, a.liability, json!(20)).await;
        let mut in_branch = entry(
            DATE,
            json!([line(a.asset, json!(50))]),
            json!([line(a.income, json!(50))]),
        );
        in_branch["officeId"] = json!(branch);
        app.post("/journalentries", in_branch)
            .send()
            .await
            .expect(200);

        let asset = page(
            &app,
            &format!("glAccountId={}&runningBalance=true", a.asset),
        )
        .await;
        let rows = asset["pageItems"].as_array().unwrap();
        let seen: Vec<(f64, f64, f64)> = rows
            .iter()
            .map(|r| {
                (
                    num(&r["amount"]),
                    num(&r["officeRunningBalance"]),
                    num(&r["organizationRunningBalance"]),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (100.0, 100.0, 100.0),
                (20.0, 120.0, 120.0),
                (50.0, 50.0, 170.0),
                (30.0, 90.0, 140.0)
            ]
        );
        assert!(rows.iter().all(|r| r["runningBalanceComputed"] == true));
        let income = page(
            &app,
            &format!("glAccountId={}&runningBalance=true", a.income),
        )
        .await;
        let org: Vec<f64> = income["pageItems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| num(&r["organizationRunningBalance"]))
            .collect();
        assert_eq!(org, [100.0, 150.0], "credits raise an income account");

        let one_id = rows[1]["id"].as_i64().unwrap();
        let one = app
            .get(&format!("/journalentries/{one_id}?runningBalance=true"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(num(&one["organizationRunningBalance"]), 120.0);

        let balance = |id: i64| {
            let app = &app;
            async move {
                let got = app
                    .get(&format!("/glaccounts/{id}?fetchRunningBalance=true"))
                    .send()
                    .await
                    .expect(200)
                    .json;
                got["organizationRunningBalance"].as_i64().unwrap()
            }
        };
        assert_eq!(balance(a.asset).await, 140);
        assert_eq!(balance(a.income).await, 150);
        assert_eq!(balance(a.expense).await, 30);
        assert_eq!(balance(a.liability).await, 20);
        let list = app
            .get("/glaccounts?fetchRunningBalance=true")
            .send()
            .await
            .expect(200)
            .json;
        let liability = list
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == a.liability)
            .unwrap();
        assert_eq!(liability["organizationRunningBalance"], 20);
        let plain = app
            .get(&format!("/glaccounts/{}", a.asset))
            .send()
            .await
            .expect(200)
            .json;
        assert!(plain.get("organizationRunningBalance").is_none());
    }
}

#[tokio::test]
async fn filters_paging_and_order_narrow_the_page_and_the_total() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let first = post(&app, "01 March 2013", a.asset, a.income, json!(10)).await;
        post(&app, "02 March 2013", a.asset, a.income, json!(30)).await;
        post(&app, DATE, a.expense, a.liability, json!(20)).await;

        assert_eq!(page(&app, "").await["totalFilteredRecords"], 6);
        assert_eq!(
            page(&app, &format!("glAccountId={}", a.asset)).await["totalFilteredRecords"],
            2
        );
        assert_eq!(page(&app, "glAccountId=0").await["totalFilteredRecords"], 6);
        assert_eq!(
            page(&app, "officeId=1&manualEntriesOnly=true").await["totalFilteredRecords"],
            6
        );
        let march = page(&app, "fromDate=01%20March%202013&toDate=01%20March%202013&dateFormat=dd%20MMMM%20yyyy&locale=en").await;
        assert_eq!(march["totalFilteredRecords"], 2);
        assert_eq!(march["pageItems"][0]["transactionId"], first.as_str());
        assert_eq!(
            page(&app, "fromDate=2013-03-02&dateFormat=yyyy-MM-dd").await["totalFilteredRecords"],
            4
        );
        assert_eq!(
            page(&app, "toDate=2013-03-02&dateFormat=yyyy-MM-dd").await["totalFilteredRecords"],
            4
        );
        assert_eq!(
            page(&app, "submittedOnDateFrom=2000-01-01&dateFormat=yyyy-MM-dd").await
                ["totalFilteredRecords"],
            6
        );
        assert_eq!(
            page(&app, "submittedOnDateTo=2000-01-01&dateFormat=yyyy-MM-dd").await
                ["totalFilteredRecords"],
            0
        );
        assert_eq!(
            page(&app, &format!("transactionId={first}")).await["totalFilteredRecords"],
            2
        );
        assert_eq!(page(&app, "entityType=1").await["totalFilteredRecords"], 0);
        assert_eq!(
            page(&app, "entityType=1&manualEntriesOnly=false").await["totalFilteredRecords"],
            6,
            "entityType applies only without manualEntriesOnly"
        );
        assert_eq!(page(&app, "loanId=1").await["totalFilteredRecords"], 0);
        assert_eq!(page(&app, "savingsId=1").await["totalFilteredRecords"], 0);

        let all = ids(&page(&app, "").await);
        let second = page(&app, "offset=2&limit=2").await;
        assert_eq!(second["totalFilteredRecords"], 6);
        assert_eq!(ids(&second), all[2..4]);
        let by_amount = page(&app, "orderBy=amount&sortOrder=DESC&limit=2").await;
        let amounts: Vec<f64> = by_amount["pageItems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| num(&l["amount"]))
            .collect();
        assert_eq!(amounts, [30.0, 30.0]);
        let by_id = ids(&page(&app, "orderBy=id&sortOrder=desc").await);
        let mut reversed = all.clone();
        reversed.sort_unstable_by(|x, y| y.cmp(x));
        assert_eq!(by_id, reversed);
        assert_eq!(
            app.get("/journalentries?sortOrder=sideways")
                .send()
                .await
                .status,
            400
        );
        let r = app
            .get("/journalentries?orderBy=id;drop%20table%20m_office")
            .send()
            .await;
        assert_eq!(r.status, 403);
        let fields = page(&app, "fields=id,amount&limit=1").await;
        let mut keys: Vec<&String> = fields["pageItems"][0].as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["amount", "id"]);
        assert_eq!(fields["totalFilteredRecords"], 6);
    }
}

#[tokio::test]
async fn a_user_sees_only_the_lines_of_offices_within_their_own() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let branch = office(&app, "Branch", 1).await;
        let head = post(&app, DATE, a.asset, a.income, json!(10)).await;
        let mut in_branch = entry(
            DATE,
            json!([line(a.asset, json!(5))]),
            json!([line(a.income, json!(5))]),
        );
        in_branch["officeId"] = json!(branch);
        app.post("/journalentries", in_branch.clone())
            .send()
            .await
            .expect(200);
        user_with(
            &app,
            "branch-accountant",
            branch,
            &[
                "READ_JOURNALENTRY",
                "CREATE_JOURNALENTRY",
                "REVERSE_JOURNALENTRY",
            ],
        )
        .await;
        let as_branch = |path: &str| app.get(path).user("branch-accountant", PASSWORD).send();
        let seen = as_branch("/journalentries").await.expect(200).json;
        assert_eq!(seen["totalFilteredRecords"], 2);
        let head_line = ids(&page(&app, &format!("transactionId={head}")).await)[0];
        let r = as_branch(&format!("/journalentries/{head_line}")).await;
        assert_eq!(r.status, 404);
        let r = app
            .post(
                &format!("/journalentries/{head}?command=reverse"),
                json!({}),
            )
            .user("branch-accountant", PASSWORD)
            .send()
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        let mut in_head = in_branch;
        in_head["officeId"] = json!(1);
        let r = app
            .post("/journalentries", in_head)
            .user("branch-accountant", PASSWORD)
            .send()
            .await;
        assert_eq!(r.error_code(), "error.msg.office.id.invalid");
        user_with(&app, "no-reader", 1, &[]).await;
        let r = app
            .get("/journalentries")
            .user("no-reader", PASSWORD)
            .send()
            .await;
        assert_eq!(r.status, 403);
    }
}
