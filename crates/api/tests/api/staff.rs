use kassa_testkit::TestApp;
use serde_json::{json, Value};

pub(crate) const PASSWORD: &str = "correct-horse-battery";

fn staff(office: i64, first: &str, last: &str) -> Value {
    json!({"officeId": office, "firstname": first, "lastname": last, "joiningDate": "01 March 2024",
           "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

async fn create(app: &TestApp, body: Value) -> i64 {
    let r = app.post("/staff", body).send().await.expect(200);
    r.json["resourceId"].as_i64().unwrap()
}

fn office(name: &str, parent: i64) -> Value {
    json!({"name": name, "parentId": parent, "openingDate": "01 January 2020", "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

/// A user of `office` holding exactly `codes`, logging in with [`PASSWORD`].
pub(crate) async fn user_with(app: &TestApp, username: &str, office: i64, codes: &[&str]) {
    let r = app
        .post(
            "/roles",
            json!({"name": format!("{username} role"), "description": "test role"}),
        )
        .send()
        .await
        .expect(200);
    let role = r.json["resourceId"].as_i64().unwrap();
    let perms: serde_json::Map<String, Value> =
        codes.iter().map(|c| (c.to_string(), json!(true))).collect();
    app.put(
        &format!("/roles/{role}/permissions"),
        json!({ "permissions": perms }),
    )
    .send()
    .await
    .expect(200);
    app.post("/users", json!({"username": username, "firstname": "Test", "lastname": "User", "officeId": office,
        "roles": [role], "sendPasswordToEmail": false, "password": PASSWORD, "repeatPassword": PASSWORD}))
        .send()
        .await
        .expect(200);
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn creating_staff_answers_office_and_resource_ids_and_reads_back_in_fineracts_shape() {
    for app in TestApp::all().await {
        let mut body = staff(1, "Jane", "Doe");
        body["isLoanOfficer"] = json!(true);
        body["mobileNo"] = json!("0712345678");
        body["externalId"] = json!("EMP-1");
        let r = app.post("/staff", body).send().await.expect(200);
        assert_eq!(
            r.json,
            json!({"officeId": 1, "resourceId": 1}),
            "{}",
            app.backend
        );
        let one = app.get("/staff/1").send().await.expect(200);
        assert_eq!(
            one.json,
            json!({"id": 1, "externalId": "EMP-1", "firstname": "Jane", "lastname": "Doe", "displayName": "Doe, Jane",
                   "mobileNo": "0712345678", "officeId": 1, "officeName": "Head Office", "isLoanOfficer": true,
                   "isActive": true, "joiningDate": [2024, 3, 1]})
        );
        let list = app.get("/staff").send().await.expect(200);
        assert_eq!(list.json, json!([one.json]));
    }
}

#[tokio::test]
async fn the_staff_list_is_active_staff_by_last_name_unless_filtered() {
    for app in TestApp::all().await {
        app.post("/offices", office("Branch", 1))
            .send()
            .await
            .expect(200);
        let zed = create(&app, staff(1, "Zoe", "Zed")).await;
        let mut officer = staff(2, "Ann", "Able");
        officer["isLoanOfficer"] = json!(true);
        let able = create(&app, officer).await;
        let mut gone = staff(1, "Old", "Mid");
        gone["isActive"] = json!(false);
        let mid = create(&app, gone).await;
        let get = |q: &'static str| {
            let app = &app;
            async move { ids(&app.get(&format!("/staff{q}")).send().await.expect(200).json) }
        };
        assert_eq!(get("").await, [able, zed], "{}", app.backend);
        assert_eq!(get("?status=inactive").await, [mid]);
        assert_eq!(get("?status=ALL").await, [able, mid, zed]);
        assert_eq!(get("?officeId=1&status=all").await, [mid, zed]);
        assert_eq!(get("?loanOfficersOnly=true").await, [able]);
        // Staff of the branch and of the offices above it, active only.
        assert_eq!(
            get("?officeId=2&staffInOfficeHierarchy=true").await,
            [able, zed]
        );
        let r = app.get("/staff?status=retired").send().await.expect(400);
        assert_eq!(
            r.error_code(),
            "error.msg.query.parameter.value.unsupported"
        );
    }
}

#[tokio::test]
async fn a_branch_user_sees_and_creates_staff_only_in_its_subtree() {
    for app in TestApp::all().await {
        app.post("/offices", office("North", 1))
            .send()
            .await
            .expect(200); // 2
        app.post("/offices", office("South", 1))
            .send()
            .await
            .expect(200); // 3
        user_with(
            &app,
            "northie",
            2,
            &["READ_STAFF", "CREATE_STAFF", "UPDATE_STAFF"],
        )
        .await;
        let head = create(&app, staff(1, "Head", "Person")).await;
        let north = create(&app, staff(2, "North", "Person")).await;
        create(&app, staff(3, "South", "Person")).await;
        let seen = app
            .get("/staff?status=all")
            .user("northie", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(ids(&seen.json), [north], "{}", app.backend);
        app.get(&format!("/staff/{head}"))
            .user("northie", PASSWORD)
            .send()
            .await
            .expect(404);
        app.put(&format!("/staff/{head}"), json!({"firstname": "Hacked"}))
            .user("northie", PASSWORD)
            .send()
            .await
            .expect(404);
        let r = app
            .post("/staff", staff(3, "Intruder", "Person"))
            .user("northie", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.not.authorized"
        );
        app.post("/staff", staff(2, "Second", "Northerner"))
            .user("northie", PASSWORD)
            .send()
            .await
            .expect(200);
        // The template offers only the offices the caller reaches.
        let t = app
            .get(&format!("/staff/{north}?template=true"))
            .user("northie", PASSWORD)
            .send()
            .await
            .expect(200);
        assert_eq!(
            t.json["allowedOffices"],
            json!([{"id": 2, "name": "North", "nameDecorated": "....North"}])
        );
    }
}

#[tokio::test]
async fn duplicate_external_ids_and_display_names_are_403s_with_fineracts_codes() {
    for app in TestApp::all().await {
        let mut body = staff(1, "Jane", "Doe");
        body["externalId"] = json!("EMP-1");
        create(&app, body).await;
        let mut other = staff(1, "John", "Roe");
        other["externalId"] = json!("EMP-1");
        let r = app.post("/staff", other).send().await.expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.staff.duplicate.externalId",
            "{}",
            app.backend
        );
        assert_eq!(r.json["errors"][0]["parameterName"], "externalId");
        let r = app
            .post("/staff", staff(1, "Jane", "Doe"))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.staff.duplicate.displayName"
        );
        let second = create(&app, staff(1, "John", "Roe")).await;
        let r = app
            .put(&format!("/staff/{second}"), json!({"externalId": "EMP-1"}))
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"],
            "error.msg.staff.duplicate.externalId"
        );
    }
}

#[tokio::test]
async fn updating_staff_answers_what_changed() {
    for app in TestApp::all().await {
        app.post("/offices", office("Branch", 1))
            .send()
            .await
            .expect(200);
        let id = create(&app, staff(1, "Jane", "Doe")).await;
        let r = app
            .put(
                &format!("/staff/{id}"),
                json!({"firstname": "Janet", "lastname": "Doe", "officeId": 2, "isLoanOfficer": true,
                       "joiningDate": "02 March 2024", "dateFormat": "dd MMMM yyyy", "locale": "en"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"officeId": 2, "resourceId": id, "changes": {"officeId": 2, "firstname": "Janet",
                   "isLoanOfficer": true, "joiningDate": "02 March 2024"}}),
            "{}",
            app.backend
        );
        let one = app.get(&format!("/staff/{id}")).send().await.expect(200);
        assert_eq!(one.json["displayName"], "Doe, Janet");
        assert_eq!(one.json["officeName"], "Branch");
        assert_eq!(one.json["joiningDate"], json!([2024, 3, 2]));
        let again = app
            .put(&format!("/staff/{id}"), json!({"firstname": "Janet"}))
            .send()
            .await
            .expect(200);
        assert_eq!(again.json["changes"], json!({}));
        let off = app
            .put(&format!("/staff/{id}"), json!({"isActive": false}))
            .send()
            .await
            .expect(200);
        assert_eq!(off.json["changes"], json!({"isActive": false}));
        app.put("/staff/99", json!({"firstname": "Nobody"}))
            .send()
            .await
            .expect(404);
    }
}

#[tokio::test]
async fn staff_validation_reports_every_problem_at_once() {
    for app in TestApp::all().await {
        let r = app
            .post(
                "/staff",
                json!({"officeId": 0, "lastname": "x".repeat(51), "isActive": "maybe"}),
            )
            .send()
            .await
            .expect(400);
        let mut codes: Vec<&str> = r.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["userMessageGlobalisationCode"].as_str().unwrap())
            .collect();
        codes.sort();
        assert_eq!(
            codes,
            [
                "validation.msg.staff.firstname.cannot.be.blank",
                "validation.msg.staff.isActive.must.be.true.or.false",
                "validation.msg.staff.joiningDate.cannot.be.blank",
                "validation.msg.staff.lastname.exceeds.max.length",
                "validation.msg.staff.officeId.not.greater.than.zero",
            ],
            "{}",
            app.backend
        );
        let mut body = staff(1, "Jane", "Doe");
        body["nickname"] = json!("JD");
        let r = app.post("/staff", body).send().await.expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
        assert_eq!(r.json["errors"][0]["parameterName"], "nickname");
        let r = app
            .post("/staff", staff(99, "Jane", "Doe"))
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.office.id.invalid");
    }
}

#[tokio::test]
async fn staff_needs_read_and_write_permissions() {
    for app in TestApp::all().await {
        user_with(&app, "reader", 1, &["READ_STAFF"]).await;
        user_with(&app, "nobody", 1, &["READ_OFFICE"]).await;
        let r = app
            .get("/staff")
            .user("nobody", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.not.authorized",
            "{}",
            app.backend
        );
        app.get("/staff")
            .user("reader", PASSWORD)
            .send()
            .await
            .expect(200);
        app.post("/staff", staff(1, "Jane", "Doe"))
            .user("reader", PASSWORD)
            .send()
            .await
            .expect(403);
    }
}

#[tokio::test]
async fn a_user_links_to_staff_of_its_own_office_and_shows_it() {
    for app in TestApp::all().await {
        app.post("/offices", office("Branch", 1))
            .send()
            .await
            .expect(200);
        let head_staff = create(&app, staff(1, "Jane", "Doe")).await;
        let branch_staff = create(&app, staff(2, "Bob", "Branch")).await;
        let user = |staff_id: i64| {
            json!({"username": "linked", "firstname": "L", "lastname": "U", "officeId": 1, "roles": [1],
                   "staffId": staff_id, "sendPasswordToEmail": false, "password": PASSWORD, "repeatPassword": PASSWORD})
        };
        let r = app
            .post("/users", user(branch_staff))
            .send()
            .await
            .expect(404);
        assert_eq!(
            r.error_code(),
            "error.msg.staff.id.invalid",
            "{}",
            app.backend
        );
        let r = app
            .post("/users", user(head_staff))
            .send()
            .await
            .expect(200);
        let id = r.json["resourceId"].as_i64().unwrap();
        let one = app.get(&format!("/users/{id}")).send().await.expect(200);
        assert_eq!(one.json["staff"]["id"], head_staff);
        assert_eq!(one.json["staff"]["displayName"], "Doe, Jane");
        let list = app.get("/users").send().await.expect(200);
        let listed = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .unwrap()
            .clone();
        assert_eq!(listed["staff"]["officeName"], "Head Office");
        let mifos = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == 1)
            .unwrap();
        assert!(mifos.get("staff").is_none());
        let r = app
            .put(&format!("/users/{id}"), json!({"staffId": branch_staff}))
            .send()
            .await
            .expect(404);
        assert_eq!(r.error_code(), "error.msg.staff.id.invalid");
        app.put(&format!("/users/{id}"), json!({"staffId": null}))
            .send()
            .await
            .expect(200);
        let one = app.get(&format!("/users/{id}")).send().await.expect(200);
        assert!(one.json.get("staff").is_none());
    }
}
