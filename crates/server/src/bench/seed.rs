//! Fills the server with clients through the API itself (`POST /clients`), so the figures that follow are
//! taken on data written exactly as users write it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use bytes::Bytes;
use http::{Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use super::AUTH_HEADERS;

/// Creates `count` active clients in the head office with `connections` concurrent writers.
pub async fn clients(base: &str, count: usize, connections: usize) -> Result<Duration> {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let client: Client<HttpConnector, Full<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(connections)
        .build(connector);
    let url = format!("{base}/fineract-provider/api/v1/clients");
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(connections);
    for _ in 0..connections {
        let (client, url, next) = (client.clone(), url.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    return anyhow::Ok(());
                }
                let body = format!(
                    r#"{{"officeId":1,"legalFormId":1,"firstname":"Client{i}","lastname":"Bench{}","active":true,"activationDate":"01 January 2024","submittedOnDate":"01 January 2024","externalId":"bench-{i}","dateFormat":"dd MMMM yyyy","locale":"en"}}"#,
                    i % 997
                );
                let mut request = Request::post(url.as_str())
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from(body)))?;
                for (name, value) in AUTH_HEADERS {
                    request.headers_mut().insert(name, http::HeaderValue::from_static(value));
                }
                let response = tokio::time::timeout(Duration::from_secs(30), client.request(request))
                    .await
                    .context("seeding request timed out")??;
                let status = response.status();
                let text = response.into_body().collect().await?.to_bytes();
                if status != StatusCode::OK {
                    bail!(
                        "POST /clients answered {status}: {}",
                        String::from_utf8_lossy(&text).chars().take(200).collect::<String>()
                    );
                }
            }
        }));
    }
    for task in tasks {
        task.await.context("a seeding task failed")??;
    }
    Ok(started.elapsed())
}
