//! `kassa serve --web-app DIR`: a built web app from the same origin as the API, with its runtime settings
//! answered by Kassa. A small stand-in directory plays the built app.

use kassa_api::ApiConfig;
use kassa_testkit::{test_settings, TestApp};

fn stand_in() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<html><body>app</body></html>",
    )
    .unwrap();
    std::fs::write(dir.path().join("main.0a1b2c.js"), "console.log('app')").unwrap();
    std::fs::create_dir_all(dir.path().join("assets/translations")).unwrap();
    std::fs::write(
        dir.path().join("assets/env.js"),
        "window.env = {'stale': true}",
    )
    .unwrap();
    std::fs::write(dir.path().join("assets/translations/en-US.json"), "{}").unwrap();
    dir
}

#[tokio::test]
async fn a_configured_web_app_is_served_beside_the_api_with_kassas_settings() {
    let dir = stand_in();
    let config = ApiConfig {
        web_app: Some(dir.path().to_path_buf()),
        ..ApiConfig::default()
    };
    let app = TestApp::sqlite_with(test_settings(), config).await;
    let page = |path: &'static str| app.at(http::Method::GET, path);

    let index = page("/").send().await.expect(200);
    assert_eq!(index.text, "<html><body>app</body></html>");
    assert!(index
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let bundle = page("/main.0a1b2c.js").send().await.expect(200);
    assert!(bundle
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    let json = page("/assets/translations/en-US.json")
        .send()
        .await
        .expect(200);
    assert_eq!(json.header("content-type"), Some("application/json"));
    // The app's own routes (no extension) get its index page.
    page("/clients").send().await.expect(200);

    // Its settings point it at this server and its default tenant, whatever the directory holds.
    let env = page("/assets/env.js").send().await.expect(200);
    assert!(env
        .text
        .contains(r#"window["env"]["fineractApiUrl"] = window.location.origin"#));
    assert!(env
        .text
        .contains(r#"window["env"]["fineractPlatformTenantId"] = "default""#));
    assert!(!env.text.contains("stale"));

    // Nothing outside the directory, and no missing file, is served.
    for path in [
        "/missing.js",
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/assets/..%5c..%5cx.js",
    ] {
        let r = page(path).send().await.expect(404);
        assert_eq!(r.json["httpStatusCode"], "404", "{path}");
    }
    // The API is unchanged beside it.
    app.get("/offices").send().await.expect(200);
    app.get("/offices")
        .without("Authorization")
        .send()
        .await
        .expect(401);
    let r = page("/fineract-provider/no-such-thing")
        .send()
        .await
        .expect(404);
    assert_eq!(
        r.json["userMessageGlobalisationCode"],
        "error.msg.resource.not.found"
    );
    app.at(http::Method::POST, "/").send().await.expect(404);
}

#[tokio::test]
async fn without_a_web_app_the_root_is_an_api_404() {
    let app = TestApp::sqlite().await;
    let r = app.at(http::Method::GET, "/").send().await.expect(404);
    assert_eq!(
        r.json["userMessageGlobalisationCode"],
        "error.msg.resource.not.found"
    );
}
