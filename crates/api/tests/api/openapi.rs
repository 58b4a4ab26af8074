use kassa_testkit::TestApp;

/// Every documented operation is served: calling it never hits the unknown-route or wrong-method fallbacks.
#[tokio::test]
async fn every_documented_operation_is_served() {
    let app = TestApp::sqlite().await;
    let doc = app
        .get("/fineract-provider/fineract.json")
        .without("Authorization")
        .send()
        .await
        .expect(200)
        .json;
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 10);
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            let concrete = path
                .split('/')
                .map(|seg| if seg.starts_with('{') { "1" } else { seg })
                .collect::<Vec<_>>()
                .join("/");
            let m = http::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = app.req(m, &concrete).raw_body("{}").send().await;
            let code = r.json["errors"][0]["userMessageGlobalisationCode"]
                .as_str()
                .unwrap_or("");
            assert_ne!(code, "error.msg.route.not.found", "{method} {path}");
            assert_ne!(r.status.as_u16(), 405, "{method} {path}");
        }
    }
}

/// Every route is registered through the documented router: no handler is mounted beside it.
#[test]
fn no_route_is_mounted_outside_the_openapi_router() {
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut offenders = Vec::new();
    visit(std::path::Path::new(src), &mut offenders);
    assert!(
        offenders.is_empty(),
        "undocumented .route( calls in {offenders:?}"
    );
}

fn visit(dir: &std::path::Path, offenders: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, offenders);
        } else if std::fs::read_to_string(&path).unwrap().contains(".route(") {
            offenders.push(path.display().to_string());
        }
    }
}

#[tokio::test]
async fn the_document_declares_the_tenant_header_and_basic_auth() {
    let app = TestApp::sqlite().await;
    let doc = app
        .get("/fineract-provider/fineract.json")
        .send()
        .await
        .expect(200)
        .json;
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["tenantid"]["type"], "apiKey");
    assert_eq!(schemes["tenantid"]["name"], "Fineract-Platform-TenantId");
    assert_eq!(schemes["basicAuth"]["scheme"], "basic");
}
