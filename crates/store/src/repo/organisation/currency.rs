//! Currencies: the platform's ISO list (`m_currency`) and the organisation's enabled subset
//! (`m_organisation_currency`, which copies the chosen rows).

use kassa_domain::organisation::currency::Currency;

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct CurrencyRow {
    code: String,
    name: String,
    decimal_places: i64,
    currency_multiplesof: Option<i64>,
    display_symbol: Option<String>,
    internationalized_name_code: String,
}

impl TryFrom<CurrencyRow> for Currency {
    type Error = StoreError;
    fn try_from(r: CurrencyRow) -> Result<Self, Self::Error> {
        let decimal_places = u32::try_from(r.decimal_places).map_err(|_| {
            StoreError::Corrupt(format!(
                "currency {} has {} decimal places",
                r.code, r.decimal_places
            ))
        })?;
        Ok(Currency {
            code: r.code,
            name: r.name,
            decimal_places,
            in_multiples_of: r.currency_multiplesof,
            display_symbol: r.display_symbol,
            name_code: r.internationalized_name_code,
        })
    }
}

const COLUMNS: &str =
    "code, name, decimal_places, currency_multiplesof, display_symbol, internationalized_name_code";

/// Which of the two tables a query reads; both have the same columns.
#[derive(Debug, Clone, Copy)]
enum Table {
    Platform,
    Organisation,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Platform => "m_currency",
            Table::Organisation => "m_organisation_currency",
        }
    }
}

async fn list(c: &mut Conn<'_>, table: Table) -> StoreResult<Vec<Currency>> {
    let sql = format!("SELECT {COLUMNS} FROM {} ORDER BY name, code", table.name());
    let rows: Vec<CurrencyRow> = on!(c, c => sqlx::query_as(&sql).fetch_all(c).await?);
    rows.into_iter().map(Currency::try_from).collect()
}

async fn find(c: &mut Conn<'_>, table: Table, code: &str) -> StoreResult<Option<Currency>> {
    let sql = format!("SELECT {COLUMNS} FROM {} WHERE code = $1", table.name());
    let row: Option<CurrencyRow> =
        on!(c, c => sqlx::query_as(&sql).bind(code).fetch_optional(c).await?);
    row.map(Currency::try_from).transpose()
}

/// Every currency the platform knows, by name (as Fineract lists them).
pub async fn list_platform(c: &mut Conn<'_>) -> StoreResult<Vec<Currency>> {
    list(c, Table::Platform).await
}

/// The organisation's enabled currencies, by name.
pub async fn list_enabled(c: &mut Conn<'_>) -> StoreResult<Vec<Currency>> {
    list(c, Table::Organisation).await
}

/// A currency of the platform list, enabled or not.
pub async fn find_platform(c: &mut Conn<'_>, code: &str) -> StoreResult<Option<Currency>> {
    find(c, Table::Platform, code).await
}

/// An enabled currency with its decimal places and `inMultiplesOf`, or None when the organisation has
/// not enabled it.
pub async fn find_enabled(c: &mut Conn<'_>, code: &str) -> StoreResult<Option<Currency>> {
    find(c, Table::Organisation, code).await
}

/// Replaces the organisation's currencies with `currencies`.
pub async fn replace_enabled_in_tx(tx: &mut Tx, currencies: &[Currency]) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_organisation_currency";
    on!(&mut c, c => sqlx::query(sql).execute(c).await.map(|_| ())?);
    let sql = "INSERT INTO m_organisation_currency (code, decimal_places, currency_multiplesof, name, display_symbol, \
               internationalized_name_code) VALUES ($1, $2, $3, $4, $5, $6)";
    for cur in currencies {
        on!(&mut c, c => sqlx::query(sql)
            .bind(&cur.code).bind(i64::from(cur.decimal_places)).bind(cur.in_multiples_of).bind(&cur.name)
            .bind(&cur.display_symbol).bind(&cur.name_code)
            .execute(c).await.map(|_| ())?);
    }
    Ok(())
}
