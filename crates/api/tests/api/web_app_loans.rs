//! The Mifos X web app's loan screens, call by call: the requests its resolvers and action forms send
//! (openMF/web-app `src/app/loans/loans.service.ts`, `loans-view/…`) with the bodies its forms build,
//! and the fields its templates dereference without guards.

use kassa_testkit::TestApp;
use serde_json::{json, Value};

use crate::loans::setup;

/// What the web app's settings add to every action form: its date format and language.
fn form(mut body: Value) -> Value {
    body["dateFormat"] = json!("dd MMMM yyyy");
    body["locale"] = json!("en");
    body
}

/// `LoanDetailsResolver`: the loan view page's one read.
async fn loan_view(app: &TestApp, id: i64) -> Value {
    app.get(&format!(
        "/loans/{id}?associations=all&exclude=guarantors,futureSchedule"
    ))
    .send()
    .await
    .expect(200)
    .json
}

fn assert_has(value: &Value, paths: &[&str], ctx: &str) {
    let missing: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|path| path.split('.').fold(value, |at, key| &at[key]).is_null())
        .collect();
    assert!(missing.is_empty(), "missing {missing:?} in {ctx}");
}

/// The new-loan stepper: the product template fills the terms form, and `buildLoanRequestPayload` posts
/// every form control, the untouched ones as `""` and unpicked dates as `null`.
async fn submit_as_the_web_app(app: &TestApp, product: i64, client_id: i64) -> i64 {
    let t = app
        .get(&format!(
            "/loans/template?activeOnly=true&staffInSelectedOfficeOnly=true&productId={product}\
             &clientId={client_id}&templateType=individual"
        ))
        .send()
        .await
        .expect(200)
        .json;
    let mut body = form(json!({
        "productId": product, "loanOfficerId": "", "loanPurposeId": "", "fundId": "",
        "submittedOnDate": "01 November 2022", "expectedDisbursementDate": "01 November 2022",
        "externalId": "", "linkAccountId": "", "createStandingInstructionAtDisbursement": "",
        "loanTermFrequency": t["termFrequency"], "loanTermFrequencyType": t["termPeriodFrequencyType"]["id"],
        "numberOfRepayments": t["numberOfRepayments"], "repaymentEvery": t["repaymentEvery"],
        "repaymentFrequencyType": t["repaymentFrequencyType"]["id"],
        "repaymentFrequencyNthDayType": "", "repaymentFrequencyDayOfWeekType": "",
        "repaymentsStartingFromDate": null, "interestChargedFromDate": null,
        "interestRatePerPeriod": t["interestRatePerPeriod"], "interestType": t["interestType"]["id"],
        "isEqualAmortization": t["isEqualAmortization"], "amortizationType": t["amortizationType"]["id"],
        "interestCalculationPeriodType": t["interestCalculationPeriodType"]["id"],
        "inArrearsTolerance": t["inArrearsTolerance"], "graceOnInterestCharged": t["graceOnInterestCharged"],
        "graceOnPrincipalPayment": t["graceOnPrincipalPayment"], "graceOnInterestPayment": t["graceOnInterestPayment"],
        "graceOnArrearsAgeing": t["graceOnArrearsAgeing"], "loanIdToClose": "", "fixedEmiAmount": t["fixedEmiAmount"],
        "isTopup": "", "maxOutstandingLoanBalance": t["maxOutstandingLoanBalance"],
        "transactionProcessingStrategyCode": t["transactionProcessingStrategyCode"],
        "interestRateFrequencyType": t["interestRateFrequencyType"]["id"],
        "charges": [], "clientId": client_id, "loanType": "individual", "principal": t["principal"],
        "allowPartialPeriodInterestCalcualtion": t["allowPartialPeriodInterestCalculation"]
    }));
    // A field the template lacks is `undefined` in the form, and JSON.stringify drops it; the date pipe's
    // `null` for an unpicked date stays.
    if let Some(fields) = body.as_object_mut() {
        fields.retain(|k, v| {
            !v.is_null() || k == "repaymentsStartingFromDate" || k == "interestChargedFromDate"
        });
    }
    let preview = app
        .post("/loans?command=calculateLoanSchedule", body.clone())
        .send()
        .await;
    let preview = preview.expect(200);
    assert!(preview.json["periods"].is_array(), "{}", preview.text);
    let created = app.post("/loans", body).send().await;
    let created = created.expect(200);
    created.json["resourceId"].as_i64().expect("resourceId")
}

#[tokio::test]
async fn the_web_apps_loan_screens_find_what_they_read_from_approval_to_undo() {
    for app in TestApp::all().await {
        let (product, client_id) = setup(&app).await;
        let id = submit_as_the_web_app(&app, product, client_id).await;

        // The page resolvers besides the loan itself.
        app.get("/datatables?apptable=m_loan")
            .send()
            .await
            .expect(200);
        let config = app
            .get("/configurations/name/loan-arrears-delinquency-display-data")
            .send()
            .await
            .expect(200);
        assert!(config.json.get("value").is_some(), "{}", config.text);

        // "Approve": the approval template, the multi-disbursement read, then the form's body with its
        // empty note.
        let template = app
            .get(&format!("/loans/{id}/template?templateType=approval"))
            .send()
            .await
            .expect(200);
        assert_has(
            &template.json,
            &["approvalAmount", "currency.code"],
            &template.text,
        );
        let approval = app
            .get(&format!("/loans/{id}?associations=multiDisburseDetails"))
            .send()
            .await
            .expect(200);
        assert_has(
            &approval.json,
            &["timeline.expectedDisbursementDate"],
            &approval.text,
        );
        app.post(
            &format!("/loans/{id}?command=approve"),
            form(json!({"approvedOnDate": "01 November 2022",
                "expectedDisbursementDate": "01 November 2022",
                "approvedLoanAmount": template.json["approvalAmount"], "note": ""})),
        )
        .send()
        .await
        .expect(200);

        // "Disburse": the disbursal template's amount, posted back with the form's empty strings.
        let template = app
            .get(&format!(
                "/loans/{id}/transactions/template?command=disburse"
            ))
            .send()
            .await
            .expect(200);
        assert_has(&template.json, &["amount", "currency.code"], &template.text);
        app.post(
            &format!("/loans/{id}?command=disburse"),
            form(json!({"actualDisbursementDate": "01 November 2022",
                "transactionAmount": template.json["amount"],
                "externalId": "", "paymentTypeId": "", "note": ""})),
        )
        .send()
        .await
        .expect(200);

        // The loan view: header, general tab, account details, schedule and transactions.
        let view = loan_view(&app, id).await;
        let ctx = format!("{}: {view}", app.backend);
        assert_has(
            &view,
            &[
                "accountNo",
                "clientId",
                "clientName",
                "loanProductName",
                "status.value",
                "status.code",
                "status.active",
                "currency.code",
                "currency.name",
                "principal",
                "approvedPrincipal",
                "proposedPrincipal",
                "numberOfRepayments",
                "repaymentEvery",
                "repaymentFrequencyType.value",
                "interestRatePerPeriod",
                "interestRateFrequencyType.value",
                "annualInterestRate",
                "amortizationType.value",
                "interestType.value",
                "interestCalculationPeriodType.value",
                "transactionProcessingStrategyName",
                "daysInMonthType.value",
                "daysInYearType.value",
                "timeline.submittedOnDate",
                "timeline.approvedOnDate",
                "timeline.actualDisbursementDate",
                "timeline.expectedMaturityDate",
                "summary.totalOutstanding",
                "summary.totalOverdue",
                "summary.principalDisbursed",
                // The loan summary's "Original" principal.
                "summary.totalPrincipal",
                "repaymentSchedule.periods",
                "transactions",
                "inArrears",
                "multiDisburseLoan",
                "canDisburse",
                "overdueCharges",
            ],
            &ctx,
        );
        assert_eq!(view["status"]["active"], true, "{ctx}");
        let disbursal = &view["transactions"][0];
        assert_eq!(disbursal["type"]["disbursement"], true, "{ctx}");
        assert_has(
            disbursal,
            &[
                "id",
                "date",
                "officeName",
                "amount",
                "outstandingLoanBalance",
                "type.value",
            ],
            &ctx,
        );
        assert_eq!(disbursal["manuallyReversed"], false, "{ctx}");
        assert!(view.get("guarantors").is_none(), "{ctx}");
        // Flattened blocks must not repeat a key: a JSON parser keeps one of the two, not always the right one.
        let raw = app
            .get(&format!("/loans/{id}?associations=all"))
            .send()
            .await
            .expect(200)
            .text;
        for key in ["canDisburse", "multiDisburseLoan", "charges", "inArrears"] {
            let times = raw.matches(&format!("\"{key}\":")).count();
            assert_eq!(times, 1, "{key} appears {times} times: {raw}");
        }

        // "Make Repayment": the template names the command in `type.code`; the form posts the amount as a
        // number and its untouched fields as empty strings.
        let template = app
            .get(&format!(
                "/loans/{id}/transactions/template?command=repayment"
            ))
            .send()
            .await
            .expect(200);
        assert_eq!(
            template.json["type"]["code"], "loanTransactionType.repayment",
            "{}",
            template.text
        );
        assert!(
            template.json["paymentTypeOptions"].is_array(),
            "{}",
            template.text
        );
        assert_has(&template.json, &["amount", "currency.code"], &template.text);
        let repaid = app
            .post(
                "/loans/{id}/transactions?command=repayment"
                    .replace("{id}", &id.to_string())
                    .as_str(),
                form(
                    json!({"transactionDate": "01 December 2022", "externalId": "",
                    "paymentTypeId": "", "note": "", "transactionAmount": 200.0}),
                ),
            )
            .send()
            .await
            .expect(200);
        let tx_id = repaid.json["resourceId"].as_i64().expect("resourceId");

        // The transaction view, then its "Undo" button (`command=undo`, amount 0, the transaction's date).
        let shown = app
            .get(&format!("/loans/{id}/transactions/{tx_id}"))
            .send()
            .await
            .expect(200);
        assert_eq!(shown.json["type"]["repayment"], true, "{}", shown.text);
        assert_has(
            &shown.json,
            &[
                "id",
                "amount",
                "date",
                "currency.code",
                "currency.name",
                "type.value",
                "type.id",
            ],
            &shown.text,
        );
        assert_eq!(shown.json["date"], json!([2022, 12, 1]), "{}", shown.text);
        app.post(
            &format!("/loans/{id}/transactions/{tx_id}?command=undo"),
            form(json!({"transactionDate": "01 December 2022", "transactionAmount": 0})),
        )
        .send()
        .await
        .expect(200);
        let view = loan_view(&app, id).await;
        let undone = view["transactions"]
            .as_array()
            .and_then(|all| all.iter().find(|t| t["id"] == tx_id))
            .cloned()
            .unwrap_or_default();
        assert_eq!(undone["manuallyReversed"], true, "{}: {view}", app.backend);
    }
}
