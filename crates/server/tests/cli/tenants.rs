use crate::support::{default_tenant_headers, get, run, stderr, stdout, Server, OFFICES};

#[test]
fn an_added_tenant_is_listed_next_to_the_default_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let added = run(
        &data,
        &["tenant", "add", "acme", "--name", "Acme Bank"],
        &[],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(
        stdout(&added).contains("added tenant `acme`"),
        "{}",
        stdout(&added)
    );

    let listed = run(&data, &["tenant", "list"], &[]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let text = stdout(&listed);
    let acme = text
        .lines()
        .find(|l| l.starts_with("acme "))
        .unwrap_or_default();
    assert!(acme.contains("Acme Bank") && acme.contains("UTC"), "{text}");
    let default = text
        .lines()
        .find(|l| l.starts_with("default "))
        .unwrap_or_default();
    assert!(
        default.contains("Default Demo Tenant") && default.contains("Asia/Kolkata"),
        "{text}"
    );
    assert!(data.join("tenants/acme.sqlite").is_file());
}

#[test]
fn adding_an_existing_tenant_fails_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(run(&data, &["tenant", "add", "acme"], &[]).status.success());
    let again = run(&data, &["tenant", "add", "acme", "--name", "Other"], &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert!(!stdout(&run(&data, &["tenant", "list"], &[])).contains("Other"));
}

#[test]
fn an_invalid_tenant_id_or_time_zone_exits_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let bad_id = run(&data, &["tenant", "add", "Not OK"], &[]);
    assert_eq!(bad_id.status.code(), Some(2), "{}", stderr(&bad_id));
    let bad_zone = run(
        &data,
        &["tenant", "add", "acme", "--timezone", "Mars/Olympus"],
        &[],
    );
    assert_eq!(bad_zone.status.code(), Some(2), "{}", stderr(&bad_zone));
    assert!(stderr(&bad_zone).contains("Mars/Olympus"));
}

#[test]
fn a_tenant_with_its_own_sqlite_file_is_created_there() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("elsewhere.sqlite");
    let added = run(
        &data,
        &[
            "tenant",
            "add",
            "far",
            "--database-url",
            file.to_str().unwrap(),
        ],
        &[],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(file.is_file());
    assert!(!data.join("tenants/far.sqlite").exists());
}

#[test]
fn migrate_creates_the_registry_and_the_default_tenant_then_exits() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let migrated = run(&data, &["migrate"], &[]);
    assert!(migrated.status.success(), "{}", stderr(&migrated));
    assert!(
        stdout(&migrated).contains("default"),
        "{}",
        stdout(&migrated)
    );
    assert!(data.join("kassa.sqlite").is_file());
    assert!(data.join("tenants/default.sqlite").is_file());
}

#[test]
fn an_added_tenant_is_served_with_its_own_head_office() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(run(&data, &["tenant", "add", "acme"], &[]).status.success());
    let mut server = Server::start(&data, &[]);
    server.wait_http();
    let offices = get(server.port, OFFICES, &default_tenant_headers("acme")).unwrap();
    assert_eq!(offices.status, 200, "{offices:?}");
    assert!(offices.body.contains("Head Office"), "{offices:?}");
}
