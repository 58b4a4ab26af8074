use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::staff::{user_with, PASSWORD};

fn product(name: &str, short: &str) -> Value {
    json!({
        "name": name, "shortName": short, "currencyCode": "USD", "digitsAfterDecimal": 2, "inMultiplesOf": 0,
        "principal": 10000.50, "minPrincipal": 1000, "maxPrincipal": 50000,
        "numberOfRepayments": 12, "minNumberOfRepayments": 6, "maxNumberOfRepayments": 24,
        "repaymentEvery": 1, "repaymentFrequencyType": 2, "interestRatePerPeriod": 1.5,
        "interestRateFrequencyType": 2, "amortizationType": 1, "interestType": 0,
        "interestCalculationPeriodType": 1, "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "daysInYearType": 1, "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false,
        "externalId": format!("ext-{short}"), "charges": [], "locale": "en",
        "allowAttributeOverrides": {"amortizationType": false}
    })
}

#[tokio::test]
async fn a_created_loan_product_reads_back_in_fineracts_shape() {
    for app in TestApp::all().await {
        let r = app
            .post("/loanproducts", product("Gold", "GLD"))
            .send()
            .await
            .expect(200);
        let id = r.json["resourceId"].as_i64().unwrap();
        let p = app
            .get(&format!("/loanproducts/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(p["name"], "Gold", "{}", app.backend);
        assert_eq!(p["principal"], json!(10000.5), "{}", app.backend);
        assert_eq!(p["interestRatePerPeriod"], json!(1.5));
        assert_eq!(p["annualInterestRate"], json!(18.0));
        assert_eq!(
            p["currency"],
            json!({"code": "USD", "name": "US Dollar", "decimalPlaces": 2, "inMultiplesOf": 0, "displaySymbol": "$",
                   "nameCode": "currency.USD", "displayLabel": "US Dollar ($)"})
        );
        assert_eq!(
            p["repaymentFrequencyType"],
            json!({"id": 2, "code": "repaymentFrequency.periodFrequencyType.months", "value": "Months"})
        );
        assert_eq!(
            p["amortizationType"],
            json!({"id": 1, "code": "amortizationType.equal.installments", "value": "Equal installments"})
        );
        assert_eq!(p["daysInMonthType"]["code"], "DaysInMonthType.actual");
        assert_eq!(
            p["loanScheduleType"],
            json!({"id": 0, "code": "CUMULATIVE", "value": "Cumulative"})
        );
        assert_eq!(p["accountingRule"]["id"], 1);
        // The product view's rows for features Kassa lacks show their neutral values, not blanks.
        assert_eq!(p["repaymentStartDateType"]["id"], 1);
        assert_eq!(p["repaymentStartDateType"]["value"], "Disbursement Date");
        for flag in [
            "allowApprovedDisbursedAmountsOverApplied",
            "allowPartialPeriodInterestCalcualtion",
            "interestRecognitionOnDisbursementDate",
            "accountMovesOutOfNPAOnlyOnArrearsCompletion",
            "allowVariableInstallments",
            "holdGuaranteeFunds",
        ] {
            assert_eq!(p[flag], false, "{flag}");
        }
        // The view dereferences the advanced allocation lists on every product.
        assert_eq!(
            p["advancedPaymentAllocationTransactionTypes"][0],
            json!({"id": 1, "code": "DEFAULT", "value": "Default"})
        );
        for list in [
            "advancedPaymentAllocationTypes",
            "advancedPaymentAllocationFutureInstallmentAllocationRules",
            "creditAllocationTransactionTypes",
            "creditAllocationAllocationTypes",
        ] {
            assert!(!p[list].as_array().unwrap().is_empty(), "{list}");
        }
        assert_eq!(p["status"], "loanProduct.active");
        assert_eq!(p["charges"], json!([]));
        assert_eq!(p["allowAttributeOverrides"]["amortizationType"], false);
        assert_eq!(p["allowAttributeOverrides"]["interestType"], true);
        let all = app.get("/loanproducts").send().await.expect(200).json;
        assert_eq!(all.as_array().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn the_template_lists_fineracts_options_and_the_enabled_currencies() {
    for app in TestApp::all().await {
        let t = app
            .get("/loanproducts/template")
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(t["currencyOptions"][0]["code"], "USD", "{}", app.backend);
        assert_eq!(
            t["advancedPaymentAllocationTypes"][0],
            json!({"id": 1, "code": "PAST_DUE_PENALTY", "value": "Past due penalty"})
        );
        assert_eq!(t["amortizationTypeOptions"].as_array().unwrap().len(), 2);
        assert_eq!(
            t["interestRateFrequencyTypeOptions"][2],
            json!({"id": 4, "code": "interestRateFrequency.periodFrequencyType.whole_term", "value": "Whole term"})
        );
        assert_eq!(
            t["transactionProcessingStrategyOptions"][0]["code"],
            "mifos-standard-strategy"
        );
        assert_eq!(t["daysInYearTypeOptions"].as_array().unwrap().len(), 4);
        assert_eq!(t["daysInMonthTypeOptions"][1]["id"], 30);
        assert_eq!(t["accountingRuleOptions"].as_array().unwrap().len(), 4);
        assert_eq!(t["loanScheduleTypeOptions"][1]["code"], "PROGRESSIVE");
        assert_eq!(
            t["interestCalculationPeriodTypeOptions"][0]["code"],
            "interestCalculationPeriodType.daily"
        );
        assert_eq!(
            t["repaymentFrequencyTypeOptions"].as_array().unwrap().len(),
            3
        );
    }
}

#[tokio::test]
async fn every_validation_problem_is_reported_in_one_answer() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/loanproducts",
                json!({"shortName": "TOOLONG", "amortizationType": 7, "locale": "en"}),
            )
            .send()
            .await
            .expect(400);
        let codes: Vec<&str> = r.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["userMessageGlobalisationCode"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&"validation.msg.loanproduct.name.cannot.be.blank"),
            "{codes:?}"
        );
        assert!(
            codes.contains(&"validation.msg.loanproduct.shortName.exceeds.max.length"),
            "{codes:?}"
        );
        assert!(
            codes.contains(
                &"validation.msg.loanproduct.amortizationType.is.not.within.expected.range"
            ),
            "{codes:?}"
        );
        assert!(
            codes.contains(&"validation.msg.loanproduct.currencyCode.cannot.be.blank"),
            "{codes:?}"
        );
        let mut body = product("X", "X");
        body["interestRecalculationCompoundingMethod"] = json!(0);
        let r = app.post("/loanproducts", body).send().await.expect(400);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.parameter.unsupported"
        );
    }
}

#[tokio::test]
async fn defaults_outside_their_bounds_are_refused() {
    for app in TestApp::all().await {
        let mut body = product("Range", "RNG");
        body["principal"] = json!(500);
        body["numberOfRepayments"] = json!(30);
        let r = app.post("/loanproducts", body).send().await.expect(400);
        let text = r.json.to_string();
        assert!(
            text.contains(
                "validation.msg.loanproduct.principal.amount.is.not.within.min.max.range"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "validation.msg.loanproduct.numberOfRepayments.amount.is.not.within.min.max.range"
            ),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_duplicate_name_or_short_name_is_forbidden() {
    for app in TestApp::all().await {
        app.post("/loanproducts", product("Gold", "GLD"))
            .send()
            .await
            .expect(200);
        let r = app
            .post("/loanproducts", product("Gold", "GL2"))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.product.loan.duplicate.name",
            "{}",
            app.backend
        );
        let r = app
            .post("/loanproducts", product("Silver", "GLD"))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.product.loan.duplicate.short.name"
        );
    }
}

#[tokio::test]
async fn a_currency_the_organisation_has_not_enabled_is_refused() {
    for app in TestApp::all().await {
        let mut body = product("Shilling", "KES");
        body["currencyCode"] = json!("KES");
        let r = app.post("/loanproducts", body).send().await.expect(404);
        assert!(
            r.json
                .to_string()
                .contains("error.msg.currency.currencyCode.invalid.or.not.supported"),
            "{}",
            app.backend
        );
    }
}

#[tokio::test]
async fn an_update_answers_with_its_changes_and_by_external_id_too() {
    for app in TestApp::all().await {
        let id = app
            .post("/loanproducts", product("Gold", "GLD"))
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let u = app
            .put(&format!("/loanproducts/{id}"), json!({"name": "Gold Plus", "principal": 20000, "repaymentEvery": 1, "locale": "en"}))
            .send()
            .await
            .expect(200);
        assert_eq!(
            u.json,
            json!({"resourceId": id, "changes": {"name": "Gold Plus", "principal": 20000, "locale": "en"}}),
            "{}",
            app.backend
        );
        let p = app
            .get("/loanproducts/external-id/ext-GLD")
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(p["id"], id);
        assert_eq!(p["principal"], json!(20000.0));
        let u = app
            .put(
                "/loanproducts/external-id/ext-GLD",
                json!({"maxPrincipal": 100000}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(u.json["changes"], json!({"maxPrincipal": 100000}));
        let r = app
            .put(&format!("/loanproducts/{id}"), json!({"principal": 200000}))
            .send()
            .await
            .expect(400);
        assert!(
            r.json
                .to_string()
                .contains("principal.amount.is.not.within.min.max.range"),
            "{}",
            r.json
        );
        app.get("/loanproducts/external-id/nope")
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn loan_products_need_their_permissions() {
    for app in TestApp::all().await {
        user_with(&app, "reader", 1, &["READ_LOANPRODUCT"]).await;
        user_with(&app, "outsider", 1, &["READ_OFFICE"]).await;
        app.get("/loanproducts")
            .user("reader", PASSWORD)
            .send()
            .await
            .expect(200);
        app.get("/loanproducts/template")
            .user("outsider", PASSWORD)
            .send()
            .await
            .expect(403);
        let r = app
            .post("/loanproducts", product("Gold", "GLD"))
            .user("reader", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.not.authorized",
            "{}",
            app.backend
        );
    }
}
