use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::staff::{user_with, PASSWORD};

mod loan_products;

/// A loan charge as Fineract's `ChargesHelper.populateDefaultsForLoan` builds it.
fn loan_charge(name: &str, time: i64, calc: i64, penalty: bool) -> Value {
    json!({
        "name": name, "active": true, "amount": "100", "chargeAppliesTo": 1, "chargeTimeType": time,
        "chargeCalculationType": calc, "chargePaymentMode": 0, "penalty": penalty, "currencyCode": "USD",
        "locale": "en", "monthDayFormat": "dd MMM"
    })
}

fn savings_charge(name: &str, time: i64) -> Value {
    json!({
        "name": name, "active": true, "amount": "100", "chargeAppliesTo": 2, "chargeTimeType": time,
        "chargeCalculationType": 1, "currencyCode": "USD", "locale": "en", "monthDayFormat": "dd MMM"
    })
}

async fn create(app: &TestApp, body: Value) -> i64 {
    let r = app.post("/charges", body).send().await.expect(200);
    assert_eq!(r.json.as_object().unwrap().len(), 1, "{}", r.text);
    r.json["resourceId"].as_i64().unwrap()
}

fn codes(r: &Value) -> Vec<String> {
    let mut out: Vec<String> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["userMessageGlobalisationCode"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_loan_charge_reads_back_in_fineracts_shape() {
    for app in TestApp::all().await {
        let mut body = loan_charge("Processing fee", 1, 1, false);
        body["amount"] = json!(150.5);
        let id = create(&app, body).await;
        let c = app.get(&format!("/charges/{id}")).send().await.expect(200);
        assert_eq!(
            c.json,
            json!({
                "id": id, "name": "Processing fee", "active": true, "penalty": false, "freeWithdrawal": false,
                "isPaymentType": false, "freeWithdrawalChargeFrequency": 0, "restartFrequency": 0,
                "restartFrequencyEnum": 0,
                "currency": {"code": "USD", "name": "US Dollar", "decimalPlaces": 2, "displaySymbol": "$",
                             "nameCode": "currency.USD", "displayLabel": "US Dollar ($)"},
                "amount": 150.5,
                "chargeTimeType": {"id": 1, "code": "chargeTimeType.disbursement", "value": "Disbursement"},
                "chargeAppliesTo": {"id": 1, "code": "chargeAppliesTo.loan", "value": "Loan"},
                "chargeCalculationType": {"id": 1, "code": "chargeCalculationType.flat", "value": "Flat"},
                "chargePaymentMode": {"id": 0, "code": "chargepaymentmode.regular", "value": "Regular"}
            }),
            "{}",
            app.backend
        );
        assert!(c.text.contains("\"amount\":150.500000"), "{}", c.text);
    }
}

#[tokio::test]
async fn loan_charges_of_every_offered_time_type_and_calculation_are_created() {
    for app in TestApp::all().await {
        let cases = [
            ("Disbursement", 1, 1, false),
            ("Due date", 2, 2, true),
            ("Installment", 8, 3, false),
            ("Overdue", 9, 4, true),
            ("Tranche", 12, 5, false),
        ];
        for (name, time, calc, penalty) in cases {
            let id = create(&app, loan_charge(name, time, calc, penalty)).await;
            let c = app.get(&format!("/charges/{id}")).send().await.expect(200);
            assert_eq!(
                c.json["chargeTimeType"]["id"], time,
                "{name} {}",
                app.backend
            );
            assert_eq!(c.json["chargeCalculationType"]["id"], calc, "{name}");
            assert_eq!(c.json["penalty"], penalty, "{name}");
        }
        let mut overdue = loan_charge("Overdue monthly", 9, 1, true);
        overdue["feeFrequency"] = json!(2);
        overdue["feeInterval"] = json!(2);
        overdue["feeOnMonthDay"] = json!("04 March");
        let id = create(&app, overdue).await;
        let c = app
            .get(&format!("/charges/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(
            c["feeFrequency"],
            json!({"id": 2, "code": "feeFrequencyperiodFrequencyType.months", "value": "Months"})
        );
        assert_eq!(c["feeInterval"], 2);
        assert!(
            c.get("feeOnMonthDay").is_none(),
            "only monthly and annual fees keep the day"
        );
        let mut capped = loan_charge("Capped", 2, 2, false);
        capped["minCap"] = json!(10);
        capped["maxCap"] = json!("50");
        let id = create(&app, capped).await;
        let c = app
            .get(&format!("/charges/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(
            (c["minCap"].clone(), c["maxCap"].clone()),
            (json!(10.0), json!(50.0))
        );
        let all = app.get("/charges").send().await.expect(200).json;
        let names: Vec<&str> = all
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "Capped",
                "Disbursement",
                "Due date",
                "Installment",
                "Overdue",
                "Overdue monthly",
                "Tranche"
            ],
            "Fineract lists charges by name"
        );
    }
}

#[tokio::test]
async fn savings_and_client_charges_are_created() {
    for app in TestApp::all().await {
        create(&app, savings_charge("Activation", 3)).await;
        let mut withdrawal = savings_charge("Withdrawal", 5);
        withdrawal["chargeCalculationType"] = json!(2);
        withdrawal["enablePaymentType"] = json!(true);
        withdrawal["paymentTypeId"] = json!(1);
        let id = create(&app, withdrawal).await;
        let c = app
            .get(&format!("/charges/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(c["isPaymentType"], true, "{}", app.backend);
        assert_eq!(
            c["paymentTypeOptions"],
            json!({"id": 1, "name": "Money Transfer"})
        );
        let mut annual = savings_charge("Annual", 6);
        annual["feeOnMonthDay"] = json!("04 March");
        let id = create(&app, annual).await;
        let c = app
            .get(&format!("/charges/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(c["feeOnMonthDay"], json!([3, 4]));
        let mut monthly = savings_charge("Monthly", 7);
        monthly["feeOnMonthDay"] = json!("29 February");
        monthly["feeInterval"] = json!(2);
        create(&app, monthly).await;
        let client = json!({
            "name": "Membership", "active": true, "amount": 25, "chargeAppliesTo": 3, "chargeTimeType": 2,
            "chargeCalculationType": 1, "currencyCode": "USD", "locale": "en", "monthDayFormat": "dd MMM"
        });
        let id = create(&app, client).await;
        let c = app
            .get(&format!("/charges/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(c["chargeAppliesTo"]["value"], "Client");
        assert_eq!(
            c["chargePaymentMode"]["id"], 0,
            "Fineract reads an unset mode as regular"
        );
    }
}

#[tokio::test]
async fn the_template_offers_fineracts_option_lists() {
    for app in TestApp::all().await {
        let t = app.get("/charges/template").send().await.expect(200).json;
        assert_eq!(t["active"], false, "{}", app.backend);
        assert_eq!(t["currencyOptions"][0]["code"], "USD");
        let ids = |key: &str| -> Vec<i64> {
            t[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_i64().unwrap())
                .collect()
        };
        assert_eq!(ids("chargeAppliesToOptions"), [1, 2, 3, 4]);
        assert_eq!(
            ids("chargeTimeTypeOptions"),
            [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
        );
        assert_eq!(ids("chargeCalculationTypeOptions"), [1, 2, 3, 4, 5]);
        assert_eq!(ids("loanChargeTimeTypeOptions"), [1, 2, 8, 9, 12]);
        assert_eq!(ids("loanChargeCalculationTypeOptions"), [1, 2, 3, 4, 5]);
        assert_eq!(
            ids("savingsChargeTimeTypeOptions"),
            [2, 3, 5, 6, 7, 11, 10, 16]
        );
        assert_eq!(ids("savingsChargeCalculationTypeOptions"), [1, 2]);
        assert_eq!(ids("clientChargeTimeTypeOptions"), [2]);
        assert_eq!(ids("clientChargeCalculationTypeOptions"), [1]);
        assert_eq!(ids("shareChargeTimeTypeOptions"), [13, 14, 15]);
        assert_eq!(ids("chargePaymetModeOptions"), [0, 1]);
        assert_eq!(ids("feeFrequencyOptions"), [0, 1, 2, 3, 5]);
        assert_eq!(
            t["loanChargeTimeTypeOptions"][3],
            json!({"id": 9, "code": "chargeTimeType.overdueInstallment", "value": "Overdue Fees"})
        );
        assert_eq!(
            t["feeFrequencyOptions"][0],
            json!({"id": 0, "code": "frequencyperiodFrequencyType.days", "value": "Days"})
        );
        assert_eq!(
            t["incomeOrLiabilityAccountOptions"]["incomeAccountOptions"],
            json!([])
        );
        let id = create(&app, loan_charge("Fee", 1, 1, false)).await;
        let c = app
            .get(&format!("/charges/{id}?template=true"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(c["name"], "Fee");
        assert_eq!(c["loanChargeTimeTypeOptions"].as_array().unwrap().len(), 5);
    }
}

#[tokio::test]
async fn an_update_answers_with_the_changed_parameters() {
    for app in TestApp::all().await {
        let id = create(&app, loan_charge("Fee", 8, 1, false)).await;
        let u = app
            .put(
                &format!("/charges/{id}"),
                json!({"locale": "en", "amount": 200.0}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            u.json,
            json!({"resourceId": id, "changes": {"amount": 200.0, "locale": "en"}}),
            "{}",
            app.backend
        );
        let u = app
            .put(
                &format!("/charges/{id}"),
                json!({"locale": "en", "chargeCalculationType": 2, "chargePaymentMode": 1, "amount": 200}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            u.json["changes"],
            json!({"chargeCalculationType": 2, "chargePaymentMode": 1, "locale": "en"})
        );
        let c = app
            .get(&format!("/charges/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(c["amount"], json!(200.0));
        assert_eq!(c["chargeCalculationType"]["id"], 2);
        assert_eq!(c["chargePaymentMode"]["id"], 1);
        let u = app
            .put(&format!("/charges/{id}"), json!({"name": "Fee"}))
            .send()
            .await
            .expect(200);
        assert_eq!(u.json, json!({"resourceId": id, "changes": {}}));
        let r = app
            .put(&format!("/charges/{id}"), json!({"chargeAppliesTo": 2}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.charge.update.of.charge.applies.to.is.not.supported"
        );
        let r = app
            .put(&format!("/charges/{id}"), json!({"chargeTimeType": 9}))
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.charge.must.be.penalty");
    }
}

#[tokio::test]
async fn a_deleted_charge_is_gone_and_its_name_is_free_again() {
    for app in TestApp::all().await {
        let id = create(&app, loan_charge("Fee", 1, 1, false)).await;
        let d = app
            .delete(&format!("/charges/{id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(d.json, json!({"resourceId": id}), "{}", app.backend);
        let r = app.get(&format!("/charges/{id}")).send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.charge.id.invalid");
        app.delete(&format!("/charges/{id}"))
            .send()
            .await
            .expect(404);
        assert_eq!(app.get("/charges").send().await.expect(200).json, json!([]));
        create(&app, loan_charge("Fee", 1, 1, false)).await;
    }
}

#[tokio::test]
async fn an_unknown_charge_is_a_404() {
    for app in TestApp::all().await {
        let r = app.get("/charges/99").send().await.expect(404);
        assert_eq!(
            r.error_code(),
            "error.msg.charge.id.invalid",
            "{}",
            app.backend
        );
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "Charge with identifier 99 does not exist"
        );
        let r = app
            .put("/charges/99", json!({"name": "x"}))
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.charge.id.invalid");
        app.delete("/charges/99").send().await.expect(404);
        app.get("/charges/abc").send().await.expect(404);
    }
}

#[tokio::test]
async fn a_second_charge_with_the_same_name_is_refused() {
    for app in TestApp::all().await {
        create(&app, loan_charge("Fee", 1, 1, false)).await;
        let r = app
            .post("/charges", savings_charge("Fee", 3))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.charge.duplicate.name",
            "{}",
            app.backend
        );
        assert_eq!(r.error_code(), "error.msg.charge.duplicate.name");
    }
}

#[tokio::test]
async fn an_unknown_parameter_is_a_400() {
    for app in TestApp::all().await {
        let mut body = loan_charge("Fee", 1, 1, false);
        body["dueDate"] = json!("01 March 2024");
        let r = app.post("/charges", body).send().await.expect(400);
        assert_eq!(
            r.error_code(),
            "error.msg.parameter.unsupported",
            "{}",
            app.backend
        );
        assert_eq!(r.json["errors"][0]["parameterName"], "dueDate");
    }
}

#[tokio::test]
async fn combinations_fineract_refuses_are_400s_with_its_codes() {
    for app in TestApp::all().await {
        let r = app
            .post("/charges", json!({"locale": "en"}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            codes(&r.json),
            [
                "validation.msg.charge.amount.cannot.be.blank",
                "validation.msg.charge.chargeAppliesTo.cannot.be.blank",
                "validation.msg.charge.chargeCalculationType.cannot.be.blank",
                "validation.msg.charge.currencyCode.cannot.be.blank",
                "validation.msg.charge.name.cannot.be.blank",
            ],
            "{}",
            app.backend
        );
        let r = app
            .post("/charges", loan_charge("Fee", 3, 1, false))
            .send()
            .await
            .expect(400);
        assert_eq!(
            codes(&r.json),
            ["validation.msg.charge.chargeTimeType.is.not.one.of.expected.enumerations"]
        );
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "The parameter `chargeTimeType` must be one of [ 1, 2, 8, 9, 12 ] ."
        );
        let r = app
            .post("/charges", loan_charge("Fee", 1, 5, false))
            .send()
            .await
            .expect(400);
        assert_eq!(
            codes(&r.json),
            ["validation.msg.charge.chargeCalculationType.is.one.of.unwanted.enumerations"]
        );
        let mut client = savings_charge("Fee", 2);
        client["chargeAppliesTo"] = json!(3);
        client["chargeCalculationType"] = json!(2);
        let r = app.post("/charges", client).send().await.expect(400);
        assert_eq!(
            codes(&r.json),
            ["validation.msg.charge.chargeCalculationType.is.not.one.of.expected.enumerations"]
        );
        let mut no_mode = loan_charge("Fee", 1, 1, false);
        no_mode.as_object_mut().unwrap().remove("chargePaymentMode");
        let r = app.post("/charges", no_mode).send().await.expect(400);
        assert_eq!(
            codes(&r.json),
            [
                "validation.msg.charge.chargePaymentMode.cannot.be.blank",
                "validation.msg.charge.chargePaymentMode.is.not.one.of.expected.enumerations",
            ]
        );
        let r = app
            .post("/charges", savings_charge("Monthly", 7))
            .send()
            .await
            .expect(400);
        assert_eq!(
            codes(&r.json),
            [
                "validation.msg.charge.feeInterval.cannot.be.blank",
                "validation.msg.charge.feeOnMonthDay.cannot.be.blank"
            ]
        );
        let mut pct = savings_charge("Pct", 3);
        pct["chargeCalculationType"] = json!(2);
        let r = app.post("/charges", pct).send().await.expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.charges.savings.charge.calculation.type.percentage.allowed.only.for.withdrawal.or.NoActivity"
        );
        let mut bad_day = savings_charge("Annual", 6);
        bad_day["feeOnMonthDay"] = json!("31 April");
        let r = app.post("/charges", bad_day).send().await.expect(400);
        assert_eq!(r.error_code(), "validation.msg.invalid.month.day");
        let mut zero = loan_charge("Fee", 1, 1, false);
        zero["amount"] = json!(0);
        let r = app.post("/charges", zero).send().await.expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.charge.amount.not.greater.than.zero"
        );
        let r = app
            .post("/charges", loan_charge("Fee", 1, 1, true))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.charge.due.at.disbursement.cannot.be.penalty"
        );
        let r = app
            .post("/charges", loan_charge("Fee", 9, 1, false))
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.charge.must.be.penalty");
        let mut euro = loan_charge("Fee", 1, 1, false);
        euro["currencyCode"] = json!("EUR");
        let r = app.post("/charges", euro).send().await.expect(404);
        assert_eq!(
            r.error_code(),
            "error.msg.currency.currencyCode.invalid.or.not.supported"
        );
        assert_eq!(app.get("/charges").send().await.expect(200).json, json!([]));
    }
}

#[tokio::test]
async fn charges_need_their_permissions() {
    for app in TestApp::all().await {
        user_with(&app, "reader", 1, &["READ_CHARGE"]).await;
        user_with(&app, "outsider", 1, &["READ_OFFICE"]).await;
        app.get("/charges")
            .user("reader", PASSWORD)
            .send()
            .await
            .expect(200);
        app.get("/charges/template")
            .user("outsider", PASSWORD)
            .send()
            .await
            .expect(403);
        let r = app
            .post("/charges", loan_charge("Fee", 1, 1, false))
            .user("reader", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.not.authorized",
            "{}",
            app.backend
        );
        let id = create(&app, loan_charge("Fee", 1, 1, false)).await;
        app.put(&format!("/charges/{id}"), json!({"name": "x"}))
            .user("reader", PASSWORD)
            .send()
            .await
            .expect(403);
        app.delete(&format!("/charges/{id}"))
            .user("reader", PASSWORD)
            .send()
            .await
            .expect(403);
    }
}

#[tokio::test]
async fn a_repeated_idempotency_key_replays_the_creation() {
    for app in TestApp::all().await {
        let first = app
            .post("/charges", loan_charge("Fee", 1, 1, false))
            .header("Idempotency-Key", "charge-1")
            .send()
            .await
            .expect(200);
        let again = app
            .post("/charges", loan_charge("Fee", 1, 1, false))
            .header("Idempotency-Key", "charge-1")
            .send()
            .await
            .expect(200);
        assert_eq!(
            again.header("x-served-from-cache"),
            Some("true"),
            "{}",
            app.backend
        );
        assert_eq!(again.text, first.text);
        assert_eq!(
            app.get("/charges")
                .send()
                .await
                .expect(200)
                .json
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
}
