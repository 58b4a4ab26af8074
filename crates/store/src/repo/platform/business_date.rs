//! Business dates (`m_business_date`): the tenant's "today" when the business date is enabled.

use chrono::NaiveDate;
use kassa_domain::platform::business_date::BusinessDateType;
use kassa_domain::platform::configuration::names::ENABLE_BUSINESS_DATE;

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::on;

/// The stored business date of `kind`, whatever the configuration says.
pub async fn find_business_date(
    c: &mut Conn<'_>,
    kind: BusinessDateType,
) -> StoreResult<Option<NaiveDate>> {
    let sql = "SELECT date FROM m_business_date WHERE type = $1";
    let d: Option<NaiveDate> =
        on!(c, c => sqlx::query_scalar(sql).bind(kind.name()).fetch_optional(c).await?);
    Ok(d)
}

/// Every stored business date, by id.
pub async fn list_business_dates(
    c: &mut Conn<'_>,
) -> StoreResult<Vec<(BusinessDateType, NaiveDate)>> {
    let sql = "SELECT type, date FROM m_business_date ORDER BY id";
    let rows: Vec<(String, NaiveDate)> = on!(c, c => sqlx::query_as(sql).fetch_all(c).await?);
    rows.into_iter()
        .map(|(kind, date)| {
            BusinessDateType::from_name(&kind)
                .map(|k| (k, date))
                .ok_or_else(|| StoreError::Corrupt(format!("unknown business date type `{kind}`")))
        })
        .collect()
}

/// The business date when `enable-business-date` is on and a business date is stored; one query, as
/// every write asks it.
pub async fn effective_business_date(c: &mut Conn<'_>) -> StoreResult<Option<NaiveDate>> {
    let sql = "SELECT b.date FROM m_business_date b WHERE b.type = $1 AND EXISTS \
               (SELECT 1 FROM c_configuration g WHERE g.name = $2 AND g.enabled = $3)";
    let d: Option<NaiveDate> = on!(c, c => sqlx::query_scalar(sql)
        .bind(BusinessDateType::BusinessDate.name()).bind(ENABLE_BUSINESS_DATE).bind(true)
        .fetch_optional(c).await?);
    Ok(d)
}

pub async fn set_business_date_in_tx(
    tx: &mut Tx,
    kind: BusinessDateType,
    date: NaiveDate,
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "INSERT INTO m_business_date (type, date) VALUES ($1, $2) \
               ON CONFLICT (type) DO UPDATE SET date = excluded.date";
    on!(&mut c, c => sqlx::query(sql).bind(kind.name()).bind(date).execute(c).await.map(|_| ())?);
    Ok(())
}
