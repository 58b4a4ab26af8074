//! The stored ledger against a replay from scratch: random sequences of operations on loans — repayments
//! in date order (appended to the stored state) and back-dated (replayed), undos and adjustments, waivers,
//! goodwill credits, refunds, charges added, paid and waived, credit balance refunds, write-offs — and
//! after every one of them the stored installments, figures and splits must equal a replay of the whole
//! history, on both backends; and what the app's reads kept (`platform::read_cache`) must equal a fresh
//! read. Fixed-seed xorshift: a failure names its seed, loan and step.

use chrono::{Days, NaiveDate};
use kassa_app::loans::ledger_check::{check, LedgerCheck};
use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::loan_lifecycle::{dated, disbursed, loan, pay};
use crate::loans::setup;

const LOANS_PER_BACKEND: u64 = 3;
const STEPS_PER_LOAN: u64 = 30;

struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x % n
    }
}

fn fineract_date(d: NaiveDate) -> String {
    d.format("%d %B %Y").to_string()
}

async fn charge_definition(app: &TestApp, name: &str, penalty: bool) -> i64 {
    let body = json!({
        "name": name, "active": true, "amount": "35", "chargeAppliesTo": 1, "chargeTimeType": 2,
        "chargeCalculationType": 1, "chargePaymentMode": 0, "penalty": penalty, "currencyCode": "USD",
        "locale": "en", "monthDayFormat": "dd MMM"
    });
    app.post("/charges", body).send().await.expect(200).json["resourceId"]
        .as_i64()
        .unwrap()
}

/// Ids of the loan's live transactions other than disbursements.
fn live_ids(l: &Value) -> Vec<i64> {
    l["transactions"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .filter(|t| t["type"]["disbursement"] != true && t["manuallyReversed"] != true)
                .filter_map(|t| t["id"].as_i64())
                .collect()
        })
        .unwrap_or_default()
}

fn charge_ids(l: &Value) -> Vec<i64> {
    l["charges"]
        .as_array()
        .map(|cs| cs.iter().filter_map(|c| c["id"].as_i64()).collect())
        .unwrap_or_default()
}

/// One random operation; answers `(what it was, HTTP status)`.
async fn step(
    app: &TestApp,
    id: i64,
    rng: &mut XorShift,
    last: &mut NaiveDate,
    charges: (i64, i64),
) -> (String, u16) {
    let start = NaiveDate::from_ymd_opt(2022, 11, 1).unwrap();
    // Mostly on or after the last date (appended), sometimes back-dated (replayed).
    let date = if rng.below(4) == 0 {
        start + Days::new(rng.below(300))
    } else {
        *last + Days::new(rng.below(20))
    };
    let day = fineract_date(date);
    let amount = json!(10 + rng.below(700));
    let (what, r) = match rng.below(14) {
        0..=5 => ("repayment", pay(app, id, "repayment", &day, amount).await),
        6 => (
            "waiveInterest",
            pay(app, id, "waiveInterest", &day, json!(1 + rng.below(40))).await,
        ),
        7 => (
            "goodwillCredit",
            pay(app, id, "goodwillCredit", &day, amount).await,
        ),
        8 => (
            "refundByCash",
            pay(app, id, "refundByCash", &day, json!(1 + rng.below(50))).await,
        ),
        9 => {
            let l = loan(app, id).await;
            let ids = live_ids(&l);
            if ids.is_empty() {
                return ("adjust (none)".into(), 0);
            }
            let t = ids[rng.below(ids.len() as u64) as usize];
            let new_amount = if rng.below(2) == 0 { json!(0) } else { amount };
            let body = dated(json!({"transactionDate": day, "transactionAmount": new_amount}));
            let r = app
                .post(&format!("/loans/{id}/transactions/{t}"), body)
                .send()
                .await;
            ("adjust", r)
        }
        10 => {
            let definition = if rng.below(2) == 0 {
                charges.0
            } else {
                charges.1
            };
            let body = dated(json!({"chargeId": definition, "dueDate": day, "amount": amount}));
            let r = app.post(&format!("/loans/{id}/charges"), body).send().await;
            ("add charge", r)
        }
        11 | 12 => {
            let l = loan(app, id).await;
            let ids = charge_ids(&l);
            if ids.is_empty() {
                return ("charge command (none)".into(), 0);
            }
            let lc = ids[rng.below(ids.len() as u64) as usize];
            let (command, body) = if rng.below(2) == 0 {
                ("pay", dated(json!({"transactionDate": day})))
            } else {
                ("waive", json!({}))
            };
            let r = app
                .post(&format!("/loans/{id}/charges/{lc}?command={command}"), body)
                .send()
                .await;
            ("charge command", r)
        }
        _ => (
            "creditBalanceRefund",
            pay(
                app,
                id,
                "creditBalanceRefund",
                &day,
                json!(1 + rng.below(100)),
            )
            .await,
        ),
    };
    assert!(
        r.status.is_success() || r.status.is_client_error(),
        "{what} on {day}: {} {}",
        r.status,
        r.text
    );
    if r.status.is_success() && date > *last {
        *last = date;
    }
    (format!("{what} on {day}: {}", r.text), r.status.as_u16())
}

/// The loan and the client's accounts as this app shows them, rows kept from its earlier reads when the
/// versions say they still hold, equal what a replica that keeps nothing reads from the database.
async fn kept_reads_equal_fresh_ones(app: &TestApp, id: i64, client_id: i64, context: &str) {
    for path in [
        format!("/loans/{id}?associations=all"),
        format!("/clients/{client_id}/accounts"),
    ] {
        let kept = app.get(&path).send().await.expect(200).json;
        let fresh = app.get(&path).uncached().send().await.expect(200).json;
        assert_eq!(kept, fresh, "{} {path} after {context}", app.backend);
    }
}

#[tokio::test]
async fn after_every_operation_the_stored_ledger_equals_a_replay_from_scratch() {
    for app in TestApp::all().await {
        let tenant = app
            .state
            .app
            .tenant("default")
            .await
            .expect("tenant lookup")
            .expect("default tenant");
        let fee = charge_definition(&app, "Stored ledger fee", false).await;
        let penalty = charge_definition(&app, "Stored ledger penalty", true).await;
        let (product, client_id) = setup(&app).await;
        let mut accepted = 0;
        for seed in 1..=LOANS_PER_BACKEND {
            let id = disbursed(&app, product, client_id).await;
            assert_eq!(
                check(&tenant, id).await.unwrap(),
                LedgerCheck::Agrees,
                "{}: a disbursed loan's ledger is stored",
                app.backend
            );
            let mut rng = XorShift(0x5EED_0000 + seed);
            let mut last = NaiveDate::from_ymd_opt(2022, 11, 1).unwrap();
            for n in 0..STEPS_PER_LOAN {
                let (what, status) = step(&app, id, &mut rng, &mut last, (fee, penalty)).await;
                if status == 200 {
                    accepted += 1;
                }
                let outcome = check(&tenant, id).await.unwrap();
                assert_eq!(
                    outcome,
                    LedgerCheck::Agrees,
                    "{} seed {seed} loan {id} step {n}: {what}",
                    app.backend
                );
                kept_reads_equal_fresh_ones(
                    &app,
                    id,
                    client_id,
                    &format!("seed {seed} step {n}: {what}"),
                )
                .await;
            }
            // The accounts overview reads all of the client's stored ledgers at once: the same figures.
            let l = loan(&app, id).await;
            let accounts = app
                .get(&format!("/clients/{client_id}/accounts"))
                .send()
                .await
                .expect(200)
                .json;
            let listed = accounts["loanAccounts"]
                .as_array()
                .and_then(|all| all.iter().find(|a| a["id"] == id).cloned())
                .unwrap_or_default();
            if l["summary"]["totalOutstanding"].is_number() {
                assert_eq!(
                    listed["loanBalance"].to_string(),
                    l["summary"]["totalOutstanding"].to_string(),
                    "{} loan {id}: {listed}",
                    app.backend
                );
            }
            if rng.below(2) == 0 {
                let day = fineract_date(last);
                let body = dated(json!({"transactionDate": day}));
                let r = app
                    .post(&format!("/loans/{id}/transactions?command=writeoff"), body)
                    .send()
                    .await;
                let outcome = check(&tenant, id).await.unwrap();
                assert_eq!(
                    outcome,
                    LedgerCheck::Agrees,
                    "{} write-off: {}",
                    app.backend,
                    r.text
                );
            }
        }
        assert!(
            accepted >= LOANS_PER_BACKEND * STEPS_PER_LOAN / 3,
            "{}: only {accepted} operations were accepted; the sequences test too little",
            app.backend
        );
    }
}
