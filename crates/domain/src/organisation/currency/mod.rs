//! Currencies: the ISO 4217 list a tenant chooses from, and the organisation's enabled subset. A product or
//! account may only use an enabled currency.

/// What can go wrong with currencies, in Fineract's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurrencyError {
    #[error("Currency with identifier {0} does not exist")]
    NotFound(String),
    #[error("Cannot remove currency with identifier {0} while it is still in use")]
    InUse(String),
    /// A product or account named a currency the organisation has not enabled.
    #[error("Currency with identifier {0} does not exist or is not supported by the Organization")]
    NotEnabled(String),
}

/// Fineract's `CurrencyData`, for both the platform list and the organisation's selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    pub code: String,
    pub name: String,
    /// Digits after the decimal point (ISO 4217 minor unit).
    pub decimal_places: u32,
    /// Amounts are rounded to a multiple of this, when set.
    pub in_multiples_of: Option<i64>,
    pub display_symbol: Option<String>,
    /// The i18n key, `currency.XXX`.
    pub name_code: String,
}

impl Currency {
    /// Fineract's `displayLabel`: the name, then the symbol in parentheses or else the code in brackets.
    pub fn display_label(&self) -> String {
        match self.display_symbol.as_deref().map(str::trim) {
            Some(symbol) if !symbol.is_empty() => format!("{} ({})", self.name, symbol),
            _ => format!("{} [{}]", self.name, self.code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(code: &str, symbol: Option<&str>) -> Currency {
        Currency {
            code: code.into(),
            name: "Name".into(),
            decimal_places: 2,
            in_multiples_of: None,
            display_symbol: symbol.map(str::to_string),
            name_code: format!("currency.{code}"),
        }
    }

    #[test]
    fn the_display_label_prefers_the_symbol() {
        assert_eq!(currency("USD", Some("$")).display_label(), "Name ($)");
        assert_eq!(currency("AED", None).display_label(), "Name [AED]");
        assert_eq!(currency("AED", Some(" ")).display_label(), "Name [AED]");
    }
}
