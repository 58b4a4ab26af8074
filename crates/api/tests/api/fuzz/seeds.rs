//! Real objects for path ids to name, and a valid request per write endpoint that the fuzzer mutates, so
//! that hostile values reach the deep validators and the money code, not only the first check.

use std::collections::HashMap;

use kassa_testkit::TestApp;
use serde_json::{json, Value};

const DATED: (&str, &str) = ("dd MMMM yyyy", "en");

/// Ids of the objects created for the fuzzer, by the path parameter that names them.
pub struct Fixtures(HashMap<&'static str, String>);

impl Fixtures {
    /// The value for `param` in `path` (an OpenAPI path below the API base), when a fixture matches.
    pub fn value(&self, path: &str, param: &str) -> Option<String> {
        let key = match param {
            "externalId" if path.starts_with("/clients") => "clientExternalId",
            "externalId" if path.starts_with("/loanproducts") => "productExternalId",
            "externalId" if path.starts_with("/offices") => "officeExternalId",
            "name" if path.starts_with("/configurations") => "configurationName",
            other => other,
        };
        self.0.get(key).cloned()
    }
}

fn dated(mut body: Value) -> Value {
    body["dateFormat"] = json!(DATED.0);
    body["locale"] = json!(DATED.1);
    body
}

async fn id(app: &TestApp, path: &str, body: Value) -> Option<String> {
    let r = app.post(path, body).send().await;
    let json = &r.json;
    json["resourceId"]
        .as_i64()
        .or_else(|| json["loanId"].as_i64())
        .map(|i| i.to_string())
}

pub fn product() -> Value {
    json!({
        "name": "Fuzz", "shortName": "FZP", "currencyCode": "USD", "digitsAfterDecimal": 2, "inMultiplesOf": 0,
        "installmentAmountInMultiplesOf": 1, "externalId": "FZ-PROD",
        "principal": 5000, "numberOfRepayments": 12, "repaymentEvery": 1, "repaymentFrequencyType": 2,
        "interestRatePerPeriod": 1, "interestRateFrequencyType": 2, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "daysInYearType": 1, "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false,
        "locale": "en"
    })
}

pub fn application(product: &str, client: &str) -> Value {
    dated(json!({
        "clientId": client.parse::<i64>().unwrap_or(1), "loanType": "individual",
        "productId": product.parse::<i64>().unwrap_or(1), "principal": 5000,
        "loanTermFrequency": 12, "loanTermFrequencyType": 2, "numberOfRepayments": 12, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 1, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "expectedDisbursementDate": "01 November 2022", "submittedOnDate": "01 November 2022"
    }))
}

pub fn loan_charge_definition() -> Value {
    json!({"name": "Fuzz fee", "active": true, "amount": "10", "chargeAppliesTo": 1, "chargeTimeType": 2,
           "chargeCalculationType": 1, "chargePaymentMode": 0, "penalty": false, "currencyCode": "USD",
           "locale": "en", "monthDayFormat": "dd MMM"})
}

/// Creates one of everything (best effort: a fixture that fails to appear leaves its ids to chance).
pub async fn create(app: &TestApp) -> Fixtures {
    let mut ids: HashMap<&'static str, String> = HashMap::new();
    let office = id(
        app,
        "/offices",
        dated(json!({"name": "Fuzz office", "parentId": 1, "openingDate": "01 January 2020", "externalId": "FZ-OFF"})),
    )
    .await;
    let staff = id(
        app,
        "/staff",
        dated(
            json!({"firstname": "Fuzz", "lastname": "Staff", "officeId": 1, "isLoanOfficer": true,
                     "joiningDate": "01 January 2020"}),
        ),
    )
    .await;
    let client = id(
        app,
        "/clients",
        dated(json!({"officeId": 1, "legalFormId": 1, "firstname": "Fuzz", "lastname": "Client", "active": true,
                     "externalId": "FZ-CL", "submittedOnDate": "01 January 2022", "activationDate": "02 January 2022"})),
    )
    .await;
    let product = id(app, "/loanproducts", product()).await;
    let charge = id(app, "/charges", loan_charge_definition()).await;
    let code = id(app, "/codes", json!({"name": "FuzzCode"})).await;
    if let Some(code) = &code {
        if let Some(value) = id(
            app,
            &format!("/codes/{code}/codevalues"),
            json!({"name": "Fuzz value", "position": 1, "isActive": true}),
        )
        .await
        {
            ids.insert("codeValueId", value);
        }
    }
    let payment_type = id(
        app,
        "/paymenttypes",
        json!({"name": "Fuzz cash", "description": "fuzz", "isCashPayment": true, "position": 9}),
    )
    .await;
    let role = id(
        app,
        "/roles",
        json!({"name": "Fuzz role", "description": "fuzz"}),
    )
    .await;
    let user = id(
        app,
        "/users",
        json!({"username": "fuzz-user", "firstname": "Fuzz", "lastname": "User", "officeId": 1,
               "roles": [role.as_deref().and_then(|r| r.parse::<i64>().ok()).unwrap_or(2)],
               "sendPasswordToEmail": false, "password": "fuzz-password-123", "repeatPassword": "fuzz-password-123"}),
    )
    .await;
    let holiday = id(
        app,
        "/holidays",
        dated(json!({"name": "Fuzz day", "fromDate": "01 June 2030", "toDate": "02 June 2030", "reschedulingType": 2,
                     "repaymentsRescheduledTo": "03 June 2030", "offices": [{"officeId": 1}]})),
    )
    .await;
    if let Some(client) = &client {
        let identifier = id(
            app,
            &format!("/clients/{client}/identifiers"),
            json!({"documentTypeId": 1, "documentKey": "FZ-1", "status": "active"}),
        )
        .await;
        let note = id(
            app,
            &format!("/clients/{client}/notes"),
            json!({"note": "fuzz"}),
        )
        .await;
        ids.extend(identifier.map(|i| ("identifierId", i)));
        ids.extend(note.map(|n| ("noteId", n)));
    }
    if let (Some(product), Some(client)) = (&product, &client) {
        let mut body = application(product, client);
        body["externalId"] = json!("FZ-LN");
        if let Some(loan) = id(app, "/loans", body).await {
            let approve = dated(json!({"approvedOnDate": "01 November 2022"}));
            app.post(&format!("/loans/{loan}?command=approve"), approve)
                .send()
                .await;
            let disburse = dated(json!({"actualDisbursementDate": "01 November 2022"}));
            app.post(&format!("/loans/{loan}?command=disburse"), disburse)
                .send()
                .await;
            let repay =
                dated(json!({"transactionDate": "01 December 2022", "transactionAmount": 100}));
            let tx = id(
                app,
                &format!("/loans/{loan}/transactions?command=repayment"),
                repay,
            )
            .await;
            ids.extend(tx.map(|t| ("transactionId", t)));
            if let Some(charge) = &charge {
                let add = dated(
                    json!({"chargeId": charge.parse::<i64>().unwrap_or(1), "amount": 10,
                                       "dueDate": "01 January 2023", "externalId": "FZ-LC"}),
                );
                let loan_charge = id(app, &format!("/loans/{loan}/charges"), add).await;
                ids.extend(loan_charge.map(|c| ("loanChargeId", c)));
            }
            ids.insert("loanId", loan);
            ids.insert("loanExternalId", "FZ-LN".into());
            ids.insert("loanChargeExternalId", "FZ-LC".into());
        }
    }
    let named = [
        ("officeId", office),
        ("staffId", staff),
        ("clientId", client),
        ("productId", product),
        ("chargeId", charge),
        ("codeId", code),
        ("paymentTypeId", payment_type),
        ("roleId", role),
        ("userId", user),
        ("holidayId", holiday),
    ];
    for (name, value) in named {
        ids.extend(value.map(|v| (name, v)));
    }
    ids.extend(super::chart::fixtures(app).await);
    let journal = super::journal::fixtures(app, &ids).await;
    ids.extend(journal);
    ids.insert("clientExternalId", "FZ-CL".into());
    ids.insert("productExternalId", "FZ-PROD".into());
    ids.insert("officeExternalId", "FZ-OFF".into());
    ids.insert("configurationName", "maker-checker".into());
    ids.insert("configId", "1".into());
    ids.insert("auditId", "1".into());
    ids.insert("entity", "ADDRESS".into());
    ids.insert("type", "BUSINESS_DATE".into());
    Fixtures(ids)
}

/// One valid request to mutate: method, OpenAPI path, query (without `?`) and body.
pub struct Seed {
    pub method: &'static str,
    pub path: &'static str,
    pub query: &'static str,
    pub body: Value,
}

fn seed(method: &'static str, path: &'static str, query: &'static str, body: Value) -> Seed {
    Seed {
        method,
        path,
        query,
        body,
    }
}

pub fn seeds(fixtures: &Fixtures) -> Vec<Seed> {
    let chart = super::chart::seeds()
        .into_iter()
        .map(|(method, path, body)| seed(method, path, "", body));
    let product_id = fixtures
        .value("/loanproducts/{productId}", "productId")
        .unwrap_or_else(|| "1".into());
    let client = fixtures
        .value("/clients/{clientId}", "clientId")
        .unwrap_or_else(|| "1".into());
    vec![
        seed(
            "post",
            "/offices",
            "",
            dated(
                json!({"name": "Fuzzed", "parentId": 1, "openingDate": "01 January 2020", "externalId": "X1"}),
            ),
        ),
        seed(
            "put",
            "/offices/{officeId}",
            "",
            dated(json!({"name": "Fuzzed 2", "openingDate": "02 January 2020"})),
        ),
        seed(
            "post",
            "/staff",
            "",
            dated(
                json!({"firstname": "A", "lastname": "B", "officeId": 1, "isLoanOfficer": true, "joiningDate": "01 January 2020", "mobileNo": "0700"}),
            ),
        ),
        seed(
            "put",
            "/staff/{staffId}",
            "",
            dated(json!({"firstname": "C", "isActive": true, "joiningDate": "01 March 2020"})),
        ),
        seed(
            "post",
            "/clients",
            "",
            dated(
                json!({"officeId": 1, "legalFormId": 1, "firstname": "F", "lastname": "Z", "active": true, "submittedOnDate": "01 January 2022", "activationDate": "02 January 2022", "dateOfBirth": "01 January 1990", "mobileNo": "0711", "emailAddress": "a@b.co", "externalId": "E1", "genderId": 1, "staffId": 1, "savingsProductId": null}),
            ),
        ),
        seed(
            "put",
            "/clients/{clientId}",
            "",
            dated(json!({"firstname": "G", "dateOfBirth": "02 January 1990", "mobileNo": "0722"})),
        ),
        seed(
            "post",
            "/clients/{clientId}",
            "command=close",
            dated(json!({"closureDate": "01 January 2023", "closureReasonId": 1})),
        ),
        seed(
            "post",
            "/clients/{clientId}",
            "command=activate",
            dated(json!({"activationDate": "01 January 2023"})),
        ),
        seed(
            "post",
            "/clients/{clientId}",
            "command=transfer",
            dated(
                json!({"destinationOfficeId": 1, "transferDate": "01 January 2023", "note": "x"}),
            ),
        ),
        seed(
            "post",
            "/clients/{clientId}/identifiers",
            "",
            json!({"documentTypeId": 1, "documentKey": "K", "status": "active", "description": "d"}),
        ),
        seed(
            "post",
            "/clients/{clientId}/notes",
            "",
            json!({"note": "n"}),
        ),
        seed(
            "post",
            "/clients/{clientId}/images",
            "",
            json!("data:image/png;base64,iVBORw0KGgo="),
        ),
        seed("post", "/codes", "", json!({"name": "C"})),
        seed(
            "post",
            "/codes/{codeId}/codevalues",
            "",
            json!({"name": "V", "description": "d", "position": 2, "isActive": true}),
        ),
        seed(
            "post",
            "/paymenttypes",
            "",
            json!({"name": "P", "description": "d", "isCashPayment": false, "position": 3}),
        ),
        seed(
            "put",
            "/currencies",
            "",
            json!({"currencies": ["USD", "KES"]}),
        ),
        seed("post", "/charges", "", loan_charge_definition()),
        seed(
            "put",
            "/charges/{chargeId}",
            "",
            json!({"amount": "12.5", "locale": "en"}),
        ),
        seed("post", "/loanproducts", "", product()),
        seed(
            "put",
            "/loanproducts/{productId}",
            "",
            json!({"principal": 6000, "minPrincipal": 100, "maxPrincipal": 9000, "locale": "en"}),
        ),
        seed("post", "/loans", "", application(&product_id, &client)),
        seed(
            "post",
            "/loans",
            "command=calculateLoanSchedule",
            application(&product_id, &client),
        ),
        seed(
            "put",
            "/loans/{loanId}",
            "",
            application(&product_id, &client),
        ),
        seed(
            "post",
            "/loans/{loanId}",
            "command=approve",
            dated(
                json!({"approvedOnDate": "01 November 2022", "approvedLoanAmount": 5000, "expectedDisbursementDate": "01 November 2022"}),
            ),
        ),
        seed(
            "post",
            "/loans/{loanId}",
            "command=disburse",
            dated(
                json!({"actualDisbursementDate": "01 November 2022", "transactionAmount": 5000, "paymentTypeId": 1}),
            ),
        ),
        seed(
            "post",
            "/loans/{loanId}",
            "command=reject",
            dated(json!({"rejectedOnDate": "01 November 2022"})),
        ),
        seed(
            "post",
            "/loans/{loanId}/transactions",
            "command=repayment",
            dated(
                json!({"transactionDate": "01 January 2023", "transactionAmount": 10, "paymentTypeId": 1, "note": "n", "receiptNumber": "r", "externalId": "T1"}),
            ),
        ),
        seed(
            "post",
            "/loans/{loanId}/transactions",
            "command=waiveinterest",
            dated(json!({"transactionDate": "01 January 2023", "transactionAmount": 1})),
        ),
        seed(
            "post",
            "/loans/{loanId}/transactions",
            "command=writeoff",
            dated(json!({"transactionDate": "01 January 2023", "note": "w"})),
        ),
        seed(
            "post",
            "/loans/{loanId}/transactions",
            "command=foreclosure",
            dated(json!({"transactionDate": "01 January 2023", "note": "f"})),
        ),
        seed(
            "post",
            "/loans/{loanId}/transactions",
            "command=refundByCash",
            dated(json!({"transactionDate": "01 January 2023", "transactionAmount": 1})),
        ),
        seed(
            "post",
            "/loans/{loanId}/transactions/{transactionId}",
            "command=chargeback",
            json!({"transactionAmount": 1, "locale": "en", "paymentTypeId": 1}),
        ),
        seed(
            "post",
            "/loans/{loanId}/transactions/{transactionId}",
            "command=undo",
            dated(json!({"transactionDate": "01 December 2022", "transactionAmount": 0})),
        ),
        seed(
            "post",
            "/loans/{loanId}/charges",
            "",
            dated(json!({"chargeId": 1, "amount": 10, "dueDate": "01 February 2023"})),
        ),
        seed(
            "post",
            "/loans/{loanId}/charges/{loanChargeId}",
            "command=pay",
            dated(json!({"transactionDate": "01 January 2023", "amount": 10})),
        ),
        seed(
            "post",
            "/loans/{loanId}/charges/{loanChargeId}",
            "command=waive",
            json!({}),
        ),
        seed(
            "post",
            "/loans/{loanId}/charges/{loanChargeId}",
            "command=adjustment",
            json!({"amount": 1, "locale": "en"}),
        ),
        seed(
            "put",
            "/loans/{loanId}/charges/{loanChargeId}",
            "",
            dated(json!({"amount": 11, "dueDate": "02 February 2023"})),
        ),
        seed(
            "post",
            "/holidays",
            "",
            dated(
                json!({"name": "H", "fromDate": "01 July 2030", "toDate": "02 July 2030", "reschedulingType": 2, "repaymentsRescheduledTo": "03 July 2030", "offices": [{"officeId": 1}]}),
            ),
        ),
        seed(
            "put",
            "/workingdays",
            "",
            json!({"recurrence": "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR", "repaymentRescheduleType": 2, "extendTermForDailyRepayments": false, "locale": "en"}),
        ),
        seed(
            "post",
            "/roles",
            "",
            json!({"name": "R", "description": "d"}),
        ),
        seed(
            "put",
            "/roles/{roleId}/permissions",
            "",
            json!({"permissions": {"READ_CLIENT": true, "CREATE_CLIENT": false}}),
        ),
        seed(
            "post",
            "/users",
            "",
            json!({"username": "u", "firstname": "F", "lastname": "L", "officeId": 1, "roles": [2], "sendPasswordToEmail": false, "password": "fuzz-password-123", "repeatPassword": "fuzz-password-123", "email": "u@x.co", "staffId": 1, "passwordNeverExpires": true}),
        ),
        seed(
            "put",
            "/users/{userId}",
            "",
            json!({"firstname": "G", "officeId": 1, "roles": [2]}),
        ),
        seed(
            "post",
            "/businessdate",
            "",
            dated(json!({"type": "BUSINESS_DATE", "date": "01 January 2024"})),
        ),
        seed(
            "post",
            "/authentication",
            "",
            json!({"username": "mifos", "password": "wrong"}),
        ),
        seed(
            "post",
            "/makercheckers/{auditId}",
            "command=approve",
            json!({}),
        ),
        seed(
            "put",
            "/passwordpreferences",
            "",
            json!({"validationPolicyId": 1}),
        ),
        seed(
            "put",
            "/configurations/{configId}",
            "",
            json!({"enabled": false, "value": 0}),
        ),
        seed(
            "get",
            "/clients",
            "sqlSearch=display_name%20like%20'F%25'&orderBy=displayName&sortOrder=DESC&limit=5",
            Value::Null,
        ),
        seed(
            "get",
            "/loans",
            "externalId=FZ-LN&limit=5&offset=0",
            Value::Null,
        ),
    ]
    .into_iter()
    .chain(chart)
    .chain(super::journal::seeds(fixtures))
    .collect()
}
