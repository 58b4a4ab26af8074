use kassa_testkit::TestApp;
use serde_json::json;

use crate::configurations::{user_with, PASSWORD};

/// What a fresh Fineract answers to the calls the web app makes while it renders.
#[tokio::test]
async fn the_web_apps_render_time_calls_answer_nothing_configured() {
    for app in TestApp::all().await {
        let user = user_with(&app, "plain-user", &["READ_OFFICE"]).await;
        let cases = [
            ("/fieldconfiguration/ADDRESS", json!([])),
            ("/datatables?apptable=m_client", json!([])),
            ("/datatables", json!([])),
            (
                "/notifications?isRead=true&limit=9",
                json!({"totalFilteredRecords": 0, "pageItems": []}),
            ),
            (
                "/notifications?isRead=false&limit=9",
                json!({"totalFilteredRecords": 0, "pageItems": []}),
            ),
            (
                "/entityDatatableChecks?offset=0&limit=15",
                json!({"totalFilteredRecords": 0, "pageItems": []}),
            ),
        ];
        for (path, expected) in cases {
            let admin = app.get(path).send().await.expect(200);
            assert_eq!(admin.json, expected, "{path} {}", app.backend);
            app.get(path).user(&user, PASSWORD).send().await.expect(200);
        }
        app.req(http::Method::PUT, "/notifications")
            .json(json!({}))
            .send()
            .await
            .expect(204);
        let footer = app
            .get("/configurations/name/enable-business-date")
            .send()
            .await
            .expect(200);
        assert_eq!(footer.json["enabled"], false);
    }
}

#[tokio::test]
async fn the_render_time_calls_still_need_credentials() {
    for app in TestApp::all().await {
        for path in [
            "/fieldconfiguration/ADDRESS",
            "/datatables?apptable=m_client",
            "/notifications",
            "/entityDatatableChecks",
        ] {
            app.get(path)
                .without("Authorization")
                .send()
                .await
                .expect(401);
        }
    }
}
