//! The HTTP surface: every API route is registered through `OpenApiRouter`, so the OpenAPI document lists
//! exactly what is served; Swagger UI, actuator, fallbacks and the cross-cutting layers are added here.
/// `spec(state, headers, action, href, body)` for a module whose commands all name one entity.
macro_rules! entity_spec {
    ($entity:expr) => {
        fn spec(
            state: &crate::ApiState,
            headers: &axum::http::HeaderMap,
            action: &'static str,
            href: String,
            body: &crate::body::Body,
        ) -> kassa_app::platform::pipeline::CommandSpec {
            crate::routes::command_spec(state, headers, action, $entity, href, body)
        }
    };
}

mod accounting;
mod charges;
mod clients;
mod loan_products;
mod loans;
mod organisation;
mod platform;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, Method};
use axum::response::{IntoResponse, Response};
use axum::Router;
use kassa_app::AppError;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::error::ApiError;
use crate::openapi::ApiDoc;
use crate::ApiState;

pub use crate::paths::{API_BASE, API_V2_BASE, OPENAPI_JSON};

/// Routes under `/fineract-provider/api/v1`.
fn api_v1() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .merge(platform::authentication::routes())
        .merge(organisation::offices::routes())
        .merge(platform::audits::routes())
        .merge(organisation::users::routes())
        .merge(organisation::roles::routes())
        .merge(organisation::permissions::routes())
        .merge(platform::configurations::routes())
        .merge(platform::business_date::routes())
        .merge(organisation::calendar::routes())
        .merge(organisation::password_preferences::routes())
        .merge(platform::web_app::routes())
        .merge(platform::makercheckers::routes())
        .merge(clients::routes())
        .merge(clients::identifiers::routes())
        .merge(clients::images::routes())
        .merge(clients::notes::routes())
        .merge(clients::pages::routes())
        .merge(organisation::staff::routes())
        .merge(organisation::codes::routes())
        .merge(organisation::currencies::routes())
        .merge(organisation::payment_types::routes())
        .merge(loan_products::routes())
        .merge(charges::routes())
        .merge(accounting::routes())
        .merge(loans::routes())
}

/// The router and the OpenAPI document built from the same registrations.
pub fn documented() -> (Router<ApiState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest(API_BASE, api_v1())
        .nest(API_V2_BASE, clients::v2_routes())
        .merge(platform::ops::routes())
        .split_for_parts();
    crate::openapi::declare_error_statuses(&mut doc, &[API_BASE, API_V2_BASE]);
    (router, doc)
}

/// The whole application under `/fineract-provider`.
pub fn router(state: ApiState) -> Router {
    let (routes, doc) = documented();
    let doc = Arc::new(doc);
    let swagger = SwaggerUi::new("/fineract-provider/swagger-ui").url(OPENAPI_JSON, (*doc).clone());
    // The product document's path for the same UI, reading the same document.
    let swagger_v1 =
        SwaggerUi::new("/fineract-provider/api/v1/swagger-ui").config(Config::from(OPENAPI_JSON));
    let timeout = state.config.request_timeout;
    routes
        .route_layer(axum::middleware::from_fn(record_request_line))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::record,
        ))
        .merge(swagger)
        .merge(swagger_v1)
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(
            crate::guard::reject_unstorable_text,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            timeout.max(Duration::from_millis(1)),
        ))
        .layer(axum::middleware::map_response(
            crate::guard::envelope_every_error,
        ))
        .layer(CompressionLayer::new().gzip(true))
        .layer(cors())
        .with_state(state)
}

/// Fineract's CORS: any origin, the Fineract headers, credentials allowed. Origins are mirrored because a
/// wildcard cannot be combined with credentials.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
            Method::PATCH,
        ])
        .allow_headers(AllowHeaders::mirror_request())
        .allow_credentials(true)
        .expose_headers([
            HeaderName::from_static(crate::error::SERVED_FROM_CACHE),
            header::CONTENT_DISPOSITION,
        ])
        .max_age(Duration::from_secs(3600))
}

/// Makes the request line (method, path and query below the API base) known to the command pipeline for
/// the duration of the handler, so that a command held for approval can be re-executed as sent.
async fn record_request_line(request: Request, next: axum::middleware::Next) -> Response {
    let path = request.uri().path();
    let Some(relative) = path.strip_prefix(API_BASE) else {
        return next.run(request).await;
    };
    let line = kassa_app::platform::pipeline::RequestLine {
        method: request.method().to_string(),
        path: match request.uri().query() {
            Some(q) => format!("{relative}?{q}"),
            None => relative.to_string(),
        },
    };
    kassa_app::platform::pipeline::REQUEST_LINE
        .scope(line, next.run(request))
        .await
}

async fn unknown_route(State(state): State<ApiState>, request: Request) -> Response {
    // Outside the API, a configured web app answers with its files.
    if let Some(dir) = &state.config.web_app {
        let path = request.uri().path();
        let outside_api = path != "/fineract-provider" && !path.starts_with("/fineract-provider/");
        if outside_api && matches!(*request.method(), Method::GET | Method::HEAD) {
            if let Some(file) = crate::web_app_files::serve(dir, path).await {
                return file;
            }
        }
    }
    state
        .metrics
        .observe(request.method().as_str(), "UNMATCHED", 404, 0.0);
    ApiError(AppError::UnknownRoute(request.uri().path().to_string())).into_response()
}

async fn method_not_allowed(request: Request) -> Response {
    ApiError(AppError::MethodNotAllowed {
        method: request.method().to_string(),
        path: request.uri().path().to_string(),
    })
    .into_response()
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError(AppError::Internal("a request handler panicked".into())).into_response()
}

/// A numeric path id; anything else names no resource (Fineract's JAX-RS answers 404 too).
pub fn path_id(raw: &str, entity: &'static str) -> Result<i64, ApiError> {
    raw.trim().parse::<i64>().map_err(|_| {
        ApiError(AppError::NotFound {
            entity,
            id: raw.to_string(),
        })
    })
}

/// The idempotency key of a request, from the configured header.
pub fn idempotency_key(state: &ApiState, headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get(state.config.idempotency_header.as_str())
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The command a write request describes: its permission pair, where it was sent, the raw body (`{}` when
/// empty) and its idempotency key.
pub fn command_spec(
    state: &ApiState,
    headers: &axum::http::HeaderMap,
    action: &'static str,
    entity: &'static str,
    href: String,
    body: &crate::body::Body,
) -> kassa_app::platform::pipeline::CommandSpec {
    kassa_app::platform::pipeline::CommandSpec {
        action,
        entity,
        href,
        json: if body.0.trim().is_empty() {
            "{}".into()
        } else {
            body.0.clone()
        },
        idempotency_key: idempotency_key(state, headers),
    }
}

/// Runs a command through the pipeline and answers with its outcome.
pub async fn run_command(
    state: &ApiState,
    caller: &crate::extract::Caller,
    spec: kassa_app::platform::pipeline::CommandSpec,
    command: &dyn kassa_app::platform::pipeline::Command,
) -> crate::error::ApiResult<Response> {
    let outcome = state
        .app
        .execute(
            &caller.tenant,
            &caller.principal,
            spec,
            crate::error::render,
            command,
        )
        .await?;
    Ok(command_response(outcome))
}

/// The HTTP answer of a command, marked when it is a replay.
pub fn command_response(outcome: kassa_app::platform::pipeline::CommandOutcome) -> Response {
    let status =
        axum::http::StatusCode::from_u16(outcome.status).unwrap_or(axum::http::StatusCode::OK);
    let mut resp = crate::error::json_response(status, outcome.body);
    if outcome.replayed {
        resp.headers_mut().insert(
            crate::error::SERVED_FROM_CACHE,
            axum::http::HeaderValue::from_static("true"),
        );
    }
    resp
}
