//! Charge adjustments, charge refunds and the undo of charge transactions through the API, the
//! `charges` association of a loan and the external-id twins of the loan charge routes.
//! Worked numbers: fineract-e2e-tests-runner/.../features/LoanCharge.feature ("Charge adjustment works
//! properly") and integration-tests/.../ClientLoanChargeRefundIntegrationTest.java.

use kassa_testkit::TestApp;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::loan_lifecycle::{command, dated, dec, loan, pay};
use crate::loans::client;

pub(crate) fn code(r: &kassa_testkit::Resp) -> String {
    let j = &r.json;
    j["errors"][0]["userMessageGlobalisationCode"]
        .as_str()
        .or_else(|| j["userMessageGlobalisationCode"].as_str())
        .unwrap_or_default()
        .to_string()
}

pub(crate) async fn business_date(app: &TestApp, date: &str) {
    app.put(
        "/configurations/name/enable-business-date",
        json!({"enabled": true}),
    )
    .send()
    .await
    .expect(200);
    let body = json!({"type": "BUSINESS_DATE", "date": date, "dateFormat": "dd MMMM yyyy", "locale": "en"});
    app.post("/businessdate", body).send().await.expect(200);
}

/// A specified-due-date loan charge definition of `amount` USD.
pub(crate) async fn due_date_charge(app: &TestApp, name: &str, amount: &str, penalty: bool) -> i64 {
    let body = json!({
        "name": name, "active": true, "amount": amount, "chargeAppliesTo": 1, "chargeTimeType": 2,
        "chargeCalculationType": 1, "chargePaymentMode": 0, "penalty": penalty, "currencyCode": "USD",
        "locale": "en", "monthDayFormat": "dd MMM"
    });
    app.post("/charges", body).send().await.expect(200).json["resourceId"]
        .as_i64()
        .unwrap()
}

/// Fineract's e2e LP1: 1 000 over two months, no interest, penalties-fees-interest-principal; submitted,
/// approved and disbursed on 22 October 2022 with the business date on 23 October 2022.
pub(crate) async fn lp1(app: &TestApp, external_id: Option<&str>) -> i64 {
    business_date(app, "23 October 2022").await;
    let product = json!({
        "name": "LP1", "shortName": "LP1", "currencyCode": "USD", "digitsAfterDecimal": 2, "inMultiplesOf": 0,
        "principal": 1000, "numberOfRepayments": 2, "repaymentEvery": 1, "repaymentFrequencyType": 2,
        "interestRatePerPeriod": 0, "interestRateFrequencyType": 2, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "daysInYearType": 1, "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false,
        "locale": "en"
    });
    let product_id = app
        .post("/loanproducts", product)
        .send()
        .await
        .expect(200)
        .json["resourceId"]
        .as_i64()
        .unwrap();
    let client_id = client(app, 1, true).await;
    let mut application = json!({
        "clientId": client_id, "loanType": "individual", "productId": product_id, "principal": 1000,
        "loanTermFrequency": 2, "loanTermFrequencyType": 2, "numberOfRepayments": 2, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 0, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "expectedDisbursementDate": "22 October 2022", "submittedOnDate": "22 October 2022",
        "dateFormat": "dd MMMM yyyy", "locale": "en"
    });
    if let Some(ext) = external_id {
        application["externalId"] = json!(ext);
    }
    let id = app
        .post("/loans", application)
        .send()
        .await
        .expect(200)
        .json["loanId"]
        .as_i64()
        .unwrap();
    let approve = json!({"approvedOnDate": "22 October 2022"});
    command(app, id, "approve", approve).await.expect(200);
    let disburse = json!({"actualDisbursementDate": "22 October 2022"});
    command(app, id, "disburse", disburse).await.expect(200);
    id
}

pub(crate) async fn add_charge(
    app: &TestApp,
    loan: i64,
    charge: i64,
    due: &str,
    ext: Option<&str>,
) -> i64 {
    let mut body = json!({"chargeId": charge, "dueDate": due});
    if let Some(ext) = ext {
        body["externalId"] = json!(ext);
    }
    let r = app
        .post(&format!("/loans/{loan}/charges"), dated(body))
        .send()
        .await;
    r.expect(200).json["resourceId"].as_i64().unwrap()
}

pub(crate) async fn adjust(
    app: &TestApp,
    loan: i64,
    charge: i64,
    amount: &str,
) -> kassa_testkit::Resp {
    let body = json!({"amount": amount, "locale": "en"});
    app.post(
        &format!("/loans/{loan}/charges/{charge}?command=adjustment"),
        body,
    )
    .send()
    .await
}

async fn refund(app: &TestApp, loan: i64, body: Value) -> kassa_testkit::Resp {
    app.post(
        &format!("/loans/{loan}/transactions?command=chargeRefund"),
        dated(body),
    )
    .send()
    .await
}

async fn undo(app: &TestApp, loan: i64, tx: i64, date: &str) -> kassa_testkit::Resp {
    let body = json!({"transactionDate": date, "transactionAmount": 0});
    app.post(&format!("/loans/{loan}/transactions/{tx}"), dated(body))
        .send()
        .await
}

async fn loan_charge(app: &TestApp, loan: i64, id: i64) -> Value {
    app.get(&format!("/loans/{loan}/charges/{id}"))
        .send()
        .await
        .expect(200)
        .json
}

fn transaction(l: &Value, id: i64) -> Value {
    l["transactions"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["id"] == id))
        .cloned()
        .unwrap_or(Value::Null)
}

fn outstanding(l: &Value) -> Decimal {
    dec(&l["summary"]["totalOutstanding"])
}

pub(crate) fn n(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[tokio::test]
async fn a_charge_adjustment_is_walked_like_a_repayment_and_undone_with_an_adjustment_to_zero() {
    for app in TestApp::all().await {
        let id = lp1(&app, None).await;
        let nsf = due_date_charge(&app, "NSF fee", "10", true).await;
        let lc = add_charge(&app, id, nsf, "23 October 2022", None).await;
        business_date(&app, "04 November 2022").await;

        let r = adjust(&app, id, lc, "3").await.expect(200);
        let ctx = format!("{}: {}", app.backend, r.text);
        assert_eq!(r.json["resourceId"], lc, "{ctx}");
        assert_eq!(r.json["loanId"], id, "{ctx}");
        let adjustment = r.json["subResourceId"].as_i64().unwrap();
        let l = loan(&app, id).await;
        assert_eq!(outstanding(&l), n("1007"), "{ctx}");
        let t = transaction(&l, adjustment);
        assert_eq!(
            t["type"]["code"], "loanTransactionType.chargeAdjustment",
            "{t}"
        );
        assert_eq!(t["type"]["chargeAdjustment"], true, "{t}");
        assert_eq!(t["date"], json!([2022, 11, 4]), "{t}");
        assert_eq!(dec(&t["penaltyChargesPortion"]), n("3"), "{t}");

        // A back-dated repayment of 8 pays the penalty; the adjustment moves to 2 penalty + 1 principal.
        pay(&app, id, "repayment", "25 October 2022", json!(8))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(outstanding(&l), n("999"), "{}", app.backend);
        let t = transaction(&l, adjustment);
        assert_eq!(dec(&t["principalPortion"]), n("1"), "{t}");
        assert_eq!(dec(&t["penaltyChargesPortion"]), n("2"), "{t}");
        let c = loan_charge(&app, id, lc).await;
        assert_eq!(dec(&c["amountPaid"]), n("10"), "{c}");
        assert_eq!(dec(&c["amountOutstanding"]), n("0"), "{c}");

        // 3 of the 10 are adjusted already: 8 more is refused.
        let r = adjust(&app, id, lc, "8").await.expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.charge.adjustment.invalid.amount",
            "{}",
            r.text
        );

        undo(&app, id, adjustment, "04 November 2022")
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(outstanding(&l), n("1002"), "{}", app.backend);
        assert_eq!(transaction(&l, adjustment)["manuallyReversed"], true);
        let c = loan_charge(&app, id, lc).await;
        assert_eq!(dec(&c["amountPaid"]), n("8"), "{c}");
    }
}

#[tokio::test]
async fn a_charge_adjustment_needs_a_positive_amount_within_the_charge() {
    for app in TestApp::all().await {
        let id = lp1(&app, None).await;
        let nsf = due_date_charge(&app, "NSF fee", "10", true).await;
        let lc = add_charge(&app, id, nsf, "23 October 2022", None).await;
        let r = adjust(&app, id, lc, "0").await.expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loan.charge.adjustment.request.amount.not.greater.than.zero",
            "{}",
            r.text
        );
        let r = app
            .post(
                &format!("/loans/{id}/charges/{lc}?command=adjustment"),
                json!({}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(r.json["errors"][0]["parameterName"], "amount", "{}", r.text);
        let r = adjust(&app, id, lc, "11").await.expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.charge.adjustment.invalid.amount",
            "{}",
            r.text
        );
        adjust(&app, id, 999_999, "1").await.expect(404);
    }
}

#[tokio::test]
async fn a_charge_refund_repays_the_loan_up_to_what_was_paid_of_the_charge() {
    for app in TestApp::all().await {
        let id = lp1(&app, None).await;
        let fee = due_date_charge(&app, "Service fee", "120", false).await;
        let lc = add_charge(&app, id, fee, "23 October 2022", None).await;
        // Nothing paid yet: nothing to refund.
        let r = refund(
            &app,
            id,
            json!({"loanChargeId": lc, "transactionAmount": 1}),
        )
        .await;
        assert_eq!(r.status, 403, "{}", r.text);
        assert_eq!(
            code(&r),
            "error.msg.loan.charge.transaction.amount.is.more.than.is.refundable"
        );
        // 80 of the fee paid, then refunded: the refund pays the other 40 of the fee and 40 principal.
        business_date(&app, "04 November 2022").await;
        pay(&app, id, "repayment", "25 October 2022", json!(80))
            .await
            .expect(200);
        let r = refund(
            &app,
            id,
            json!({"loanChargeId": lc, "transactionAmount": 80}),
        )
        .await;
        let r = r.expect(200);
        let refund_id = r.json["resourceId"].as_i64().unwrap();
        let l = loan(&app, id).await;
        let t = transaction(&l, refund_id);
        assert_eq!(t["type"]["code"], "loanTransactionType.chargeRefund", "{t}");
        assert_eq!(dec(&t["feeChargesPortion"]), n("40"), "{t}");
        assert_eq!(dec(&t["principalPortion"]), n("40"), "{t}");
        assert_eq!(
            dec(&l["summary"]["feeChargesPaid"]),
            n("120"),
            "{}",
            app.backend
        );

        // 120 paid, 80 refunded: 40 is left to refund.
        let r = refund(
            &app,
            id,
            json!({"loanChargeId": lc, "transactionAmount": 41}),
        )
        .await;
        assert_eq!(r.status, 403, "{}", r.text);
        let r = refund(
            &app,
            id,
            json!({"loanChargeId": lc, "installmentNumber": 1}),
        )
        .await;
        assert_eq!(
            code(&r),
            "error.msg.loan.charge.refund.dueDate.or.installmentNumber.provided.but.this.is.not.an.installment.charge",
            "{}",
            r.text
        );

        // A repayment or the undo of one dated before the refund is refused.
        let r = pay(&app, id, "repayment", "01 November 2022", json!(10)).await;
        assert_eq!(r.status, 403, "{}", r.text);
        assert_eq!(
            code(&r),
            "error.msg.loan.transaction.cant.be.created.because.later.charge.refund.exists"
        );
        let repayment = l["transactions"]
            .as_array()
            .and_then(|ts| ts.iter().find(|t| t["type"]["repayment"] == true))
            .and_then(|t| t["id"].as_i64())
            .unwrap();
        let r = undo(&app, id, repayment, "04 November 2022").await;
        assert_eq!(
            code(&r),
            "error.msg.loan.transaction.cant.be.reversed.because.later.charge.refund.exists",
            "{}",
            r.text
        );

        // Without an amount the rest (40) is refunded; undoing the refunds frees them again.
        let r = refund(&app, id, json!({"loanChargeId": lc}))
            .await
            .expect(200);
        let second = r.json["resourceId"].as_i64().unwrap();
        assert_eq!(
            dec(&transaction(&loan(&app, id).await, second)["amount"]),
            n("40")
        );
        undo(&app, id, second, "04 November 2022").await.expect(200);
        undo(&app, id, refund_id, "04 November 2022")
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(
            dec(&l["summary"]["feeChargesPaid"]),
            n("80"),
            "{}",
            app.backend
        );
    }
}

#[tokio::test]
async fn undoing_a_charge_waiver_makes_the_charge_owed_again() {
    for app in TestApp::all().await {
        let id = lp1(&app, None).await;
        let nsf = due_date_charge(&app, "NSF fee", "10", true).await;
        let lc = add_charge(&app, id, nsf, "23 October 2022", None).await;
        let waive = |lc: i64| {
            let app = &app;
            async move {
                let r = app
                    .post(
                        &format!("/loans/{id}/charges/{lc}?command=waive"),
                        json!({}),
                    )
                    .send()
                    .await
                    .expect(200);
                r.json["subResourceId"].as_i64().unwrap()
            }
        };
        let waiver = waive(lc).await;
        assert_eq!(outstanding(&loan(&app, id).await), n("1000"));

        let r = app
            .put(&format!("/loans/{id}/transactions/{waiver}"), json!({}))
            .send()
            .await;
        let r = r.expect(200);
        assert_eq!(r.json["resourceId"], lc, "{}", r.text);
        assert_eq!(r.json["subResourceId"], waiver, "{}", r.text);
        let l = loan(&app, id).await;
        assert_eq!(outstanding(&l), n("1010"), "{}", app.backend);
        assert_eq!(transaction(&l, waiver)["manuallyReversed"], true);
        let c = loan_charge(&app, id, lc).await;
        assert_eq!(dec(&c["amountWaived"]), n("0"), "{c}");
        assert_eq!(dec(&c["amountOutstanding"]), n("10"), "{c}");

        let r = app
            .put(&format!("/loans/{id}/transactions/{waiver}"), json!({}))
            .send()
            .await;
        assert_eq!(code(&r.expect(403)), "error.msg.transaction.cannot.reverse");

        // A waiver can be undone through the generic undo as well (Fineract's `isWaiver()`).
        let again = waive(lc).await;
        undo(&app, id, again, "23 October 2022").await.expect(200);
        assert_eq!(outstanding(&loan(&app, id).await), n("1010"));

        // Something else than a waiver is refused.
        let r = pay(&app, id, "repayment", "23 October 2022", json!(5))
            .await
            .expect(200);
        let repayment = r.json["resourceId"].as_i64().unwrap();
        let r = app
            .put(&format!("/loans/{id}/transactions/{repayment}"), json!({}))
            .send()
            .await;
        assert_eq!(
            code(&r.expect(403)),
            "error.msg.loan.transaction.undo.waive.charge"
        );
        app.put(&format!("/loans/{id}/transactions/999999"), json!({}))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn a_charge_payment_cannot_be_undone_as_fineract_allows_only_repayments_and_waivers() {
    for app in TestApp::all().await {
        let id = lp1(&app, None).await;
        let fee = due_date_charge(&app, "Service fee", "20", false).await;
        let lc = add_charge(&app, id, fee, "23 October 2022", None).await;
        let body = dated(json!({"transactionDate": "23 October 2022"}));
        let r = app
            .post(&format!("/loans/{id}/charges/{lc}?command=pay"), body)
            .send()
            .await
            .expect(200);
        let payment = r.json["subResourceId"].as_i64().unwrap();
        let r = undo(&app, id, payment, "23 October 2022").await;
        assert_eq!(r.status, 403, "{}", r.text);
        assert_eq!(
            code(&r),
            "error.msg.loan.transaction.adjustment.is.only.allowed.to.repayment.or.waiver.or.creditbalancerefund.transactions"
        );
        assert_eq!(dec(&loan_charge(&app, id, lc).await["amountPaid"]), n("20"));
    }
}

#[tokio::test]
async fn an_installment_fee_is_refunded_one_installment_at_a_time() {
    for app in TestApp::all().await {
        let body = json!({
            "name": "Per installment", "active": true, "amount": "5", "chargeAppliesTo": 1,
            "chargeTimeType": 8, "chargeCalculationType": 1, "chargePaymentMode": 0, "penalty": false,
            "currencyCode": "USD", "locale": "en"
        });
        let fee = app.post("/charges", body).send().await.expect(200).json["resourceId"]
            .as_i64()
            .unwrap();
        let id = lp1(&app, None).await;
        let lc = app
            .post(
                &format!("/loans/{id}/charges"),
                dated(json!({"chargeId": fee})),
            )
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        business_date(&app, "04 November 2022").await;
        // The first installment's fee is paid by a repayment.
        pay(&app, id, "repayment", "25 October 2022", json!(5))
            .await
            .expect(200);
        let r = refund(&app, id, json!({"loanChargeId": lc}))
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.charge.refund.neither.dueDate.nor.installmentNumber.provided.for.this.installment.charge"
        );
        let both =
            json!({"loanChargeId": lc, "installmentNumber": 1, "dueDate": "22 November 2022"});
        let r = refund(&app, id, both).await.expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.charge.refund.dueDate.and.installmentNumber.provided.use.only.one"
        );
        let r = refund(
            &app,
            id,
            json!({"loanChargeId": lc, "installmentNumber": 2}),
        )
        .await;
        assert_eq!(r.status, 400, "nothing paid of installment 2: {}", r.text);
        let r = refund(
            &app,
            id,
            json!({"loanChargeId": lc, "installmentNumber": 3}),
        )
        .await;
        assert_eq!(
            code(&r),
            "error.msg.loan.charge.refund.installment.not.found",
            "{}",
            r.text
        );
        let by_date = json!({"loanChargeId": lc, "dueDate": "22 November 2022"});
        let r = refund(&app, id, by_date).await.expect(200);
        let t = transaction(
            &loan(&app, id).await,
            r.json["resourceId"].as_i64().unwrap(),
        );
        assert_eq!(dec(&t["amount"]), n("5"), "{t}");
        let again = refund(
            &app,
            id,
            json!({"loanChargeId": lc, "installmentNumber": 1}),
        )
        .await;
        assert_eq!(again.status, 400, "all of it is refunded: {}", again.text);
    }
}
