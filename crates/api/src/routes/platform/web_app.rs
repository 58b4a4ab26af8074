//! Endpoints the Mifos X web app calls while it renders, answered as a fresh Fineract answers them:
//! nothing configured. A 404 here would cancel the web app's navigation.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(field_configuration))
        .routes(routes!(list_datatables))
        .routes(routes!(list_notifications, mark_notifications_read))
        .routes(routes!(list_entity_datatable_checks))
}

/// Fineract's `Page`: `{totalFilteredRecords, pageItems}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EmptyPage {
    total_filtered_records: i64,
    page_items: Vec<Value>,
}

const EMPTY_PAGE: EmptyPage = EmptyPage {
    total_filtered_records: 0,
    page_items: Vec::new(),
};

/// Field configuration of an entity (e.g. `ADDRESS`): none is configured.
#[utoipa::path(get, path = "/fieldconfiguration/{entity}", tag = "Entity Field Configuration",
    params(("entity" = String, Path, description = "e.g. ADDRESS")),
    responses((status = 200, description = "`[]`")))]
async fn field_configuration(
    _caller: Caller,
    Path(_entity): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    respond::ok(&query, &[], &Vec::<Value>::new())
}

/// Registered data tables of an application table: none yet.
#[utoipa::path(get, path = "/datatables", tag = "Data Tables",
    params(("apptable" = Option<String>, Query, description = "e.g. m_client")),
    responses((status = 200, description = "`[]`")))]
async fn list_datatables(_caller: Caller, query: Query) -> ApiResult<Response> {
    query.text("apptable")?;
    respond::ok(&query, &[], &Vec::<Value>::new())
}

/// The caller's notifications: none.
#[utoipa::path(get, path = "/notifications", tag = "Notification",
    params(("isRead" = Option<bool>, Query), ("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query),
           ("orderBy" = Option<String>, Query), ("sortOrder" = Option<String>, Query)),
    responses((status = 200, description = "`{totalFilteredRecords: 0, pageItems: []}`")))]
async fn list_notifications(_caller: Caller, query: Query) -> ApiResult<Response> {
    query.text("orderBy")?;
    query.text("sortOrder")?;
    query.long("offset")?;
    query.long("limit")?;
    respond::ok(&query, &[], &EMPTY_PAGE)
}

/// Marks the caller's notifications read; with none stored there is nothing to do.
#[utoipa::path(put, path = "/notifications", tag = "Notification",
    responses((status = 204, description = "No content")))]
async fn mark_notifications_read(_caller: Caller) -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// Entity-datatable checks: none.
#[utoipa::path(get, path = "/entityDatatableChecks", tag = "Entity Data Table",
    params(("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query), ("status" = Option<String>, Query),
           ("entity" = Option<String>, Query), ("productId" = Option<i64>, Query)),
    responses((status = 200, description = "`{totalFilteredRecords: 0, pageItems: []}`")))]
async fn list_entity_datatable_checks(_caller: Caller, query: Query) -> ApiResult<Response> {
    query.text("status")?;
    query.text("entity")?;
    for number in ["offset", "limit", "productId"] {
        query.long(number)?;
    }
    respond::ok(&query, &[], &EMPTY_PAGE)
}
