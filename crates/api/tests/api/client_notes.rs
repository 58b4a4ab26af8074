use kassa_testkit::{Req, TestApp};
use serde_json::json;

use crate::client_identifiers::{client, office};
use crate::staff::{user_with, PASSWORD};

fn as_north(req: Req<'_>) -> Req<'_> {
    req.user("northie", PASSWORD)
}

#[tokio::test]
async fn a_note_goes_through_its_whole_lifecycle_in_fineracts_shape() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let base = format!("/clients/{c}/notes");
        let r = app
            .post(&base, json!({"note": "Met at the market"}))
            .send()
            .await
            .expect(200);
        let first = r.json["resourceId"].as_i64().unwrap();
        assert_eq!(
            r.json,
            json!({"officeId": 1, "clientId": c, "resourceId": first}),
            "{}",
            app.backend
        );
        let one = app.get(&format!("{base}/{first}")).send().await.expect(200);
        let created_on = one.json["createdOn"].as_str().unwrap().to_string();
        assert!(
            chrono::DateTime::parse_from_rfc3339(&created_on).is_ok(),
            "{created_on}"
        );
        assert_eq!(
            one.json,
            json!({"id": first, "clientId": c,
                   "noteType": {"id": 100, "code": "noteType.client", "value": "Client note"},
                   "note": "Met at the market", "createdById": 1, "createdByUsername": "mifos",
                   "createdOn": created_on, "updatedById": 1, "updatedByUsername": "mifos",
                   "updatedOn": created_on})
        );
        let second = app
            .post(&base, json!({"note": "Paid the fee"}))
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let list = app.get(&base).send().await.expect(200);
        let ids: Vec<i64> = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [second, first], "newest first");

        let r = app
            .put(
                &format!("{base}/{first}"),
                json!({"note": "Met at the big market"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"officeId": 1, "clientId": c, "resourceId": first,
                   "changes": {"note": "Met at the big market"}})
        );
        let r = app
            .put(
                &format!("{base}/{first}"),
                json!({"note": "Met at the big market"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["changes"], json!({}));

        let r = app
            .delete(&format!("{base}/{first}"))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json, json!({"resourceId": first}));
        let r = app.get(&format!("{base}/{first}")).send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.client.note.id.invalid");
        // A note of another client is not found under this one.
        let other = client(&app, 1, "Bola", "Adeyemi").await;
        app.get(&format!("/clients/{other}/notes/{second}"))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn a_note_must_have_text_of_at_most_a_thousand_characters() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let base = format!("/clients/{c}/notes");
        let r = app
            .post(&base, json!({"note": "  "}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.note.note.cannot.be.blank",
            "{}",
            app.backend
        );
        let r = app
            .post(&base, json!({"note": "x".repeat(1001)}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.note.note.exceeds.max.length"
        );
        let r = app
            .post(&base, json!({"note": "ok", "noteType": 100}))
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
    }
}

#[tokio::test]
async fn charges_and_transactions_are_empty_pages_for_a_client_the_caller_can_see() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let empty = json!({"totalFilteredRecords": 0, "pageItems": []});
        for path in [
            format!("/clients/{c}/charges"),
            format!("/clients/{c}/charges?pendingPayment=true&chargeStatus=active&limit=10"),
            format!("/clients/{c}/transactions?offset=0&limit=20"),
        ] {
            let r = app.get(&path).send().await.expect(200);
            assert_eq!(r.json, empty, "{path} {}", app.backend);
        }
        let r = app
            .get(&format!("/clients/{c}/charges?chargeStatus=paid"))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "error.msg.query.parameter.value.unsupported"
        );
        for path in ["/clients/9999/charges", "/clients/9999/transactions"] {
            let r = app.get(path).send().await.expect(404);
            assert_eq!(r.error_code(), "error.msg.client.id.invalid");
        }
    }
}

/// The web app's client view and new-loan form read the collateral template; a 404 cancels the navigation
/// (issue 19: the client page did not open).
#[tokio::test]
async fn collaterals_and_their_template_are_empty_lists_for_a_client_the_caller_can_see() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        for path in [
            format!("/clients/{c}/collaterals"),
            format!("/clients/{c}/collaterals/template"),
        ] {
            let r = app.get(&path).send().await.expect(200);
            assert_eq!(r.json, json!([]), "{path} {}", app.backend);
            app.get(&path)
                .without("Authorization")
                .send()
                .await
                .expect(401);
        }
        for path in [
            "/clients/9999/collaterals",
            "/clients/9999/collaterals/template",
        ] {
            let r = app.get(path).send().await.expect(404);
            assert_eq!(r.error_code(), "error.msg.client.id.invalid");
        }
    }
}

#[tokio::test]
async fn a_client_of_another_office_subtree_is_404_on_every_sub_resource() {
    for app in TestApp::all().await {
        let north = office(&app, "North", 1).await;
        let south = office(&app, "South", 1).await;
        let theirs = client(&app, south, "Sipho", "Dlamini").await;
        let ours = client(&app, north, "Amara", "Okafor").await;
        app.post(
            &format!("/clients/{theirs}/notes"),
            json!({"note": "hidden"}),
        )
        .send()
        .await
        .expect(200);
        user_with(
            &app,
            "northie",
            north,
            &[
                "READ_CLIENT",
                "READ_CLIENTIDENTIFIER",
                "CREATE_CLIENTIDENTIFIER",
                "READ_CLIENTIMAGE",
                "CREATE_CLIENTIMAGE",
                "DELETE_CLIENTIMAGE",
                "READ_CLIENTNOTE",
                "CREATE_CLIENTNOTE",
                "UPDATE_CLIENTNOTE",
                "DELETE_CLIENTNOTE",
            ],
        )
        .await;
        for path in [
            "identifiers",
            "identifiers/template",
            "images",
            "notes",
            "notes/1",
            "charges",
            "transactions",
        ] {
            let r = as_north(app.get(&format!("/clients/{theirs}/{path}")))
                .send()
                .await
                .expect(404);
            assert_eq!(
                r.error_code(),
                "error.msg.client.id.invalid",
                "{path} {}",
                app.backend
            );
        }
        for (method, path, body) in [
            ("POST", "notes", json!({"note": "x"})),
            ("PUT", "notes/1", json!({"note": "x"})),
            ("DELETE", "notes/1", json!({})),
            ("DELETE", "images", json!({})),
            (
                "POST",
                "identifiers",
                json!({"documentTypeId": 1, "documentKey": "Z", "status": "active"}),
            ),
        ] {
            let m = http::Method::from_bytes(method.as_bytes()).unwrap();
            let r = as_north(app.req(m, &format!("/clients/{theirs}/{path}")).json(body))
                .send()
                .await
                .expect(404);
            assert_eq!(
                r.error_code(),
                "error.msg.client.id.invalid",
                "{method} {path}"
            );
        }
        // The same user works on its own office's client.
        as_north(app.post(&format!("/clients/{ours}/notes"), json!({"note": "mine"})))
            .send()
            .await
            .expect(200);
        as_north(app.get(&format!("/clients/{ours}/charges")))
            .send()
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn notes_need_their_permissions() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        user_with(&app, "viewer", 1, &["READ_CLIENT", "READ_CLIENTNOTE"]).await;
        let base = format!("/clients/{c}/notes");
        app.get(&base)
            .user("viewer", PASSWORD)
            .send()
            .await
            .expect(200);
        let r = app
            .post(&base, json!({"note": "x"}))
            .user("viewer", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.not.authorized",
            "{}",
            app.backend
        );
        user_with(&app, "teller", 1, &["READ_CLIENTIDENTIFIER"]).await;
        for path in ["notes", "charges", "transactions"] {
            app.get(&format!("/clients/{c}/{path}"))
                .user("teller", PASSWORD)
                .send()
                .await
                .expect(403);
        }
    }
}

#[tokio::test]
async fn deleting_a_pending_client_removes_its_identifiers_notes_and_photo() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/clients",
                json!({"officeId": 1, "legalFormId": 1, "firstname": "Pending", "lastname": "Person",
                       "active": false, "submittedOnDate": "01 January 2024",
                       "dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(200);
        let c = r.json["resourceId"].as_i64().unwrap();
        app.post(
            &format!("/clients/{c}/identifiers"),
            json!({"documentTypeId": 1, "documentKey": "GONE-1", "status": "active"}),
        )
        .send()
        .await
        .expect(200);
        app.post(&format!("/clients/{c}/notes"), json!({"note": "soon gone"}))
            .send()
            .await
            .expect(200);
        let gif = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
        app.req(http::Method::POST, &format!("/clients/{c}/images"))
            .raw_body(gif)
            .send()
            .await
            .expect(200);
        app.delete(&format!("/clients/{c}"))
            .send()
            .await
            .expect(200);
        app.get(&format!("/clients/{c}/notes"))
            .send()
            .await
            .expect(404);
        // The key is free again.
        let other = client(&app, 1, "Amara", "Okafor").await;
        app.post(
            &format!("/clients/{other}/identifiers"),
            json!({"documentTypeId": 1, "documentKey": "GONE-1", "status": "active"}),
        )
        .send()
        .await
        .expect(200);
    }
}
