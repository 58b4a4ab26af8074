//! Starting `kassa`, waiting for it, and speaking just enough HTTP (plain and TLS) to check it.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const HEALTH: &str = "/fineract-provider/actuator/health";
pub const OFFICES: &str = "/fineract-provider/api/v1/offices";
pub const STARTUP: Duration = Duration::from_secs(30);

/// `kassa` with a clean environment: no KASSA_* or FINERACT_* variable leaks in from the caller.
pub fn kassa(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kassa"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("KASSA_") || name.starts_with("FINERACT_") {
            command.env_remove(name.as_ref());
        }
    }
    command
        .env("KASSA_DATA_DIR", data_dir)
        .env("KASSA_LOG", "info")
        .stdin(Stdio::null());
    command
}

/// Runs a short command (`tenant add`, `migrate`, …) to completion.
pub fn run(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    kassa(data_dir)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run kassa")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `kassa serve`, killed when dropped. Its stderr goes to `log`.
pub struct Server {
    child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl Server {
    /// Starts `kassa` (no subcommand: `serve` is the default) over plain HTTP unless `env` sets KASSA_TLS.
    pub fn start(data_dir: &Path, env: &[(&str, &str)]) -> Server {
        let port = free_port();
        let log = data_dir.with_extension("log");
        let child = kassa(data_dir)
            .env("KASSA_TLS", "off")
            .env("KASSA_LISTEN", format!("127.0.0.1:{port}"))
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("spawn kassa");
        Server { child, port, log }
    }

    /// Waits until `GET /actuator/health` answers over plain HTTP and returns that answer.
    pub fn wait_http(&mut self) -> Response {
        let deadline = Instant::now() + STARTUP;
        loop {
            if let Ok(response) = get(self.port, HEALTH, &[]) {
                return response;
            }
            self.assert_running();
            assert!(
                Instant::now() < deadline,
                "kassa did not answer: {}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn assert_running(&mut self) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!("kassa exited with {status}: {}", self.log_text());
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the process with SIGKILL (no shutdown of any kind) and reaps it.
    pub fn kill_9(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Waits for the process to exit on its own.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "kassa did not exit: {}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

/// `GET path` over plain HTTP/1.1 with `Connection: close`.
pub fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    exchange(&mut stream, "GET", path, headers, None)
}

/// `POST path` with a JSON body over plain HTTP/1.1 with `Connection: close`.
pub fn post(
    port: u16,
    path: &str,
    headers: &[(&str, &str)],
    json: &str,
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    exchange(&mut stream, "POST", path, headers, Some(json))
}

/// `GET path` over TLS to `localhost`, trusting only the certificate in `ca_pem`.
pub fn get_tls(port: u16, path: &str, ca_pem: &Path) -> std::io::Result<Response> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, ServerName};

    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(ca_pem).map_err(std::io::Error::other)? {
        roots
            .add(cert.map_err(std::io::Error::other)?)
            .map_err(std::io::Error::other)?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(std::io::Error::other)?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = ServerName::try_from("localhost").map_err(std::io::Error::other)?;
    let connection =
        rustls::ClientConnection::new(Arc::new(config), name).map_err(std::io::Error::other)?;
    let tcp = TcpStream::connect(("127.0.0.1", port))?;
    tcp.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut stream = rustls::StreamOwned::new(connection, tcp);
    exchange(&mut stream, "GET", path, &[], None)
}

fn exchange(
    stream: &mut impl ReadWrite,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    json: Option<&str>,
) -> std::io::Result<Response> {
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(json) = json {
        request.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            json.len()
        ));
    }
    request.push_str("\r\n");
    if let Some(json) = json {
        request.push_str(json);
    }
    stream.write_all(request.as_bytes())?;
    stream.flush()?;
    let mut raw = Vec::new();
    // A TLS peer may close without close_notify; what arrived before that is the answer.
    if let Err(e) = stream.read_to_end(&mut raw) {
        if raw.is_empty() {
            return Err(e);
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP answer: {text:?}")))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    Ok(Response { status, body })
}

pub trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

/// The product document's headers: tenant `default`, user `mifos`/`password`.
pub fn default_tenant_headers(tenant: &'static str) -> [(&'static str, &'static str); 2] {
    [
        ("Fineract-Platform-TenantId", tenant),
        ("Authorization", "Basic bWlmb3M6cGFzc3dvcmQ="),
    ]
}
