use kassa_testkit::TestApp;
use serde_json::json;

#[tokio::test]
async fn a_request_without_a_tenant_is_rejected_with_401_and_the_envelope() {
    for app in TestApp::all().await {
        let r = app
            .get("/offices")
            .without("Fineract-Platform-TenantId")
            .send()
            .await
            .expect(401);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.invalid.tenant.identifier",
            "{}",
            app.backend
        );
        assert_eq!(r.json["httpStatusCode"], "401");
        assert!(r.header("www-authenticate").is_none());
    }
}

#[tokio::test]
async fn an_unknown_tenant_is_rejected_with_401() {
    for app in TestApp::all().await {
        let r = app
            .get("/offices")
            .tenant("nosuchbank")
            .send()
            .await
            .expect(401);
        assert!(r.json["developerMessage"]
            .as_str()
            .unwrap()
            .contains("nosuchbank"));
    }
}

#[tokio::test]
async fn the_tenant_may_come_from_the_query_string() {
    for app in TestApp::all().await {
        app.get("/offices?tenantIdentifier=default")
            .without("Fineract-Platform-TenantId")
            .send()
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn two_tenants_never_see_each_others_data_even_with_identical_ids() {
    for app in TestApp::all().await {
        app.registry
            .add_tenant("acme", "Acme Bank", "UTC", None)
            .await
            .unwrap();
        let body = json!({"name": "Only In Default", "parentId": 1, "openingDate": "01 January 2020",
                          "dateFormat": "dd MMMM yyyy", "locale": "en"});
        let created = app.post("/offices", body).send().await.expect(200);
        assert_eq!(created.json["resourceId"], 2);
        let other = json!({"name": "Only In Acme", "parentId": 1, "openingDate": "01 January 2020",
                           "dateFormat": "dd MMMM yyyy", "locale": "en"});
        let created = app
            .post("/offices", other)
            .tenant("acme")
            .send()
            .await
            .expect(200);
        assert_eq!(
            created.json["resourceId"], 2,
            "both tenants hand out id 2 ({})",
            app.backend
        );
        let default_2 = app.get("/offices/2").send().await.expect(200);
        let acme_2 = app
            .get("/offices/2")
            .tenant("acme")
            .send()
            .await
            .expect(200);
        assert_eq!(default_2.json["name"], "Only In Default");
        assert_eq!(acme_2.json["name"], "Only In Acme");
        let names: Vec<String> = app
            .get("/offices")
            .tenant("acme")
            .send()
            .await
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(names, ["Head Office", "Only In Acme"]);
    }
}
