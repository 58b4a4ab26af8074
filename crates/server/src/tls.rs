//! TLS like Fineract's out-of-the-box setup: HTTPS with a self-signed certificate generated once into the
//! data directory, a configured certificate and key when given, or plain HTTP when asked.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::ServerConfig;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsMode {
    Off,
    SelfSigned,
    Files { cert: PathBuf, key: PathBuf },
}

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} holds no {what} in PEM format")]
    NoPem { path: PathBuf, what: &'static str },
    #[error("cannot generate the self-signed certificate: {0}")]
    Generate(#[from] rcgen::Error),
    #[error("TLS certificate {cert} and key {key} do not make a usable pair: {source}")]
    Rustls {
        cert: PathBuf,
        key: PathBuf,
        source: rustls::Error,
    },
    #[error("{found} exists without {missing}: remove it so that a new pair is generated, or restore {missing}")]
    HalfPair { found: PathBuf, missing: PathBuf },
}

impl TlsMode {
    /// `off`, `self-signed`, or `CERT_PATH,KEY_PATH`; None when it is none of these.
    pub fn parse(text: &str) -> Option<TlsMode> {
        let text = text.trim();
        match text.to_ascii_lowercase().as_str() {
            "off" => return Some(TlsMode::Off),
            "self-signed" => return Some(TlsMode::SelfSigned),
            _ => {}
        }
        let (cert, key) = text.split_once(',')?;
        let (cert, key) = (cert.trim(), key.trim());
        if cert.is_empty() || key.is_empty() || key.contains(',') {
            return None;
        }
        Some(TlsMode::Files {
            cert: PathBuf::from(cert),
            key: PathBuf::from(key),
        })
    }

    pub fn scheme(&self) -> &'static str {
        match self {
            TlsMode::Off => "http",
            TlsMode::SelfSigned | TlsMode::Files { .. } => "https",
        }
    }
}

/// Installs the process-wide rustls crypto provider (ring, as the workspace pins it). Idempotent.
pub fn install_crypto_provider() {
    // Err only means a provider is already installed, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The server TLS configuration for this mode, or None for plain HTTP.
pub fn server_config(
    mode: &TlsMode,
    data_dir: &Path,
) -> Result<Option<Arc<ServerConfig>>, TlsError> {
    let (cert, key) = match mode {
        TlsMode::Off => return Ok(None),
        TlsMode::Files { cert, key } => (cert.clone(), key.clone()),
        TlsMode::SelfSigned => ensure_self_signed(&data_dir.join("tls"))?,
    };
    let chain = read_certs(&cert)?;
    let private_key = read_key(&key)?;
    let mut config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chain, private_key)
        .map_err(|source| TlsError::Rustls {
            cert: cert.clone(),
            key: key.clone(),
            source,
        })?;
    // HTTP/1.1 only, whose timeouts cover idle connections too: see `serve::tune`.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Some(Arc::new(config)))
}

/// Paths of `cert.pem` and `key.pem` in `dir`, generating them on first use.
fn ensure_self_signed(dir: &Path) -> Result<(PathBuf, PathBuf), TlsError> {
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    // The certificate is written last, so its presence marks a complete pair.
    match (cert.exists(), key.exists()) {
        (true, true) => return Ok((cert, key)),
        (true, false) => {
            return Err(TlsError::HalfPair {
                found: cert,
                missing: key,
            })
        }
        (false, _) => {}
    }
    let io = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| TlsError::Io {
            action,
            path,
            source,
        }
    };
    create_private_dir(dir).map_err(io("create", dir))?;
    let names = ["localhost", "127.0.0.1", "::1"].map(String::from).to_vec();
    let mut params = rcgen::CertificateParams::new(names)?;
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Kassa self-signed (localhost)");
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let key_pair = rcgen::KeyPair::generate()?;
    let certificate = params.self_signed(&key_pair)?;
    write_atomically(&key, key_pair.serialize_pem().as_bytes(), 0o600)
        .map_err(io("write", &key))?;
    write_atomically(&cert, certificate.pem().as_bytes(), 0o644).map_err(io("write", &cert))?;
    tracing::info!(cert = %cert.display(), "generated a self-signed certificate for localhost");
    Ok((cert, key))
}

fn read_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let pem = std::fs::read(path).map_err(|source| TlsError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    let certs: Vec<_> = CertificateDer::pem_slice_iter(&pem)
        .filter_map(Result::ok)
        .collect();
    if certs.is_empty() {
        return Err(TlsError::NoPem {
            path: path.to_path_buf(),
            what: "certificate",
        });
    }
    Ok(certs)
}

fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let pem = std::fs::read(path).map_err(|source| TlsError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    PrivateKeyDer::from_pem_slice(&pem).map_err(|_| TlsError::NoPem {
        path: path.to_path_buf(),
        what: "private key",
    })
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes through a temporary file and a rename, so a crash never leaves a truncated file behind; the file is
/// created with `mode` from the start (a key is never readable by others, not even briefly).
fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    let tmp = path.with_extension("pem.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn modes_parse_from_their_three_spellings() {
        assert_eq!(TlsMode::parse("off"), Some(TlsMode::Off));
        assert_eq!(TlsMode::parse(" Self-Signed "), Some(TlsMode::SelfSigned));
        assert_eq!(
            TlsMode::parse("c.pem,k.pem"),
            Some(TlsMode::Files {
                cert: "c.pem".into(),
                key: "k.pem".into()
            })
        );
        assert_eq!(TlsMode::parse("on"), None);
        assert_eq!(TlsMode::parse("c.pem,"), None);
        assert_eq!(TlsMode::parse("a,b,c"), None);
    }

    #[test]
    fn a_self_signed_pair_is_generated_once_and_then_reused() {
        install_crypto_provider();
        let dir = tempfile::tempdir().unwrap();
        assert!(server_config(&TlsMode::SelfSigned, dir.path())
            .unwrap()
            .is_some());
        let cert = dir.path().join("tls/cert.pem");
        let first = std::fs::read(&cert).unwrap();
        server_config(&TlsMode::SelfSigned, dir.path()).unwrap();
        assert_eq!(std::fs::read(&cert).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("tls/key.pem"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_missing_certificate_file_is_named_in_the_error() {
        install_crypto_provider();
        let mode = TlsMode::Files {
            cert: "/nonexistent/c.pem".into(),
            key: "/nonexistent/k.pem".into(),
        };
        let err = server_config(&mode, Path::new("."))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/nonexistent/c.pem"), "{err}");
    }
}
