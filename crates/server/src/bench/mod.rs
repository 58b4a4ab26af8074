//! `kassa-bench`: cold start to the first 200 on the health endpoint, then throughput and latency on a warm
//! server of the health endpoint (no tenant, no credentials), an authenticated endpoint that needs no
//! database (the cost of authentication alone), and the authenticated office list; optionally client reads,
//! the loan schedule calculation and repayments. It builds nothing: it runs the `kassa` binary it is given (by
//! default the one next to itself).

mod baseline;
mod child;
mod histogram;
mod load;
mod loan_read;
mod loan_schedule;
mod repayments;
mod seed;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Parser;
use http::StatusCode;
use serde_json::{json, Value};

use child::Server;
use load::{LoadResult, Target};

const HEALTH: &str = "/fineract-provider/actuator/health";
const INFO: &str = "/fineract-provider/actuator/info";
const OFFICES: &str = "/fineract-provider/api/v1/offices";
/// Authenticated, but answered without touching the database: isolates the cost of authentication.
const AUTH_ONLY: &str = "/fineract-provider/api/v1/fieldconfiguration/ADDRESS";
/// The product document's headers: tenant `default`, user `mifos`/`password`.
pub(crate) const AUTH_HEADERS: [(&str, &str); 2] = [
    ("fineract-platform-tenantid", "default"),
    ("authorization", "Basic bWlmb3M6cGFzc3dvcmQ="),
];
const POLL_INTERVAL: Duration = Duration::from_millis(2);
const START_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Parser)]
#[command(
    name = "kassa-bench",
    about = "Cold start and throughput of a kassa binary (build it first: cargo build --release)"
)]
pub struct Args {
    /// The kassa binary [default: `kassa` next to this program, e.g. target/release/kassa]
    #[arg(long, value_name = "PATH")]
    pub kassa: Option<PathBuf>,
    /// Cold starts to measure
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub runs: u32,
    /// Seconds of load per endpoint
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub duration: u64,
    /// Seconds of unmeasured load before each measurement
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(0..=60))]
    pub warmup: u64,
    /// Concurrent keep-alive connections
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub concurrency: u16,
    /// Then create this many clients through the API and measure `GET /clients?limit=50` and
    /// `GET /clients/{id}` on them (0: skip)
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub clients: u32,
    /// Then create a loan product through the API and measure `POST /loans?command=calculateLoanSchedule`
    /// of a 12-month application on it
    #[arg(long)]
    pub loan_schedule: bool,
    /// Then create 16 disbursed loans with 10 repayments each and 16 with 200 through the API, and measure
    /// 1.00 repayments (`POST /loans/{id}/transactions?command=repayment`) on each set, one writer per loan
    /// (not --concurrency)
    #[arg(long)]
    pub repayments: bool,
    /// Then create a client with five disbursed loans (one with 12 repayments, one with 200) and measure
    /// `GET /loans/{id}?associations=all` of both and `GET /clients/{id}/accounts`
    #[arg(long)]
    pub loan_read: bool,
    /// Run the server on PostgreSQL (passed as KASSA_DATABASE_URL; use a fresh database, the data stays
    /// there); default: SQLite in a temp directory
    #[arg(long = "database-url", value_name = "URL")]
    pub database_url: Option<String>,
}

pub async fn run(args: Args) -> Result<()> {
    let kassa = match &args.kassa {
        Some(path) => path.clone(),
        None => std::env::current_exe()
            .context("cannot locate kassa-bench itself")?
            .with_file_name(format!("kassa{}", std::env::consts::EXE_SUFFIX)),
    };
    if !kassa.is_file() {
        bail!(
            "no kassa binary at {}: build it with `cargo build --release -p kassa-server` or pass --kassa PATH",
            kassa.display()
        );
    }
    let database_url = args.database_url.as_deref();

    let mut cold_ms = Vec::new();
    for _ in 0..args.runs {
        let mut server = Server::spawn(&kassa, database_url)?;
        let (elapsed, _) = wait_ready(&mut server).await?;
        cold_ms.push(elapsed.as_secs_f64() * 1e3);
    }

    let mut server = Server::spawn(&kassa, database_url)?;
    wait_ready(&mut server).await?;
    let base = server.base_url();
    let info = server_info(&base).await;
    let health = Target::new(&format!("{base}{HEALTH}"), &[])?;
    let offices = Target::new(&format!("{base}{OFFICES}"), &AUTH_HEADERS)?;
    let auth_only = Target::new(&format!("{base}{AUTH_ONLY}"), &AUTH_HEADERS)?;
    let (status, body) = load::fetch(&load::client(1), &offices, Duration::from_secs(30)).await?;
    if status != StatusCode::OK {
        eprintln!(
            "warning: GET {OFFICES} answers {status}: {}",
            String::from_utf8_lossy(&body)
                .chars()
                .take(200)
                .collect::<String>()
        );
    }

    let connections = usize::from(args.concurrency);
    let duration = Duration::from_secs(args.duration);
    let warmup = Duration::from_secs(args.warmup);
    let mut results = Vec::new();
    for target in [&health, &auth_only, &offices] {
        if !warmup.is_zero() {
            load::run(target, connections, warmup).await?;
        }
        server.check_alive()?;
        results.push(load::run(target, connections, duration).await?);
        server.check_alive()?;
    }
    let mut client_results = Vec::new();
    let mut seeding = None;
    if args.clients > 0 {
        let count = args.clients as usize;
        seeding = Some(seed::clients(&base, count, connections).await?);
        let list = Target::new(
            &format!("{base}/fineract-provider/api/v1/clients?limit=50"),
            &AUTH_HEADERS,
        )?;
        let one = Target::new(
            &format!("{base}/fineract-provider/api/v1/clients/{}", count / 2 + 1),
            &AUTH_HEADERS,
        )?;
        for target in [&list, &one] {
            if !warmup.is_zero() {
                load::run(target, connections, warmup).await?;
            }
            server.check_alive()?;
            client_results.push(load::run(target, connections, duration).await?);
        }
    }
    let mut schedule_result = None;
    if args.loan_schedule {
        let calculate = loan_schedule::target(&base).await?;
        if !warmup.is_zero() {
            load::run(&calculate, connections, warmup).await?;
        }
        server.check_alive()?;
        schedule_result = Some(load::run(&calculate, connections, duration).await?);
        server.check_alive()?;
    }
    let mut repayment_results = Vec::new();
    if args.repayments {
        for age in [10, 200] {
            let loans = repayments::setup(&base, &age.to_string(), age).await?;
            if !warmup.is_zero() {
                repayments::run(&loans, warmup).await?;
            }
            server.check_alive()?;
            let r = repayments::run(&loans, duration).await?;
            server.check_alive()?;
            let counts = repayments::repayment_counts(&base, &loans).await?;
            repayment_results.push((age, r, counts));
        }
    }
    // The database alone, after the server's own load so the two do not share the machine.
    let mut baseline_rate = None;
    if args.repayments {
        server.check_alive()?;
        baseline_rate = Some(match database_url {
            Some(url) => (
                "pgbench TPC-B, 16 clients",
                baseline::pgbench(url, duration)?,
            ),
            None => {
                let dir = tempfile::tempdir().context("cannot make a directory for the probe")?;
                let rate = baseline::sqlite_probe(dir.path(), duration).await?;
                ("raw SQLite probe, 16 writers", rate)
            }
        });
    }
    let mut read_results = Vec::new();
    if args.loan_read {
        let targets = loan_read::setup(&base).await?;
        for (name, target) in [
            (
                format!("GET loan, {} repayments", loan_read::YOUNG_REPAYMENTS),
                &targets.young,
            ),
            (
                format!("GET loan, {} repayments", loan_read::OLD_REPAYMENTS),
                &targets.old,
            ),
            (
                format!(
                    "GET client accounts, {} loans",
                    loan_read::LOANS_OF_THE_CLIENT
                ),
                &targets.accounts,
            ),
        ] {
            if !warmup.is_zero() {
                load::run(target, connections, warmup).await?;
            }
            server.check_alive()?;
            read_results.push((name, load::run(target, connections, duration).await?));
        }
    }
    drop(server);
    let health_rps = results[0].requests_per_sec().max(1e-9);
    let offices_rps = results[2].requests_per_sec().max(1e-9);
    for (name, r) in &read_results {
        println!(
            "{name:<30} {:>10.0} req/s  p50 {:.3} ms  p99 {:.3} ms  non-200 {}  errors {}  /health {:.3}  /offices {:.3}",
            r.requests_per_sec(),
            ms(r.latency_us.quantile(0.5)),
            ms(r.latency_us.quantile(0.99)),
            r.non_200_count(),
            r.errors,
            r.requests_per_sec() / health_rps,
            r.requests_per_sec() / offices_rps,
        );
    }
    for (age, r, (fewest, most)) in &repayment_results {
        let p50 = r.latency_us.quantile(0.5).max(1);
        println!(
            "{:<30} {:>10.0} req/s  p50 {:.3} ms  p99 {:.3} ms  p99/p50 {:.2}  non-200 {}  errors {}  ({} loans, {fewest}-{most} repayments each at the end)",
            format!("POST repayment, age {age}"),
            r.requests_per_sec(),
            ms(p50),
            ms(r.latency_us.quantile(0.99)),
            r.latency_us.quantile(0.99) as f64 / p50 as f64,
            r.non_200_count(),
            r.errors,
            repayments::LOANS
        );
    }
    if let (Some((name, rate)), Some((_, young, _))) = (baseline_rate, repayment_results.first()) {
        println!(
            "{name:<30} {rate:>10.0} commits/s; repayments at age 10 / it: {:.3}",
            young.requests_per_sec() / rate.max(1e-9)
        );
    }
    if let [(_, young, _), (_, old, _)] = repayment_results.as_slice() {
        println!(
            "repayments at age 200 / at age 10: {:.3}",
            old.requests_per_sec() / young.requests_per_sec().max(1e-9)
        );
    }
    if let Some(r) = &schedule_result {
        println!(
            "{:<30} {:>10.0} req/s  p50 {:.3} ms  p99 {:.3} ms  non-200 {}  errors {}",
            "POST calculateLoanSchedule",
            r.requests_per_sec(),
            ms(r.latency_us.quantile(0.5)),
            ms(r.latency_us.quantile(0.99)),
            r.non_200_count(),
            r.errors
        );
    }
    if let Some(took) = seeding {
        let count = f64::from(args.clients);
        println!(
            "seeded {} clients through POST /clients in {:.1} s ({:.0} creates/s)",
            args.clients,
            took.as_secs_f64(),
            count / took.as_secs_f64().max(1e-9)
        );
        for (name, r) in [
            ("GET clients?limit=50", &client_results[0]),
            ("GET clients/{id}", &client_results[1]),
        ] {
            println!(
                "{name:<30} {:>10.0} req/s  p50 {:.3} ms  p99 {:.3} ms  non-200 {}  errors {}",
                r.requests_per_sec(),
                ms(r.latency_us.quantile(0.5)),
                ms(r.latency_us.quantile(0.99)),
                r.non_200_count(),
                r.errors
            );
        }
    }

    let report = Report {
        info,
        cold_ms,
        concurrency: args.concurrency,
        duration_secs: args.duration,
        health: &results[0],
        auth_only: &results[1],
        offices: &results[2],
    };
    report.print();
    Ok(())
}

/// Polls the health endpoint every 2 ms until it answers 200; the time is counted from the spawn.
async fn wait_ready(server: &mut Server) -> Result<(Duration, ())> {
    let started = Instant::now();
    let client = load::client(1);
    let health = Target::new(&format!("{}{HEALTH}", server.base_url()), &[])?;
    loop {
        if let Ok((status, _)) = load::fetch(&client, &health, Duration::from_secs(1)).await {
            if status == StatusCode::OK {
                return Ok((started.elapsed(), ()));
            }
        }
        server.check_alive()?;
        if started.elapsed() > START_TIMEOUT {
            bail!(
                "kassa did not answer 200 on {HEALTH} within {} s",
                START_TIMEOUT.as_secs()
            );
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// `/actuator/info`, or null when the server does not serve it.
async fn server_info(base: &str) -> Value {
    let Ok(target) = Target::new(&format!("{base}{INFO}"), &[]) else {
        return Value::Null;
    };
    match load::fetch(&load::client(1), &target, Duration::from_secs(5)).await {
        Ok((StatusCode::OK, body)) => serde_json::from_slice(&body).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

struct Report<'a> {
    info: Value,
    cold_ms: Vec<f64>,
    concurrency: u16,
    duration_secs: u64,
    health: &'a LoadResult,
    auth_only: &'a LoadResult,
    offices: &'a LoadResult,
}

impl Report<'_> {
    fn print(&self) {
        let mut sorted = self.cold_ms.clone();
        sorted.sort_by(f64::total_cmp);
        let min = sorted.first().copied().unwrap_or(0.0);
        let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
        let health_rps = self.health.requests_per_sec().max(1e-9);
        let ratio = self.offices.requests_per_sec() / health_rps;
        let auth_ratio = self.auth_only.requests_per_sec() / health_rps;
        let text = |pointer: &str| {
            self.info
                .pointer(pointer)
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string()
        };

        println!(
            "kassa {} ({}) on {}, durability {}; {} connections, {} s per endpoint",
            text("/build/version"),
            text("/git/commit/id"),
            text("/database/backend"),
            text("/database/durability"),
            self.concurrency,
            self.duration_secs
        );
        println!(
            "cold start to first 200 ({} runs): min {min:.1} ms, median {median:.1} ms",
            sorted.len()
        );
        println!(
            "{:<30} {:>10} {:>9} {:>9} {:>9} {:>8} {:>7}",
            "endpoint", "req/s", "p50 ms", "p99 ms", "max ms", "non-200", "errors"
        );
        for (name, r) in [
            ("GET actuator/health", self.health),
            ("GET fieldconfiguration (auth)", self.auth_only),
            ("GET api/v1/offices (auth)", self.offices),
        ] {
            println!(
                "{name:<30} {:>10.0} {:>9.3} {:>9.3} {:>9.3} {:>8} {:>7}",
                r.requests_per_sec(),
                ms(r.latency_us.quantile(0.5)),
                ms(r.latency_us.quantile(0.99)),
                ms(r.latency_us.max()),
                r.non_200_count(),
                r.errors
            );
        }
        println!("authenticated-without-database/health throughput ratio: {auth_ratio:.2}");
        println!("offices/health throughput ratio: {ratio:.2}");

        let line = json!({
            "kassa": {
                "version": self.info.pointer("/build/version"),
                "commit": self.info.pointer("/git/commit/id"),
                "backend": self.info.pointer("/database/backend"),
                "durability": self.info.pointer("/database/durability"),
            },
            "concurrency": self.concurrency,
            "duration_secs": self.duration_secs,
            "cold_start_ms": {"runs": self.cold_ms.iter().copied().map(round3).collect::<Vec<_>>(), "min": round3(min), "median": round3(median)},
            "health": endpoint_json(self.health),
            "auth_only": endpoint_json(self.auth_only),
            "offices": endpoint_json(self.offices),
            "auth_only_to_health_ratio": round3(auth_ratio),
            "offices_to_health_ratio": round3(ratio),
        });
        println!("{line}");
    }
}

fn endpoint_json(r: &LoadResult) -> Value {
    json!({
        "requests": r.requests(),
        "requests_per_sec": round3(r.requests_per_sec()),
        "p50_ms": ms(r.latency_us.quantile(0.5)),
        "p99_ms": ms(r.latency_us.quantile(0.99)),
        "max_ms": ms(r.latency_us.max()),
        "non_200": r.non_200_count(),
        "non_200_by_status": r.non_200,
        "errors": r.errors,
    })
}

fn ms(micros: u64) -> f64 {
    round3(micros as f64 / 1e3)
}

fn round3(x: f64) -> f64 {
    (x * 1e3).round() / 1e3
}
