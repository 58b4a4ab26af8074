//! Reads GL account requests as Fineract's `GLAccountCommand` validates them (resource `GLAccount`).

use kassa_app::AppError;
use kassa_domain::accounting::{GlAccountChanges, GlAccountDraft, GlAccountType, GlAccountUsage};
use serde_json::Value;

use super::data::{blank, greater_than_zero, in_range, nothing_to_update};
use crate::wire::{JsonBody, Reader};

const RESOURCE: &str = "GLAccount";
const NAME_MAX: usize = 200;
const GL_CODE_MAX: usize = 45;
const DESCRIPTION_MAX: usize = 500;

/// `GLAccountJsonInputParams`.
pub const WRITE_PARAMS: &[&str] = &[
    "id",
    "name",
    "parentId",
    "glCode",
    "disabled",
    "manualEntriesAllowed",
    "type",
    "usage",
    "description",
    "tagId",
];

fn account_type(r: &mut Reader, v: Option<i64>) -> Option<GlAccountType> {
    in_range(r, RESOURCE, "type", v, 1, 5).then_some(())?;
    v.and_then(GlAccountType::from_fineract_id)
}

fn usage(r: &mut Reader, v: Option<i64>) -> Option<GlAccountUsage> {
    in_range(r, RESOURCE, "usage", v, 1, 2).then_some(())?;
    v.and_then(GlAccountUsage::from_fineract_id)
}

/// A create request (`validateForCreate`). Unlike Fineract, `usage` is mandatory: Fineract accepts its
/// absence and then fails on the table's NOT NULL column.
pub fn read_create(json: &JsonBody) -> Result<GlAccountDraft, AppError> {
    let mut r = Reader::new(json, RESOURCE);
    let name = r.required_string("name", NAME_MAX);
    let gl_code = r.required_string("glCode", GL_CODE_MAX);
    let parent_id = r.long("parentId");
    greater_than_zero(&mut r, RESOURCE, "parentId", parent_id);
    let t = r.required_long("type");
    let t = account_type(&mut r, t);
    let u = r.required_long("usage");
    let u = usage(&mut r, u);
    let description = r.string("description", DESCRIPTION_MAX);
    let manual = if r.has("manualEntriesAllowed") {
        r.boolean("manualEntriesAllowed")
    } else {
        r.mandatory_missing("manualEntriesAllowed");
        None
    };
    let disabled = r.boolean("disabled");
    let tag_id = r.long("tagId");
    greater_than_zero(&mut r, RESOURCE, "tagId", tag_id);
    r.finish()?;
    let (Some(name), Some(gl_code), Some(account_type), Some(usage), Some(manual_entries_allowed)) =
        (name, gl_code, t, u, manual)
    else {
        return Err(AppError::InvalidBody("incomplete GL account".into()));
    };
    Ok(GlAccountDraft {
        name,
        gl_code,
        parent_id,
        account_type,
        usage,
        manual_entries_allowed,
        disabled: disabled.unwrap_or(false),
        description,
        tag_id,
    })
}

/// A text parameter that, when given, must not be blank (`ignoreIfNull().notBlank()`).
pub(super) fn text(
    r: &mut Reader,
    json: &JsonBody,
    resource: &str,
    name: &str,
    max: usize,
) -> Option<String> {
    if matches!(json.value(name), Some(Value::String(s)) if s.trim().is_empty()) {
        blank(r, resource, name);
        return None;
    }
    r.string(name, max)
}

/// An update (`validateForUpdate`): each given parameter checked on its own. Fineract asks for one of
/// name, glCode, parentId, type, description or disabled; Kassa takes any parameter as something to update.
pub fn read_update(json: &JsonBody) -> Result<GlAccountChanges, AppError> {
    let mut r = Reader::new(json, RESOURCE);
    let mut c = GlAccountChanges {
        name: text(&mut r, json, RESOURCE, "name", NAME_MAX),
        gl_code: text(&mut r, json, RESOURCE, "glCode", GL_CODE_MAX),
        ..GlAccountChanges::default()
    };
    if r.present("parentId") {
        let v = r.long("parentId");
        greater_than_zero(&mut r, RESOURCE, "parentId", v);
        c.parent_id = Some(v);
    }
    let t = r.long("type");
    c.account_type = account_type(&mut r, t);
    let u = r.long("usage");
    c.usage = usage(&mut r, u);
    if r.present("description") {
        c.description = text(&mut r, json, RESOURCE, "description", DESCRIPTION_MAX).map(Some);
    }
    c.manual_entries_allowed = r.boolean("manualEntriesAllowed");
    c.disabled = r.boolean("disabled");
    if r.present("tagId") {
        let v = r.long("tagId");
        greater_than_zero(&mut r, RESOURCE, "tagId", v);
        c.tag_id = Some(v);
    }
    if WRITE_PARAMS.iter().all(|p| *p == "id" || !r.has(p))
        && !r.present("parentId")
        && !r.present("tagId")
    {
        nothing_to_update(&mut r, RESOURCE);
    }
    r.finish()?;
    Ok(c)
}
