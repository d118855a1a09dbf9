//! The embedded migrations, one folder per backend (`migrations/sqlite`, `migrations/postgres`,
//! the same versions in both); an applied migration is never edited.
//!
//! `sqlx::migrate!` embeds every `NNNN_description.sql` of a folder; the version is the number,
//! the description the rest of the file name. sqlx's ledger (`_sqlx_migrations`) checks applied
//! versions and the SHA-384 of their SQL, not descriptions: databases that the hand-written
//! list migrated (whose descriptions for 0006 and 0009-0011 differ from the file names) open
//! unchanged, and new rows get the file-name description. `build.rs` reruns the build when a
//! file is added.

use super::{Backend, Store};
use anyhow::Context;
use sqlx::migrate::Migrator;

static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

/// Runs what is not applied yet; returns the number of migrations applied now.
pub(super) async fn run(store: &Store) -> anyhow::Result<usize> {
    let before = applied_count(store).await;
    migrator(store.backend())
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
mod tests;
