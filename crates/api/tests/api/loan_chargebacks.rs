//! Chargebacks of repayments through the API (`POST /loans/{id}/transactions/{txId}?command=chargeback`),
//! with Fineract's rules (LoanWritePlatformServiceJpaRepositoryImpl.chargebackLoanTransaction) and worked
//! numbers (LoanChargeback.feature, LoanTransactionFullAmountChargebackForOverpaidLoanTest).

use kassa_testkit::{Resp, TestApp};
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::loan_lifecycle::{dec, loan, pay};
use crate::loan_refunds::{code, set_business_date, transaction, undo};
use crate::loans::client;

async fn chargeback(app: &TestApp, loan_id: i64, id: &Value, body: Value) -> Resp {
    app.post(
        &format!("/loans/{loan_id}/transactions/{id}?command=chargeback"),
        body,
    )
    .send()
    .await
}

/// 1 000 at no interest, one installment due a month after `on` (LoanChargeback.feature's default loan).
async fn one_installment_loan(app: &TestApp, on: &str) -> i64 {
    let product = json!({
        "name": "One month", "shortName": "ONE", "currencyCode": "USD", "digitsAfterDecimal": 2, "inMultiplesOf": 0,
        "principal": 1000, "numberOfRepayments": 1, "repaymentEvery": 1, "repaymentFrequencyType": 2,
        "interestRatePerPeriod": 0, "interestRateFrequencyType": 3, "amortizationType": 1,
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
    let application = json!({
        "clientId": client_id, "loanType": "individual", "productId": product_id, "principal": 1000,
        "loanTermFrequency": 1, "loanTermFrequencyType": 2, "numberOfRepayments": 1, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 0, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "expectedDisbursementDate": on, "submittedOnDate": on,
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
    crate::loan_lifecycle::command(app, id, "approve", json!({"approvedOnDate": on}))
        .await
        .expect(200);
    crate::loan_lifecycle::command(app, id, "disburse", json!({"actualDisbursementDate": on}))
        .await
        .expect(200);
    id
}

#[tokio::test]
async fn a_chargeback_reopens_a_repaid_loan_for_the_amount_charged_back() {
    // LoanChargeback.feature, first scenario (two days later: our test client is active from 2 January).
    for app in TestApp::all().await {
        set_business_date(&app, "03 January 2022").await;
        let id = one_installment_loan(&app, "03 January 2022").await;
        set_business_date(&app, "03 February 2022").await;
        let repayment = pay(&app, id, "repayment", "03 February 2022", json!(1000))
            .await
            .expect(200);
        let repayment_id = repayment.json["resourceId"].clone();
        assert_eq!(
            loan(&app, id).await["status"]["code"],
            "loanStatusType.closed.obligations.met"
        );

        set_business_date(&app, "25 February 2022").await;
        let r = chargeback(
            &app,
            id,
            &repayment_id,
            json!({"transactionAmount": 250, "paymentTypeId": 1, "locale": "en"}),
        )
        .await
        .expect(200);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(l["status"]["active"], true, "{ctx}");
        assert_eq!(
            dec(&l["summary"]["totalOutstanding"]),
            Decimal::from(250),
            "{ctx}"
        );
        let tx = transaction(&app, id, &r.json["resourceId"]).await;
        assert_eq!(
            tx["type"]["code"], "loanTransactionType.chargeback",
            "{ctx}"
        );
        assert_eq!(tx["type"]["chargeback"], true, "{ctx}");
        assert_eq!(tx["date"], json!([2022, 2, 25]), "{ctx}");
        assert_eq!(dec(&tx["principalPortion"]), Decimal::from(250), "{ctx}");
        let original = transaction(&app, id, &repayment_id).await;
        let relation = &original["transactionRelations"][0];
        assert_eq!(relation["relationType"], "CHARGEBACK", "{original}");
        assert_eq!(
            relation["toLoanTransaction"], r.json["resourceId"],
            "{original}"
        );
        assert_eq!(dec(&relation["amount"]), Decimal::from(250), "{original}");

        // No more than the repayment's amount in all, only repayment-like transactions.
        let r = chargeback(&app, id, &repayment_id, json!({"transactionAmount": 800}))
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.chargeback.operation.not.allowed",
            "{}",
            r.text
        );
        let disbursement = l["transactions"][0]["id"].clone();
        let r = chargeback(&app, id, &disbursement, json!({"transactionAmount": 1}))
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.chargeback.operation.not.allowed",
            "{}",
            r.text
        );
        let r = chargeback(
            &app,
            id,
            &repayment_id,
            json!({"transactionAmount": 1, "dateFormat": "dd MMMM yyyy"}),
        )
        .await
        .expect(400);
        assert_eq!(code(&r), "error.msg.parameter.unsupported", "{}", r.text);
        // A charged-back repayment cannot be adjusted, nor the chargeback itself.
        let r = undo(&app, id, &repayment_id, "03 February 2022")
            .await
            .expect(403);
        assert_eq!(
            code(&r),
            "error.msg.loan.transaction.update.not.allowed",
            "{}",
            r.text
        );

        // "Customer makes repayment … with 250": closed again.
        pay(&app, id, "repayment", "25 February 2022", json!(250))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(
            l["status"]["code"], "loanStatusType.closed.obligations.met",
            "{}: {l}",
            app.backend
        );
    }
}

#[tokio::test]
async fn a_full_chargeback_of_an_overpaid_loan_takes_the_credit_first() {
    // LoanTransactionFullAmountChargebackForOverpaidLoanTest: 450 + 450 + 300 on 1 000 (200 overpaid); the
    // chargeback of the whole 300 is 200 of credit and 100 principal owed again.
    for app in TestApp::all().await {
        set_business_date(&app, "03 January 2022").await;
        let id = one_installment_loan(&app, "03 January 2022").await;
        set_business_date(&app, "10 January 2022").await;
        pay(&app, id, "repayment", "05 January 2022", json!(450))
            .await
            .expect(200);
        pay(&app, id, "repayment", "06 January 2022", json!(450))
            .await
            .expect(200);
        let third = pay(&app, id, "repayment", "07 January 2022", json!(300))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(l["status"]["overpaid"], true, "{}: {l}", app.backend);
        let r = chargeback(
            &app,
            id,
            &third.json["resourceId"],
            json!({"transactionAmount": 300, "paymentTypeId": 1, "locale": "en"}),
        )
        .await
        .expect(200);
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(l["status"]["active"], true, "{ctx}");
        assert_eq!(
            dec(&l["summary"]["totalOutstanding"]),
            Decimal::from(100),
            "{ctx}"
        );
        let tx = transaction(&app, id, &r.json["resourceId"]).await;
        assert_eq!(dec(&tx["principalPortion"]), Decimal::from(100), "{tx}");
        assert_eq!(dec(&tx["overpaymentPortion"]), Decimal::from(200), "{tx}");
    }
}
