//! Loan products (`m_product_loan`, Fineract's table and column names). Money and rates go through
//! [`DbAmount`]; enums are stored as Fineract's ids, the schedule types as their names.

use chrono::NaiveDate;
use kassa_domain::loan_products::{
    days_in_month_enum, days_in_year_enum, AccountingRule, Amortization, AttributeOverrides,
    InterestCalculationPeriod, InterestMethod, LoanProduct, LoanProductTerms, RateFrequency,
    ScheduleProcessingType, ScheduleType,
};
use kassa_domain::loans::common::{DaysInMonth, DaysInYear, PeriodFrequency};

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::money::DbAmount;
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct LoanProductRow {
    id: i64,
    name: String,
    short_name: String,
    description: Option<String>,
    fund_id: Option<i64>,
    external_id: Option<String>,
    currency_code: String,
    currency_digits: i64,
    currency_multiplesof: i64,
    instalment_amount_in_multiples_of: Option<DbAmount>,
    principal_amount: DbAmount,
    min_principal_amount: Option<DbAmount>,
    max_principal_amount: Option<DbAmount>,
    number_of_repayments: i64,
    min_number_of_repayments: Option<i64>,
    max_number_of_repayments: Option<i64>,
    repay_every: i64,
    repayment_period_frequency_enum: i64,
    nominal_interest_rate_per_period: DbAmount,
    min_nominal_interest_rate_per_period: Option<DbAmount>,
    max_nominal_interest_rate_per_period: Option<DbAmount>,
    interest_period_frequency_enum: i64,
    amortization_method_enum: i64,
    interest_method_enum: i64,
    interest_calculated_in_period_enum: i64,
    allow_partial_period_interest_calcualtion: bool,
    arrearstolerance_amount: Option<DbAmount>,
    loan_transaction_strategy_code: String,
    grace_on_principal_periods: Option<i64>,
    grace_on_interest_periods: Option<i64>,
    grace_interest_free_periods: Option<i64>,
    grace_on_arrears_ageing: Option<i64>,
    days_in_year_enum: i64,
    days_in_month_enum: i64,
    accounting_type: i64,
    accounting_mappings: String,
    loan_schedule_type: String,
    loan_schedule_processing_type: String,
    fixed_principal_percentage_per_installment: Option<DbAmount>,
    is_equal_amortization: bool,
    allow_multiple_disbursals: bool,
    max_disbursals: Option<i64>,
    max_outstanding_loan_balance: Option<DbAmount>,
    enable_down_payment: bool,
    disbursed_amount_percentage_for_down_payment: Option<DbAmount>,
    enable_auto_repayment_for_down_payment: bool,
    override_amortization_type: bool,
    override_interest_type: bool,
    override_transaction_processing_strategy: bool,
    override_interest_calculation_period_type: bool,
    override_in_arrears_tolerance: bool,
    override_repayment_every: bool,
    override_grace_on_principal_and_interest: bool,
    override_grace_on_arrears_ageing: bool,
    start_date: Option<NaiveDate>,
    close_date: Option<NaiveDate>,
    include_in_borrower_cycle: bool,
    can_define_fixed_emi_amount: bool,
    can_use_for_topup: bool,
    overdue_days_for_npa: Option<i64>,
    min_days_between_disbursal_and_first_repayment: Option<i64>,
}

const COLUMNS: &str = "name, short_name, description, fund_id, external_id, currency_code, currency_digits, currency_multiplesof, instalment_amount_in_multiples_of, principal_amount, min_principal_amount, max_principal_amount, number_of_repayments, min_number_of_repayments, max_number_of_repayments, repay_every, repayment_period_frequency_enum, nominal_interest_rate_per_period, min_nominal_interest_rate_per_period, max_nominal_interest_rate_per_period, interest_period_frequency_enum, amortization_method_enum, interest_method_enum, interest_calculated_in_period_enum, allow_partial_period_interest_calcualtion, arrearstolerance_amount, loan_transaction_strategy_code, grace_on_principal_periods, grace_on_interest_periods, grace_interest_free_periods, grace_on_arrears_ageing, days_in_year_enum, days_in_month_enum, accounting_type, accounting_mappings, loan_schedule_type, loan_schedule_processing_type, fixed_principal_percentage_per_installment, is_equal_amortization, allow_multiple_disbursals, max_disbursals, max_outstanding_loan_balance, enable_down_payment, disbursed_amount_percentage_for_down_payment, enable_auto_repayment_for_down_payment, override_amortization_type, override_interest_type, override_transaction_processing_strategy, override_interest_calculation_period_type, override_in_arrears_tolerance, override_repayment_every, override_grace_on_principal_and_interest, override_grace_on_arrears_ageing, start_date, close_date, include_in_borrower_cycle, can_define_fixed_emi_amount, can_use_for_topup, overdue_days_for_npa, min_days_between_disbursal_and_first_repayment";

fn corrupt(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("m_product_loan.{what} = {value}"))
}

fn days_in_year_id(d: DaysInYear) -> i64 {
    days_in_year_enum(d).0
}

fn days_in_month_id(d: DaysInMonth) -> i64 {
    days_in_month_enum(d).0
}

/// GL account mappings as `key=id` pairs separated by commas; keys come from the API's whitelist.
fn encode_mappings(m: &[(String, i64)]) -> String {
    m.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn decode_mappings(s: &str) -> StoreResult<Vec<(String, i64)>> {
    s.split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p
                .split_once('=')
                .ok_or_else(|| corrupt("accounting_mappings", s))?;
            let v = v.parse().map_err(|_| corrupt("accounting_mappings", s))?;
            Ok((k.to_string(), v))
        })
        .collect()
}

impl TryFrom<LoanProductRow> for LoanProduct {
    type Error = StoreError;

    fn try_from(r: LoanProductRow) -> StoreResult<LoanProduct> {
        let terms = LoanProductTerms {
            name: r.name,
            short_name: r.short_name,
            description: r.description,
            fund_id: r.fund_id,
            external_id: r.external_id,
            currency_code: r.currency_code,
            digits_after_decimal: r.currency_digits,
            in_multiples_of: r.currency_multiplesof,
            installment_amount_in_multiples_of: r.instalment_amount_in_multiples_of.map(|a| a.0),
            principal: r.principal_amount.0,
            min_principal: r.min_principal_amount.map(|a| a.0),
            max_principal: r.max_principal_amount.map(|a| a.0),
            number_of_repayments: r.number_of_repayments,
            min_number_of_repayments: r.min_number_of_repayments,
            max_number_of_repayments: r.max_number_of_repayments,
            repayment_every: r.repay_every,
            repayment_frequency: PeriodFrequency::from_fineract_id(
                r.repayment_period_frequency_enum,
            )
            .ok_or_else(|| {
                corrupt(
                    "repayment_period_frequency_enum",
                    r.repayment_period_frequency_enum,
                )
            })?,
            interest_rate_per_period: r.nominal_interest_rate_per_period.0,
            min_interest_rate_per_period: r.min_nominal_interest_rate_per_period.map(|a| a.0),
            max_interest_rate_per_period: r.max_nominal_interest_rate_per_period.map(|a| a.0),
            interest_rate_frequency: RateFrequency::from_fineract_id(
                r.interest_period_frequency_enum,
            )
            .ok_or_else(|| {
                corrupt(
                    "interest_period_frequency_enum",
                    r.interest_period_frequency_enum,
                )
            })?,
            amortization: Amortization::from_fineract_id(r.amortization_method_enum)
                .ok_or_else(|| corrupt("amortization_method_enum", r.amortization_method_enum))?,
            interest_method: InterestMethod::from_fineract_id(r.interest_method_enum)
                .ok_or_else(|| corrupt("interest_method_enum", r.interest_method_enum))?,
            interest_calculation_period: InterestCalculationPeriod::from_fineract_id(
                r.interest_calculated_in_period_enum,
            )
            .ok_or_else(|| {
                corrupt(
                    "interest_calculated_in_period_enum",
                    r.interest_calculated_in_period_enum,
                )
            })?,
            allow_partial_period_interest_calculation: r.allow_partial_period_interest_calcualtion,
            in_arrears_tolerance: r.arrearstolerance_amount.map(|a| a.0),
            transaction_processing_strategy_code: r.loan_transaction_strategy_code,
            grace_on_principal_payment: r.grace_on_principal_periods,
            grace_on_interest_payment: r.grace_on_interest_periods,
            grace_on_interest_charged: r.grace_interest_free_periods,
            grace_on_arrears_ageing: r.grace_on_arrears_ageing,
            days_in_year: DaysInYear::from_fineract_id(r.days_in_year_enum)
                .ok_or_else(|| corrupt("days_in_year_enum", r.days_in_year_enum))?,
            days_in_month: DaysInMonth::from_fineract_id(r.days_in_month_enum)
                .ok_or_else(|| corrupt("days_in_month_enum", r.days_in_month_enum))?,
            accounting_rule: AccountingRule::from_fineract_id(r.accounting_type)
                .ok_or_else(|| corrupt("accounting_type", r.accounting_type))?,
            accounting_mappings: decode_mappings(&r.accounting_mappings)?,
            schedule_type: ScheduleType::from_code(&r.loan_schedule_type)
                .ok_or_else(|| corrupt("loan_schedule_type", &r.loan_schedule_type))?,
            schedule_processing_type: ScheduleProcessingType::from_code(
                &r.loan_schedule_processing_type,
            )
            .ok_or_else(|| {
                corrupt(
                    "loan_schedule_processing_type",
                    &r.loan_schedule_processing_type,
                )
            })?,
            fixed_principal_percentage_per_installment: r
                .fixed_principal_percentage_per_installment
                .map(|a| a.0),
            is_equal_amortization: r.is_equal_amortization,
            multi_disburse_loan: r.allow_multiple_disbursals,
            max_tranche_count: r.max_disbursals,
            outstanding_loan_balance: r.max_outstanding_loan_balance.map(|a| a.0),
            enable_down_payment: r.enable_down_payment,
            disbursed_amount_percentage_for_down_payment: r
                .disbursed_amount_percentage_for_down_payment
                .map(|a| a.0),
            enable_auto_repayment_for_down_payment: r.enable_auto_repayment_for_down_payment,
            attribute_overrides: AttributeOverrides {
                amortization_type: r.override_amortization_type,
                interest_type: r.override_interest_type,
                transaction_processing_strategy_code: r.override_transaction_processing_strategy,
                interest_calculation_period_type: r.override_interest_calculation_period_type,
                in_arrears_tolerance: r.override_in_arrears_tolerance,
                repayment_every: r.override_repayment_every,
                grace_on_principal_and_interest_payment: r.override_grace_on_principal_and_interest,
                grace_on_arrears_ageing: r.override_grace_on_arrears_ageing,
            },
            start_date: r.start_date,
            close_date: r.close_date,
            include_in_borrower_cycle: r.include_in_borrower_cycle,
            can_define_installment_amount: r.can_define_fixed_emi_amount,
            can_use_for_topup: r.can_use_for_topup,
            overdue_days_for_npa: r.overdue_days_for_npa,
            minimum_days_between_disbursal_and_first_repayment: r
                .min_days_between_disbursal_and_first_repayment,
        };
        Ok(LoanProduct { id: r.id, terms })
    }
}

/// Binds every column of [`COLUMNS`], in order, from `$t: &LoanProductTerms`.
macro_rules! bind_terms {
    ($q:expr, $t:expr) => {{
        let t: &LoanProductTerms = $t;
        $q.bind(&t.name)
            .bind(&t.short_name)
            .bind(&t.description)
            .bind(t.fund_id)
            .bind(&t.external_id)
            .bind(&t.currency_code)
            .bind(t.digits_after_decimal)
            .bind(t.in_multiples_of)
            .bind(t.installment_amount_in_multiples_of.map(DbAmount))
            .bind(DbAmount(t.principal))
            .bind(t.min_principal.map(DbAmount))
            .bind(t.max_principal.map(DbAmount))
            .bind(t.number_of_repayments)
            .bind(t.min_number_of_repayments)
            .bind(t.max_number_of_repayments)
            .bind(t.repayment_every)
            .bind(t.repayment_frequency.fineract_id())
            .bind(DbAmount(t.interest_rate_per_period))
            .bind(t.min_interest_rate_per_period.map(DbAmount))
            .bind(t.max_interest_rate_per_period.map(DbAmount))
            .bind(t.interest_rate_frequency.fineract_id())
            .bind(t.amortization.fineract_id())
            .bind(t.interest_method.fineract_id())
            .bind(t.interest_calculation_period.fineract_id())
            .bind(t.allow_partial_period_interest_calculation)
            .bind(t.in_arrears_tolerance.map(DbAmount))
            .bind(&t.transaction_processing_strategy_code)
            .bind(t.grace_on_principal_payment)
            .bind(t.grace_on_interest_payment)
            .bind(t.grace_on_interest_charged)
            .bind(t.grace_on_arrears_ageing)
            .bind(days_in_year_id(t.days_in_year))
            .bind(days_in_month_id(t.days_in_month))
            .bind(t.accounting_rule.fineract_id())
            .bind(encode_mappings(&t.accounting_mappings))
            .bind(t.schedule_type.code())
            .bind(t.schedule_processing_type.code())
            .bind(t.fixed_principal_percentage_per_installment.map(DbAmount))
            .bind(t.is_equal_amortization)
            .bind(t.multi_disburse_loan)
            .bind(t.max_tranche_count)
            .bind(t.outstanding_loan_balance.map(DbAmount))
            .bind(t.enable_down_payment)
            .bind(t.disbursed_amount_percentage_for_down_payment.map(DbAmount))
            .bind(t.enable_auto_repayment_for_down_payment)
            .bind(t.attribute_overrides.amortization_type)
            .bind(t.attribute_overrides.interest_type)
            .bind(t.attribute_overrides.transaction_processing_strategy_code)
            .bind(t.attribute_overrides.interest_calculation_period_type)
            .bind(t.attribute_overrides.in_arrears_tolerance)
            .bind(t.attribute_overrides.repayment_every)
            .bind(
                t.attribute_overrides
                    .grace_on_principal_and_interest_payment,
            )
            .bind(t.attribute_overrides.grace_on_arrears_ageing)
            .bind(t.start_date)
            .bind(t.close_date)
            .bind(t.include_in_borrower_cycle)
            .bind(t.can_define_installment_amount)
            .bind(t.can_use_for_topup)
            .bind(t.overdue_days_for_npa)
            .bind(t.minimum_days_between_disbursal_and_first_repayment)
    }};
}

fn rows_into(rows: Vec<LoanProductRow>) -> StoreResult<Vec<LoanProduct>> {
    rows.into_iter().map(LoanProduct::try_from).collect()
}

/// Every loan product, by id.
pub async fn list(c: &mut Conn<'_>) -> StoreResult<Vec<LoanProduct>> {
    let sql = format!("SELECT id, {COLUMNS} FROM m_product_loan ORDER BY id");
    let rows: Vec<LoanProductRow> = on!(c, c => sqlx::query_as(&sql).fetch_all(c).await?);
    rows_into(rows)
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<LoanProduct>> {
    let sql = format!("SELECT id, {COLUMNS} FROM m_product_loan WHERE id = $1");
    let row: Option<LoanProductRow> =
        on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    row.map(LoanProduct::try_from).transpose()
}

/// The id of the product with this external id.
pub async fn id_by_external_id(c: &mut Conn<'_>, external_id: &str) -> StoreResult<Option<i64>> {
    let sql = "SELECT id FROM m_product_loan WHERE external_id = $1";
    let id: Option<i64> =
        on!(c, c => sqlx::query_scalar(sql).bind(external_id).fetch_optional(c).await?);
    Ok(id)
}

/// Whether another product (other than `except_id`) already holds `value` in the unique `column`.
async fn taken(
    c: &mut Conn<'_>,
    column: &'static str,
    value: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    let sql = format!("SELECT COUNT(*) FROM m_product_loan WHERE {column} = $1 AND id <> $2");
    let n: i64 = on!(c, c => sqlx::query_scalar(&sql).bind(value).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn name_taken(c: &mut Conn<'_>, name: &str, except_id: Option<i64>) -> StoreResult<bool> {
    taken(c, "name", name, except_id).await
}

pub async fn short_name_taken(
    c: &mut Conn<'_>,
    short_name: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    taken(c, "short_name", short_name, except_id).await
}

pub async fn external_id_taken(
    c: &mut Conn<'_>,
    external_id: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    taken(c, "external_id", external_id, except_id).await
}

pub async fn insert_in_tx(tx: &mut Tx, terms: &LoanProductTerms) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = format!("INSERT INTO m_product_loan ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50, $51, $52, $53, $54, $55, $56, $57, $58, $59, $60) RETURNING id");
    let id: i64 =
        on!(&mut c, c => bind_terms!(sqlx::query_scalar(&sql), terms).fetch_one(c).await?);
    Ok(id)
}

pub async fn update_in_tx(tx: &mut Tx, p: &LoanProduct) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_product_loan SET name = $1, short_name = $2, description = $3, fund_id = $4, external_id = $5, currency_code = $6, currency_digits = $7, currency_multiplesof = $8, instalment_amount_in_multiples_of = $9, principal_amount = $10, min_principal_amount = $11, max_principal_amount = $12, number_of_repayments = $13, min_number_of_repayments = $14, max_number_of_repayments = $15, repay_every = $16, repayment_period_frequency_enum = $17, nominal_interest_rate_per_period = $18, min_nominal_interest_rate_per_period = $19, max_nominal_interest_rate_per_period = $20, interest_period_frequency_enum = $21, amortization_method_enum = $22, interest_method_enum = $23, interest_calculated_in_period_enum = $24, allow_partial_period_interest_calcualtion = $25, arrearstolerance_amount = $26, loan_transaction_strategy_code = $27, grace_on_principal_periods = $28, grace_on_interest_periods = $29, grace_interest_free_periods = $30, grace_on_arrears_ageing = $31, days_in_year_enum = $32, days_in_month_enum = $33, accounting_type = $34, accounting_mappings = $35, loan_schedule_type = $36, loan_schedule_processing_type = $37, fixed_principal_percentage_per_installment = $38, is_equal_amortization = $39, allow_multiple_disbursals = $40, max_disbursals = $41, max_outstanding_loan_balance = $42, enable_down_payment = $43, disbursed_amount_percentage_for_down_payment = $44, enable_auto_repayment_for_down_payment = $45, override_amortization_type = $46, override_interest_type = $47, override_transaction_processing_strategy = $48, override_interest_calculation_period_type = $49, override_in_arrears_tolerance = $50, override_repayment_every = $51, override_grace_on_principal_and_interest = $52, override_grace_on_arrears_ageing = $53, start_date = $54, close_date = $55, include_in_borrower_cycle = $56, can_define_fixed_emi_amount = $57, can_use_for_topup = $58, overdue_days_for_npa = $59, min_days_between_disbursal_and_first_repayment = $60 WHERE id = $61";
    on!(&mut c, c => bind_terms!(sqlx::query(sql), &p.terms).bind(p.id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// What posting a loan's journal entries needs of its product: the accounting rule, the GL mappings and
/// the loan's currency, in one query.
#[derive(Debug, Clone, PartialEq)]
pub struct LoanAccounting {
    pub product_id: i64,
    pub rule: AccountingRule,
    pub mappings: Vec<(String, i64)>,
    pub currency_code: String,
}

pub async fn accounting_of_loan_in_tx(
    tx: &mut Tx,
    loan_id: i64,
) -> StoreResult<Option<LoanAccounting>> {
    let sql =
        "SELECT p.id, p.accounting_type, p.accounting_mappings, l.currency_code FROM m_loan l \
        JOIN m_product_loan p ON p.id = l.product_id WHERE l.id = $1";
    let mut c = tx.conn();
    let row: Option<(i64, i64, String, String)> =
        on!(&mut c, c => sqlx::query_as(sql).bind(loan_id).fetch_optional(c).await?);
    let Some((product_id, rule, mappings, currency_code)) = row else {
        return Ok(None);
    };
    Ok(Some(LoanAccounting {
        product_id,
        rule: AccountingRule::from_fineract_id(rule)
            .ok_or_else(|| corrupt("accounting_type", rule))?,
        mappings: decode_mappings(&mappings)?,
        currency_code,
    }))
}
