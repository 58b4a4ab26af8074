//! Closed-loop load: a fixed number of keep-alive connections, each sending its next request as soon as the
//! previous answer is read, for a fixed time.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderValue, Method, Request, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use super::histogram::Histogram;

pub type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// A client keeping up to `connections` idle connections to the server.
pub fn client(connections: usize) -> HttpClient {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(connections)
        .build(connector)
}

/// One request target: a method, a URI, its headers and a body sent unchanged on every request.
#[derive(Clone)]
pub struct Target {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Target {
    pub fn new(url: &str, headers: &[(&'static str, &'static str)]) -> Result<Target> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_static(value));
        }
        Ok(Target {
            method: Method::GET,
            uri: url.parse().with_context(|| format!("bad URL {url}"))?,
            headers: map,
            body: Bytes::new(),
        })
    }

    /// A POST of a JSON body.
    pub fn post_json(
        url: &str,
        headers: &[(&'static str, &'static str)],
        body: String,
    ) -> Result<Target> {
        let mut target = Target::new(url, headers)?;
        target.method = Method::POST;
        target
            .headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        target.body = Bytes::from(body);
        Ok(target)
    }

    fn request(&self) -> Result<Request<Full<Bytes>>> {
        let mut request = Request::builder()
            .method(self.method.clone())
            .uri(self.uri.clone())
            .body(Full::new(self.body.clone()))?;
        *request.headers_mut() = self.headers.clone();
        Ok(request)
    }
}

/// Sends one request and reads the whole answer.
pub async fn fetch(
    client: &HttpClient,
    target: &Target,
    timeout: Duration,
) -> Result<(StatusCode, Bytes)> {
    let exchange = async {
        let response = client.request(target.request()?).await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        anyhow::Ok((status, body))
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .context("request timed out")?
}

#[derive(Debug, Default)]
pub struct LoadResult {
    pub latency_us: Histogram,
    pub elapsed: Duration,
    /// Answers other than 200, by status.
    pub non_200: BTreeMap<u16, u64>,
    /// Requests that got no answer (connection errors, timeouts).
    pub errors: u64,
}

impl LoadResult {
    pub fn requests(&self) -> u64 {
        self.latency_us.count()
    }

    pub fn requests_per_sec(&self) -> f64 {
        self.requests() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn non_200_count(&self) -> u64 {
        self.non_200.values().sum()
    }
}

/// Drives `target` from `connections` concurrent loops for `duration`.
pub async fn run(target: &Target, connections: usize, duration: Duration) -> Result<LoadResult> {
    let client = client(connections);
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::with_capacity(connections);
    for _ in 0..connections {
        let client = client.clone();
        let target = target.clone();
        tasks.push(tokio::spawn(async move {
            let mut result = LoadResult::default();
            while Instant::now() < deadline {
                let sent = Instant::now();
                match fetch(&client, &target, Duration::from_secs(10)).await {
                    Ok((status, _)) => {
                        let micros = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
                        result.latency_us.record(micros);
                        if status != StatusCode::OK {
                            *result.non_200.entry(status.as_u16()).or_default() += 1;
                        }
                    }
                    Err(_) => {
                        result.errors += 1;
                        // A refused or broken connection fails fast; do not spin on it.
                        tokio::time::sleep(Duration::from_millis(1)).await;
                    }
                }
            }
            result
        }));
    }
    let mut total = LoadResult::default();
    for task in tasks {
        let part = task.await.context("a load task failed")?;
        total.latency_us.merge(&part.latency_us);
        total.errors += part.errors;
        for (status, count) in part.non_200 {
            *total.non_200.entry(status).or_default() += count;
        }
    }
    total.elapsed = start.elapsed();
    Ok(total)
}
