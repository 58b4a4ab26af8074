//! The `charges` of `POST /loans`: read with the application's date format and taken out of the body.

use kassa_app::loans::charges as app;

use crate::error::ApiResult;
use crate::wire::Reader;

/// Kassa's cap on `charges` in one application (Fineract has none): each is looked up and placed over every
/// installment, so the count bounds the work of one request.
const MAX_APPLICATION_CHARGES: usize = 50;

/// The `charges` of a loan application (`[{chargeId, amount, dueDate}]`, dates in the body's format) and the
/// application without them, which is what the loan keeps to regenerate its schedule from.
pub(in crate::routes::loans) fn application_charges(
    json: &crate::wire::JsonBody,
) -> ApiResult<(Vec<app::ChargeOfApplication>, crate::wire::JsonBody)> {
    let Some(raw) = json.get("charges") else {
        return Ok((Vec::new(), crate::wire::JsonBody::parse(json.raw())?));
    };
    let items: Vec<Box<serde_json::value::RawValue>> = if raw.get().trim() == "null" {
        Vec::new()
    } else {
        serde_json::from_str(raw.get()).map_err(|_| {
            kassa_app::AppError::validation(kassa_app::ParamError::new(
                "charges",
                "validation.msg.loan.charges.not.an.array",
                "The parameter `charges` must be an array of charges.",
            ))
        })?
    };
    if items.len() > MAX_APPLICATION_CHARGES {
        return Err(kassa_app::AppError::validation(
            kassa_app::ParamError::new(
                "charges",
                "validation.msg.loan.charges.exceeds.limit",
                format!("At most {MAX_APPLICATION_CHARGES} charges are accepted on one loan application."),
            )
            .with_args(vec![serde_json::Value::from(MAX_APPLICATION_CHARGES)]),
        )
        .into());
    }
    let format: Vec<String> = ["locale", "dateFormat"]
        .iter()
        .filter_map(|k| json.get(k).map(|v| format!("\"{k}\":{}", v.get())))
        .collect();
    let mut out = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    for item in items {
        let inner = item.get().trim();
        let body = match inner.strip_prefix('{') {
            Some(rest) if !format.is_empty() && rest.trim() != "}" => {
                format!("{{{},{rest}", format.join(","))
            }
            Some(_) if !format.is_empty() => format!("{{{}}}", format.join(",")),
            _ => inner.to_string(),
        };
        let element = crate::wire::JsonBody::parse(&body)?;
        let mut r = Reader::new(&element, "loan");
        let charge_id = r.required_long("chargeId");
        let amount = r.decimal("amount");
        let due_date = r.date("dueDate");
        match r.finish() {
            Ok(()) => out.push(app::ChargeOfApplication {
                charge_id: charge_id.unwrap_or_default(),
                amount,
                due_date,
            }),
            Err(kassa_app::AppError::Validation(mut e)) => errors.append(&mut e),
            Err(e) => return Err(e.into()),
        }
    }
    if !errors.is_empty() {
        return Err(kassa_app::AppError::Validation(errors).into());
    }
    let rest: Vec<String> = json
        .keys()
        .filter(|k| *k != "charges")
        .filter_map(|k| {
            let key = serde_json::to_string(k).ok()?;
            json.get(k).map(|v| format!("{key}:{}", v.get()))
        })
        .collect();
    let without = crate::wire::JsonBody::parse(&format!("{{{}}}", rest.join(",")))?;
    Ok((out, without))
}
