//! A database migrated by the hand-written migration list that `sqlx::migrate!` replaced opens
//! with today's code: versions and SQL checksums are the same, only some descriptions differ.

use crate::support::db::{Backend, TestDb};
use partnerbot::store::Store;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use std::borrow::Cow;

/// The hand-written list: (version, description, file). Its SQL came from the same files.
const OLD_LIST: [(i64, &str, &str); 11] = [
    (1, "schema", "0001_schema.sql"),
    (2, "posted messages", "0002_posted_messages.sql"),
    (3, "registration matching", "0003_registration_matching.sql"),
    (4, "compliance indexes", "0004_compliance_indexes.sql"),
    (5, "open deals by partner", "0005_open_deals_by_partner.sql"),
    (6, "forecast deal snapshots", "0006_forecast_deals.sql"),
    (
        7,
        "audit index without touches",
        "0007_audit_index_without_touches.sql",
    ),
    (8, "kpi indexes", "0008_kpi_indexes.sql"),
    (
        9,
        "open claims of the run ledger",
        "0009_job_runs_claimed.sql",
    ),
    (10, "daily KPI snapshots", "0010_kpi_snapshots.sql"),
    (11, "covering kpi indexes", "0011_kpi_covering_indexes.sql"),
];

/// The old migrator, as the hand-written list built it, with versions up to `up_to`;
/// `tamper` appends a blank line to the first migration's SQL (what editing an applied
/// migration would do).
fn old_migrator(backend: Backend, up_to: i64, tamper: bool) -> Migrator {
    let folder = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let migrations = OLD_LIST
        .iter()
        .filter(|(version, _, _)| *version <= up_to)
        .map(|(version, description, file)| {
            let path = format!("{}/migrations/{folder}/{file}", env!("CARGO_MANIFEST_DIR"));
            let mut sql = std::fs::read_to_string(path).unwrap();
            if tamper && *version == 1 {
                sql.push('\n');
            }
            Migration::new(
                *version,
                Cow::Borrowed(*description),
                MigrationType::Simple,
                Cow::Owned(sql),
                false,
            )
        })
        .collect::<Vec<_>>();
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

/// A fresh database migrated by the old list up to `up_to`.
async fn old_database(backend: Backend, up_to: i64, tamper: bool) -> Option<TestDb> {
    let db = TestDb::create(backend).await?;
    let store = Store::connect(&db.url, 2).await.unwrap();
    old_migrator(backend, up_to, tamper)
        .run(store.pool())
        .await
        .unwrap();
    store.close().await;
    Some(db)
}

/// (version, description) of the ledger, in order.
async fn ledger(store: &Store) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT version, description FROM _sqlx_migrations ORDER BY version")
        .fetch_all(store.pool())
        .await
        .unwrap()
}

async fn an_old_database_opens_unchanged(backend: Backend) {
    let Some(db) = old_database(backend, 11, false).await else {
        return;
    };
    let store = Store::open(&db.url, 2)
        .await
        .expect("the old database opens");
    assert_eq!(store.migrate().await.unwrap(), 0, "nothing left to apply");
    let old: Vec<(i64, String)> = OLD_LIST
        .iter()
        .map(|(version, description, _)| (*version, description.to_string()))
        .collect();
    assert_eq!(ledger(&store).await[..11], old[..], "the ledger is kept");
    store.close().await;
}

async fn a_partly_migrated_old_database_gets_the_rest(backend: Backend) {
    let Some(db) = old_database(backend, 9, false).await else {
        return;
    };
    let store = Store::open(&db.url, 2)
        .await
        .expect("the old database opens");
    let ledger = ledger(&store).await;
    assert_eq!(ledger[8], (9, "open claims of the run ledger".to_string()));
    assert_eq!(ledger[9], (10, "kpi snapshots".to_string()));
    assert_eq!(ledger[10], (11, "kpi covering indexes".to_string()));
    let snapshots: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM kpi_snapshots")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(snapshots, 0, "migration 0010 ran");
    store.close().await;
}

async fn an_edited_applied_migration_is_refused(backend: Backend) {
    let Some(db) = old_database(backend, 11, true).await else {
        return;
    };
    let err = Store::open(&db.url, 2).await.unwrap_err();
    assert!(
        format!("{err:#}").contains("running database migrations"),
        "{err:#}"
    );
}

/// Match domains stored under the hand-kept suffix list are recomputed (migration 0012).
async fn stored_match_domains_are_refolded(backend: Backend) {
    let Some(db) = old_database(backend, 11, false).await else {
        return;
    };
    let store = Store::connect(&db.url, 2).await.unwrap();
    sqlx::query(
        "INSERT INTO workspaces (id, name, created_at, updated_at) \
         VALUES (1, 'Test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    )
    .execute(store.pool())
    .await
    .unwrap();
    for (name, domain, old_key) in [
        ("Acme Ukraine", Some("kyiv.acme.co.ua"), Some("co.ua")),
        ("Globex", Some("eu.globex.com"), Some("globex.com")),
        ("Initech", None, None),
    ] {
        sqlx::query(
            "INSERT INTO accounts (workspace_id, name, name_key, domain, created_at, match_key, \
             match_domain) VALUES (1, $1, $2, $3, '2026-01-01T00:00:00Z', 'stale', $4)",
        )
        .bind(name)
        .bind(name.to_lowercase())
        .bind(domain)
        .bind(old_key)
        .execute(store.pool())
        .await
        .unwrap();
    }
    store.close().await;
    let store = Store::open(&db.url, 2).await.unwrap();
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT name, match_key, match_domain FROM accounts ORDER BY name")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let expect = |name: &str, key: &str, domain: Option<&str>| {
        (
            name.to_string(),
            key.to_string(),
            domain.map(str::to_string),
        )
    };
    assert_eq!(
        rows,
        vec![
            expect("Acme Ukraine", "acme ukraine", Some("acme.co.ua")),
            expect("Globex", "globex", Some("globex.com")),
            expect("Initech", "stale", None),
        ],
        "accounts with a domain are re-keyed, the others left alone"
    );
    store.close().await;
}

macro_rules! on_both_backends {
    ($($name:ident),*) => {$(
        mod $name {
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                super::$name(Backend::Sqlite).await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$name(Backend::Postgres).await;
            }
        }
    )*};
}

on_both_backends!(
    an_old_database_opens_unchanged,
    a_partly_migrated_old_database_gets_the_rest,
    an_edited_applied_migration_is_refused,
    stored_match_domains_are_refolded
);
