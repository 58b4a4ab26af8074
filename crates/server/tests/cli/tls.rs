use std::time::{Duration, Instant};

use crate::support::{get, get_tls, Server, HEALTH, STARTUP};

/// Waits until the server answers health over TLS, trusting `ca`.
fn wait_https(server: &mut Server, ca: &std::path::Path) -> u16 {
    let deadline = Instant::now() + STARTUP;
    loop {
        if ca.exists() {
            if let Ok(response) = get_tls(server.port, HEALTH, ca) {
                return response.status;
            }
        }
        server.assert_running();
        assert!(
            Instant::now() < deadline,
            "no HTTPS answer: {}",
            server.log_text()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn self_signed_mode_creates_a_certificate_and_serves_https() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut server = Server::start(&data, &[("KASSA_TLS", "self-signed")]);
    let cert = data.join("tls/cert.pem");
    assert_eq!(wait_https(&mut server, &cert), 200);
    assert!(data.join("tls/key.pem").is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("tls/key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Plain HTTP on the TLS port gets no HTTP answer.
    assert!(get(server.port, HEALTH, &[]).is_err());
}

#[test]
fn https_is_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Server::start sets KASSA_TLS=off; an empty value counts as unset, so the default applies.
    let mut server = Server::start(&data, &[("KASSA_TLS", "")]);
    assert_eq!(wait_https(&mut server, &data.join("tls/cert.pem")), 200);
}

#[test]
fn the_self_signed_certificate_is_reused_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cert = data.join("tls/cert.pem");
    let first = {
        let mut server = Server::start(&data, &[("KASSA_TLS", "self-signed")]);
        wait_https(&mut server, &cert);
        std::fs::read(&cert).unwrap()
    };
    let mut server = Server::start(&data, &[("KASSA_TLS", "self-signed")]);
    assert_eq!(wait_https(&mut server, &cert), 200);
    assert_eq!(std::fs::read(&cert).unwrap(), first);
}

#[test]
fn a_configured_certificate_and_key_are_served() {
    let dir = tempfile::tempdir().unwrap();
    let generated = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert = dir.path().join("mine.crt");
    let key = dir.path().join("mine.key");
    std::fs::write(&cert, generated.cert.pem()).unwrap();
    std::fs::write(&key, generated.key_pair.serialize_pem()).unwrap();
    let tls = format!("{},{}", cert.display(), key.display());
    let data = dir.path().join("data");
    let mut server = Server::start(&data, &[("KASSA_TLS", &tls)]);
    assert_eq!(wait_https(&mut server, &cert), 200);
    assert!(!data.join("tls").exists(), "no certificate is generated");
}

#[test]
fn a_missing_certificate_file_exits_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = crate::support::run(
        &dir.path().join("data"),
        &[],
        &[("KASSA_TLS", "/nonexistent/cert.pem,/nonexistent/key.pem")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(crate::support::stderr(&output).contains("/nonexistent/cert.pem"));
}
