//! Accounting closures: `GET/POST /glclosures`, `GET/PUT/DELETE /glclosures/{glClosureId}` (Fineract's
//! `GLClosuresApiResource`). Closures of offices outside the caller's subtree do not exist for the caller.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::accounting::closures::{self, CreateClosure, DeleteClosure, UpdateClosure};
use kassa_app::AppError;
use kassa_store::repo::accounting::closure::ClosureListing;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::data::nothing_to_update;
use super::gl_account_request::text;
use super::CommandAnswer;
use crate::body::Body;
use crate::error::{ApiResult, Envelope};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{path_id, run_command as run};
use crate::wire::{ser, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_closures, create_closure))
        .routes(routes!(get_closure, update_closure, delete_closure))
}

const RESOURCE: &str = "GLClosure";
const COMMENTS_MAX: usize = 500;
/// `GLClosureJsonInputParams`.
const WRITE_PARAMS: &[&str] = &[
    "id",
    "officeId",
    "closingDate",
    "comments",
    "locale",
    "dateFormat",
];
const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "officeId",
    "officeName",
    "closingDate",
    "deleted",
    "createdDate",
    "lastUpdatedDate",
    "createdByUserId",
    "createdByUsername",
    "lastUpdatedByUserId",
    "lastUpdatedByUsername",
];

/// An office offered by `template=true` (`OfficeData` for drop-downs).
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfficeOption {
    id: i64,
    name: String,
    name_decorated: String,
}

/// `GLClosureData`; dates are `[year, month, day]`.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GlClosureData {
    id: i64,
    office_id: i64,
    office_name: String,
    #[serde(serialize_with = "ser::date")]
    #[schema(value_type = Vec<i32>)]
    closing_date: NaiveDate,
    deleted: bool,
    #[serde(serialize_with = "ser::date")]
    #[schema(value_type = Vec<i32>)]
    created_date: NaiveDate,
    #[serde(serialize_with = "ser::date")]
    #[schema(value_type = Vec<i32>)]
    last_updated_date: NaiveDate,
    created_by_user_id: i64,
    created_by_username: String,
    last_updated_by_user_id: i64,
    last_updated_by_username: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<String>,
    allowed_offices: Vec<OfficeOption>,
}

impl GlClosureData {
    fn new(l: ClosureListing) -> Self {
        GlClosureData {
            id: l.id,
            office_id: l.office_id,
            office_name: l.office_name,
            closing_date: l.closing_date,
            deleted: l.is_deleted,
            created_date: l.created_date,
            last_updated_date: l.updated_date,
            created_by_user_id: l.created_by_id,
            created_by_username: l.created_by_username,
            last_updated_by_user_id: l.updated_by_id,
            last_updated_by_username: l.updated_by_username,
            comments: l.comments,
            allowed_offices: Vec::new(),
        }
    }
}

/// Closures, latest first; `officeId` keeps one office's.
#[utoipa::path(get, path = "/glclosures", tag = "Accounting Closure",
    params(("officeId" = Option<i64>, Query, description = "One office's closures"), ("fields" = Option<String>, Query)),
    responses((status = 200, body = Vec<GlClosureData>), (status = 403, body = Envelope, description = "No permission")))]
async fn list_closures(caller: Caller, query: Query) -> ApiResult<Response> {
    let office_id = query.long("officeId")?;
    let rows = closures::list(&caller.tenant, &caller.principal, office_id).await?;
    let data: Vec<GlClosureData> = rows.into_iter().map(GlClosureData::new).collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// One closure; `template=true` adds the offices.
#[utoipa::path(get, path = "/glclosures/{glClosureId}", tag = "Accounting Closure",
    params(("glClosureId" = i64, Path), ("template" = Option<bool>, Query), ("fields" = Option<String>, Query)),
    responses((status = 200, body = GlClosureData), (status = 404, body = Envelope, description = "No such closure")))]
async fn get_closure(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "glclosure")?;
    let mut data = GlClosureData::new(closures::get(&caller.tenant, &caller.principal, id).await?);
    if query.flag("template") {
        let offices = kassa_app::organisation::offices::list(
            &caller.tenant,
            &caller.principal,
            Default::default(),
            Default::default(),
        )
        .await?;
        data.allowed_offices = offices
            .into_iter()
            .map(|l| OfficeOption {
                name_decorated: kassa_domain::organisation::office::name_decorated(
                    &l.office.hierarchy,
                    &l.office.name,
                ),
                id: l.office.id,
                name: l.office.name,
            })
            .collect();
    }
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Closes an office's books up to `closingDate` (not in the future, not before its latest closure).
/// Answers `{officeId, resourceId}`.
#[utoipa::path(post, path = "/glclosures", tag = "Accounting Closure",
    request_body(content = GlClosureRequest, content_type = "application/json"),
    responses((status = 200, body = CommandAnswer), (status = 400, body = Envelope, description = "Validation errors"),
              (status = 403, body = Envelope, description = "A future date, a date before the latest closure, or a duplicate"),
              (status = 404, body = Envelope, description = "No such office")))]
async fn create_closure(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/glclosures".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(&json, RESOURCE);
    let closing_date = r.required_date("closingDate");
    let office_id = r.required_long("officeId");
    super::data::greater_than_zero(&mut r, RESOURCE, "officeId", office_id);
    let comments = r.string("comments", COMMENTS_MAX);
    r.finish()?;
    let (Some(closing_date), Some(office_id)) = (closing_date, office_id) else {
        return Err(AppError::InvalidBody("incomplete closure".into()).into());
    };
    run(
        &state,
        &caller,
        spec,
        &CreateClosure {
            office_id,
            closing_date,
            comments,
        },
    )
    .await
}

/// Changes a closure's comments (nothing else may change). Answers `{officeId, resourceId, changes}`.
#[utoipa::path(put, path = "/glclosures/{glClosureId}", tag = "Accounting Closure",
    params(("glClosureId" = i64, Path)),
    request_body(content = GlClosureRequest, content_type = "application/json"),
    responses((status = 200, body = CommandAnswer), (status = 400, body = Envelope, description = "Validation errors"),
              (status = 404, body = Envelope, description = "No such closure")))]
async fn update_closure(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "glclosure")?;
    let spec = spec(
        &state,
        &headers,
        "UPDATE",
        format!("/glclosures/{id}"),
        &body,
    );
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(&json, RESOURCE);
    let comments = text(&mut r, &json, RESOURCE, "comments", COMMENTS_MAX);
    if !r.has("comments") {
        nothing_to_update(&mut r, RESOURCE);
    }
    r.finish()?;
    run(&state, &caller, spec, &UpdateClosure { id, comments }).await
}

/// Deletes an office's latest closure. Answers `{officeId, resourceId}`.
#[utoipa::path(delete, path = "/glclosures/{glClosureId}", tag = "Accounting Closure",
    params(("glClosureId" = i64, Path)),
    responses((status = 200, body = CommandAnswer), (status = 403, body = Envelope, description = "Not the office's latest closure"),
              (status = 404, body = Envelope, description = "No such closure")))]
async fn delete_closure(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "glclosure")?;
    let spec = spec(
        &state,
        &headers,
        "DELETE",
        format!("/glclosures/{id}"),
        &body,
    );
    run(&state, &caller, spec, &DeleteClosure { id }).await
}

/// `{officeId, closingDate, comments, dateFormat, locale}`; an update takes only `comments`.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct GlClosureRequest {
    office_id: Option<i64>,
    /// In `dateFormat` and `locale`.
    closing_date: Option<String>,
    /// ≤ 500 characters.
    comments: Option<String>,
    date_format: Option<String>,
    locale: Option<String>,
}

entity_spec!(closures::ENTITY);
