//! Charges on a loan through the API: where a charge lands on the schedule, how repayments, charge
//! payments and waivers settle it, and Fineract's rules for adding and deleting one.

use kassa_testkit::TestApp;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::loans::{application, setup, submit};

mod applications;

fn dated(mut body: Value) -> Value {
    body["dateFormat"] = json!("dd MMMM yyyy");
    body["locale"] = json!("en");
    body
}

fn dec(v: &Value) -> Decimal {
    v.to_string().parse().unwrap_or_default()
}

fn code(r: &kassa_testkit::Resp) -> String {
    let j = &r.json;
    j["errors"][0]["userMessageGlobalisationCode"]
        .as_str()
        .or_else(|| j["userMessageGlobalisationCode"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// A loan charge definition as `ChargesHelper` builds them: `time` 1 disbursement, 2 specified due date,
/// 8 installment fee; `calc` 1 flat, 2 % of amount.
async fn charge(
    app: &TestApp,
    name: &str,
    time: i64,
    calc: i64,
    amount: &str,
    penalty: bool,
) -> i64 {
    let body = json!({
        "name": name, "active": true, "amount": amount, "chargeAppliesTo": 1, "chargeTimeType": time,
        "chargeCalculationType": calc, "chargePaymentMode": 0, "penalty": penalty, "currencyCode": "USD",
        "locale": "en", "monthDayFormat": "dd MMM"
    });
    app.post("/charges", body).send().await.expect(200).json["resourceId"]
        .as_i64()
        .unwrap()
}

async fn command(app: &TestApp, id: i64, command: &str, body: Value) {
    app.post(&format!("/loans/{id}?command={command}"), dated(body))
        .send()
        .await
        .expect(200);
}

/// The RS02 loan (5 000 over 18 months at 12 % a year, mifos-standard) as submitted on 1 November 2022.
async fn pending(app: &TestApp) -> i64 {
    let (product, client_id) = setup(app).await;
    submit(app, application(product, client_id)).await
}

async fn approve_and_disburse(app: &TestApp, id: i64, amount: i64) {
    command(
        app,
        id,
        "approve",
        json!({"approvedOnDate": "01 November 2022", "approvedLoanAmount": amount}),
    )
    .await;
    command(
        app,
        id,
        "disburse",
        json!({"actualDisbursementDate": "01 November 2022", "transactionAmount": amount}),
    )
    .await;
}

async fn add(app: &TestApp, loan: i64, body: Value) -> kassa_testkit::Resp {
    app.post(&format!("/loans/{loan}/charges"), dated(body))
        .send()
        .await
}

async fn added(app: &TestApp, loan: i64, body: Value) -> i64 {
    let r = add(app, loan, body).await.expect(200);
    assert_eq!(r.json["loanId"], loan, "{}", r.text);
    r.json["resourceId"].as_i64().unwrap()
}

async fn loan(app: &TestApp, id: i64) -> Value {
    app.get(&format!("/loans/{id}?associations=all"))
        .send()
        .await
        .expect(200)
        .json
}

async fn loan_charge(app: &TestApp, loan: i64, id: i64) -> Value {
    app.get(&format!("/loans/{loan}/charges/{id}"))
        .send()
        .await
        .expect(200)
        .json
}

/// The schedule's installment `n` (period 0 is the disbursement).
fn period(l: &Value, n: usize) -> &Value {
    &l["repaymentSchedule"]["periods"][n]
}

#[tokio::test]
async fn a_specified_due_date_fee_lands_on_the_installment_holding_its_due_date_and_survives_approval(
) {
    for app in TestApp::all().await {
        let fee = charge(&app, "Late visit", 2, 1, "100", false).await;
        let id = pending(&app).await;
        let lc = added(
            &app,
            id,
            json!({"chargeId": fee, "dueDate": "15 December 2022"}),
        )
        .await;
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        // Installment 2 runs from 1 December (exclusive) to 1 January.
        assert_eq!(
            dec(&period(&l, 2)["feeChargesDue"]),
            Decimal::from(100),
            "{ctx}"
        );
        assert_eq!(dec(&period(&l, 1)["feeChargesDue"]), Decimal::ZERO, "{ctx}");

        // Approving a smaller amount regenerates the schedule; the charge stays on it.
        approve_and_disburse(&app, id, 4000).await;
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(
            dec(&period(&l, 2)["feeChargesDue"]),
            Decimal::from(100),
            "{ctx}"
        );
        assert_eq!(
            dec(&period(&l, 2)["feeChargesOutstanding"]),
            Decimal::from(100),
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["feeChargesCharged"]),
            Decimal::from(100),
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["feeChargesOutstanding"]),
            Decimal::from(100),
            "{ctx}"
        );

        let c = loan_charge(&app, id, lc).await;
        let ctx = format!("{}: {c}", app.backend);
        assert_eq!(c["chargeId"], fee, "{ctx}");
        assert_eq!(c["name"], "Late visit", "{ctx}");
        assert_eq!(c["dueDate"], json!([2022, 12, 15]), "{ctx}");
        assert_eq!(c["chargeTimeType"]["id"], 2, "{ctx}");
        assert_eq!(c["chargeCalculationType"]["id"], 1, "{ctx}");
        assert_eq!(c["penalty"], false, "{ctx}");
        assert_eq!(dec(&c["amount"]), Decimal::from(100), "{ctx}");
        assert_eq!(dec(&c["amountOutstanding"]), Decimal::from(100), "{ctx}");
        assert_eq!(dec(&c["amountPaid"]), Decimal::ZERO, "{ctx}");
        assert_eq!(c["currency"]["code"], "USD", "{ctx}");
        let all = app
            .get(&format!("/loans/{id}/charges"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(all.as_array().map(Vec::len), Some(1), "{all}");
    }
}

/// mifos-standard pays penalties, fees, interest, then principal of each installment
/// (`FineractStyleLoanRepaymentScheduleTransactionProcessor`, fineract-math §2): 150 on the first due date
/// pays the 100 fee due in installment 1 and 50 of its interest (5 000 × 12 % / 12), no principal.
#[tokio::test]
async fn a_repayment_pays_the_fee_before_interest_and_principal() {
    for app in TestApp::all().await {
        let fee = charge(&app, "Processing", 2, 1, "100", false).await;
        let id = pending(&app).await;
        approve_and_disburse(&app, id, 5000).await;
        added(
            &app,
            id,
            json!({"chargeId": fee, "dueDate": "10 November 2022"}),
        )
        .await;
        let r = app
            .post(
                &format!("/loans/{id}/transactions?command=repayment"),
                dated(json!({"transactionDate": "01 December 2022", "transactionAmount": 150})),
            )
            .send()
            .await
            .expect(200);
        let tx = r.json["resourceId"].as_i64().unwrap();
        let t = app
            .get(&format!("/loans/{id}/transactions/{tx}"))
            .send()
            .await
            .expect(200)
            .json;
        let ctx = format!("{}: {t}", app.backend);
        assert_eq!(dec(&t["feeChargesPortion"]), Decimal::from(100), "{ctx}");
        assert_eq!(dec(&t["interestPortion"]), Decimal::from(50), "{ctx}");
        assert_eq!(dec(&t["principalPortion"]), Decimal::ZERO, "{ctx}");
        let l = loan(&app, id).await;
        assert_eq!(
            dec(&l["summary"]["feeChargesPaid"]),
            Decimal::from(100),
            "{l}"
        );
    }
}

#[tokio::test]
async fn paying_a_charge_records_a_charge_payment_and_a_second_payment_is_refused() {
    for app in TestApp::all().await {
        let fee = charge(&app, "Visit", 2, 1, "75", false).await;
        let id = pending(&app).await;
        approve_and_disburse(&app, id, 5000).await;
        let lc = added(
            &app,
            id,
            json!({"chargeId": fee, "dueDate": "20 January 2023"}),
        )
        .await;
        let pay = |date: &'static str| {
            app.post(
                &format!("/loans/{id}/charges/{lc}?command=pay"),
                dated(json!({"transactionDate": date})),
            )
            .send()
        };
        let r = pay("05 January 2023").await.expect(200);
        assert_eq!(r.json["resourceId"], lc, "{}", r.text);
        let c = loan_charge(&app, id, lc).await;
        let ctx = format!("{}: {c}", app.backend);
        assert_eq!(dec(&c["amountPaid"]), Decimal::from(75), "{ctx}");
        assert_eq!(dec(&c["amountOutstanding"]), Decimal::ZERO, "{ctx}");
        assert_eq!(c["paid"], true, "{ctx}");
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        let t = l["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"]["id"] == 17)
            .cloned()
            .unwrap_or_default();
        assert_eq!(dec(&t["feeChargesPortion"]), Decimal::from(75), "{ctx}");
        // Installment 3 (1 January – 1 February) holds the fee, paid in advance.
        assert_eq!(
            dec(&period(&l, 3)["feeChargesPaid"]),
            Decimal::from(75),
            "{ctx}"
        );

        let r = pay("06 January 2023").await.expect(403);
        assert_eq!(code(&r), "error.msg.loan.charge.already.paid", "{}", r.text);
    }
}

#[tokio::test]
async fn waiving_a_charge_records_a_charge_waiver_and_the_fee_is_no_longer_owed() {
    for app in TestApp::all().await {
        let penalty = charge(&app, "Bounced cheque", 2, 1, "40", true).await;
        let id = pending(&app).await;
        approve_and_disburse(&app, id, 5000).await;
        let lc = added(
            &app,
            id,
            json!({"chargeId": penalty, "dueDate": "01 December 2022"}),
        )
        .await;
        let r = app
            .post(
                &format!("/loans/{id}/charges/{lc}?command=waive"),
                json!({}),
            )
            .send()
            .await
            .expect(200);
        assert!(r.json["subResourceId"].as_i64().is_some(), "{}", r.text);
        let c = loan_charge(&app, id, lc).await;
        let ctx = format!("{}: {c}", app.backend);
        assert_eq!(dec(&c["amountWaived"]), Decimal::from(40), "{ctx}");
        assert_eq!(c["waived"], true, "{ctx}");
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(
            dec(&l["summary"]["penaltyChargesCharged"]),
            Decimal::from(40),
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["penaltyChargesWaived"]),
            Decimal::from(40),
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["penaltyChargesOutstanding"]),
            Decimal::ZERO,
            "{ctx}"
        );
        assert_eq!(
            dec(&period(&l, 1)["penaltyChargesWaived"]),
            Decimal::from(40),
            "{ctx}"
        );
        assert!(
            l["transactions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["type"]["id"] == 9),
            "{ctx}"
        );
        let r = app
            .post(
                &format!("/loans/{id}/charges/{lc}?command=waive"),
                json!({}),
            )
            .send()
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.charge.already.waived",
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn an_installment_fee_is_due_on_every_installment_and_is_waived_one_installment_at_a_time() {
    for app in TestApp::all().await {
        let fee = charge(&app, "Service", 8, 1, "10", false).await;
        let id = pending(&app).await;
        let lc = added(&app, id, json!({"chargeId": fee})).await;
        approve_and_disburse(&app, id, 5000).await;
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        for n in 1..=18 {
            assert_eq!(
                dec(&period(&l, n)["feeChargesDue"]),
                Decimal::from(10),
                "{n} {ctx}"
            );
        }
        assert_eq!(
            dec(&l["summary"]["feeChargesCharged"]),
            Decimal::from(180),
            "{ctx}"
        );
        let c = loan_charge(&app, id, lc).await;
        assert_eq!(dec(&c["amount"]), Decimal::from(180), "{c}");
        assert_eq!(
            c["installmentChargeData"].as_array().map(Vec::len),
            Some(18),
            "{c}"
        );

        let r = app
            .post(
                &format!("/loans/{id}/charges/{lc}?command=waive"),
                json!({}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loanCharge.installmentNumber.cannot.be.blank",
            "{}",
            r.text
        );
        app.post(
            &format!("/loans/{id}/charges/{lc}?command=waive"),
            json!({"installmentNumber": 3}),
        )
        .send()
        .await
        .expect(200);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(
            dec(&period(&l, 3)["feeChargesWaived"]),
            Decimal::from(10),
            "{ctx}"
        );
        assert_eq!(
            dec(&period(&l, 1)["feeChargesWaived"]),
            Decimal::ZERO,
            "{ctx}"
        );
        let c = loan_charge(&app, id, lc).await;
        assert_eq!(dec(&c["amountWaived"]), Decimal::from(10), "{c}");
        assert_eq!(dec(&c["amountOutstanding"]), Decimal::from(170), "{c}");
    }
}

#[tokio::test]
async fn a_percentage_charge_is_taken_of_the_principal_and_follows_the_approved_amount() {
    for app in TestApp::all().await {
        let fee = charge(&app, "Two percent", 2, 2, "2", false).await;
        let id = pending(&app).await;
        let lc = added(
            &app,
            id,
            json!({"chargeId": fee, "dueDate": "01 December 2022"}),
        )
        .await;
        let c = loan_charge(&app, id, lc).await;
        assert_eq!(dec(&c["amount"]), Decimal::from(100), "{c}");
        assert_eq!(dec(&c["percentage"]), Decimal::from(2), "{c}");
        assert_eq!(
            dec(&c["amountPercentageAppliedTo"]),
            Decimal::from(5000),
            "{c}"
        );
        approve_and_disburse(&app, id, 4000).await;
        let c = loan_charge(&app, id, lc).await;
        assert_eq!(dec(&c["amount"]), Decimal::from(80), "{}: {c}", app.backend);
    }
}

#[tokio::test]
async fn a_disbursement_fee_is_stored_and_shown_with_the_disbursement_date() {
    for app in TestApp::all().await {
        let fee = charge(&app, "Opening", 1, 1, "25", false).await;
        let id = pending(&app).await;
        let lc = added(&app, id, json!({"chargeId": fee})).await;
        let c = loan_charge(&app, id, lc).await;
        assert_eq!(c["chargeTimeType"]["id"], 1, "{c}");
        assert_eq!(c["dueDate"], json!([2022, 11, 1]), "{c}");
        assert_eq!(dec(&c["amountOutstanding"]), Decimal::from(25), "{c}");
        approve_and_disburse(&app, id, 5000).await;
        let r = add(&app, id, json!({"chargeId": fee})).await.expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loanCharge.cannot.be.added.as.due.at.disbursement.and.loan.is.disbursed",
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn a_due_date_outside_the_schedule_or_missing_is_refused() {
    for app in TestApp::all().await {
        let fee = charge(&app, "Visit", 2, 1, "10", false).await;
        let id = pending(&app).await;
        let r = add(
            &app,
            id,
            json!({"chargeId": fee, "dueDate": "31 October 2022"}),
        )
        .await
        .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loanCharge.cannot.be.added.as.specified.due.date.outside.range",
            "{}",
            r.text
        );
        let r = add(&app, id, json!({"chargeId": fee})).await.expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loanCharge.dueDate.cannot.be.blank",
            "{}",
            r.text
        );
        let r = add(&app, id, json!({})).await.expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loanCharge.chargeId.cannot.be.blank",
            "{}",
            r.text
        );
        add(&app, id, json!({"chargeId": 999_999}))
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn a_charge_is_deleted_while_the_loan_is_pending_and_not_after_approval() {
    for app in TestApp::all().await {
        let fee = charge(&app, "Visit", 2, 1, "10", false).await;
        let id = pending(&app).await;
        let first = added(
            &app,
            id,
            json!({"chargeId": fee, "dueDate": "10 November 2022"}),
        )
        .await;
        app.delete(&format!("/loans/{id}/charges/{first}"))
            .send()
            .await
            .expect(200);
        app.get(&format!("/loans/{id}/charges/{first}"))
            .send()
            .await
            .expect(404);
        let l = loan(&app, id).await;
        assert_eq!(dec(&period(&l, 1)["feeChargesDue"]), Decimal::ZERO, "{l}");

        let second = added(
            &app,
            id,
            json!({"chargeId": fee, "dueDate": "10 November 2022"}),
        )
        .await;
        let r = app
            .put(
                &format!("/loans/{id}/charges/{second}"),
                json!({"amount": 30, "locale": "en"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["resourceId"], second, "{}", r.text);
        assert_eq!(
            dec(&loan_charge(&app, id, second).await["amount"]),
            Decimal::from(30)
        );
        approve_and_disburse(&app, id, 5000).await;
        let r = app
            .delete(&format!("/loans/{id}/charges/{second}"))
            .send()
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.charge.associated.loan.not.in.submitted.and.pending.approval.stage",
            "{}",
            r.text
        );
    }
}

/// Two fees in one installment: paying the second is credited to it, not to the first.
#[tokio::test]
async fn paying_one_of_two_fees_of_an_installment_credits_the_one_paid() {
    for app in TestApp::all().await {
        let fee = charge(&app, "Visit", 2, 1, "10", false).await;
        let id = pending(&app).await;
        approve_and_disburse(&app, id, 5000).await;
        let first = added(
            &app,
            id,
            json!({"chargeId": fee, "dueDate": "10 November 2022"}),
        )
        .await;
        let second = added(
            &app,
            id,
            json!({"chargeId": fee, "amount": 30, "dueDate": "20 November 2022"}),
        )
        .await;
        app.post(
            &format!("/loans/{id}/charges/{second}?command=pay"),
            dated(json!({"transactionDate": "15 November 2022"})),
        )
        .send()
        .await
        .expect(200);
        let c = loan_charge(&app, id, second).await;
        assert_eq!(
            dec(&c["amountPaid"]),
            Decimal::from(30),
            "{}: {c}",
            app.backend
        );
        let c = loan_charge(&app, id, first).await;
        assert_eq!(dec(&c["amountPaid"]), Decimal::ZERO, "{}: {c}", app.backend);
        assert_eq!(dec(&c["amountOutstanding"]), Decimal::from(10), "{c}");
    }
}
