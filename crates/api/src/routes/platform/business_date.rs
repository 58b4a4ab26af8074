//! Business date: `GET /businessdate`, `GET /businessdate/{type}`, `POST /businessdate`. Setting it needs
//! the configuration `enable-business-date`; while on, it is the server's "today".

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::platform::business_date::{self, SetBusinessDate};
use kassa_app::platform::pipeline::CommandSpec;
use kassa_app::ParamError;
use kassa_domain::platform::business_date::BusinessDateType;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::command_response;
use crate::wire::{ser, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_business_dates, set_business_date))
        .routes(routes!(get_business_date))
}

const WRITE_PARAMS: &[&str] = &["type", "date", "dateFormat", "locale"];

/// Fineract's `BusinessDateData`.
#[derive(Serialize)]
struct BusinessDateData {
    description: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(serialize_with = "ser::date")]
    date: NaiveDate,
}

fn data((kind, date): (BusinessDateType, NaiveDate)) -> BusinessDateData {
    BusinessDateData {
        description: kind.description(),
        kind: kind.name(),
        date,
    }
}

/// The stored business dates.
#[utoipa::path(get, path = "/businessdate", tag = "Business Date Management",
    responses((status = 200, description = "`[{description, type, date}]`")))]
async fn list_business_dates(caller: Caller, query: Query) -> ApiResult<Response> {
    let dates = business_date::list(&caller.tenant, &caller.principal).await?;
    let out: Vec<BusinessDateData> = dates.into_iter().map(data).collect();
    respond::ok(&query, &[], &out)
}

/// One business date: `BUSINESS_DATE` or `COB_DATE`.
#[utoipa::path(get, path = "/businessdate/{type}", tag = "Business Date Management",
    params(("type" = String, Path, description = "BUSINESS_DATE or COB_DATE")),
    responses((status = 200, description = "`{description, type, date}`"), (status = 404, description = "Unknown type or not set")))]
async fn get_business_date(
    caller: Caller,
    Path(kind): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let found = business_date::get(&caller.tenant, &caller.principal, &kind).await?;
    respond::ok(&query, &[], &data(found))
}

/// Sets a business date (only while `enable-business-date` is on); setting BUSINESS_DATE also moves
/// COB_DATE to the day before when `enable-automatic-cob-date-adjustment` is on.
#[utoipa::path(post, path = "/businessdate", tag = "Business Date Management",
    request_body(content = String, description = "`{\"type\": \"BUSINESS_DATE\"|\"COB_DATE\", \"date\", \"dateFormat\", \"locale\"}`", content_type = "application/json"),
    responses((status = 200, description = "`{changes: {BUSINESS_DATE, COB_DATE}}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "No permission, or the business date is not enabled")))]
async fn set_business_date(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = CommandSpec {
        action: "UPDATE",
        entity: business_date::ENTITY,
        href: "/businessdate".into(),
        json: body.0.clone(),
        idempotency_key: crate::routes::idempotency_key(&state, &headers),
    };
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    // Fineract's order: every mandatory parameter first, then the type, then the date.
    let mut r = Reader::new(&json, "businessdate.update");
    for name in ["type", "locale", "dateFormat", "date"] {
        if !r.has(name) {
            r.mandatory_missing(name);
        }
    }
    let type_name = r.string("type", 20);
    r.finish()?;
    let mut r = Reader::new(&json, "businessdate.update");
    let kind = type_name.as_deref().and_then(BusinessDateType::from_name);
    if kind.is_none() {
        let shown = type_name.unwrap_or_default();
        let code = format!("Invalid Business Type value: `{shown}`");
        r.error(ParamError::new(
            "type",
            format!("validation.msg.businessdate.update.type.{code}"),
            format!("Failed data validation due to: {code}."),
        ));
    }
    let date = r.date("date");
    r.finish()?;
    let (Some(kind), Some(date)) = (kind, date) else {
        return Err(ApiError(kassa_app::AppError::Internal(
            "validated business date fields went missing".into(),
        )));
    };
    let outcome = state
        .app
        .execute(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            &SetBusinessDate { kind, date },
        )
        .await?;
    Ok(command_response(outcome))
}
