#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::Write;

use super::*;

fn resolve(flags: &Flags, env: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let env: HashMap<String, String> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::resolve(flags, &|name| env.get(name).cloned())
}

fn file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

#[test]
fn defaults_apply_when_nothing_is_configured() {
    let c = resolve(&Flags::default(), &[]).unwrap();
    assert_eq!(c.listen.to_string(), "127.0.0.1:8443");
    assert_eq!(c.tls, TlsMode::SelfSigned);
    assert_eq!(c.data_dir, PathBuf::from("./kassa-data"));
    assert_eq!(c.database_url, None);
    assert_eq!(c.durability, Durability::Full);
    assert_eq!(c.idempotency_header, "Idempotency-Key");
    assert_eq!(c.idempotency_ttl, Duration::from_secs(86_400));
    assert_eq!(c.body_limit_bytes, 3 * 1024 * 1024);
    assert_eq!(c.request_timeout, Duration::from_secs(60));
    assert_eq!(c.header_read_timeout, Duration::from_secs(10));
    assert_eq!(c.page_limit_max, 1000);
    assert_eq!(c.auth_cache_ttl, Duration::from_secs(60));
    assert_eq!(c.log, DEFAULT_LOG);
}

#[test]
fn a_flag_beats_the_environment_which_beats_the_file() {
    let f = file(
        "listen = \"127.0.0.1:1\"\ntls = \"off\"\nbody_limit_bytes = 5\npage_limit_max = \"7\"\n",
    );
    let flags = Flags {
        config: Some(f.path().to_path_buf()),
        listen: Some("127.0.0.1:3".into()),
        ..Flags::default()
    };
    let c = resolve(
        &flags,
        &[
            ("KASSA_LISTEN", "127.0.0.1:2"),
            ("KASSA_BODY_LIMIT_BYTES", "6"),
        ],
    )
    .unwrap();
    assert_eq!(c.listen.port(), 3);
    assert_eq!(c.body_limit_bytes, 6);
    assert_eq!(c.tls, TlsMode::Off);
    assert_eq!(c.page_limit_max, 7);
}

#[test]
fn the_config_file_can_come_from_kassa_config() {
    let f = file("data_dir = \"/srv/kassa\"\n");
    let path = f.path().to_str().unwrap().to_string();
    let c = resolve(&Flags::default(), &[("KASSA_CONFIG", &path)]).unwrap();
    assert_eq!(c.data_dir, PathBuf::from("/srv/kassa"));
}

#[test]
fn fineracts_idempotency_variable_sets_the_header_and_kassas_wins_over_it() {
    let c = resolve(
        &Flags::default(),
        &[("FINERACT_IDEMPOTENCY_KEY_HEADER_NAME", "X-Once")],
    )
    .unwrap();
    assert_eq!(c.idempotency_header, "X-Once");
    let c = resolve(
        &Flags::default(),
        &[
            ("FINERACT_IDEMPOTENCY_KEY_HEADER_NAME", "X-Once"),
            ("KASSA_IDEMPOTENCY_KEY_HEADER_NAME", "X-Kassa"),
        ],
    )
    .unwrap();
    assert_eq!(c.idempotency_header, "X-Kassa");
}

#[test]
fn an_empty_environment_variable_counts_as_unset() {
    let c = resolve(&Flags::default(), &[("KASSA_DATABASE_URL", "")]).unwrap();
    assert_eq!(c.database_url, None);
}

#[test]
fn tls_accepts_a_certificate_and_key_pair() {
    let c = resolve(
        &Flags::default(),
        &[("KASSA_TLS", "/a/cert.pem, /a/key.pem")],
    )
    .unwrap();
    assert_eq!(
        c.tls,
        TlsMode::Files {
            cert: PathBuf::from("/a/cert.pem"),
            key: PathBuf::from("/a/key.pem")
        }
    );
}

#[test]
fn bad_values_are_reported_with_their_source_on_one_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("KASSA_TLS", "maybe", "invalid KASSA_TLS `maybe`"),
        ("KASSA_TLS", "only-one-path", "invalid KASSA_TLS"),
        (
            "KASSA_LISTEN",
            "localhost",
            "invalid KASSA_LISTEN `localhost`",
        ),
        ("KASSA_DATABASE_URL", "mysql://x", "postgres://"),
        ("KASSA_SQLITE_SYNCHRONOUS", "off", "`full` or `normal`"),
        ("KASSA_DB_MAX_CONNECTIONS", "0", "from 1 to"),
        ("KASSA_BODY_LIMIT_BYTES", "1MB", "a whole number"),
        (
            "KASSA_IDEMPOTENCY_KEY_HEADER_NAME",
            "Bad Header",
            "HTTP header name",
        ),
        ("KASSA_LOG", "kassa=[", "log filter"),
    ];
    for (var, value, expected) in cases {
        let err = resolve(&Flags::default(), &[(var, value)]).unwrap_err().0;
        assert!(err.contains(expected), "{var}={value}: {err}");
        assert!(!err.contains('\n'), "{err}");
    }
}

#[test]
fn an_unknown_key_in_the_file_is_an_error() {
    let f = file("lissten = \"127.0.0.1:1\"\n");
    let flags = Flags {
        config: Some(f.path().to_path_buf()),
        ..Flags::default()
    };
    let err = resolve(&flags, &[]).unwrap_err().0;
    assert!(err.contains("unknown key `lissten`"), "{err}");
}

#[test]
fn a_malformed_file_names_the_line() {
    let f = file("listen = \"127.0.0.1:1\"\ntls = \n");
    let flags = Flags {
        config: Some(f.path().to_path_buf()),
        ..Flags::default()
    };
    let err = resolve(&flags, &[]).unwrap_err().0;
    assert!(err.contains("line 2"), "{err}");
    assert!(!err.contains('\n'), "{err}");
}

#[test]
fn a_missing_file_is_an_error() {
    let flags = Flags {
        config: Some(PathBuf::from("/nonexistent/kassa.toml")),
        ..Flags::default()
    };
    let err = resolve(&flags, &[]).unwrap_err().0;
    assert!(err.contains("cannot read configuration file"), "{err}");
}

#[test]
fn settings_keep_the_default_page_size_within_the_maximum() {
    let c = resolve(&Flags::default(), &[("KASSA_PAGE_LIMIT_MAX", "50")]).unwrap();
    let s = c.settings();
    assert_eq!(s.page_limit_max, 50);
    assert_eq!(s.page_limit_default, 50);
}

#[test]
fn the_web_app_directory_must_hold_a_built_app() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap().to_string();
    let err = resolve(&Flags::default(), &[("KASSA_WEB_APP", &path)]).unwrap_err();
    assert!(err.0.contains("KASSA_WEB_APP"), "{}", err.0);
    std::fs::write(dir.path().join("index.html"), "<html></html>").unwrap();
    let c = resolve(&Flags::default(), &[("KASSA_WEB_APP", &path)]).unwrap();
    assert_eq!(c.web_app, Some(PathBuf::from(&path)));
    let flags = Flags {
        web_app: Some(path.clone()),
        ..Flags::default()
    };
    assert_eq!(
        resolve(&flags, &[]).unwrap().web_app,
        Some(PathBuf::from(&path))
    );
    assert_eq!(resolve(&Flags::default(), &[]).unwrap().web_app, None);
}
