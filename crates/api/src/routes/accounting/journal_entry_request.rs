//! The body of `POST /journalentries` (a manual entry or an opening balance), read in the order of
//! Fineract's `JournalEntryCommand.validateForCreate`, every field error gathered into one 400.

use kassa_app::accounting::journal_entries::ManualEntry;
use kassa_app::{AppError, ParamError};
use kassa_domain::accounting::ManualLine;
use kassa_store::repo::accounting::journal_entry::EntryPayment;
use serde_json::value::RawValue;
use serde_json::Value;

use super::data::{blank, greater_than_zero};
use crate::error::ApiResult;
use crate::wire::{JsonBody, Reader};

pub(super) const RESOURCE: &str = "GLJournalEntry";
const COMMENTS_MAX: usize = 500;
const REFERENCE_MAX: usize = 100;
const PAYMENT_TEXT_MAX: usize = 100;
const CURRENCY_MAX: usize = 20;
/// Kassa's bound on the lines of one side (Fineract has none): each line is checked and written.
pub(super) const MAX_LINES: usize = 1_000;

/// `JournalEntryJsonInputParams` a manual entry takes.
pub(super) const WRITE_PARAMS: &[&str] = &[
    "officeId",
    "transactionDate",
    "comments",
    "credits",
    "debits",
    "locale",
    "dateFormat",
    "referenceNumber",
    "useAccountingRule",
    "accountingRule",
    "amount",
    "currencyCode",
    "paymentTypeId",
    "accountNumber",
    "checkNumber",
    "routingCode",
    "receiptNumber",
    "bankNumber",
];

/// The manual entry a body describes; credits or debits left out are empty (a 403 later, as Fineract).
pub(super) fn read_entry(json: &JsonBody) -> ApiResult<ManualEntry> {
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(json, RESOURCE);
    let transaction_date = r.required_date("transactionDate");
    let office_id = r.required_long("officeId");
    greater_than_zero(&mut r, RESOURCE, "officeId", office_id);
    let currency_code = r.string("currencyCode", CURRENCY_MAX);
    if currency_code.is_none() && !r.has("currencyCode") {
        blank(&mut r, RESOURCE, "currencyCode");
    }
    let comments = r.string("comments", COMMENTS_MAX);
    let reference_number = r.string("referenceNumber", REFERENCE_MAX);
    let accounting_rule = r.long("accountingRule");
    greater_than_zero(&mut r, RESOURCE, "accountingRule", accounting_rule);
    let payment_type_id = r.long("paymentTypeId");
    greater_than_zero(&mut r, RESOURCE, "paymentTypeId", payment_type_id);
    let payment = EntryPayment {
        payment_type_id,
        account_number: r.string("accountNumber", PAYMENT_TEXT_MAX),
        check_number: r.string("checkNumber", PAYMENT_TEXT_MAX),
        routing_code: r.string("routingCode", PAYMENT_TEXT_MAX),
        receipt_number: r.string("receiptNumber", PAYMENT_TEXT_MAX),
        bank_number: r.string("bankNumber", PAYMENT_TEXT_MAX),
    };
    let credits = lines(json, &mut r, "credits")?;
    let debits = lines(json, &mut r, "debits")?;
    if let Some(amount) = r.decimal("amount") {
        if amount.is_sign_negative() && !amount.is_zero() {
            r.error(
                ParamError::new(
                    "amount",
                    format!("validation.msg.{RESOURCE}.amount.not.zero.or.greater"),
                    "The parameter `amount` must be greater than or equal to 0.",
                )
                .with_args(vec![Value::from(amount.to_string()), Value::from(0)]),
            );
        }
    }
    r.boolean("useAccountingRule");
    r.finish()?;
    let (Some(transaction_date), Some(office_id), Some(currency_code)) =
        (transaction_date, office_id, currency_code)
    else {
        return Err(AppError::InvalidBody("incomplete journal entry".into()).into());
    };
    Ok(ManualEntry {
        office_id,
        transaction_date,
        currency_code,
        comments,
        reference_number,
        accounting_rule,
        payment,
        debits,
        credits,
    })
}

/// The lines of one side: `[{glAccountId, amount, comments}]`. An empty array reports its first line's
/// account and amount as blank, as Fineract does.
fn lines(json: &JsonBody, r: &mut Reader, side: &str) -> ApiResult<Vec<ManualLine>> {
    let Some(raw) = json.get(side) else {
        return Ok(Vec::new());
    };
    if raw.get().trim() == "null" {
        return Ok(Vec::new());
    }
    let items: Vec<Box<RawValue>> = serde_json::from_str(raw.get()).map_err(|_| {
        AppError::validation(ParamError::new(
            side,
            format!("validation.msg.{RESOURCE}.{side}.not.an.array"),
            format!(
                "The parameter `{side}` must be an array of {{glAccountId, amount, comments}}."
            ),
        ))
    })?;
    if items.len() > MAX_LINES {
        return Err(AppError::validation(
            ParamError::new(
                side,
                format!("validation.msg.{RESOURCE}.{side}.exceeds.limit"),
                format!("At most {MAX_LINES} {side} are accepted on one journal entry."),
            )
            .with_args(vec![Value::from(MAX_LINES)]),
        )
        .into());
    }
    if items.is_empty() {
        for field in ["glAccountId", "amount"] {
            let name = format!("{side}[0].{field}");
            r.error(
                ParamError::new(
                    name.clone(),
                    format!("validation.msg.{RESOURCE}.{name}.cannot.be.blank"),
                    format!("The parameter `{name}` is mandatory."),
                )
                .with_args(vec![Value::Null]),
            );
        }
        return Ok(Vec::new());
    }
    let locale: Vec<String> = ["locale"]
        .iter()
        .filter_map(|k| json.get(k).map(|v| format!("\"{k}\":{}", v.get())))
        .collect();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let inner = item.get().trim();
        let body = match inner.strip_prefix('{') {
            Some(rest) if !locale.is_empty() && rest.trim() != "}" => {
                format!("{{{},{rest}", locale.join(","))
            }
            Some(_) if !locale.is_empty() => format!("{{{}}}", locale.join(",")),
            Some(_) => inner.to_string(),
            None => "{}".to_string(),
        };
        let element = JsonBody::parse(&body)?;
        let mut er = Reader::new(&element, RESOURCE);
        let account = er.required_long("glAccountId");
        greater_than_zero(&mut er, RESOURCE, "glAccountId", account);
        let amount = if er.has("amount") {
            er.decimal("amount")
        } else {
            er.mandatory_missing("amount");
            None
        };
        if let Some(a) = amount.filter(|a| a.is_sign_negative() && !a.is_zero()) {
            er.error(
                ParamError::new(
                    "amount",
                    format!("validation.msg.{RESOURCE}.amount.not.zero.or.greater"),
                    "The parameter `amount` must be greater than or equal to 0.",
                )
                .with_args(vec![Value::from(a.to_string()), Value::from(0)]),
            );
        }
        let comments = er.string("comments", COMMENTS_MAX);
        match er.finish() {
            Ok(()) => {
                if let (Some(gl_account_id), Some(amount)) = (account, amount) {
                    out.push(ManualLine {
                        gl_account_id,
                        amount,
                        comments,
                    });
                }
            }
            Err(AppError::Validation(errors)) => {
                for mut e in errors {
                    let field = e.parameter.clone();
                    let named = format!("{side}[{i}].{field}");
                    e.code = e
                        .code
                        .replacen(&format!(".{field}."), &format!(".{named}."), 1);
                    e.parameter = named;
                    r.error(e);
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// The body of `?command=reverse`: optional `comments` (≤ 500).
pub(super) fn read_reversal(json: &JsonBody) -> ApiResult<Option<String>> {
    json.check_supported(&["comments", "locale", "dateFormat"])?;
    let mut r = Reader::new(json, RESOURCE);
    let comments = r.string("comments", COMMENTS_MAX);
    r.finish()?;
    Ok(comments)
}
