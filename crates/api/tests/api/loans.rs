//! Loan applications: `POST /loans` through the pipeline, read back with the schedule
//! `calculateLoanSchedule` answers for the same body, listed, filtered and deleted while pending.

use kassa_testkit::TestApp;
use serde_json::{json, Value};

const PASSWORD: &str = "correct-horse-battery";

pub(crate) fn product() -> Value {
    json!({
        "name": "Declining", "shortName": "DCL", "currencyCode": "USD", "digitsAfterDecimal": 2, "inMultiplesOf": 0,
        "installmentAmountInMultiplesOf": 1,
        "principal": 5000, "numberOfRepayments": 18, "repaymentEvery": 1, "repaymentFrequencyType": 2,
        "interestRatePerPeriod": 12, "interestRateFrequencyType": 3, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "daysInYearType": 1, "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false,
        "locale": "en"
    })
}

/// Fineract's RS02 application (declining balance, equal installments), for `client`.
pub(crate) fn application(product_id: i64, client: i64) -> Value {
    json!({
        "clientId": client, "loanType": "individual",
        "productId": product_id, "principal": 5000,
        "loanTermFrequency": 18, "loanTermFrequencyType": 2, "numberOfRepayments": 18, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 12, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "expectedDisbursementDate": "01 November 2022", "submittedOnDate": "01 November 2022",
        "dateFormat": "dd MMMM yyyy", "locale": "en"
    })
}

pub(crate) async fn client(app: &TestApp, office: i64, active: bool) -> i64 {
    let mut body = json!({"officeId": office, "legalFormId": 1, "firstname": "Amara", "lastname": "Okafor",
        "active": active, "submittedOnDate": "01 January 2022", "dateFormat": "dd MMMM yyyy", "locale": "en"});
    if active {
        body["activationDate"] = json!("02 January 2022");
    }
    app.post("/clients", body).send().await.expect(200).json["resourceId"]
        .as_i64()
        .unwrap()
}

pub(crate) async fn setup(app: &TestApp) -> (i64, i64) {
    let product = app
        .post("/loanproducts", product())
        .send()
        .await
        .expect(200)
        .json["resourceId"]
        .as_i64()
        .unwrap();
    (product, client(app, 1, true).await)
}

pub(crate) async fn submit(app: &TestApp, body: Value) -> i64 {
    let resp = app.post("/loans", body).send().await.expect(200);
    assert_eq!(
        resp.json["loanId"], resp.json["resourceId"],
        "{}",
        resp.text
    );
    resp.json["loanId"].as_i64().unwrap()
}

#[tokio::test]
async fn a_submitted_application_reads_back_with_the_calculated_schedule() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let body = application(product, client_id);
        let resp = app.post("/loans", body.clone()).send().await.expect(200);
        assert_eq!(resp.json["clientId"], client_id, "{}", resp.text);
        assert_eq!(resp.json["officeId"], 1);
        let id = resp.json["loanId"].as_i64().unwrap();
        let calculated = app
            .post("/loans?command=calculateLoanSchedule", body)
            .send()
            .await
            .expect(200)
            .json;
        let loan = app
            .get(&format!("/loans/{id}?associations=repaymentSchedule"))
            .send()
            .await
            .expect(200)
            .json;
        let ctx = format!("{}: {loan}", app.backend);
        assert_eq!(loan["repaymentSchedule"], calculated, "{ctx}");
        assert_eq!(loan["accountNo"], format!("{id:09}"), "{ctx}");
        assert_eq!(loan["status"]["id"], 100, "{ctx}");
        assert_eq!(
            loan["status"]["code"],
            "loanStatusType.submitted.and.pending.approval"
        );
        assert_eq!(loan["status"]["pendingApproval"], true);
        assert_eq!(loan["status"]["active"], false);
        assert_eq!(loan["clientId"], client_id);
        assert_eq!(loan["clientName"], "Amara Okafor");
        assert_eq!(loan["loanProductName"], "Declining");
        assert_eq!(loan["loanType"]["code"], "accountType.individual");
        assert_eq!(loan["principal"], json!(5000.0));
        assert_eq!(loan["numberOfRepayments"], 18);
        assert_eq!(loan["annualInterestRate"], json!(12));
        assert_eq!(loan["timeline"]["submittedOnDate"], json!([2022, 11, 1]));
        assert_eq!(loan["timeline"]["submittedByUsername"], "mifos");
        let plain = app
            .get(&format!("/loans/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert!(plain.get("repaymentSchedule").is_none(), "{plain}");
    }
}

#[tokio::test]
async fn an_application_for_a_pending_client_is_refused() {
    for app in TestApp::all().await {
        let (product, _) = setup(&app).await;
        let pending = client(&app, 1, false).await;
        let resp = app
            .post("/loans", application(product, pending))
            .send()
            .await
            .expect(403);
        assert_eq!(
            resp.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.client.not.active.exception",
            "{}",
            resp.text
        );
    }
}

#[tokio::test]
async fn the_list_filters_by_external_id_account_number_and_status() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let mut first = application(product, client_id);
        first["externalId"] = json!("loan-ext-1");
        let first = submit(&app, first).await;
        let second = submit(&app, application(product, client_id)).await;
        let all = app.get("/loans").send().await.expect(200).json;
        assert_eq!(all["totalFilteredRecords"], 2, "{all}");
        let by_ext = app
            .get("/loans?externalId=loan-ext-1")
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(by_ext["totalFilteredRecords"], 1);
        assert_eq!(by_ext["pageItems"][0]["id"], first);
        let by_no = app
            .get(&format!("/loans?accountNo={second:09}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(by_no["pageItems"][0]["id"], second);
        let pending = app
            .get("/loans?loanStatus=100&orderBy=id&sortOrder=DESC")
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(pending["pageItems"][0]["id"], second);
        let active = app.get("/loans?status=300").send().await.expect(200).json;
        assert_eq!(active["totalFilteredRecords"], 0);
        app.get("/loans?orderBy=password").send().await.expect(400);
        let mut dup = application(product, client_id);
        dup["externalId"] = json!("loan-ext-1");
        let resp = app.post("/loans", dup).send().await.expect(403);
        assert_eq!(
            resp.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.loan.with.externalId.already.used"
        );
    }
}

#[tokio::test]
async fn a_pending_application_can_be_deleted() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = submit(&app, application(product, client_id)).await;
        let resp = app.delete(&format!("/loans/{id}")).send().await.expect(200);
        assert_eq!(resp.json["loanId"], id, "{}", resp.text);
        let gone = app.get(&format!("/loans/{id}")).send().await.expect(404);
        assert_eq!(
            gone.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.loan.id.invalid"
        );
    }
}

#[tokio::test]
async fn a_branch_user_cannot_reach_another_offices_client_and_needs_the_permissions() {
    for app in TestApp::all().await {
        let (product, head_client) = setup(&app).await;
        let office = app
            .post(
                "/offices",
                json!({"name": "Kisumu", "parentId": 1, "openingDate": "01 January 2020",
                       "dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let role = app
            .post(
                "/roles",
                json!({"name": "Loan clerk", "description": "loans"}),
            )
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        app.put(
            &format!("/roles/{role}/permissions"),
            json!({"permissions": {"CREATE_LOAN": true}}),
        )
        .send()
        .await
        .expect(200);
        app.post(
            "/users",
            json!({"username": "clerk", "firstname": "C", "lastname": "Lerk", "officeId": office,
                   "roles": [role], "sendPasswordToEmail": false,
                   "password": PASSWORD, "repeatPassword": PASSWORD}),
        )
        .send()
        .await
        .expect(200);
        let resp = app
            .post("/loans", application(product, head_client))
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(404);
        assert_eq!(
            resp.json["errors"][0]["userMessageGlobalisationCode"], "error.msg.client.id.invalid",
            "{}",
            resp.text
        );
        let local = client(&app, office, true).await;
        let id = submit(&app, application(product, local)).await;
        app.get(&format!("/loans/{id}"))
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(403);
        app.delete(&format!("/loans/{id}"))
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(403);
        let ok = app
            .post("/loans", application(product, local))
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(ok.json["officeId"], office);
    }
}

#[tokio::test]
async fn a_pending_application_is_modified_with_a_new_schedule_and_its_changes() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = submit(&app, application(product, client_id)).await;
        let mut body = application(product, client_id);
        body["principal"] = json!(4000);
        let resp = app
            .put(&format!("/loans/{id}"), body.clone())
            .send()
            .await
            .expect(200);
        let changes = &resp.json["changes"];
        assert_eq!(changes["principal"], json!(4000), "{}", resp.text);
        assert!(changes.get("numberOfRepayments").is_none(), "{changes}");
        assert_eq!(changes["locale"], "en");
        let calculated = app
            .post("/loans?command=calculateLoanSchedule", body)
            .send()
            .await
            .expect(200)
            .json;
        let loan = app
            .get(&format!("/loans/{id}?associations=all"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(loan["repaymentSchedule"], calculated, "{}", app.backend);
        assert_eq!(loan["principal"], json!(4000.0));
        assert_eq!(loan["accountNo"], format!("{id:09}"));
    }
}

#[tokio::test]
async fn submission_dates_follow_fineracts_rules() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let mut future = application(product, client_id);
        future["submittedOnDate"] = json!("01 January 2099");
        future["expectedDisbursementDate"] = json!("01 January 2099");
        let resp = app.post("/loans", future).send().await.expect(403);
        assert_eq!(
            resp.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.loan.submittal.cannot.be.a.future.date",
            "{}",
            resp.text
        );
        let mut early = application(product, client_id);
        early["submittedOnDate"] = json!("01 January 2022");
        let resp = app.post("/loans", early).send().await.expect(403);
        assert_eq!(
            resp.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.loan.submittal.cannot.be.before.client.activation.date",
            "{}",
            resp.text
        );
        let mut missing = application(product, client_id);
        missing.as_object_mut().unwrap().remove("clientId");
        let resp = app.post("/loans", missing).send().await.expect(400);
        assert_eq!(
            resp.json["errors"][0]["userMessageGlobalisationCode"],
            "validation.msg.loan.clientId.cannot.be.blank",
            "{}",
            resp.text
        );
    }
}
