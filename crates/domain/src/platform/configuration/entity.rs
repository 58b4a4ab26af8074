use chrono::NaiveDate;

use super::{names, ConfigurationError};

/// One row of `c_configuration`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobalConfiguration {
    pub id: i64,
    pub name: String,
    pub enabled: bool,
    pub value: Option<i64>,
    pub date_value: Option<NaiveDate>,
    pub string_value: Option<String>,
    pub description: Option<String>,
    pub trap_door: bool,
}

/// A validated `PUT /configurations/{id}`: `None` leaves a field alone; `value: Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigurationUpdate {
    pub enabled: Option<bool>,
    pub value: Option<Option<i64>>,
    pub date_value: Option<NaiveDate>,
    pub string_value: Option<String>,
}

/// A field that an update changed, in Fineract's order of `changes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigurationField {
    Enabled,
    Value,
    DateValue,
    StringValue,
}

impl GlobalConfiguration {
    /// The configuration after `update`, and what changed. Trap-door configurations cannot be changed
    /// through the API at all, and `force-password-reset-days` cannot be on with 0 days (Fineract's rules).
    pub fn apply(
        &self,
        update: &ConfigurationUpdate,
    ) -> Result<(GlobalConfiguration, Vec<ConfigurationField>), ConfigurationError> {
        if self.trap_door {
            return Err(ConfigurationError::NotModifiable(self.id));
        }
        let mut next = self.clone();
        let mut changed = Vec::new();
        if let Some(enabled) = update.enabled.filter(|e| *e != self.enabled) {
            next.enabled = enabled;
            changed.push(ConfigurationField::Enabled);
        }
        if let Some(value) = update.value.filter(|v| *v != self.value) {
            next.value = value;
            changed.push(ConfigurationField::Value);
        }
        if let Some(date) = update.date_value.filter(|d| Some(*d) != self.date_value) {
            next.date_value = Some(date);
            changed.push(ConfigurationField::DateValue);
        }
        if let Some(text) = update
            .string_value
            .as_ref()
            .filter(|s| Some(s.as_str()) != self.string_value.as_deref())
        {
            next.string_value = Some(text.clone());
            changed.push(ConfigurationField::StringValue);
        }
        if next
            .name
            .eq_ignore_ascii_case(names::FORCE_PASSWORD_RESET_DAYS)
            && next.enabled
            && next.value.unwrap_or(0) <= 0
        {
            return Err(ConfigurationError::ForcePasswordResetDaysZero);
        }
        Ok((next, changed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(name: &str, trap_door: bool) -> GlobalConfiguration {
        GlobalConfiguration {
            id: 7,
            name: name.into(),
            enabled: false,
            value: Some(0),
            date_value: None,
            string_value: None,
            description: None,
            trap_door,
        }
    }

    #[test]
    fn only_real_changes_are_reported_in_fineracts_order() {
        let c = config("daily-tpt-limit", false);
        let update = ConfigurationUpdate {
            enabled: Some(true),
            value: Some(Some(0)),
            string_value: Some("x".into()),
            ..Default::default()
        };
        let (next, changed) = c.apply(&update).unwrap();
        assert!(next.enabled);
        assert_eq!(
            changed,
            [ConfigurationField::Enabled, ConfigurationField::StringValue]
        );
    }

    #[test]
    fn a_trap_door_configuration_cannot_be_modified() {
        let c = config("rounding-mode", true);
        let update = ConfigurationUpdate {
            value: Some(Some(4)),
            ..Default::default()
        };
        assert_eq!(c.apply(&update), Err(ConfigurationError::NotModifiable(7)));
    }

    #[test]
    fn force_password_reset_days_needs_a_positive_value_when_enabled() {
        let c = config(names::FORCE_PASSWORD_RESET_DAYS, false);
        let on = ConfigurationUpdate {
            enabled: Some(true),
            ..Default::default()
        };
        assert_eq!(
            c.apply(&on),
            Err(ConfigurationError::ForcePasswordResetDaysZero)
        );
        let on_with_days = ConfigurationUpdate {
            enabled: Some(true),
            value: Some(Some(30)),
            ..Default::default()
        };
        assert!(c.apply(&on_with_days).is_ok());
    }
}
