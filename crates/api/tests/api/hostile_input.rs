//! Issue 11's findings on parsing, one test each: NUL characters anywhere, bodies too big in keys or depth,
//! and error answers from below the handlers. Every answer is a Fineract envelope on both backends.

use kassa_testkit::{basic, TestApp};
use serde_json::{json, Value};

const NUL_CODE: &str = "validation.msg.parameter.contains.nul.character";

fn dated(mut body: Value) -> Value {
    body["dateFormat"] = json!("dd MMMM yyyy");
    body["locale"] = json!("en");
    body
}

#[tokio::test]
async fn a_nul_in_basic_credentials_is_a_401_even_before_login() {
    for app in TestApp::all().await {
        for (user, password) in [
            ("a\0b", "x"),
            ("mifos\0", "password"),
            ("mifos", "pass\0word"),
        ] {
            let r = app
                .get("/offices")
                .header("Authorization", &basic(user, password))
                .send()
                .await
                .expect(401);
            assert_eq!(
                r.json["userMessageGlobalisationCode"],
                "error.msg.not.authenticated"
            );
        }
    }
}

#[tokio::test]
async fn a_nul_in_the_authentication_body_is_a_400_naming_the_parameter() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/authentication",
                json!({"username": "a\u{0}b", "password": "x"}),
            )
            .without("Authorization")
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), NUL_CODE, "{}", app.backend);
        assert_eq!(r.json["errors"][0]["parameterName"], "username");
    }
}

#[tokio::test]
async fn a_nul_in_any_free_text_field_on_create_is_a_400_on_every_backend() {
    for app in TestApp::all().await {
        let bodies = [
            (
                "/offices",
                dated(json!({"name": "a\u{0}", "parentId": 1, "openingDate": "01 January 2020"})),
            ),
            (
                "/clients",
                dated(
                    json!({"officeId": 1, "legalFormId": 1, "firstname": "\u{0}", "lastname": "x", "active": false, "submittedOnDate": "01 January 2022"}),
                ),
            ),
            ("/codes", json!({"name": "c\u{0}"})),
            ("/roles", json!({"name": "r", "description": "\u{0}"})),
            (
                "/paymenttypes",
                json!({"name": "p\u{0}", "isCashPayment": true}),
            ),
            (
                "/loanproducts",
                json!({"name": "l\u{0}", "shortName": "L0"}),
            ),
            ("/charges", json!({"name": "x", "currencyCode": "US\u{0}"})),
            (
                "/users",
                json!({"username": "u\u{0}", "firstname": "f", "lastname": "l", "officeId": 1, "roles": [1]}),
            ),
            ("/clients/1/notes", json!({"note": "n\u{0}"})),
        ];
        for (path, body) in bodies {
            let r = app.post(path, body).send().await;
            assert_eq!(
                r.status.as_u16(),
                400,
                "{path} on {}: {}",
                app.backend,
                r.text
            );
            assert_eq!(r.error_code(), NUL_CODE, "{path}");
        }
        let loan = crate::loan_lifecycle::active_loan(&app).await;
        for field in ["receiptNumber", "note", "externalId"] {
            let mut body =
                dated(json!({"transactionDate": "01 December 2022", "transactionAmount": 1}));
            body[field] = json!("r\u{0}");
            let r = app
                .post(
                    &format!("/loans/{loan}/transactions?command=repayment"),
                    body,
                )
                .send()
                .await;
            assert_eq!(
                r.status.as_u16(),
                400,
                "{field} on {}: {}",
                app.backend,
                r.text
            );
        }
        // Nested values and keys too.
        let nested = dated(
            json!({"name": "h", "fromDate": "01 June 2030", "toDate": "02 June 2030",
            "reschedulingType": 1, "offices": [{"officeId": "1\u{0}"}]}),
        );
        app.post("/holidays", nested).send().await.expect(400);
        let key = app
            .req(http::Method::POST, "/codes")
            .raw_body(r#"{"na\u0000me":"x"}"#)
            .send()
            .await
            .expect(400);
        assert_eq!(key.error_code(), NUL_CODE);
    }
}

#[tokio::test]
async fn a_nul_in_a_path_or_query_value_is_a_400() {
    for app in TestApp::all().await {
        for path in [
            "/clients/external-id/a%00b",
            "/clients?displayName=a%00b",
            "/clients?sqlSearch=display_name%20%3D%20%27a%00%27",
            "/loans?externalId=a%00b",
            "/loans?accountNo=%00",
            "/audits?actionName=a%00",
            "/offices/external-id/%00",
            "/offices?orderBy=%00",
            "/offices?tenantIdentifier=default%00",
        ] {
            let r = app.get(path).send().await;
            assert_eq!(
                r.status.as_u16(),
                400,
                "{path} on {}: {}",
                app.backend,
                r.text
            );
            assert_eq!(r.error_code(), NUL_CODE, "{path}");
        }
        let v2 = app
            .req(
                http::Method::POST,
                "/fineract-provider/api/v2/clients/search",
            )
            .json(json!({"request": {"text": "a\u{0}"}}))
            .send()
            .await
            .expect(400);
        assert_eq!(v2.error_code(), NUL_CODE);
    }
}

#[tokio::test]
async fn a_body_of_150_000_keys_is_refused_before_it_is_parsed() {
    for app in TestApp::all().await {
        let keys: Vec<String> = (0..150_000).map(|i| format!("\"key{i}\":{i}")).collect();
        let body = format!("{{{}}}", keys.join(","));
        assert!(body.len() < 3 * 1024 * 1024);
        let r = app
            .req(http::Method::POST, "/offices")
            .raw_body(&body)
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.invalid.request.body");
        let deep = format!("{{\"name\":{}1{}}}", "[".repeat(5_000), "]".repeat(5_000));
        app.req(http::Method::POST, "/offices")
            .raw_body(&deep)
            .send()
            .await
            .expect(400);
    }
}

#[tokio::test]
async fn the_v2_search_without_a_body_is_a_400() {
    for app in TestApp::all().await {
        let r = app
            .req(
                http::Method::POST,
                "/fineract-provider/api/v2/clients/search",
            )
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.invalid.request.body");
    }
}

#[tokio::test]
async fn out_of_range_paging_values_are_400s_everywhere() {
    for app in TestApp::all().await {
        for path in [
            "/clients?offset=9223372036854775808",
            "/notifications?offset=9223372036854775808",
            "/entityDatatableChecks?limit=abc",
            "/entityDatatableChecks?productId=1e400",
        ] {
            let r = app.get(path).send().await;
            assert_eq!(r.status.as_u16(), 400, "{path}: {}", r.text);
        }
    }
}

#[tokio::test]
async fn not_without_parentheses_searches_as_the_docs_say() {
    for app in TestApp::all().await {
        for first in ["Amara", "Baraka"] {
            let body = dated(
                json!({"officeId": 1, "legalFormId": 1, "firstname": first, "lastname": "K",
                "active": false, "submittedOnDate": "01 January 2022"}),
            );
            app.post("/clients", body).send().await.expect(200);
        }
        let r = app
            .get("/clients?sqlSearch=not%20firstname%20%3D%20%27Amara%27")
            .send()
            .await
            .expect(200);
        let names: Vec<&str> = r.json["pageItems"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["firstname"].as_str())
            .collect();
        assert_eq!(names, ["Baraka"], "{}", app.backend);
    }
}

#[tokio::test]
async fn every_authenticated_operation_documents_401_403_and_its_404() {
    let app = TestApp::sqlite().await;
    let doc = app
        .get("/fineract-provider/fineract.json")
        .send()
        .await
        .expect(200)
        .json;
    assert!(doc["components"]["schemas"]["Envelope"].is_object());
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/fineract-provider/api/") || path.ends_with("/authentication") {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            let responses = &op["responses"];
            for status in ["400", "401", "403"] {
                assert!(
                    responses[status].is_object(),
                    "{method} {path} lacks {status}"
                );
            }
            if path.contains('{') {
                assert!(responses["404"].is_object(), "{method} {path} lacks 404");
            }
        }
    }
}

#[tokio::test]
async fn a_date_of_another_json_type_is_a_400_not_a_500() {
    for app in TestApp::all().await {
        for value in [
            json!(true),
            json!(false),
            json!([]),
            json!({}),
            json!(20240101),
            json!([2024, 1, 1]),
        ] {
            let body = dated(json!({"name": "Dated", "parentId": 1, "openingDate": value.clone()}));
            let r = app.post("/offices", body).send().await.expect(400);
            assert_eq!(
                r.json["errors"][0]["parameterName"], "openingDate",
                "{value}: {}",
                r.text
            );
            let body = dated(
                json!({"officeId": 1, "firstname": "A", "lastname": "B", "active": true,
                "activationDate": value.clone(), "legalFormId": 1}),
            );
            let r = app.post("/clients", body).send().await.expect(400);
            assert_eq!(
                r.json["errors"][0]["parameterName"], "activationDate",
                "{value}: {}",
                r.text
            );
        }
    }
}

#[tokio::test]
async fn an_amount_the_database_cannot_hold_exactly_is_a_400_on_every_backend() {
    for app in TestApp::all().await {
        let id = crate::loan_lifecycle::active_loan(&app).await;
        for (amount, rule) in [
            (json!(0.0000001), "scale.is.greater.than.6"),
            (json!(9223372036854775808_u64), "is.greater.than.max"),
            (json!(1e15), "is.greater.than.max"),
        ] {
            for command in ["repayment", "waiveinterest"] {
                let r = crate::loan_lifecycle::pay(
                    &app,
                    id,
                    command,
                    "01 December 2022",
                    amount.clone(),
                )
                .await
                .expect(400);
                assert_eq!(
                    r.json["errors"][0]["userMessageGlobalisationCode"],
                    format!("validation.msg.loan.transaction.transactionAmount.{rule}"),
                    "{} {command} {amount}: {}",
                    app.backend,
                    r.text
                );
            }
        }
        let loan = crate::loan_lifecycle::loan(&app, id).await;
        let (product, client_id) = (
            loan["loanProductId"].as_i64().unwrap(),
            loan["clientId"].as_i64().unwrap(),
        );
        for (name, value) in [
            ("principal", json!(0.0000001)),
            ("principal", json!(1e15)),
            ("interestRatePerPeriod", json!(0.0000001)),
        ] {
            let mut body = crate::loans::application(product, client_id);
            body[name] = value.clone();
            let r = app.post("/loans", body).send().await.expect(400);
            assert_eq!(
                r.json["errors"][0]["parameterName"], name,
                "{value}: {}",
                r.text
            );
        }
        let r = app
            .put(
                &format!("/loanproducts/{product}"),
                json!({"maxPrincipal": 6.6e18, "locale": "en"}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "validation.msg.loanproduct.maxPrincipal.is.greater.than.max",
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn an_unknown_payment_type_on_a_loan_transaction_is_a_404_not_a_500() {
    for app in TestApp::all().await {
        let id = crate::loan_lifecycle::active_loan(&app).await;
        let body = dated(
            json!({"transactionDate": "01 December 2022", "transactionAmount": 100,
            "paymentTypeId": -100715835921402570_i64}),
        );
        let r = app
            .post(&format!("/loans/{id}/transactions?command=repayment"), body)
            .send()
            .await
            .expect(404);
        assert_eq!(
            r.error_code(),
            "error.msg.payment.type.invalid",
            "{}",
            r.text
        );
        let paid =
            crate::loan_lifecycle::pay(&app, id, "repayment", "01 December 2022", json!(100))
                .await
                .expect(200);
        let paid = paid.json["resourceId"].as_i64().unwrap();
        let body = json!({"transactionAmount": 1, "paymentTypeId": -100715835921402570_i64, "locale": "en"});
        let r = app
            .post(
                &format!("/loans/{id}/transactions/{paid}?command=chargeback"),
                body,
            )
            .send()
            .await
            .expect(404);
        assert_eq!(
            r.error_code(),
            "error.msg.payment.type.invalid",
            "{}",
            r.text
        );
    }
}

#[tokio::test]
async fn a_loan_with_a_strategy_kassa_does_not_know_is_refused_so_it_can_always_be_read() {
    for app in TestApp::all().await {
        let (product, client_id) = crate::loans::setup(&app).await;
        for code in [json!(123456789012345.12), json!("no-such-strategy")] {
            let mut body = crate::loans::application(product, client_id);
            body["transactionProcessingStrategyCode"] = code.clone();
            for path in ["/loans", "/loans?command=calculateLoanSchedule"] {
                let r = app.post(path, body.clone()).send().await.expect(400);
                assert_eq!(
                    r.json["errors"][0]["userMessageGlobalisationCode"],
                    "validation.msg.loan.transactionProcessingStrategyCode.is.not.one.of.expected.enumerations",
                    "{code} {path}: {}",
                    r.text
                );
            }
        }
        app.get(&format!("/clients/{client_id}/accounts"))
            .send()
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn a_blank_holiday_rescheduling_type_takes_the_default_instead_of_a_500() {
    for app in TestApp::all().await {
        let body = dated(
            json!({"name": "H", "fromDate": "01 July 2030", "toDate": "02 July 2030",
            "offices": [{"officeId": 1}], "reschedulingType": " ",
            "repaymentsRescheduledTo": "03 July 2030"}),
        );
        app.post("/holidays", body).send().await.expect(200);
    }
}
