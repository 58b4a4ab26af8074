//! `GET /loans/template` as the web app's new-loan form reads it, and the `external-id` twins of the loan
//! application endpoints.

use kassa_testkit::TestApp;
use serde_json::json;

use crate::loans::{application, setup, submit};

#[tokio::test]
async fn the_new_loan_form_gets_the_clients_products_then_the_chosen_products_defaults() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let officer = app
            .post("/staff", json!({"officeId": 1, "firstname": "Lena", "lastname": "Officer",
                "isLoanOfficer": true, "joiningDate": "01 March 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"}))
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        app.post("/codes/3/codevalues", json!({"name": "Working capital"}))
            .send()
            .await
            .expect(200);
        let path = format!(
            "/loans/template?activeOnly=true&staffInSelectedOfficeOnly=true&clientId={client_id}&templateType=individual"
        );
        let t = app.get(&path).send().await.expect(200).json;
        let ctx = format!("{}: {t}", app.backend);
        assert_eq!(t["clientId"], client_id, "{ctx}");
        assert_eq!(t["clientName"], "Amara Okafor", "{ctx}");
        assert_eq!(t["productOptions"][0]["id"], product, "{ctx}");
        assert_eq!(t["productOptions"][0]["name"], "Declining", "{ctx}");
        assert_eq!(t["loanOfficerOptions"][0]["id"], officer, "{ctx}");
        assert_eq!(
            t["loanPurposeOptions"][0]["name"], "Working capital",
            "{ctx}"
        );
        assert!(t.get("loanProductId").is_none(), "{ctx}");
        assert_eq!(
            t["transactionProcessingStrategyOptions"][0]["code"],
            "mifos-standard-strategy"
        );
        assert_eq!(
            t["termFrequencyTypeOptions"][2]["code"],
            "loanTermFrequency.periodFrequencyType.months"
        );
        assert_eq!(
            t["repaymentFrequencyNthDayTypeOptions"][0]["code"],
            "nthDayType.one"
        );

        let path = format!(
            "/loans/template?activeOnly=true&staffInSelectedOfficeOnly=true&productId={product}&clientId={client_id}&templateType=individual"
        );
        let t = app.get(&path).send().await.expect(200).json;
        let ctx = format!("{}: {t}", app.backend);
        // What the web app dereferences without guards.
        assert_eq!(t["loanProductId"], product, "{ctx}");
        assert_eq!(t["currency"]["code"], "USD", "{ctx}");
        assert_eq!(t["product"]["enableDownPayment"], false, "{ctx}");
        assert_eq!(
            t["product"]["allowAttributeOverrides"]["repaymentEvery"], true,
            "{ctx}"
        );
        assert_eq!(t["loanScheduleType"]["code"], "CUMULATIVE", "{ctx}");
        assert_eq!(t["termPeriodFrequencyType"]["id"], 2, "{ctx}");
        assert_eq!(t["repaymentFrequencyType"]["id"], 2, "{ctx}");
        assert_eq!(t["amortizationType"]["id"], 1, "{ctx}");
        assert_eq!(t["interestType"]["id"], 0, "{ctx}");
        assert_eq!(t["interestCalculationPeriodType"]["id"], 1, "{ctx}");
        assert_eq!(t["interestRateFrequencyType"]["id"], 3, "{ctx}");
        assert_eq!(t["principal"], json!(5000.0), "{ctx}");
        assert_eq!(t["termFrequency"], 18, "{ctx}");
        assert_eq!(t["numberOfRepayments"], 18, "{ctx}");
        assert_eq!(t["repaymentEvery"], 1, "{ctx}");
        assert_eq!(t["interestRatePerPeriod"], json!(12.0), "{ctx}");
        assert_eq!(
            t["transactionProcessingStrategyCode"], "mifos-standard-strategy",
            "{ctx}"
        );
        assert_eq!(t["multiDisburseLoan"], false, "{ctx}");
        assert_eq!(t["isEqualAmortization"], false, "{ctx}");
    }
}

#[tokio::test]
async fn the_loan_template_needs_a_known_template_type_and_the_read_permission() {
    for app in TestApp::all().await {
        let r = app.get("/loans/template").send().await.expect(400);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.query.parameter.value.unsupported",
            "{}",
            r.text
        );
        app.get("/loans/template?templateType=individual&clientId=999")
            .send()
            .await
            .expect(404);
        app.get("/loans/template?templateType=individual&productId=999")
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn a_loan_is_read_modified_and_deleted_by_its_external_id() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let mut body = application(product, client_id);
        body["externalId"] = json!("ext-loan-7");
        let id = submit(&app, body.clone()).await;
        let loan = app
            .get("/loans/external-id/ext-loan-7?associations=repaymentSchedule")
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(loan["id"], id, "{}: {loan}", app.backend);
        assert!(loan["repaymentSchedule"]["periods"].is_array());
        body["principal"] = json!(4000);
        let r = app
            .put("/loans/external-id/ext-loan-7", body)
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["loanId"], id, "{}", r.text);
        let loan = app
            .get(&format!("/loans/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(loan["principal"], json!(4000.0));
        app.get("/loans/external-id/nope").send().await.expect(404);
        app.delete("/loans/external-id/ext-loan-7")
            .send()
            .await
            .expect(200);
        app.get(&format!("/loans/{id}")).send().await.expect(404);
    }
}
