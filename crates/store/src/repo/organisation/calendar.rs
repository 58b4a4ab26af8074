//! Working days (`m_working_days`) and holidays (`m_holiday`, `m_holiday_office`).

use chrono::NaiveDate;
use kassa_domain::organisation::calendar::{
    Holiday, HolidayDraft, HolidayRescheduleType, HolidayStatus, RepaymentRescheduleType, WeekDays,
    WorkingDays,
};

use crate::db::{Conn, Tx};
use crate::error::{StoreError, StoreResult};
use crate::on;

#[derive(Debug, Clone, sqlx::FromRow)]
struct WorkingDaysRow {
    id: i64,
    recurrence: String,
    repayment_rescheduling_enum: i64,
    extend_term_daily_repayments: bool,
    extend_term_holiday_repayment: bool,
}

/// The organisation's working days (the row with the lowest id).
pub async fn find_working_days(c: &mut Conn<'_>) -> StoreResult<Option<WorkingDays>> {
    let sql = "SELECT id, recurrence, repayment_rescheduling_enum, extend_term_daily_repayments, \
               extend_term_holiday_repayment FROM m_working_days ORDER BY id LIMIT 1";
    let row: Option<WorkingDaysRow> = on!(c, c => sqlx::query_as(sql).fetch_optional(c).await?);
    let Some(r) = row else {
        return Ok(None);
    };
    let days = WeekDays::from_recurrence(&r.recurrence)
        .map_err(|e| StoreError::Corrupt(format!("m_working_days.recurrence: {e}")))?;
    let reschedule_type = RepaymentRescheduleType::from_id(r.repayment_rescheduling_enum)
        .ok_or_else(|| {
            StoreError::Corrupt(format!(
                "m_working_days.repayment_rescheduling_enum {}",
                r.repayment_rescheduling_enum
            ))
        })?;
    Ok(Some(WorkingDays {
        id: r.id,
        recurrence: r.recurrence,
        days,
        reschedule_type,
        extend_term_for_daily_repayments: r.extend_term_daily_repayments,
        extend_term_for_repayments_on_holidays: r.extend_term_holiday_repayment,
    }))
}

pub async fn update_working_days_in_tx(tx: &mut Tx, next: &WorkingDays) -> StoreResult<()> {
    use kassa_domain::organisation::calendar::EnumOption;
    let mut c = tx.conn();
    let sql = "UPDATE m_working_days SET recurrence = $1, repayment_rescheduling_enum = $2, \
               extend_term_daily_repayments = $3, extend_term_holiday_repayment = $4 WHERE id = $5";
    on!(&mut c, c => sqlx::query(sql)
        .bind(&next.recurrence).bind(next.reschedule_type.id())
        .bind(next.extend_term_for_daily_repayments).bind(next.extend_term_for_repayments_on_holidays)
        .bind(next.id)
        .execute(c).await.map(|_| ())?);
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct HolidayRow {
    id: i64,
    name: String,
    description: Option<String>,
    from_date: NaiveDate,
    to_date: NaiveDate,
    repayments_rescheduled_to: Option<NaiveDate>,
    rescheduling_type: i64,
    status_enum: i64,
    office_id: i64,
}

impl HolidayRow {
    fn into_holiday(self) -> StoreResult<Holiday> {
        let rescheduling_type =
            HolidayRescheduleType::from_id(self.rescheduling_type).ok_or_else(|| {
                StoreError::Corrupt(format!("m_holiday {} rescheduling_type", self.id))
            })?;
        let status = HolidayStatus::from_id(self.status_enum)
            .ok_or_else(|| StoreError::Corrupt(format!("m_holiday {} status_enum", self.id)))?;
        Ok(Holiday {
            id: self.id,
            name: self.name,
            description: self.description,
            from_date: self.from_date,
            to_date: self.to_date,
            repayments_rescheduled_to: self.repayments_rescheduled_to,
            rescheduling_type,
            status,
            office_ids: vec![self.office_id],
        })
    }
}

/// Rows ordered by holiday, one per office: folded into holidays with all their offices.
fn fold(rows: Vec<HolidayRow>) -> StoreResult<Vec<Holiday>> {
    let mut out: Vec<Holiday> = Vec::new();
    for row in rows {
        match out.last_mut() {
            Some(last) if last.id == row.id => last.office_ids.push(row.office_id),
            _ => out.push(row.into_holiday()?),
        }
    }
    Ok(out)
}

const HOLIDAY_COLUMNS: &str = "h.id, h.name, h.description, h.from_date, h.to_date, \
    h.repayments_rescheduled_to, h.rescheduling_type, h.status_enum, l.office_id";

/// Filters of the holiday list; dates compare against the holiday's own range, as Fineract's do.
#[derive(Debug, Clone, Default)]
pub struct HolidayFilter {
    pub office_id: Option<i64>,
    pub from_date: Option<NaiveDate>,
    pub to_date: Option<NaiveDate>,
}

/// Holidays of at least one office in the subtree of `root_hierarchy` (and of `office_id` when given),
/// starting on or after `from_date` and ending on or before `to_date`, by id.
pub async fn list_holidays(
    c: &mut Conn<'_>,
    root_hierarchy: &str,
    filter: &HolidayFilter,
) -> StoreResult<Vec<Holiday>> {
    let sql = format!(
        "SELECT {HOLIDAY_COLUMNS} FROM m_holiday h JOIN m_holiday_office l ON l.holiday_id = h.id \
         WHERE EXISTS (SELECT 1 FROM m_holiday_office ho JOIN m_office o ON o.id = ho.office_id \
                       WHERE ho.holiday_id = h.id AND o.hierarchy LIKE $1 || '%' \
                       AND ($2 IS NULL OR ho.office_id = $2)) \
         AND ($3 IS NULL OR h.from_date >= $3) AND ($4 IS NULL OR h.to_date <= $4) \
         ORDER BY h.id, l.office_id"
    );
    let rows: Vec<HolidayRow> = on!(c, c => sqlx::query_as(&sql)
        .bind(root_hierarchy).bind(filter.office_id).bind(filter.from_date).bind(filter.to_date)
        .fetch_all(c).await?);
    fold(rows)
}

pub async fn find_holiday(c: &mut Conn<'_>, id: i64) -> StoreResult<Option<Holiday>> {
    let sql = format!(
        "SELECT {HOLIDAY_COLUMNS} FROM m_holiday h JOIN m_holiday_office l ON l.holiday_id = h.id \
         WHERE h.id = $1 ORDER BY l.office_id"
    );
    let rows: Vec<HolidayRow> = on!(c, c => sqlx::query_as(&sql).bind(id).fetch_all(c).await?);
    Ok(fold(rows)?.pop())
}

pub async fn holiday_name_taken(
    c: &mut Conn<'_>,
    name: &str,
    except_id: Option<i64>,
) -> StoreResult<bool> {
    let sql = "SELECT COUNT(*) FROM m_holiday WHERE name = $1 AND id <> $2";
    let n: i64 = on!(c, c => sqlx::query_scalar(sql).bind(name).bind(except_id.unwrap_or(0)).fetch_one(c).await?);
    Ok(n > 0)
}

pub async fn insert_holiday_in_tx(tx: &mut Tx, draft: &HolidayDraft) -> StoreResult<i64> {
    use kassa_domain::organisation::calendar::EnumOption;
    let mut c = tx.conn();
    let sql = "INSERT INTO m_holiday (name, description, from_date, to_date, repayments_rescheduled_to, \
               rescheduling_type, status_enum, processed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
    let id: i64 = on!(&mut c, c => sqlx::query_scalar(sql)
        .bind(&draft.name).bind(&draft.description).bind(draft.from_date).bind(draft.to_date)
        .bind(draft.repayments_rescheduled_to).bind(draft.rescheduling_type.id())
        .bind(HolidayStatus::PendingForActivation.id()).bind(false)
        .fetch_one(c).await?);
    replace_offices_in_tx(tx, id, &draft.office_ids).await?;
    Ok(id)
}

/// Stores `next` over the holiday with its id; the office links are replaced when they differ.
pub async fn update_holiday_in_tx(
    tx: &mut Tx,
    previous: &Holiday,
    next: &Holiday,
) -> StoreResult<()> {
    use kassa_domain::organisation::calendar::EnumOption;
    let mut c = tx.conn();
    let sql = "UPDATE m_holiday SET name = $1, description = $2, from_date = $3, to_date = $4, \
               repayments_rescheduled_to = $5, rescheduling_type = $6, status_enum = $7 WHERE id = $8";
    on!(&mut c, c => sqlx::query(sql)
        .bind(&next.name).bind(&next.description).bind(next.from_date).bind(next.to_date)
        .bind(next.repayments_rescheduled_to).bind(next.rescheduling_type.id()).bind(next.status.id())
        .bind(next.id)
        .execute(c).await.map(|_| ())?);
    if previous.office_ids != next.office_ids {
        replace_offices_in_tx(tx, next.id, &next.office_ids).await?;
    }
    Ok(())
}

async fn replace_offices_in_tx(
    tx: &mut Tx,
    holiday_id: i64,
    office_ids: &[i64],
) -> StoreResult<()> {
    let mut c = tx.conn();
    let sql = "DELETE FROM m_holiday_office WHERE holiday_id = $1";
    on!(&mut c, c => sqlx::query(sql).bind(holiday_id).execute(c).await.map(|_| ())?);
    let sql = "INSERT INTO m_holiday_office (holiday_id, office_id) VALUES ($1, $2)";
    for office_id in office_ids {
        on!(&mut c, c => sqlx::query(sql).bind(holiday_id).bind(office_id).execute(c).await.map(|_| ())?);
    }
    Ok(())
}
