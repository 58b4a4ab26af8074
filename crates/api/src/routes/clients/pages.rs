//! `GET /clients/{clientId}/charges`, `/transactions`, `/collaterals` and `/collaterals/template`: Fineract
//! lists that are empty until client charges and collateral products exist, answered for any client the
//! caller can see (the web app's client view reads them, and a 404 cancels its navigation).

use axum::extract::Path;
use axum::response::Response;
use kassa_app::clients::pages;
use kassa_app::AppError;
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::query::Query;
use crate::respond;
use crate::routes::path_id;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_client_charges))
        .routes(routes!(list_client_transactions))
        .routes(routes!(list_client_collaterals))
        .routes(routes!(client_collateral_template))
}

const CHARGE_STATUSES: &[&str] = &["all", "active", "inactive"];

/// Fineract's `Page`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    total_filtered_records: i64,
    page_items: Vec<Value>,
}

const EMPTY: Page = Page {
    total_filtered_records: 0,
    page_items: Vec::new(),
};

/// The client's charges: none yet.
#[utoipa::path(get, path = "/clients/{clientId}/charges", tag = "Client Charges",
    params(("clientId" = i64, Path),
           ("chargeStatus" = Option<String>, Query, description = "all (default), active or inactive"),
           ("pendingPayment" = Option<bool>, Query), ("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, description = "`{totalFilteredRecords, pageItems}`"), (status = 400, description = "Unknown chargeStatus"),
              (status = 404, description = "No such client")))]
async fn list_client_charges(
    caller: Caller,
    Path(client_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    pages::check_readable(&caller.tenant, &caller.principal, client_id).await?;
    if let Some(status) = query.text("chargeStatus")? {
        if !CHARGE_STATUSES
            .iter()
            .any(|s| s.eq_ignore_ascii_case(status))
        {
            return Err(ApiError(AppError::UnsupportedQueryValue {
                parameter: "chargeStatus".into(),
                value: status.to_string(),
                supported: CHARGE_STATUSES.iter().map(|s| s.to_string()).collect(),
            }));
        }
    }
    query.long("offset")?;
    query.long("limit")?;
    respond::ok(&query, &[], &EMPTY)
}

/// The client's transactions: none yet.
#[utoipa::path(get, path = "/clients/{clientId}/transactions", tag = "Client Transaction",
    params(("clientId" = i64, Path), ("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query)),
    responses((status = 200, description = "`{totalFilteredRecords, pageItems}`"), (status = 404, description = "No such client")))]
async fn list_client_transactions(
    caller: Caller,
    Path(client_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    pages::check_readable(&caller.tenant, &caller.principal, client_id).await?;
    query.long("offset")?;
    query.long("limit")?;
    respond::ok(&query, &[], &EMPTY)
}

/// The client's collaterals: none, as Kassa has no collateral products yet.
#[utoipa::path(get, path = "/clients/{clientId}/collaterals", tag = "Client Collateral Management",
    params(("clientId" = i64, Path)),
    responses((status = 200, description = "`[]`: Fineract's list of `ClientCollateralManagementData`"),
              (status = 404, description = "No such client, or one outside the caller's offices")))]
async fn list_client_collaterals(
    caller: Caller,
    Path(client_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    pages::check_readable(&caller.tenant, &caller.principal, client_id).await?;
    respond::ok(&query, &[], &Vec::<Value>::new())
}

/// The collateral products a collateral of this client may be: none, as Kassa has none yet.
#[utoipa::path(get, path = "/clients/{clientId}/collaterals/template", tag = "Client Collateral Management",
    params(("clientId" = i64, Path)),
    responses((status = 200, description = "`[]`: Fineract's list of collateral products for the client"),
              (status = 404, description = "No such client, or one outside the caller's offices")))]
async fn client_collateral_template(
    caller: Caller,
    Path(client_id): Path<String>,
    query: Query,
) -> ApiResult<Response> {
    let client_id = path_id(&client_id, "Client")?;
    pages::check_readable(&caller.tenant, &caller.principal, client_id).await?;
    respond::ok(&query, &[], &Vec::<Value>::new())
}
