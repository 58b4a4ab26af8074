//! The `kassa` binary: parse the command line, resolve the configuration, then serve, migrate or manage
//! tenants. Exit codes: 0 success, 1 failure, 2 bad usage or configuration.

mod cli;
mod config;
mod error;
mod hyper_errors;
mod serve;
mod telemetry;
mod tenants;
mod tls;
mod transport;

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use crate::cli::{Cli, Command, Database, TenantCommand};
use crate::config::Config;
use crate::error::Error;

/// Reads allocate and free many small buffers per row (the SQLite driver's values, decoded rows, JSON);
/// glibc's allocator spent a fifth of a loan read's time in `malloc`/`free` and their consolidation.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let process_start = Instant::now();
    let cli = Cli::parse();
    match run(cli, process_start) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kassa: {}", e.one_line());
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(cli: Cli, process_start: Instant) -> Result<(), Error> {
    let mut flags = cli.flags;
    let command = cli.command.unwrap_or(Command::Serve(Database::default()));
    if let Command::Serve(db) | Command::Migrate(db) = &command {
        if db.database_url.is_some() {
            flags.database_url.clone_from(&db.database_url);
        }
    }
    let config = Config::load(&flags)?;
    telemetry::init(&config.log);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    runtime.block_on(async move {
        match command {
            Command::Serve(_) => serve::serve(config, process_start).await,
            Command::Migrate(_) => migrate(&config).await,
            Command::Tenant(TenantCommand::Add(args)) => add_tenant(&config, &args).await,
            Command::Tenant(TenantCommand::List) => list_tenants(&config).await,
        }
    })
}

async fn migrate(config: &Config) -> Result<(), Error> {
    let registry = tenants::open_registry(config).await?;
    let result = tenants::migrate_all(&registry).await;
    registry.close().await;
    let ids = result?;
    println!("migrated {} tenant(s): {}", ids.len(), ids.join(", "));
    Ok(())
}

async fn add_tenant(config: &Config, args: &cli::TenantAdd) -> Result<(), Error> {
    let registry = tenants::open_registry(config).await?;
    let result = tenants::add(&registry, args).await;
    registry.close().await;
    let record = result?;
    let location = &tenants::describe(std::slice::from_ref(&record), config)[0][3];
    println!(
        "added tenant `{}` ({}, {}) at {location}",
        record.id, record.name, record.timezone
    );
    Ok(())
}

async fn list_tenants(config: &Config) -> Result<(), Error> {
    let registry = tenants::open_registry(config).await?;
    let result = registry.list().await;
    registry.close().await;
    let records = result.map_err(Error::store("cannot list tenants"))?;
    let rows = tenants::describe(&records, config);
    let header = ["ID", "NAME", "TIMEZONE", "DATABASE"].map(String::from);
    let mut widths = [0usize; 3];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        println!(
            "{:w0$}  {:w1$}  {:w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    }
    Ok(())
}
