//! The journal entries of loan transactions. The cash flow of Fineract's
//! `AccountingScenarioIntegrationTest.checkCashBasedAccountingFlow` (its product, loan and steps, with the
//! entries it asserts), and a loan taken through repayment, overpayment, undo, back-dated repayment,
//! write-off and recovery on separate accounts, with the invariants checked after every step: each
//! journal transaction balances, and the portfolio account's net equals the principal outstanding.

use std::collections::BTreeMap;

use kassa_testkit::TestApp;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::accounting_gl_accounts::create_account;
use crate::loan_lifecycle::{command, dated, dec, loan};
use crate::loans::submit;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The loan's journal: per `L<id>` the net per GL account (debits positive).
async fn journal(app: &TestApp, loan_id: i64) -> BTreeMap<String, BTreeMap<i64, Decimal>> {
    let tenant = app.state.app.tenant("default").await.unwrap().unwrap();
    let lines = kassa_app::accounting::loan_journal::lines_of_loan(&tenant, loan_id)
        .await
        .unwrap();
    let mut out: BTreeMap<String, BTreeMap<i64, Decimal>> = BTreeMap::new();
    for l in lines {
        let signed = if l.type_enum == 2 {
            l.amount.0
        } else {
            -l.amount.0
        };
        *out.entry(l.transaction_id)
            .or_default()
            .entry(l.account_id)
            .or_default() += signed;
    }
    for nets in out.values_mut() {
        nets.retain(|_, v| !v.is_zero());
    }
    out.retain(|_, nets| !nets.is_empty());
    out
}

/// Every journal transaction balances; the portfolio account nets to the principal outstanding.
async fn invariants_hold(app: &TestApp, loan_id: i64, portfolio: i64, after: &str) {
    let j = journal(app, loan_id).await;
    for (tid, nets) in &j {
        let total: Decimal = nets.values().sum();
        assert!(
            total.is_zero(),
            "{} {tid} unbalanced after {after}: {nets:?}",
            app.backend
        );
    }
    let portfolio_net: Decimal = j.values().filter_map(|n| n.get(&portfolio)).sum();
    let l = loan(app, loan_id).await;
    let outstanding = dec(&l["summary"]["principalOutstanding"]);
    assert_eq!(
        portfolio_net, outstanding,
        "{} portfolio after {after}: {j:?}",
        app.backend
    );
}

fn pay_body(date: &str, amount: &str) -> Value {
    dated(json!({"transactionDate": date, "transactionAmount": amount, "paymentTypeId": 1}))
}

async fn pay(app: &TestApp, id: i64, cmd: &str, date: &str, amount: &str) -> i64 {
    let r = app
        .post(
            &format!("/loans/{id}/transactions?command={cmd}"),
            pay_body(date, amount),
        )
        .send()
        .await;
    assert_eq!(
        r.status, 200,
        "{} {cmd} {date} {amount}: {}",
        app.backend, r.text
    );
    r.json["resourceId"].as_i64().unwrap()
}

fn mappings(
    fund: i64,
    portfolio: i64,
    income: i64,
    expense: i64,
    liability: i64,
    suspense: i64,
) -> Value {
    json!({
        "fundSourceAccountId": fund, "loanPortfolioAccountId": portfolio, "transfersInSuspenseAccountId": suspense,
        "interestOnLoanAccountId": income, "incomeFromFeeAccountId": income, "incomeFromPenaltyAccountId": income,
        "incomeFromRecoveryAccountId": income, "writeOffAccountId": expense, "goodwillCreditAccountId": expense,
        "overpaymentLiabilityAccountId": liability
    })
}

/// `LoanProductTestBuilder` as `checkCashBasedAccountingFlow` builds it: 10 000, five repayments every two
/// months, 1 % a month flat, equal installments, cash accounting.
fn fineract_cash_product(m: &Value) -> Value {
    let mut p = json!({
        "name": "Cash accounting", "shortName": "CAC", "currencyCode": "USD", "digitsAfterDecimal": 2,
        "inMultiplesOf": 0, "principal": 10000, "numberOfRepayments": 5, "repaymentEvery": 2,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 1, "interestRateFrequencyType": 2,
        "amortizationType": 1, "interestType": 1, "interestCalculationPeriodType": 1,
        "transactionProcessingStrategyCode": "mifos-standard-strategy", "daysInYearType": 1,
        "daysInMonthType": 1, "accountingRule": 2, "isInterestRecalculationEnabled": false, "locale": "en"
    });
    for (k, v) in m.as_object().unwrap() {
        p[k] = v.clone();
    }
    p
}

fn fineract_application(product: i64, client: i64) -> Value {
    json!({
        "clientId": client, "loanType": "individual", "productId": product, "principal": 10000,
        "loanTermFrequency": 10, "loanTermFrequencyType": 2, "numberOfRepayments": 5, "repaymentEvery": 2,
        "repaymentFrequencyType": 2, "interestRatePerPeriod": 1, "amortizationType": 1, "interestType": 1,
        "interestCalculationPeriodType": 1, "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "expectedDisbursementDate": "04 March 2011", "submittedOnDate": "03 March 2011",
        "dateFormat": "dd MMMM yyyy", "locale": "en"
    })
}

/// A client active since 2011, before Fineract's test dates.
async fn client(app: &TestApp) -> i64 {
    let body = json!({"officeId": 1, "legalFormId": 1, "firstname": "Ana", "lastname": "Ledger", "active": true,
        "submittedOnDate": "01 January 2011", "activationDate": "01 January 2011",
        "dateFormat": "dd MMMM yyyy", "locale": "en"});
    app.post("/clients", body).send().await.expect(200).json["resourceId"]
        .as_i64()
        .unwrap()
}

async fn disbursed(app: &TestApp, application: Value, on: &str) -> i64 {
    let id = submit(app, application).await;
    command(app, id, "approve", json!({"approvedOnDate": on}))
        .await
        .expect(200);
    command(app, id, "disburse", json!({"actualDisbursementDate": on}))
        .await
        .expect(200);
    id
}

#[tokio::test]
async fn fineracts_cash_accounting_flow_posts_the_entries_its_test_asserts() {
    for app in TestApp::all().await {
        let a = create_account(&app, "Asset", "A-1", 1, 1).await;
        let i = create_account(&app, "Income", "I-1", 4, 1).await;
        let e = create_account(&app, "Expense", "E-1", 5, 1).await;
        let l = create_account(&app, "Liability", "L-1", 2, 1).await;
        let product = app
            .post(
                "/loanproducts",
                fineract_cash_product(&mappings(a, a, i, e, l, a)),
            )
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let client_id = client(&app).await;
        let id = disbursed(
            &app,
            fineract_application(product, client_id),
            "04 March 2011",
        )
        .await;
        let j = journal(&app, id).await;
        // Dr A 10000 / Cr A 10000: one account, so it nets to nothing but both lines are there.
        assert_eq!(j.len(), 0, "{} {j:?}", app.backend);
        let tenant = app.state.app.tenant("default").await.unwrap().unwrap();
        let lines = kassa_app::accounting::loan_journal::lines_of_loan(&tenant, id)
            .await
            .unwrap();
        assert_eq!(lines.len(), 2, "{}: {lines:?}", app.backend);
        assert_eq!(lines[0].type_enum, 2);
        assert_eq!(lines[0].amount.0, d("10000"));

        let r1 = pay(&app, id, "repayment", "04 May 2011", "2200").await;
        assert_eq!(
            journal(&app, id).await[&format!("L{r1}")],
            BTreeMap::from([(a, d("200")), (i, d("-200"))])
        );
        let r2 = pay(&app, id, "repayment", "04 July 2011", "3000").await;
        assert_eq!(
            journal(&app, id).await[&format!("L{r2}")],
            BTreeMap::from([(a, d("400")), (i, d("-400"))])
        );
        let w = pay(&app, id, "waiveinterest", "04 November 2011", "400").await;
        let tenant_lines = kassa_app::accounting::loan_journal::lines_of_loan(&tenant, id)
            .await
            .unwrap();
        assert!(
            tenant_lines
                .iter()
                .all(|x| x.transaction_id != format!("L{w}")),
            "{}: cash accounting books no waiver",
            app.backend
        );
        // Back-dated before the waiver: the replay leaves the waiver's (empty) posting as it was.
        let r3 = pay(&app, id, "repayment", "04 September 2011", "900").await;
        let before = tenant_lines.len();
        let after = kassa_app::accounting::loan_journal::lines_of_loan(&tenant, id)
            .await
            .unwrap();
        assert_eq!(
            after.len(),
            before + 2,
            "{}: only the new repayment posts: {after:?}",
            app.backend
        );
        assert!(after
            .iter()
            .rev()
            .take(2)
            .all(|x| x.transaction_id == format!("L{r3}")));
        pay(&app, id, "repayment", "04 November 2011", "2000").await;
        pay(&app, id, "repayment", "04 January 2012", "2500").await;
        let all = kassa_app::accounting::loan_journal::lines_of_loan(&tenant, id)
            .await
            .unwrap();
        let income: Decimal = all
            .iter()
            .filter(|x| x.account_id == i)
            .map(|x| {
                if x.type_enum == 1 {
                    x.amount.0
                } else {
                    -x.amount.0
                }
            })
            .sum();
        assert_eq!(
            income,
            d("600"),
            "{}: interest received in cash",
            app.backend
        );
    }
}

#[tokio::test]
async fn undo_back_dating_overpayment_write_off_and_recovery_keep_the_journal_balanced() {
    for app in TestApp::all().await {
        let fund = create_account(&app, "Fund", "F-1", 2, 1).await;
        let portfolio = create_account(&app, "Portfolio", "P-1", 1, 1).await;
        let income = create_account(&app, "Interest", "I-1", 4, 1).await;
        let losses = create_account(&app, "Losses", "E-1", 5, 1).await;
        let overpaid = create_account(&app, "Overpayment", "L-1", 2, 1).await;
        let suspense = create_account(&app, "Suspense", "S-1", 1, 1).await;
        let m = mappings(fund, portfolio, income, losses, overpaid, suspense);
        let product = app
            .post("/loanproducts", fineract_cash_product(&m))
            .send()
            .await
            .expect(200)
            .json["resourceId"]
            .as_i64()
            .unwrap();
        let client_id = client(&app).await;
        let first = disbursed(
            &app,
            fineract_application(product, client_id),
            "04 March 2011",
        )
        .await;
        invariants_hold(&app, first, portfolio, "the disbursal").await;
        let r1 = pay(&app, first, "repayment", "04 May 2011", "2200").await;
        invariants_hold(&app, first, portfolio, "a repayment").await;
        pay(&app, first, "repayment", "04 July 2011", "1000").await;
        invariants_hold(&app, first, portfolio, "a partial repayment").await;
        // Undo the first repayment: its lines come back on the other side, dated as it was.
        let undo = dated(json!({"transactionDate": "04 May 2011", "transactionAmount": 0}));
        app.post(&format!("/loans/{first}/transactions/{r1}"), undo)
            .send()
            .await
            .expect(200);
        invariants_hold(&app, first, portfolio, "an undo").await;
        assert!(
            !journal(&app, first).await.contains_key(&format!("L{r1}")),
            "{}",
            app.backend
        );
        // Back-dated: moves the later repayment's split, which is re-posted.
        pay(&app, first, "repayment", "01 April 2011", "700").await;
        invariants_hold(&app, first, portfolio, "a back-dated repayment").await;
        // Overpay: the surplus is a liability.
        pay(&app, first, "repayment", "05 July 2011", "12000").await;
        invariants_hold(&app, first, portfolio, "an overpayment").await;
        let over: Decimal = journal(&app, first)
            .await
            .values()
            .filter_map(|n| n.get(&overpaid))
            .sum();
        let l = loan(&app, first).await;
        assert_eq!(-over, dec(&l["totalOverpaid"]), "{}: {l}", app.backend);

        // A second loan written off, then recovered.
        let second = disbursed(
            &app,
            fineract_application(product, client_id),
            "04 March 2011",
        )
        .await;
        pay(&app, second, "repayment", "04 May 2011", "2200").await;
        let body = dated(json!({"transactionDate": "04 June 2011"}));
        app.post(
            &format!("/loans/{second}/transactions?command=writeoff"),
            body,
        )
        .send()
        .await
        .expect(200);
        invariants_hold(&app, second, portfolio, "a write-off").await;
        let lost: Decimal = journal(&app, second)
            .await
            .values()
            .filter_map(|n| n.get(&losses))
            .sum();
        assert_eq!(lost, d("8000"), "{}: the principal lost", app.backend);
        pay(&app, second, "recoverypayment", "04 July 2011", "500").await;
        invariants_hold(&app, second, portfolio, "a recovery").await;
    }
}

#[tokio::test]
async fn a_products_gl_mappings_are_checked_as_fineract_checks_them() {
    for app in TestApp::all().await {
        let asset = create_account(&app, "Asset", "A-1", 1, 1).await;
        let income = create_account(&app, "Income", "I-1", 4, 1).await;
        let expense = create_account(&app, "Expense", "E-1", 5, 1).await;
        let liability = create_account(&app, "Liability", "L-1", 2, 1).await;
        let header = create_account(&app, "Assets", "A-0", 1, 2).await;
        // Cash accounting without its mandatory accounts: 400 naming each.
        let mut p = fineract_cash_product(&json!({}));
        p["name"] = json!("No mappings");
        let r = app.post("/loanproducts", p).send().await.expect(400);
        assert!(
            r.text
                .contains("validation.msg.loanproduct.fundSourceAccountId.cannot.be.blank"),
            "{}",
            r.text
        );
        // An unknown account: 404.
        let p = fineract_cash_product(&mappings(asset, 999_999, income, expense, liability, asset));
        let r = app.post("/loanproducts", p).send().await.expect(404);
        assert_eq!(
            r.error_code(),
            "error.msg.glaccount.id.invalid",
            "{}",
            r.text
        );
        // The wrong type: 403 with Fineract's code.
        let p = fineract_cash_product(&mappings(asset, income, income, expense, liability, asset));
        let r = app.post("/loanproducts", p).send().await.expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.loanPortfolioAccountId.invalid.account.type",
            "{}",
            r.text
        );
        // A header account: 403 in Kassa.
        let p = fineract_cash_product(&mappings(asset, header, income, expense, liability, asset));
        let r = app.post("/loanproducts", p).send().await.expect(403);
        assert_eq!(
            r.error_code(),
            "error.msg.loanPortfolioAccountId.invalid.account.usage",
            "{}",
            r.text
        );
        // Per-payment-type and per-charge mappings: empty lists (as the web app sends them) are accepted,
        // a mapping is refused by name.
        let mut p =
            fineract_cash_product(&mappings(asset, asset, income, expense, liability, asset));
        p["paymentChannelToFundSourceMappings"] =
            json!([{"paymentTypeId": 1, "fundSourceAccountId": asset}]);
        let r = app.post("/loanproducts", p).send().await.expect(400);
        assert!(
            r.text.contains(
                "validation.msg.loanproduct.paymentChannelToFundSourceMappings.not.supported"
            ),
            "{}",
            r.text
        );
        // Accepted; a later update of one mapping keeps the others.
        let mut p =
            fineract_cash_product(&mappings(asset, asset, income, expense, liability, asset));
        for name in [
            "paymentChannelToFundSourceMappings",
            "feeToIncomeAccountMappings",
            "penaltyToIncomeAccountMappings",
            "chargeOffReasonsToExpenseMappings",
        ] {
            p[name] = json!([]);
        }
        let id = app.post("/loanproducts", p).send().await.expect(200).json["resourceId"]
            .as_i64()
            .unwrap();
        let other = create_account(&app, "Other asset", "A-2", 1, 1).await;
        app.put(
            &format!("/loanproducts/{id}"),
            json!({"fundSourceAccountId": other}),
        )
        .send()
        .await
        .expect(200);
    }
}
