//! Runs only when TEST_DATABASE_URL names a PostgreSQL server (as in `.ci/run`): the binary on a fresh
//! database, dropped afterwards.

use crate::support::{default_tenant_headers, get, run, stdout, Server, OFFICES};

/// A database created for one test and dropped with it.
struct Database {
    admin_url: String,
    name: String,
    runtime: tokio::runtime::Runtime,
}

impl Database {
    fn create() -> Option<Database> {
        let admin_url = std::env::var("TEST_DATABASE_URL").ok()?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let name = format!("kassa_test_server_{}_{nanos}", std::process::id());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let pool = sqlx::PgPool::connect(&admin_url).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        });
        Some(Database {
            admin_url,
            name,
            runtime,
        })
    }

    fn url(&self) -> String {
        let (base, query) = match self.admin_url.split_once('?') {
            Some((base, query)) => (base, format!("?{query}")),
            None => (self.admin_url.as_str(), String::new()),
        };
        let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
        format!("{server}/{}{query}", self.name)
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        self.runtime.block_on(async {
            if let Ok(pool) = sqlx::PgPool::connect(&self.admin_url).await {
                let drop = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
                let _ = sqlx::query(&drop).execute(&pool).await;
                pool.close().await;
            }
        });
    }
}

#[test]
fn the_server_runs_on_postgresql_with_tenants_in_their_own_schemas() {
    let Some(db) = Database::create() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let url = db.url();
    let env = [("KASSA_DATABASE_URL", url.as_str())];
    let added = run(&data, &["tenant", "add", "acme"], &env);
    assert!(added.status.success(), "{}", crate::support::stderr(&added));
    assert!(stdout(&run(&data, &["tenant", "list"], &env)).contains("acme"));

    let mut server = Server::start(&data, &env);
    server.wait_http();
    for tenant in ["default", "acme"] {
        let offices = get(server.port, OFFICES, &default_tenant_headers(tenant)).unwrap();
        assert_eq!(offices.status, 200, "{tenant}: {offices:?}");
    }
    let info = get(server.port, "/fineract-provider/actuator/info", &[]).unwrap();
    assert!(info.body.contains(r#""backend":"postgresql""#), "{info:?}");
    assert!(!data.join("kassa.sqlite").exists());
    drop(server);
}
