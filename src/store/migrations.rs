//! The embedded migrations, one folder per backend; an applied migration is never edited.

use super::{Backend, Store};
use anyhow::Context;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use std::borrow::Cow;

/// (version, description, SQL) for SQLite.
const SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "schema",
        include_str!("../../migrations/sqlite/0001_schema.sql"),
    ),
    (
        2,
        "posted messages",
        include_str!("../../migrations/sqlite/0002_posted_messages.sql"),
    ),
    (
        3,
        "registration matching",
        include_str!("../../migrations/sqlite/0003_registration_matching.sql"),
    ),
    (
        4,
        "compliance indexes",
        include_str!("../../migrations/sqlite/0004_compliance_indexes.sql"),
    ),
    (
        5,
        "open deals by partner",
        include_str!("../../migrations/sqlite/0005_open_deals_by_partner.sql"),
    ),
    (
        6,
        "forecast deal snapshots",
        include_str!("../../migrations/sqlite/0006_forecast_deals.sql"),
    ),
    (
        7,
        "audit index without touches",
        include_str!("../../migrations/sqlite/0007_audit_index_without_touches.sql"),
    ),
    (
        8,
        "kpi indexes",
        include_str!("../../migrations/sqlite/0008_kpi_indexes.sql"),
    ),
    (
        9,
        "open claims of the run ledger",
        include_str!("../../migrations/sqlite/0009_job_runs_claimed.sql"),
    ),
    (
        10,
        "daily KPI snapshots",
        include_str!("../../migrations/sqlite/0010_kpi_snapshots.sql"),
    ),
    (
        11,
        "covering kpi indexes",
        include_str!("../../migrations/sqlite/0011_kpi_covering_indexes.sql"),
    ),
];

/// (version, description, SQL) for PostgreSQL, same versions as SQLite.
const POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "schema",
        include_str!("../../migrations/postgres/0001_schema.sql"),
    ),
    (
        2,
        "posted messages",
        include_str!("../../migrations/postgres/0002_posted_messages.sql"),
    ),
    (
        3,
        "registration matching",
        include_str!("../../migrations/postgres/0003_registration_matching.sql"),
    ),
    (
        4,
        "compliance indexes",
        include_str!("../../migrations/postgres/0004_compliance_indexes.sql"),
    ),
    (
        5,
        "open deals by partner",
        include_str!("../../migrations/postgres/0005_open_deals_by_partner.sql"),
    ),
    (
        6,
        "forecast deal snapshots",
        include_str!("../../migrations/postgres/0006_forecast_deals.sql"),
    ),
    (
        7,
        "audit index without touches",
        include_str!("../../migrations/postgres/0007_audit_index_without_touches.sql"),
    ),
    (
        8,
        "kpi indexes",
        include_str!("../../migrations/postgres/0008_kpi_indexes.sql"),
    ),
    (
        9,
        "open claims of the run ledger",
        include_str!("../../migrations/postgres/0009_job_runs_claimed.sql"),
    ),
    (
        10,
        "daily KPI snapshots",
        include_str!("../../migrations/postgres/0010_kpi_snapshots.sql"),
    ),
    (
        11,
        "covering kpi indexes",
        include_str!("../../migrations/postgres/0011_kpi_covering_indexes.sql"),
    ),
];

fn migrator(backend: Backend) -> Migrator {
    let list = match backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    };
    let migrations = list
        .iter()
        .map(|(version, description, sql)| {
            Migration::new(
                *version,
                Cow::Borrowed(*description),
                MigrationType::Simple,
                Cow::Borrowed(*sql),
                false,
            )
        })
        .collect::<Vec<_>>();
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

/// Runs what is not applied yet; returns the number of migrations applied now.
pub(super) async fn run(store: &Store) -> anyhow::Result<usize> {
    let migrator = migrator(store.backend());
    let before = applied_count(store).await;
    migrator
        .run(store.pool())
        .await
        .context("running database migrations")?;
    let after = applied_count(store).await;
    Ok(after.saturating_sub(before))
}

async fn applied_count(store: &Store) -> usize {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
        .fetch_one(store.pool())
        .await
        .map(|n| n as usize)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_ship_the_same_migration_versions() {
        let versions = |list: &[(i64, &str, &str)]| list.iter().map(|m| m.0).collect::<Vec<_>>();
        assert_eq!(versions(SQLITE), versions(POSTGRES));
    }
}
