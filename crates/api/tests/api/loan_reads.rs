//! What the web app's loan screens read around the money: one transaction, the transaction and approval
//! templates, the client's accounts overview, and the close / undo-write-off commands.

use kassa_testkit::TestApp;
use rust_decimal::Decimal;
use serde_json::json;

use crate::loan_lifecycle::{active_loan, command, dated, dec, loan, pay};
use crate::loans::{application, setup, submit};

#[tokio::test]
async fn templates_propose_the_next_installment_the_payoff_and_the_approval() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = submit(&app, application(product, client_id)).await;
        let t = app
            .get(&format!("/loans/{id}/template?templateType=approval"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(
            dec(&t["approvalAmount"]),
            Decimal::from(5000),
            "{}: {t}",
            app.backend
        );
        assert_eq!(t["currency"]["code"], "USD");
        command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022"}),
        )
        .await
        .expect(200);
        let t = app
            .get(&format!(
                "/loans/{id}/transactions/template?command=disburse"
            ))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(
            dec(&t["amount"]),
            Decimal::from(5000),
            "{}: {t}",
            app.backend
        );
        assert!(
            t["paymentTypeOptions"]
                .as_array()
                .is_some_and(|o| !o.is_empty()),
            "{t}"
        );
        command(
            &app,
            id,
            "disburse",
            json!({"actualDisbursementDate": "01 November 2022"}),
        )
        .await
        .expect(200);
        let l = loan(&app, id).await;
        let first = &l["repaymentSchedule"]["periods"][1];
        let t = app
            .get(&format!(
                "/loans/{id}/transactions/template?command=repayment"
            ))
            .send()
            .await
            .expect(200)
            .json;
        let ctx = format!("{}: {t}", app.backend);
        assert_eq!(t["type"]["code"], "loanTransactionType.repayment", "{ctx}");
        assert_eq!(t["type"]["repayment"], true, "{ctx}");
        assert_eq!(dec(&t["amount"]), dec(&first["totalDueForPeriod"]), "{ctx}");
        assert_eq!(
            dec(&t["principalPortion"]),
            dec(&first["principalDue"]),
            "{ctx}"
        );
        let payoff = app
            .get(&format!(
                "/loans/{id}/transactions/template?command=prepayLoan"
            ))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(
            dec(&payoff["amount"]),
            dec(&l["summary"]["totalOutstanding"]),
            "{payoff}"
        );
        app.get(&format!(
            "/loans/{id}/transactions/template?command=nonsense"
        ))
        .send()
        .await
        .expect(400);
    }
}

#[tokio::test]
async fn one_transaction_reads_back_with_its_portions_and_payment_details() {
    for app in TestApp::all().await {
        let id = active_loan(&app).await;
        let body = dated(
            json!({"transactionDate": "01 December 2022", "transactionAmount": 100,
            "paymentTypeId": 1, "receiptNumber": "RCPT-9", "externalId": "tx-ext-1"}),
        );
        let r = app
            .post(&format!("/loans/{id}/transactions?command=repayment"), body)
            .send()
            .await
            .expect(200);
        let tx_id = r.json["resourceId"].as_i64().unwrap();
        let t = app
            .get(&format!("/loans/{id}/transactions/{tx_id}"))
            .send()
            .await
            .expect(200)
            .json;
        let ctx = format!("{}: {t}", app.backend);
        assert_eq!(t["id"], tx_id, "{ctx}");
        assert_eq!(t["loanId"], id, "{ctx}");
        assert_eq!(t["date"], json!([2022, 12, 1]), "{ctx}");
        assert_eq!(dec(&t["amount"]), Decimal::from(100), "{ctx}");
        assert_eq!(
            dec(&t["interestPortion"]) + dec(&t["principalPortion"]),
            Decimal::from(100),
            "{ctx}"
        );
        assert_eq!(t["externalId"], "tx-ext-1", "{ctx}");
        assert_eq!(t["paymentDetailData"]["receiptNumber"], "RCPT-9", "{ctx}");
        assert_eq!(t["paymentDetailData"]["paymentType"]["id"], 1, "{ctx}");
        app.get(&format!("/loans/{id}/transactions/999999"))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn the_clients_accounts_list_its_loans_with_balance_and_amount_paid() {
    for app in TestApp::all().await {
        let id = active_loan(&app).await;
        pay(&app, id, "repayment", "01 December 2022", json!(100))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        let client_id = l["clientId"].as_i64().unwrap();
        let accounts = app
            .get(&format!("/clients/{client_id}/accounts"))
            .send()
            .await
            .expect(200)
            .json;
        let ctx = format!("{}: {accounts}", app.backend);
        let a = &accounts["loanAccounts"][0];
        assert_eq!(a["id"], id, "{ctx}");
        assert_eq!(a["status"]["active"], true, "{ctx}");
        assert_eq!(a["productName"], "Declining", "{ctx}");
        assert_eq!(a["shortProductName"], "DCL", "{ctx}");
        assert_eq!(a["loanType"]["code"], "accountType.individual", "{ctx}");
        assert_eq!(dec(&a["amountPaid"]), Decimal::from(100), "{ctx}");
        assert_eq!(
            dec(&a["loanBalance"]),
            dec(&l["summary"]["totalOutstanding"]),
            "{ctx}"
        );
        assert_eq!(a["inArrears"], true, "{ctx}");
        assert_eq!(accounts["savingsAccounts"], json!([]), "{ctx}");
    }
}

#[tokio::test]
async fn close_needs_nothing_outstanding_and_a_write_off_can_be_undone() {
    for app in TestApp::all().await {
        let id = active_loan(&app).await;
        let body = dated(json!({"transactionDate": "02 December 2022"}));
        let r = app
            .post(
                &format!("/loans/{id}/transactions?command=close"),
                body.clone(),
            )
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.loan.close.loan.has.money.outstanding",
            "{}",
            r.text
        );
        app.post(&format!("/loans/{id}/transactions?command=writeoff"), body)
            .send()
            .await
            .expect(200);
        assert_eq!(loan(&app, id).await["status"]["id"], 601);
        app.post(
            &format!("/loans/{id}/transactions?command=undowriteoff"),
            json!({}),
        )
        .send()
        .await
        .expect(200);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(l["status"]["id"], 300, "{ctx}");
        assert!(l["timeline"].get("writeOffOnDate").is_none(), "{ctx}");
        assert_eq!(
            dec(&l["summary"]["principalWrittenOff"]),
            Decimal::ZERO,
            "{ctx}"
        );
        assert_eq!(
            dec(&l["summary"]["principalOutstanding"]),
            Decimal::from(5000),
            "{ctx}"
        );
    }
}

async fn set_business_date(app: &TestApp, date: &str) {
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

#[tokio::test]
async fn arrears_follow_the_business_date_and_the_grace_on_arrears_ageing() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let mut body = application(product, client_id);
        body["graceOnArrearsAgeing"] = json!(3);
        let id = submit(&app, body).await;
        command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022"}),
        )
        .await
        .expect(200);
        command(
            &app,
            id,
            "disburse",
            json!({"actualDisbursementDate": "01 November 2022"}),
        )
        .await
        .expect(200);
        // On the first due date nothing is overdue; the day after, the first installment is.
        set_business_date(&app, "01 December 2022").await;
        let l = loan(&app, id).await;
        assert_eq!(
            dec(&l["summary"]["totalOverdue"]),
            Decimal::ZERO,
            "{}: {l}",
            app.backend
        );
        assert_eq!(l["inArrears"], false);
        set_business_date(&app, "03 December 2022").await;
        let l = loan(&app, id).await;
        let first = dec(&l["repaymentSchedule"]["periods"][1]["totalDueForPeriod"]);
        // The installment row is overdue, but the loan's arrears wait out the three days of grace, as
        // Fineract's arrears ageing does (its summary's overdue figures come from that ageing).
        assert_eq!(
            dec(&l["repaymentSchedule"]["periods"][1]["totalOverdue"]),
            first,
            "{l}"
        );
        assert_eq!(
            dec(&l["summary"]["totalOverdue"]),
            Decimal::ZERO,
            "{}: {l}",
            app.backend
        );
        assert_eq!(l["inArrears"], false, "{l}");
        set_business_date(&app, "05 December 2022").await;
        let l = loan(&app, id).await;
        assert_eq!(l["inArrears"], true, "{}: {l}", app.backend);
        assert_eq!(dec(&l["summary"]["totalOverdue"]), first, "{l}");
        assert_eq!(l["summary"]["overdueSinceDate"], json!([2022, 12, 1]));
        // Paying the overdue installment clears the arrears.
        pay(&app, id, "repayment", "05 December 2022", json!(first))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(l["inArrears"], false, "{}: {l}", app.backend);
        assert_eq!(dec(&l["summary"]["totalOverdue"]), Decimal::ZERO);
    }
}

#[tokio::test]
async fn back_dated_repayments_in_sequence_leave_stored_splits_equal_to_the_replay() {
    for app in TestApp::all().await {
        let id = active_loan(&app).await;
        for day in (1..=12).rev() {
            pay(
                &app,
                id,
                "repayment",
                &format!("{day:02} December 2022"),
                json!(10),
            )
            .await
            .expect(200);
        }
        let l = loan(&app, id).await;
        let stored: Decimal = l["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["type"]["repayment"] == true)
            .map(|t| dec(&t["principalPortion"]))
            .sum();
        assert_eq!(
            stored,
            dec(&l["summary"]["principalPaid"]),
            "{}: {l}",
            app.backend
        );
    }
}
