//! Repayments over HTTP: one product, 16 clients and 16 loans set up through the API (approved and disbursed
//! in 2022, each with a given number of repayments already), then one writer per loan posting 1.00
//! repayments to its own loan. Writers never share a loan, so the figure is the cost of a money movement
//! (lock, insert, allocation, store the splits and the ledger's state) without lock waits. Measured at two
//! ages of the loans, the two rates show whether a write's cost grows with the loan's history.

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use http::StatusCode;
use serde_json::{json, Value};

use super::load::{self, HttpClient, LoadResult, Target};
use super::AUTH_HEADERS;

/// Concurrent writers, one loan each.
pub const LOANS: usize = 16;
const API: &str = "/fineract-provider/api/v1";
/// Large enough that 1.00 repayments never close a loan during a run (that would turn every later
/// request into a 403 on the closed loan, counted as non-200).
const PRINCIPAL: u32 = 1_000_000;
const SETUP_TIMEOUT: Duration = Duration::from_secs(30);

pub(super) fn dated(mut body: Value) -> Value {
    body["dateFormat"] = json!("dd MMMM yyyy");
    body["locale"] = json!("en");
    body
}

/// Monthly, 12 repayments, 12 % a year, declining balance, equal installments, in USD.
pub(super) fn product(name: &str, short_name: &str) -> Value {
    json!({
        "name": name, "shortName": short_name, "currencyCode": "USD", "digitsAfterDecimal": 2,
        "inMultiplesOf": 0, "principal": PRINCIPAL, "numberOfRepayments": 12, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 12, "interestRateFrequencyType": 3,
        "amortizationType": 1, "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "daysInYearType": 1, "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false,
        "locale": "en"
    })
}

pub(super) fn client(i: usize) -> Value {
    dated(json!({
        "officeId": 1, "legalFormId": 1, "firstname": format!("Borrower{i}"), "lastname": "Bench",
        "active": true, "activationDate": "01 January 2022", "submittedOnDate": "01 January 2022",
    }))
}

pub(super) fn application(product_id: i64, client_id: i64) -> Value {
    dated(json!({
        "clientId": client_id, "loanType": "individual", "productId": product_id, "principal": PRINCIPAL,
        "loanTermFrequency": 12, "loanTermFrequencyType": 2, "numberOfRepayments": 12, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 12, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "expectedDisbursementDate": "15 January 2022", "submittedOnDate": "15 January 2022",
    }))
}

/// Posts `body` to `path` and returns the answer's `resourceId`; anything but 200 stops the benchmark.
pub(super) async fn create(
    client: &HttpClient,
    base: &str,
    path: &str,
    body: Value,
) -> Result<i64> {
    let target = Target::post_json(
        &format!("{base}{API}{path}"),
        &AUTH_HEADERS,
        body.to_string(),
    )?;
    let (status, answer) = load::fetch(client, &target, SETUP_TIMEOUT).await?;
    if status != StatusCode::OK {
        bail!("POST {path} answered {status}: {}", excerpt(&answer));
    }
    let answer: Value =
        serde_json::from_slice(&answer).with_context(|| format!("POST {path}: not JSON"))?;
    answer["resourceId"]
        .as_i64()
        .with_context(|| format!("POST {path} gave no resourceId: {answer}"))
}

/// Submits, approves and disburses a loan of `client_id` on the product; returns its id.
pub(super) async fn disbursed_loan(
    http: &HttpClient,
    base: &str,
    product_id: i64,
    client_id: i64,
) -> Result<i64> {
    let loan_id = create(http, base, "/loans", application(product_id, client_id)).await?;
    let approve = dated(json!({"approvedOnDate": "15 January 2022"}));
    create(
        http,
        base,
        &format!("/loans/{loan_id}?command=approve"),
        approve,
    )
    .await?;
    let disburse = dated(json!({"actualDisbursementDate": "15 January 2022"}));
    create(
        http,
        base,
        &format!("/loans/{loan_id}?command=disburse"),
        disburse,
    )
    .await?;
    Ok(loan_id)
}

/// Posts `count` more 1.00 repayments on `loan_id`, one after the other.
pub(super) async fn preload(
    http: &HttpClient,
    base: &str,
    loan_id: i64,
    count: usize,
) -> Result<()> {
    let path = format!("/loans/{loan_id}/transactions?command=repayment");
    let repayment =
        dated(json!({"transactionDate": "15 February 2022", "transactionAmount": 1.00}));
    for _ in 0..count {
        create(http, base, &path, repayment.clone()).await?;
    }
    Ok(())
}

/// Creates the product (named after `label`), the clients and their disbursed loans with `age`
/// repayments each (at least one, which checks that a repayment answers 200), and returns one repayment
/// target per loan with the loan's id.
pub async fn setup(base: &str, label: &str, age: usize) -> Result<Vec<(i64, Target)>> {
    let http = load::client(LOANS);
    let name = format!("Bench repayments {label}");
    let short: String = format!("R{label}").chars().take(4).collect();
    let product_id = create(&http, base, "/loanproducts", product(&name, &short)).await?;
    let mut loans = Vec::with_capacity(LOANS);
    for i in 0..LOANS {
        let client_id = create(&http, base, "/clients", client(i)).await?;
        let loan_id = disbursed_loan(&http, base, product_id, client_id).await?;
        let repayment =
            dated(json!({"transactionDate": "15 February 2022", "transactionAmount": 1.00}));
        let path = format!("/loans/{loan_id}/transactions?command=repayment");
        create(&http, base, &path, repayment.clone()).await?;
        let target = Target::post_json(
            &format!("{base}{API}{path}"),
            &AUTH_HEADERS,
            repayment.to_string(),
        )?;
        loans.push((loan_id, target));
    }
    let mut tasks = Vec::with_capacity(LOANS);
    for (loan_id, _) in &loans {
        let (http, base, loan_id) = (http.clone(), base.to_string(), *loan_id);
        tasks.push(tokio::spawn(async move {
            preload(&http, &base, loan_id, age.saturating_sub(1)).await
        }));
    }
    for task in tasks {
        task.await.context("a preloading task failed")??;
    }
    Ok(loans)
}

/// Drives every loan's repayment target from its own closed loop for `duration`.
pub async fn run(loans: &[(i64, Target)], duration: Duration) -> Result<LoadResult> {
    let http = load::client(loans.len());
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::with_capacity(loans.len());
    for (_, target) in loans {
        let (http, target) = (http.clone(), target.clone());
        tasks.push(tokio::spawn(async move {
            let mut result = LoadResult::default();
            while Instant::now() < deadline {
                let sent = Instant::now();
                match load::fetch(&http, &target, Duration::from_secs(10)).await {
                    Ok((status, _)) => {
                        let micros = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
                        result.latency_us.record(micros);
                        if status != StatusCode::OK {
                            *result.non_200.entry(status.as_u16()).or_default() += 1;
                        }
                    }
                    Err(_) => {
                        result.errors += 1;
                        // A refused or broken connection fails fast; do not spin on it.
                        tokio::time::sleep(Duration::from_millis(1)).await;
                    }
                }
            }
            result
        }));
    }
    let mut total = LoadResult::default();
    for task in tasks {
        let part = task.await.context("a repayment task failed")?;
        total.latency_us.merge(&part.latency_us);
        total.errors += part.errors;
        for (status, count) in part.non_200 {
            *total.non_200.entry(status).or_default() += count;
        }
    }
    total.elapsed = start.elapsed();
    Ok(total)
}

/// The fewest and most live repayments on any of the loans, read back through `GET /loans/{id}`.
pub async fn repayment_counts(base: &str, loans: &[(i64, Target)]) -> Result<(usize, usize)> {
    let http = load::client(1);
    let (mut fewest, mut most) = (usize::MAX, 0);
    for (loan_id, _) in loans {
        let url = format!("{base}{API}/loans/{loan_id}?associations=transactions");
        let (status, body) =
            load::fetch(&http, &Target::new(&url, &AUTH_HEADERS)?, SETUP_TIMEOUT).await?;
        if status != StatusCode::OK {
            bail!("GET /loans/{loan_id} answered {status}: {}", excerpt(&body));
        }
        let loan: Value = serde_json::from_slice(&body).context("GET /loans/{id}: not JSON")?;
        let count = loan["transactions"]
            .as_array()
            .map(|all| {
                all.iter()
                    .filter(|t| t["type"]["repayment"] == true && t["manuallyReversed"] != true)
                    .count()
            })
            .unwrap_or(0);
        fewest = fewest.min(count);
        most = most.max(count);
    }
    Ok((fewest, most))
}

fn excerpt(body: &[u8]) -> String {
    String::from_utf8_lossy(body).chars().take(200).collect()
}
