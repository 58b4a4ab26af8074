//! `kassa serve`: the transport around the API router — TLS, connection-level timeouts, graceful shutdown.
//! Body limits, CORS, gzip, request timeouts and metrics belong to the router itself.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum_server::tls_rustls::{RustlsAcceptor, RustlsConfig};
use axum_server::Handle;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use kassa_api::ApiState;
use kassa_app::{App, SystemClock};
use kassa_store::Registry;

use crate::config::{durability_name, Config};
use crate::error::Error;
use crate::tenants;
use crate::tls;
use crate::transport::{FirstBytes, NoDelay};

/// How long in-flight requests may run on after SIGTERM/SIGINT before connections are cut.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

pub async fn serve(config: Config, process_start: Instant) -> Result<(), Error> {
    tls::install_crypto_provider();
    let tls = tls::server_config(&config.tls, &config.data_dir)?;
    // Bound before the databases open: a port in use fails at once, and early clients queue in the backlog.
    let listener = std::net::TcpListener::bind(config.listen).map_err(|source| Error::Bind {
        addr: config.listen,
        source,
    })?;
    let local = listener.local_addr().map_err(Error::Serve)?;

    let registry = Arc::new(tenants::open_registry(&config).await?);
    let backend = registry.backend();
    let app = Arc::new(App::new(
        registry.clone(),
        config.settings(),
        Arc::new(SystemClock),
    ));
    let router = kassa_api::router(ApiState::new(app, config.api_config(backend)));
    tokio::spawn(open_other_tenants(registry.clone()));

    let handle = Handle::new();
    tokio::spawn(shutdown_on_signal(handle.clone()));
    tracing::info!(
        "kassa {} listening on {}://{local}/fineract-provider (backend {}, durability {}) after {} ms",
        env!("CARGO_PKG_VERSION"),
        config.tls.scheme(),
        backend.name(),
        durability_name(backend, config.durability),
        process_start.elapsed().as_millis(),
    );

    let service = router.into_make_service();
    let served = match tls {
        None => {
            let acceptor = FirstBytes {
                inner: NoDelay,
                timeout: config.header_read_timeout,
            };
            let mut server = axum_server::from_tcp(listener)
                .acceptor(acceptor)
                .handle(handle);
            tune(server.http_builder(), &config);
            server.serve(service).await
        }
        Some(tls) => {
            let acceptor = FirstBytes {
                inner: RustlsAcceptor::new(RustlsConfig::from_config(tls))
                    .handshake_timeout(config.header_read_timeout)
                    .acceptor(NoDelay),
                timeout: config.header_read_timeout,
            };
            let mut server = axum_server::from_tcp(listener)
                .acceptor(acceptor)
                .handle(handle);
            tune(server.http_builder(), &config);
            server.serve(service).await
        }
    };
    registry.close().await;
    tracing::info!("kassa stopped");
    served.map_err(Error::Serve)
}

/// Connection-level limits. hyper's header read timeout covers every HTTP/1.1 request and closes keep-alive
/// connections idle that long; the wait for a connection's first bytes is bounded by `transport::FirstBytes`.
/// TLS offers only http/1.1 by ALPN, like Fineract's default connector; HTTP/2 with prior knowledge still
/// reaches hyper-util's auto connection on plain HTTP, so it gets dead-peer pings and a stream limit.
fn tune(builder: &mut Builder<TokioExecutor>, config: &Config) {
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(30)))
        .keep_alive_timeout(config.header_read_timeout)
        .max_concurrent_streams(256);
}

/// Opens (and so migrates) every tenant other than `default` in the background, so that migrations are
/// applied at start without delaying it; a request for a tenant still opening waits for it.
async fn open_other_tenants(registry: Arc<Registry>) {
    let records = match registry.list().await {
        Ok(records) => records,
        Err(e) => {
            tracing::warn!("cannot list tenants: {e}");
            return;
        }
    };
    for record in records
        .iter()
        .filter(|r| r.id != tenants::DEFAULT_TENANT_ID)
    {
        if let Err(e) = registry.get(&record.id).await {
            tracing::error!(tenant = %record.id, "cannot open tenant database: {e}");
        }
    }
}

/// First SIGTERM/SIGINT: stop accepting and let in-flight requests finish; a second one stops at once.
async fn shutdown_on_signal(handle: Handle) {
    let mut signals = Signals::new();
    signals.next().await;
    tracing::info!(
        "shutting down: no new connections, {} s for requests in flight",
        SHUTDOWN_GRACE.as_secs()
    );
    handle.graceful_shutdown(Some(SHUTDOWN_GRACE));
    signals.next().await;
    tracing::warn!("second signal: stopping now");
    handle.shutdown();
}

struct Signals {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn new() -> Signals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let term = signal(SignalKind::terminate())
                .map_err(|e| tracing::warn!("cannot listen for SIGTERM: {e}"))
                .ok();
            Signals { term }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    async fn next(&mut self) {
        #[cfg(unix)]
        if let Some(term) = self.term.as_mut() {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
        if tokio::signal::ctrl_c().await.is_err() {
            // No way to hear signals: never trigger shutdown.
            std::future::pending::<()>().await;
        }
    }
}
