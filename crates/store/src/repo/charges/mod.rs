//! Charge definitions (`m_charge`, Fineract's table and column names) and the loan products that use them
//! (`m_product_loan_charge`). Reads never see soft-deleted rows.

use kassa_domain::charges::{
    Charge, ChargeAppliesTo, ChargeCalculationType, ChargeDefinition, ChargePaymentMode,
    ChargeTimeType, FeeFrequency, FreeWithdrawal, MonthDay,
};

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::money::DbAmount;
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct ChargeRow {
    id: i64,
    name: String,
    currency_code: String,
    amount: DbAmount,
    charge_applies_to_enum: i64,
    charge_time_enum: i64,
    charge_calculation_enum: i64,
    charge_payment_mode_enum: Option<i64>,
    is_penalty: bool,
    is_active: bool,
    fee_on_month: Option<i64>,
    fee_on_day: Option<i64>,
    fee_interval: Option<i64>,
    fee_frequency: Option<i64>,
    min_cap: Option<DbAmount>,
    max_cap: Option<DbAmount>,
    is_free_withdrawal: bool,
    free_withdrawal_charge_frequency: Option<i64>,
    restart_frequency: Option<i64>,
    restart_frequency_enum: Option<i64>,
    payment_type_id: Option<i64>,
}

const COLUMNS: &str = "name, currency_code, amount, charge_applies_to_enum, charge_time_enum, \
    charge_calculation_enum, charge_payment_mode_enum, is_penalty, is_active, fee_on_month, fee_on_day, \
    fee_interval, fee_frequency, min_cap, max_cap, is_free_withdrawal, free_withdrawal_charge_frequency, \
    restart_frequency, restart_frequency_enum, is_payment_type, payment_type_id";

fn corrupt(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("m_charge.{what} = {value}"))
}

fn month_day(month: Option<i64>, day: Option<i64>) -> StoreResult<Option<MonthDay>> {
    match (month, day) {
        (Some(m), Some(d)) => {
            let md = u32::try_from(m)
                .ok()
                .zip(u32::try_from(d).ok())
                .and_then(|(m, d)| MonthDay::new(m, d));
            md.map(Some)
                .ok_or_else(|| corrupt("fee_on_month/fee_on_day", format!("{m}/{d}")))
        }
        _ => Ok(None),
    }
}

impl TryFrom<ChargeRow> for Charge {
    type Error = StoreError;

    fn try_from(r: ChargeRow) -> StoreResult<Charge> {
        let definition = ChargeDefinition {
            applies_to: ChargeAppliesTo::from_fineract_id(r.charge_applies_to_enum)
                .ok_or_else(|| corrupt("charge_applies_to_enum", r.charge_applies_to_enum))?,
            time_type: ChargeTimeType::from_fineract_id(r.charge_time_enum)
                .ok_or_else(|| corrupt("charge_time_enum", r.charge_time_enum))?,
            calculation_type: ChargeCalculationType::from_fineract_id(r.charge_calculation_enum)
                .ok_or_else(|| corrupt("charge_calculation_enum", r.charge_calculation_enum))?,
            payment_mode: r
                .charge_payment_mode_enum
                .map(|m| {
                    ChargePaymentMode::from_fineract_id(m)
                        .ok_or_else(|| corrupt("charge_payment_mode_enum", m))
                })
                .transpose()?,
            fee_frequency: r
                .fee_frequency
                .map(|f| {
                    FeeFrequency::from_fineract_id(f).ok_or_else(|| corrupt("fee_frequency", f))
                })
                .transpose()?,
            fee_on_month_day: month_day(r.fee_on_month, r.fee_on_day)?,
            name: r.name,
            currency_code: r.currency_code,
            amount: r.amount.0,
            penalty: r.is_penalty,
            active: r.is_active,
            fee_interval: r.fee_interval,
            min_cap: r.min_cap.map(|a| a.0),
            max_cap: r.max_cap.map(|a| a.0),
            free_withdrawal: r.is_free_withdrawal.then_some(FreeWithdrawal {
                frequency: r.free_withdrawal_charge_frequency,
                restart_frequency: r.restart_frequency,
                restart_frequency_type: r.restart_frequency_enum,
            }),
            payment_type_id: r.payment_type_id,
        };
        Ok(Charge {
            id: r.id,
            definition,
        })
    }
}

/// Binds every column of [`COLUMNS`], in order, from `$d: &ChargeDefinition`.
macro_rules! bind_definition {
    ($q:expr, $d:expr) => {{
        let d: &ChargeDefinition = $d;
        let fw = d.free_withdrawal;
        $q.bind(&d.name)
            .bind(&d.currency_code)
            .bind(DbAmount(d.amount))
            .bind(d.applies_to.fineract_id())
            .bind(d.time_type.fineract_id())
            .bind(d.calculation_type.fineract_id())
            .bind(d.payment_mode.map(|m| m.fineract_id()))
            .bind(d.penalty)
            .bind(d.active)
            .bind(d.fee_on_month_day.map(|m| i64::from(m.month)))
            .bind(d.fee_on_month_day.map(|m| i64::from(m.day)))
            .bind(d.fee_interval)
            .bind(d.fee_frequency.map(|f| f.fineract_id()))
            .bind(d.min_cap.map(DbAmount))
            .bind(d.max_cap.map(DbAmount))
            .bind(fw.is_some())
            .bind(fw.and_then(|f| f.frequency))
            .bind(fw.and_then(|f| f.restart_frequency))
            .bind(fw.and_then(|f| f.restart_frequency_type))
            .bind(d.payment_type_id.is_some())
            .bind(d.payment_type_id)
    }};
}

fn rows_into(rows: Vec<ChargeRow>) -> StoreResult<Vec<Charge>> {
    rows.into_iter().map(Charge::try_from).collect()
}

/// Every charge that is not deleted, by name (Fineract's order).
pub async fn list(c: &mut Conn<'_>) -> StoreResult<Vec<Charge>> {
    let sql =
        format!("SELECT id, {COLUMNS} FROM m_charge WHERE is_deleted = FALSE ORDER BY name, id");
    let rows: Vec<ChargeRow> = on!(c, c => sqlx::query_as(&sql).fetch_all(c).await?);
    rows_into(rows)
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<Charge>> {
    let sql = format!("SELECT id, {COLUMNS} FROM m_charge WHERE id = $1 AND is_deleted = FALSE");
    let row: Option<ChargeRow> =
        on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    row.map(Charge::try_from).transpose()
}

/// Whether another charge (deleted ones included: their names carry an id prefix) has `name`.
pub async fn name_taken(c: &mut Conn<'_>, name: &str, except_id: Option<i64>) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM m_charge WHERE name = $1 AND id <> $2";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(name).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

/// Whether any loan product lists the charge.
pub async fn used_by_loan_products(c: &mut Conn<'_>, id: i64) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM m_product_loan_charge WHERE charge_id = $1";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(id).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn insert_in_tx(tx: &mut Tx, d: &ChargeDefinition) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = format!(
        "INSERT INTO m_charge ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id"
    );
    let id: i64 =
        on!(&mut c, c => bind_definition!(sqlx::query_scalar(&sql), d).fetch_one(c).await?);
    Ok(id)
}

pub async fn update_in_tx(tx: &mut Tx, charge: &Charge) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_charge SET name = $1, currency_code = $2, amount = $3, charge_applies_to_enum = $4, \
               charge_time_enum = $5, charge_calculation_enum = $6, charge_payment_mode_enum = $7, \
               is_penalty = $8, is_active = $9, fee_on_month = $10, fee_on_day = $11, fee_interval = $12, \
               fee_frequency = $13, min_cap = $14, max_cap = $15, is_free_withdrawal = $16, \
               free_withdrawal_charge_frequency = $17, restart_frequency = $18, restart_frequency_enum = $19, \
               is_payment_type = $20, payment_type_id = $21 WHERE id = $22";
    on!(&mut c, c => bind_definition!(sqlx::query(sql), &charge.definition).bind(charge.id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// Fineract's soft delete: flagged, and renamed `<id>_<name>` so the name can be used again.
pub async fn delete_in_tx(tx: &mut Tx, charge: &Charge) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_charge SET is_deleted = TRUE, name = $1 WHERE id = $2";
    let renamed = format!("{}_{}", charge.id, charge.definition.name);
    on!(&mut c, c => sqlx::query(sql).bind(renamed).bind(charge.id).execute(c).await.map(|_| ())?);
    Ok(())
}

/// The active, not deleted charges a loan product lists, by id.
pub async fn loan_product_charges(c: &mut Conn<'_>, product_id: i64) -> StoreResult<Vec<Charge>> {
    let columns = COLUMNS
        .split(", ")
        .map(|col| format!("c.{}", col.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT c.id, {columns} FROM m_charge c JOIN m_product_loan_charge plc ON plc.charge_id = c.id \
         WHERE plc.product_loan_id = $1 AND c.is_deleted = FALSE AND c.is_active = TRUE ORDER BY c.id"
    );
    let rows: Vec<ChargeRow> =
        on!(c, c => sqlx::query_as(&sql).bind(product_id).fetch_all(c).await?);
    rows_into(rows)
}

/// The ids of every charge a loan product lists, whatever their state.
pub async fn loan_product_charge_ids(c: &mut Conn<'_>, product_id: i64) -> StoreResult<Vec<i64>> {
    let sql =
        "SELECT charge_id FROM m_product_loan_charge WHERE product_loan_id = $1 ORDER BY charge_id";
    let ids: Vec<i64> = on!(c, c => sqlx::query_scalar(sql).bind(product_id).fetch_all(c).await?);
    Ok(ids)
}

/// Replaces the charges a loan product lists.
pub async fn set_loan_product_charges_in_tx(
    tx: &mut Tx,
    product_id: i64,
    charge_ids: &[i64],
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_product_loan_charge WHERE product_loan_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(product_id).execute(c).await.map(|_| ())?);
    let sql = "INSERT INTO m_product_loan_charge (product_loan_id, charge_id) VALUES ($1, $2)";
    for id in charge_ids {
        on!(&mut c, c => sqlx::query(sql).bind(product_id).bind(*id).execute(c).await.map(|_| ())?);
    }
    Ok(())
}

/// Active loan charges that are (or are not) penalties, by name: a loan product's options.
pub async fn loan_options(c: &mut Conn<'_>, penalty: bool) -> StoreResult<Vec<Charge>> {
    let sql = format!(
        "SELECT id, {COLUMNS} FROM m_charge WHERE is_deleted = FALSE AND is_active = TRUE \
         AND is_penalty = $1 AND charge_applies_to_enum = $2 ORDER BY name, id"
    );
    let rows: Vec<ChargeRow> = on!(c, c => sqlx::query_as(&sql)
        .bind(penalty)
        .bind(ChargeAppliesTo::Loan.fineract_id())
        .fetch_all(c)
        .await?);
    rows_into(rows)
}
