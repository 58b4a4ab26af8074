//! Accounting rules and their tags. A side with an account has no tags; a side with tags has no account.

use kassa_domain::accounting::{AccountingRule, JournalEntryType, RuleSide, RuleTag};

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    office_id: Option<i64>,
    description: Option<String>,
    system_defined: bool,
    debit_account_id: Option<i64>,
    allow_multiple_debits: bool,
    credit_account_id: Option<i64>,
    allow_multiple_credits: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct TagRow {
    id: i64,
    acc_rule_id: i64,
    tag_id: i64,
    acc_type_enum: i64,
    tag_name: String,
}

const SELECT: &str = "SELECT r.id, r.name, r.office_id, r.description, r.system_defined, r.debit_account_id, \
    r.allow_multiple_debits, r.credit_account_id, r.allow_multiple_credits FROM acc_accounting_rule r";
const SELECT_TAGS: &str =
    "SELECT t.id, t.acc_rule_id, t.tag_id, t.acc_type_enum, cv.code_value AS tag_name \
    FROM acc_rule_tags t JOIN m_code_value cv ON cv.id = t.tag_id";

fn side(
    account: Option<i64>,
    allow_multiple: bool,
    tags: &[RuleTag],
    t: JournalEntryType,
) -> RuleSide {
    match account {
        Some(id) => RuleSide::Account(id),
        None => RuleSide::Tags {
            tag_ids: tags
                .iter()
                .filter(|g| g.side == t)
                .map(|g| g.tag_id)
                .collect(),
            allow_multiple,
        },
    }
}

fn assemble(r: Row, tags: &[RuleTag]) -> AccountingRule {
    AccountingRule {
        debit: side(
            r.debit_account_id,
            r.allow_multiple_debits,
            tags,
            JournalEntryType::Debit,
        ),
        credit: side(
            r.credit_account_id,
            r.allow_multiple_credits,
            tags,
            JournalEntryType::Credit,
        ),
        id: r.id,
        name: r.name,
        office_id: r.office_id,
        description: r.description,
        system_defined: r.system_defined,
    }
}

fn tag(r: TagRow) -> StoreResult<(i64, RuleTag)> {
    let side = JournalEntryType::from_fineract_id(r.acc_type_enum).ok_or_else(|| {
        StoreError::Corrupt(format!("acc_rule_tags.acc_type_enum = {}", r.acc_type_enum))
    })?;
    Ok((
        r.acc_rule_id,
        RuleTag {
            id: r.id,
            tag_id: r.tag_id,
            tag_name: r.tag_name,
            side,
        },
    ))
}

/// Every rule that is not system-defined and whose office lies within `hierarchy`, by id, with its tags.
pub async fn list_within(
    c: &mut Conn<'_>,
    hierarchy: &str,
) -> StoreResult<Vec<(AccountingRule, Vec<RuleTag>)>> {
    let sql = format!(
        "{SELECT} JOIN m_office o ON o.id = r.office_id WHERE r.system_defined = $1 AND o.hierarchy LIKE $2 ORDER BY r.id"
    );
    let pattern = format!("{hierarchy}%");
    let rows: Vec<Row> =
        on!(c, c => sqlx::query_as(&sql).bind(false).bind(&pattern).fetch_all(c).await?);
    let sql = format!("{SELECT_TAGS} ORDER BY t.id");
    let tag_rows: Vec<TagRow> = on!(c, c => sqlx::query_as(&sql).fetch_all(c).await?);
    let all: Vec<(i64, RuleTag)> = tag_rows.into_iter().map(tag).collect::<StoreResult<_>>()?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let tags: Vec<RuleTag> = all
                .iter()
                .filter(|(id, _)| *id == r.id)
                .map(|(_, t)| t.clone())
                .collect();
            (assemble(r, &tags), tags)
        })
        .collect())
}

pub async fn find(
    c: &mut Conn<'_>,
    id: i64,
) -> StoreResult<Option<(AccountingRule, Vec<RuleTag>)>> {
    let sql = format!("{SELECT} WHERE r.id = $1");
    let row: Option<Row> = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?);
    let Some(row) = row else { return Ok(None) };
    let sql = format!("{SELECT_TAGS} WHERE t.acc_rule_id = $1 ORDER BY t.id");
    let tag_rows: Vec<TagRow> = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_all(c).await?);
    let tags: Vec<RuleTag> = tag_rows
        .into_iter()
        .map(|r| tag(r).map(|(_, t)| t))
        .collect::<StoreResult<_>>()?;
    Ok(Some((assemble(row, &tags), tags)))
}

pub async fn name_taken(c: &mut Conn<'_>, name: &str, except_id: i64) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM acc_accounting_rule WHERE name = $1 AND id <> $2";
    let n: i64 =
        on!(c, c => sqlx::query_scalar(sql).bind(name).bind(except_id).fetch_one(c).await?);
    Ok(n > 0)
}

fn columns(s: &RuleSide) -> (Option<i64>, bool) {
    match s {
        RuleSide::Account(id) => (Some(*id), false),
        RuleSide::Tags { allow_multiple, .. } => (None, *allow_multiple),
    }
}

async fn write_tags_in_tx(tx: &mut Tx, rule: &AccountingRule) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM acc_rule_tags WHERE acc_rule_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(rule.id).execute(c).await.map(|_| ())?);
    let sql = "INSERT INTO acc_rule_tags (acc_rule_id, tag_id, acc_type_enum) VALUES ($1, $2, $3)";
    for (s, t) in [
        (&rule.debit, JournalEntryType::Debit),
        (&rule.credit, JournalEntryType::Credit),
    ] {
        if let RuleSide::Tags { tag_ids, .. } = s {
            for tag_id in tag_ids {
                on!(&mut c, c => sqlx::query(sql).bind(rule.id).bind(*tag_id).bind(t.fineract_id())
                    .execute(c).await.map(|_| ())?);
            }
        }
    }
    Ok(())
}

/// Inserts a rule (its `id` is ignored) with its tags; returns the new id.
pub async fn insert_in_tx(tx: &mut Tx, rule: &AccountingRule) -> StoreResult<i64> {
    let (debit, multiple_debits) = columns(&rule.debit);
    let (credit, multiple_credits) = columns(&rule.credit);
    let id: i64 = {
        let mut c = tx.conn();
        let sql = "INSERT INTO acc_accounting_rule (name, office_id, description, system_defined, debit_account_id, \
                   allow_multiple_debits, credit_account_id, allow_multiple_credits) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        on!(&mut c, c => sqlx::query_scalar(sql)
            .bind(&rule.name).bind(rule.office_id).bind(&rule.description).bind(rule.system_defined)
            .bind(debit).bind(multiple_debits).bind(credit).bind(multiple_credits)
            .fetch_one(c).await?)
    };
    let stored = AccountingRule { id, ..rule.clone() };
    write_tags_in_tx(tx, &stored).await?;
    Ok(id)
}

pub async fn update_in_tx(tx: &mut Tx, rule: &AccountingRule) -> StoreResult<()> {
    let (debit, multiple_debits) = columns(&rule.debit);
    let (credit, multiple_credits) = columns(&rule.credit);
    {
        let mut c = tx.conn();
        let sql = "UPDATE acc_accounting_rule SET name = $1, office_id = $2, description = $3, debit_account_id = $4, \
                   allow_multiple_debits = $5, credit_account_id = $6, allow_multiple_credits = $7 WHERE id = $8";
        on!(&mut c, c => sqlx::query(sql)
            .bind(&rule.name).bind(rule.office_id).bind(&rule.description).bind(debit).bind(multiple_debits)
            .bind(credit).bind(multiple_credits).bind(rule.id)
            .execute(c).await.map(|_| ())?);
    }
    write_tags_in_tx(tx, rule).await
}

pub async fn delete_in_tx(tx: &mut Tx, id: i64) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM acc_rule_tags WHERE acc_rule_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    let sql = "DELETE FROM acc_accounting_rule WHERE id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ())?);
    Ok(())
}
