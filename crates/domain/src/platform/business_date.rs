use chrono::NaiveDate;

/// Fineract's `BusinessDateType`; the wire uses the constant's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BusinessDateType {
    BusinessDate,
    CobDate,
}

impl BusinessDateType {
    pub const ALL: [BusinessDateType; 2] =
        [BusinessDateType::BusinessDate, BusinessDateType::CobDate];

    /// Exact, case-sensitive, as Java's `valueOf`.
    pub fn from_name(name: &str) -> Option<BusinessDateType> {
        match name {
            "BUSINESS_DATE" => Some(BusinessDateType::BusinessDate),
            "COB_DATE" => Some(BusinessDateType::CobDate),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BusinessDateType::BusinessDate => "BUSINESS_DATE",
            BusinessDateType::CobDate => "COB_DATE",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            BusinessDateType::BusinessDate => "Business Date",
            BusinessDateType::CobDate => "Close of Business Date",
        }
    }

    /// The close-of-business date that goes with a business date (the day before), when the automatic
    /// COB adjustment is on.
    pub fn cob_date_for(business_date: NaiveDate) -> Option<NaiveDate> {
        business_date.pred_opt()
    }
}

/// "Today" for the organisation: the stored business date while the business date is enabled and set,
/// else the tenant's calendar date.
pub fn effective_today(
    business_date_enabled: bool,
    stored_business_date: Option<NaiveDate>,
    calendar_today: NaiveDate,
) -> NaiveDate {
    match stored_business_date {
        Some(d) if business_date_enabled => d,
        _ => calendar_today,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_business_date_is_today_only_while_enabled_and_set() {
        let calendar = d(2024, 5, 1);
        assert_eq!(
            effective_today(true, Some(d(2030, 1, 1)), calendar),
            d(2030, 1, 1)
        );
        assert_eq!(
            effective_today(false, Some(d(2030, 1, 1)), calendar),
            calendar
        );
        assert_eq!(effective_today(true, None, calendar), calendar);
    }

    #[test]
    fn types_parse_exactly_by_name() {
        assert_eq!(
            BusinessDateType::from_name("COB_DATE"),
            Some(BusinessDateType::CobDate)
        );
        assert_eq!(BusinessDateType::from_name("cob_date"), None);
        assert_eq!(
            BusinessDateType::cob_date_for(d(2024, 3, 1)),
            Some(d(2024, 2, 29))
        );
    }
}
