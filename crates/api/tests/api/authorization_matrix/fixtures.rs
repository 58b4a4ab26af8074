//! One real object behind every path parameter of the write endpoints, so that a refusal is the
//! permission check's 403 and not a 404 for a missing object.

use std::collections::HashMap;

use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::client_identifiers::office;
use crate::loan_charge_adjustments::{add_charge, due_date_charge, lp1};
use crate::loan_lifecycle::pay;
use crate::loans::product;
use crate::staff::{user_with, PASSWORD};

/// Path parameter values by name; `externalId` depends on the resource the path names.
pub struct Ids {
    by_name: HashMap<&'static str, String>,
    external: HashMap<&'static str, String>,
}

impl Ids {
    /// `template` with every `{name}` replaced by the id of a real object.
    pub fn fill(&self, template: &str) -> String {
        let resource = template.split('/').nth(1).unwrap_or_default();
        template
            .split('/')
            .map(
                |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some("externalId") => self.external[resource].clone(),
                    Some(name) => match self.by_name.get(name) {
                        Some(id) => id.clone(),
                        None => panic!("no fixture for {{{name}}} in {template}"),
                    },
                    None => segment.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("/")
    }
}

fn id(r: &kassa_testkit::Resp, field: &str) -> String {
    let value = &r.json[field];
    assert!(value.is_i64(), "no {field} in {}", r.text);
    value.to_string()
}

async fn created(app: &TestApp, path: &str, body: Value) -> String {
    id(&app.post(path, body).send().await.expect(200), "resourceId")
}

/// Creates one of everything the write endpoints address, as the administrator.
pub async fn objects(app: &TestApp) -> Ids {
    let mut by_name: HashMap<&'static str, String> = HashMap::new();
    let dated = |mut body: Value| {
        body["dateFormat"] = json!("dd MMMM yyyy");
        body["locale"] = json!("en");
        body
    };
    let office_body = dated(
        json!({"name": "Matrix Branch", "parentId": 1, "externalId": "O-ext",
                                   "openingDate": "01 January 2020"}),
    );
    by_name.insert("officeId", created(app, "/offices", office_body).await);
    let staff = dated(
        json!({"officeId": 1, "firstname": "Mat", "lastname": "Rix", "joiningDate": "01 March 2020"}),
    );
    by_name.insert("staffId", created(app, "/staff", staff).await);
    let client = dated(
        json!({"officeId": 1, "legalFormId": 1, "firstname": "Mara", "lastname": "Trix",
                              "externalId": "C-ext", "active": true, "activationDate": "02 January 2022",
                              "submittedOnDate": "01 January 2022"}),
    );
    let client_id = created(app, "/clients", client).await;
    let identifier = json!({"documentTypeId": 1, "documentKey": "M-1", "status": "active"});
    let path = format!("/clients/{client_id}/identifiers");
    by_name.insert("identifierId", created(app, &path, identifier).await);
    let path = format!("/clients/{client_id}/notes");
    by_name.insert(
        "noteId",
        created(app, &path, json!({"note": "matrix"})).await,
    );
    by_name.insert("clientId", client_id);
    let code_id = created(app, "/codes", json!({"name": "Matrix code"})).await;
    let path = format!("/codes/{code_id}/codevalues");
    by_name.insert(
        "codeValueId",
        created(app, &path, json!({"name": "Matrix value"})).await,
    );
    by_name.insert("codeId", code_id);
    let holiday = dated(
        json!({"name": "Matrix day", "fromDate": "01 January 2030", "toDate": "01 January 2030",
                               "reschedulingType": 2, "repaymentsRescheduledTo": "02 January 2030",
                               "offices": [{"officeId": 1}]}),
    );
    by_name.insert("holidayId", created(app, "/holidays", holiday).await);
    let payment_type = json!({"name": "Matrix cash"});
    by_name.insert(
        "paymentTypeId",
        created(app, "/paymenttypes", payment_type).await,
    );
    let role = json!({"name": "Matrix role", "description": "addressed by the matrix"});
    by_name.insert("roleId", created(app, "/roles", role).await);
    let account = crate::accounting_gl_accounts::account_body("Matrix cash", "M-1", 1, 1);
    let account_id = created(app, "/glaccounts", account).await;
    let rule = json!({"officeId": 1, "name": "Matrix rule", "accountToDebit": account_id.parse::<i64>().unwrap(),
                      "accountToCredit": account_id.parse::<i64>().unwrap()});
    by_name.insert(
        "accountingRuleId",
        created(app, "/accountingrules", rule).await,
    );
    let mapping =
        json!({"financialActivityId": 100, "glAccountId": account_id.parse::<i64>().unwrap()});
    by_name.insert(
        "mappingId",
        created(app, "/financialactivityaccounts", mapping).await,
    );
    by_name.insert("glAccountId", account_id);
    let closure = dated(json!({"officeId": 1, "closingDate": "01 January 2020"}));
    by_name.insert("glClosureId", created(app, "/glclosures", closure).await);
    let account: i64 = by_name["glAccountId"].parse().unwrap();
    let manual = dated(
        json!({"officeId": 1, "transactionDate": "01 July 2024", "currencyCode": "USD",
        "debits": [{"glAccountId": account, "amount": 1}], "credits": [{"glAccountId": account, "amount": 1}]}),
    );
    let entry = app.post("/journalentries", manual).send().await.expect(200);
    by_name.insert(
        "journalEntryId",
        entry.json["transactionId"].as_str().unwrap().to_string(),
    );
    user_with(app, "matrix-target", 1, &[]).await;
    by_name.insert("userId", user_id(app, "matrix-target").await);
    let mut loan_product = product();
    loan_product["name"] = json!("Matrix product");
    loan_product["shortName"] = json!("MXP");
    loan_product["externalId"] = json!("LP-ext");
    by_name.insert(
        "productId",
        created(app, "/loanproducts", loan_product).await,
    );
    let (config_id, audit_id) = held_command(app).await;
    by_name.insert("configId", config_id);
    by_name.insert("name", "maker-checker".into());
    by_name.insert("auditId", audit_id);

    // The loan moves the business date to 23 October 2022: everything dated later is created above.
    let loan = lp1(app, Some("L-ext")).await;
    let charge = due_date_charge(app, "Matrix fee", "10", false).await;
    let loan_charge = add_charge(app, loan, charge, "23 October 2022", Some("LC-ext")).await;
    let repayment = pay(app, loan, "repayment", "23 October 2022", json!(100)).await;
    by_name.insert("transactionId", id(&repayment.expect(200), "resourceId"));
    by_name.insert("loanId", loan.to_string());
    by_name.insert("chargeId", charge.to_string());
    by_name.insert("loanChargeId", loan_charge.to_string());
    by_name.insert("loanExternalId", "L-ext".into());
    by_name.insert("loanChargeExternalId", "LC-ext".into());
    let external = [
        ("offices", "O-ext"),
        ("clients", "C-ext"),
        ("loanproducts", "LP-ext"),
    ];
    Ids {
        by_name,
        external: external
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
    }
}

pub async fn user_id(app: &TestApp, username: &str) -> String {
    let users = app.get("/users").send().await.expect(200).json;
    let user = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == username);
    user.unwrap()["id"].to_string()
}

/// A command waiting for a checker (a maker's CREATE_OFFICE under maker-checker), with maker-checker
/// switched off again so that nothing else is held; returns the configuration's id and the entry's id.
async fn held_command(app: &TestApp) -> (String, String) {
    let config = app
        .get("/configurations/name/maker-checker")
        .send()
        .await
        .expect(200);
    let config_id = config.json["id"].to_string();
    let path = format!("/configurations/{config_id}");
    app.put(&path, json!({"enabled": true}))
        .send()
        .await
        .expect(200);
    let flag = json!({"permissions": {"CREATE_OFFICE": true}});
    app.put("/permissions", flag).send().await.expect(200);
    user_with(app, "matrix-maker", 1, &["CREATE_OFFICE"]).await;
    let body = json!({"name": "Held", "parentId": 1, "openingDate": "01 January 2020",
                      "dateFormat": "dd MMMM yyyy", "locale": "en"});
    let held = app
        .post("/offices", body)
        .user("matrix-maker", PASSWORD)
        .send()
        .await;
    let audit_id = id(&held.expect(200), "commandId");
    app.put(&path, json!({"enabled": false}))
        .send()
        .await
        .expect(200);
    (config_id, audit_id)
}

/// Office A and its sibling B under the head office; returns their ids.
pub async fn sibling_offices(app: &TestApp) -> (i64, i64) {
    (
        office(app, "Office A", 1).await,
        office(app, "Office B", 1).await,
    )
}
