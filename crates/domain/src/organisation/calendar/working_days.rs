//! Working days: Fineract stores them as an iCalendar RRULE (`FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,…`).
//! Kassa accepts the weekly form with interval 1 — the only one whose meaning is "these weekdays".

use chrono::{Datelike, NaiveDate, Weekday};

use super::{CalendarError, EnumOption};

/// Fineract's `RepaymentRescheduleType`: where a repayment due on a non-working day goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepaymentRescheduleType {
    SameDay,
    MoveToNextWorkingDay,
    MoveToNextRepaymentMeetingDay,
    MoveToPreviousWorkingDay,
    MoveToNextMeetingDay,
}

impl RepaymentRescheduleType {
    /// The options `PUT /workingdays` accepts and the template offers (Fineract: ids 1..4).
    pub const OPTIONS: [RepaymentRescheduleType; 4] = [
        RepaymentRescheduleType::SameDay,
        RepaymentRescheduleType::MoveToNextWorkingDay,
        RepaymentRescheduleType::MoveToNextRepaymentMeetingDay,
        RepaymentRescheduleType::MoveToPreviousWorkingDay,
    ];

    pub fn from_id(id: i64) -> Option<RepaymentRescheduleType> {
        Some(match id {
            1 => RepaymentRescheduleType::SameDay,
            2 => RepaymentRescheduleType::MoveToNextWorkingDay,
            3 => RepaymentRescheduleType::MoveToNextRepaymentMeetingDay,
            4 => RepaymentRescheduleType::MoveToPreviousWorkingDay,
            5 => RepaymentRescheduleType::MoveToNextMeetingDay,
            _ => return None,
        })
    }
}

impl EnumOption for RepaymentRescheduleType {
    fn id(self) -> i64 {
        match self {
            RepaymentRescheduleType::SameDay => 1,
            RepaymentRescheduleType::MoveToNextWorkingDay => 2,
            RepaymentRescheduleType::MoveToNextRepaymentMeetingDay => 3,
            RepaymentRescheduleType::MoveToPreviousWorkingDay => 4,
            RepaymentRescheduleType::MoveToNextMeetingDay => 5,
        }
    }

    fn code(self) -> &'static str {
        match self {
            RepaymentRescheduleType::SameDay => "RepaymentRescheduleType.same.day",
            RepaymentRescheduleType::MoveToNextWorkingDay => {
                "RepaymentRescheduleType.move.to.next.working.day"
            }
            RepaymentRescheduleType::MoveToNextRepaymentMeetingDay => {
                "RepaymentRescheduleType.move.to.next.repayment.meeting.day"
            }
            RepaymentRescheduleType::MoveToPreviousWorkingDay => {
                "RepaymentRescheduleType.move.to.previous.working.day"
            }
            RepaymentRescheduleType::MoveToNextMeetingDay => {
                "RepaymentRescheduleType.move.to.next.meeting.day"
            }
        }
    }

    fn value(self) -> &'static str {
        match self {
            RepaymentRescheduleType::SameDay => "same day",
            RepaymentRescheduleType::MoveToNextWorkingDay => "move to next working day",
            RepaymentRescheduleType::MoveToNextRepaymentMeetingDay => {
                "move to next repayment meeting day"
            }
            RepaymentRescheduleType::MoveToPreviousWorkingDay => "move to previous working day",
            RepaymentRescheduleType::MoveToNextMeetingDay => "move to next meeting day",
        }
    }
}

/// A set of weekdays (never empty once parsed from a recurrence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekDays(u8);

const DAY_CODES: [(&str, Weekday); 7] = [
    ("MO", Weekday::Mon),
    ("TU", Weekday::Tue),
    ("WE", Weekday::Wed),
    ("TH", Weekday::Thu),
    ("FR", Weekday::Fri),
    ("SA", Weekday::Sat),
    ("SU", Weekday::Sun),
];

impl WeekDays {
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// Reads a weekly RRULE. Malformed text is a parsing error; a well-formed rule that does not name a
    /// set of weekdays every week (other frequencies, an interval above 1, no `BYDAY`) is invalid.
    pub fn from_recurrence(rule: &str) -> Result<WeekDays, CalendarError> {
        let parse_error = || CalendarError::RecurrenceParse(rule.to_string());
        let invalid = || CalendarError::InvalidRecurrence(rule.to_string());
        let (mut weekly, mut days) = (false, 0u8);
        for part in rule.trim().split(';').filter(|p| !p.trim().is_empty()) {
            let (key, value) = part.split_once('=').ok_or_else(parse_error)?;
            match key.trim().to_ascii_uppercase().as_str() {
                "FREQ" => {
                    let freq = value.trim().to_ascii_uppercase();
                    if !matches!(
                        freq.as_str(),
                        "SECONDLY"
                            | "MINUTELY"
                            | "HOURLY"
                            | "DAILY"
                            | "WEEKLY"
                            | "MONTHLY"
                            | "YEARLY"
                    ) {
                        return Err(parse_error());
                    }
                    weekly = freq == "WEEKLY";
                }
                "INTERVAL" => match value.trim().parse::<u32>() {
                    Ok(1) => {}
                    Ok(_) => return Err(invalid()),
                    Err(_) => return Err(parse_error()),
                },
                "BYDAY" => {
                    for code in value.split(',') {
                        let code = code.trim().to_ascii_uppercase();
                        let (_, day) = DAY_CODES
                            .iter()
                            .find(|(c, _)| *c == code)
                            .ok_or_else(parse_error)?;
                        days |= 1 << day.num_days_from_monday();
                    }
                }
                "WKST" => {}
                _ => return Err(invalid()),
            }
        }
        if !weekly || days == 0 {
            return Err(invalid());
        }
        Ok(WeekDays(days))
    }
}

/// The organisation's working days (`m_working_days`, one row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingDays {
    pub id: i64,
    /// The rule as the client sent it (and as it is served back).
    pub recurrence: String,
    pub days: WeekDays,
    pub reschedule_type: RepaymentRescheduleType,
    pub extend_term_for_daily_repayments: bool,
    pub extend_term_for_repayments_on_holidays: bool,
}

/// A validated `PUT /workingdays`; `None` leaves a field alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingDaysChanges {
    pub recurrence: Option<(String, WeekDays)>,
    pub reschedule_type: Option<RepaymentRescheduleType>,
    pub extend_term_for_daily_repayments: Option<bool>,
    pub extend_term_for_repayments_on_holidays: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkingDaysField {
    Recurrence,
    RepaymentRescheduleType,
    ExtendTermForDailyRepayments,
    ExtendTermForRepaymentsOnHolidays,
}

impl WorkingDays {
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.days.contains(date.weekday())
    }

    /// Where a repayment due on `date` goes under the reschedule rule (Fineract's
    /// `WorkingDaysUtil.getOffSetDateIfNonWorkingDay`). `next_meeting` serves the meeting-day rule.
    pub fn adjust(&self, date: NaiveDate, next_meeting: Option<NaiveDate>) -> NaiveDate {
        if self.is_working_day(date) {
            return date;
        }
        match self.reschedule_type {
            RepaymentRescheduleType::SameDay | RepaymentRescheduleType::MoveToNextMeetingDay => {
                date
            }
            RepaymentRescheduleType::MoveToNextRepaymentMeetingDay => next_meeting.unwrap_or(date),
            RepaymentRescheduleType::MoveToNextWorkingDay => self.step(date, 1),
            RepaymentRescheduleType::MoveToPreviousWorkingDay => self.step(date, -1),
        }
    }

    /// The nearest working day after (`+1`) or before (`-1`) `date`; at most a week away, since at least
    /// one weekday is a working day.
    fn step(&self, date: NaiveDate, direction: i64) -> NaiveDate {
        (1..=7)
            .filter_map(|n| date.checked_add_signed(chrono::Duration::days(n * direction)))
            .find(|d| self.is_working_day(*d))
            .unwrap_or(date)
    }

    /// The working days after `changes`, and what changed (Fineract's order).
    pub fn apply(&self, changes: &WorkingDaysChanges) -> (WorkingDays, Vec<WorkingDaysField>) {
        let mut next = self.clone();
        let mut changed = Vec::new();
        if let Some((rule, days)) = changes
            .recurrence
            .as_ref()
            .filter(|(r, _)| *r != self.recurrence)
        {
            next.recurrence = rule.clone();
            next.days = *days;
            changed.push(WorkingDaysField::Recurrence);
        }
        if let Some(t) = changes
            .reschedule_type
            .filter(|t| *t != self.reschedule_type)
        {
            next.reschedule_type = t;
            changed.push(WorkingDaysField::RepaymentRescheduleType);
        }
        if let Some(v) = changes
            .extend_term_for_daily_repayments
            .filter(|v| *v != self.extend_term_for_daily_repayments)
        {
            next.extend_term_for_daily_repayments = v;
            changed.push(WorkingDaysField::ExtendTermForDailyRepayments);
        }
        if let Some(v) = changes
            .extend_term_for_repayments_on_holidays
            .filter(|v| *v != self.extend_term_for_repayments_on_holidays)
        {
            next.extend_term_for_repayments_on_holidays = v;
            changed.push(WorkingDaysField::ExtendTermForRepaymentsOnHolidays);
        }
        (next, changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn weekdays_only(reschedule_type: RepaymentRescheduleType) -> WorkingDays {
        let recurrence = "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR".to_string();
        WorkingDays {
            id: 1,
            days: WeekDays::from_recurrence(&recurrence).unwrap(),
            recurrence,
            reschedule_type,
            extend_term_for_daily_repayments: false,
            extend_term_for_repayments_on_holidays: false,
        }
    }

    #[test]
    fn fineracts_seed_rule_makes_every_day_a_working_day() {
        let days =
            WeekDays::from_recurrence("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR,SA,SU").unwrap();
        for (_, day) in DAY_CODES {
            assert!(days.contains(day));
        }
    }

    #[test]
    fn a_weekend_is_not_a_working_day_when_only_weekdays_are_listed() {
        let w = weekdays_only(RepaymentRescheduleType::SameDay);
        assert!(w.is_working_day(d(2024, 3, 15))); // Friday
        assert!(!w.is_working_day(d(2024, 3, 16))); // Saturday
    }

    #[test]
    fn a_repayment_on_a_saturday_moves_by_the_reschedule_rule() {
        let saturday = d(2024, 3, 16);
        let next = weekdays_only(RepaymentRescheduleType::MoveToNextWorkingDay);
        assert_eq!(next.adjust(saturday, None), d(2024, 3, 18));
        let previous = weekdays_only(RepaymentRescheduleType::MoveToPreviousWorkingDay);
        assert_eq!(previous.adjust(saturday, None), d(2024, 3, 15));
        let same = weekdays_only(RepaymentRescheduleType::SameDay);
        assert_eq!(same.adjust(saturday, None), saturday);
        let meeting = weekdays_only(RepaymentRescheduleType::MoveToNextRepaymentMeetingDay);
        assert_eq!(
            meeting.adjust(saturday, Some(d(2024, 3, 20))),
            d(2024, 3, 20)
        );
        assert_eq!(next.adjust(d(2024, 3, 14), None), d(2024, 3, 14));
    }

    #[test]
    fn malformed_and_unusable_rules_are_told_apart() {
        assert!(matches!(
            WeekDays::from_recurrence("FREQ=WEEKLY;BYDAY=XX"),
            Err(CalendarError::RecurrenceParse(_))
        ));
        assert!(matches!(
            WeekDays::from_recurrence("garbage"),
            Err(CalendarError::RecurrenceParse(_))
        ));
        assert!(matches!(
            WeekDays::from_recurrence("FREQ=DAILY;BYDAY=MO"),
            Err(CalendarError::InvalidRecurrence(_))
        ));
        assert!(matches!(
            WeekDays::from_recurrence("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
            Err(CalendarError::InvalidRecurrence(_))
        ));
        assert!(matches!(
            WeekDays::from_recurrence("FREQ=WEEKLY;INTERVAL=1"),
            Err(CalendarError::InvalidRecurrence(_))
        ));
    }

    #[test]
    fn applying_changes_reports_only_real_changes() {
        let w = weekdays_only(RepaymentRescheduleType::SameDay);
        let changes = WorkingDaysChanges {
            reschedule_type: Some(RepaymentRescheduleType::SameDay),
            extend_term_for_daily_repayments: Some(true),
            ..Default::default()
        };
        let (next, changed) = w.apply(&changes);
        assert!(next.extend_term_for_daily_repayments);
        assert_eq!(changed, [WorkingDaysField::ExtendTermForDailyRepayments]);
    }
}
