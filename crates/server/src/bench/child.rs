//! The server under test: a `kassa` process on a free port and a fresh data directory, killed when dropped
//! (also when the benchmark fails or is interrupted).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{bail, Context, Result};

pub struct Server {
    child: Child,
    pub port: u16,
    log: PathBuf,
    // Dropped after the child is killed (fields drop in order after `Drop::drop`).
    _data_dir: tempfile::TempDir,
}

impl Server {
    /// Spawns `kassa serve` over plain HTTP. Returns as soon as the process exists, not when it is ready.
    pub fn spawn(kassa: &Path, database_url: Option<&str>) -> Result<Server> {
        let data_dir = tempfile::Builder::new()
            .prefix("kassa-bench-")
            .tempdir()
            .context("cannot create a temporary data directory")?;
        let port = free_port()?;
        let log = data_dir.path().join("kassa.log");
        let stderr = File::create(&log).context("cannot create the server log")?;
        let mut command = Command::new(kassa);
        command
            .arg("serve")
            .env("KASSA_TLS", "off")
            .env("KASSA_LISTEN", format!("127.0.0.1:{port}"))
            .env("KASSA_DATA_DIR", data_dir.path().join("data"))
            .env("KASSA_LOG", "warn")
            .env_remove("KASSA_CONFIG")
            .env_remove("KASSA_DATABASE_URL")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr);
        if let Some(url) = database_url {
            command.env("KASSA_DATABASE_URL", url);
        }
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {}", kassa.display()))?;
        Ok(Server {
            child,
            port,
            log,
            _data_dir: data_dir,
        })
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Fails with the end of the server's log when the process has exited.
    pub fn check_alive(&mut self) -> Result<()> {
        if let Some(status) = self.child.try_wait()? {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(5).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            bail!("kassa exited ({status}): {}", tail.join(" | "));
        }
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now (the OS picks it; a race with another process is possible but rare).
fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}
