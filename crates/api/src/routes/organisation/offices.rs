//! Offices: `GET/POST /offices`, `GET /offices/template`, `GET/PUT /offices/{id}` and the `external-id`
//! twins (which Fineract serves through Jackson, so their dates are ISO strings).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use kassa_app::organisation::offices::{self, CreateOffice, UpdateOffice};
use kassa_domain::organisation::office::{name_decorated, OfficeChanges, OfficeDraft};
use kassa_store::repo::organisation::office::{OfficeListing, OfficeOrder};
use kassa_store::repo::paging::SortOrder;
use serde::Serialize;
use serde_json::Map;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::Body;
use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::{path_id, run_command as run};
use crate::wire::{ser, JsonBody, Reader};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_offices, create_office))
        .routes(routes!(office_template))
        .routes(routes!(get_office, update_office))
        .routes(routes!(
            get_office_by_external_id,
            update_office_by_external_id
        ))
}

const SUPPORTED_FIELDS: &[&str] = &[
    "id",
    "name",
    "nameDecorated",
    "externalId",
    "openingDate",
    "hierarchy",
    "parentId",
    "parentName",
    "allowedParents",
];
const WRITE_PARAMS: &[&str] = &[
    "name",
    "parentId",
    "openingDate",
    "externalId",
    "dateFormat",
    "locale",
];
const ORDER_COLUMNS: &[(&str, OfficeOrder)] = &[
    ("id", OfficeOrder::Id),
    ("name", OfficeOrder::Name),
    ("externalId", OfficeOrder::ExternalId),
    ("openingDate", OfficeOrder::OpeningDate),
    ("hierarchy", OfficeOrder::Hierarchy),
    ("parentId", OfficeOrder::ParentId),
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OfficeData {
    id: i64,
    name: String,
    name_decorated: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    #[serde(serialize_with = "ser::date")]
    opening_date: NaiveDate,
    hierarchy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_parents: Option<Vec<ParentOption>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParentOption {
    id: i64,
    name: String,
    name_decorated: String,
}

/// The Jackson-typed form Fineract uses for `external-id` routes: ISO date strings.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OfficeDataIso {
    id: i64,
    name: String,
    name_decorated: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    opening_date: String,
    hierarchy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_name: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OfficeTemplate {
    #[serde(serialize_with = "ser::date")]
    opening_date: NaiveDate,
    allowed_parents: Vec<ParentOption>,
}

fn office_data(l: OfficeListing, allowed_parents: Option<Vec<ParentOption>>) -> OfficeData {
    let o = l.office;
    OfficeData {
        name_decorated: name_decorated(&o.hierarchy, &o.name),
        id: o.id,
        name: o.name,
        external_id: o.external_id,
        opening_date: o.opening_date,
        hierarchy: o.hierarchy,
        parent_id: o.parent_id,
        parent_name: l.parent_name,
        allowed_parents,
    }
}

fn parent_option(l: &OfficeListing) -> ParentOption {
    ParentOption {
        id: l.office.id,
        name: l.office.name.clone(),
        name_decorated: name_decorated(&l.office.hierarchy, &l.office.name),
    }
}

/// Offices of the caller's subtree, ordered by hierarchy unless `orderBy` says otherwise.
#[utoipa::path(get, path = "/offices", tag = "Offices",
    params(("orderBy" = Option<String>, Query, description = "id, name, externalId, openingDate, hierarchy, parentId"),
           ("sortOrder" = Option<String>, Query, description = "ASC or DESC"),
           ("fields" = Option<String>, Query, description = "Comma-separated fields to return")),
    responses((status = 200, description = "Array of offices")))]
async fn list_offices(caller: Caller, query: Query) -> ApiResult<Response> {
    let order = query.order_by(ORDER_COLUMNS)?.unwrap_or_default();
    let sort = query.sort_order()?;
    let rows = offices::list(&caller.tenant, &caller.principal, order, sort).await?;
    let data: Vec<OfficeData> = rows.into_iter().map(|l| office_data(l, None)).collect();
    respond::ok(&query, SUPPORTED_FIELDS, &data)
}

/// Defaults for a new office: today and the offices it may hang under.
#[utoipa::path(get, path = "/offices/template", tag = "Offices", responses((status = 200, description = "Office template")))]
async fn office_template(
    State(state): State<ApiState>,
    caller: Caller,
    query: Query,
) -> ApiResult<Response> {
    let rows = offices::list(
        &caller.tenant,
        &caller.principal,
        OfficeOrder::Hierarchy,
        SortOrder::Asc,
    )
    .await?;
    let template = OfficeTemplate {
        opening_date: state.app.today(&caller.tenant).await?,
        allowed_parents: rows.iter().map(parent_option).collect(),
    };
    respond::ok(&query, &[], &template)
}

/// One office; with `template=true` also the offices it may be moved under.
#[utoipa::path(get, path = "/offices/{officeId}", tag = "Offices",
    params(("officeId" = i64, Path), ("template" = Option<bool>, Query)),
    responses((status = 200, description = "The office"), (status = 404, description = "No such office")))]
async fn get_office(caller: Caller, Path(id): Path<String>, query: Query) -> ApiResult<Response> {
    let id = path_id(&id, "Office")?;
    let office = offices::get(&caller.tenant, &caller.principal, id).await?;
    let allowed = if query.flag("template") {
        let all = offices::list(
            &caller.tenant,
            &caller.principal,
            OfficeOrder::Hierarchy,
            SortOrder::Asc,
        )
        .await?;
        // Fineract offers every office but itself, and none at all for the head office.
        Some(if office.office.is_head_office() {
            vec![]
        } else {
            all.iter()
                .filter(|l| l.office.id != id)
                .map(parent_option)
                .collect()
        })
    } else {
        None
    };
    respond::ok(&query, SUPPORTED_FIELDS, &office_data(office, allowed))
}

#[utoipa::path(get, path = "/offices/external-id/{externalId}", tag = "Offices",
    params(("externalId" = String, Path)),
    responses((status = 200, description = "The office, dates as ISO strings"), (status = 404, description = "No such office")))]
async fn get_office_by_external_id(
    caller: Caller,
    Path(external_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let l = offices::get_by_external_id(&caller.tenant, &caller.principal, &external_id).await?;
    let o = l.office;
    let data = OfficeDataIso {
        name_decorated: name_decorated(&o.hierarchy, &o.name),
        id: o.id,
        name: o.name,
        external_id: o.external_id,
        opening_date: o.opening_date.format("%Y-%m-%d").to_string(),
        hierarchy: o.hierarchy,
        parent_id: o.parent_id,
        parent_name: l.parent_name,
    };
    respond::ok(&query, &[], &data)
}

/// Creates an office below `parentId`. Answers `{officeId, resourceId}`.
#[utoipa::path(post, path = "/offices", tag = "Offices",
    request_body(content = String, description = "`{\"name\",\"parentId\",\"openingDate\",\"dateFormat\",\"locale\",\"externalId\"}`", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, resourceId}`"), (status = 400, description = "Validation errors"),
              (status = 403, description = "Duplicate name or no permission")))]
async fn create_office(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let spec = spec(&state, &headers, "CREATE", "/offices".into(), &body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let mut r = Reader::new(&json, "office");
    let name = r.required_string("name", 100);
    let parent_id = r.required_long("parentId");
    let opening_date = r.required_date("openingDate");
    let external_id = r.string("externalId", 100);
    r.finish()?;
    let (Some(name), Some(parent_id), Some(opening_date)) = (name, parent_id, opening_date) else {
        return Err(internal("validated office fields went missing"));
    };
    let command = CreateOffice {
        draft: OfficeDraft {
            name,
            parent_id,
            opening_date,
            external_id,
        },
    };
    run(&state, &caller, spec, &command).await
}

/// Updates an office; `changes` echoes what changed.
#[utoipa::path(put, path = "/offices/{officeId}", tag = "Offices", params(("officeId" = i64, Path)),
    request_body(content = String, description = "Any of name, parentId, openingDate (+dateFormat, locale), externalId", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, resourceId, changes}`")))]
async fn update_office(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "Office")?;
    update(
        &state,
        &caller,
        &headers,
        id,
        format!("/offices/{id}"),
        &body,
    )
    .await
}

#[utoipa::path(put, path = "/offices/external-id/{externalId}", tag = "Offices", params(("externalId" = String, Path)),
    request_body(content = String, description = "Any of name, parentId, openingDate (+dateFormat, locale), externalId", content_type = "application/json"),
    responses((status = 200, description = "`{officeId, resourceId, changes}`")))]
async fn update_office_by_external_id(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    Path(external_id): Path<String>,
    body: Body,
) -> ApiResult<Response> {
    caller.principal.permissions.check_write("UPDATE_OFFICE")?;
    let id = offices::id_of_external(&caller.tenant, &caller.principal, &external_id).await?;
    update(
        &state,
        &caller,
        &headers,
        id,
        format!("/offices/external-id/{external_id}"),
        &body,
    )
    .await
}

async fn update(
    state: &ApiState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    href: String,
    body: &Body,
) -> ApiResult<Response> {
    let spec = spec(state, headers, "UPDATE", href, body);
    caller
        .principal
        .permissions
        .check_write(&spec.permission())?;
    let json = body.json()?;
    json.check_supported(WRITE_PARAMS)?;
    let changes = read_changes(&json)?;
    let raw: Map<String, serde_json::Value> = WRITE_PARAMS
        .iter()
        .filter_map(|k| json.value(k).map(|v| (k.to_string(), v)))
        .collect();
    run(state, caller, spec, &UpdateOffice { id, changes, raw }).await
}

fn read_changes(json: &JsonBody) -> ApiResult<OfficeChanges> {
    let mut r = Reader::new(json, "office");
    let mut changes = OfficeChanges::default();
    // A key that is present but blank is an error for the mandatory fields, as in Fineract.
    if r.present("name") {
        changes.name = r.required_string("name", 100);
    }
    if r.present("parentId") {
        changes.parent_id = r.required_long("parentId");
    }
    if r.present("openingDate") {
        changes.opening_date = r.required_date("openingDate");
    }
    if r.present("externalId") {
        changes.external_id = Some(r.string("externalId", 100));
    }
    r.finish()?;
    Ok(changes)
}

entity_spec!(offices::ENTITY);

fn internal(message: &str) -> ApiError {
    ApiError(kassa_app::AppError::Internal(message.to_string()))
}
