use kassa_testkit::TestApp;
use serde_json::{json, Value};

fn office(name: &str, parent: i64, date: &str) -> Value {
    json!({"name": name, "parentId": parent, "openingDate": date, "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

#[tokio::test]
async fn a_fresh_tenant_has_the_head_office() {
    for app in TestApp::all().await {
        let r = app.get("/offices").send().await.expect(200);
        assert_eq!(
            r.json,
            json!([{"id": 1, "name": "Head Office", "nameDecorated": "Head Office", "externalId": "1",
                    "openingDate": [2009, 1, 1], "hierarchy": "."}]),
            "{}",
            app.backend
        );
    }
}

#[tokio::test]
async fn creating_an_office_answers_office_and_resource_ids_and_builds_the_hierarchy() {
    for app in TestApp::all().await {
        let r = app
            .post("/offices", office("Nairobi Branch", 1, "15 March 2024"))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json, json!({"officeId": 2, "resourceId": 2}));
        app.post("/offices", office("Westlands", 2, "16 March 2024"))
            .send()
            .await
            .expect(200);
        let w = app.get("/offices/3").send().await.expect(200);
        assert_eq!(w.json["hierarchy"], ".2.3.");
        assert_eq!(w.json["nameDecorated"], "........Westlands");
        assert_eq!(w.json["parentName"], "Nairobi Branch");
        assert_eq!(w.json["openingDate"], json!([2024, 3, 16]));
    }
}

#[tokio::test]
async fn a_duplicate_office_name_is_a_403_with_fineracts_code() {
    for app in TestApp::all().await {
        app.post("/offices", office("Twice", 1, "01 January 2020"))
            .send()
            .await
            .expect(200);
        let r = app
            .post("/offices", office("Twice", 1, "01 January 2020"))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.office.duplicate.name"
        );
        assert_eq!(r.json["errors"][0]["parameterName"], "name");
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "Office with name `Twice` already exists"
        );
    }
}

#[tokio::test]
async fn an_office_cannot_open_before_its_parent() {
    for app in TestApp::all().await {
        let r = app
            .post("/offices", office("Too Early", 1, "31 December 2008"))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.office.openingDate.before.parent.openingDate"
        );
    }
}

#[tokio::test]
async fn an_unknown_parent_is_a_404() {
    for app in TestApp::all().await {
        let r = app
            .post("/offices", office("Orphan", 99, "01 January 2020"))
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.office.id.invalid");
    }
}

#[tokio::test]
async fn an_unknown_office_is_a_404_envelope() {
    for app in TestApp::all().await {
        let r = app.get("/offices/999").send().await.expect(404);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.resource.not.found"
        );
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "Office with identifier 999 does not exist"
        );
        app.get("/offices/abc").send().await.expect(404);
    }
}

#[tokio::test]
async fn updating_an_office_returns_the_raw_changes() {
    for app in TestApp::all().await {
        app.post("/offices", office("Old Name", 1, "01 January 2020"))
            .send()
            .await
            .expect(200);
        let r = app
            .put("/offices/2", json!({"name": "New Name", "openingDate": "02 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"}))
            .send().await.expect(200);
        assert_eq!(
            r.json,
            json!({"officeId": 2, "resourceId": 2, "changes": {"openingDate": "02 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en", "name": "New Name"}})
        );
        let unchanged = app
            .put("/offices/2", json!({"name": "New Name"}))
            .send()
            .await
            .expect(200);
        assert_eq!(unchanged.json["changes"], json!({}));
    }
}

#[tokio::test]
async fn moving_an_office_moves_its_whole_subtree() {
    for app in TestApp::all().await {
        app.post("/offices", office("A", 1, "01 January 2020"))
            .send()
            .await
            .expect(200); // 2
        app.post("/offices", office("B", 1, "01 January 2020"))
            .send()
            .await
            .expect(200); // 3
        app.post("/offices", office("A1", 2, "01 January 2020"))
            .send()
            .await
            .expect(200); // 4
        app.put("/offices/2", json!({"parentId": 3}))
            .send()
            .await
            .expect(200);
        assert_eq!(
            app.get("/offices/2").send().await.json["hierarchy"],
            ".3.2."
        );
        assert_eq!(
            app.get("/offices/4").send().await.json["hierarchy"],
            ".3.2.4."
        );
        let r = app
            .put("/offices/3", json!({"parentId": 4}))
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.office.parentId.is.descendant");
        app.put("/offices/1", json!({"parentId": 2}))
            .send()
            .await
            .expect(403);
    }
}

#[tokio::test]
async fn external_id_routes_answer_with_iso_dates() {
    for app in TestApp::all().await {
        let mut body = office("External", 1, "05 May 2021");
        body["externalId"] = json!("EXT-1");
        app.post("/offices", body).send().await.expect(200);
        let r = app
            .get("/offices/external-id/EXT-1")
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["openingDate"], "2021-05-05");
        assert_eq!(r.json["id"], 2);
        let u = app
            .put(
                "/offices/external-id/EXT-1",
                json!({"name": "External Renamed"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(u.json["changes"]["name"], "External Renamed");
        app.get("/offices/external-id/NOPE")
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn the_office_template_offers_today_and_the_allowed_parents() {
    for app in TestApp::all().await {
        let r = app.get("/offices/template").send().await.expect(200);
        assert_eq!(
            r.json["allowedParents"],
            json!([{"id": 1, "name": "Head Office", "nameDecorated": "Head Office"}])
        );
        assert_eq!(r.json["openingDate"].as_array().unwrap().len(), 3);
        let head = app.get("/offices/1?template=true").send().await.expect(200);
        assert_eq!(head.json["allowedParents"], json!([]));
    }
}

#[tokio::test]
async fn offices_can_be_ordered_by_whitelisted_fields_only() {
    for app in TestApp::all().await {
        app.post("/offices", office("Zulu", 1, "01 January 2020"))
            .send()
            .await
            .expect(200);
        app.post("/offices", office("Alpha", 1, "01 January 2020"))
            .send()
            .await
            .expect(200);
        let names = |v: &Value| {
            v.as_array()
                .unwrap()
                .iter()
                .map(|o| o["name"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        let by_name = app
            .get("/offices?orderBy=name&sortOrder=DESC")
            .send()
            .await
            .expect(200);
        assert_eq!(names(&by_name.json), ["Zulu", "Head Office", "Alpha"]);
        let r = app
            .get("/offices?orderBy=password")
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "error.msg.query.parameter.value.unsupported"
        );
        let r = app
            .get("/offices?orderBy=name%20or%201%3D1")
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.sql.validation");
        let r = app
            .get("/offices?sortOrder=ASC%3B%20DROP%20TABLE%20m_office")
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.sql.validation");
        assert_eq!(
            app.get("/offices")
                .send()
                .await
                .json
                .as_array()
                .unwrap()
                .len(),
            3
        );
    }
}

#[tokio::test]
async fn fields_trims_the_office_to_the_requested_fields() {
    for app in TestApp::all().await {
        let r = app.get("/offices?fields=id,name").send().await.expect(200);
        assert_eq!(r.json, json!([{"id": 1, "name": "Head Office"}]));
        let r = app
            .get("/offices?fields=id,secret")
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
    }
}
