use kassa_testkit::TestApp;
use serde_json::{json, Value};

const PASSWORD: &str = "correct-horse-battery";

fn new_user(username: &str, office: i64, roles: Value) -> Value {
    json!({"username": username, "firstname": "Test", "lastname": "User", "officeId": office, "roles": roles,
           "sendPasswordToEmail": false, "password": PASSWORD, "repeatPassword": PASSWORD})
}

async fn create(app: &TestApp, body: Value) -> i64 {
    let r = app.post("/users", body).send().await.expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

/// A role holding exactly `codes`; returns its id.
async fn role_with(app: &TestApp, name: &str, codes: &[&str]) -> i64 {
    let r = app
        .post("/roles", json!({"name": name, "description": "test role"}))
        .send()
        .await
        .expect(200);
    let id = r.json["resourceId"].as_i64().unwrap();
    let perms: serde_json::Map<String, Value> =
        codes.iter().map(|c| (c.to_string(), json!(true))).collect();
    app.put(
        &format!("/roles/{id}/permissions"),
        json!({ "permissions": perms }),
    )
    .send()
    .await
    .expect(200);
    id
}

fn office(name: &str, parent: i64) -> Value {
    json!({"name": name, "parentId": parent, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

#[tokio::test]
async fn creating_a_user_answers_office_and_resource_ids_and_lists_it_with_its_roles() {
    for app in TestApp::all().await {
        let r = app
            .post("/users", new_user("alice", 1, json!([1])))
            .send()
            .await
            .expect(200);
        let id = r.json["resourceId"].as_i64().unwrap();
        assert_eq!(
            r.json,
            json!({"officeId": 1, "resourceId": id}),
            "{}",
            app.backend
        );
        let list = app.get("/users").send().await.expect(200);
        let alice = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == "alice")
            .unwrap()
            .clone();
        assert_eq!(
            alice,
            json!({"id": id, "username": "alice", "officeId": 1, "officeName": "Head Office",
                   "firstname": "Test", "lastname": "User", "passwordNeverExpires": false,
                   "selectedRoles": [{"id": 1, "name": "Super user",
                                      "description": "This role provides all application permissions.", "disabled": false}],
                   "isSelfServiceUser": false}),
            "{}",
            app.backend
        );
        // Listed by username, as Fineract does.
        let names: Vec<&str> = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["username"].as_str().unwrap())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
}

#[tokio::test]
async fn a_new_user_logs_in_with_its_password_and_nothing_else() {
    for app in TestApp::all().await {
        create(&app, new_user("bob", 1, json!([1]))).await;
        let ok = app
            .post(
                "/authentication",
                json!({"username": "bob", "password": PASSWORD}),
            )
            .without("Authorization")
            .send()
            .await
            .expect(200);
        assert_eq!(ok.json["permissions"], json!(["ALL_FUNCTIONS"]));
        app.get("/users")
            .user("bob", "wrong-password-entirely")
            .send()
            .await
            .expect(401);
    }
}

#[tokio::test]
async fn a_duplicate_username_is_a_403_with_fineracts_code() {
    for app in TestApp::all().await {
        create(&app, new_user("twice", 1, json!([1]))).await;
        let r = app
            .post("/users", new_user("twice", 1, json!([1])))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.user.duplicate.username",
            "{}",
            app.backend
        );
        assert_eq!(r.json["errors"][0]["parameterName"], "username");
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "User with username twice already exists."
        );
    }
}

#[tokio::test]
async fn a_deleted_users_username_stays_taken_as_a_duplicate_would() {
    for app in TestApp::all().await {
        let id = create(&app, new_user("again", 1, json!([1]))).await;
        let r = app.delete(&format!("/users/{id}")).send().await.expect(200);
        assert_eq!(r.json, json!({"officeId": 1, "resourceId": id}));
        let refused = app
            .post("/users", new_user("again", 1, json!([1])))
            .send()
            .await
            .expect(403);
        assert_eq!(
            refused.json["userMessageGlobalisationCode"], "error.msg.user.duplicate.username",
            "{}",
            app.backend
        );
        // Renaming a live user to the deleted one's name is the same duplicate.
        let other = create(&app, new_user("other", 1, json!([1]))).await;
        let renamed = app
            .put(&format!("/users/{other}"), json!({"username": "again"}))
            .send()
            .await
            .expect(403);
        assert_eq!(renamed.error_code(), "error.msg.user.duplicate.username");
    }
}

#[tokio::test]
async fn creating_a_user_reports_every_validation_problem_at_once() {
    for app in TestApp::all().await {
        let body = json!({"lastname": "x", "roles": [], "sendPasswordToEmail": false,
                          "password": PASSWORD, "repeatPassword": "something-else-long", "email": "nope"});
        let r = app.post("/users", body).send().await.expect(400);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "validation.msg.validation.errors.exist"
        );
        let codes: Vec<&str> = r.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["userMessageGlobalisationCode"].as_str().unwrap())
            .collect();
        for expected in [
            "validation.msg.user.username.cannot.be.blank",
            "validation.msg.user.firstname.cannot.be.blank",
            "validation.msg.user.repeatPassword.not.equal.to.password",
            "validation.msg.user.officeId.cannot.be.blank",
            "validation.msg.user.email.invalid",
            "validation.msg.user.roles.cannot.be.empty",
        ] {
            assert!(
                codes.contains(&expected),
                "{expected} missing from {codes:?}"
            );
        }
        // The password is never echoed back in an error.
        assert!(!r.text.contains(PASSWORD), "{}", r.text);
    }
}

#[tokio::test]
async fn send_password_to_email_is_refused_because_kassa_sends_no_mail() {
    for app in TestApp::all().await {
        let body = json!({"username": "mailer", "firstname": "M", "lastname": "L", "officeId": 1, "roles": [1],
                          "sendPasswordToEmail": true, "email": "m@example.org"});
        let r = app.post("/users", body).send().await.expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.user.sendPasswordToEmail.not.supported"
        );
        let body = json!({"username": "mailer", "firstname": "M", "lastname": "L", "officeId": 1, "roles": [1],
                          "password": PASSWORD, "repeatPassword": PASSWORD});
        let r = app.post("/users", body).send().await.expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.user.sendPasswordToEmail.cannot.be.blank"
        );
    }
}

#[tokio::test]
async fn a_password_outside_the_active_policy_is_refused_with_its_description() {
    for app in TestApp::all().await {
        let mut body = new_user("shorty", 1, json!([1]));
        body["password"] = json!("short");
        body["repeatPassword"] = json!("short");
        let r = app.post("/users", body).send().await.expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.user.password.does.not.match.regexp"
        );
        assert_eq!(r.json["errors"][0]["parameterName"], "password");
        assert!(!r.text.contains("\"short\""), "{}", r.text);
    }
}

#[tokio::test]
async fn an_unknown_role_office_or_staff_is_a_404() {
    for app in TestApp::all().await {
        let r = app
            .post("/users", new_user("ghost", 1, json!([99])))
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.role.id.invalid");
        let r = app
            .post("/users", new_user("ghost", 99, json!([1])))
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.office.id.invalid");
        let mut body = new_user("ghost", 1, json!([1]));
        body["staffId"] = json!(5);
        let r = app.post("/users", body).send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.staff.id.invalid");
        app.get("/users/999").send().await.expect(404);
    }
}

#[tokio::test]
async fn an_unsupported_parameter_is_a_400() {
    for app in TestApp::all().await {
        let mut body = new_user("extra", 1, json!([1]));
        body["nickname"] = json!("x");
        let r = app.post("/users", body).send().await.expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
        assert_eq!(r.json["errors"][0]["parameterName"], "nickname");
    }
}

#[tokio::test]
async fn clients_are_refused_unless_the_user_is_self_service() {
    for app in TestApp::all().await {
        let mut body = new_user("selfie", 1, json!([2]));
        body["clients"] = json!([1]);
        let r = app.post("/users", body.clone()).send().await.expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.user.clients.not.supported.when.isSelfServiceUser.is.false"
        );
        body["isSelfServiceUser"] = json!(true);
        let id = create(&app, body).await;
        let one = app.get(&format!("/users/{id}")).send().await.expect(200);
        assert_eq!(one.json["isSelfServiceUser"], true);
        assert_eq!(one.json["clients"], json!([]));
    }
}

#[tokio::test]
async fn updating_a_user_echoes_changes_but_never_the_password() {
    for app in TestApp::all().await {
        let id = create(&app, new_user("carol", 1, json!([1]))).await;
        let r = app
            .put(
                &format!("/users/{id}"),
                json!({"firstname": "Caroline", "lastname": "User", "email": "carol@example.org",
                       "password": "a-brand-new-password", "repeatPassword": "a-brand-new-password"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"officeId": 1, "resourceId": id,
                   "changes": {"firstname": "Caroline", "email": "carol@example.org"}}),
            "{}",
            app.backend
        );
        app.get("/users")
            .user("carol", "a-brand-new-password")
            .send()
            .await
            .expect(200);
        let one = app.get(&format!("/users/{id}")).send().await.expect(200);
        assert_eq!(one.json["firstname"], "Caroline");
        assert_eq!(one.json["email"], "carol@example.org");
    }
}

#[tokio::test]
async fn the_logged_command_masks_passwords() {
    for app in TestApp::all().await {
        create(&app, new_user("dave", 1, json!([1]))).await;
        let list = app.get("/audits").send().await.expect(200);
        let row = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["entityName"] == "USER")
            .unwrap()
            .clone();
        assert_eq!(row["actionName"], "CREATE");
        let one = app
            .get(&format!("/audits/{}", row["id"]))
            .send()
            .await
            .expect(200);
        let logged = one.json["commandAsJson"].as_str().unwrap();
        assert!(!logged.contains(PASSWORD), "{logged}");
        assert!(logged.contains("\"username\":\"dave\""), "{logged}");
    }
}

#[tokio::test]
async fn a_user_changes_its_own_password_without_update_user_but_nothing_else() {
    for app in TestApp::all().await {
        let role = role_with(&app, "Office readers", &["READ_OFFICE"]).await;
        let me = create(&app, new_user("erin", 1, json!([role]))).await;
        let other = create(&app, new_user("frank", 1, json!([role]))).await;
        let r = app
            .put(
                &format!("/users/{me}"),
                json!({"password": "erins-new-password", "repeatPassword": "erins-new-password"}),
            )
            .user("erin", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["resourceId"], me);
        let r = app
            .put(&format!("/users/{me}"), json!({"firstname": "Erin"}))
            .user("erin", "erins-new-password")
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "not.enough.permission.to.update.fields");
        assert_eq!(r.json["errors"][0]["parameterName"], "firstname");
        let r = app
            .put(
                &format!("/users/{other}"),
                json!({"password": "franks-new-password", "repeatPassword": "franks-new-password"}),
            )
            .user("erin", "erins-new-password")
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "User has no authority to: UPDATE_USER"
        );
    }
}

#[tokio::test]
async fn a_user_reads_itself_without_read_user_but_not_others() {
    for app in TestApp::all().await {
        let role = role_with(&app, "Office readers", &["READ_OFFICE"]).await;
        let me = create(&app, new_user("gina", 1, json!([role]))).await;
        let r = app
            .get(&format!("/users/{me}"))
            .user("gina", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["username"], "gina");
        let r = app
            .get("/users/1")
            .user("gina", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "User has no authority to READ users"
        );
        app.get("/users")
            .user("gina", PASSWORD)
            .send()
            .await
            .expect(403);
    }
}

#[tokio::test]
async fn the_system_user_can_be_neither_renamed_nor_given_a_password_nor_deleted() {
    for app in TestApp::all().await {
        let r = app
            .put("/users/2", json!({"username": "root"}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.not.authorized",
            "{}",
            app.backend
        );
        app.put(
            "/users/2",
            json!({"password": "a-long-enough-password", "repeatPassword": "a-long-enough-password"}),
        )
        .send()
        .await
        .expect(403);
        let r = app.delete("/users/2").send().await.expect(403);
        assert_eq!(
            r.json["errors"][0]["defaultUserMessage"],
            "User configured as the system user cannot be deleted"
        );
        let one = app.get("/users/2").send().await.expect(200);
        assert_eq!(one.json["username"], "system");
    }
}

#[tokio::test]
async fn deleting_a_user_hides_it_and_stops_its_login_at_once() {
    for app in TestApp::all().await {
        let id = create(&app, new_user("hank", 1, json!([1]))).await;
        app.get("/offices")
            .user("hank", PASSWORD)
            .send()
            .await
            .expect(200);
        app.delete(&format!("/users/{id}")).send().await.expect(200);
        let r = app.get(&format!("/users/{id}")).send().await.expect(404);
        assert_eq!(r.error_code(), "error.msg.user.id.invalid");
        app.delete(&format!("/users/{id}")).send().await.expect(404);
        app.get("/offices")
            .user("hank", PASSWORD)
            .send()
            .await
            .expect(401);
        let list = app.get("/users").send().await.json;
        assert!(list
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["username"] != "hank"));
    }
}

#[tokio::test]
async fn changing_a_users_roles_changes_its_permissions_at_once() {
    for app in TestApp::all().await {
        let readers = role_with(&app, "Office readers", &["READ_OFFICE"]).await;
        let clients = role_with(&app, "Client readers", &["READ_CLIENT"]).await;
        let id = create(&app, new_user("ivy", 1, json!([readers]))).await;
        app.get("/offices")
            .user("ivy", PASSWORD)
            .send()
            .await
            .expect(200);
        let r = app
            .put(&format!("/users/{id}"), json!({"roles": [clients]}))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["changes"], json!({"roles": [clients]}));
        app.get("/offices")
            .user("ivy", PASSWORD)
            .send()
            .await
            .expect(403);
        let one = app.get(&format!("/users/{id}")).send().await.expect(200);
        let selected: Vec<i64> = one.json["selectedRoles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert_eq!(selected, [clients]);
    }
}

#[tokio::test]
async fn a_branch_user_sees_and_creates_users_only_in_its_subtree() {
    for app in TestApp::all().await {
        app.post("/offices", office("North", 1))
            .send()
            .await
            .expect(200); // 2
        app.post("/offices", office("South", 1))
            .send()
            .await
            .expect(200); // 3
        let role = role_with(&app, "Branch admin", &["READ_USER", "CREATE_USER"]).await;
        let boss = create(&app, new_user("northboss", 2, json!([role]))).await;
        create(&app, new_user("southie", 3, json!([role]))).await;
        let seen: Vec<i64> = app
            .get("/users")
            .user("northboss", PASSWORD)
            .send()
            .await
            .expect(200)
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_i64().unwrap())
            .collect();
        assert_eq!(seen, [boss], "{}", app.backend);
        app.get("/users/1")
            .user("northboss", PASSWORD)
            .send()
            .await
            .expect(404);
        let r = app
            .post("/users", new_user("intruder", 3, json!([role])))
            .user("northboss", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.not.authorized"
        );
        app.post("/users", new_user("northling", 2, json!([role])))
            .user("northboss", PASSWORD)
            .send()
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn the_user_template_offers_offices_enabled_roles_and_the_self_service_role() {
    for app in TestApp::all().await {
        app.post("/offices", office("Branch", 1))
            .send()
            .await
            .expect(200);
        let t = app.get("/users/template").send().await.expect(200);
        assert_eq!(
            t.json["allowedOffices"],
            json!([{"id": 1, "name": "Head Office", "nameDecorated": "Head Office"},
                   {"id": 2, "name": "Branch", "nameDecorated": "....Branch"}]),
            "{}",
            app.backend
        );
        let available: Vec<i64> = t.json["availableRoles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert!(available.contains(&1));
        assert!(!available.contains(&2), "the self-service role is disabled");
        assert_eq!(t.json["selfServiceRoles"][0]["name"], "Self Service User");
    }
}

#[tokio::test]
async fn one_user_lists_its_available_roles_and_with_template_its_offices() {
    for app in TestApp::all().await {
        let one = app.get("/users/1").send().await.expect(200);
        assert_eq!(one.json["selectedRoles"][0]["id"], 1);
        assert_eq!(one.json["availableRoles"][0]["id"], 2);
        assert!(one.json.get("allowedOffices").is_none());
        let t = app.get("/users/1?template=true").send().await.expect(200);
        assert_eq!(t.json["allowedOffices"][0]["name"], "Head Office");
        let f = app
            .get("/users/1?fields=username,officeName")
            .send()
            .await
            .expect(200);
        assert_eq!(f.json["username"], "mifos");
        assert!(f.json.get("firstname").is_none());
    }
}
