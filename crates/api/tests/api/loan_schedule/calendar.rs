//! Schedules on the calendar: due dates off non-working days and holidays, and a down payment on the disbursement date.

use super::*;

#[tokio::test]
async fn due_dates_move_off_non_working_days() {
    for app in TestApp::all().await {
        app.put(
            "/workingdays",
            json!({"recurrence": "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR", "locale": "en"}),
        )
        .send()
        .await
        .expect(200);
        let product = create_product(&app, lp1_product("Flat", "FLT", 1, 1)).await;
        let schedule = calculate(&app, lp1_application(product, 1, 1)).await;
        let periods = schedule["periods"].as_array().unwrap();
        // 1 January 2023 is a Sunday: the repayment moves to Monday (the seeded rule).
        assert_eq!(
            periods[2]["dueDate"],
            json!([2023, 1, 2]),
            "{}",
            app.backend
        );
        for p in &periods[1..] {
            let d = &p["dueDate"];
            let date = chrono::NaiveDate::from_ymd_opt(
                d[0].as_i64().unwrap() as i32,
                d[1].as_u64().unwrap() as u32,
                d[2].as_u64().unwrap() as u32,
            )
            .unwrap();
            use chrono::Datelike;
            assert!(
                date.weekday().number_from_monday() <= 5,
                "{}: {p}",
                app.backend
            );
            // A flat loan's amounts do not depend on the dates.
            assert_eq!(dec(&p["interestDue"]), s("50"), "{}", app.backend);
        }
    }
}

#[tokio::test]
async fn an_active_holiday_moves_a_repayment_while_rescheduling_is_on() {
    for app in TestApp::all().await {
        app.put(
            "/configurations/name/reschedule-repayments-on-holidays",
            json!({"enabled": true}),
        )
        .send()
        .await
        .expect(200);
        let holiday = app
            .post(
                "/holidays",
                json!({"name": "Founders day", "fromDate": "01 December 2022", "toDate": "01 December 2022",
                       "reschedulingType": 2, "repaymentsRescheduledTo": "02 December 2022",
                       "offices": [{"officeId": 1}], "dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let product = create_product(&app, lp1_product("Flat", "FLT", 1, 1)).await;
        // A holiday counts only once it is active.
        let schedule = calculate(&app, lp1_application(product, 1, 1)).await;
        assert_eq!(
            schedule["periods"][1]["dueDate"],
            json!([2022, 12, 1]),
            "{}",
            app.backend
        );
        app.req(
            axum::http::Method::POST,
            &format!("/holidays/{holiday}?command=activate"),
        )
        .send()
        .await
        .expect(200);
        let schedule = calculate(&app, lp1_application(product, 1, 1)).await;
        assert_eq!(
            schedule["periods"][1]["dueDate"],
            json!([2022, 12, 2]),
            "{}",
            app.backend
        );
        assert_eq!(
            schedule["periods"][2]["fromDate"],
            json!([2022, 12, 2]),
            "{}",
            app.backend
        );
        assert_eq!(
            schedule["periods"][2]["dueDate"],
            json!([2023, 1, 1]),
            "{}",
            app.backend
        );
    }
}

/// LoanDownPayment.feature, "Single disbursement normal flow": 1000 flat at 0 %, three months,
/// 25 % down payment: 250 on the disbursement date, then 3 x 250.
#[tokio::test]
async fn a_down_payment_is_its_own_installment_on_the_disbursement_date() {
    for app in TestApp::all().await {
        let mut body = lp1_product("Down payment", "DWN", 1, 1);
        body["principal"] = json!(1000);
        body["numberOfRepayments"] = json!(3);
        body["interestRatePerPeriod"] = json!(0);
        body["enableDownPayment"] = json!(true);
        body["disbursedAmountPercentageForDownPayment"] = json!(25);
        body["enableAutoRepaymentForDownPayment"] = json!(false);
        let product = create_product(&app, body).await;
        let mut application = lp1_application(product, 1, 1);
        application["principal"] = json!(1000);
        application["loanTermFrequency"] = json!(3);
        application["numberOfRepayments"] = json!(3);
        application["interestRatePerPeriod"] = json!(0);
        application["expectedDisbursementDate"] = json!("01 January 2022");
        application["submittedOnDate"] = json!("01 January 2022");
        let schedule = calculate(&app, application).await;
        let periods = schedule["periods"].as_array().unwrap();
        assert_eq!(periods.len(), 5, "{}: {schedule}", app.backend);
        let down = &periods[1];
        assert_eq!(down["period"], 1, "{}", app.backend);
        assert_eq!(down["dueDate"], json!([2022, 1, 1]));
        assert_eq!(down["downPaymentPeriod"], true);
        assert_eq!(down["daysInPeriod"], 1);
        assert_eq!(dec(&down["principalDue"]), s("250"));
        assert_eq!(dec(&down["principalLoanBalanceOutstanding"]), s("750"));
        for (i, (due, balance)) in [
            ("2022-02-01", "500"),
            ("2022-03-01", "250"),
            ("2022-04-01", "0"),
        ]
        .iter()
        .enumerate()
        {
            let p = &periods[i + 2];
            assert_eq!(p["period"], json!(i + 2), "{}: {p}", app.backend);
            assert_eq!(p["dueDate"], ymd(due), "{}: {p}", app.backend);
            assert_eq!(dec(&p["principalDue"]), s("250"), "{}: {p}", app.backend);
            assert_eq!(dec(&p["principalLoanBalanceOutstanding"]), s(balance));
            assert_eq!(p["downPaymentPeriod"], false);
        }
        assert_eq!(dec(&schedule["totalPrincipalExpected"]), s("1000"));
        assert_eq!(dec(&schedule["totalRepaymentExpected"]), s("1000"));
    }
}
