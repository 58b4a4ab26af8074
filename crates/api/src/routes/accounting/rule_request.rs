//! Reads accounting rule requests as `AccountingRuleCommandFromApiJsonDeserializer` does (resource
//! `AccountingRule`).

use kassa_app::accounting::rules::SideRequest;
use kassa_app::{AppError, ParamError};
use serde_json::Value;

use super::data::greater_than_zero;
use super::gl_account_request::text;
use crate::wire::{JsonBody, Reader};

pub const RESOURCE: &str = "AccountingRule";
const NAME_MAX: usize = 100;
const DESCRIPTION_MAX: usize = 500;

/// `AccountingRuleJsonInputParams`.
pub const WRITE_PARAMS: &[&str] = &[
    "id",
    "officeId",
    "accountToDebit",
    "accountToCredit",
    "name",
    "description",
    "systemDefined",
    "debitTags",
    "creditTags",
    "allowMultipleCreditEntries",
    "allowMultipleDebitEntries",
];

/// What a request says; `None` where it says nothing.
pub struct RuleRequest {
    pub name: Option<String>,
    pub office_id: Option<i64>,
    pub description: Option<Option<String>>,
    pub debit: SideRequest,
    pub credit: SideRequest,
}

fn side(r: &mut Reader, account: &str, tags: &str, multiple: &str, create: bool) -> SideRequest {
    let account_id = r.long(account);
    greater_than_zero(r, RESOURCE, account, account_id);
    let tag_ids = r.long_array(tags);
    if let Some(ids) = &tag_ids {
        if ids.is_empty() {
            r.error(ParamError::new(
                tags,
                format!("validation.msg.{RESOURCE}.{tags}.cannot.be.empty"),
                format!("The parameter `{tags}` cannot be empty. You must select at least one."),
            ));
        }
        for id in ids {
            greater_than_zero(r, RESOURCE, tags, Some(*id));
        }
    }
    if create && account_id.is_none() && tag_ids.is_none() {
        r.error(
            ParamError::new(
                format!("{account},{tags}"),
                format!("validation.msg.{account}.or.{tags}.required"),
                format!("The parameter {account} or{tags} required"),
            )
            .with_args(vec![Value::from(account), Value::from(tags)]),
        );
    }
    SideRequest {
        account: account_id,
        tags: tag_ids,
        allow_multiple: r.boolean(multiple),
    }
}

pub fn read(json: &JsonBody, create: bool) -> Result<RuleRequest, AppError> {
    let mut r = Reader::new(json, RESOURCE);
    let debit = side(
        &mut r,
        "accountToDebit",
        "debitTags",
        "allowMultipleDebitEntries",
        create,
    );
    let credit = side(
        &mut r,
        "accountToCredit",
        "creditTags",
        "allowMultipleCreditEntries",
        create,
    );
    if create && !r.has("officeId") {
        r.mandatory_missing("officeId");
    }
    let office_id = r.long("officeId");
    greater_than_zero(&mut r, RESOURCE, "officeId", office_id);
    let name = if create {
        r.required_string("name", NAME_MAX)
    } else {
        text(&mut r, json, RESOURCE, "name", NAME_MAX)
    };
    let description = if r.present("description") {
        Some(r.string("description", DESCRIPTION_MAX))
    } else {
        None
    };
    r.boolean("systemDefined");
    r.finish()?;
    Ok(RuleRequest {
        name,
        office_id,
        description,
        debit,
        credit,
    })
}
