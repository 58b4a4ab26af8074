//! Fineract's accounting data shapes shared by the accounting routes: `EnumOptionData`, `CodeValueData`,
//! `GLAccountData` and the small checks every accounting request reader uses.

use kassa_app::ParamError;
use kassa_domain::accounting::{name_decorated, GlAccount, GlAccountType};
use kassa_domain::organisation::code::CodeValue;
use serde::Serialize;
use serde_json::Value;

use crate::wire::Reader;

/// `EnumOptionData`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EnumOption {
    pub id: i64,
    pub code: &'static str,
    pub value: &'static str,
}

macro_rules! option_of {
    ($e:expr) => {
        crate::routes::accounting::data::EnumOption {
            id: $e.fineract_id(),
            code: $e.code(),
            value: $e.label(),
        }
    };
}
pub(crate) use option_of;

/// `CodeValueData` as Fineract's accounting reads build it (`CodeValueData.instance(id, name)`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CodeValueData {
    pub id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub active: bool,
    pub mandatory: bool,
}

impl CodeValueData {
    pub fn option(v: &CodeValue) -> CodeValueData {
        CodeValueData {
            id: v.id,
            name: Some(v.name.clone()),
            active: v.is_active,
            mandatory: v.is_mandatory,
        }
    }
}

/// `GLAccountData`; the option lists appear only in templates.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GlAccountData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gl_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual_entries_allowed: Option<bool>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub account_type: Option<EnumOption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<EnumOption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_decorated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_id: Option<CodeValueData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_running_balance: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_type_options: Option<Vec<EnumOption>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_options: Option<Vec<EnumOption>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub asset_header_account_options: Option<Vec<GlAccountData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub liability_header_account_options: Option<Vec<GlAccountData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub equity_header_account_options: Option<Vec<GlAccountData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub income_header_account_options: Option<Vec<GlAccountData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub expense_header_account_options: Option<Vec<GlAccountData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_assets_tag_options: Option<Vec<CodeValueData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_liabilities_tag_options: Option<Vec<CodeValueData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_equity_tag_options: Option<Vec<CodeValueData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_income_tag_options: Option<Vec<CodeValueData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_expenses_tag_options: Option<Vec<CodeValueData>>,
}

impl GlAccountData {
    /// An account as Fineract's `GLAccountMapper` reads it. Quirk kept: an account without a tag shows
    /// `tagId: {"id": 0}` (the mapper reads the missing id as 0).
    pub fn new(a: &GlAccount, running_balance: bool) -> GlAccountData {
        GlAccountData {
            id: Some(a.id),
            name: Some(a.name.clone()),
            parent_id: a.parent_id,
            gl_code: Some(a.gl_code.clone()),
            disabled: Some(a.disabled),
            manual_entries_allowed: Some(a.manual_entries_allowed),
            account_type: Some(option_of!(a.account_type)),
            usage: Some(option_of!(a.usage)),
            description: a.description.clone(),
            name_decorated: Some(name_decorated(&a.hierarchy, &a.name)),
            tag_id: Some(CodeValueData {
                id: a.tag_id.unwrap_or(0),
                name: a.tag_name.clone(),
                active: false,
                mandatory: false,
            }),
            // The reads that ask for it fill in the balance.
            organization_running_balance: running_balance.then_some(0),
            ..GlAccountData::default()
        }
    }

    /// The short form other resources embed (`{id, name, glCode}`).
    pub fn reference(a: &GlAccount) -> GlAccountData {
        GlAccountData {
            id: Some(a.id),
            name: Some(a.name.clone()),
            gl_code: Some(a.gl_code.clone()),
            ..GlAccountData::default()
        }
    }
}

/// The `…AccountOptions` key of a type in Fineract's account-option maps.
pub fn options_key(t: GlAccountType) -> &'static str {
    match t {
        GlAccountType::Asset => "assetAccountOptions",
        GlAccountType::Liability => "liabilityAccountOptions",
        GlAccountType::Equity => "equityAccountOptions",
        GlAccountType::Income => "incomeAccountOptions",
        GlAccountType::Expense => "expenseAccountOptions",
    }
}

/// `validation.msg.<resource>.<name>.not.greater.than.zero` for a value below 1.
pub fn greater_than_zero(r: &mut Reader, resource: &str, name: &str, value: Option<i64>) {
    if let Some(v) = value.filter(|v| *v < 1) {
        r.error(
            ParamError::new(
                name,
                format!("validation.msg.{resource}.{name}.not.greater.than.zero"),
                format!("The parameter `{name}` must be greater than 0."),
            )
            .with_value(Value::from(v))
            .with_args(vec![Value::from(v), Value::from(0)]),
        );
    }
}

/// `validation.msg.<resource>.<name>.is.not.within.expected.range`.
pub fn in_range(
    r: &mut Reader,
    resource: &str,
    name: &str,
    value: Option<i64>,
    min: i64,
    max: i64,
) -> bool {
    match value {
        Some(v) if v < min || v > max => {
            r.error(
                ParamError::new(
                    name,
                    format!("validation.msg.{resource}.{name}.is.not.within.expected.range"),
                    format!("The parameter `{name}` must be between {min} and {max}."),
                )
                .with_value(Value::from(v))
                .with_args(vec![
                    Value::from(v),
                    Value::from(min),
                    Value::from(max),
                ]),
            );
            false
        }
        _ => true,
    }
}

/// `validation.msg.<resource>.<name>.cannot.be.blank` for a value given as blank text.
pub fn blank(r: &mut Reader, resource: &str, name: &str) {
    r.error(
        ParamError::new(
            name,
            format!("validation.msg.{resource}.{name}.cannot.be.blank"),
            format!("The parameter `{name}` is mandatory."),
        )
        .with_args(vec![Value::Null]),
    );
}

/// `validation.msg.<resource>.no.parameters.for.update` when an update names nothing.
pub fn nothing_to_update(r: &mut Reader, resource: &str) {
    r.error(ParamError::new(
        "id",
        format!("validation.msg.{resource}.no.parameters.for.update"),
        "No parameters passed for update.",
    ));
}
