use kassa_testkit::TestApp;
use serde_json::json;

#[tokio::test]
async fn every_write_leaves_an_audit_row_with_maker_and_request() {
    for app in TestApp::all().await {
        let body = json!({"name": "Audited", "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"});
        app.post("/offices", body.clone()).send().await.expect(200);
        let list = app.get("/audits").send().await.expect(200);
        let row = &list.json[0];
        assert_eq!(row["actionName"], "CREATE", "{}", app.backend);
        assert_eq!(row["entityName"], "OFFICE");
        assert_eq!(row["resourceId"], 2);
        assert_eq!(row["maker"], "mifos");
        assert_eq!(row["processingResult"], "Processed");
        assert_eq!(row["url"], "/offices");
        assert!(row["madeOnDate"].is_i64());
        assert!(row.get("commandAsJson").is_none());
        let id = row["id"].as_i64().unwrap();
        let one = app.get(&format!("/audits/{id}")).send().await.expect(200);
        let stored: serde_json::Value =
            serde_json::from_str(one.json["commandAsJson"].as_str().unwrap()).unwrap();
        assert_eq!(stored, body);
    }
}

#[tokio::test]
async fn a_failed_write_is_audited_as_an_error_and_changes_nothing() {
    for app in TestApp::all().await {
        let body = json!({"name": "Head Office", "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"});
        app.post("/offices", body).send().await.expect(403);
        let list = app
            .get("/audits?processingResult=5")
            .send()
            .await
            .expect(200);
        assert_eq!(list.json.as_array().unwrap().len(), 1, "{}", app.backend);
        assert_eq!(list.json[0]["processingResult"], "Error");
        assert_eq!(
            app.get("/offices")
                .send()
                .await
                .json
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn audits_page_with_paged_true() {
    for app in TestApp::all().await {
        for i in 0..5 {
            let body = json!({"name": format!("O{i}"), "parentId": 1, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"});
            app.post("/offices", body).send().await.expect(200);
        }
        let page = app
            .get("/audits?paged=true&limit=2&offset=1&orderBy=id&sortOrder=ASC")
            .send()
            .await
            .expect(200);
        assert_eq!(page.json["totalFilteredRecords"], 5);
        let ids: Vec<i64> = page.json["pageItems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), 2);
        assert!(ids[0] < ids[1]);
        app.get("/audits/99999").send().await.expect(404);
    }
}
