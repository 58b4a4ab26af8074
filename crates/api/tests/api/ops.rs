use kassa_testkit::TestApp;

#[tokio::test]
async fn health_needs_neither_tenant_nor_credentials() {
    let app = TestApp::sqlite().await;
    let r = app
        .get("/fineract-provider/actuator/health")
        .without("Authorization")
        .without("Fineract-Platform-TenantId")
        .send()
        .await
        .expect(200);
    assert_eq!(r.text, r#"{"status":"UP"}"#);
}

#[tokio::test]
async fn info_reports_version_and_storage() {
    let app = TestApp::sqlite().await;
    let r = app
        .get("/fineract-provider/actuator/info")
        .without("Authorization")
        .send()
        .await
        .expect(200);
    // The web app's footer shows `version - hash`, splitting this value at its `-`.
    let version = r.json["git"]["build"]["version"].as_str().unwrap();
    let (number, hash) = version.split_once('-').unwrap();
    assert_eq!(number, env!("CARGO_PKG_VERSION"));
    assert!(!hash.is_empty(), "{version}");
    assert!(r.json["database"].is_object());
}

#[tokio::test]
async fn prometheus_counts_requests_by_route_template() {
    let app = TestApp::sqlite().await;
    app.get("/offices/1").send().await.expect(200);
    app.get("/offices/1").send().await.expect(200);
    let r = app
        .get("/fineract-provider/actuator/prometheus")
        .send()
        .await
        .expect(200);
    assert!(r.text.contains(r#"http_server_requests_seconds_count{method="GET",uri="/fineract-provider/api/v1/offices/{officeId}",status="200"} 2"#), "{}", r.text);
}

#[tokio::test]
async fn cors_preflight_is_answered_without_credentials() {
    let app = TestApp::sqlite().await;
    let r = app
        .req(http::Method::OPTIONS, "/offices")
        .without("Authorization")
        .without("Fineract-Platform-TenantId")
        .header("Origin", "https://webapp.example")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "fineract-platform-tenantid,authorization,content-type",
        )
        .send()
        .await;
    assert!(r.status.is_success(), "{}", r.status);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://webapp.example")
    );
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
}

#[tokio::test]
async fn responses_are_gzipped_when_asked() {
    let app = TestApp::sqlite().await;
    let r = app
        .get("/fineract-provider/fineract.json")
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .expect(200);
    assert_eq!(r.header("content-encoding"), Some("gzip"));
}

#[tokio::test]
async fn swagger_ui_is_served_offline_at_both_paths() {
    let app = TestApp::sqlite().await;
    for path in [
        "/fineract-provider/swagger-ui/index.html",
        "/fineract-provider/api/v1/swagger-ui/index.html",
    ] {
        let r = app
            .get(path)
            .without("Authorization")
            .send()
            .await
            .expect(200);
        assert!(r.text.to_lowercase().contains("swagger"), "{path}");
    }
}
