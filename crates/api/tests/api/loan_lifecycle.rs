//! A loan's life through the API: approve, disburse, repay (on time, undone, in full, over), refund the
//! credit, and the paths back (reject, withdraw, undo approval, undo disbursal), with Fineract's codes
//! for actions out of turn and dates out of order.

use kassa_testkit::TestApp;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::loans::{application, setup, submit};

pub(crate) fn dated(mut body: Value) -> Value {
    body["dateFormat"] = json!("dd MMMM yyyy");
    body["locale"] = json!("en");
    body
}

pub(crate) async fn command(
    app: &TestApp,
    id: i64,
    command: &str,
    body: Value,
) -> kassa_testkit::Resp {
    app.post(&format!("/loans/{id}?command={command}"), dated(body))
        .send()
        .await
}

pub(crate) async fn pay(
    app: &TestApp,
    id: i64,
    command: &str,
    date: &str,
    amount: Value,
) -> kassa_testkit::Resp {
    let body = json!({"transactionDate": date, "transactionAmount": amount});
    app.post(
        &format!("/loans/{id}/transactions?command={command}"),
        dated(body),
    )
    .send()
    .await
}

pub(crate) async fn loan(app: &TestApp, id: i64) -> Value {
    app.get(&format!("/loans/{id}?associations=all"))
        .send()
        .await
        .expect(200)
        .json
}

pub(crate) fn dec(v: &Value) -> Decimal {
    v.to_string().parse().unwrap_or_default()
}

/// Submitted, approved and disbursed on 1 November 2022 (Fineract's RS02 terms: 5 000 over 18 months).
pub(crate) async fn active_loan(app: &TestApp) -> i64 {
    let (product, client_id) = setup(app).await;
    disbursed(app, product, client_id).await
}

pub(crate) async fn disbursed(app: &TestApp, product: i64, client_id: i64) -> i64 {
    let id = submit(app, application(product, client_id)).await;
    command(
        app,
        id,
        "approve",
        json!({"approvedOnDate": "01 November 2022"}),
    )
    .await
    .expect(200);
    let r = command(
        app,
        id,
        "disburse",
        json!({"actualDisbursementDate": "01 November 2022"}),
    )
    .await;
    r.expect(200);
    id
}

#[tokio::test]
async fn a_loan_is_approved_disbursed_repaid_in_full_and_closed() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = submit(&app, application(product, client_id)).await;
        let r = command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022", "note": "ok"}),
        )
        .await;
        let r = r.expect(200);
        assert_eq!(r.json["loanId"], id, "{}", r.text);
        assert_eq!(r.json["changes"]["status"]["id"], 200, "{}", r.text);
        let l = loan(&app, id).await;
        assert_eq!(
            l["status"]["code"], "loanStatusType.approved",
            "{}: {l}",
            app.backend
        );
        assert_eq!(l["status"]["waitingForDisbursal"], true);
        assert_eq!(l["canDisburse"], true);
        assert_eq!(l["timeline"]["approvedOnDate"], json!([2022, 11, 1]));
        assert_eq!(l["timeline"]["approvedByUsername"], "mifos");

        let r = command(
            &app,
            id,
            "disburse",
            json!({"actualDisbursementDate": "01 November 2022",
            "transactionAmount": 5000, "paymentTypeId": 1, "receiptNumber": "R-1"}),
        )
        .await
        .expect(200);
        assert_eq!(r.json["changes"]["status"]["id"], 300, "{}", r.text);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(l["status"]["active"], true, "{ctx}");
        assert_eq!(
            l["timeline"]["actualDisbursementDate"],
            json!([2022, 11, 1]),
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["principalDisbursed"]),
            Decimal::from(5000),
            "{ctx}"
        );
        assert_eq!(l["transactions"][0]["type"]["disbursement"], true, "{ctx}");
        assert_eq!(
            l["transactions"][0]["paymentDetailData"]["receiptNumber"], "R-1",
            "{ctx}"
        );
        // Every installment is long past due on the business date: the whole loan is overdue.
        assert_eq!(l["inArrears"], true, "{ctx}");
        assert_eq!(
            l["summary"]["overdueSinceDate"],
            json!([2022, 12, 1]),
            "{ctx}"
        );
        assert_eq!(
            l["summary"]["totalOverdue"], l["summary"]["totalOutstanding"],
            "{ctx}"
        );

        // The first installment, paid on its due date: the split is the installment's interest and principal.
        let first = &l["repaymentSchedule"]["periods"][1];
        let due = dec(&first["totalDueForPeriod"]);
        let r = pay(&app, id, "repayment", "01 December 2022", json!(due))
            .await
            .expect(200);
        let tx_id = r.json["resourceId"].as_i64().unwrap();
        assert_ne!(tx_id, id, "resourceId is the transaction's id: {}", r.text);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        let paid = &l["transactions"][1];
        assert_eq!(paid["id"], tx_id, "{ctx}");
        assert_eq!(
            dec(&paid["principalPortion"]),
            dec(&first["principalDue"]),
            "{ctx}"
        );
        assert_eq!(
            dec(&paid["interestPortion"]),
            dec(&first["interestDue"]),
            "{ctx}"
        );
        let period = &l["repaymentSchedule"]["periods"][1];
        assert_eq!(period["complete"], true, "{ctx}");
        assert_eq!(
            period["obligationsMetOnDate"],
            json!([2022, 12, 1]),
            "{ctx}"
        );
        assert_eq!(dec(&l["summary"]["totalRepayment"]), due, "{ctx}");

        // Undone (amount 0): nothing is paid any more.
        app.post(
            &format!("/loans/{id}/transactions/{tx_id}"),
            dated(json!({"transactionDate": "01 December 2022", "transactionAmount": 0})),
        )
        .send()
        .await
        .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(
            dec(&l["summary"]["totalRepayment"]),
            Decimal::ZERO,
            "{}: {l}",
            app.backend
        );
        assert_eq!(l["transactions"][1]["manuallyReversed"], true);

        // Everything outstanding, then 10 more: the loan is overpaid; the credit is refunded and it closes.
        let outstanding = dec(&l["summary"]["totalOutstanding"]);
        pay(
            &app,
            id,
            "repayment",
            "15 December 2022",
            json!(outstanding),
        )
        .await
        .expect(200);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(l["status"]["id"], 600, "{ctx}");
        assert_eq!(l["status"]["closedObligationsMet"], true, "{ctx}");
        assert_eq!(
            l["timeline"]["closedOnDate"],
            json!([2022, 12, 15]),
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["totalOutstanding"]),
            Decimal::ZERO,
            "{ctx}"
        );
        pay(&app, id, "repayment", "16 December 2022", json!(10))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(l["status"]["id"], 700, "{}: {l}", app.backend);
        assert_eq!(dec(&l["totalOverpaid"]), Decimal::from(10));
        let too_much = pay(
            &app,
            id,
            "creditBalanceRefund",
            "17 December 2022",
            json!(11),
        )
        .await;
        too_much.expect(403);
        pay(
            &app,
            id,
            "creditBalanceRefund",
            "17 December 2022",
            json!(10),
        )
        .await
        .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(l["status"]["id"], 600, "{}: {l}", app.backend);
    }
}

#[tokio::test]
async fn a_back_dated_repayment_changes_the_split_of_a_later_one() {
    for app in TestApp::all().await {
        let id = active_loan(&app).await;
        let l = loan(&app, id).await;
        let first = dec(&l["repaymentSchedule"]["periods"][1]["totalDueForPeriod"]);
        // Paid on the second due date, it first settles the (overdue) first installment.
        let late = pay(&app, id, "repayment", "01 January 2023", json!(first))
            .await
            .expect(200);
        let late_id = late.json["resourceId"].clone();
        // Now the first installment is paid on time, so the later payment goes to the second.
        pay(&app, id, "repayment", "01 December 2022", json!(first))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        let later = l["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == late_id)
            .unwrap();
        let second = &l["repaymentSchedule"]["periods"][2];
        assert_eq!(
            dec(&later["interestPortion"]),
            dec(&second["interestDue"]),
            "{ctx}"
        );
        assert_eq!(
            l["repaymentSchedule"]["periods"][1]["complete"], true,
            "{ctx}"
        );
    }
}

#[tokio::test]
async fn waiving_interest_and_writing_off_close_the_loan_as_written_off() {
    for app in TestApp::all().await {
        let id = active_loan(&app).await;
        let l = loan(&app, id).await;
        let interest = dec(&l["repaymentSchedule"]["periods"][1]["interestDue"]);
        pay(
            &app,
            id,
            "waiveinterest",
            "01 December 2022",
            json!(interest),
        )
        .await
        .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(
            dec(&l["summary"]["interestWaived"]),
            interest,
            "{}: {l}",
            app.backend
        );
        let body = dated(json!({"transactionDate": "02 December 2022"}));
        app.post(&format!("/loans/{id}/transactions?command=writeoff"), body)
            .send()
            .await
            .expect(200);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(l["status"]["id"], 601, "{ctx}");
        assert_eq!(
            l["timeline"]["writeOffOnDate"],
            json!([2022, 12, 2]),
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["totalOutstanding"]),
            Decimal::ZERO,
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["principalWrittenOff"]),
            Decimal::from(5000),
            "{ctx}"
        );
        pay(&app, id, "repayment", "03 December 2022", json!(10))
            .await
            .expect(400);
    }
}

#[tokio::test]
async fn the_paths_back_reject_withdraw_and_undo() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let rejected = submit(&app, application(product, client_id)).await;
        command(
            &app,
            rejected,
            "reject",
            json!({"rejectedOnDate": "02 November 2022"}),
        )
        .await
        .expect(200);
        assert_eq!(loan(&app, rejected).await["status"]["id"], 500);
        let withdrawn = submit(&app, application(product, client_id)).await;
        command(
            &app,
            withdrawn,
            "withdrawnByApplicant",
            json!({"withdrawnOnDate": "02 November 2022"}),
        )
        .await
        .expect(200);
        let l = loan(&app, withdrawn).await;
        assert_eq!(
            l["status"]["code"], "loanStatusType.withdrawn.by.client",
            "{l}"
        );

        let id = disbursed(&app, product, client_id).await;
        command(&app, id, "undodisbursal", json!({}))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(l["status"]["id"], 200, "{}: {l}", app.backend);
        assert!(l.get("summary").is_none(), "{l}");
        command(&app, id, "undoapproval", json!({}))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(l["status"]["id"], 100, "{}: {l}", app.backend);
        assert!(l["timeline"].get("approvedOnDate").is_none(), "{l}");
    }
}

#[tokio::test]
async fn actions_out_of_turn_and_dates_out_of_order_get_fineracts_codes() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = submit(&app, application(product, client_id)).await;
        let code =
            |r: &kassa_testkit::Resp| r.json["errors"][0]["userMessageGlobalisationCode"].clone();
        let r = command(
            &app,
            id,
            "disburse",
            json!({"actualDisbursementDate": "01 November 2022"}),
        )
        .await;
        let r = r.expect(400);
        assert_eq!(
            code(&r),
            "error.msg.loan.disbursal.account.is.not.approve.not.disbursed.state",
            "{}",
            r.text
        );
        let r = pay(&app, id, "repayment", "01 December 2022", json!(10))
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "error.msg.loan.repayment.or.waiver.account.is.not.active",
            "{}",
            r.text
        );
        let r = command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "31 October 2022"}),
        )
        .await
        .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.approval.cannot.be.before.submittal.date",
            "{}",
            r.text
        );
        let r = command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2099"}),
        )
        .await
        .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.approval.cannot.be.a.future.date",
            "{}",
            r.text
        );
        let r = command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022", "approvedLoanAmount": 6000}),
        )
        .await
        .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.approval.amount.can't.be.greater.than.loan.amount.demanded",
            "{}",
            r.text
        );
        let r = command(&app, id, "approve", json!({})).await.expect(400);
        assert_eq!(
            r.json["errors"][0]["parameterName"], "approvedOnDate",
            "{}",
            r.text
        );
        let r = command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022", "bogus": 1}),
        )
        .await;
        r.expect(400);
        command(&app, id, "frobnicate", json!({})).await.expect(400);
        command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022"}),
        )
        .await
        .expect(200);
        let r = command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022"}),
        )
        .await
        .expect(400);
        assert_eq!(
            code(&r),
            "error.msg.loan.approve.account.is.not.submitted.and.pending.state",
            "{}",
            r.text
        );
        let r = command(
            &app,
            id,
            "disburse",
            json!({"actualDisbursementDate": "01 November 2022", "transactionAmount": 0}),
        )
        .await
        .expect(400);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "validation.msg.loan.disbursement.transactionAmount.not.greater.than.zero",
            "{}",
            r.text
        );
        let r = command(
            &app,
            id,
            "disburse",
            json!({"actualDisbursementDate": "31 October 2022"}),
        )
        .await
        .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.disbursal.cannot.be.before.approval.date",
            "{}",
            r.text
        );
        command(
            &app,
            id,
            "disburse",
            json!({"actualDisbursementDate": "01 November 2022"}),
        )
        .await
        .expect(200);
        let r = pay(&app, id, "repayment", "01 November 2099", json!(10))
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.transaction.cannot.be.a.future.date",
            "{}",
            r.text
        );
        pay(&app, id, "repayment", "01 December 2022", json!(0))
            .await
            .expect(400);
        app.post(
            "/loans/999999?command=approve",
            dated(json!({"approvedOnDate": "01 November 2022"})),
        )
        .send()
        .await
        .expect(404);
    }
}

#[tokio::test]
async fn disbursing_on_another_date_or_amount_regenerates_the_schedule() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = submit(&app, application(product, client_id)).await;
        command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022", "approvedLoanAmount": 4000}),
        )
        .await
        .expect(200);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(dec(&l["approvedPrincipal"]), Decimal::from(4000), "{ctx}");
        assert_eq!(
            dec(&l["repaymentSchedule"]["totalPrincipalExpected"]),
            Decimal::from(4000),
            "{ctx}"
        );
        command(
            &app,
            id,
            "disburse",
            json!({"actualDisbursementDate": "15 November 2022", "transactionAmount": 3000}),
        )
        .await
        .expect(200);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(
            dec(&l["repaymentSchedule"]["totalPrincipalExpected"]),
            Decimal::from(3000),
            "{ctx}"
        );
        assert_eq!(
            l["repaymentSchedule"]["periods"][1]["dueDate"],
            json!([2022, 12, 15]),
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["principalOutstanding"]),
            Decimal::from(3000),
            "{ctx}"
        );
    }
}
