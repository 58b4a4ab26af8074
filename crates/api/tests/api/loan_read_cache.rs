//! What one replica keeps of its reads never hides what another wrote. The test app keeps loan rows and
//! catalogue entries between reads; its `uncached()` twin is a second app on the same database, as another
//! replica would be. Every write below goes through the twin, and the first app's next read must show it.

use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::loan_lifecycle::{dated, disbursed};
use crate::loans::setup;

async fn loan_on(app: &TestApp, id: i64, uncached: bool) -> Value {
    let req = app.get(&format!("/loans/{id}?associations=all"));
    let req = if uncached { req.uncached() } else { req };
    req.send().await.expect(200).json
}

/// Reads the loan on both apps and asserts they agree; answers the first app's read.
async fn agreeing(app: &TestApp, id: i64, after: &str) -> Value {
    let kept = loan_on(app, id, false).await;
    let fresh = loan_on(app, id, true).await;
    assert_eq!(kept, fresh, "{}: after {after}", app.backend);
    kept
}

#[tokio::test]
async fn a_loan_read_shows_what_another_replica_wrote_since_it_last_read() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = disbursed(&app, product, client_id).await;
        let before = agreeing(&app, id, "the disbursal").await;
        // Read twice more: the second read is served from what the first kept.
        assert_eq!(loan_on(&app, id, false).await, before);

        // A repayment through the other replica.
        let body = dated(
            json!({"transactionDate": "01 December 2022", "transactionAmount": 100,
            "paymentTypeId": 1}),
        );
        app.post(&format!("/loans/{id}/transactions?command=repayment"), body)
            .uncached()
            .send()
            .await
            .expect(200);
        let after = agreeing(&app, id, "a repayment on the other replica").await;
        assert_ne!(
            before["summary"]["totalRepayment"], after["summary"]["totalRepayment"],
            "{}",
            app.backend
        );

        // A catalogue change the loan's rows name: the payment type's name on its transactions.
        app.put(
            "/paymenttypes/1",
            json!({"name": "Renamed by the other replica"}),
        )
        .uncached()
        .send()
        .await
        .expect(200);
        let renamed = agreeing(&app, id, "renaming a payment type").await;
        assert!(
            renamed.to_string().contains("Renamed by the other replica"),
            "{}: {renamed}",
            app.backend
        );

        // A charge added, then the business date turned on: both reach the kept reader.
        let charge = app
            .post(
                "/charges",
                json!({"name": "Replica fee", "active": true, "amount": "12", "chargeAppliesTo": 1,
                    "chargeTimeType": 2, "chargeCalculationType": 1, "chargePaymentMode": 0,
                    "currencyCode": "USD", "locale": "en", "monthDayFormat": "dd MMM"}),
            )
            .uncached()
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        app.post(
            &format!("/loans/{id}/charges"),
            dated(json!({"chargeId": charge, "dueDate": "10 December 2022", "amount": 12})),
        )
        .uncached()
        .send()
        .await
        .expect(200);
        agreeing(&app, id, "adding a charge").await;
        app.put(
            "/configurations/name/enable-business-date",
            json!({"enabled": true}),
        )
        .uncached()
        .send()
        .await
        .expect(200);
        app.post(
            "/businessdate",
            json!({"type": "BUSINESS_DATE", "date": "05 January 2023", "dateFormat": "dd MMMM yyyy",
                "locale": "en"}),
        )
        .uncached()
        .send()
        .await
        .expect(200);
        agreeing(&app, id, "moving the business date").await;

        // The client's accounts overview, read once to keep and once after another repayment.
        let accounts = format!("/clients/{client_id}/accounts");
        app.get(&accounts).send().await.expect(200);
        let body = dated(json!({"transactionDate": "02 December 2022", "transactionAmount": 50}));
        app.post(&format!("/loans/{id}/transactions?command=repayment"), body)
            .uncached()
            .send()
            .await
            .expect(200);
        let kept = app.get(&accounts).send().await.expect(200).json;
        let fresh = app.get(&accounts).uncached().send().await.expect(200).json;
        assert_eq!(kept, fresh, "{}: the accounts overview", app.backend);
    }
}
