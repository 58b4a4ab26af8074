use kassa_testkit::TestApp;
use serde_json::json;

use crate::staff::{user_with, PASSWORD};

#[tokio::test]
async fn a_fresh_tenant_has_fineracts_payment_types() {
    for app in TestApp::all().await {
        let r = app.get("/paymenttypes").send().await.expect(200);
        assert_eq!(
            r.json[0],
            json!({"id": 1, "name": "Money Transfer", "description": "Money Transfer", "isCashPayment": false,
                   "position": 1, "isSystemDefined": false}),
            "{}",
            app.backend
        );
        assert_eq!(r.json.as_array().unwrap().len(), 3);
        let coded = app
            .get("/paymenttypes?onlyWithCode=true")
            .send()
            .await
            .expect(200);
        assert_eq!(coded.json[0]["codeName"], "REPAYMENT_ADJUSTMENT_CHARGEBACK");
        assert_eq!(coded.json.as_array().unwrap().len(), 2);
    }
}

#[tokio::test]
async fn a_payment_type_is_created_read_updated_and_deleted() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/paymenttypes",
                json!({"name": "Cash", "description": "Notes and coins", "isCashPayment": true, "position": 2}),
            )
            .send()
            .await
            .expect(200);
        let id = r.json["resourceId"].as_i64().unwrap();
        assert_eq!(r.json, json!({"resourceId": id}), "{}", app.backend);
        assert_eq!(id, 4, "a new payment type must not reuse a seeded id");
        let one = app
            .get(&format!("/paymenttypes/{id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(
            one.json,
            json!({"id": id, "name": "Cash", "description": "Notes and coins", "isCashPayment": true,
                   "position": 2, "isSystemDefined": false})
        );
        let u = app
            .put(
                &format!("/paymenttypes/{id}"),
                json!({"name": "Cash desk", "description": "", "position": 3}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(u.json, json!({"resourceId": id}));
        let one = app
            .get(&format!("/paymenttypes/{id}?fields=name,description"))
            .send()
            .await
            .expect(200);
        assert_eq!(
            one.json,
            json!({"name": "Cash desk", "position": 3, "isSystemDefined": false})
        );
        let d = app
            .delete(&format!("/paymenttypes/{id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(d.json, json!({"resourceId": id}));
        let r = app
            .get(&format!("/paymenttypes/{id}"))
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.payment.type.invalid");
        app.delete(&format!("/paymenttypes/{id}"))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn payment_type_validation_reports_every_problem_at_once() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/paymenttypes",
                json!({"position": -1, "isCashPayment": "sometimes"}),
            )
            .send()
            .await
            .expect(400);
        let mut codes: Vec<&str> = r.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["userMessageGlobalisationCode"].as_str().unwrap())
            .collect();
        codes.sort();
        assert_eq!(
            codes,
            [
                "validation.msg.PAYMENTTYPE.isCashPayment.must.be.true.or.false",
                "validation.msg.PAYMENTTYPE.name.cannot.be.blank",
                "validation.msg.PAYMENTTYPE.position.not.zero.or.greater",
            ],
            "{}",
            app.backend
        );
        let r = app
            .post(
                "/paymenttypes",
                json!({"name": "Cheque", "codeName": "CHQ"}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
        app.post(
            "/paymenttypes",
            json!({"name": "Cheque", "code_name": "CHQ", "system_defined": false}),
        )
        .send()
        .await
        .expect(200);
    }
}

#[tokio::test]
async fn payment_types_need_their_permissions() {
    for app in TestApp::all().await {
        user_with(&app, "cashier", 1, &["READ_PAYMENTTYPE"]).await;
        user_with(&app, "outsider", 1, &["READ_OFFICE"]).await;
        app.get("/paymenttypes")
            .user("cashier", PASSWORD)
            .send()
            .await
            .expect(200);
        app.get("/paymenttypes/1")
            .user("outsider", PASSWORD)
            .send()
            .await
            .expect(403);
        let r = app
            .post("/paymenttypes", json!({"name": "Cash"}))
            .user("cashier", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.not.authorized",
            "{}",
            app.backend
        );
        app.delete("/paymenttypes/1")
            .user("cashier", PASSWORD)
            .send()
            .await
            .expect(403);
    }
}
