use kassa_testkit::TestApp;
use serde_json::{json, Value};

const PASSWORD: &str = "correct-horse-battery";

fn person(first: &str, last: &str, active: bool) -> Value {
    let mut body = json!({"officeId": 1, "legalFormId": 1, "firstname": first, "lastname": last, "active": active,
                          "submittedOnDate": "01 January 2024", "dateFormat": "dd MMMM yyyy", "locale": "en"});
    if active {
        body["activationDate"] = json!("02 January 2024");
    }
    body
}

async fn create(app: &TestApp, body: Value) -> i64 {
    let created = app.post("/clients", body).send().await.expect(200);
    assert_eq!(created.json["clientId"], created.json["resourceId"]);
    created.json["resourceId"].as_i64().unwrap()
}

async fn command(app: &TestApp, id: i64, name: &str, body: Value) -> kassa_testkit::Resp {
    app.post(&format!("/clients/{id}?command={name}"), body)
        .send()
        .await
}

async fn reason(app: &TestApp, code: &str) -> i64 {
    let codes = app.get("/codes").send().await.expect(200);
    let code_id = codes
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == code)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let value = app
        .post(
            &format!("/codes/{code_id}/codevalues"),
            json!({"name": format!("{code} reason")}),
        )
        .send()
        .await
        .expect(200);
    value.json["subResourceId"].as_i64().unwrap()
}

fn dated(field: &str, date: &str) -> Value {
    json!({field: date, "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

#[tokio::test]
async fn a_new_client_has_a_nine_digit_account_number_and_the_web_apps_fields() {
    for app in TestApp::all().await {
        let id = create(&app, person("Amara", "Okafor", false)).await;
        let client = app.get(&format!("/clients/{id}")).send().await.expect(200);
        let c = &client.json;
        assert_eq!(c["accountNo"], format!("{id:09}"), "{}", app.backend);
        assert_eq!(c["displayName"], "Amara Okafor");
        assert_eq!(
            c["status"],
            json!({"id": 100, "code": "clientStatusType.pending", "value": "Pending"})
        );
        assert_eq!(c["active"], false);
        assert_eq!(c["officeName"], "Head Office");
        assert_eq!(c["groups"], json!([]));
        assert_eq!(c["imagePresent"], false);
        assert_eq!(c["legalForm"]["id"], 1);
        assert_eq!(c["timeline"]["submittedOnDate"], json!([2024, 1, 1]));
        assert_eq!(c["timeline"]["submittedByUsername"], "mifos");
        let accounts = app
            .get(&format!("/clients/{id}/accounts"))
            .send()
            .await
            .expect(200);
        assert_eq!(
            accounts.json,
            json!({"loanAccounts": [], "savingsAccounts": [], "shareAccounts": []})
        );
    }
}

#[tokio::test]
async fn a_client_goes_through_every_lifecycle_command() {
    for app in TestApp::all().await {
        let id = create(&app, person("Life", "Cycle", false)).await;
        command(
            &app,
            id,
            "activate",
            dated("activationDate", "05 January 2024"),
        )
        .await
        .expect(200);
        let close = reason(&app, "ClientClosureReason").await;
        let mut body = dated("closureDate", "01 March 2024");
        body["closureReasonId"] = json!(close);
        command(&app, id, "close", body).await.expect(200);
        let closed = app.get(&format!("/clients/{id}")).send().await.expect(200);
        assert_eq!(closed.json["status"]["value"], "Closed");
        assert_eq!(closed.json["timeline"]["closedOnDate"], json!([2024, 3, 1]));
        command(
            &app,
            id,
            "reactivate",
            dated("reactivationDate", "01 April 2024"),
        )
        .await
        .expect(200);
        let reopened = app.get(&format!("/clients/{id}")).send().await.expect(200);
        assert_eq!(reopened.json["status"]["value"], "Pending");
        command(
            &app,
            id,
            "activate",
            dated("activationDate", "02 April 2024"),
        )
        .await
        .expect(200);

        let rejected = create(&app, person("Re", "Jected", false)).await;
        let mut body = dated("rejectionDate", "02 January 2024");
        body["rejectionReasonId"] = json!(reason(&app, "ClientRejectReason").await);
        command(&app, rejected, "reject", body).await.expect(200);
        command(
            &app,
            rejected,
            "undoRejection",
            dated("reopenedDate", "03 January 2024"),
        )
        .await
        .expect(200);

        let withdrawn = create(&app, person("With", "Drawn", false)).await;
        let mut body = dated("withdrawalDate", "02 January 2024");
        body["withdrawalReasonId"] = json!(reason(&app, "ClientWithdrawReason").await);
        command(&app, withdrawn, "withdraw", body).await.expect(200);
        let w = app
            .get(&format!("/clients/{withdrawn}"))
            .send()
            .await
            .expect(200);
        assert_eq!(w.json["status"]["value"], "Withdrawn");
        command(
            &app,
            withdrawn,
            "undoWithdrawal",
            dated("reopenedDate", "03 January 2024"),
        )
        .await
        .expect(200);
        let w = app
            .get(&format!("/clients/{withdrawn}"))
            .send()
            .await
            .expect(200);
        assert_eq!(w.json["status"]["value"], "Pending", "{}", app.backend);
    }
}

#[tokio::test]
async fn forbidden_transitions_answer_fineracts_codes() {
    for app in TestApp::all().await {
        let id = create(&app, person("Al", "Ready", true)).await;
        let again = command(
            &app,
            id,
            "activate",
            dated("activationDate", "05 January 2024"),
        )
        .await
        .expect(400);
        assert_eq!(again.error_code(), "error.msg.clients.already.active");
        let reactivate = command(
            &app,
            id,
            "reactivate",
            dated("reactivationDate", "05 January 2024"),
        )
        .await
        .expect(403);
        assert_eq!(
            reactivate.error_code(),
            "error.msg.client.reactivation.on.nonclosed.account"
        );
        let mut body = dated("rejectionDate", "05 January 2024");
        body["rejectionReasonId"] = json!(reason(&app, "ClientRejectReason").await);
        let reject = command(&app, id, "reject", body).await.expect(403);
        assert_eq!(
            reject.error_code(),
            "error.msg.client.rejection.on.account.not.in.pending.activation.status"
        );
        let undo = command(
            &app,
            id,
            "undoWithdrawal",
            dated("reopenedDate", "05 January 2024"),
        )
        .await
        .expect(403);
        assert_eq!(
            undo.error_code(),
            "error.msg.client.undoWithdrawal.on.nonwithdrawal.account"
        );
        let accept = command(&app, id, "acceptTransfer", json!({}))
            .await
            .expect(403);
        assert_eq!(
            accept.error_code(),
            "error.msg.client.not.awaiting.transfer.approval.exception"
        );
        let unknown = command(&app, id, "explode", json!({})).await.expect(400);
        assert_eq!(
            unknown.error_code(),
            "error.msg.query.parameter.value.unsupported"
        );
        let deleted = app
            .delete(&format!("/clients/{id}"))
            .send()
            .await
            .expect(403);
        assert_eq!(deleted.error_code(), "error.msg.clients.cannot.be.deleted");
        let future = create(&app, person("Fu", "Ture", false)).await;
        let too_late = command(
            &app,
            future,
            "activate",
            dated("activationDate", "01 January 2099"),
        )
        .await
        .expect(400);
        assert_eq!(
            too_late.error_code(),
            "error.msg.clients.activationDate.in.the.future"
        );
        app.delete(&format!("/clients/{future}"))
            .send()
            .await
            .expect(200);
        app.get(&format!("/clients/{future}"))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn a_transfer_moves_the_client_between_offices() {
    for app in TestApp::all().await {
        let office = app
            .post(
                "/offices",
                json!({"name": "Branch", "parentId": 1, "openingDate": "01 January 2020",
                                     "dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(200);
        let branch = office.json["resourceId"].as_i64().unwrap();
        let id = create(&app, person("Tra", "Veller", true)).await;
        let same = command(
            &app,
            id,
            "proposeTransfer",
            json!({"destinationOfficeId": 1}),
        )
        .await
        .expect(403);
        assert_eq!(
            same.error_code(),
            "error.msg.cannot.transfer.client.as.selected.office.and.current.office.are.same"
        );
        command(
            &app,
            id,
            "proposeTransfer",
            json!({"destinationOfficeId": branch}),
        )
        .await
        .expect(200);
        let pending = app.get(&format!("/clients/{id}")).send().await.expect(200);
        assert_eq!(pending.json["status"]["value"], "Transfer in progress");
        assert_eq!(pending.json["transferToOfficeId"], branch);
        command(&app, id, "rejectTransfer", json!({}))
            .await
            .expect(200);
        let held = app.get(&format!("/clients/{id}")).send().await.expect(200);
        assert_eq!(held.json["status"]["value"], "Transfer on hold");
        command(&app, id, "withdrawTransfer", json!({}))
            .await
            .expect(200);
        command(
            &app,
            id,
            "proposeTransfer",
            json!({"destinationOfficeId": branch}),
        )
        .await
        .expect(200);
        command(&app, id, "acceptTransfer", json!({}))
            .await
            .expect(200);
        let moved = app.get(&format!("/clients/{id}")).send().await.expect(200);
        assert_eq!(moved.json["officeId"], branch);
        assert_eq!(moved.json["status"]["value"], "Active");
    }
}

#[tokio::test]
async fn a_branch_user_sees_only_its_own_clients() {
    for app in TestApp::all().await {
        let office = app
            .post(
                "/offices",
                json!({"name": "Kisumu", "parentId": 1, "openingDate": "01 January 2020",
                                     "dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(200);
        let branch = office.json["resourceId"].as_i64().unwrap();
        let role = app
            .post(
                "/roles",
                json!({"name": "Branch clerk", "description": "clients"}),
            )
            .send()
            .await
            .expect(200);
        let role_id = role.json["resourceId"].as_i64().unwrap();
        app.put(
            &format!("/roles/{role_id}/permissions"),
            json!({"permissions": {"READ_CLIENT": true}}),
        )
        .send()
        .await
        .expect(200);
        app.post(
            "/users",
            json!({"username": "clerk", "firstname": "C", "lastname": "Lerk", "officeId": branch,
                                  "roles": [role_id], "sendPasswordToEmail": false,
                                  "password": PASSWORD, "repeatPassword": PASSWORD}),
        )
        .send()
        .await
        .expect(200);
        let head = create(&app, person("Head", "Client", false)).await;
        let mut local = person("Local", "Client", false);
        local["officeId"] = json!(branch);
        let local = create(&app, local).await;
        app.get(&format!("/clients/{head}"))
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(404);
        app.get(&format!("/clients/{local}"))
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(200);
        let list = app
            .get("/clients")
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(list.json["totalFilteredRecords"], 1);
        assert_eq!(list.json["pageItems"][0]["id"], local);
        let denied = app
            .post("/clients", person("No", "Way", false))
            .user("clerk", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            denied.json["errors"][0]["defaultUserMessage"],
            "User has no authority to: CREATE_CLIENT"
        );
    }
}

#[tokio::test]
async fn the_list_pages_sorts_and_filters() {
    for app in TestApp::all().await {
        for (first, last, active) in [
            ("Cyd", "Charisse", true),
            ("Ann", "Miller", false),
            ("Bea", "Arthur", true),
        ] {
            create(&app, person(first, last, active)).await;
        }
        let page = app
            .get("/clients?limit=2&offset=0&orderBy=displayName&sortOrder=DESC")
            .send()
            .await
            .expect(200);
        assert_eq!(page.json["totalFilteredRecords"], 3);
        let names: Vec<&str> = page.json["pageItems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["displayName"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Cyd Charisse", "Bea Arthur"]);
        let active = app.get("/clients?status=active").send().await.expect(200);
        assert_eq!(active.json["totalFilteredRecords"], 2);
        let by_name = app
            .get("/clients?displayName=mill")
            .send()
            .await
            .expect(200);
        assert_eq!(by_name.json["pageItems"][0]["displayName"], "Ann Miller");
        let by_last = app.get("/clients?lastName=Ar%25").send().await.expect(200);
        assert_eq!(by_last.json["totalFilteredRecords"], 1);
        let bad = app.get("/clients?status=sleeping").send().await.expect(400);
        assert_eq!(
            bad.error_code(),
            "validation.msg.client.status.value.is.not.supported"
        );
        app.get("/clients?orderBy=password")
            .send()
            .await
            .expect(400);
        let injected = app
            .get("/clients?orderBy=id;DROP%20TABLE%20m_client")
            .send()
            .await
            .expect(403);
        assert_eq!(injected.error_code(), "error.msg.sql.validation");
    }
}

#[tokio::test]
async fn the_v2_search_answers_a_spring_page() {
    for app in TestApp::all().await {
        for (first, last) in [
            ("Wanjiru", "Kamau"),
            ("Otieno", "Odhiambo"),
            ("Kamau", "Njoroge"),
        ] {
            create(&app, person(first, last, true)).await;
        }
        let all = app
            .req(
                http::Method::POST,
                "/fineract-provider/api/v2/clients/search",
            )
            .json(json!({"request": {"text": ""}, "page": 0, "size": 2}))
            .send()
            .await
            .expect(200);
        assert_eq!(all.json["totalElements"], 3, "{}", app.backend);
        assert_eq!(all.json["numberOfElements"], 2);
        assert_eq!(all.json["totalPages"], 2);
        assert_eq!(all.json["content"][0]["status"]["value"], "Active");
        assert!(all.json["content"][0]["accountNumber"].is_string());
        let kamau = app
            .req(
                http::Method::POST,
                "/fineract-provider/api/v2/clients/search",
            )
            .json(json!({"request": {"text": "kamau"}, "page": 0, "size": 50,
                         "sorts": [{"property": "displayName", "direction": "DESC"}]}))
            .send()
            .await
            .expect(200);
        let names: Vec<&str> = kamau.json["content"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["displayName"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Wanjiru Kamau", "Kamau Njoroge"]);
    }
}

#[tokio::test]
async fn updates_report_changes_and_duplicates_are_refused() {
    for app in TestApp::all().await {
        let mut body = person("Up", "Date", true);
        body["externalId"] = json!("EXT-1");
        body["mobileNo"] = json!("0700000001");
        let id = create(&app, body).await;
        let mut second = person("Sec", "Ond", false);
        second["externalId"] = json!("EXT-1");
        let dup = app.post("/clients", second).send().await.expect(403);
        assert_eq!(dup.error_code(), "error.msg.client.duplicate.externalId");
        let updated = app
            .put(
                &format!("/clients/{id}"),
                json!({"firstname": "Upd", "mobileNo": "0700000001", "emailAddress": "a@b.co"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            updated.json["changes"],
            json!({"firstname": "Upd", "emailAddress": "a@b.co"})
        );
        let by_ext = app
            .get("/clients/external-id/EXT-1")
            .send()
            .await
            .expect(200);
        assert_eq!(by_ext.json["displayName"], "Upd Date");
        app.put("/clients/external-id/EXT-1", json!({"lastname": "Dated"}))
            .send()
            .await
            .expect(200);
        let bad = app
            .put(&format!("/clients/{id}"), json!({"password": "x"}))
            .send()
            .await
            .expect(400);
        assert_eq!(bad.error_code(), "error.msg.parameter.unsupported");
        let entity = app
            .post("/clients", json!({"officeId": 1, "legalFormId": 2, "fullname": "Acme Traders Ltd", "active": false,
                                     "dateFormat": "dd MMMM yyyy", "locale": "en"}))
            .send()
            .await
            .expect(200);
        let acme = app
            .get(&format!("/clients/{}", entity.json["resourceId"]))
            .send()
            .await
            .expect(200);
        assert_eq!(acme.json["displayName"], "Acme Traders Ltd");
        assert_eq!(acme.json["legalForm"]["value"], "ENTITY");
    }
}

#[tokio::test]
async fn invalid_bodies_report_every_problem_at_once() {
    for app in TestApp::all().await {
        let bad = app
            .post("/clients", json!({"legalFormId": 1, "firstname": "Only", "active": true,
                                     "emailAddress": "not-an-email", "dateFormat": "dd MMMM yyyy", "locale": "en"}))
            .send()
            .await
            .expect(400);
        let params: Vec<&str> = bad.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["parameterName"].as_str().unwrap())
            .collect();
        for p in ["officeId", "lastname", "emailAddress", "activationDate"] {
            assert!(params.contains(&p), "{p} missing from {params:?}");
        }
        let both = app
            .post("/clients", json!({"officeId": 1, "fullname": "X", "firstname": "Y", "lastname": "Z", "active": false}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            both.error_code(),
            "validation.msg.client.id.no.name.details.passed"
        );
    }
}

#[tokio::test]
async fn the_template_lists_offices_options_and_reasons() {
    for app in TestApp::all().await {
        let t = app.get("/clients/template").send().await.expect(200);
        assert_eq!(t.json["officeOptions"][0]["name"], "Head Office");
        assert_eq!(t.json["clientLegalFormOptions"][0]["id"], 1);
        assert_eq!(t.json["genderOptions"], json!([]));
        assert_eq!(t.json["isAddressEnabled"], false);
        let close = reason(&app, "ClientClosureReason").await;
        let narrations = app
            .get("/clients/template?commandParam=close")
            .send()
            .await
            .expect(200);
        assert_eq!(narrations.json["narrations"][0]["id"], close);
        let id = create(&app, person("Tem", "Plate", false)).await;
        let with = app
            .get(&format!("/clients/{id}?template=true"))
            .send()
            .await
            .expect(200);
        assert!(with.json["officeOptions"].is_array());
        assert_eq!(with.json["displayName"], "Tem Plate");
    }
}
