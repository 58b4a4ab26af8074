#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Test support: a Kassa app on a fresh database — a SQLite file always, PostgreSQL too when
//! `TEST_DATABASE_URL` is set (a new database per app, dropped afterwards) — and request helpers that drive
//! the real router in-process.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use base64::Engine;
use http_body_util::BodyExt;
use kassa_api::{ApiConfig, ApiState};
use kassa_app::{App, Settings, SystemClock};
use kassa_store::{PoolOptions, Registry};
use serde_json::Value;
use tower::ServiceExt;

pub const BASE: &str = "/fineract-provider/api/v1";

/// One running app on its own database.
pub struct TestApp {
    pub backend: &'static str,
    pub state: ApiState,
    pub router: Router,
    pub registry: Arc<Registry>,
    /// A second app on the same database that keeps nothing between reads (`Settings::read_cache` off):
    /// another replica, and the ground truth for what the first one kept. Built on first use.
    uncached: std::sync::OnceLock<Router>,
    settings: Settings,
    config: ApiConfig,
    _dir: tempfile::TempDir,
    pg: Option<PgDatabase>,
}

/// A PostgreSQL database created for one test app and dropped with it.
struct PgDatabase {
    admin_url: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs outside async context guarantees; use a private runtime on a plain thread.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                if let Ok(pool) = sqlx::PgPool::connect(&admin_url).await {
                    let _ =
                        sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                            .execute(&pool)
                            .await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

pub fn test_settings() -> Settings {
    // bcrypt's minimum cost keeps password tests fast; production uses 10.
    Settings {
        bcrypt_cost: 4,
        ..Settings::default()
    }
}

impl TestApp {
    /// An app on a fresh SQLite data directory.
    pub async fn sqlite() -> TestApp {
        Self::sqlite_with(test_settings(), ApiConfig::default()).await
    }

    pub async fn sqlite_with(settings: Settings, config: ApiConfig) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let registry = Registry::open(dir.path(), None, PoolOptions::default())
            .await
            .expect("registry");
        Self::finish("sqlite", registry, dir, None, settings, config).await
    }

    /// An app on a fresh PostgreSQL database, or None when `TEST_DATABASE_URL` is not set.
    pub async fn postgres() -> Option<TestApp> {
        Self::postgres_with(test_settings(), ApiConfig::default()).await
    }

    pub async fn postgres_with(settings: Settings, config: ApiConfig) -> Option<TestApp> {
        let admin_url = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|s| !s.is_empty())?;
        let name = format!("kassa_test_{}", uuid::Uuid::new_v4().simple());
        let admin = sqlx::PgPool::connect(&admin_url)
            .await
            .expect("connect TEST_DATABASE_URL");
        sqlx::query(&format!("CREATE DATABASE \"{name}\""))
            .execute(&admin)
            .await
            .expect("create test database");
        admin.close().await;
        let pg = PgDatabase {
            admin_url: admin_url.clone(),
            name: name.clone(),
        };
        let url = with_database(&admin_url, &name);
        let dir = tempfile::tempdir().expect("temp dir");
        let options = PoolOptions {
            max_connections: 8,
            ..PoolOptions::default()
        };
        let registry = Registry::open(dir.path(), Some(&url), options)
            .await
            .expect("registry");
        Some(Self::finish("postgresql", registry, dir, Some(pg), settings, config).await)
    }

    /// One app per available backend: SQLite always, PostgreSQL when configured.
    pub async fn all() -> Vec<TestApp> {
        let mut apps = vec![Self::sqlite().await];
        apps.extend(Self::postgres().await);
        apps
    }

    pub async fn all_with(settings: Settings, config: ApiConfig) -> Vec<TestApp> {
        let mut apps = vec![Self::sqlite_with(settings.clone(), config.clone()).await];
        apps.extend(Self::postgres_with(settings, config).await);
        apps
    }

    async fn finish(
        backend: &'static str,
        registry: Registry,
        dir: tempfile::TempDir,
        pg: Option<PgDatabase>,
        settings: Settings,
        config: ApiConfig,
    ) -> TestApp {
        registry
            .add_tenant("default", "Default Demo Tenant", "Asia/Kolkata", None)
            .await
            .expect("default tenant");
        let registry = Arc::new(registry);
        let app = Arc::new(App::new(
            registry.clone(),
            settings.clone(),
            Arc::new(SystemClock),
        ));
        let state = ApiState::new(app, config.clone());
        let router = kassa_api::router(state.clone());
        TestApp {
            backend,
            state,
            router,
            registry,
            uncached: std::sync::OnceLock::new(),
            settings,
            config,
            _dir: dir,
            pg,
        }
    }

    fn uncached_router(&self) -> &Router {
        self.uncached.get_or_init(|| {
            let settings = Settings {
                read_cache: false,
                ..self.settings.clone()
            };
            let app = Arc::new(App::new(
                self.registry.clone(),
                settings,
                Arc::new(SystemClock),
            ));
            kassa_api::router(ApiState::new(app, self.config.clone()))
        })
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// Sends a request as `mifos` to the default tenant.
    pub fn req(&self, method: Method, path: &str) -> Req<'_> {
        Req {
            app: self,
            method,
            path: if path.starts_with('/') && !path.starts_with("/fineract-provider") {
                format!("{BASE}{path}")
            } else {
                path.to_string()
            },
            headers: vec![
                ("Fineract-Platform-TenantId".into(), "default".into()),
                ("Authorization".into(), basic("mifos", "password")),
            ],
            body: None,
            uncached: false,
        }
    }

    pub fn get(&self, path: &str) -> Req<'_> {
        self.req(Method::GET, path)
    }

    /// A request to `path` exactly as given, outside the API's base path, without credentials.
    pub fn at(&self, method: Method, path: &str) -> Req<'_> {
        Req {
            app: self,
            method,
            path: path.to_string(),
            headers: Vec::new(),
            body: None,
            uncached: false,
        }
    }

    pub fn post(&self, path: &str, body: Value) -> Req<'_> {
        self.req(Method::POST, path).json(body)
    }

    pub fn put(&self, path: &str, body: Value) -> Req<'_> {
        self.req(Method::PUT, path).json(body)
    }

    pub fn delete(&self, path: &str) -> Req<'_> {
        self.req(Method::DELETE, path)
    }
}

fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_end..].find('/') {
        Some(i) => &base[..authority_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

pub fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// A request being built.
pub struct Req<'a> {
    app: &'a TestApp,
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
    uncached: bool,
}

impl Req<'_> {
    /// Sends the request to the replica that keeps nothing between reads.
    pub fn uncached(mut self) -> Self {
        self.uncached = true;
        self
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body.to_string());
        self.header("Content-Type", "application/json")
    }

    pub fn raw_body(mut self, body: &str) -> Self {
        self.body = Some(body.to_string());
        self.header("Content-Type", "application/json")
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn without(mut self, name: &str) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }

    pub fn user(self, user: &str, password: &str) -> Self {
        let value = basic(user, password);
        self.header("Authorization", &value)
    }

    pub fn tenant(self, tenant: &str) -> Self {
        self.header("Fineract-Platform-TenantId", tenant)
    }

    pub async fn send(self) -> Resp {
        let mut builder = Request::builder().method(self.method).uri(&self.path);
        for (n, v) in &self.headers {
            builder = builder.header(n, v);
        }
        let request = builder
            .body(self.body.map(Body::from).unwrap_or_else(Body::empty))
            .expect("request");
        let router = if self.uncached {
            self.app.uncached_router()
        } else {
            &self.app.router
        };
        let response = router.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp {
            status,
            headers,
            text,
            json,
        }
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Resp {
    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Resp {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }

    /// The first error item's globalisation code.
    pub fn error_code(&self) -> &str {
        self.json["errors"][0]["userMessageGlobalisationCode"]
            .as_str()
            .unwrap_or("")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}
