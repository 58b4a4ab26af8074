//! Actuator endpoints: health and build information without tenant or credentials, Prometheus metrics.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::json_response;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(info))
        .routes(routes!(prometheus))
}

/// Liveness: the process is up and serving.
#[utoipa::path(get, path = "/fineract-provider/actuator/health", tag = "Actuator", security(()),
    responses((status = 200, description = "`{\"status\":\"UP\"}`")))]
async fn health() -> Response {
    json_response(StatusCode::OK, r#"{"status":"UP"}"#.to_string())
}

/// Build and storage information (the web app's login page reads `git.build.version`).
#[utoipa::path(get, path = "/fineract-provider/actuator/info", tag = "Actuator", security(()),
    responses((status = 200, description = "Version, build, database backend and durability mode")))]
async fn info(State(state): State<ApiState>) -> Response {
    let b = &state.config.build;
    // The web app's footer splits `git.build.version` at its first `-` into version and commit.
    let abbrev: String = match b.git_commit.as_str() {
        "" => "unknown".into(),
        commit => commit.chars().take(7).collect(),
    };
    let body = json!({
        "app": {"name": "kassa", "description": "Apache Fineract compatible core banking server"},
        "build": {"artifact": "kassa", "name": "kassa", "version": b.version},
        "git": {"build": {"version": format!("{}-{abbrev}", b.version)},
                "commit": {"id": b.git_commit, "id.abbrev": abbrev}},
        "database": {"backend": b.database_backend, "durability": b.durability},
    });
    json_response(StatusCode::OK, body.to_string())
}

/// Request counts and latency by route and status, in Prometheus text format.
#[utoipa::path(get, path = "/fineract-provider/actuator/prometheus", tag = "Actuator", security(()),
    responses((status = 200, description = "Prometheus text exposition")))]
async fn prometheus(State(state): State<ApiState>) -> Response {
    let mut resp = (StatusCode::OK, state.metrics.render()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    resp
}
