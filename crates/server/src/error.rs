//! Failures of the binary and the exit code each one maps to: 2 for configuration the user must fix,
//! 1 for everything else (an unreachable database, a port in use, a failed migration).

use std::net::SocketAddr;

use kassa_store::StoreError;

use crate::config::ConfigError;
use crate::tls::TlsError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Tls(#[from] TlsError),
    #[error("{context}: {source}")]
    Store { context: String, source: StoreError },
    #[error("tenant `{0}` already exists; nothing changed")]
    TenantExists(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server stopped: {0}")]
    Serve(std::io::Error),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

impl Error {
    /// A storage failure, said with what was being done.
    pub fn store(context: impl Into<String>) -> impl FnOnce(StoreError) -> Error {
        let context = context.into();
        move |source| Error::Store { context, source }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Config(_)
            | Error::Tls(_)
            | Error::Store {
                source: StoreError::Config(_),
                ..
            } => 2,
            _ => 1,
        }
    }

    /// The message on one line, whatever the underlying error put in it.
    pub fn one_line(&self) -> String {
        self.to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}
