use kassa_testkit::TestApp;
use serde_json::json;

#[tokio::test]
async fn an_unknown_body_parameter_is_a_400_naming_it() {
    for app in TestApp::all().await {
        let r = app
            .post("/offices", json!({"name": "X", "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en", "colour": "red"}))
            .send().await.expect(400);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "validation.msg.validation.errors.exist"
        );
        assert_eq!(
            r.json["errors"][0]["userMessageGlobalisationCode"],
            "error.msg.parameter.unsupported"
        );
        assert_eq!(r.json["errors"][0]["parameterName"], "colour");
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "The parameter colour is not supported."
        );
    }
}

#[tokio::test]
async fn every_validation_problem_is_reported_in_one_400() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/offices",
                json!({"name": "", "externalId": "x".repeat(101)}),
            )
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
                "validation.msg.office.name.cannot.be.blank",
                "validation.msg.office.parentId.cannot.be.blank",
                "validation.msg.office.openingDate.cannot.be.blank",
                "validation.msg.office.externalId.exceeds.max.length"
            ],
            "{}",
            app.backend
        );
        assert_eq!(r.json["errors"][0]["args"], json!([{}]));
    }
}

#[tokio::test]
async fn a_date_without_format_or_locale_is_a_400_for_each() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/offices",
                json!({"name": "X", "parentId": 1, "openingDate": "01 January 2020"}),
            )
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
                "validation.msg.missing.dateFormat.parameter",
                "validation.msg.missing.locale.parameter"
            ]
        );
    }
}

#[tokio::test]
async fn dates_parse_with_the_bodys_pattern_and_locale() {
    let cases = [
        ("15 March 2024", "dd MMMM yyyy", "en", [2024, 3, 15]),
        ("2024-03-15", "yyyy-MM-dd", "en", [2024, 3, 15]),
        ("15/03/2024", "dd/MM/yyyy", "en_GB", [2024, 3, 15]),
        ("5 mars 2024", "d MMMM yyyy", "fr", [2024, 3, 5]),
        ("15 marzo 2024", "dd MMMM yyyy", "es", [2024, 3, 15]),
        (
            "15 de março de 2024",
            "dd 'de' MMMM 'de' yyyy",
            "pt_BR",
            [2024, 3, 15],
        ),
        ("15. März 2024", "dd. MMMM yyyy", "de", [2024, 3, 15]),
        ("15 Maret 2024", "dd MMMM yyyy", "id", [2024, 3, 15]),
        ("15 Machi 2024", "dd MMMM yyyy", "sw", [2024, 3, 15]),
        ("15 Mar 24", "dd MMM yy", "en", [2024, 3, 15]),
        ("15 MARCH 2024", "dd MMMM yyyy", "en", [2024, 3, 15]),
    ];
    for app in TestApp::all().await {
        for (i, (date, pattern, locale, expected)) in cases.iter().enumerate() {
            let body = json!({"name": format!("Branch {i}"), "parentId": 1, "openingDate": date, "dateFormat": pattern, "locale": locale});
            let r = app.post("/offices", body).send().await.expect(200);
            let id = r.json["resourceId"].as_i64().unwrap();
            let office = app.get(&format!("/offices/{id}")).send().await.expect(200);
            assert_eq!(
                office.json["openingDate"],
                json!(expected),
                "{date} / {pattern} / {locale}"
            );
        }
    }
}

#[tokio::test]
async fn an_impossible_or_mismatched_date_is_a_400_with_the_format_code() {
    for app in TestApp::all().await {
        for (date, pattern) in [
            ("30 February 2024", "dd MMMM yyyy"),
            ("2024-03-15", "dd MMMM yyyy"),
            ("15 Smarch 2024", "dd MMMM yyyy"),
        ] {
            let body = json!({"name": "Bad", "parentId": 1, "openingDate": date, "dateFormat": pattern, "locale": "en"});
            let r = app.post("/offices", body).send().await.expect(400);
            assert_eq!(
                r.error_code(),
                "validation.msg.invalid.dateFormat.format",
                "{date}"
            );
            assert_eq!(r.json["errors"][0]["parameterName"], "openingDate");
        }
    }
}

#[tokio::test]
async fn empty_strings_count_as_absent() {
    for app in TestApp::all().await {
        let body = json!({"name": "Blank Ext", "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en", "externalId": ""});
        app.post("/offices", body).send().await.expect(200);
        assert!(app
            .get("/offices/2")
            .send()
            .await
            .json
            .get("externalId")
            .is_none());
    }
}

#[tokio::test]
async fn ids_may_arrive_as_strings() {
    for app in TestApp::all().await {
        let body = json!({"name": "Str Parent", "parentId": "1", "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"});
        app.post("/offices", body).send().await.expect(200);
        let bad = json!({"name": "Bad Parent", "parentId": "one", "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"});
        let r = app.post("/offices", bad).send().await.expect(400);
        assert_eq!(r.error_code(), "validation.msg.invalid.integer");
    }
}

#[tokio::test]
async fn malformed_json_is_a_400_envelope_not_a_500() {
    for app in TestApp::all().await {
        for raw in ["{\"name\":", "[1,2]", "", "null"] {
            let r = app
                .req(http::Method::POST, "/offices")
                .raw_body(raw)
                .send()
                .await
                .expect(400);
            assert_eq!(r.error_code(), "error.msg.invalid.request.body", "{raw:?}");
        }
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_get_json_envelopes() {
    for app in TestApp::all().await {
        let r = app.get("/nowhere").send().await.expect(404);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.resource.not.found"
        );
        let r = app
            .req(http::Method::DELETE, "/offices")
            .send()
            .await
            .expect(405);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.method.not.allowed"
        );
    }
}

#[tokio::test]
async fn an_oversized_body_is_a_413_envelope() {
    for app in TestApp::all().await {
        let huge = format!("{{\"name\":\"{}\"}}", "x".repeat(4 * 1024 * 1024));
        let r = app
            .req(http::Method::POST, "/offices")
            .raw_body(&huge)
            .send()
            .await
            .expect(413);
        assert_eq!(r.error_code(), "error.msg.request.body.too.large");
    }
}
