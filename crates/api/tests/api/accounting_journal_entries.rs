//! Manual journal entries, after Fineract's `JournalEntryHelper`/`AccountingScenarioIntegrationTest`
//! payloads: the write, every refusal in Fineract's order, and reversal. Reads (filters, paging, running
//! balances) and opening balances are in the submodules.

mod held;
mod opening;
mod reads;

use kassa_testkit::{Resp, TestApp};
use serde_json::{json, Value};

use crate::accounting_gl_accounts::{account_body, create_account};

pub const DATE: &str = "01 July 2024";

/// Four detail accounts of Fineract's scenario tests: asset, income, expense, liability.
pub struct Accounts {
    pub asset: i64,
    pub income: i64,
    pub expense: i64,
    pub liability: i64,
}

pub async fn accounts(app: &TestApp) -> Accounts {
    Accounts {
        asset: create_account(app, "Cash", "A-100", 1, 1).await,
        income: create_account(app, "Interest income", "I-400", 4, 1).await,
        expense: create_account(app, "Write-offs", "E-500", 5, 1).await,
        liability: create_account(app, "Deposits", "L-200", 2, 1).await,
    }
}

pub fn entry(date: &str, debits: Value, credits: Value) -> Value {
    json!({"officeId": 1, "transactionDate": date, "dateFormat": "dd MMMM yyyy", "locale": "en",
           "currencyCode": "USD", "comments": "cash top-up", "debits": debits, "credits": credits})
}

pub fn line(account: i64, amount: Value) -> Value {
    json!({"glAccountId": account, "amount": amount})
}

/// Posts a balanced entry of `amount`: debit `dr`, credit `cr`; answers the transaction id.
pub async fn post(app: &TestApp, date: &str, dr: i64, cr: i64, amount: Value) -> String {
    let body = entry(
        date,
        json!([line(dr, amount.clone())]),
        json!([line(cr, amount)]),
    );
    let r = app.post("/journalentries", body).send().await.expect(200);
    r.json["transactionId"].as_str().unwrap().to_string()
}

fn refused(r: &Resp, status: u16, code: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    assert_eq!(r.error_code(), code, "{}", r.text);
}

#[tokio::test]
async fn a_manual_entry_is_written_line_by_line_and_read_back_as_fineract_shows_it() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let credit_2 = create_account(&app, "Fees", "I-401", 4, 1).await;
        let mut body = entry(
            DATE,
            json!([line(a.asset, json!(100.5))]),
            json!([line(a.income, json!(60)), {"glAccountId": credit_2, "amount": 40.5, "comments": "per-line comment"}]),
        );
        body["referenceNumber"] = json!("R-1");
        body["paymentTypeId"] = json!(1);
        body["receiptNumber"] = json!("rec123");
        let r = app.post("/journalentries", body).send().await.expect(200);
        assert_eq!(r.json["officeId"], 1);
        let tid = r.json["transactionId"].as_str().unwrap().to_string();
        assert_eq!(tid.len(), 16, "{tid}");
        assert!(r.json.get("resourceId").is_none());

        let r = app
            .get(&format!(
                "/journalentries?transactionId={tid}&transactionDetails=true"
            ))
            .send()
            .await
            .expect(200);
        // Amounts keep the stored scale, as Fineract's DECIMAL(19,6) column gives them.
        assert!(r.text.contains("\"amount\":100.500000"), "{}", r.text);
        let page = r.json;
        assert_eq!(page["totalFilteredRecords"], 3);
        let items = page["pageItems"].as_array().unwrap();
        let debit = &items[0];
        assert_eq!(debit["glAccountId"], a.asset);
        assert_eq!(debit["glAccountName"], "Cash");
        assert_eq!(debit["glAccountCode"], "A-100");
        assert_eq!(
            debit["glAccountType"],
            json!({"id": 1, "code": "accountType.asset", "value": "ASSET"})
        );
        assert_eq!(
            debit["entryType"],
            json!({"id": 2, "code": "journalEntrytType.debit", "value": "DEBIT"})
        );
        assert_eq!(debit["amount"], 100.5);
        assert_eq!(debit["transactionDate"], json!([2024, 7, 1]));
        assert_eq!(debit["officeName"], "Head Office");
        assert_eq!(debit["manualEntry"], true);
        assert_eq!(debit["reversed"], false);
        assert_eq!(debit["referenceNumber"], "R-1");
        assert_eq!(debit["comments"], "cash top-up");
        assert_eq!(debit["createdByUserName"], "mifos");
        assert_eq!(debit["currency"]["code"], "USD");
        assert_eq!(debit["currency"]["displayLabel"], "US Dollar ($)");
        assert!(debit.get("entityType").is_none());
        assert!(debit.get("officeRunningBalance").is_none());
        assert_eq!(debit["createdDate"], debit["submittedOnDate"]);
        let details = &debit["transactionDetails"]["paymentDetails"];
        assert_eq!(details["receiptNumber"], "rec123");
        assert_eq!(details["paymentType"]["id"], 1);
        assert_eq!(
            items[1]["entryType"],
            json!({"id": 1, "code": "journalEntryType.credit", "value": "CREDIT"})
        );
        assert_eq!(items[2]["comments"], "per-line comment");
        assert_eq!(items[2]["amount"], 40.5);

        let id = debit["id"].as_i64().unwrap();
        let one = app
            .get(&format!("/journalentries/{id}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(one["transactionId"], tid.as_str());
        assert!(one.get("transactionDetails").is_none());
        let r = app.get("/journalentries/99999").send().await;
        refused(&r, 404, "error.msg.journalEntries.id.invalid");

        // Zero-amount lines are allowed; two entries get two transaction ids.
        let other = post(&app, DATE, a.asset, a.income, json!(0)).await;
        assert_ne!(other, tid);
    }
}

#[tokio::test]
async fn every_refusal_comes_with_fineracts_status_and_code_in_its_order() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let ok = |dr: i64, cr: i64| {
            entry(
                DATE,
                json!([line(dr, json!(10))]),
                json!([line(cr, json!(10))]),
            )
        };
        let send = |body: Value| app.post("/journalentries", body).send();

        let r = app
            .req(http::Method::POST, "/journalentries")
            .raw_body("")
            .send()
            .await;
        refused(&r, 400, "error.msg.invalid.request.body");
        let mut body = ok(a.asset, a.income);
        body["unknown"] = json!(1);
        refused(&send(body).await, 400, "error.msg.parameter.unsupported");
        let r = send(json!({"credits": [], "debits": [{"amount": -1}], "dateFormat": "dd MMMM yyyy", "locale": "en"})).await;
        assert_eq!(r.status, 400);
        let codes: Vec<&str> = r.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["userMessageGlobalisationCode"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            [
                "validation.msg.GLJournalEntry.transactionDate.cannot.be.blank",
                "validation.msg.GLJournalEntry.officeId.cannot.be.blank",
                "validation.msg.GLJournalEntry.currencyCode.cannot.be.blank",
                "validation.msg.GLJournalEntry.credits[0].glAccountId.cannot.be.blank",
                "validation.msg.GLJournalEntry.credits[0].amount.cannot.be.blank",
                "validation.msg.GLJournalEntry.debits[0].glAccountId.cannot.be.blank",
                "validation.msg.GLJournalEntry.debits[0].amount.not.zero.or.greater",
            ]
        );
        let mut body = ok(a.asset, a.income);
        body["comments"] = json!("x".repeat(501));
        body["officeId"] = json!(0);
        let r = send(body).await;
        assert_eq!(r.status, 400);
        assert_eq!(r.json["errors"].as_array().unwrap().len(), 2, "{}", r.text);

        let mut body = ok(a.asset, a.income);
        body["officeId"] = json!(999);
        refused(&send(body).await, 404, "error.msg.office.id.invalid");
        let r = send(entry(
            "01 January 2999",
            json!([line(a.asset, json!(1))]),
            json!([]),
        ))
        .await;
        assert_eq!(r.status, 400, "an empty side is a field error first");
        let future = entry(
            "01 January 2999",
            json!([line(a.asset, json!(1))]),
            json!([line(a.income, json!(2))]),
        );
        refused(
            &send(future).await,
            403,
            "error.msg.glJournalEntry.invalid.future.date",
        );
        let mut one_sided = ok(a.asset, a.income);
        one_sided.as_object_mut().unwrap().remove("credits");
        refused(
            &send(one_sided).await,
            403,
            "error.msg.glJournalEntry.invalid.no.debits.or.credits",
        );
        let unbalanced = entry(
            DATE,
            json!([line(a.asset, json!(10))]),
            json!([line(a.income, json!("10.000001"))]),
        );
        refused(
            &send(unbalanced).await,
            403,
            "error.msg.glJournalEntry.invalid.mismatch.debits.credits",
        );
        let mut body = ok(a.asset, a.income);
        body["paymentTypeId"] = json!(999);
        refused(&send(body).await, 404, "error.msg.payment.type.invalid");
        let mut body = ok(a.asset, a.income);
        body["accountingRule"] = json!(999);
        refused(
            &send(body).await,
            404,
            "error.msg.accounting.rule.id.invalid",
        );
        let rule = app
            .post(
                "/accountingrules",
                json!({"officeId": 1, "name": "Top-up", "accountToDebit": a.asset,
                                                        "accountToCredit": a.income}),
            )
            .send()
            .await
            .expect(200);
        let mut body = ok(a.expense, a.income);
        body["accountingRule"] = rule.json["resourceId"].clone();
        refused(
            &send(body).await,
            403,
            "error.msg.glJournalEntry.invalid.debit.or.credit.accounts",
        );
        let mut body = ok(a.asset, a.income);
        body["accountingRule"] = rule.json["resourceId"].clone();
        send(body).await.expect(200);

        refused(
            &send(ok(a.asset, 999)).await,
            404,
            "error.msg.glaccount.id.invalid",
        );
        let disabled = create_account(&app, "Old", "D-1", 1, 1).await;
        app.put(
            &format!("/glaccounts/{disabled}"),
            json!({"disabled": true}),
        )
        .send()
        .await
        .expect(200);
        refused(
            &send(ok(disabled, a.income)).await,
            403,
            "error.msg.glJournalEntry.invalid.account.disabled",
        );
        let mut no_manual = account_body("Suspense", "S-1", 1, 1);
        no_manual["manualEntriesAllowed"] = json!(false);
        let no_manual = app
            .post("/glaccounts", no_manual)
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        refused(
            &send(ok(a.asset, no_manual)).await,
            403,
            "error.msg.glJournalEntry.invalid.account.manual.adjustments.not.permitted",
        );
        let header = create_account(&app, "Assets", "H-1", 1, 2).await;
        refused(
            &send(ok(header, a.income)).await,
            403,
            "error.msg.glJournalEntry.invalid.account.header",
        );
        let mut body = ok(a.asset, a.income);
        body["currencyCode"] = json!("EUR");
        refused(
            &send(body).await,
            404,
            "error.msg.currency.currencyCode.invalid.or.not.supported",
        );

        app.post("/glclosures", json!({"officeId": 1, "closingDate": DATE, "dateFormat": "dd MMMM yyyy", "locale": "en"}))
            .send().await.expect(200);
        refused(
            &send(ok(a.asset, a.income)).await,
            403,
            "error.msg.glJournalEntry.invalid.accounting.closed",
        );
        send(entry(
            "02 July 2024",
            json!([line(a.asset, json!(1))]),
            json!([line(a.income, json!(1))]),
        ))
        .await
        .expect(200);
    }
}

#[tokio::test]
async fn hostile_bodies_are_refused_with_a_400() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let many: Vec<Value> = (0..1001).map(|_| line(a.asset, json!(1))).collect();
        let r = app
            .post(
                "/journalentries",
                entry(DATE, json!(many), json!([line(a.income, json!(1001))])),
            )
            .send()
            .await;
        refused(
            &r,
            400,
            "validation.msg.GLJournalEntry.debits.exceeds.limit",
        );
        let wild = entry(
            DATE,
            json!([line(a.asset, json!(1e30))]),
            json!([line(a.income, json!(1e30))]),
        );
        assert_eq!(app.post("/journalentries", wild).send().await.status, 400);
        let huge_id = entry(
            DATE,
            json!([line(a.asset, json!(1))]),
            json!([line(a.income, json!(1))]),
        )
        .to_string()
        .replace(
            &format!("\"glAccountId\":{}", a.asset),
            "\"glAccountId\":99999999999999999999",
        );
        let r = app
            .req(http::Method::POST, "/journalentries")
            .raw_body(&huge_id)
            .send()
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let mut body = entry(
            DATE,
            json!([line(a.asset, json!(1))]),
            json!([line(a.income, json!(1))]),
        );
        body["comments"] = json!("a\u{0}b");
        assert_eq!(app.post("/journalentries", body).send().await.status, 400);
        let nul_in_line = entry(
            DATE,
            json!([{"glAccountId": a.asset, "amount": 1, "comments": "x\u{0}"}]),
            json!([line(a.income, json!(1))]),
        );
        assert_eq!(
            app.post("/journalentries", nul_in_line).send().await.status,
            400
        );
        let not_array = entry(
            DATE,
            json!({"glAccountId": a.asset}),
            json!([line(a.income, json!(1))]),
        );
        assert_eq!(
            app.post("/journalentries", not_array).send().await.status,
            400
        );
        let r = app
            .get("/journalentries?limit=999999999999999999999")
            .send()
            .await;
        assert_eq!(r.status, 400);
        let r = app.get("/journalentries?orderBy=secret").send().await;
        assert_eq!(r.status, 400);
        let r = app
            .get("/journalentries?fromDate=32%20July%202024")
            .send()
            .await;
        assert_eq!(r.status, 400);
        assert_eq!(
            app.get("/journalentries").send().await.expect(200).json["totalFilteredRecords"],
            0
        );
    }
}

#[tokio::test]
async fn a_manual_entry_is_reversed_once_by_opposite_lines_under_a_new_transaction_id() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let tid = post(&app, DATE, a.asset, a.income, json!(250)).await;
        let r = app
            .post(&format!("/journalentries/{tid}?command=reverse"), json!({}))
            .send()
            .await
            .expect(200);
        let new_tid = r.json["transactionId"].as_str().unwrap().to_string();
        assert_ne!(new_tid, tid);
        let originals = app
            .get(&format!("/journalentries?transactionId={tid}"))
            .send()
            .await
            .expect(200)
            .json;
        let reversals = app
            .get(&format!("/journalentries?transactionId={new_tid}"))
            .send()
            .await
            .expect(200)
            .json;
        for (o, r) in originals["pageItems"]
            .as_array()
            .unwrap()
            .iter()
            .zip(reversals["pageItems"].as_array().unwrap())
        {
            assert_eq!(o["reversed"], true);
            assert_eq!(r["reversed"], false);
            assert_eq!(r["glAccountId"], o["glAccountId"]);
            assert_ne!(r["entryType"], o["entryType"]);
            assert_eq!(r["transactionDate"], o["transactionDate"]);
            assert_eq!(r["manualEntry"], true);
            let text = format!(
                "Reversal entry for Journal Entry with Entry Id  :{} and transaction Id {tid}",
                o["id"]
            );
            assert_eq!(r["comments"], text.as_str());
        }
        let r = app
            .post(&format!("/journalentries/{tid}?command=reverse"), json!({}))
            .send()
            .await;
        refused(&r, 404, "error.msg.journalEntries.transactionId.invalid");
        let r = app
            .post(
                "/journalentries/nope?command=reverse",
                json!({"comments": "x"}),
            )
            .send()
            .await;
        refused(&r, 404, "error.msg.journalEntries.transactionId.invalid");
        let r = app
            .post(
                &format!("/journalentries/{new_tid}?command=undo"),
                json!({}),
            )
            .send()
            .await;
        refused(&r, 400, "error.msg.query.parameter.value.unsupported");
        let r = app
            .post(
                &format!("/journalentries/{new_tid}?command=reverse"),
                json!({"comments": "y".repeat(501)}),
            )
            .send()
            .await;
        assert_eq!(r.status, 400);
        // A reversal may be reversed, with the given comments.
        let again = app
            .post(
                &format!("/journalentries/{new_tid}?command=reverse"),
                json!({"comments": "back"}),
            )
            .send()
            .await
            .expect(200)
            .json["transactionId"]
            .as_str()
            .unwrap()
            .to_string();
        let lines = app
            .get(&format!("/journalentries?transactionId={again}"))
            .send()
            .await
            .expect(200)
            .json;
        assert_eq!(lines["pageItems"][0]["comments"], "back");

        // The account now has entries: it can be neither deleted nor made a header.
        let r = app.delete(&format!("/glaccounts/{}", a.asset)).send().await;
        refused(
            &r,
            403,
            "error.msg.glaccount.glcode.invalid.delete.transactions.logged",
        );
        let r = app
            .put(&format!("/glaccounts/{}", a.asset), json!({"usage": 2}))
            .send()
            .await;
        refused(
            &r,
            403,
            "error.msg.glaccount.glcode.invalid.update.transactions.logged",
        );
        app.delete(&format!("/glaccounts/{}", a.expense))
            .send()
            .await
            .expect(200);
    }
}

#[tokio::test]
async fn reversing_a_closed_entry_is_refused_and_writes_nothing() {
    for app in TestApp::all().await {
        let a = accounts(&app).await;
        let tid = post(&app, DATE, a.asset, a.liability, json!(5)).await;
        app.post("/glclosures", json!({"officeId": 1, "closingDate": DATE, "dateFormat": "dd MMMM yyyy", "locale": "en"}))
            .send().await.expect(200);
        let r = app
            .post(&format!("/journalentries/{tid}?command=reverse"), json!({}))
            .send()
            .await;
        refused(
            &r,
            403,
            "error.msg.glJournalEntry.invalid.accounting.closed",
        );
        let all = app.get("/journalentries").send().await.expect(200).json;
        assert_eq!(all["totalFilteredRecords"], 2);
        assert_eq!(all["pageItems"][0]["reversed"], false);
    }
}
