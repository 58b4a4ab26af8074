//! `GET /clients?sqlSearch=…`: a small grammar run with bound values; everything else refused.

use kassa_testkit::TestApp;
use serde_json::json;

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn seed(app: &TestApp) {
    for (first, last, active) in [
        ("Amara", "Okafor", true),
        ("Amadou", "Diallo", false),
        ("Zola", "Budd", true),
    ] {
        let mut body = json!({"officeId": 1, "legalFormId": 1, "firstname": first, "lastname": last, "active": active,
                              "submittedOnDate": "01 January 2024", "dateFormat": "dd MMMM yyyy", "locale": "en"});
        if active {
            body["activationDate"] = json!("02 January 2024");
        }
        app.post("/clients", body).send().await.expect(200);
    }
}

async fn search(app: &TestApp, q: &str) -> kassa_testkit::Resp {
    app.get(&format!("/clients?sqlSearch={}", encode(q)))
        .send()
        .await
}

fn names(r: &kassa_testkit::Resp) -> Vec<String> {
    r.json["pageItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["displayName"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_product_documents_search_and_richer_ones_filter_clients() {
    for app in TestApp::all().await {
        seed(&app).await;
        let amara = search(&app, "firstname like 'Amara%'").await.expect(200);
        assert_eq!(names(&amara), ["Amara Okafor"], "{}", app.backend);
        let ama = search(&app, "c.firstname LIKE 'Ama%' and status_enum = 300")
            .await
            .expect(200);
        assert_eq!(names(&ama), ["Amara Okafor"]);
        let either = search(
            &app,
            "(lastname = 'Budd' or lastname = 'Diallo') and activation_date is null",
        )
        .await
        .expect(200);
        assert_eq!(names(&either), ["Amadou Diallo"]);
        let listed = search(
            &app,
            "lastname in ('Okafor', 'Budd') and submittedon_date >= '2024-01-01'",
        )
        .await
        .expect(200);
        assert_eq!(listed.json["totalFilteredRecords"], 2);
        let none = search(&app, "firstname not like 'A%' and id > 0")
            .await
            .expect(200);
        assert_eq!(names(&none), ["Zola Budd"]);
    }
}

#[tokio::test]
async fn searches_outside_the_grammar_are_400_with_the_reason() {
    for app in TestApp::all().await {
        for q in [
            "password = 'x'",
            "firstname ==",
            "activation_date > 'yesterday'",
            "id = 'abc'",
            "firstname like",
        ] {
            let r = search(&app, q).await.expect(400);
            assert_eq!(
                r.error_code(),
                "validation.msg.client.sqlSearch.invalid",
                "{q}"
            );
        }
    }
}

#[tokio::test]
async fn injection_probes_never_reach_sql_and_leak_nothing() {
    // The copy of Fineract's probe corpus kept in the repository (owned by the wire crate's tests).
    let corpus = include_str!("../../../wire/tests/data/sqli-fineract.tsv");
    let probes: Vec<String> = corpus
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(_, payload)| payload.to_string())
        .chain(
            [
                "firstname = 'a' or 1=1",
                "firstname = 'a' or 'a'='a'",
                "firstname = 'a'; drop table m_client",
                "firstname = 'a' -- ",
                "firstname = 'a' /* x */",
                "id = 1 union select username from m_appuser",
                "id = 1 and sleep(5)",
                "id = (select pg_sleep(5))",
                "id = 1 or benchmark(1000000, md5(1))",
                "firstname = 'a\\' or 1=1 --'",
            ]
            .map(str::to_string),
        )
        .collect();
    for app in TestApp::all().await {
        seed(&app).await;
        for probe in &probes {
            for q in [
                probe.clone(),
                format!("firstname = 'Nobody' {probe}"),
                format!("id = {probe}"),
            ] {
                let r = search(&app, &q).await;
                match r.status.as_u16() {
                    400 | 403 => {}
                    200 => assert_eq!(
                        r.json["totalFilteredRecords"], 0,
                        "leak with {q:?} on {}",
                        app.backend
                    ),
                    other => panic!("{q:?} answered {other} on {}: {}", app.backend, r.text),
                }
            }
        }
        let tautology = search(&app, "firstname = 'x' or 1=1").await.expect(403);
        assert_eq!(tautology.error_code(), "error.msg.sql.validation");
    }
}
