//! Payment types (`m_payment_type`; the name is stored in `value`, as in Fineract).

use kassa_domain::organisation::payment_type::{PaymentType, PaymentTypeDraft};

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct PaymentTypeRow {
    id: i64,
    value: String,
    description: Option<String>,
    is_cash_payment: bool,
    order_position: i64,
    code_name: Option<String>,
    is_system_defined: bool,
}

impl From<PaymentTypeRow> for PaymentType {
    fn from(r: PaymentTypeRow) -> Self {
        PaymentType {
            id: r.id,
            name: r.value,
            description: r.description,
            is_cash_payment: r.is_cash_payment,
            position: r.order_position,
            code_name: r.code_name,
            is_system_defined: r.is_system_defined,
        }
    }
}

const COLUMNS: &str =
    "id, value, description, is_cash_payment, order_position, code_name, is_system_defined";

/// Every payment type, by id; with `only_with_code`, only those that carry a `code_name`.
pub async fn list(c: &mut Conn<'_>, only_with_code: bool) -> StoreResult<Vec<PaymentType>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM m_payment_type WHERE ($1 = FALSE OR code_name IS NOT NULL) ORDER BY id"
    );
    let rows: Vec<PaymentTypeRow> =
        on!(c, c => sqlx::query_as(&sql).bind(only_with_code).fetch_all(c).await?);
    Ok(rows.into_iter().map(PaymentType::from).collect())
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<PaymentType>> {
    let sql = format!("SELECT {COLUMNS} FROM m_payment_type WHERE id = $1");
    let row: Option<PaymentTypeRow> =
        on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    Ok(row.map(PaymentType::from))
}

pub async fn insert_in_tx(tx: &mut Tx, draft: &PaymentTypeDraft) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_payment_type (value, description, is_cash_payment, order_position, code_name, \
               is_system_defined) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(&draft.name).bind(&draft.description).bind(draft.is_cash_payment).bind(draft.position)
        .bind(&draft.code_name).bind(draft.is_system_defined)
        .fetch_one(c).await?);
    Ok(id)
}

pub async fn update_in_tx(tx: &mut Tx, p: &PaymentType) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE m_payment_type SET value = $1, description = $2, is_cash_payment = $3, order_position = $4 \
               WHERE id = $5";
    on!(&mut c, c => sqlx::query(sql)
        .bind(&p.name).bind(&p.description).bind(p.is_cash_payment).bind(p.position).bind(p.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_payment_type WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
