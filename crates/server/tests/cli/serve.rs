use std::time::Duration;

use crate::support::{default_tenant_headers, get, Server, OFFICES};

#[test]
fn the_server_starts_over_plain_http_and_answers_health() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(&dir.path().join("data"), &[]);
    let health = server.wait_http();
    assert_eq!(health.status, 200, "{health:?}");
    assert!(health.body.contains(r#""status":"UP""#), "{health:?}");
}

#[test]
fn the_start_is_logged_with_url_backend_and_durability() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(&dir.path().join("data"), &[]);
    server.wait_http();
    let expected = format!(
        "listening on http://127.0.0.1:{}/fineract-provider (backend sqlite, durability full)",
        server.port
    );
    assert!(
        server.log_text().contains(&expected),
        "{}",
        server.log_text()
    );
}

#[test]
fn the_default_tenant_lists_head_office_with_the_default_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(&dir.path().join("data"), &[]);
    server.wait_http();
    let offices = get(server.port, OFFICES, &default_tenant_headers("default")).unwrap();
    assert_eq!(offices.status, 200, "{offices:?}");
    assert!(offices.body.contains("Head Office"), "{offices:?}");
}

#[test]
fn the_sqlite_durability_setting_is_reported_by_actuator_info() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        &dir.path().join("data"),
        &[("KASSA_SQLITE_SYNCHRONOUS", "normal")],
    );
    server.wait_http();
    let info = get(server.port, "/fineract-provider/actuator/info", &[]).unwrap();
    assert_eq!(info.status, 200, "{info:?}");
    assert!(info.body.contains(r#""durability":"normal""#), "{info:?}");
    assert!(info.body.contains(r#""backend":"sqlite""#), "{info:?}");
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_gracefully_with_exit_code_0() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(&dir.path().join("data"), &[]);
    server.wait_http();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = server.wait_exit(Duration::from_secs(15));
    assert!(status.success(), "{status}: {}", server.log_text());
    assert!(
        get(server.port, "/", &[]).is_err(),
        "still accepting connections"
    );
}

#[test]
fn a_port_in_use_is_reported_and_exits_with_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let output = crate::support::run(
        &dir.path().join("data"),
        &["serve", "--tls", "off", "--listen", &address],
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = crate::support::stderr(&output);
    assert!(
        stderr.contains(&format!("cannot listen on {address}")),
        "{stderr}"
    );
}

#[test]
fn a_client_that_sends_nothing_is_disconnected_after_the_header_read_timeout() {
    use std::io::Read;

    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        &dir.path().join("data"),
        &[("KASSA_HEADER_READ_TIMEOUT_SECS", "1")],
    );
    server.wait_http();
    let mut silent = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    silent
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 16];
    // EOF (0 bytes) or a reset both mean the server closed it; a read timeout would mean it did not.
    match silent.read(&mut buf) {
        Ok(n) => assert_eq!(n, 0),
        Err(e) => assert!(
            !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
            "still open"
        ),
    }
}

#[test]
fn errors_hyper_answers_itself_carry_fineracts_envelope() {
    use std::io::{Read, Write};

    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(&dir.path().join("data"), &[]);
    server.wait_http();
    // A 100 KB URI (414) and a request line that is not HTTP (400). (hyper's 431 comes while the client
    // is still sending, so its connection may be reset under the answer: the transport's unit test has it.)
    let long_uri = format!(
        "/fineract-provider/api/v1/offices?x={}",
        "a".repeat(100_000)
    );
    let long_uri = get(server.port, &long_uri, &[]).unwrap();
    let mut garbage = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    garbage
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    garbage.write_all(b"NOT A REQUEST\r\n\r\n").unwrap();
    let mut raw = String::new();
    let _ = garbage.read_to_string(&mut raw);
    let (_, garbage_body) = raw.split_once("\r\n\r\n").unwrap_or_default();
    for (status, body, code) in [
        (
            long_uri.status,
            long_uri.body.as_str(),
            "error.msg.request.uri.too.long",
        ),
        (
            raw.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0),
            garbage_body,
            "error.msg.invalid.request",
        ),
    ] {
        let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
        assert_eq!(
            json["userMessageGlobalisationCode"], code,
            "{status}: {body}"
        );
        assert_eq!(json["httpStatusCode"], status.to_string());
    }
}
