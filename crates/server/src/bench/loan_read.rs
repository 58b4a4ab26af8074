//! Loan reads at two ages: one client with five disbursed loans, one of them with 12 repayments and one
//! with 200, set up through the API. Measures `GET /loans/{id}?associations=all` of each and
//! `GET /clients/{id}/accounts` (the client's five loans), the calls a teller's screen and a self-service
//! dashboard make most.

use anyhow::Result;

use super::load::{self, Target};
use super::repayments::{client, create, disbursed_loan, preload, product};
use super::AUTH_HEADERS;

const API: &str = "/fineract-provider/api/v1";
pub const YOUNG_REPAYMENTS: usize = 12;
pub const OLD_REPAYMENTS: usize = 200;
pub const LOANS_OF_THE_CLIENT: usize = 5;

pub struct LoanReadTargets {
    pub young: Target,
    pub old: Target,
    pub accounts: Target,
}

pub async fn setup(base: &str) -> Result<LoanReadTargets> {
    let http = load::client(1);
    let product_id = create(
        &http,
        base,
        "/loanproducts",
        product("Bench loan reads", "BLR"),
    )
    .await?;
    let client_id = create(&http, base, "/clients", client(0)).await?;
    let mut loans = Vec::with_capacity(LOANS_OF_THE_CLIENT);
    for _ in 0..LOANS_OF_THE_CLIENT {
        loans.push(disbursed_loan(&http, base, product_id, client_id).await?);
    }
    preload(&http, base, loans[0], YOUNG_REPAYMENTS).await?;
    preload(&http, base, loans[1], OLD_REPAYMENTS).await?;
    let read = |loan_id: i64| {
        Target::new(
            &format!("{base}{API}/loans/{loan_id}?associations=all"),
            &AUTH_HEADERS,
        )
    };
    Ok(LoanReadTargets {
        young: read(loans[0])?,
        old: read(loans[1])?,
        accounts: Target::new(
            &format!("{base}{API}/clients/{client_id}/accounts"),
            &AUTH_HEADERS,
        )?,
    })
}
