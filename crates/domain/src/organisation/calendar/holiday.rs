//! Holidays: created pending, activated to take effect, soft-deleted. Each holiday covers a date range for
//! a set of offices and says where repayments falling inside it go.

use chrono::{Duration, NaiveDate};

use super::{CalendarError, EnumOption, WorkingDays};

/// Repayments may be rescheduled at most this many days before or after a holiday (Fineract's rule).
pub const HOLIDAY_RESCHEDULE_WINDOW_DAYS: i64 = 30;

/// Fineract's `HolidayStatusType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayStatus {
    PendingForActivation,
    Active,
    Deleted,
}

impl HolidayStatus {
    pub fn from_id(id: i64) -> Option<HolidayStatus> {
        match id {
            100 => Some(HolidayStatus::PendingForActivation),
            300 => Some(HolidayStatus::Active),
            600 => Some(HolidayStatus::Deleted),
            _ => None,
        }
    }
}

impl EnumOption for HolidayStatus {
    fn id(self) -> i64 {
        match self {
            HolidayStatus::PendingForActivation => 100,
            HolidayStatus::Active => 300,
            HolidayStatus::Deleted => 600,
        }
    }

    fn code(self) -> &'static str {
        match self {
            HolidayStatus::PendingForActivation => "holidayStatusType.pending.for.activation",
            HolidayStatus::Active => "holidayStatusType.active",
            // Fineract quirk kept on purpose: the deleted status carries a savings-account code.
            HolidayStatus::Deleted => "savingsAccountStatusType.transfer.in.progress",
        }
    }

    fn value(self) -> &'static str {
        match self {
            HolidayStatus::PendingForActivation => "Pending for activation",
            HolidayStatus::Active => "Active",
            HolidayStatus::Deleted => "Deleted",
        }
    }
}

/// Fineract's `RescheduleType` for holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRescheduleType {
    NextRepaymentDate,
    SpecificDate,
}

impl HolidayRescheduleType {
    /// In the order of Fineract's template.
    pub const OPTIONS: [HolidayRescheduleType; 2] = [
        HolidayRescheduleType::SpecificDate,
        HolidayRescheduleType::NextRepaymentDate,
    ];

    pub fn from_id(id: i64) -> Option<HolidayRescheduleType> {
        match id {
            1 => Some(HolidayRescheduleType::NextRepaymentDate),
            2 => Some(HolidayRescheduleType::SpecificDate),
            _ => None,
        }
    }
}

impl EnumOption for HolidayRescheduleType {
    fn id(self) -> i64 {
        match self {
            HolidayRescheduleType::NextRepaymentDate => 1,
            HolidayRescheduleType::SpecificDate => 2,
        }
    }

    fn code(self) -> &'static str {
        match self {
            HolidayRescheduleType::NextRepaymentDate => {
                "rescheduletype.rescheduletonextrepaymentdate"
            }
            HolidayRescheduleType::SpecificDate => "rescheduletype.rescheduletospecificdate",
        }
    }

    fn value(self) -> &'static str {
        match self {
            HolidayRescheduleType::NextRepaymentDate => "Reschedule to next repayment date",
            HolidayRescheduleType::SpecificDate => "Reschedule to specified date",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    /// Only for [`HolidayRescheduleType::SpecificDate`].
    pub repayments_rescheduled_to: Option<NaiveDate>,
    pub rescheduling_type: HolidayRescheduleType,
    pub status: HolidayStatus,
    pub office_ids: Vec<i64>,
}

/// A validated new holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayDraft {
    pub name: String,
    pub description: Option<String>,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    pub repayments_rescheduled_to: Option<NaiveDate>,
    pub rescheduling_type: HolidayRescheduleType,
    pub office_ids: Vec<i64>,
}

/// A validated update; `None` leaves a field alone, `description: Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayChanges {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub rescheduling_type: Option<HolidayRescheduleType>,
    pub from_date: Option<NaiveDate>,
    pub to_date: Option<NaiveDate>,
    pub repayments_rescheduled_to: Option<NaiveDate>,
    pub office_ids: Option<Vec<i64>>,
}

/// A field an update changed, in Fineract's order of `changes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayField {
    Name,
    Description,
    ReschedulingType,
    FromDate,
    ToDate,
    RepaymentsRescheduledTo,
    Offices,
}

impl HolidayDraft {
    /// The checks a new holiday must pass against the organisation's working days.
    pub fn check(&self, working_days: &WorkingDays) -> Result<(), CalendarError> {
        if self.rescheduling_type == HolidayRescheduleType::SpecificDate
            && self.repayments_rescheduled_to.is_none()
        {
            return Err(CalendarError::RescheduledDateMissing);
        }
        check_holiday_dates(
            self.from_date,
            self.to_date,
            self.repayments_rescheduled_to,
            working_days,
        )
    }
}

/// Fineract's date rules: the range is ordered, and a specific reschedule date lies outside the holiday,
/// on a working day, within 30 days of it.
pub fn check_holiday_dates(
    from: NaiveDate,
    to: NaiveDate,
    rescheduled_to: Option<NaiveDate>,
    working_days: &WorkingDays,
) -> Result<(), CalendarError> {
    if to < from {
        return Err(CalendarError::ToDateBeforeFromDate { from, to });
    }
    let Some(rescheduled_to) = rescheduled_to else {
        return Ok(());
    };
    if rescheduled_to >= from && rescheduled_to <= to {
        return Err(CalendarError::RescheduledDateInsideHoliday(rescheduled_to));
    }
    if !working_days.is_working_day(rescheduled_to) {
        return Err(CalendarError::RescheduledDateOnNonWorkingDay(
            rescheduled_to,
        ));
    }
    let window = Duration::days(HOLIDAY_RESCHEDULE_WINDOW_DAYS);
    let too_early = from
        .checked_sub_signed(window)
        .is_some_and(|d| rescheduled_to < d);
    let too_late = to
        .checked_add_signed(window)
        .is_some_and(|d| rescheduled_to > d);
    if too_early || too_late {
        return Err(CalendarError::RescheduledDateOutOfRange {
            from,
            to,
            rescheduled_to,
        });
    }
    Ok(())
}

/// The active holiday covering `date`, if any, among the holidays of one office.
pub fn active_holiday_on(holidays: &[Holiday], date: NaiveDate) -> Option<&Holiday> {
    holidays
        .iter()
        .find(|h| h.status == HolidayStatus::Active && h.covers(date))
}

impl Holiday {
    pub fn covers(&self, date: NaiveDate) -> bool {
        date >= self.from_date && date <= self.to_date
    }

    /// The holiday after `changes`, and what changed. Name, description and rescheduling type may always
    /// change; dates and offices only while the holiday is pending (Fineract's rule).
    pub fn apply(
        &self,
        changes: &HolidayChanges,
        working_days: &WorkingDays,
    ) -> Result<(Holiday, Vec<HolidayField>), CalendarError> {
        let mut next = self.clone();
        let mut changed = Vec::new();
        if let Some(name) = changes.name.as_ref().filter(|n| **n != self.name) {
            next.name = name.clone();
            changed.push(HolidayField::Name);
        }
        if let Some(description) = changes
            .description
            .as_ref()
            .filter(|d| **d != self.description)
        {
            next.description = description.clone();
            changed.push(HolidayField::Description);
        }
        if let Some(t) = changes
            .rescheduling_type
            .filter(|t| *t != self.rescheduling_type)
        {
            next.rescheduling_type = t;
            if t == HolidayRescheduleType::NextRepaymentDate {
                next.repayments_rescheduled_to = None;
            }
            changed.push(HolidayField::ReschedulingType);
        }
        let from = changes.from_date.filter(|d| *d != self.from_date);
        let to = changes.to_date.filter(|d| *d != self.to_date);
        let rescheduled_to = changes
            .repayments_rescheduled_to
            .filter(|d| Some(*d) != self.repayments_rescheduled_to);
        if self.status == HolidayStatus::PendingForActivation {
            if let Some(d) = from {
                next.from_date = d;
                changed.push(HolidayField::FromDate);
            }
            if let Some(d) = to {
                next.to_date = d;
                changed.push(HolidayField::ToDate);
            }
            if let Some(d) = rescheduled_to {
                next.repayments_rescheduled_to = Some(d);
                changed.push(HolidayField::RepaymentsRescheduledTo);
            }
            if let Some(ids) = &changes.office_ids {
                let mut sorted = ids.clone();
                sorted.sort_unstable();
                sorted.dedup();
                let mut current = self.office_ids.clone();
                current.sort_unstable();
                if sorted != current {
                    next.office_ids = sorted;
                    changed.push(HolidayField::Offices);
                }
            }
        } else {
            let refused: Vec<&'static str> = [
                ("fromDate", from.is_some()),
                ("toDate", to.is_some()),
                ("repaymentsRescheduledTo", rescheduled_to.is_some()),
                ("offices", changes.office_ids.is_some()),
            ]
            .into_iter()
            .filter_map(|(name, hit)| hit.then_some(name))
            .collect();
            if !refused.is_empty() {
                return Err(CalendarError::HolidayNotEditable(refused));
            }
        }
        if next.rescheduling_type == HolidayRescheduleType::SpecificDate
            && next.repayments_rescheduled_to.is_none()
        {
            return Err(CalendarError::RescheduledDateMissing);
        }
        check_holiday_dates(
            next.from_date,
            next.to_date,
            next.repayments_rescheduled_to,
            working_days,
        )?;
        Ok((next, changed))
    }

    pub fn activate(&self) -> Result<Holiday, CalendarError> {
        if self.status != HolidayStatus::PendingForActivation {
            return Err(CalendarError::HolidayNotPending);
        }
        Ok(Holiday {
            status: HolidayStatus::Active,
            ..self.clone()
        })
    }

    pub fn delete(&self) -> Result<Holiday, CalendarError> {
        if self.status == HolidayStatus::Deleted {
            return Err(CalendarError::HolidayAlreadyDeleted);
        }
        Ok(Holiday {
            status: HolidayStatus::Deleted,
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::calendar::{adjusted_due_date, RepaymentRescheduleType, WeekDays};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn weekdays() -> WorkingDays {
        let recurrence = "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR".to_string();
        WorkingDays {
            id: 1,
            days: WeekDays::from_recurrence(&recurrence).unwrap(),
            recurrence,
            reschedule_type: RepaymentRescheduleType::MoveToNextWorkingDay,
            extend_term_for_daily_repayments: false,
            extend_term_for_repayments_on_holidays: false,
        }
    }

    fn holiday(status: HolidayStatus) -> Holiday {
        Holiday {
            id: 1,
            name: "Easter".into(),
            description: None,
            from_date: d(2024, 3, 29),
            to_date: d(2024, 4, 1),
            repayments_rescheduled_to: Some(d(2024, 4, 2)),
            rescheduling_type: HolidayRescheduleType::SpecificDate,
            status,
            office_ids: vec![1],
        }
    }

    #[test]
    fn the_rescheduled_date_must_lie_outside_the_holiday_on_a_working_day_within_30_days() {
        let w = weekdays();
        let (from, to) = (d(2024, 3, 29), d(2024, 4, 1));
        assert!(check_holiday_dates(from, to, Some(d(2024, 4, 2)), &w).is_ok());
        assert!(matches!(
            check_holiday_dates(from, to, Some(d(2024, 3, 30)), &w),
            Err(CalendarError::RescheduledDateInsideHoliday(_))
        ));
        assert!(matches!(
            check_holiday_dates(from, to, Some(d(2024, 4, 6)), &w),
            Err(CalendarError::RescheduledDateOnNonWorkingDay(_))
        ));
        assert!(matches!(
            check_holiday_dates(from, to, Some(d(2024, 5, 6)), &w),
            Err(CalendarError::RescheduledDateOutOfRange { .. })
        ));
        assert!(matches!(
            check_holiday_dates(to, from, None, &w),
            Err(CalendarError::ToDateBeforeFromDate { .. })
        ));
    }

    #[test]
    fn only_an_active_holiday_moves_a_repayment() {
        let w = weekdays();
        let good_friday = d(2024, 3, 29);
        assert_eq!(
            adjusted_due_date(good_friday, &w, &[holiday(HolidayStatus::Active)], None),
            d(2024, 4, 2)
        );
        assert_eq!(
            adjusted_due_date(
                good_friday,
                &w,
                &[holiday(HolidayStatus::PendingForActivation)],
                None
            ),
            good_friday
        );
        // Not a holiday, but a Saturday: the working-days rule moves it to Monday.
        assert_eq!(
            adjusted_due_date(d(2024, 3, 16), &w, &[], None),
            d(2024, 3, 18)
        );
    }

    #[test]
    fn an_active_holidays_dates_cannot_change_but_its_name_can() {
        let w = weekdays();
        let h = holiday(HolidayStatus::Active);
        let moved = HolidayChanges {
            from_date: Some(d(2024, 3, 28)),
            office_ids: Some(vec![1]),
            ..Default::default()
        };
        assert_eq!(
            h.apply(&moved, &w),
            Err(CalendarError::HolidayNotEditable(vec![
                "fromDate", "offices"
            ]))
        );
        let renamed = HolidayChanges {
            name: Some("Easter weekend".into()),
            ..Default::default()
        };
        let (next, changed) = h.apply(&renamed, &w).unwrap();
        assert_eq!(next.name, "Easter weekend");
        assert_eq!(changed, [HolidayField::Name]);
    }

    #[test]
    fn a_holiday_is_activated_once_and_deleted_once() {
        let pending = holiday(HolidayStatus::PendingForActivation);
        let active = pending.activate().unwrap();
        assert_eq!(active.status, HolidayStatus::Active);
        assert_eq!(active.activate(), Err(CalendarError::HolidayNotPending));
        let deleted = active.delete().unwrap();
        assert_eq!(deleted.delete(), Err(CalendarError::HolidayAlreadyDeleted));
    }
}
