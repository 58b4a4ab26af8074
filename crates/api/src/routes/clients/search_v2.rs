//! `POST /fineract-provider/api/v2/clients/search`: the web app's client list. A typed request
//! (`{"request":{"text"},"page","size","sorts"}`) and a Spring Data page in return.

use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::clients;
use kassa_app::{AppError, ParamError};
use kassa_store::repo::clients::client::{ClientFilter, ClientOrder, ClientRecord};
use kassa_store::repo::paging::{PageBounds, SortOrder};
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::data::{status_data, EnumData};
use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::wire::ser;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(search_clients))
}

/// Fineract's default page size for the v2 search.
const DEFAULT_SIZE: i64 = 50;
const TEXT_MAX: usize = 100;

const SORTS: &[(&str, ClientOrder)] = &[
    ("id", ClientOrder::Id),
    ("displayName", ClientOrder::DisplayName),
    ("accountNumber", ClientOrder::AccountNo),
    ("externalId", ClientOrder::ExternalId),
    ("officeName", ClientOrder::OfficeName),
    ("status", ClientOrder::Status),
    ("activationDate", ClientOrder::ActivationDate),
    ("createdDate", ClientOrder::SubmittedOnDate),
];

/// Fineract's `ClientSearchData`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClientSearchData {
    id: i64,
    display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_number: Option<String>,
    office_id: i64,
    office_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_no: Option<String>,
    status: EnumData,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser::opt_date"
    )]
    activation_date: Option<NaiveDate>,
    #[serde(serialize_with = "ser::date")]
    created_date: NaiveDate,
}

impl From<ClientRecord> for ClientSearchData {
    fn from(r: ClientRecord) -> Self {
        ClientSearchData {
            id: r.id,
            display_name: r.display_name,
            external_id: r.external_id,
            account_number: r.account_no,
            office_id: r.office_id,
            office_name: r.office_name,
            mobile_no: r.mobile_no,
            status: status_data(r.status_enum),
            activation_date: r.activation_date,
            created_date: r.submittedon_date,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SortData {
    sorted: bool,
    unsorted: bool,
    empty: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pageable {
    page_number: i64,
    page_size: i64,
    offset: i64,
    paged: bool,
    unpaged: bool,
    sort: SortData,
}

/// Spring Data's `Page` as Jackson writes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpringPage {
    content: Vec<ClientSearchData>,
    pageable: Pageable,
    total_elements: i64,
    total_pages: i64,
    last: bool,
    size: i64,
    number: i64,
    sort: SortData,
    number_of_elements: usize,
    first: bool,
    empty: bool,
}

fn invalid(parameter: &str, message: String) -> ApiError {
    ApiError(AppError::validation(ParamError::new(
        parameter,
        format!("validation.msg.client.search.{parameter}.invalid"),
        message,
    )))
}

/// Clients whose name, account number, external id or mobile number contains `request.text`.
#[utoipa::path(post, path = "/clients/search", tag = "Client Search V2",
    request_body(content = String, description = "`{\"request\":{\"text\":\"\"},\"page\":0,\"size\":50,\"sorts\":[{\"property\":\"displayName\",\"direction\":\"ASC\"}]}`", content_type = "application/json"),
    responses((status = 200, description = "A Spring Data page of ClientSearchData"), (status = 400, description = "Invalid request")))]
async fn search_clients(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
    body: Body,
) -> ApiResult<Response> {
    // The body is required (Fineract answers 400 without one); `JsonBody` bounds it and refuses NULs.
    let parsed = body.json()?;
    let json: Value = serde_json::from_str(parsed.raw()).map_err(|e| {
        ApiError(AppError::InvalidBody(format!(
            "The request body is not valid JSON: {e}"
        )))
    })?;
    let text = match json.pointer("/request/text") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) if s.chars().count() <= TEXT_MAX => Some(s.trim().to_string()),
        Some(_) => {
            return Err(invalid(
                "text",
                format!("`request.text` must be a string of at most {TEXT_MAX} characters."),
            ))
        }
    };
    let max = state.app.settings.page_limit_max;
    let number = match json.get("page") {
        None | Some(Value::Null) => 0,
        Some(v) => v
            .as_i64()
            .filter(|p| (0..=1_000_000).contains(p))
            .ok_or_else(|| invalid("page", "`page` must be a number from 0.".into()))?,
    };
    let size = match json.get("size") {
        None | Some(Value::Null) => DEFAULT_SIZE,
        Some(v) => v
            .as_i64()
            .filter(|s| (1..=max).contains(s))
            .ok_or_else(|| invalid("size", format!("`size` must be a number from 1 to {max}.")))?,
    };
    let (order, sort) = match json
        .get("sorts")
        .and_then(Value::as_array)
        .and_then(|s| s.first())
    {
        None => (ClientOrder::Id, SortOrder::Asc),
        Some(first) => {
            let property = first
                .get("property")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let order = SORTS
                .iter()
                .find(|(name, _)| *name == property)
                .map(|(_, o)| *o)
                .ok_or_else(|| {
                    invalid(
                        "sorts",
                        format!("Sorting by `{property}` is not supported."),
                    )
                })?;
            let direction = first
                .get("direction")
                .and_then(Value::as_str)
                .unwrap_or("ASC");
            let sort = if direction.eq_ignore_ascii_case("desc") {
                SortOrder::Desc
            } else if direction.eq_ignore_ascii_case("asc") {
                SortOrder::Asc
            } else {
                return Err(invalid(
                    "sorts",
                    format!("The direction `{direction}` is not ASC or DESC."),
                ));
            };
            (order, sort)
        }
    };
    let filter = ClientFilter {
        text,
        ..ClientFilter::default()
    };
    let page = PageBounds {
        limit: size,
        offset: number.saturating_mul(size),
    };
    let (total, rows) = clients::list(
        &caller.tenant,
        &caller.principal,
        filter,
        None,
        order,
        sort,
        page,
    )
    .await?;
    let content: Vec<ClientSearchData> = rows.into_iter().map(ClientSearchData::from).collect();
    let total_pages = (total + size - 1) / size;
    let sorted = json
        .get("sorts")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    let sort_data = || SortData {
        sorted,
        unsorted: !sorted,
        empty: !sorted,
    };
    respond::ok(
        &query,
        &[],
        &SpringPage {
            number_of_elements: content.len(),
            empty: content.is_empty(),
            content,
            pageable: Pageable {
                page_number: number,
                page_size: size,
                offset: page.offset,
                paged: true,
                unpaged: false,
                sort: sort_data(),
            },
            total_elements: total,
            total_pages,
            last: number + 1 >= total_pages,
            size,
            number,
            sort: sort_data(),
            first: number == 0,
        },
    )
}
