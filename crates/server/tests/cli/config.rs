use crate::support::{free_port, get, run, stderr, Server, HEALTH};

/// Command-line arguments and environment of one run.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);

#[test]
fn a_bad_tls_value_exits_with_code_2_and_a_one_line_message() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(&dir.path().join("data"), &[], &[("KASSA_TLS", "sometimes")]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    assert!(
        message.contains("KASSA_TLS") && message.contains("sometimes"),
        "{message}"
    );
}

#[test]
fn bad_values_from_flags_and_environment_exit_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cases: [Case<'_>; 4] = [
        (&["--listen", "nowhere"], &[]),
        (&[], &[("KASSA_BODY_LIMIT_BYTES", "a lot")]),
        (&[], &[("KASSA_SQLITE_SYNCHRONOUS", "off")]),
        (&[], &[("KASSA_DATABASE_URL", "mysql://localhost/kassa")]),
    ];
    for (args, env) in cases {
        let output = run(&data, args, env);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?} {env:?}: {}",
            stderr(&output)
        );
        assert_eq!(
            stderr(&output).trim_end().lines().count(),
            1,
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn an_unknown_key_in_the_config_file_exits_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kassa.toml");
    std::fs::write(&file, "lissten = \"127.0.0.1:1\"\n").unwrap();
    let output = run(
        &dir.path().join("data"),
        &["--config", file.to_str().unwrap()],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("unknown key `lissten`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn settings_from_the_config_file_apply_and_the_environment_overrides_them() {
    let dir = tempfile::tempdir().unwrap();
    let file_port = free_port();
    let file = dir.path().join("kassa.toml");
    std::fs::write(
        &file,
        format!("listen = \"127.0.0.1:{file_port}\"\ntls = \"self-signed\"\n"),
    )
    .unwrap();
    // The file asks for TLS on file_port; KASSA_TLS=off (set by Server::start) and KASSA_LISTEN win.
    let mut server = Server::start(
        &dir.path().join("data"),
        &[("KASSA_CONFIG", file.to_str().unwrap())],
    );
    assert_eq!(server.wait_http().status, 200);
    assert!(get(file_port, HEALTH, &[]).is_err());
}
