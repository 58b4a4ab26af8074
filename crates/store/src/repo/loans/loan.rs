//! Loan accounts (`m_loan`) and their repayment schedules (`m_loan_repayment_schedule`), Fineract's table
//! and column names. Money and rates go through [`DbAmount`]; enums are stored as Fineract's ids.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::money::DbAmount;
use crate::on;
use crate::repo::paging::{PageBounds, SortOrder};

/// The columns a loan application is stored with.
#[derive(Debug, Clone)]
pub struct NewLoan {
    pub account_no: Option<String>,
    pub external_id: Option<String>,
    pub client_id: i64,
    pub product_id: i64,
    pub loan_status_id: i64,
    pub loan_type_enum: i64,
    pub currency_code: String,
    pub currency_digits: i64,
    pub currency_multiplesof: i64,
    pub principal: Decimal,
    pub term_frequency: i64,
    pub term_period_frequency_enum: i64,
    pub number_of_repayments: i64,
    pub repay_every: i64,
    pub repayment_period_frequency_enum: i64,
    pub nominal_interest_rate_per_period: Decimal,
    pub interest_period_frequency_enum: i64,
    pub annual_nominal_interest_rate: Decimal,
    pub amortization_method_enum: i64,
    pub interest_method_enum: i64,
    pub interest_calculated_in_period_enum: i64,
    pub loan_transaction_strategy_code: String,
    pub expected_disbursedon_date: NaiveDate,
    pub expected_firstrepaymenton_date: Option<NaiveDate>,
    pub interest_calculated_from_date: Option<NaiveDate>,
    pub expected_maturedon_date: Option<NaiveDate>,
    pub submittedon_date: NaiveDate,
    pub submittedon_userid: i64,
    pub loan_term_in_days: i64,
    /// The application body as submitted, so later commands regenerate the schedule from the same terms.
    pub application_json: Option<String>,
}

/// One stored installment.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct InstallmentRow {
    pub installment: i64,
    pub fromdate: NaiveDate,
    pub duedate: NaiveDate,
    pub principal_amount: DbAmount,
    pub interest_amount: DbAmount,
    pub fee_charges_amount: DbAmount,
    pub penalty_charges_amount: DbAmount,
    pub is_down_payment: bool,
}

/// A loan with the names the read shape shows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoanRecord {
    pub id: i64,
    pub account_no: String,
    pub external_id: Option<String>,
    pub client_id: i64,
    pub client_name: String,
    pub client_account_no: Option<String>,
    pub client_office_id: i64,
    pub office_hierarchy: String,
    pub product_id: i64,
    pub product_name: String,
    pub product_description: Option<String>,
    pub loan_status_id: i64,
    pub loan_type_enum: i64,
    pub currency_code: String,
    pub currency_digits: i64,
    pub currency_multiplesof: i64,
    pub principal_amount_proposed: DbAmount,
    pub principal_amount: DbAmount,
    pub approved_principal: DbAmount,
    pub term_frequency: i64,
    pub term_period_frequency_enum: i64,
    pub number_of_repayments: i64,
    pub repay_every: i64,
    pub repayment_period_frequency_enum: i64,
    pub nominal_interest_rate_per_period: DbAmount,
    pub interest_period_frequency_enum: i64,
    pub annual_nominal_interest_rate: DbAmount,
    pub amortization_method_enum: i64,
    pub interest_method_enum: i64,
    pub interest_calculated_in_period_enum: i64,
    pub loan_transaction_strategy_code: String,
    pub expected_disbursedon_date: NaiveDate,
    pub expected_firstrepaymenton_date: Option<NaiveDate>,
    pub interest_calculated_from_date: Option<NaiveDate>,
    pub expected_maturedon_date: Option<NaiveDate>,
    pub submittedon_date: NaiveDate,
    pub submittedon_userid: i64,
    pub submitted_by: Option<String>,
    pub submitted_by_firstname: Option<String>,
    pub submitted_by_lastname: Option<String>,
    pub loan_term_in_days: i64,
    pub application_json: Option<String>,
    pub loan_officer_id: Option<i64>,
    pub loan_officer_name: Option<String>,
    pub approvedon_date: Option<NaiveDate>,
    pub approved_by: Option<String>,
    pub rejectedon_date: Option<NaiveDate>,
    pub withdrawnon_date: Option<NaiveDate>,
    pub disbursedon_date: Option<NaiveDate>,
    pub disbursed_by: Option<String>,
    pub closedon_date: Option<NaiveDate>,
    pub writtenoffon_date: Option<NaiveDate>,
    /// Fineract's `loan_sub_status_id`: 100 once foreclosed.
    pub loan_sub_status_id: Option<i64>,
}

// The loan record's columns and joins, as macros so that the versioned read (`super::read`) can add its
// columns to the same text at compile time.
macro_rules! loan_columns {
    () => {
        "SELECT l.id, l.account_no, l.external_id, l.client_id, c.display_name AS client_name, \
    c.account_no AS client_account_no, c.office_id AS client_office_id, o.hierarchy AS office_hierarchy, \
    l.product_id, p.name AS product_name, p.description AS product_description, l.loan_status_id, \
    l.loan_type_enum, l.currency_code, l.currency_digits, l.currency_multiplesof, l.principal_amount_proposed, \
    l.principal_amount, l.approved_principal, l.term_frequency, l.term_period_frequency_enum, \
    l.number_of_repayments, l.repay_every, l.repayment_period_frequency_enum, \
    l.nominal_interest_rate_per_period, l.interest_period_frequency_enum, l.annual_nominal_interest_rate, \
    l.amortization_method_enum, l.interest_method_enum, l.interest_calculated_in_period_enum, \
    l.loan_transaction_strategy_code, l.expected_disbursedon_date, l.expected_firstrepaymenton_date, \
    l.interest_calculated_from_date, l.expected_maturedon_date, l.submittedon_date, l.submittedon_userid, \
    sb.username AS submitted_by, sb.firstname AS submitted_by_firstname, sb.lastname AS submitted_by_lastname, \
    l.loan_term_in_days, l.application_json, l.loan_officer_id, st.display_name AS loan_officer_name, \
    l.approvedon_date, ab.username AS approved_by, l.rejectedon_date, l.withdrawnon_date, l.disbursedon_date, \
    db.username AS disbursed_by, l.closedon_date, l.writtenoffon_date, l.loan_sub_status_id "
    };
}
macro_rules! loan_from {
    () => {
        "FROM m_loan l \
    JOIN m_client c ON c.id = l.client_id \
    JOIN m_office o ON o.id = c.office_id \
    JOIN m_product_loan p ON p.id = l.product_id \
    LEFT JOIN m_appuser sb ON sb.id = l.submittedon_userid \
    LEFT JOIN m_appuser ab ON ab.id = l.approvedon_userid \
    LEFT JOIN m_appuser db ON db.id = l.disbursedon_userid \
    LEFT JOIN m_staff st ON st.id = l.loan_officer_id"
    };
}
pub(crate) use {loan_columns, loan_from};

const SELECT: &str = concat!(loan_columns!(), loan_from!());

/// Inserts a loan and its installments; without an account number the default one is derived from the id.
pub async fn insert_in_tx(
    tx: &mut Tx,
    n: &NewLoan,
    installments: &[InstallmentRow],
    default_account_no: fn(i64) -> String,
) -> StoreResult<(i64, String)> {
    let mut c = tx.conn();
    // A placeholder account number keeps the column NOT NULL until the id is known.
    let placeholder = n
        .account_no
        .clone()
        .unwrap_or_else(|| format!("pending-{}", uuid::Uuid::new_v4().simple()));
    let sql = "INSERT INTO m_loan (account_no, external_id, client_id, product_id, loan_status_id, loan_type_enum, \
        currency_code, currency_digits, currency_multiplesof, principal_amount_proposed, principal_amount, \
        approved_principal, term_frequency, term_period_frequency_enum, number_of_repayments, repay_every, \
        repayment_period_frequency_enum, nominal_interest_rate_per_period, interest_period_frequency_enum, \
        annual_nominal_interest_rate, amortization_method_enum, interest_method_enum, \
        interest_calculated_in_period_enum, loan_transaction_strategy_code, expected_disbursedon_date, \
        expected_firstrepaymenton_date, interest_calculated_from_date, expected_maturedon_date, submittedon_date, \
        submittedon_userid, loan_term_in_days, application_json) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
        $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(&placeholder).bind(&n.external_id).bind(n.client_id).bind(n.product_id).bind(n.loan_status_id)
        .bind(n.loan_type_enum).bind(&n.currency_code).bind(n.currency_digits).bind(n.currency_multiplesof)
        .bind(DbAmount(n.principal)).bind(n.term_frequency).bind(n.term_period_frequency_enum)
        .bind(n.number_of_repayments).bind(n.repay_every).bind(n.repayment_period_frequency_enum)
        .bind(DbAmount(n.nominal_interest_rate_per_period)).bind(n.interest_period_frequency_enum)
        .bind(DbAmount(n.annual_nominal_interest_rate)).bind(n.amortization_method_enum)
        .bind(n.interest_method_enum).bind(n.interest_calculated_in_period_enum)
        .bind(&n.loan_transaction_strategy_code).bind(n.expected_disbursedon_date)
        .bind(n.expected_firstrepaymenton_date).bind(n.interest_calculated_from_date)
        .bind(n.expected_maturedon_date).bind(n.submittedon_date).bind(n.submittedon_userid)
        .bind(n.loan_term_in_days).bind(&n.application_json)
        .fetch_one(c).await?);
    let account_no = match &n.account_no {
        Some(a) => a.clone(),
        None => {
            let generated = default_account_no(id);
            let sql = "UPDATE m_loan SET account_no = $1 WHERE id = $2";
            on!(&mut c, c => sqlx::query(sql).bind(&generated).bind(id).execute(c).await.map(|_| ())?);
            generated
        }
    };
    insert_installments(&mut c, id, installments).await?;
    Ok((id, account_no))
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<LoanRecord>> {
    let sql = format!("{SELECT} WHERE l.id = $1");
    let row = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row)
}

pub async fn find_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Option<LoanRecord>> {
    let mut c = tx.conn();
    find(&mut c, id).await
}

/// Rewrites a loan's terms (the account number when given, the submitter kept) and replaces its schedule.
pub async fn update_in_tx(
    tx: &mut Tx,
    id: i64,
    n: &NewLoan,
    installments: &[InstallmentRow],
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_loan SET account_no = COALESCE($1, account_no), external_id = $2, client_id = $3, \
        product_id = $4, currency_code = $5, currency_digits = $6, currency_multiplesof = $7, \
        principal_amount_proposed = $8, principal_amount = $8, approved_principal = $8, term_frequency = $9, \
        term_period_frequency_enum = $10, number_of_repayments = $11, repay_every = $12, \
        repayment_period_frequency_enum = $13, nominal_interest_rate_per_period = $14, \
        interest_period_frequency_enum = $15, annual_nominal_interest_rate = $16, amortization_method_enum = $17, \
        interest_method_enum = $18, interest_calculated_in_period_enum = $19, \
        loan_transaction_strategy_code = $20, expected_disbursedon_date = $21, \
        expected_firstrepaymenton_date = $22, interest_calculated_from_date = $23, \
        expected_maturedon_date = $24, submittedon_date = $25, loan_term_in_days = $26, \
        application_json = COALESCE($28, application_json) WHERE id = $27";
    on!(&mut c, c => sqlx::query(sql)
        .bind(&n.account_no).bind(&n.external_id).bind(n.client_id).bind(n.product_id)
        .bind(&n.currency_code).bind(n.currency_digits).bind(n.currency_multiplesof)
        .bind(DbAmount(n.principal)).bind(n.term_frequency).bind(n.term_period_frequency_enum)
        .bind(n.number_of_repayments).bind(n.repay_every).bind(n.repayment_period_frequency_enum)
        .bind(DbAmount(n.nominal_interest_rate_per_period)).bind(n.interest_period_frequency_enum)
        .bind(DbAmount(n.annual_nominal_interest_rate)).bind(n.amortization_method_enum)
        .bind(n.interest_method_enum).bind(n.interest_calculated_in_period_enum)
        .bind(&n.loan_transaction_strategy_code).bind(n.expected_disbursedon_date)
        .bind(n.expected_firstrepaymenton_date).bind(n.interest_calculated_from_date)
        .bind(n.expected_maturedon_date).bind(n.submittedon_date).bind(n.loan_term_in_days).bind(id)
        .bind(&n.application_json)
        .execute(c).await.map(|_| ())?);
    let sql = "DELETE FROM m_loan_repayment_schedule WHERE loan_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    insert_installments(&mut c, id, installments).await
}

pub(crate) async fn insert_installments(
    c: &mut Conn<'_>,
    id: i64,
    installments: &[InstallmentRow],
) -> StoreResult<()> {
    let sql = "INSERT INTO m_loan_repayment_schedule (loan_id, installment, fromdate, duedate, principal_amount, \
        interest_amount, fee_charges_amount, penalty_charges_amount, is_down_payment) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    for i in installments {
        on!(c, c => sqlx::query(sql).bind(id).bind(i.installment).bind(i.fromdate).bind(i.duedate)
            .bind(i.principal_amount).bind(i.interest_amount).bind(i.fee_charges_amount)
            .bind(i.penalty_charges_amount).bind(i.is_down_payment)
            .execute(c).await.map(|_| ())?);
    }
    Ok(())
}

pub async fn installments(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<Vec<InstallmentRow>> {
    let sql = "SELECT installment, fromdate, duedate, principal_amount, interest_amount, fee_charges_amount, \
        penalty_charges_amount, is_down_payment FROM m_loan_repayment_schedule WHERE loan_id = $1 \
        ORDER BY installment";
    let rows = on!(c, c => sqlx::query_as(sql).bind(loan_id).fetch_all(c).await?);
    Ok(rows)
}

/// The id of the loan with `external_id`.
pub async fn id_by_external_id(c: &mut Conn<'_>, external_id: &str) -> StoreResult<Option<i64>> {
    let sql = "SELECT id FROM m_loan WHERE external_id = $1";
    Ok(on!(c, c => sqlx::query_scalar(sql).bind(external_id).fetch_optional(c).await?))
}

pub async fn external_id_taken(tx: &mut Tx, external_id: &str) -> StoreResult<bool> {
    let mut c = tx.conn();
    let sql = "SELECT COUNT(*) FROM m_loan WHERE external_id = $1";
    let n: i64 = on!(&mut c, c => sqlx::query_scalar(sql).bind(external_id).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn account_no_taken(tx: &mut Tx, account_no: &str) -> StoreResult<bool> {
    let mut c = tx.conn();
    let sql = "SELECT COUNT(*) FROM m_loan WHERE account_no = $1";
    let n: i64 = on!(&mut c, c => sqlx::query_scalar(sql).bind(account_no).fetch_one(c).await?);
    Ok(n > 0)
}

/// Deletes a loan and its schedule.
pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_loan_repayment_schedule WHERE loan_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    let sql = "DELETE FROM m_loan WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoanOrder {
    #[default]
    Id,
    AccountNo,
    ExternalId,
    Status,
    ClientName,
    ProductName,
    Principal,
    SubmittedOnDate,
    ExpectedDisbursementDate,
}

impl LoanOrder {
    fn column(self) -> &'static str {
        match self {
            LoanOrder::Id => "l.id",
            LoanOrder::AccountNo => "l.account_no",
            LoanOrder::ExternalId => "l.external_id",
            LoanOrder::Status => "l.loan_status_id",
            LoanOrder::ClientName => "c.display_name",
            LoanOrder::ProductName => "p.name",
            LoanOrder::Principal => "l.principal_amount",
            LoanOrder::SubmittedOnDate => "l.submittedon_date",
            LoanOrder::ExpectedDisbursementDate => "l.expected_disbursedon_date",
        }
    }
}

/// The loan list's filter: the caller's office subtree and the optional exact matches.
#[derive(Debug, Clone, Default)]
pub struct LoanFilter {
    pub within_hierarchy: String,
    pub external_id: Option<String>,
    pub account_no: Option<String>,
    pub status: Option<i64>,
}

const WHERE: &str = "o.hierarchy LIKE $1 || '%' AND ($2 IS NULL OR l.external_id = $2) \
    AND ($3 IS NULL OR l.account_no = $3) AND ($4 IS NULL OR l.loan_status_id = $4)";

/// A page of loans and the number matching the filter.
pub async fn list(
    c: &mut Conn<'_>,
    filter: &LoanFilter,
    order: LoanOrder,
    sort: SortOrder,
    page: PageBounds,
) -> StoreResult<(i64, Vec<LoanRecord>)> {
    let count_sql = format!(
        "SELECT COUNT(*) FROM m_loan l JOIN m_client c ON c.id = l.client_id \
         JOIN m_office o ON o.id = c.office_id JOIN m_product_loan p ON p.id = l.product_id WHERE {WHERE}"
    );
    let list_sql = format!(
        "{SELECT} WHERE {WHERE} ORDER BY {} {}, l.id LIMIT $5 OFFSET $6",
        order.column(),
        sort.sql()
    );
    let f = filter;
    let total: i64 = on!(c, c => sqlx::query_scalar(&count_sql).bind(&f.within_hierarchy)
        .bind(&f.external_id).bind(&f.account_no).bind(f.status).fetch_one(c).await?);
    let rows: Vec<LoanRecord> = on!(c, c => sqlx::query_as(&list_sql).bind(&f.within_hierarchy)
        .bind(&f.external_id).bind(&f.account_no).bind(f.status)
        .bind(page.limit).bind(page.offset).fetch_all(c).await?);
    Ok((total, rows))
}
