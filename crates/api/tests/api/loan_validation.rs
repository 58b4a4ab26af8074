//! Validation errors of loan commands carry the resource name Fineract's validator gives them:
//! `loanapplication` for approve/reject/withdraw, `loan.disbursement` for disbursals, `loan.transaction`
//! for money movements.

use kassa_testkit::TestApp;
use serde_json::json;

use crate::loan_lifecycle::{command, disbursed, pay};
use crate::loans::{application, setup, submit};

fn code(r: &kassa_testkit::Resp) -> String {
    r.json["errors"][0]["userMessageGlobalisationCode"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn each_loan_command_names_its_errors_as_fineracts_validator_does() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let pending = submit(&app, application(product, client_id)).await;
        let r = command(&app, pending, "approve", json!({"note": "no date"}))
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loanapplication.approvedOnDate.cannot.be.blank",
            "{}",
            r.text
        );

        let active = disbursed(&app, product, client_id).await;
        let r = pay(&app, active, "repayment", "01 December 2022", json!(0))
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loan.transaction.transactionAmount.not.greater.than.zero",
            "{}: {}",
            app.backend,
            r.text
        );
        let r = app
            .post(
                &format!("/loans/{active}/transactions?command=repayment"),
                json!({"transactionAmount": 10, "locale": "en", "dateFormat": "dd MMMM yyyy"}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loan.transaction.transactionDate.cannot.be.blank",
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn more_than_a_hundred_tranches_are_refused_before_any_is_read() {
    for app in TestApp::all().await {
        let (product, client_id) = crate::loan_tranches::setup(&app).await;
        let mut body = crate::loan_tranches::rp16(product, client_id);
        body["disbursementData"] = json!(vec![
            json!({"expectedDisbursementDate": "01 November 2022", "principal": 1});
            101
        ]);
        for path in ["/loans?command=calculateLoanSchedule", "/loans"] {
            let r = app.post(path, body.clone()).send().await.expect(400);
            assert_eq!(
                code(&r),
                "validation.msg.loan.disbursementData.exceeds.limit",
                "{path}: {}",
                r.text
            );
        }
    }
}

#[tokio::test]
async fn a_tranche_of_zero_or_beyond_any_amount_is_a_400() {
    for app in TestApp::all().await {
        let (product, client_id) = crate::loan_tranches::setup(&app).await;
        for (principal, code) in [
            (
                json!(0),
                "validation.msg.loan.disbursementData.principal.not.greater.than.zero",
            ),
            (
                json!(-5),
                "validation.msg.loan.disbursementData.principal.not.greater.than.zero",
            ),
            (
                json!("50000000000000000000000000000"),
                "validation.msg.loan.principal.is.greater.than.max",
            ),
        ] {
            let mut body = crate::loan_tranches::rp16(product, client_id);
            body["disbursementData"][1]["principal"] = principal.clone();
            let r = app.post("/loans", body).send().await.expect(400);
            assert!(r.text.contains(code), "{principal}: {}", r.text);
        }
    }
}

#[tokio::test]
async fn more_than_fifty_charges_on_one_application_are_refused() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let mut body = application(product, client_id);
        body["charges"] = json!(vec![json!({"chargeId": 1}); 51]);
        let r = app
            .post("/loans?command=calculateLoanSchedule", body)
            .send()
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loan.charges.exceeds.limit",
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn tranches_kept_at_approval_must_fit_the_approved_amount() {
    for app in TestApp::all().await {
        let (product, client_id) = crate::loan_tranches::setup(&app).await;
        let id = submit(&app, crate::loan_tranches::rp16(product, client_id)).await;
        let r = command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022", "approvedLoanAmount": 9000}),
        )
        .await
        .expect(400);
        assert!(
            r.text.contains(
                "sum.of.multi.disburse.amounts.must.be.equal.to.or.lesser.than.approved.principal"
            ),
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn a_loan_with_a_tranche_still_to_disburse_is_not_foreclosed() {
    for app in TestApp::all().await {
        let (product, client_id) = crate::loan_tranches::setup(&app).await;
        let id = submit(&app, crate::loan_tranches::rp16(product, client_id)).await;
        command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022"}),
        )
        .await
        .expect(200);
        crate::loan_tranches::disburse(&app, id, "01 November 2022")
            .await
            .expect(200);
        let r = app
            .post(
                &format!("/loans/{id}/transactions?command=foreclosure"),
                json!({"transactionDate": "01 December 2022", "locale": "en",
                    "dateFormat": "dd MMMM yyyy"}),
            )
            .send()
            .await;
        let r = r.expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.foreclosure.with.undisbursed.tranche",
            "{}",
            r.text
        );
    }
}
