//! The repayment schedule over HTTP: one loan product created through `/loanproducts`, then
//! `POST /loans?command=calculateLoanSchedule` of a typical 12-month application. The call reads the
//! product and runs the cumulative engine; it writes nothing, so every request is alike.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use http::StatusCode;
use serde_json::{json, Value};

use super::load::{self, Target};
use super::AUTH_HEADERS;

pub const CALCULATE: &str = "/fineract-provider/api/v1/loans?command=calculateLoanSchedule";
const PRODUCTS: &str = "/fineract-provider/api/v1/loanproducts";

/// Monthly, 12 repayments, 12 % a year, declining balance, equal installments, in USD.
fn product() -> Value {
    json!({
        "name": "Bench 12 months", "shortName": "B12", "currencyCode": "USD", "digitsAfterDecimal": 2,
        "inMultiplesOf": 0, "principal": 10000, "numberOfRepayments": 12, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 12, "interestRateFrequencyType": 3,
        "amortizationType": 1, "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "daysInYearType": 1, "daysInMonthType": 1, "accountingRule": 1, "isInterestRecalculationEnabled": false,
        "locale": "en"
    })
}

/// A 10 000 loan on the product, disbursed mid-month so the first period is a whole month.
fn application(product_id: i64) -> Value {
    json!({
        "productId": product_id, "principal": 10000,
        "loanTermFrequency": 12, "loanTermFrequencyType": 2, "numberOfRepayments": 12, "repaymentEvery": 1,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 12, "amortizationType": 1,
        "interestType": 0, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "expectedDisbursementDate": "15 January 2024", "submittedOnDate": "15 January 2024",
        "dateFormat": "dd MMMM yyyy", "locale": "en"
    })
}

/// Creates the product and checks that one calculation answers 200, then returns the load target.
pub async fn target(base: &str) -> Result<Target> {
    let client = load::client(1);
    let create = Target::post_json(
        &format!("{base}{PRODUCTS}"),
        &AUTH_HEADERS,
        product().to_string(),
    )?;
    let (status, body) = load::fetch(&client, &create, Duration::from_secs(30)).await?;
    if status != StatusCode::OK {
        bail!("POST /loanproducts answered {status}: {}", excerpt(&body));
    }
    let created: Value = serde_json::from_slice(&body).context("POST /loanproducts: not JSON")?;
    let Some(product_id) = created["resourceId"].as_i64() else {
        bail!("POST /loanproducts gave no resourceId: {created}");
    };
    let calculate = Target::post_json(
        &format!("{base}{CALCULATE}"),
        &AUTH_HEADERS,
        application(product_id).to_string(),
    )?;
    let (status, body) = load::fetch(&client, &calculate, Duration::from_secs(30)).await?;
    if status != StatusCode::OK {
        bail!(
            "calculateLoanSchedule answered {status}: {}",
            excerpt(&body)
        );
    }
    Ok(calculate)
}

fn excerpt(body: &[u8]) -> String {
    String::from_utf8_lossy(body).chars().take(200).collect()
}
