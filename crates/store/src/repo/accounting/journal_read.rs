//! The searches of `GET /journalentries` and the sums read from journal entries. Running balances are
//! computed here at read time from the rows (no stored running figure), ordered by (entry_date, id).

use chrono::NaiveDate;

use crate::db::{Conn, Tx};
use crate::error::StoreResult;
use crate::money::DbAmount;
use crate::on;
use crate::repo::paging::{PageBounds, SortOrder};

/// A journal entry line as reads show it, with its office, account, currency and creator.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JournalListing {
    pub id: i64,
    pub office_id: i64,
    pub office_name: String,
    pub account_id: i64,
    pub account_name: String,
    pub gl_code: String,
    pub classification_enum: i64,
    pub entry_date: NaiveDate,
    pub type_enum: i64,
    pub amount: DbAmount,
    pub currency_code: String,
    pub currency_name: Option<String>,
    pub currency_decimal_places: Option<i64>,
    pub currency_multiplesof: Option<i64>,
    pub currency_display_symbol: Option<String>,
    pub currency_name_code: Option<String>,
    pub transaction_id: String,
    pub manual_entry: bool,
    pub entity_type_enum: Option<i64>,
    pub entity_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_by_username: Option<String>,
    pub submitted_on_date: NaiveDate,
    pub description: Option<String>,
    pub reversed: bool,
    pub ref_num: Option<String>,
    pub loan_transaction_id: Option<i64>,
    pub payment_type_id: Option<i64>,
    pub payment_type_name: Option<String>,
    pub account_number: Option<String>,
    pub check_number: Option<String>,
    pub routing_code: Option<String>,
    pub receipt_number: Option<String>,
    pub bank_number: Option<String>,
    /// Debits minus credits of the account in this office up to and including this line (when asked).
    pub office_net_debit: Option<DbAmount>,
    /// The same over every office.
    pub organization_net_debit: Option<DbAmount>,
}

const SIGNED: &str = "CASE WHEN e.type_enum = 2 THEN e.amount ELSE -e.amount END";
const UP_TO_HERE: &str = "e.account_id = je.account_id AND (e.entry_date < je.entry_date \
    OR (e.entry_date = je.entry_date AND e.id <= je.id))";

fn select(running: bool) -> String {
    let balances = if running {
        format!(
            "(SELECT SUM({SIGNED}) FROM acc_gl_journal_entry e WHERE {UP_TO_HERE} AND e.office_id = je.office_id) \
             AS office_net_debit, (SELECT SUM({SIGNED}) FROM acc_gl_journal_entry e WHERE {UP_TO_HERE}) \
             AS organization_net_debit"
        )
    } else {
        "CAST(NULL AS NUMERIC(19,6)) AS office_net_debit, CAST(NULL AS NUMERIC(19,6)) AS organization_net_debit"
            .to_string()
    };
    format!(
        "SELECT je.id, je.office_id, o.name AS office_name, je.account_id, gl.name AS account_name, gl.gl_code, \
         gl.classification_enum, je.entry_date, CAST(je.type_enum AS BIGINT) AS type_enum, je.amount, je.currency_code, \
         cur.name AS currency_name, cur.decimal_places AS currency_decimal_places, \
         cur.currency_multiplesof, cur.display_symbol AS currency_display_symbol, \
         cur.internationalized_name_code AS currency_name_code, je.transaction_id, je.manual_entry, \
         CAST(je.entity_type_enum AS BIGINT) AS entity_type_enum, je.entity_id, je.created_by, u.username AS created_by_username, je.submitted_on_date, \
         je.description, je.reversed, je.ref_num, je.loan_transaction_id, je.payment_type_id, \
         pt.value AS payment_type_name, je.account_number, je.check_number, je.routing_code, je.receipt_number, \
         je.bank_number, {balances} \
         FROM acc_gl_journal_entry je JOIN m_office o ON o.id = je.office_id \
         JOIN acc_gl_account gl ON gl.id = je.account_id \
         LEFT JOIN m_currency cur ON cur.code = je.currency_code \
         LEFT JOIN m_appuser u ON u.id = je.created_by \
         LEFT JOIN m_payment_type pt ON pt.id = je.payment_type_id"
    )
}

/// Typed filters of the search; absent ones match everything.
#[derive(Debug, Clone, Default)]
pub struct JournalFilter {
    pub office_id: Option<i64>,
    pub account_id: Option<i64>,
    /// `Some(true)` keeps manual entries only.
    pub manual_only: Option<bool>,
    pub entry_date_from: Option<NaiveDate>,
    pub entry_date_to: Option<NaiveDate>,
    pub submitted_from: Option<NaiveDate>,
    pub submitted_to: Option<NaiveDate>,
    pub transaction_id: Option<String>,
    pub entity_type: Option<i64>,
    pub loan_id: Option<i64>,
    /// There are no savings accounts yet: a savings filter matches nothing.
    pub savings_id: Option<i64>,
}

/// The columns a search may be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalOrder {
    Id,
    EntryDate,
    SubmittedOnDate,
    Office,
    Account,
    Amount,
    TransactionId,
}

impl JournalOrder {
    fn sql(self) -> &'static str {
        match self {
            JournalOrder::Id => "je.id",
            JournalOrder::EntryDate => "je.entry_date",
            JournalOrder::SubmittedOnDate => "je.submitted_on_date",
            JournalOrder::Office => "je.office_id",
            JournalOrder::Account => "je.account_id",
            JournalOrder::Amount => "je.amount",
            JournalOrder::TransactionId => "je.transaction_id",
        }
    }
}

const WHERE: &str = "o.hierarchy LIKE $1 AND ($2 IS NULL OR je.office_id = $2) AND ($3 IS NULL OR je.account_id = $3) \
    AND ($4 IS NULL OR je.manual_entry = $4) AND ($5 IS NULL OR je.entry_date >= $5) \
    AND ($6 IS NULL OR je.entry_date <= $6) AND ($7 IS NULL OR je.submitted_on_date >= $7) \
    AND ($8 IS NULL OR je.submitted_on_date <= $8) AND ($9 IS NULL OR je.transaction_id = $9) \
    AND ($10 IS NULL OR je.entity_type_enum = $10) \
    AND ($11 IS NULL OR je.loan_transaction_id IN (SELECT lt.id FROM m_loan_transaction lt WHERE lt.loan_id = $11)) \
    AND $12 IS NULL";

macro_rules! bind_filter {
    ($q:expr, $pattern:expr, $f:expr) => {
        $q.bind($pattern)
            .bind($f.office_id)
            .bind($f.account_id)
            .bind($f.manual_only)
            .bind($f.entry_date_from)
            .bind($f.entry_date_to)
            .bind($f.submitted_from)
            .bind($f.submitted_to)
            .bind(&$f.transaction_id)
            .bind($f.entity_type)
            .bind($f.loan_id)
            .bind($f.savings_id)
    };
}

/// One page of the lines of offices within `hierarchy` matching `filter`, and how many match in all.
pub async fn search(
    c: &mut Conn<'_>,
    hierarchy: &str,
    filter: &JournalFilter,
    order: Option<(JournalOrder, SortOrder)>,
    page: PageBounds,
    running: bool,
) -> StoreResult<(i64, Vec<JournalListing>)> {
    let pattern = format!("{hierarchy}%");
    let count_sql = format!(
        "SELECT COUNT(*) FROM acc_gl_journal_entry je JOIN m_office o ON o.id = je.office_id WHERE {WHERE}"
    );
    let total: i64 = on!(c, c => bind_filter!(sqlx::query_scalar(&count_sql), &pattern, filter).fetch_one(c).await?);
    let order = match order {
        Some((col, dir)) => format!("{} {}, je.id {}", col.sql(), dir.sql(), dir.sql()),
        None => "je.entry_date, je.id".to_string(),
    };
    let sql = format!(
        "{} WHERE {WHERE} ORDER BY {order} LIMIT $13 OFFSET $14",
        select(running)
    );
    let rows = on!(c, c => bind_filter!(sqlx::query_as(&sql), &pattern, filter)
        .bind(page.limit).bind(page.offset).fetch_all(c).await?);
    Ok((total, rows))
}

/// One line of an office within `hierarchy`.
pub async fn find(
    c: &mut Conn<'_>,
    hierarchy: &str,
    id: i64,
    running: bool,
) -> StoreResult<Option<JournalListing>> {
    let sql = format!(
        "{} WHERE je.id = $1 AND o.hierarchy LIKE $2",
        select(running)
    );
    let pattern = format!("{hierarchy}%");
    Ok(on!(c, c => sqlx::query_as(&sql).bind(id).bind(&pattern).fetch_optional(c).await?))
}

/// Debits minus credits of every account that has entries.
pub async fn net_debits(c: &mut Conn<'_>) -> StoreResult<Vec<(i64, DbAmount)>> {
    let sql = format!(
        "SELECT e.account_id, SUM({SIGNED}) FROM acc_gl_journal_entry e GROUP BY e.account_id"
    );
    Ok(on!(c, c => sqlx::query_as(&sql).fetch_all(c).await?))
}

/// Debits minus credits of one account (zero without entries).
pub async fn net_debit(c: &mut Conn<'_>, account_id: i64) -> StoreResult<DbAmount> {
    let sql = format!("SELECT SUM({SIGNED}) FROM acc_gl_journal_entry e WHERE e.account_id = $1");
    let sum: Option<DbAmount> =
        on!(c, c => sqlx::query_scalar(&sql).bind(account_id).fetch_one(c).await?);
    Ok(sum.unwrap_or_default())
}

/// Whether any line was posted to the account.
pub async fn account_has_entries(c: &mut Conn<'_>, account_id: i64) -> StoreResult<bool> {
    let sql =
        "SELECT COUNT(*) FROM (SELECT 1 FROM acc_gl_journal_entry WHERE account_id = $1 LIMIT 1) x";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(account_id).fetch_one(c).await?);
    Ok(n > 0)
}

/// Whether a transaction id is already used by some line.
pub async fn transaction_id_taken(tx: &mut Tx, transaction_id: &str) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM (SELECT 1 FROM acc_gl_journal_entry WHERE transaction_id = $1 LIMIT 1) x";
    let mut c = tx.conn();
    let n: i64 = on!(&mut c, c => sqlx::query_scalar(sql).bind(transaction_id).fetch_one(c).await?);
    Ok(n > 0)
}

/// A manual line that a reversal copies to the opposite side.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReversibleLine {
    pub id: i64,
    pub account_id: i64,
    pub office_id: i64,
    pub currency_code: String,
    pub transaction_id: String,
    pub loan_transaction_id: Option<i64>,
    pub entry_date: NaiveDate,
    pub type_enum: i64,
    pub amount: DbAmount,
    pub ref_num: Option<String>,
    pub payment_type_id: Option<i64>,
    pub account_number: Option<String>,
    pub check_number: Option<String>,
    pub routing_code: Option<String>,
    pub receipt_number: Option<String>,
    pub bank_number: Option<String>,
}

const REVERSIBLE: &str = "SELECT id, account_id, office_id, currency_code, transaction_id, loan_transaction_id, \
    entry_date, CAST(type_enum AS BIGINT) AS type_enum, amount, ref_num, payment_type_id, account_number, check_number, routing_code, \
    receipt_number, bank_number FROM acc_gl_journal_entry";

/// The un-reversed manual lines of a transaction, by id.
pub async fn reversible_in_tx(
    tx: &mut Tx,
    transaction_id: &str,
) -> StoreResult<Vec<ReversibleLine>> {
    let sql = format!(
        "{REVERSIBLE} WHERE transaction_id = $1 AND manual_entry = $2 AND reversed = $3 ORDER BY id"
    );
    let mut c = tx.conn();
    Ok(
        on!(&mut c, c => sqlx::query_as(&sql).bind(transaction_id).bind(true).bind(false).fetch_all(c).await?),
    )
}

/// Marks line `id` reversed by line `reversal_id`; false when another writer marked it first.
pub async fn mark_reversed_in_tx(tx: &mut Tx, id: i64, reversal_id: i64) -> StoreResult<bool> {
    let sql = "UPDATE acc_gl_journal_entry SET reversed = $1, reversal_id = $2 WHERE id = $3 AND reversed = $4";
    let mut c = tx.conn();
    let n = on!(&mut c, c => sqlx::query(sql).bind(true).bind(reversal_id).bind(id).bind(false)
        .execute(c).await?.rows_affected());
    Ok(n == 1)
}

/// Whether some transaction has no line on `contra_id` (an entry that is not an opening balance).
pub async fn other_than_opening_exists(c: &mut Conn<'_>, contra_id: i64) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM (SELECT 1 FROM acc_gl_journal_entry je WHERE NOT EXISTS \
        (SELECT 1 FROM acc_gl_journal_entry e WHERE e.transaction_id = je.transaction_id AND e.account_id = $1) \
        LIMIT 1) x";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(contra_id).fetch_one(c).await?);
    Ok(n > 0)
}

/// The un-reversed opening-balance transactions of an office (those touching `contra_id`), reversals of
/// earlier ones left out.
pub async fn opening_transactions_in_tx(
    tx: &mut Tx,
    office_id: i64,
    contra_id: i64,
) -> StoreResult<Vec<String>> {
    let sql = "SELECT DISTINCT je.transaction_id FROM acc_gl_journal_entry je WHERE je.office_id = $1 \
        AND je.account_id = $2 AND je.manual_entry = $3 AND je.reversed = $4 AND NOT EXISTS \
        (SELECT 1 FROM acc_gl_journal_entry o WHERE o.reversal_id = je.id) ORDER BY je.transaction_id";
    let mut c = tx.conn();
    Ok(
        on!(&mut c, c => sqlx::query_scalar(sql).bind(office_id).bind(contra_id).bind(true).bind(false)
        .fetch_all(c).await?),
    )
}

/// The un-reversed opening-balance lines of an office in a currency, other than the contra lines and the
/// reversals of earlier definitions.
pub async fn opening_lines(
    c: &mut Conn<'_>,
    office_id: i64,
    contra_id: i64,
    currency: &str,
) -> StoreResult<Vec<JournalListing>> {
    let sql = format!(
        "{} WHERE je.office_id = $1 AND je.currency_code = $2 AND je.account_id <> $3 AND je.reversed = $4 \
         AND je.manual_entry = $5 AND NOT EXISTS (SELECT 1 FROM acc_gl_journal_entry r WHERE r.reversal_id = je.id) \
         AND je.transaction_id IN (SELECT e.transaction_id FROM acc_gl_journal_entry e \
         WHERE e.account_id = $3 AND e.office_id = $1) ORDER BY je.id",
        select(false)
    );
    Ok(
        on!(c, c => sqlx::query_as(&sql).bind(office_id).bind(currency).bind(contra_id).bind(false)
        .bind(true).fetch_all(c).await?),
    )
}
