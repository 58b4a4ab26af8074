//! Currencies: `GET /currencies` (the enabled ones and the rest of the ISO list) and `PUT /currencies`,
//! which replaces the organisation's selection.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_app::organisation::currencies::{self, UpdateCurrencies};
use kassa_app::platform::pipeline::CommandSpec;
use kassa_app::ParamError;
use kassa_domain::organisation::currency::Currency;
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::command_response;
use crate::wire::JsonBody;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(get_currencies, update_currencies))
}

const SUPPORTED_FIELDS: &[&str] = &["selectedCurrencyOptions", "currencyOptions"];
const WRITE_PARAMS: &[&str] = &["currencies"];

/// Fineract's `CurrencyData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CurrencyData {
    code: String,
    name: String,
    decimal_places: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_multiples_of: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_symbol: Option<String>,
    name_code: String,
    display_label: String,
}

impl From<Currency> for CurrencyData {
    fn from(c: Currency) -> Self {
        CurrencyData {
            display_label: c.display_label(),
            code: c.code,
            name: c.name,
            decimal_places: c.decimal_places,
            in_multiples_of: c.in_multiples_of,
            display_symbol: c.display_symbol,
            name_code: c.name_code,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CurrencyConfigurationData {
    selected_currency_options: Vec<CurrencyData>,
    currency_options: Vec<CurrencyData>,
}

/// The organisation's currencies and every other ISO currency, each list by name.
#[utoipa::path(get, path = "/currencies", tag = "Currency",
    params(("fields" = Option<String>, Query, description = "selectedCurrencyOptions, currencyOptions")),
    responses((status = 200, description = "`{selectedCurrencyOptions, currencyOptions}`")))]
async fn get_currencies(caller: Caller, query: Query) -> ApiResult<Response> {
    let config = currencies::configuration(&caller.tenant, &caller.principal).await?;
    let data = CurrencyConfigurationData {
        selected_currency_options: config
            .selected
            .into_iter()
            .map(CurrencyData::from)
            .collect(),
        currency_options: config.options.into_iter().map(CurrencyData::from).collect(),
    };
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Replaces the organisation's currencies. Answers `{changes: {currencies}}`.
#[utoipa::path(put, path = "/currencies", tag = "Currency",
    request_body(content = String, description = "`{\"currencies\": [\"USD\", \"KES\"]}`", content_type = "application/json"),
    responses((status = 200, description = "`{changes: {currencies}}`"), (status = 400, description = "No currency given"),
              (status = 404, description = "Unknown currency code")))]
async fn update_currencies(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = CommandSpec {
        action: "UPDATE",
        entity: currencies::ENTITY,
        href: "/currencies".into(),
        json: body.0.clone(),
        idempotency_key: crate::routes::idempotency_key(&state, &headers),
    };
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let codes = read_codes(&json)?;
    let outcome = state
        .app
        .execute(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            &UpdateCurrencies { codes },
        )
        .await?;
    Ok(command_response(outcome))
}

/// `currencies`: a non-empty array of codes, kept in order without repeats.
fn read_codes(json: &JsonBody) -> ApiResult<Vec<String>> {
    let empty = || {
        kassa_app::AppError::validation(ParamError::new(
            "currencies",
            "validation.msg.currencies.currencies.cannot.be.empty",
            "The parameter `currencies` cannot be empty. You must select at least one.",
        ))
    };
    let items = match json.value("currencies") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) | Some(Value::Null) | None => return Err(empty().into()),
        Some(other) => {
            return Err(kassa_app::AppError::validation(
                ParamError::new(
                    "currencies",
                    "validation.msg.currencies.currencies.must.be.an.array",
                    "The parameter `currencies` must be an array of currency codes.",
                )
                .with_value(other),
            )
            .into())
        }
    };
    let mut codes: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let Value::String(code) = &item else {
            return Err(kassa_app::AppError::validation(
                ParamError::new(
                    "currencies",
                    "validation.msg.currencies.currencies.must.be.a.string",
                    "Every currency must be given by its code, as a string.",
                )
                .with_value(item),
            )
            .into());
        };
        let code = code.trim().to_string();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}
