//! Multi-disbursement loans through the API: tranches submitted and approved, disbursed one at a time
//! while the loan stays active, the last disbursal undone, with Fineract's codes for the refusals.
//! Worked numbers: Fineract's e2e RP16 (`LoanRepayment.feature`): 10 000 approved at 12 % a year over
//! six months, tranches of 5 000 (1 Nov 2022), 3 000 (1 Jan 2023) and 2 000 (1 Mar 2023), EMI 1 725.

use kassa_testkit::TestApp;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::loan_lifecycle::{command, dec, loan, pay};
use crate::loans::{client, product, submit};

async fn tranche_product(app: &TestApp) -> i64 {
    let mut p = product();
    p["name"] = json!("Tranches");
    p["shortName"] = json!("TRN");
    p["principal"] = json!(10000);
    p["numberOfRepayments"] = json!(6);
    p["multiDisburseLoan"] = json!(true);
    p["maxTrancheCount"] = json!(3);
    p["outstandingLoanBalance"] = json!(10000);
    let r = app.post("/loanproducts", p).send().await.expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

pub(crate) fn rp16(product_id: i64, client_id: i64) -> Value {
    json!({
        "clientId": client_id, "loanType": "individual", "productId": product_id, "principal": 10000,
        "loanTermFrequency": 6, "loanTermFrequencyType": 2, "numberOfRepayments": 6, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 12, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "expectedDisbursementDate": "01 November 2022", "submittedOnDate": "01 November 2022",
        "maxOutstandingLoanBalance": 10000,
        "disbursementData": [
            {"expectedDisbursementDate": "01 November 2022", "principal": 5000},
            {"expectedDisbursementDate": "01 January 2023", "principal": 3000},
            {"expectedDisbursementDate": "01 March 2023", "principal": 2000}
        ],
        "dateFormat": "dd MMMM yyyy", "locale": "en"
    })
}

pub(crate) async fn setup(app: &TestApp) -> (i64, i64) {
    (tranche_product(app).await, client(app, 1, true).await)
}

async fn approved(app: &TestApp) -> i64 {
    let (product, client_id) = setup(app).await;
    let id = submit(app, rp16(product, client_id)).await;
    command(
        app,
        id,
        "approve",
        json!({"approvedOnDate": "01 November 2022"}),
    )
    .await
    .expect(200);
    id
}

pub(crate) async fn disburse(app: &TestApp, id: i64, on: &str) -> kassa_testkit::Resp {
    command(app, id, "disburse", json!({"actualDisbursementDate": on})).await
}

fn error_code(r: &kassa_testkit::Resp) -> String {
    let e = &r.json["errors"][0];
    e["userMessageGlobalisationCode"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn installments(l: &Value) -> Vec<(String, Decimal, Decimal)> {
    l["repaymentSchedule"]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["period"].is_number())
        .map(|p| {
            (
                format!("{}", p["dueDate"]),
                dec(&p["principalDue"]),
                dec(&p["interestDue"]),
            )
        })
        .collect()
}

fn amounts(s: &[&str]) -> Vec<Decimal> {
    s.iter().map(|a| a.parse().unwrap()).collect()
}

#[tokio::test]
async fn tranches_are_submitted_approved_disbursed_one_at_a_time_and_the_last_undone() {
    for app in TestApp::all().await {
        let id = approved(&app).await;
        let l = app
            .get(&format!("/loans/{id}?associations=multiDisburseDetails"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(l["multiDisburseLoan"], true, "{l}");
        assert_eq!(l["canDisburse"], true, "{l}");
        assert_eq!(dec(&l["maxOutstandingLoanBalance"]), Decimal::from(10000));
        let details = l["disbursementDetails"].as_array().unwrap();
        assert_eq!(details.len(), 3, "{l}");
        assert_eq!(details[1]["expectedDisbursementDate"], json!([2023, 1, 1]));
        assert!(details[0]["actualDisbursementDate"].is_null());

        // Tranche 1: the loan becomes active with 5 000 out; RP16's schedule (EMI 1 725) stands.
        let r = disburse(&app, id, "01 November 2022").await.expect(200);
        assert_eq!(r.json["changes"]["status"]["id"], 300, "{}", r.text);
        let l = loan(&app, id).await;
        assert_eq!(l["status"]["id"], 300);
        assert_eq!(l["canDisburse"], true);
        assert_eq!(
            dec(&l["summary"]["principalDisbursed"]),
            Decimal::from(5000)
        );
        let rows = installments(&l);
        let principal: Vec<Decimal> = rows.iter().map(|r| r.1).collect();
        let interest: Vec<Decimal> = rows.iter().map(|r| r.2).collect();
        assert_eq!(
            principal,
            amounts(&["1675", "1691.75", "1678.67", "1695.45", "1692.41", "1566.72"])
        );
        assert_eq!(
            interest,
            amounts(&["50", "33.25", "46.33", "29.55", "32.59", "15.67"])
        );
        let disbursements: Vec<Decimal> = l["repaymentSchedule"]["periods"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["period"].is_null())
            .map(|p| dec(&p["principalDisbursed"]))
            .collect();
        assert_eq!(disbursements, amounts(&["5000", "3000", "2000"]));

        let t = app
            .get(&format!(
                "/loans/{id}/transactions/template?command=disburse"
            ))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(dec(&t["amount"]), Decimal::from(3000), "{t}");

        pay(&app, id, "repayment", "01 December 2022", json!(1725))
            .await
            .expect(200);

        // Tranche 2 on its date: 8 000 disbursed, 1 675 of it repaid; the loan stays active.
        let r = disburse(&app, id, "01 January 2023").await.expect(200);
        assert!(r.json["changes"].get("status").is_none(), "{}", r.text);
        let l = loan(&app, id).await;
        assert_eq!(l["status"]["id"], 300);
        assert_eq!(
            dec(&l["summary"]["principalDisbursed"]),
            Decimal::from(8000)
        );
        assert_eq!(
            dec(&l["summary"]["principalOutstanding"]),
            Decimal::from(6325)
        );
        let details = l["disbursementDetails"].as_array().unwrap();
        assert_eq!(details[1]["actualDisbursementDate"], json!([2023, 1, 1]));
        let disbursed: Vec<&Value> = l["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["type"]["disbursement"] == true)
            .collect();
        assert_eq!(disbursed.len(), 2, "{l}");

        // Undo the last disbursal: its tranche goes, 5 000 stays disbursed.
        let r = command(&app, id, "undolastdisbursal", json!({}))
            .await
            .expect(200);
        assert_eq!(
            r.json["changes"]["disbursedAmount"],
            json!(5000),
            "{}",
            r.text
        );
        let l = loan(&app, id).await;
        assert_eq!(l["status"]["id"], 300);
        assert_eq!(
            dec(&l["summary"]["principalDisbursed"]),
            Decimal::from(5000)
        );
        // The schedule is regenerated for 7 000 (the tranches left), so the 1 725 splits anew.
        assert_eq!(
            dec(&l["summary"]["principalOutstanding"]),
            Decimal::from(5000) - dec(&l["summary"]["principalPaid"])
        );
        assert_eq!(
            dec(&l["repaymentSchedule"]["totalPrincipalExpected"]),
            Decimal::from(7000)
        );
        assert_eq!(l["disbursementDetails"].as_array().unwrap().len(), 2, "{l}");
    }
}

#[tokio::test]
async fn a_multi_disbursement_application_without_tranches_or_with_too_many_is_refused() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let mut body = rp16(product, client_id);
        body.as_object_mut().unwrap().remove("disbursementData");
        let r = app.post("/loans", body).send().await.expect(403);
        assert_eq!(
            error_code(&r),
            "error.msg.disbursementData.required",
            "{}",
            r.text
        );

        let mut body = rp16(product, client_id);
        body["disbursementData"]
            .as_array_mut()
            .unwrap()
            .push(json!({"expectedDisbursementDate": "01 April 2023", "principal": 1}));
        let r = app.post("/loans", body).send().await.expect(403);
        assert_eq!(
            error_code(&r),
            "error.msg.disbursementData.exceeding.max.tranche.count",
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn tranches_out_of_order_off_the_expected_date_or_beyond_the_principal_are_a_400() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let mut body = rp16(product, client_id);
        body["disbursementData"] = json!([
            {"expectedDisbursementDate": "02 November 2022", "principal": 5000},
            {"expectedDisbursementDate": "01 January 2023", "principal": 6000}
        ]);
        let r = app.post("/loans", body).send().await.expect(400);
        let codes: Vec<&str> = r.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["userMessageGlobalisationCode"].as_str())
            .collect();
        assert_eq!(
            codes,
            [
                "validation.msg.loan.expectedDisbursementDate.first.disbursement.date.must.start.with.expected.disbursement.date",
                "validation.msg.loan.principal.sum.of.multi.disburse.amounts.must.be.equal.to.or.lesser.than.approved.principal"
            ],
            "{}",
            r.text
        );
        let mut body = rp16(product, client_id);
        body["disbursementData"] = json!([
            {"expectedDisbursementDate": "01 November 2022", "principal": 5000},
            {"expectedDisbursementDate": "01 March 2023", "principal": 3000},
            {"expectedDisbursementDate": "01 January 2023", "principal": 2000}
        ]);
        let r = app.post("/loans", body).send().await.expect(400);
        assert_eq!(
            error_code(&r),
            "validation.msg.loan.disbursementData.disbursements.should.be.ordered.based.on.their.disbursement.dates",
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn an_approval_may_redefine_the_tranches() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = submit(&app, rp16(product, client_id)).await;
        let body = json!({"approvedOnDate": "01 November 2022", "approvedLoanAmount": 8000,
        "disbursementData": [
            {"expectedDisbursementDate": "01 November 2022", "principal": 4000},
            {"expectedDisbursementDate": "01 February 2023", "principal": 5000}
        ]});
        let r = command(&app, id, "approve", body).await.expect(400);
        assert_eq!(
            error_code(&r),
            "validation.msg.loan.principal.sum.of.multi.disburse.amounts.must.be.equal.to.or.lesser.than.approved.principal",
            "{}",
            r.text
        );
        let body = json!({"approvedOnDate": "01 November 2022", "approvedLoanAmount": 8000,
        "disbursementData": [
            {"expectedDisbursementDate": "01 November 2022", "principal": 4000},
            {"expectedDisbursementDate": "01 February 2023", "principal": 4000}
        ]});
        command(&app, id, "approve", body).await.expect(200);
        let l = loan(&app, id).await;
        let details = l["disbursementDetails"].as_array().unwrap();
        assert_eq!(details.len(), 2, "{l}");
        assert_eq!(dec(&details[1]["principal"]), Decimal::from(4000));
        assert_eq!(
            dec(&l["repaymentSchedule"]["totalPrincipalExpected"]),
            Decimal::from(8000)
        );
    }
}

#[tokio::test]
async fn disbursals_beyond_the_approval_or_the_tranches_and_undos_out_of_turn_are_refused() {
    for app in TestApp::all().await {
        let id = approved(&app).await;
        let r = command(
            &app,
            id,
            "disburse",
            json!({"actualDisbursementDate": "01 November 2022", "transactionAmount": 5001}),
        )
        .await
        .expect(403);
        assert_eq!(
            error_code(&r),
            "error.msg.loan.disburse.amount.must.be.less.than.approved.principal",
            "{}",
            r.text
        );
        disburse(&app, id, "01 November 2022").await.expect(200);
        let r = command(&app, id, "undolastdisbursal", json!({}))
            .await
            .expect(403);
        assert_eq!(
            error_code(&r),
            "error.msg.tranches.should.be.disbursed.more.than.one.to.undo.last.disbursal"
        );
        disburse(&app, id, "01 January 2023").await.expect(200);
        pay(&app, id, "repayment", "02 January 2023", json!(100))
            .await
            .expect(200);
        let r = command(&app, id, "undolastdisbursal", json!({}))
            .await
            .expect(403);
        assert_eq!(
            error_code(&r),
            "error.msg.cannot.undo.last.disbursal.after.repayments or waivers"
        );
        disburse(&app, id, "01 March 2023").await.expect(200);
        let r = disburse(&app, id, "02 March 2023").await.expect(400);
        assert_eq!(
            error_code(&r),
            "error.msg.loan.disbursal.account.is.not.approve.not.disbursed.state"
        );
        let l = loan(&app, id).await;
        assert_eq!(l["canDisburse"], false);
    }
}

#[tokio::test]
async fn undoing_the_disbursal_puts_every_tranche_back_to_waiting() {
    for app in TestApp::all().await {
        let id = approved(&app).await;
        disburse(&app, id, "01 November 2022").await.expect(200);
        disburse(&app, id, "01 January 2023").await.expect(200);
        command(&app, id, "undodisbursal", json!({}))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(l["status"]["id"], 200);
        let details = l["disbursementDetails"].as_array().unwrap();
        assert_eq!(details.len(), 3);
        assert!(details
            .iter()
            .all(|d| d["actualDisbursementDate"].is_null()));
        disburse(&app, id, "01 November 2022").await.expect(200);
    }
}

#[tokio::test]
async fn undoing_the_last_disbursal_of_a_single_disbursement_loan_is_refused() {
    for app in TestApp::all().await {
        let id = crate::loan_lifecycle::active_loan(&app).await;
        let r = command(&app, id, "undolastdisbursal", json!({}))
            .await
            .expect(403);
        assert_eq!(
            error_code(&r),
            "error.msg.loan.product.does.not.support.multiple.disbursals.cannot.undo.last.disbursal"
        );
        let l = loan(&app, id).await;
        assert_eq!(l["multiDisburseLoan"], false);
        assert_eq!(l["canDisburse"], false);
    }
}
