//! Fineract's REST wire format over axum: routes, request parsing and validation, the error envelope,
//! tenant and authentication extractors, OpenAPI. The only crate that knows Fineract's quirks.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod body;
pub mod config;
pub mod error;
pub mod extract;
pub mod guard;
pub mod metrics;
pub mod openapi;
pub mod paths;
pub mod query;
pub mod respond;
pub mod routes;
pub mod web_app_files;
pub mod wire;

use std::sync::Arc;

use kassa_app::App;

pub use config::{ApiConfig, BuildInfo};
pub use routes::router;

/// State shared by every handler.
#[derive(Clone)]
pub struct ApiState {
    pub app: Arc<App>,
    pub config: Arc<ApiConfig>,
    pub metrics: Arc<metrics::Metrics>,
}

impl ApiState {
    pub fn new(app: Arc<App>, config: ApiConfig) -> ApiState {
        ApiState {
            app,
            config: Arc::new(config),
            metrics: Arc::new(metrics::Metrics::default()),
        }
    }
}
