//! Loan applications: submitted through the pipeline with the schedule `calculateLoanSchedule` computes,
//! stored as submitted (status 100) with that schedule, read back scoped to the client's office subtree,
//! and deleted while pending approval.

use async_trait::async_trait;
use chrono::NaiveDate;
use kassa_domain::clients::{account_number, ClientStatus};
use kassa_domain::loan_products::LoanProduct;
use kassa_domain::organisation::currency::Currency;
use kassa_domain::organisation::office::is_within;
use kassa_store::repo::clients::client::ClientRecord;
use kassa_store::repo::loans::loan::{
    self as repo, InstallmentRow, LoanFilter, LoanOrder, LoanRecord, NewLoan,
};
use kassa_store::repo::organisation::currency as currency_repo;
use kassa_store::repo::paging::{PageBounds, SortOrder};
use kassa_store::Tx;
use rust_decimal::Decimal;

use crate::error::{AppError, AppResult};
use crate::loans::schedule::{
    installment_rows, CalculatedSchedule, LoanApplication, SchedulePeriod,
};
use crate::platform::pipeline::{Command, CommandCtx, CommandResult};
use crate::platform::principal::Principal;
use crate::platform::tenant::TenantCtx;

pub const ENTITY: &str = "LOAN";
/// `LoanStatus.SUBMITTED_AND_PENDING_APPROVAL`.
pub const SUBMITTED_AND_PENDING_APPROVAL: i64 = 100;
/// `AccountType.INDIVIDUAL`.
pub const INDIVIDUAL: i64 = 1;

pub(crate) fn not_found(id: i64) -> AppError {
    AppError::NotFound {
        entity: "Loan",
        id: id.to_string(),
    }
}

pub(crate) fn visible_to(principal: &Principal, r: &LoanRecord) -> bool {
    is_within(&principal.office_hierarchy, &r.office_hierarchy)
}

fn date_rule(code: &str, message: String) -> AppError {
    AppError::rule(code, message)
}

/// `LoanApplicationValidator.validateSubmittedOnDate` and `validateForCreate`, in Fineract's order.
fn check_submission_dates(
    product: &LoanProduct,
    client: &ClientRecord,
    app: &LoanApplication,
    submitted_on: NaiveDate,
    today: NaiveDate,
) -> AppResult<()> {
    let t = &product.terms;
    if t.start_date.is_some_and(|start| submitted_on < start) {
        return Err(date_rule(
            "error.msg.loan.application.submitted.on.date.cannot.be.before.the.loan.product.start.date",
            "submittedOnDate cannot be before the loan product startDate.".into(),
        ));
    }
    if t.close_date.is_some_and(|close| submitted_on > close) {
        return Err(date_rule(
            "error.msg.loan.application.submitted.on.date.cannot.be.after.the.loan.product.close.date",
            "submittedOnDate cannot be after the loan product closeDate.".into(),
        ));
    }
    if submitted_on > today {
        return Err(date_rule(
            "error.msg.loan.submittal.cannot.be.a.future.date",
            "The date on which a loan is submitted cannot be in the future.".into(),
        ));
    }
    if client.activation_date.is_some_and(|a| submitted_on < a) {
        return Err(date_rule(
            "error.msg.loan.submittal.cannot.be.before.client.activation.date",
            "The date on which a loan is submitted cannot be earlier than client's activation date."
                .into(),
        ));
    }
    if submitted_on > app.expected_disbursement_date {
        return Err(date_rule(
            "error.msg.loan.submittal.cannot.be.after.expected.disbursement.date",
            format!(
                "The date on which a loan is submitted cannot be after its expected disbursement date: {}",
                app.expected_disbursement_date
            ),
        ));
    }
    if app
        .repayments_starting_from_date
        .is_some_and(|first| submitted_on > first)
    {
        return Err(date_rule(
            "error.msg.loan.application.submitted.on.date.cannot.be.after.the.loan.expected.first.repayment.date",
            "submittedOnDate cannot be after the loans  expectedFirstRepaymentOnDate.".into(),
        ));
    }
    Ok(())
}

/// A loan application, validated and scheduled by the API layer.
pub struct SubmitLoanApplication {
    pub product: LoanProduct,
    pub application: LoanApplication,
    pub schedule: CalculatedSchedule,
    pub client_id: i64,
    pub account_no: Option<String>,
    pub external_id: Option<String>,
    pub transaction_processing_strategy_code: String,
    /// The request body, kept so approval and disbursal can regenerate the schedule from the same terms.
    pub application_json: Option<String>,
}

impl SubmitLoanApplication {
    /// The checks every submission and modification makes: a visible, active client, the dates, and the
    /// unique account number and external id (`except` is the loan being modified).
    async fn check(
        &self,
        tx: &mut Tx,
        ctx: &CommandCtx<'_>,
        except: Option<&LoanRecord>,
    ) -> AppResult<(ClientRecord, NaiveDate)> {
        let client = crate::clients::visible_in_tx(tx, ctx.principal, self.client_id).await?;
        if ClientStatus::from_id(client.status_enum) != Some(ClientStatus::Active) {
            return Err(AppError::rule(
                "error.msg.client.not.active.exception",
                format!("The Client with id `{}` is not active", self.client_id),
            ));
        }
        let app = &self.application;
        let submitted_on = app
            .submitted_on_date
            .or(except.map(|l| l.submittedon_date))
            .unwrap_or(ctx.today);
        check_submission_dates(&self.product, &client, app, submitted_on, ctx.today)?;
        if let Some(ext) = &self.external_id {
            if except.is_none_or(|l| l.external_id.as_deref() != Some(ext))
                && repo::external_id_taken(tx, ext).await?
            {
                return Err(AppError::rule(
                    "error.msg.loan.with.externalId.already.used",
                    "Loan with externalId is already registered.",
                ));
            }
        }
        if let Some(no) = &self.account_no {
            if except.is_none_or(|l| &l.account_no != no) && repo::account_no_taken(tx, no).await? {
                return Err(AppError::rule(
                    "error.msg.loan.duplicate.accountNo",
                    format!("Loan with accountNo {no} already exists"),
                ));
            }
        }
        Ok((client, submitted_on))
    }

    fn new_loan(&self, submitted_on: NaiveDate, user_id: i64) -> (NewLoan, Vec<InstallmentRow>) {
        let app = &self.application;
        let t = &self.product.terms;
        let s = &self.schedule;
        let installments = installment_rows(s);
        let new = NewLoan {
            account_no: self.account_no.clone(),
            external_id: self.external_id.clone(),
            client_id: self.client_id,
            product_id: self.product.id,
            loan_status_id: SUBMITTED_AND_PENDING_APPROVAL,
            loan_type_enum: INDIVIDUAL,
            currency_code: t.currency_code.clone(),
            currency_digits: i64::from(s.currency.decimal_places),
            currency_multiplesof: s.currency.in_multiples_of.unwrap_or_default(),
            principal: app.principal,
            term_frequency: i64::from(app.loan_term_frequency),
            term_period_frequency_enum: app.repayment_frequency.fineract_id(),
            number_of_repayments: i64::from(app.number_of_repayments),
            repay_every: i64::from(app.repayment_every),
            repayment_period_frequency_enum: app.repayment_frequency.fineract_id(),
            nominal_interest_rate_per_period: app.interest_rate_per_period,
            interest_period_frequency_enum: t.interest_rate_frequency.fineract_id(),
            annual_nominal_interest_rate: crate::loans::schedule::annual_rate(&self.product, app),
            amortization_method_enum: app.amortization.fineract_id(),
            interest_method_enum: app.interest_method.fineract_id(),
            interest_calculated_in_period_enum: app.interest_calculation_period.fineract_id(),
            loan_transaction_strategy_code: self.transaction_processing_strategy_code.clone(),
            expected_disbursedon_date: app.expected_disbursement_date,
            expected_firstrepaymenton_date: app.repayments_starting_from_date,
            interest_calculated_from_date: app.interest_charged_from_date,
            expected_maturedon_date: installments.last().map(|i| i.duedate),
            submittedon_date: submitted_on,
            submittedon_userid: user_id,
            loan_term_in_days: s.loan_term_in_days,
            application_json: self.application_json.clone(),
        };
        (new, installments)
    }
}

#[async_trait]
impl Command for SubmitLoanApplication {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let (client, submitted_on) = self.check(tx, ctx, None).await?;
        let (new, installments) = self.new_loan(submitted_on, ctx.principal.user_id);
        let (id, _) = repo::insert_in_tx(tx, &new, &installments, account_number).await?;
        if self.product.terms.multi_disburse_loan {
            crate::loans::tranches::store_in_tx(tx, id, &self.application.tranches).await?;
        }
        Ok(CommandResult {
            office_id: Some(client.office_id),
            client_id: Some(self.client_id),
            loan_id: Some(id),
            resource_id: Some(id),
            resource_external_id: self.external_id.clone(),
            ..Default::default()
        })
    }
}

/// A loan the caller may see; one outside its office subtree does not exist for it.
pub async fn get(tenant: &TenantCtx, principal: &Principal, id: i64) -> AppResult<LoanRecord> {
    principal.permissions.check_read(ENTITY)?;
    let mut conn = tenant.pool().acquire().await?;
    repo::find(&mut conn.conn(), id)
        .await?
        .filter(|r| visible_to(principal, r))
        .ok_or_else(|| not_found(id))
}

/// The loan's currency: the platform's name and symbol with the loan's decimal places and multiples.
pub async fn currency(tenant: &TenantCtx, loan: &LoanRecord) -> AppResult<Currency> {
    let mut conn = tenant.pool().acquire().await?;
    let platform = currency_repo::find_platform(&mut conn.conn(), &loan.currency_code)
        .await?
        .ok_or_else(|| {
            kassa_domain::organisation::currency::CurrencyError::NotEnabled(
                loan.currency_code.clone(),
            )
        })?;
    Ok(Currency {
        decimal_places: u32::try_from(loan.currency_digits).unwrap_or(2),
        in_multiples_of: Some(loan.currency_multiplesof),
        ..platform
    })
}

/// The stored schedule of `loan` in `calculateLoanSchedule`'s figures, in the loan's `currency`, from its
/// stored installments and live tranches.
pub fn schedule_of_rows(
    loan: &LoanRecord,
    rows: &[repo::InstallmentRow],
    tranches: &[kassa_store::repo::loans::disbursement::TrancheRow],
    currency: Currency,
) -> CalculatedSchedule {
    // A multi-disbursement loan shows one disbursement row per tranche, each where its date falls.
    let mut disbursements = if tranches.is_empty() {
        vec![(loan.expected_disbursedon_date, loan.principal_amount.0)]
    } else {
        crate::loans::tranches::schedule_tranches(tranches)
    }
    .into_iter()
    .peekable();
    let principal = if tranches.is_empty() {
        loan.principal_amount.0
    } else {
        tranches.iter().map(|t| t.principal.0).sum()
    };
    let mut periods = Vec::new();
    let mut balance = Decimal::ZERO;
    let disburse = |periods: &mut Vec<SchedulePeriod>,
                    balance: &mut Decimal,
                    (on, amount): (NaiveDate, Decimal)| {
        *balance += amount;
        periods.push(SchedulePeriod::Disbursement {
            due_date: on,
            principal_disbursed: amount,
            principal_loan_balance_outstanding: *balance,
        });
    };
    if let Some(first) = disbursements.next() {
        disburse(&mut periods, &mut balance, first);
    }
    let (mut p_total, mut i_total, mut f_total, mut pen_total) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for r in rows {
        while let Some(d) = disbursements.next_if(|d| d.0 <= r.duedate) {
            disburse(&mut periods, &mut balance, d);
        }
        let (p, i, f, pen) = (
            r.principal_amount.0,
            r.interest_amount.0,
            r.fee_charges_amount.0,
            r.penalty_charges_amount.0,
        );
        balance -= p;
        p_total += p;
        i_total += i;
        f_total += f;
        pen_total += pen;
        periods.push(SchedulePeriod::Installment {
            period: u32::try_from(r.installment).unwrap_or_default(),
            from_date: r.fromdate,
            due_date: r.duedate,
            days_in_period: (r.duedate - r.fromdate).num_days(),
            principal_due: p,
            interest_due: i,
            fee_charges_due: f,
            penalty_charges_due: pen,
            total_due: p + i + f + pen,
            principal_loan_balance_outstanding: balance,
            down_payment: r.is_down_payment,
        });
    }
    for d in disbursements {
        disburse(&mut periods, &mut balance, d);
    }
    CalculatedSchedule {
        currency,
        loan_term_in_days: loan.loan_term_in_days,
        total_principal_disbursed: principal,
        total_principal_expected: p_total,
        total_interest_charged: i_total,
        total_fee_charges_charged: f_total,
        total_penalty_charges_charged: pen_total,
        total_repayment_expected: p_total + i_total + f_total + pen_total,
        periods,
    }
}

/// A page of the loans the caller may see.
pub async fn list(
    tenant: &TenantCtx,
    principal: &Principal,
    mut filter: LoanFilter,
    order: LoanOrder,
    sort: SortOrder,
    page: PageBounds,
) -> AppResult<(i64, Vec<LoanRecord>)> {
    principal.permissions.check_read(ENTITY)?;
    filter.within_hierarchy = principal.office_hierarchy.clone();
    let mut conn = tenant.pool().acquire().await?;
    Ok(repo::list(&mut conn.conn(), &filter, order, sort, page).await?)
}

/// Deletes an application still pending approval.
pub struct DeleteLoanApplication {
    pub id: i64,
}

#[async_trait]
impl Command for DeleteLoanApplication {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = repo::find_in_tx(tx, self.id)
            .await?
            .filter(|r| visible_to(ctx.principal, r))
            .ok_or_else(|| not_found(self.id))?;
        if loan.loan_status_id != SUBMITTED_AND_PENDING_APPROVAL {
            return Err(AppError::rule(
                "error.msg.loan.cannot.delete.loan.in.its.present.state",
                "Loan application cannot be deleted as it is not in submitted and pending approval state.",
            ));
        }
        repo::delete_in_tx(tx, self.id).await?;
        Ok(CommandResult {
            office_id: Some(loan.client_office_id),
            client_id: Some(loan.client_id),
            loan_id: Some(self.id),
            resource_id: Some(self.id),
            resource_external_id: loan.external_id,
            ..Default::default()
        })
    }
}

/// Modifies an application pending approval: the request is a whole application, the schedule is
/// regenerated, and `changes` holds the request's values of what differs from the stored loan.
pub struct ModifyLoanApplication {
    pub id: i64,
    pub application: SubmitLoanApplication,
    /// The request's values by parameter name, echoed in `changes`.
    pub values: serde_json::Map<String, serde_json::Value>,
}

#[async_trait]
impl Command for ModifyLoanApplication {
    async fn run(&self, tx: &mut Tx, ctx: &CommandCtx<'_>) -> AppResult<CommandResult> {
        let loan = repo::find_in_tx(tx, self.id)
            .await?
            .filter(|r| visible_to(ctx.principal, r))
            .ok_or_else(|| not_found(self.id))?;
        if loan.loan_status_id != SUBMITTED_AND_PENDING_APPROVAL {
            return Err(AppError::rule(
                "error.msg.loan.cannot.modify.loan.in.its.present.state",
                "Loan application cannot be modified as it is not in submitted and pending approval state.",
            ));
        }
        let (client, submitted_on) = self.application.check(tx, ctx, Some(&loan)).await?;
        let (mut new, installments) = self
            .application
            .new_loan(submitted_on, loan.submittedon_userid);
        if new.account_no.is_none() {
            new.account_no = Some(loan.account_no.clone());
        }
        let changed = changed_parameters(&loan, &new);
        repo::update_in_tx(tx, self.id, &new, &installments).await?;
        let tranches: &[_] = if self.application.product.terms.multi_disburse_loan {
            &self.application.application.tranches
        } else {
            &[]
        };
        crate::loans::tranches::store_in_tx(tx, self.id, tranches).await?;
        // The regenerated schedule carries no charges yet: place the loan's charges on it again.
        crate::loans::charges::placement::sync_in_tx(tx, self.id).await?;
        let mut changes = serde_json::Map::new();
        for name in &changed {
            if let Some(v) = self.values.get(*name) {
                changes.insert((*name).to_string(), v.clone());
            }
        }
        if !changes.is_empty() {
            for shared in ["locale", "dateFormat"] {
                if let Some(v) = self.values.get(shared) {
                    changes.insert(shared.to_string(), v.clone());
                }
            }
        }
        Ok(CommandResult {
            office_id: Some(client.office_id),
            client_id: Some(new.client_id),
            loan_id: Some(self.id),
            resource_id: Some(self.id),
            changes: Some(changes),
            ..Default::default()
        })
    }
}

/// The request parameters whose stored columns differ.
fn changed_parameters(l: &LoanRecord, n: &NewLoan) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |name: &'static str, differs: bool| {
        if differs {
            out.push(name);
        }
    };
    check("clientId", l.client_id != n.client_id);
    check("productId", l.product_id != n.product_id);
    check("accountNo", Some(&l.account_no) != n.account_no.as_ref());
    check("externalId", l.external_id != n.external_id);
    check("principal", l.principal_amount.0 != n.principal);
    check("loanTermFrequency", l.term_frequency != n.term_frequency);
    check(
        "loanTermFrequencyType",
        l.term_period_frequency_enum != n.term_period_frequency_enum,
    );
    check(
        "numberOfRepayments",
        l.number_of_repayments != n.number_of_repayments,
    );
    check("repaymentEvery", l.repay_every != n.repay_every);
    check(
        "repaymentFrequencyType",
        l.repayment_period_frequency_enum != n.repayment_period_frequency_enum,
    );
    check(
        "interestRatePerPeriod",
        l.nominal_interest_rate_per_period.0 != n.nominal_interest_rate_per_period,
    );
    check(
        "amortizationType",
        l.amortization_method_enum != n.amortization_method_enum,
    );
    check(
        "interestType",
        l.interest_method_enum != n.interest_method_enum,
    );
    check(
        "interestCalculationPeriodType",
        l.interest_calculated_in_period_enum != n.interest_calculated_in_period_enum,
    );
    check(
        "transactionProcessingStrategyCode",
        l.loan_transaction_strategy_code != n.loan_transaction_strategy_code,
    );
    check(
        "expectedDisbursementDate",
        l.expected_disbursedon_date != n.expected_disbursedon_date,
    );
    check(
        "repaymentsStartingFromDate",
        l.expected_firstrepaymenton_date != n.expected_firstrepaymenton_date,
    );
    check(
        "interestChargedFromDate",
        l.interest_calculated_from_date != n.interest_calculated_from_date,
    );
    check("submittedOnDate", l.submittedon_date != n.submittedon_date);
    out
}

/// Days an overdue installment waits before the loan counts as in arrears: the application's
/// `graceOnArrearsAgeing` when it gave one, else its product's.
pub fn grace_on_arrears_ageing(loan: &LoanRecord, product: &LoanProduct) -> u32 {
    let given = loan
        .application_json
        .as_deref()
        .and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok())
        .and_then(|v| {
            let g = &v["graceOnArrearsAgeing"];
            g.as_i64()
                .or_else(|| g.as_str().and_then(|s| s.trim().parse().ok()))
        });
    given
        .or(product.terms.grace_on_arrears_ageing)
        .and_then(|d| u32::try_from(d).ok())
        .unwrap_or(0)
}

/// The id of the loan with `external_id`; a 404 when there is none. No permission check: the read or write
/// that follows checks its own (and the office scope).
pub async fn id_by_external_id(tenant: &TenantCtx, external_id: &str) -> AppResult<i64> {
    let mut conn = tenant.pool().acquire().await?;
    repo::id_by_external_id(&mut conn.conn(), external_id)
        .await?
        .ok_or_else(|| AppError::NotFound {
            entity: "Loan",
            id: external_id.to_string(),
        })
}

/// A loan the caller may see, without the read permission (the write that follows checks its own).
pub async fn get_for_write(
    tenant: &TenantCtx,
    principal: &Principal,
    id: i64,
) -> AppResult<LoanRecord> {
    let mut conn = tenant.pool().acquire().await?;
    repo::find(&mut conn.conn(), id)
        .await?
        .filter(|r| visible_to(principal, r))
        .ok_or_else(|| not_found(id))
}
