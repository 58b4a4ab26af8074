//! The authorization matrix, generated from the router's OpenAPI document and the permission catalogue:
//! every write endpoint refuses a user without its permission (403, and nothing changes), and the 403
//! names a permission that exists, so a role could grant it. Office scoping, disabled roles and
//! idempotency keys are in `scoping`.

mod fixtures;
mod scoping;

use std::collections::BTreeSet;

use http::Method;
use kassa_testkit::TestApp;
use serde_json::Value;

use crate::staff::{user_with, PASSWORD};

const API: &str = "/fineract-provider/api/v1";

/// Writes that need no permission: logging in, and marking one's own notifications read (nothing is
/// stored). The caller's own password change needs none either; the matrix avoids it by always
/// addressing another user in `{userId}`.
const EXEMPT: &[(&str, &str)] = &[("post", "/authentication"), ("put", "/notifications")];

/// The `?command=` of endpoints that dispatch on it: which permission applies depends on the command.
const COMMANDS: &[(&str, &str, &str)] = &[
    ("post", "/clients/{clientId}", "activate"),
    ("post", "/clients/external-id/{externalId}", "activate"),
    ("post", "/holidays/{holidayId}", "activate"),
    ("post", "/loans/{loanId}", "approve"),
    ("post", "/loans/{loanId}/transactions", "repayment"),
    ("post", "/loans/{loanId}/charges/{loanChargeId}", "pay"),
    (
        "post",
        "/loans/{loanId}/charges/external-id/{loanChargeExternalId}",
        "pay",
    ),
    (
        "post",
        "/loans/external-id/{loanExternalId}/charges/{loanChargeId}",
        "pay",
    ),
    (
        "post",
        "/loans/external-id/{loanExternalId}/charges/external-id/{loanChargeExternalId}",
        "pay",
    ),
    ("post", "/journalentries/{journalEntryId}", "reverse"),
    ("post", "/makercheckers/{auditId}", "approve"),
    ("post", "/roles/{roleId}", "disable"),
];

/// Every POST, PUT and DELETE under the API base that the document lists, as (method, path template).
async fn write_operations(app: &TestApp) -> Vec<(String, String)> {
    let doc = app
        .get("/fineract-provider/fineract.json")
        .send()
        .await
        .expect(200)
        .json;
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(relative) = path.strip_prefix(API) else {
            continue;
        };
        for method in item.as_object().unwrap().keys() {
            let exempt = EXEMPT.contains(&(method.as_str(), relative));
            if ["post", "put", "delete"].contains(&method.as_str()) && !exempt {
                ops.push((method.clone(), relative.to_string()));
            }
        }
    }
    ops
}

/// Every permission code a role can be given: the whole catalogue, checker twins included, as
/// `GET /roles/{id}/permissions` lists it (`GET /permissions` leaves the twins out, as Fineract does).
async fn permission_codes(app: &TestApp) -> BTreeSet<String> {
    let role = app
        .get("/roles/1/permissions")
        .send()
        .await
        .expect(200)
        .json;
    let codes = role["permissionUsageData"].as_array().unwrap().iter();
    codes
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

/// What an administrator sees: the command log's size and the main lists. A refused write changes none.
async fn snapshot(app: &TestApp) -> Vec<Value> {
    let mut seen = Vec::new();
    for path in [
        "/audits?paged=true&limit=1",
        "/offices",
        "/staff",
        "/clients",
        "/users",
        "/roles",
        "/codes",
        "/loanproducts",
        "/loans",
        "/charges",
        "/glaccounts",
        "/accountingrules",
        "/financialactivityaccounts",
        "/glclosures",
        "/journalentries",
        "/paymenttypes",
        "/configurations",
        "/makercheckers",
    ] {
        seen.push(app.get(path).send().await.expect(200).json);
    }
    seen
}

/// The permission a 403 names: `… to: CODE`, or `… a checker for: CODE` (which needs `CODE_CHECKER`).
fn named_permission(r: &kassa_testkit::Resp) -> String {
    let message = r.json["errors"][0]["defaultUserMessage"]
        .as_str()
        .unwrap_or_default();
    let (head, code) = message.rsplit_once(": ").unwrap_or_default();
    if head.ends_with("checker for") {
        format!("{code}_CHECKER")
    } else {
        code.to_string()
    }
}

#[tokio::test]
async fn every_write_endpoint_refuses_a_user_without_its_permission_and_changes_nothing() {
    for app in TestApp::all().await {
        let ids = fixtures::objects(&app).await;
        user_with(&app, "nobody", 1, &[]).await;
        user_with(&app, "currency-reader", 1, &["READ_CURRENCY"]).await;
        let catalogue = permission_codes(&app).await;
        let ops = write_operations(&app).await;
        assert!(ops.len() > 70, "only {} write operations", ops.len());
        let before = snapshot(&app).await;
        let mut wrong = Vec::new();
        for user in ["nobody", "currency-reader"] {
            for (method, template) in &ops {
                let mut path = ids.fill(template);
                let command = COMMANDS
                    .iter()
                    .find(|(m, t, _)| m == method && t == template);
                if let Some((_, _, command)) = command {
                    path = format!("{path}?command={command}");
                }
                let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let r = app
                    .req(m, &path)
                    .user(user, PASSWORD)
                    .raw_body("{}")
                    .send()
                    .await;
                let code = r.json["userMessageGlobalisationCode"]
                    .as_str()
                    .unwrap_or_default();
                let permission = named_permission(&r);
                if r.status != 403 || code != "error.msg.not.authorized" {
                    wrong.push(format!("{user} {method} {path}: {} {}", r.status, r.text));
                } else if !catalogue.contains(&permission) {
                    wrong.push(format!(
                        "{method} {path} needs `{permission}`, not in the catalogue"
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}:\n{}", app.backend, wrong.join("\n"));
        assert_eq!(snapshot(&app).await, before, "{}", app.backend);
    }
}
