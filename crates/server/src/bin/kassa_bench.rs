//! Load generator for a built `kassa` binary; see `bench/mod.rs`. Not a test: it reports, never asserts.

#[path = "../bench/mod.rs"]
mod bench;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = bench::Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("kassa-bench: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Dropping the benchmark future on Ctrl-C drops the server handle, which kills the child.
    let outcome = runtime.block_on(async {
        tokio::select! {
            result = bench::run(args) => result,
            _ = tokio::signal::ctrl_c() => Err(anyhow::anyhow!("interrupted")),
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kassa-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}
