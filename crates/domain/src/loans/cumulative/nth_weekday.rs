//! Monthly repayments on the n-th weekday of the month (`repaymentFrequencyNthDayType` with
//! `repaymentFrequencyDayOfWeekType`). Fineract gives such a loan a calendar with the rule
//! `FREQ=MONTHLY;INTERVAL=every;BYSETPOS=n;BYDAY=day`, started on the first repayment date if one is
//! given, else on the disbursement date; each due date is the rule's next occurrence strictly after
//! the previous one. A month without the n-th weekday (a fifth Friday) has no occurrence and is
//! skipped, as the iCalendar rule skips it.

use chrono::{Datelike, Months, NaiveDate, Weekday};

/// Which weekday of the month repayments fall on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NthWeekday {
    /// 1 to 5 from the start of the month, -1 for the last.
    pub nth: i8,
    pub weekday: Weekday,
}

impl NthWeekday {
    /// Fineract's `NthDayType` (1..5, -1 last) and `DayOfWeekType` (1 Monday .. 7 Sunday); other
    /// values (0 invalid, -2 "on day") carry no weekday rule.
    pub fn from_fineract_ids(nth_day: i64, day_of_week: i64) -> Option<NthWeekday> {
        let nth = match nth_day {
            1..=5 | -1 => nth_day as i8,
            _ => return None,
        };
        let weekday = match day_of_week {
            1 => Weekday::Mon,
            2 => Weekday::Tue,
            3 => Weekday::Wed,
            4 => Weekday::Thu,
            5 => Weekday::Fri,
            6 => Weekday::Sat,
            7 => Weekday::Sun,
            _ => return None,
        };
        Some(NthWeekday { nth, weekday })
    }

    /// The rule's day in the month of `first_of_month`, if that month has one.
    fn in_month(self, first_of_month: NaiveDate) -> Option<NaiveDate> {
        if self.nth > 0 {
            let day = NaiveDate::from_weekday_of_month_opt(
                first_of_month.year(),
                first_of_month.month(),
                self.weekday,
                self.nth as u8,
            )?;
            return Some(day);
        }
        let last_of_month = first_of_month
            .checked_add_months(Months::new(1))?
            .pred_opt()?;
        let back = (7 + last_of_month.weekday().num_days_from_monday()
            - self.weekday.num_days_from_monday())
            % 7;
        last_of_month.checked_sub_days(chrono::Days::new(u64::from(back)))
    }

    /// Whether `date` is an occurrence of the rule (in any month).
    pub(crate) fn is_occurrence(self, date: NaiveDate) -> bool {
        date.with_day(1)
            .and_then(|first| self.in_month(first))
            .is_some_and(|day| day == date)
    }

    /// The first occurrence strictly after `after`, in the months `seed`'s month + k x
    /// `every_months`, never before `seed` (iCalendar's `getNextDate(seed, after)`).
    pub(crate) fn next_after(
        self,
        seed: NaiveDate,
        every_months: u32,
        after: NaiveDate,
    ) -> Option<NaiveDate> {
        let every = every_months.max(1);
        let seed_month = seed.with_day(1)?;
        let months_to_after =
            (after.year() - seed.year()) * 12 + after.month() as i32 - seed.month() as i32;
        // Start one interval before the month of `after`; earlier months cannot qualify.
        let first_step = (months_to_after.max(0) as u32 / every).saturating_sub(1);
        // Five years of months without an occurrence means no rule can produce one.
        for step in first_step..first_step + 60 + every {
            let month = seed_month.checked_add_months(Months::new(step.checked_mul(every)?))?;
            if let Some(day) = self.in_month(month) {
                if day > after && day >= seed {
                    return Some(day);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(iso: &str) -> NaiveDate {
        NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn second_monday_and_last_friday() {
        let second_monday = NthWeekday::from_fineract_ids(2, 1).unwrap();
        assert_eq!(
            second_monday.in_month(date("2024-01-01")),
            Some(date("2024-01-08"))
        );
        let last_friday = NthWeekday::from_fineract_ids(-1, 5).unwrap();
        assert_eq!(
            last_friday.in_month(date("2024-05-01")),
            Some(date("2024-05-31"))
        );
        assert_eq!(
            last_friday.in_month(date("2024-06-01")),
            Some(date("2024-06-28"))
        );
    }

    #[test]
    fn a_month_without_a_fifth_friday_is_skipped() {
        let fifth_friday = NthWeekday::from_fineract_ids(5, 5).unwrap();
        // March 2024 has a fifth Friday (the 29th); April, June and July 2024 do not, May does.
        let seed = date("2024-03-01");
        assert_eq!(
            fifth_friday.next_after(seed, 1, seed),
            Some(date("2024-03-29"))
        );
        assert_eq!(
            fifth_friday.next_after(seed, 1, date("2024-03-29")),
            Some(date("2024-05-31"))
        );
    }

    #[test]
    fn every_two_months_keeps_the_seed_phase() {
        let first_tuesday = NthWeekday::from_fineract_ids(1, 2).unwrap();
        let seed = date("2024-01-15");
        // January's first Tuesday (the 2nd) is before the seed; February is off-phase.
        assert_eq!(
            first_tuesday.next_after(seed, 2, seed),
            Some(date("2024-03-05"))
        );
        assert_eq!(
            first_tuesday.next_after(seed, 2, date("2024-03-05")),
            Some(date("2024-05-07"))
        );
    }

    #[test]
    fn invalid_ids_carry_no_rule() {
        assert!(NthWeekday::from_fineract_ids(0, 1).is_none());
        assert!(NthWeekday::from_fineract_ids(-2, 1).is_none());
        assert!(NthWeekday::from_fineract_ids(1, 0).is_none());
    }
}
