//! The loan charge routes around the commands: the `charges` association of `GET /loans/{id}`, the
//! external-id twins of `/loans/{id}/charges…`, and the charges of an application (not copied from the
//! product; shown by `calculateLoanSchedule`).

use kassa_testkit::TestApp;
use serde_json::json;

use crate::loan_charge_adjustments::{add_charge, code, due_date_charge, lp1, n};
use crate::loan_lifecycle::{dated, dec};
use crate::loans::client;

#[tokio::test]
async fn the_charges_association_lists_the_loan_charges_unless_excluded() {
    for app in TestApp::all().await {
        let id = lp1(&app, None).await;
        let nsf = due_date_charge(&app, "NSF fee", "10", true).await;
        add_charge(&app, id, nsf, "23 October 2022", None).await;
        let listed = app
            .get(&format!("/loans/{id}/charges"))
            .send()
            .await
            .expect(200)
            .json;
        for query in ["associations=charges", "associations=all"] {
            let l = app
                .get(&format!("/loans/{id}?{query}"))
                .send()
                .await
                .expect(200)
                .json;
            assert_eq!(l["charges"], listed, "{query} on {}", app.backend);
        }
        let l = app
            .get(&format!("/loans/{id}?associations=all&exclude=charges"))
            .send()
            .await
            .expect(200)
            .json;
        assert!(l.get("charges").is_none(), "{l}");
        assert!(l.get("transactions").is_some(), "{l}");
        let l = app
            .get(&format!("/loans/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert!(l.get("charges").is_none(), "{l}");
    }
}

#[tokio::test]
async fn the_external_id_twins_of_the_loan_charge_routes_reach_the_same_charge() {
    for app in TestApp::all().await {
        let id = lp1(&app, Some("loan-ext-1")).await;
        let nsf = due_date_charge(&app, "NSF fee", "10", true).await;
        let body =
            dated(json!({"chargeId": nsf, "dueDate": "23 October 2022", "externalId": "lc-ext-1"}));
        let r = app
            .post("/loans/external-id/loan-ext-1/charges", body)
            .send()
            .await;
        let lc = r.expect(200).json["resourceId"].as_i64().unwrap();
        let paths = [
            format!("/loans/{id}/charges/{lc}"),
            format!("/loans/external-id/loan-ext-1/charges/{lc}"),
            format!("/loans/{id}/charges/external-id/lc-ext-1"),
            "/loans/external-id/loan-ext-1/charges/external-id/lc-ext-1".to_string(),
        ];
        for path in &paths {
            let c = app.get(path).send().await.expect(200).json;
            assert_eq!(c["id"], lc, "{path} on {}", app.backend);
            assert_eq!(c["externalId"], "lc-ext-1", "{path}");
        }
        let all = app
            .get("/loans/external-id/loan-ext-1/charges")
            .send()
            .await
            .expect(200);
        assert_eq!(all.json[0]["id"], lc, "{}", all.text);
        let template = app
            .get("/loans/external-id/loan-ext-1/charges/template")
            .send()
            .await;
        assert!(template.expect(200).json["chargeOptions"].is_array());

        // A command through the doubly external route.
        let r = app
            .post(
                "/loans/external-id/loan-ext-1/charges/external-id/lc-ext-1?command=adjustment",
                json!({"amount": 2, "locale": "en"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["resourceId"], lc, "{}", r.text);
        let r = app
            .post(
                &format!("/loans/{id}/charges/external-id/lc-ext-1?command=waive"),
                json!({}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["resourceId"], lc, "{}", r.text);
        // The loan is disbursed: changing or deleting the charge is refused the same way by every twin.
        for path in &paths[1..] {
            let r = app
                .put(path, dated(json!({"amount": 5})))
                .send()
                .await
                .expect(403);
            assert!(
                code(&r).starts_with("error.msg.loan.charge"),
                "{path}: {}",
                r.text
            );
            app.delete(path).send().await.expect(403);
        }
        app.get("/loans/external-id/nope/charges")
            .send()
            .await
            .expect(404);
        app.get(&format!("/loans/{id}/charges/external-id/nope"))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn a_product_charge_is_not_copied_onto_a_loan_submitted_without_charges() {
    // Fineract's LoanChargeAssembler reads only the body's `charges`; clients copy the product's from
    // the loan template themselves.
    for app in TestApp::all().await {
        let fee = due_date_charge(&app, "Service fee", "20", false).await;
        let product = json!({
            "name": "With fee", "shortName": "WFE", "currencyCode": "USD", "digitsAfterDecimal": 2,
            "inMultiplesOf": 0, "principal": 1000, "numberOfRepayments": 2, "repaymentEvery": 1,
            "repaymentFrequencyType": 2, "interestRatePerPeriod": 0, "interestRateFrequencyType": 2,
            "amortizationType": 1, "interestType": 0, "interestCalculationPeriodType": 1,
            "transactionProcessingStrategyCode": "mifos-standard-strategy", "daysInYearType": 1,
            "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false,
            "charges": [{"id": fee}], "locale": "en"
        });
        let product_id = app
            .post("/loanproducts", product)
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let client_id = client(&app, 1, true).await;
        let application = json!({
            "clientId": client_id, "loanType": "individual", "productId": product_id, "principal": 1000,
            "loanTermFrequency": 2, "loanTermFrequencyType": 2, "numberOfRepayments": 2, "repaymentEvery": 1,
            "repaymentFrequencyType": 2, "interestRatePerPeriod": 0, "amortizationType": 1,
            "interestType": 0, "interestCalculationPeriodType": 1,
            "transactionProcessingStrategyCode": "mifos-standard-strategy",
            "expectedDisbursementDate": "22 October 2022", "submittedOnDate": "22 October 2022",
            "dateFormat": "dd MMMM yyyy", "locale": "en"
        });
        let id = app
            .post("/loans", application)
            .send()
            .await
            .expect(200)
            .json["loanId"]
            .as_i64()
            .unwrap();
        let charges = app
            .get(&format!("/loans/{id}/charges"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(charges, json!([]), "{}", app.backend);
    }
}

#[tokio::test]
async fn the_charges_of_an_application_show_in_its_calculated_schedule_as_after_submission() {
    for app in TestApp::all().await {
        let fee = due_date_charge(&app, "Service fee", "20", false).await;
        let body = json!({
            "name": "Per installment", "active": true, "amount": "5", "chargeAppliesTo": 1,
            "chargeTimeType": 8, "chargeCalculationType": 1, "chargePaymentMode": 0, "penalty": false,
            "currencyCode": "USD", "locale": "en"
        });
        let per_installment = app.post("/charges", body).send().await.expect(200).json
            ["resourceId"]
            .as_i64()
            .unwrap();
        let id = lp1(&app, None).await;
        let mut application = app
            .get(&format!("/loans/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        let product_id = application["loanProductId"].clone();
        let client_id = application["clientId"].clone();
        application = json!({
            "clientId": client_id, "loanType": "individual", "productId": product_id, "principal": 1000,
            "loanTermFrequency": 2, "loanTermFrequencyType": 2, "numberOfRepayments": 2, "repaymentEvery": 1,
            "repaymentFrequencyType": 2, "interestRatePerPeriod": 0, "amortizationType": 1,
            "interestType": 0, "interestCalculationPeriodType": 1,
            "transactionProcessingStrategyCode": "mifos-standard-strategy",
            "expectedDisbursementDate": "22 October 2022", "submittedOnDate": "22 October 2022",
            "charges": [
                {"chargeId": fee, "amount": 15, "dueDate": "23 November 2022"},
                {"chargeId": per_installment}
            ],
            "dateFormat": "dd MMMM yyyy", "locale": "en"
        });
        let s = app
            .post("/loans?command=calculateLoanSchedule", application.clone())
            .send()
            .await
            .expect(200)
            .json;
        let ctx = format!("{}: {s}", app.backend);
        assert_eq!(dec(&s["periods"][1]["feeChargesDue"]), n("5"), "{ctx}");
        assert_eq!(dec(&s["periods"][2]["feeChargesDue"]), n("20"), "{ctx}");
        assert_eq!(
            dec(&s["periods"][2]["totalDueForPeriod"]),
            n("520"),
            "{ctx}"
        );
        assert_eq!(dec(&s["totalFeeChargesCharged"]), n("25"), "{ctx}");
        assert_eq!(dec(&s["totalRepaymentExpected"]), n("1025"), "{ctx}");

        let submitted = app
            .post("/loans", application)
            .send()
            .await
            .expect(200)
            .json["loanId"]
            .as_i64()
            .unwrap();
        let l = app
            .get(&format!(
                "/loans/{submitted}?associations=repaymentSchedule"
            ))
            .send()
            .await
            .expect(200)
            .json;
        for period in 1..=2 {
            assert_eq!(
                l["repaymentSchedule"]["periods"][period]["feeChargesDue"],
                s["periods"][period]["feeChargesDue"],
                "{ctx}"
            );
        }
        let r = app
            .post(
                "/loans?command=calculateLoanSchedule",
                json!({"productId": product_id, "charges": [{"chargeId": 999999}]}),
            )
            .send()
            .await;
        assert_ne!(r.status, 500, "{}", r.text);
    }
}
