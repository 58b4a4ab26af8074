//! Refunds by cash and foreclosure through the API, with Fineract's rules and codes
//! (LoanWritePlatformServiceJpaRepositoryImpl.makeLoanRefund / forecloseLoan) and its worked numbers where
//! it has them (ClientLoanIntegrationTest). Chargebacks are in `loan_chargebacks`.

use kassa_testkit::{Resp, TestApp};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value};

use crate::loan_lifecycle::{active_loan, dated, dec, loan, pay};

pub(crate) async fn set_business_date(app: &TestApp, date: &str) {
    app.put(
        "/configurations/name/enable-business-date",
        json!({"enabled": true}),
    )
    .send()
    .await
    .expect(200);
    app.post(
        "/businessdate",
        json!({"type": "BUSINESS_DATE", "date": date, "dateFormat": "dd MMMM yyyy", "locale": "en"}),
    )
    .send()
    .await
    .expect(200);
}

pub(crate) fn code(r: &Resp) -> String {
    r.json["errors"][0]["userMessageGlobalisationCode"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

pub(crate) async fn transaction(app: &TestApp, loan_id: i64, id: &Value) -> Value {
    app.get(&format!("/loans/{loan_id}/transactions/{id}"))
        .send()
        .await
        .expect(200)
        .json
}

pub(crate) async fn undo(app: &TestApp, loan_id: i64, id: &Value, date: &str) -> Resp {
    let body = dated(json!({"transactionDate": date, "transactionAmount": 0}));
    app.post(&format!("/loans/{loan_id}/transactions/{id}"), body)
        .send()
        .await
}

#[tokio::test]
async fn a_refund_by_cash_gives_back_money_paid_in_advance() {
    for app in TestApp::all().await {
        set_business_date(&app, "15 November 2022").await;
        let id = active_loan(&app).await;
        pay(&app, id, "repayment", "15 November 2022", json!(1000))
            .await
            .expect(200);
        let before = loan(&app, id).await;
        let outstanding = dec(&before["summary"]["totalOutstanding"]);

        let t = app
            .get(&format!(
                "/loans/{id}/transactions/template?command=refundbycash"
            ))
            .send()
            .await
            .expect(200);
        assert_eq!(t.json["type"]["id"], 18, "{}: {}", app.backend, t.text);
        assert_eq!(dec(&t.json["amount"]), Decimal::from(1000), "{}", t.text);

        let r = pay(&app, id, "refundByCash", "15 November 2022", json!(100))
            .await
            .expect(200);
        let tx = transaction(&app, id, &r.json["resourceId"]).await;
        let ctx = format!("{}: {tx}", app.backend);
        assert_eq!(tx["type"]["code"], "loanTransactionType.refund", "{ctx}");
        assert_eq!(tx["type"]["value"], "Refund", "{ctx}");
        assert_eq!(tx["type"]["refundForActiveLoans"], true, "{ctx}");
        // Mifos order un-pays principal first, then interest, from the latest paid installment (the 1 000
        // paid installment 4's interest and part of its principal).
        let principal = dec(&tx["principalPortion"]);
        assert!(
            principal > Decimal::ZERO && principal < Decimal::from(100),
            "{ctx}"
        );
        assert_eq!(
            principal + dec(&tx["interestPortion"]),
            Decimal::from(100),
            "{ctx}"
        );
        let after = loan(&app, id).await;
        assert_eq!(
            dec(&after["summary"]["totalOutstanding"]),
            outstanding + Decimal::from(100),
            "{ctx}"
        );
        assert_eq!(after["status"]["active"], true, "{ctx}");
        assert!(
            after["transactions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["type"]["id"] == 18),
            "{ctx}"
        );

        // More than was paid in advance, a date before the last repayment, a zero amount.
        let r = pay(&app, id, "refundByCash", "15 November 2022", json!(5000))
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.refund.amount.invalid",
            "{}",
            r.text
        );
        let r = pay(&app, id, "refundByCash", "14 November 2022", json!(10))
            .await
            .expect(403);
        assert_eq!(code(&r), "error.msg.loan.refund.failed", "{}", r.text);
        let r = pay(&app, id, "refundByCash", "15 November 2022", json!(0))
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loan.transaction.transactionAmount.not.greater.than.zero",
            "{}",
            r.text
        );
        // Fineract adjusts only repayment-like transactions, waivers and credit balance refunds.
        let refund_id = tx["id"].clone();
        let r = undo(&app, id, &refund_id, "15 November 2022")
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.transaction.adjustment.is.only.allowed.to.repayment.or.waiver.or.creditbalancerefund.transactions",
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn a_refund_by_cash_on_a_loan_paid_nothing_in_advance_is_refused() {
    for app in TestApp::all().await {
        set_business_date(&app, "15 November 2022").await;
        let id = active_loan(&app).await;
        let r = pay(&app, id, "refundByCash", "15 November 2022", json!(10))
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.refund.amount.invalid",
            "{}: {}",
            app.backend,
            r.text
        );
    }
}

fn half_even(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

#[tokio::test]
async fn foreclosure_pays_what_is_due_by_the_date_and_closes_the_loan() {
    for app in TestApp::all().await {
        set_business_date(&app, "15 December 2022").await;
        let id = active_loan(&app).await;
        let l = loan(&app, id).await;
        let periods = l["repaymentSchedule"]["periods"].clone();
        let first = dec(&periods[1]["totalDueForPeriod"]);
        pay(&app, id, "repayment", "01 December 2022", json!(first))
            .await
            .expect(200);

        // 14 of the 31 days of the second period have passed on 15 December.
        let interest =
            half_even(dec(&periods[2]["interestDue"]) / Decimal::from(31) * Decimal::from(14));
        let principal = Decimal::from(5000) - dec(&periods[1]["principalDue"]);
        let t = app
            .get(&format!(
                "/loans/{id}/transactions/template?command=foreclosure&transactionDate=15%20December%202022&dateFormat=dd%20MMMM%20yyyy&locale=en"
            ))
            .send()
            .await
            .expect(200);
        let ctx = format!("{}: {}", app.backend, t.text);
        assert_eq!(t.json["type"]["id"], 2, "{ctx}");
        assert_eq!(dec(&t.json["principalPortion"]), principal, "{ctx}");
        assert_eq!(dec(&t.json["interestPortion"]), interest, "{ctx}");
        assert_eq!(dec(&t.json["amount"]), principal + interest, "{ctx}");

        let r = pay_foreclosure(&app, id, "16 December 2022")
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "loan.foreclosure.transaction.date.is.in.future",
            "{}",
            r.text
        );
        let r = pay_foreclosure(&app, id, "30 November 2022")
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "loan.foreclosure.transaction.date.cannot.before.the.last.transaction.date",
            "{}",
            r.text
        );

        let r = pay_foreclosure(&app, id, "15 December 2022")
            .await
            .expect(200);
        let tx = transaction(&app, id, &r.json["resourceId"]).await;
        assert_eq!(tx["type"]["repayment"], true, "{tx}");
        assert_eq!(dec(&tx["amount"]), principal + interest, "{tx}");
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(
            l["status"]["code"], "loanStatusType.closed.obligations.met",
            "{ctx}"
        );
        assert_eq!(l["subStatus"]["value"], "Foreclosed", "{ctx}");
        assert_eq!(
            dec(&l["summary"]["totalOutstanding"]),
            Decimal::ZERO,
            "{ctx}"
        );
        // The schedule now ends on the foreclosure date: disbursement, installment 1, the foreclosure one.
        let periods = l["repaymentSchedule"]["periods"].as_array().unwrap();
        assert_eq!(periods.len(), 3, "{ctx}");
        assert_eq!(periods[2]["dueDate"], json!([2022, 12, 15]), "{ctx}");
        assert_eq!(dec(&periods[2]["interestDue"]), interest, "{ctx}");

        // Nothing on a foreclosed, closed loan can be adjusted, and it cannot be foreclosed again.
        let r = undo(&app, id, &r.json["resourceId"], "15 December 2022")
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "loan.cannot.be.reopened.as.it.is.foreclosured",
            "{}",
            r.text
        );
        let r = pay_foreclosure(&app, id, "15 December 2022")
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "error.msg.loan.foreclosure.account.is.not.active",
            "{}",
            r.text
        );
    }
}

async fn pay_foreclosure(app: &TestApp, id: i64, date: &str) -> Resp {
    app.post(
        &format!("/loans/{id}/transactions?command=foreclosure"),
        dated(json!({"transactionDate": date, "note": "paid off"})),
    )
    .send()
    .await
}

async fn fee_due_on(app: &TestApp, loan_id: i64, name: &str, amount: i64, due: &str) {
    let body = json!({
        "name": name, "active": true, "amount": amount, "chargeAppliesTo": 1, "chargeTimeType": 2,
        "chargeCalculationType": 1, "chargePaymentMode": 0, "penalty": false, "currencyCode": "USD",
        "locale": "en", "monthDayFormat": "dd MMM"
    });
    let charge_id = app.post("/charges", body).send().await.expect(200).json["resourceId"].clone();
    app.post(
        &format!("/loans/{loan_id}/charges"),
        dated(json!({"chargeId": charge_id, "amount": amount, "dueDate": due})),
    )
    .send()
    .await
    .expect(200);
}

#[tokio::test]
async fn foreclosure_owes_the_fees_due_by_the_date_and_drops_the_later_ones() {
    for app in TestApp::all().await {
        set_business_date(&app, "15 December 2022").await;
        let id = active_loan(&app).await;
        fee_due_on(&app, id, "Visit", 50, "10 December 2022").await;
        fee_due_on(&app, id, "Renewal", 100, "20 January 2023").await;
        let periods = loan(&app, id).await["repaymentSchedule"]["periods"].clone();
        // Nothing repaid: installment 1 in full, 14/31 of installment 2's interest, the 50 fee.
        let interest = dec(&periods[1]["interestDue"])
            + half_even(dec(&periods[2]["interestDue"]) / Decimal::from(31) * Decimal::from(14));
        let r = pay_foreclosure(&app, id, "15 December 2022")
            .await
            .expect(200);
        let tx = transaction(&app, id, &r.json["resourceId"]).await;
        let ctx = format!("{}: {tx}", app.backend);
        assert_eq!(dec(&tx["feeChargesPortion"]), Decimal::from(50), "{ctx}");
        assert_eq!(dec(&tx["interestPortion"]), interest, "{ctx}");
        assert_eq!(dec(&tx["principalPortion"]), Decimal::from(5000), "{ctx}");
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(
            l["status"]["code"], "loanStatusType.closed.obligations.met",
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["feeChargesCharged"]),
            Decimal::from(50),
            "{ctx}"
        );
    }
}
