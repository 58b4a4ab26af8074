//! A loan product's charges: listed on the product, kept from deletion, refused when missing, inactive or in another currency.

use super::*;

fn loan_product(charges: Value) -> Value {
    json!({
        "name": "Gold", "shortName": "GLD", "currencyCode": "USD", "digitsAfterDecimal": 2, "inMultiplesOf": 0,
        "principal": 10000, "numberOfRepayments": 12, "repaymentEvery": 1, "repaymentFrequencyType": 2,
        "interestRatePerPeriod": 1.5, "interestRateFrequencyType": 2, "amortizationType": 1, "interestType": 0,
        "interestCalculationPeriodType": 1, "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "daysInYearType": 1, "daysInMonthType": 1, "accountingRule": 1, "charges": charges, "locale": "en"
    })
}

#[tokio::test]
async fn a_loan_product_lists_its_charges_and_keeps_them_from_deletion() {
    for app in TestApp::all().await {
        let fee = create(&app, loan_charge("Fee", 1, 1, false)).await;
        let penalty = create(&app, loan_charge("Late", 9, 1, true)).await;
        let r = app
            .post(
                "/loanproducts",
                loan_product(json!([{"id": fee}, {"id": penalty}, {"id": fee}])),
            )
            .send()
            .await
            .expect(200);
        let product = r.json["resourceId"].as_i64().unwrap();
        let p = app
            .get(&format!("/loanproducts/{product}"))
            .send()
            .await
            .expect(200)
            .json;
        let listed: Vec<i64> = p["charges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(listed, [fee, penalty], "{}", app.backend);
        assert_eq!(
            p["charges"][0]["chargeTimeType"]["code"],
            "chargeTimeType.disbursement"
        );
        let r = app
            .delete(&format!("/charges/{fee}"))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.charge.cannot.be.deleted.it.is.already.used.in.loan"
        );
        let r = app
            .put(&format!("/charges/{fee}"), json!({"active": false}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.charge.cannot.be.updated.it.is.used.in.loan"
        );
        let u = app
            .put(
                &format!("/loanproducts/{product}"),
                json!({"charges": [{"id": penalty}]}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(u.json["changes"]["charges"], json!([{"id": penalty}]));
        app.delete(&format!("/charges/{fee}"))
            .send()
            .await
            .expect(200);
        let u = app
            .put(
                &format!("/loanproducts/{product}"),
                json!({"charges": [{"id": penalty}]}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(u.json["changes"], json!({}));
    }
}

#[tokio::test]
async fn a_loan_product_cannot_list_a_missing_inactive_or_foreign_currency_charge() {
    for app in TestApp::all().await {
        let r = app
            .post("/loanproducts", loan_product(json!([{"id": 77}])))
            .send()
            .await
            .expect(404);
        assert_eq!(
            r.error_code(),
            "error.msg.charge.id.invalid",
            "{}",
            app.backend
        );
        let mut idle = loan_charge("Idle", 1, 1, false);
        idle["active"] = json!(false);
        let idle = create(&app, idle).await;
        let r = app
            .post("/loanproducts", loan_product(json!([{"id": idle}])))
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.charge.is.not.active");
        app.put("/currencies", json!({"currencies": ["USD", "EUR"]}))
            .send()
            .await
            .expect(200);
        let mut euro = loan_charge("Euro fee", 1, 1, false);
        euro["currencyCode"] = json!("EUR");
        let euro = create(&app, euro).await;
        let r = app
            .post("/loanproducts", loan_product(json!([{"id": euro}])))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.charge.attach.to.loan.product.invalid.currency"
        );
        assert_eq!(
            app.get("/loanproducts").send().await.expect(200).json,
            json!([])
        );
    }
}
