//! Fresh databases for tests: a SQLite file in its own temp dir, or a new PostgreSQL database
//! created from `PARTNERBOT_TEST_POSTGRES_URL` (an admin URL) and dropped afterwards.

use sqlx::Connection;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Every table of the schema (for "nothing was written" checks).
pub const ALL_TABLES: &[&str] = &[
    "workspaces",
    "role_mappings",
    "members",
    "member_away",
    "territories",
    "territory_members",
    "partners",
    "accounts",
    "deals",
    "deal_influences",
    "registrations",
    "touches",
    "forecasts",
    "forecast_deals",
    "program_discounts",
    "marketplace_fees",
    "schedules",
    "job_runs",
    "kpi_snapshots",
    "processed_interactions",
    "audit_log",
];

pub const POSTGRES_URL_VAR: &str = "PARTNERBOT_TEST_POSTGRES_URL";

pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn create(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                Some(TestDb {
                    url,
                    backend,
                    _dir: Some(dir),
                })
            }
            Backend::Postgres => {
                let Ok(admin_url) = std::env::var(POSTGRES_URL_VAR) else {
                    eprintln!(
                        "\n*** SKIPPED: PostgreSQL test, {POSTGRES_URL_VAR} is not set. \
                         Set it (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run the \
                         PostgreSQL suite; CI always does. ***\n"
                    );
                    return None;
                };
                let name = unique_name();
                sqlx::any::install_default_drivers();
                let mut admin = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR} is set but unreachable: {e}"));
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .await
                    .expect("create test database");
                let _ = admin.close().await;
                Some(TestDb {
                    url: replace_db_name(&admin_url, &name),
                    backend,
                    _dir: None,
                })
            }
        }
    }
}

fn unique_name() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "pbtest_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}
