//! GL accounts. The tree is kept in `hierarchy`; lists read it in one query, ordered by GL code.

use kassa_domain::accounting::{GlAccount, GlAccountDraft, GlAccountType, GlAccountUsage};

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    gl_code: String,
    parent_id: Option<i64>,
    hierarchy: String,
    classification_enum: i64,
    account_usage: i64,
    manual_journal_entries_allowed: bool,
    disabled: bool,
    description: Option<String>,
    tag_id: Option<i64>,
    tag_name: Option<String>,
}

impl TryFrom<Row> for GlAccount {
    type Error = StoreError;

    fn try_from(r: Row) -> StoreResult<GlAccount> {
        let corrupt =
            |what: &str, v: i64| StoreError::Corrupt(format!("acc_gl_account.{what} = {v}"));
        Ok(GlAccount {
            account_type: GlAccountType::from_fineract_id(r.classification_enum)
                .ok_or_else(|| corrupt("classification_enum", r.classification_enum))?,
            usage: GlAccountUsage::from_fineract_id(r.account_usage)
                .ok_or_else(|| corrupt("account_usage", r.account_usage))?,
            id: r.id,
            name: r.name,
            gl_code: r.gl_code,
            parent_id: r.parent_id,
            hierarchy: r.hierarchy,
            manual_entries_allowed: r.manual_journal_entries_allowed,
            disabled: r.disabled,
            description: r.description,
            tag_id: r.tag_id,
            tag_name: r.tag_name,
        })
    }
}

const SELECT: &str = "SELECT gl.id, gl.name, gl.gl_code, gl.parent_id, gl.hierarchy, gl.classification_enum, \
    gl.account_usage, gl.manual_journal_entries_allowed, gl.disabled, gl.description, gl.tag_id, \
    cv.code_value AS tag_name FROM acc_gl_account gl LEFT JOIN m_code_value cv ON cv.id = gl.tag_id";

/// Typed list filters (Fineract's `type`, `usage`, `manualEntriesAllowed`, `disabled`, `searchParam`).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub account_type: Option<GlAccountType>,
    pub usage: Option<GlAccountUsage>,
    pub manual_entries_allowed: Option<bool>,
    pub disabled: Option<bool>,
    /// A part of the name or of the GL code.
    pub search: Option<String>,
}

/// `%`, `_` and `\` in a search term match themselves.
fn like_pattern(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 2);
    out.push('%');
    for ch in term.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// The accounts matching `filter`, by GL code. Absent filters are bound as NULL and match everything, so
/// one SQL text serves every combination.
pub async fn list(c: &mut Conn<'_>, filter: &Filter) -> StoreResult<Vec<GlAccount>> {
    let sql = format!(
        "{SELECT} WHERE ($1 IS NULL OR gl.classification_enum = $1) AND ($2 IS NULL OR gl.account_usage = $2) \
         AND ($3 IS NULL OR gl.manual_journal_entries_allowed = $3) AND ($4 IS NULL OR gl.disabled = $4) \
         AND ($5 IS NULL OR gl.name LIKE $5 ESCAPE '\\' OR gl.gl_code LIKE $5 ESCAPE '\\') \
         ORDER BY gl.gl_code, gl.id"
    );
    let t = filter.account_type.map(|t| t.fineract_id());
    let u = filter.usage.map(|u| u.fineract_id());
    let search = filter.search.as_deref().map(like_pattern);
    let rows: Vec<Row> = on!(c, c => sqlx::query_as(&sql)
        .bind(t).bind(u).bind(filter.manual_entries_allowed).bind(filter.disabled).bind(&search)
        .fetch_all(c).await?);
    rows.into_iter().map(GlAccount::try_from).collect()
}

pub async fn find(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<GlAccount>> {
    let sql = format!("{SELECT} WHERE gl.id = $1");
    let row: Option<Row> = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    row.map(GlAccount::try_from).transpose()
}

pub async fn gl_code_taken(c: &mut Conn<'_>, gl_code: &str, except_id: i64) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM acc_gl_account WHERE gl_code = $1 AND id <> $2";
    let n: i64 =
        on!(c, c => sqlx::query_scalar(sql).bind(gl_code).bind(except_id).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn child_count(c: &mut Conn<'_>, id: i64) -> StoreResult<i64> {
    let sql = "SELECT COUNT(*) FROM acc_gl_account WHERE parent_id = $1";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(id).fetch_one(c).await?);
    Ok(n)
}

/// Whether an accounting rule or a financial activity names the account.
pub async fn in_use(c: &mut Conn<'_>, id: i64) -> StoreResult<bool> {
    let sql = "SELECT (SELECT COUNT(*) FROM acc_accounting_rule WHERE debit_account_id = $1 OR credit_account_id = $1) \
               + (SELECT COUNT(*) FROM acc_gl_financial_activity_account WHERE gl_account_id = $1)";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(id).fetch_one(c).await?);
    Ok(n > 0)
}

/// Inserts the account, then stores its hierarchy (which holds its own id) below `parent_hierarchy`.
pub async fn insert_in_tx(
    tx: &mut Tx,
    d: &GlAccountDraft,
    parent_hierarchy: Option<&str>,
) -> StoreResult<i64> {
    let mut c = tx.conn();
    let sql = "INSERT INTO acc_gl_account (name, gl_code, parent_id, classification_enum, account_usage, \
               manual_journal_entries_allowed, disabled, description, tag_id) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(&d.name).bind(&d.gl_code).bind(d.parent_id).bind(d.account_type.fineract_id())
        .bind(d.usage.fineract_id()).bind(d.manual_entries_allowed).bind(d.disabled)
        .bind(&d.description).bind(d.tag_id)
        .fetch_one(c).await?);
    let hierarchy = kassa_domain::accounting::child_hierarchy(parent_hierarchy, id);
    let sql = "UPDATE acc_gl_account SET hierarchy = $1 WHERE id = $2";
    on!(&mut c, c => sqlx::query(sql).bind(hierarchy).bind(id).execute(c).await.map(|_| ())?);
    Ok(id)
}

/// Stores every field but the hierarchy (see [`move_subtree_in_tx`]).
pub async fn update_in_tx(tx: &mut Tx, a: &GlAccount) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE acc_gl_account SET name = $1, gl_code = $2, parent_id = $3, \
               classification_enum = $4, account_usage = $5, manual_journal_entries_allowed = $6, disabled = $7, \
               description = $8, tag_id = $9 WHERE id = $10";
    on!(&mut c, c => sqlx::query(sql)
        .bind(&a.name).bind(&a.gl_code).bind(a.parent_id)
        .bind(a.account_type.fineract_id()).bind(a.usage.fineract_id()).bind(a.manual_entries_allowed)
        .bind(a.disabled).bind(&a.description).bind(a.tag_id).bind(a.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

/// Moves the account whose hierarchy was `old`, and every account below it, to `new`: a re-parented
/// header takes its subtree along (Fineract leaves the descendants' paths stale).
pub async fn move_subtree_in_tx(tx: &mut Tx, old: &str, new: &str) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "UPDATE acc_gl_account SET hierarchy = $1 || SUBSTR(hierarchy, CAST($2 AS INTEGER)) \
               WHERE hierarchy LIKE $3";
    let tail_from = i64::try_from(old.len())
        .unwrap_or(i64::MAX)
        .saturating_add(1);
    on!(&mut c, c => sqlx::query(sql)
        .bind(new).bind(tail_from).bind(format!("{old}%"))
        .execute(c).await.map(|_| ())?);
    Ok(())
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM acc_gl_account WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
