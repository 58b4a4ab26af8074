use chrono::NaiveDate;
use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::configurations::{user_with, PASSWORD};

fn business_date(kind: &str, date: &str) -> Value {
    json!({"type": kind, "date": date, "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

fn office(name: &str, date: &str) -> Value {
    json!({"name": name, "parentId": 1, "openingDate": date, "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

async fn enable(app: &TestApp, on: bool) {
    app.put(
        "/configurations/name/enable-business-date",
        json!({"enabled": on}),
    )
    .send()
    .await
    .expect(200);
}

#[tokio::test]
async fn setting_the_business_date_while_it_is_disabled_is_refused() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/businessdate",
                business_date("BUSINESS_DATE", "15 June 2099"),
            )
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "business.date.is.not.enabled",
            "{}",
            app.backend
        );
        assert_eq!(
            app.get("/businessdate").send().await.expect(200).json,
            json!([])
        );
        let r = app
            .get("/businessdate/BUSINESS_DATE")
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.businessdate.not.found");
    }
}

#[tokio::test]
async fn the_business_date_moves_the_servers_today() {
    for app in TestApp::all().await {
        let tenant = app.state.app.tenant("default").await.unwrap().unwrap();
        let calendar_today = tenant.today(chrono::Utc::now());
        // An office cannot open in the future...
        let r = app
            .post("/offices", office("Future Branch", "01 January 2099"))
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.office.openingDate.in.the.future");

        enable(&app, true).await;
        let set = app
            .post(
                "/businessdate",
                business_date("BUSINESS_DATE", "15 June 2099"),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            set.json,
            json!({"changes": {"BUSINESS_DATE": [2099, 6, 15], "COB_DATE": [2099, 6, 14]}}),
            "{}",
            app.backend
        );
        let one = app
            .get("/businessdate/BUSINESS_DATE")
            .send()
            .await
            .expect(200);
        assert_eq!(
            one.json,
            json!({"description": "Business Date", "type": "BUSINESS_DATE", "date": [2099, 6, 15]})
        );
        let all = app.get("/businessdate").send().await.expect(200);
        assert_eq!(all.json.as_array().unwrap().len(), 2);
        assert_eq!(
            app.state.app.today(&tenant).await.unwrap(),
            NaiveDate::from_ymd_opt(2099, 6, 15).unwrap()
        );
        // ...but once the business date is later, that date is in the past.
        app.post("/offices", office("Future Branch", "01 January 2099"))
            .send()
            .await
            .expect(200);
        let template = app.get("/offices/template").send().await.expect(200);
        assert_eq!(template.json["openingDate"], json!([2099, 6, 15]));
        let again = app
            .post(
                "/businessdate",
                business_date("BUSINESS_DATE", "15 June 2099"),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(again.json, json!({"changes": {}}));

        enable(&app, false).await;
        assert_eq!(app.state.app.today(&tenant).await.unwrap(), calendar_today);
    }
}

#[tokio::test]
async fn the_close_of_business_date_can_be_set_on_its_own() {
    for app in TestApp::all().await {
        enable(&app, true).await;
        let r = app
            .post("/businessdate", business_date("COB_DATE", "01 March 2024"))
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"changes": {"COB_DATE": [2024, 3, 1]}}),
            "{}",
            app.backend
        );
        let cob = app.get("/businessdate/COB_DATE").send().await.expect(200);
        assert_eq!(cob.json["description"], "Close of Business Date");
        app.get("/businessdate/BUSINESS_DATE")
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn business_date_requests_are_validated_as_fineract_does() {
    for app in TestApp::all().await {
        enable(&app, true).await;
        let r = app
            .post("/businessdate", json!({}))
            .send()
            .await
            .expect(400);
        let codes: Vec<&str> = r.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["userMessageGlobalisationCode"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            [
                "validation.msg.businessdate.update.type.cannot.be.blank",
                "validation.msg.businessdate.update.locale.cannot.be.blank",
                "validation.msg.businessdate.update.dateFormat.cannot.be.blank",
                "validation.msg.businessdate.update.date.cannot.be.blank",
            ],
            "{}",
            app.backend
        );
        let r = app
            .post("/businessdate", business_date("YESTERDAY", "01 March 2024"))
            .send()
            .await
            .expect(400);
        assert_eq!(r.json["errors"][0]["parameterName"], "type");
        let r = app
            .post(
                "/businessdate",
                business_date("BUSINESS_DATE", "31 February 2024"),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "validation.msg.invalid.dateFormat.format");
        let r = app.get("/businessdate/YESTERDAY").send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.businessdate.type.not.exist");
    }
}

#[tokio::test]
async fn a_user_without_business_date_permissions_gets_403() {
    for app in TestApp::all().await {
        enable(&app, true).await;
        let reader = user_with(&app, "date-reader", &["READ_BUSINESS_DATE"]).await;
        app.get("/businessdate")
            .user(&reader, PASSWORD)
            .send()
            .await
            .expect(200);
        app.post(
            "/businessdate",
            business_date("BUSINESS_DATE", "15 June 2099"),
        )
        .user(&reader, PASSWORD)
        .send()
        .await
        .expect(403);
        let nobody = user_with(&app, "no-dates", &["READ_OFFICE"]).await;
        app.get("/businessdate")
            .user(&nobody, PASSWORD)
            .send()
            .await
            .expect(403);
    }
}
