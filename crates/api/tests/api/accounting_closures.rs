//! Accounting closures, after Fineract's `GLClosureTest` payloads.

use kassa_testkit::TestApp;
use serde_json::{json, Value};

fn closure(office: i64, date: &str) -> Value {
    json!({"officeId": office, "closingDate": date, "comments": "closed", "dateFormat": "dd MMMM yyyy", "locale": "en"})
}

fn code(r: &kassa_testkit::Resp) -> &str {
    r.json["errors"][0]["userMessageGlobalisationCode"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn closures_follow_each_other_and_only_the_latest_is_deleted() {
    for app in TestApp::all().await {
        let r = app
            .post("/glclosures", closure(1, "01 January 2020"))
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["officeId"], 1);
        let first = r.json["resourceId"].as_i64().unwrap();
        let got = app
            .get(&format!("/glclosures/{first}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(got["closingDate"], json!([2020, 1, 1]));
        assert_eq!(got["officeName"], "Head Office");
        assert_eq!(got["createdByUsername"], "mifos");
        assert_eq!(got["deleted"], false);
        assert_eq!(got["comments"], "closed");
        assert_eq!(got["allowedOffices"], json!([]));

        let r = app
            .post("/glclosures", closure(1, "01 December 2019"))
            .send()
            .await
            .expect(403);
        assert_eq!(code(&r), "error.msg.glclosure.invalid.accounting.closed");
        let r = app
            .post("/glclosures", closure(1, "01 January 2020"))
            .send()
            .await
            .expect(403);
        assert_eq!(code(&r), "error.msg.glclosure.glcode.duplicate");
        let r = app
            .post("/glclosures", closure(1, "01 January 2999"))
            .send()
            .await
            .expect(403);
        assert_eq!(code(&r), "error.msg.glclosure.invalid.future.date");

        let second = app
            .post("/glclosures", closure(1, "01 February 2020"))
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let list = app
            .get("/glclosures?officeId=1")
            .send()
            .await
            .expect(200)
            .json;
        let ids: Vec<i64> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [second, first]);

        let r = app
            .delete(&format!("/glclosures/{first}"))
            .send()
            .await
            .expect(403);
        assert_eq!(code(&r), "error.msg.glclosure.invalid.delete");
        let r = app
            .put(
                &format!("/glclosures/{first}"),
                json!({"comments": "audited"}),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(r.json["changes"], json!({"comments": "audited"}));
        let r = app
            .put(&format!("/glclosures/{first}"), json!({"officeId": 2}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            code(&r),
            "validation.msg.GLClosure.no.parameters.for.update"
        );
        app.delete(&format!("/glclosures/{second}"))
            .send()
            .await
            .expect(200);
        app.delete(&format!("/glclosures/{first}"))
            .send()
            .await
            .expect(200);
        let r = app
            .get(&format!("/glclosures/{first}"))
            .send()
            .await
            .expect(404);
        assert_eq!(code(&r), "error.msg.glclosure.id.invalid");
    }
}

#[tokio::test]
async fn a_closure_needs_an_office_and_a_date() {
    for app in TestApp::all().await {
        let r = app
            .post("/glclosures", json!({"comments": "x"}))
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
                "validation.msg.GLClosure.closingDate.cannot.be.blank",
                "validation.msg.GLClosure.officeId.cannot.be.blank"
            ]
        );
        app.post("/glclosures", closure(999, "01 January 2020"))
            .send()
            .await
            .expect(404);
    }
}
