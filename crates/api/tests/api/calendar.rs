use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::configurations::{user_with, PASSWORD};

const WEEKDAYS: &str = "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR";

fn holiday(name: &str, from: &str, to: &str, rescheduled_to: &str) -> Value {
    json!({"name": name, "fromDate": from, "toDate": to, "reschedulingType": 2,
           "repaymentsRescheduledTo": rescheduled_to, "offices": [{"officeId": 1}],
           "description": "test holiday", "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

fn codes(r: &kassa_testkit::Resp) -> Vec<String> {
    r.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["userMessageGlobalisationCode"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn working_days_round_trip_from_fineracts_seed() {
    for app in TestApp::all().await {
        let seed = app.get("/workingdays").send().await.expect(200);
        assert_eq!(seed.json["id"], 1, "{}", app.backend);
        assert_eq!(
            seed.json["recurrence"],
            "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR,SA,SU"
        );
        assert_eq!(
            seed.json["repaymentRescheduleType"],
            json!({"id": 2, "code": "RepaymentRescheduleType.move.to.next.working.day", "value": "move to next working day"})
        );
        assert_eq!(seed.json["extendTermForDailyRepayments"], false);
        assert_eq!(
            seed.json["repaymentRescheduleOptions"]
                .as_array()
                .unwrap()
                .len(),
            4
        );
        let template = app.get("/workingdays/template").send().await.expect(200);
        assert_eq!(
            template.json["repaymentRescheduleOptions"][3],
            json!({"id": 4, "code": "RepaymentRescheduleType.move.to.previous.working.day", "value": "move to previous working day"})
        );
        assert!(template.json.get("recurrence").is_none());

        let r = app
            .put(
                "/workingdays",
                json!({"recurrence": WEEKDAYS, "repaymentRescheduleType": 4,
                                        "extendTermForDailyRepayments": true, "locale": "en"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["resourceId"], 1);
        assert_eq!(r.json["changes"]["recurrence"], WEEKDAYS);
        assert_eq!(r.json["changes"]["repaymentRescheduleType"]["id"], 4);
        assert_eq!(r.json["changes"]["extendTermForDailyRepayments"], true);
        let now = app.get("/workingdays").send().await.expect(200);
        assert_eq!(now.json["recurrence"], WEEKDAYS);
        assert_eq!(now.json["repaymentRescheduleType"]["id"], 4);
        let unchanged = app
            .put("/workingdays", json!({"recurrence": WEEKDAYS}))
            .send()
            .await
            .expect(200);
        assert_eq!(unchanged.json["changes"], json!({}));
    }
}

#[tokio::test]
async fn working_days_are_validated_as_fineract_does() {
    for app in TestApp::all().await {
        let r = app
            .put("/workingdays", json!({"repaymentRescheduleType": 5}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            codes(&r),
            [
                "validation.msg.workingdays.recurrence.cannot.be.blank",
                "validation.msg.workingdays.repaymentRescheduleType.is.not.within.expected.range",
            ],
            "{}",
            app.backend
        );
        let r = app
            .put(
                "/workingdays",
                json!({"recurrence": "FREQ=WEEKLY;BYDAY=XX"}),
            )
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.recurring.rule.parsing.error");
        let r = app
            .put(
                "/workingdays",
                json!({"recurrence": "FREQ=DAILY;INTERVAL=1"}),
            )
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.invalid.recurring.rule");
    }
}

#[tokio::test]
async fn a_holiday_is_created_pending_then_activated_then_deleted() {
    for app in TestApp::all().await {
        let created = app
            .post(
                "/holidays",
                holiday("Easter", "29 March 2024", "01 April 2024", "02 April 2024"),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(created.json, json!({"resourceId": 1}), "{}", app.backend);
        let h = app.get("/holidays/1").send().await.expect(200);
        assert_eq!(
            h.json,
            json!({"id": 1, "name": "Easter", "description": "test holiday", "fromDate": [2024, 3, 29],
                   "toDate": [2024, 4, 1], "repaymentsRescheduledTo": [2024, 4, 2],
                   "status": {"id": 100, "code": "holidayStatusType.pending.for.activation", "value": "Pending for activation"},
                   "reschedulingType": 2})
        );
        let list = app.get("/holidays?officeId=1").send().await.expect(200);
        assert_eq!(list.json.as_array().unwrap().len(), 1);

        // Pending: dates may still move.
        let moved = app
            .put(
                "/holidays/1",
                json!({"toDate": "31 March 2024", "dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            moved.json,
            json!({"resourceId": 1, "changes": {"toDate": "31 March 2024", "dateFormat": "dd MMMM yyyy", "locale": "en"}})
        );

        let activated = app
            .req(http::Method::POST, "/holidays/1?command=activate")
            .send()
            .await
            .expect(200);
        assert_eq!(activated.json, json!({"resourceId": 1}));
        assert_eq!(
            app.get("/holidays/1").send().await.json["status"]["id"],
            300
        );
        let again = app
            .req(http::Method::POST, "/holidays/1?command=activate")
            .send()
            .await
            .expect(400);
        assert_eq!(
            again.error_code(),
            "validation.msg.holiday.activate.not.in.pending.for.activation.state"
        );
        let frozen = app
            .put(
                "/holidays/1",
                json!({"fromDate": "28 March 2024", "dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(
            frozen.error_code(),
            "validation.msg.holiday.update.fromDate.cannot.edit.holiday.in.active.state"
        );
        let renamed = app
            .put("/holidays/1", json!({"name": "Easter weekend"}))
            .send()
            .await
            .expect(200);
        assert_eq!(renamed.json["changes"], json!({"name": "Easter weekend"}));
        let unknown = app
            .req(http::Method::POST, "/holidays/1?command=approve")
            .send()
            .await
            .expect(400);
        assert_eq!(
            unknown.error_code(),
            "error.msg.query.parameter.value.unsupported"
        );

        app.delete("/holidays/1").send().await.expect(200);
        let deleted = app.get("/holidays/1").send().await.expect(200);
        // Fineract's quirk: the deleted status carries a savings-account code.
        assert_eq!(
            deleted.json["status"],
            json!({"id": 600, "code": "savingsAccountStatusType.transfer.in.progress", "value": "Deleted"})
        );
        let twice = app.delete("/holidays/1").send().await.expect(400);
        assert_eq!(
            twice.error_code(),
            "validation.msg.holiday.delete.already.in.deleted.state"
        );
        let audits = app.get("/audits").send().await.expect(200);
        let holiday_rows = audits
            .json
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["entityName"] == "HOLIDAY" && a["processingResult"] == "Processed")
            .count();
        assert_eq!(holiday_rows, 5);
    }
}

#[tokio::test]
async fn holiday_validation_reports_fineracts_codes() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/holidays",
                json!({"dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(
            codes(&r),
            [
                "validation.msg.holiday.name.cannot.be.blank",
                "validation.msg.holiday.fromDate.cannot.be.blank",
                "validation.msg.holiday.toDate.cannot.be.blank",
                "validation.msg.holiday.repaymentsRescheduledTo.cannot.be.blank",
                "validation.msg.holiday.offices.cannot.be.blank",
            ],
            "{}",
            app.backend
        );
        let cases = [
            (holiday("Backwards", "10 April 2024", "01 April 2024", "15 April 2024"),
             "error.msg.holiday.to.date.cannot.be.before.from.date"),
            (holiday("Inside", "01 April 2024", "10 April 2024", "05 April 2024"),
             "error.msg.holiday.repayments.rescheduled.date.should.be.before.from.date.or.after.to.date"),
            (holiday("Far", "01 April 2024", "10 April 2024", "20 May 2024"),
             "error.msg.holiday.repayments.rescheduled.to.must.be.within.range"),
        ];
        for (body, code) in cases {
            let r = app.post("/holidays", body).send().await.expect(403);
            assert_eq!(r.error_code(), code);
        }
        app.put("/workingdays", json!({"recurrence": WEEKDAYS}))
            .send()
            .await
            .expect(200);
        let saturday = app
            .post(
                "/holidays",
                holiday("Weekend", "01 April 2024", "05 April 2024", "06 April 2024"),
            )
            .send()
            .await
            .expect(403);
        assert_eq!(
            saturday.error_code(),
            "error.msg.holiday.repayments.rescheduled.date.should.not.fall.on.non.working.day"
        );
        let mut elsewhere = holiday(
            "Elsewhere",
            "01 April 2024",
            "05 April 2024",
            "08 April 2024",
        );
        elsewhere["offices"] = json!([{"officeId": 99}]);
        let r = app.post("/holidays", elsewhere).send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.office.id.invalid");
        app.post(
            "/holidays",
            holiday("Once", "01 April 2024", "05 April 2024", "08 April 2024"),
        )
        .send()
        .await
        .expect(200);
        let r = app
            .post(
                "/holidays",
                holiday("Once", "01 May 2024", "03 May 2024", "06 May 2024"),
            )
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.holiday.duplicate.name");
        let next_repayment = json!({"name": "No date", "fromDate": "01 June 2024", "toDate": "02 June 2024",
            "reschedulingType": 1, "offices": [{"officeId": 1}], "dateFormat": "dd MMMM yyyy", "locale": "en"});
        app.post("/holidays", next_repayment)
            .send()
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn holidays_are_listed_by_office_and_date_range() {
    for app in TestApp::all().await {
        app.post("/offices", json!({"name": "Branch", "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"}))
            .send().await.expect(200);
        app.post(
            "/holidays",
            holiday("April", "01 April 2024", "05 April 2024", "08 April 2024"),
        )
        .send()
        .await
        .expect(200);
        let mut branch_only = holiday("May", "01 May 2024", "03 May 2024", "06 May 2024");
        branch_only["offices"] = json!([{"officeId": 2}]);
        app.post("/holidays", branch_only).send().await.expect(200);
        let all = app.get("/holidays").send().await.expect(200);
        assert_eq!(all.json.as_array().unwrap().len(), 2, "{}", app.backend);
        let head = app.get("/holidays?officeId=1").send().await.expect(200);
        assert_eq!(head.json[0]["name"], "April");
        assert_eq!(head.json.as_array().unwrap().len(), 1);
        let may = app
            .get("/holidays?fromDate=15%20April%202024&dateFormat=dd%20MMMM%20yyyy&locale=en")
            .send()
            .await
            .expect(200);
        assert_eq!(may.json.as_array().unwrap().len(), 1);
        assert_eq!(may.json[0]["name"], "May");
        let r = app
            .get("/holidays?fromDate=15%20April%202024")
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.missing.dateFormat.parameter"
        );
        let template = app.get("/holidays/template").send().await.expect(200);
        assert_eq!(
            template.json,
            json!([{"id": 2, "code": "rescheduletype.rescheduletospecificdate", "value": "Reschedule to specified date"},
                   {"id": 1, "code": "rescheduletype.rescheduletonextrepaymentdate", "value": "Reschedule to next repayment date"}])
        );
        app.get("/holidays/99").send().await.expect(404);
    }
}

#[tokio::test]
async fn a_user_without_calendar_permissions_gets_403() {
    for app in TestApp::all().await {
        let nobody = user_with(&app, "no-calendar", &["READ_OFFICE"]).await;
        for path in [
            "/holidays",
            "/holidays/template",
            "/workingdays",
            "/workingdays/template",
        ] {
            app.get(path)
                .user(&nobody, PASSWORD)
                .send()
                .await
                .expect(403);
        }
        let reader = user_with(
            &app,
            "calendar-reader",
            &["READ_HOLIDAY", "READ_WORKINGDAYS"],
        )
        .await;
        app.get("/holidays")
            .user(&reader, PASSWORD)
            .send()
            .await
            .expect(200);
        app.post(
            "/holidays",
            holiday("Nope", "01 April 2024", "05 April 2024", "08 April 2024"),
        )
        .user(&reader, PASSWORD)
        .send()
        .await
        .expect(403);
        app.put("/workingdays", json!({"recurrence": WEEKDAYS}))
            .user(&reader, PASSWORD)
            .send()
            .await
            .expect(403);
    }
}
