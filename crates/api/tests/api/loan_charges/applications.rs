//! Charges on a loan application: the template's charges, an application submitted with charges, and one without a charge id.

use super::*;

#[tokio::test]
async fn the_template_offers_the_loan_charges_in_the_loans_currency() {
    for app in TestApp::all().await {
        charge(&app, "Visit", 2, 1, "10", false).await;
        charge(&app, "Service", 8, 1, "10", false).await;
        let id = pending(&app).await;
        let t = app
            .get(&format!("/loans/{id}/charges/template"))
            .send()
            .await
            .expect(200)
            .json;
        let names: Vec<&str> = t["chargeOptions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect();
        assert_eq!(names, vec!["Service", "Visit"], "{t}");
    }
}

#[tokio::test]
async fn a_loan_submitted_with_charges_has_them_on_its_schedule_and_can_still_be_deleted() {
    for app in TestApp::all().await {
        let visit = charge(&app, "Visit", 2, 1, "10", false).await;
        let service = charge(&app, "Service", 8, 1, "10", false).await;
        let (product, client_id) = setup(&app).await;
        let mut body = application(product, client_id);
        body["charges"] = json!([
            {"chargeId": visit, "amount": 60, "dueDate": "10 November 2022"},
            {"chargeId": service, "amount": 5}
        ]);
        let id = submit(&app, body).await;
        let all = app
            .get(&format!("/loans/{id}/charges"))
            .send()
            .await
            .expect(200)
            .json;
        let ctx = format!("{}: {all}", app.backend);
        assert_eq!(all.as_array().map(Vec::len), Some(2), "{ctx}");
        let l = loan(&app, id).await;
        let ctx = format!("{}: {l}", app.backend);
        assert_eq!(
            dec(&period(&l, 1)["feeChargesDue"]),
            Decimal::from(65),
            "{ctx}"
        );
        assert_eq!(
            dec(&period(&l, 2)["feeChargesDue"]),
            Decimal::from(5),
            "{ctx}"
        );

        // The stored application no longer carries the charges, so approval can regenerate the schedule.
        approve_and_disburse(&app, id, 4500).await;
        let l = loan(&app, id).await;
        assert_eq!(
            dec(&period(&l, 1)["feeChargesDue"]),
            Decimal::from(65),
            "{l}"
        );

        let id = submit(&app, {
            let mut body = application(product, client_id);
            body["charges"] = json!([{"chargeId": visit, "dueDate": "10 November 2022"}]);
            body
        })
        .await;
        app.delete(&format!("/loans/{id}")).send().await.expect(200);
        app.get(&format!("/loans/{id}/charges"))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn a_charge_of_an_application_without_a_charge_id_is_refused() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let mut body = application(product, client_id);
        body["charges"] = json!([{"amount": 5}]);
        let r = app.post("/loans", body).send().await.expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.loan.chargeId.cannot.be.blank",
            "{}",
            r.text
        );
    }
}
