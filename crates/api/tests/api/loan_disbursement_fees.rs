//! Fees due at disbursement through the API: paid by the disbursal itself (Fineract's "Repayment (at
//! time of disbursement)", type 5), per tranche for tranche fees, and undone with the disbursal.

use kassa_testkit::TestApp;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::loan_lifecycle::{command, dec, loan};
use crate::loan_tranches::{disburse, rp16, setup};
use crate::loans::submit;

async fn fee_charge(app: &TestApp, name: &str, time: i64, amount: &str) -> i64 {
    let body = json!({
        "name": name, "active": true, "amount": amount, "chargeAppliesTo": 1, "chargeTimeType": time,
        "chargeCalculationType": 1, "chargePaymentMode": 0, "penalty": false, "currencyCode": "USD",
        "locale": "en", "monthDayFormat": "dd MMM"
    });
    let r = app.post("/charges", body).send().await.expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

async fn add_charge(app: &TestApp, loan_id: i64, charge_id: i64) -> i64 {
    let body = json!({"chargeId": charge_id, "locale": "en", "dateFormat": "dd MMMM yyyy"});
    let r = app
        .post(&format!("/loans/{loan_id}/charges"), body)
        .send()
        .await
        .expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

fn fee_payments(l: &Value) -> Vec<(bool, Decimal)> {
    l["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["type"]["repaymentAtDisbursement"] == true)
        .map(|t| (t["manuallyReversed"] == true, dec(&t["feeChargesPortion"])))
        .collect()
}

/// Fineract's `Loan.handleDisbursementTransaction`: a fee due at disbursement is paid by a "Repayment
/// (at time of disbursement)" (type 5) on the disbursal date, shown on the disbursement row and in
/// `feeChargesDueAtDisbursementCharged`; undoing the disbursal reverses it.
#[tokio::test]
async fn a_disbursement_fee_is_paid_by_the_disbursal_and_undone_with_it() {
    for app in TestApp::all().await {
        let (product, client_id) = crate::loans::setup(&app).await;
        let id = submit(&app, crate::loans::application(product, client_id)).await;
        let fee = fee_charge(&app, "Opening", 1, "25").await;
        let lc = add_charge(&app, id, fee).await;
        command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022"}),
        )
        .await
        .expect(200);
        disburse(&app, id, "01 November 2022").await.expect(200);
        let l = loan(&app, id).await;
        let s = &l["summary"];
        assert_eq!(
            dec(&s["feeChargesDueAtDisbursementCharged"]),
            Decimal::from(25),
            "{s}"
        );
        assert_eq!(dec(&s["feeChargesCharged"]), Decimal::from(25));
        assert_eq!(dec(&s["feeChargesPaid"]), Decimal::from(25));
        assert_eq!(dec(&s["feeChargesOutstanding"]), Decimal::ZERO);
        assert_eq!(dec(&s["principalOutstanding"]), Decimal::from(5000));
        let first = &l["repaymentSchedule"]["periods"][0];
        assert_eq!(dec(&first["feeChargesDue"]), Decimal::from(25), "{first}");
        assert_eq!(dec(&first["feeChargesPaid"]), Decimal::from(25), "{first}");
        assert_eq!(fee_payments(&l), [(false, Decimal::from(25))]);
        let c = app
            .get(&format!("/loans/{id}/charges/{lc}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(dec(&c["amountPaid"]), Decimal::from(25), "{c}");
        assert_eq!(dec(&c["amountOutstanding"]), Decimal::ZERO, "{c}");

        command(&app, id, "undodisbursal", json!({}))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(fee_payments(&l), [(true, Decimal::from(25))]);
        let c = app
            .get(&format!("/loans/{id}/charges/{lc}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(dec(&c["amountOutstanding"]), Decimal::from(25), "{c}");
    }
}

#[tokio::test]
async fn a_tranche_fee_is_paid_by_each_tranche_and_leaves_with_an_undone_one() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = submit(&app, rp16(product, client_id)).await;
        let fee = fee_charge(&app, "Tranche", 12, "10").await;
        add_charge(&app, id, fee).await;
        command(
            &app,
            id,
            "approve",
            json!({"approvedOnDate": "01 November 2022"}),
        )
        .await
        .expect(200);
        disburse(&app, id, "01 November 2022").await.expect(200);
        disburse(&app, id, "01 January 2023").await.expect(200);
        let l = loan(&app, id).await;
        assert_eq!(
            fee_payments(&l),
            [(false, Decimal::from(10)), (false, Decimal::from(10))]
        );
        assert_eq!(dec(&l["summary"]["feeChargesCharged"]), Decimal::from(20));
        let details = l["disbursementDetails"].as_array().unwrap();
        assert_eq!(dec(&details[0]["netDisbursalAmount"]), Decimal::from(4990));
        command(&app, id, "undolastdisbursal", json!({}))
            .await
            .expect(200);
        let l = loan(&app, id).await;
        assert_eq!(
            fee_payments(&l),
            [(false, Decimal::from(10)), (true, Decimal::from(10))]
        );
        assert_eq!(dec(&l["summary"]["feeChargesPaid"]), Decimal::from(10));
    }
}
