//! A loan read in two parts: the loan record with the versions that say whether rows kept from an earlier
//! read are still the database's (one statement), and, when they are not, every row the read shows beside
//! m_loan's own columns (one snapshot). Migration 0018's triggers bump the versions inside every writing
//! transaction, so a reader that compares versions never shows rows another replica has since changed.

use super::charge::{self, LoanChargeRow, PaidByRow};
use super::disbursement::{self, TrancheRow};
use super::ledger_state::{self, StoredLedger};
use super::loan::{self, loan_columns, loan_from, InstallmentRow, LoanRecord};
use super::transaction::{self, LoanTransactionRow};
use super::transaction_relation::{self, RelationRow};
use crate::db::Conn;
use crate::error::StoreResult;
use crate::on;

/// Which state of the database a kept row belongs to. The epoch is drawn when the database is made, so a
/// database made anew under the same tenant never matches rows kept of the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::FromRow)]
pub struct CatalogueVersion {
    pub epoch: i64,
    pub catalogue_version: i64,
}

/// The versions a loan's kept rows are valid for: the loan's own rows and the catalogue they name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::FromRow)]
pub struct LoanRowsVersion {
    pub rows_version: i64,
    #[sqlx(flatten)]
    pub catalogue: CatalogueVersion,
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    #[sqlx(flatten)]
    loan: LoanRecord,
    #[sqlx(flatten)]
    version: LoanRowsVersion,
}

macro_rules! head {
    ($where:literal) => {
        concat!(
            loan_columns!(),
            ", l.rows_version, v.epoch, v.catalogue_version ",
            loan_from!(),
            " CROSS JOIN kassa_read_version v ",
            $where
        )
    };
}

/// The loan and the versions of its rows, in one statement (so both are of the same commit).
pub async fn head(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<(LoanRecord, LoanRowsVersion)>> {
    let sql = head!("WHERE l.id = $1");
    let row: Option<HeadRow> = on!(c, c => sqlx::query_as(sql).bind(id).fetch_optional(c).await?);
    Ok(row.map(|r| (r.loan, r.version)))
}

/// A client's loans by id, each with the versions of its rows, in one statement.
pub async fn heads_of_client(
    c: &mut Conn<'_>,
    client_id: i64,
) -> StoreResult<Vec<(LoanRecord, LoanRowsVersion)>> {
    let sql = head!("WHERE l.client_id = $1 ORDER BY l.id");
    let rows: Vec<HeadRow> = on!(c, c => sqlx::query_as(sql).bind(client_id).fetch_all(c).await?);
    Ok(rows.into_iter().map(|r| (r.loan, r.version)).collect())
}

/// Every row a loan read shows beside the loan record. Load it inside one snapshot, with [`rows_version`]
/// from the same snapshot, and the two belong together.
#[derive(Debug, Clone)]
pub struct LoanRows {
    /// The stored ledger when it is current.
    pub stored: Option<StoredLedger>,
    /// Reversed ones included, in processing order.
    pub transactions: Vec<LoanTransactionRow>,
    pub charges: Vec<LoanChargeRow>,
    pub paid_by: Vec<PaidByRow>,
    pub installments: Vec<InstallmentRow>,
    /// Live tranches by expected date.
    pub tranches: Vec<TrancheRow>,
    pub relations: Vec<RelationRow>,
}

pub async fn rows(c: &mut Conn<'_>, loan_id: i64) -> StoreResult<LoanRows> {
    Ok(LoanRows {
        stored: ledger_state::load(c, loan_id).await?,
        transactions: transaction::list(c, loan_id).await?,
        charges: charge::list(c, loan_id).await?,
        paid_by: charge::paid_by(c, loan_id).await?,
        installments: loan::installments(c, loan_id).await?,
        tranches: disbursement::list(c, loan_id).await?,
        relations: transaction_relation::list(c, loan_id).await?,
    })
}
