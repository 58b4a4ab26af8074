use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::staff::{user_with, PASSWORD};

/// A new active client of `office`; its id.
pub(crate) async fn client(app: &TestApp, office: i64, first: &str, last: &str) -> i64 {
    let r = app
        .post(
            "/clients",
            json!({"officeId": office, "legalFormId": 1, "firstname": first, "lastname": last,
                   "active": true, "activationDate": "01 January 2024", "submittedOnDate": "01 January 2024",
                   "dateFormat": "dd MMMM yyyy", "locale": "en"}),
        )
        .send()
        .await
        .expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

pub(crate) async fn office(app: &TestApp, name: &str, parent: i64) -> i64 {
    let r = app
        .post(
            "/offices",
            json!({"name": name, "parentId": parent, "openingDate": "01 January 2020",
                   "dateFormat": "dd MMMM yyyy", "locale": "en"}),
        )
        .send()
        .await
        .expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

fn passport(key: &str) -> Value {
    json!({"documentTypeId": 1, "documentKey": key, "status": "active", "description": "Kenyan passport"})
}

#[tokio::test]
async fn an_identifier_goes_through_its_whole_lifecycle_in_fineracts_shape() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let base = format!("/clients/{c}/identifiers");
        let template = app
            .get(&format!("{base}/template"))
            .send()
            .await
            .expect(200);
        let types = template.json["allowedDocumentTypes"].as_array().unwrap();
        let names: Vec<&str> = types.iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(
            names,
            ["Passport", "Id", "Drivers License", "Any Other Id Type"],
            "{}",
            app.backend
        );
        assert_eq!(
            types[0],
            json!({"id": 1, "name": "Passport", "position": 1, "active": true, "mandatory": false})
        );

        let r = app
            .post(&base, passport("A1234567"))
            .send()
            .await
            .expect(200);
        let id = r.json["resourceId"].as_i64().unwrap();
        assert_eq!(
            r.json,
            json!({"officeId": 1, "clientId": c, "resourceId": id})
        );
        let one = app.get(&format!("{base}/{id}")).send().await.expect(200);
        assert_eq!(
            one.json,
            json!({"id": id, "clientId": c,
                   "documentType": {"id": 1, "name": "Passport", "active": false, "mandatory": false},
                   "documentKey": "A1234567", "description": "Kenyan passport",
                   "status": "clientIdentifierStatusType.active"})
        );
        let with_template = app
            .get(&format!("{base}/{id}?template=true"))
            .send()
            .await
            .expect(200);
        assert_eq!(
            with_template.json["allowedDocumentTypes"]
                .as_array()
                .unwrap()
                .len(),
            4
        );
        let list = app.get(&base).send().await.expect(200);
        assert_eq!(list.json, json!([one.json]));

        let r = app
            .put(
                &format!("{base}/{id}"),
                json!({"documentTypeId": 2, "documentKey": "A1234567", "status": "inactive"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"officeId": 1, "clientId": c, "resourceId": id,
                   "changes": {"documentTypeId": 2, "status": "INACTIVE"}})
        );
        let one = app.get(&format!("{base}/{id}")).send().await.expect(200);
        assert_eq!(one.json["documentType"]["name"], "Id");
        assert_eq!(one.json["status"], "clientIdentifierStatusType.inactive");

        let r = app.delete(&format!("{base}/{id}")).send().await.expect(200);
        assert_eq!(
            r.json,
            json!({"officeId": 1, "clientId": c, "resourceId": id})
        );
        let r = app.get(&format!("{base}/{id}")).send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.clientIdentifier.id.invalid");
        assert_eq!(app.get(&base).send().await.expect(200).json, json!([]));
    }
}

#[tokio::test]
async fn a_document_key_is_unique_per_type_across_clients() {
    for app in TestApp::all().await {
        let amara = client(&app, 1, "Amara", "Okafor").await;
        let bola = client(&app, 1, "Bola", "Adeyemi").await;
        app.post(&format!("/clients/{amara}/identifiers"), passport("K-1"))
            .send()
            .await
            .expect(200);
        let r = app
            .post(&format!("/clients/{bola}/identifiers"), passport("K-1"))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.clientIdentifier.identityKey.duplicate",
            "{}",
            app.backend
        );
        assert_eq!(
            r.json["errors"][0]["args"][0]["value"], "Amara Okafor",
            "the message names the client holding the key"
        );
        // The same key under another type is another document.
        let other_type = json!({"documentTypeId": 3, "documentKey": "K-1", "status": "active"});
        app.post(&format!("/clients/{bola}/identifiers"), other_type)
            .send()
            .await
            .expect(200);
        // One client holds a key once among its active identifiers, whatever the type.
        let same_client = json!({"documentTypeId": 4, "documentKey": "K-1", "status": "active"});
        let r = app
            .post(&format!("/clients/{bola}/identifiers"), same_client)
            .send()
            .await
            .expect(403);
        assert_eq!(r.error_code(), "error.msg.clientIdentifier.type.duplicate");
        let inactive = json!({"documentTypeId": 4, "documentKey": "K-1", "status": "inactive"});
        app.post(&format!("/clients/{bola}/identifiers"), inactive)
            .send()
            .await
            .expect(200);
        // An update into a taken key is refused the same way.
        let r = app
            .post(&format!("/clients/{bola}/identifiers"), passport("K-2"))
            .send()
            .await
            .expect(200);
        let id = r.json["resourceId"].as_i64().unwrap();
        let r = app
            .put(
                &format!("/clients/{bola}/identifiers/{id}"),
                json!({"documentKey": "K-1"}),
            )
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.clientIdentifier.identityKey.duplicate"
        );
    }
}

#[tokio::test]
async fn a_document_type_that_is_not_a_customer_identifier_is_404() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        // Code value 5 exists, but belongs to GuarantorRelationship.
        for type_id in [5, 9999] {
            let body = json!({"documentTypeId": type_id, "documentKey": "X", "status": "active"});
            let r = app
                .post(&format!("/clients/{c}/identifiers"), body)
                .send()
                .await
                .expect(404);
            assert_eq!(
                r.error_code(),
                "error.msg.codevalue.id.invalid",
                "{}",
                app.backend
            );
        }
        let r = app
            .post("/clients/9999/identifiers", passport("X"))
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.client.id.invalid");
    }
}

#[tokio::test]
async fn identifier_validation_reports_every_problem_at_once() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        let base = format!("/clients/{c}/identifiers");
        let r = app
            .post(&base, json!({"documentTypeId": 0, "status": "lost"}))
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
                "validation.msg.clientIdentifier.documentTypeId.not.greater.than.zero",
                "validation.msg.clientIdentifier.documentKey.cannot.be.blank",
                "validation.msg.clientIdentifier.status.is.not.one.of.expected.enumerations",
            ],
            "{}",
            app.backend
        );
        let r = app
            .post(
                &base,
                json!({"documentTypeId": 1, "documentKey": "A", "expiry": "2030"}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
        // Without a status an identifier is active (Fineract would fail on the missing value).
        let r = app
            .post(&base, json!({"documentTypeId": 1, "documentKey": "A"}))
            .send()
            .await
            .expect(200);
        let id = r.json["resourceId"].as_i64().unwrap();
        let one = app.get(&format!("{base}/{id}")).send().await.expect(200);
        assert_eq!(one.json["status"], "clientIdentifierStatusType.active");
        // An update names the type or the key, as Fineract asks.
        let r = app
            .put(&format!("{base}/{id}"), json!({"description": "x"}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.clientIdentifier.no.parameters.for.update"
        );
    }
}

#[tokio::test]
async fn identifiers_need_their_permissions() {
    for app in TestApp::all().await {
        let c = client(&app, 1, "Amara", "Okafor").await;
        user_with(&app, "viewer", 1, &["READ_CLIENT", "READ_CLIENTIDENTIFIER"]).await;
        let base = format!("/clients/{c}/identifiers");
        app.get(&base)
            .user("viewer", PASSWORD)
            .send()
            .await
            .expect(200);
        let r = app
            .post(&base, passport("A1"))
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
        user_with(&app, "clerk", 1, &["READ_CLIENT"]).await;
        app.get(&base)
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(403);
        app.get(&format!("{base}/template"))
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(403);
    }
}
