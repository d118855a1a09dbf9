//! Persistence on SQLite (the embedded default) or PostgreSQL, through one sqlx code path.
//!
//! Both backends are reached through sqlx's `Any` driver, so every query is written once:
//! placeholders are `$1, $2, ...` (SQLite accepts them), sums are `CAST(SUM(x) AS BIGINT)`,
//! dates are `YYYY-MM-DD` text and instants fixed-width UTC text (see [`codec`]), flags are
//! integers. Every table carries `workspace_id` and every query filters by it.
//!
//! Write transactions on SQLite start with `BEGIN IMMEDIATE`, so two writers queue on the busy
//! timeout instead of failing when one upgrades a read lock.
//!
//! One file per aggregate; each takes a `&mut AnyConnection` (a transaction derefs to one).

pub mod account;
pub mod args;
pub mod audit;
pub mod away;
pub mod codec;
pub mod compliance;
pub mod deal;
pub mod forecast;
mod ids;
pub mod influence;
pub mod interaction;
pub mod job_run;
pub mod kpi;
pub mod kpi_snapshot;
pub mod ledger;
pub mod member;
mod migrations;
pub mod partner;
pub mod posted;
pub mod program;
pub mod registration;
pub mod schedule;
pub mod search;
pub mod territory;
pub mod touch;
pub mod workspace;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

pub use sqlx::AnyConnection as Conn;

/// A transaction; every command runs in exactly one.
pub type Tx = sqlx::Transaction<'static, Any>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How often the background task checkpoints SQLite's write-ahead log.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// The log size (pages) past which a commit checkpoints by itself: a backstop far above what
/// the background task lets accumulate.
const AUTOCHECKPOINT_PAGES: u32 = 10_000;

/// The connection pool and what kind of database is behind it.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects (creating a SQLite file on first use), applies the connection settings and runs
    /// the embedded migrations.
    pub async fn open(url: &str, max_connections: u32) -> anyhow::Result<Store> {
        let store = Store::connect(url, max_connections).await?;
        store.migrate().await?;
        store.refresh_statistics().await?;
        store.start_checkpointer();
        Ok(store)
    }

    /// SQLite: copies the write-ahead log back into the database from a background task, every
    /// [`CHECKPOINT_EVERY`], instead of inside whichever command's commit crosses the log's
    /// size limit (that commit would wait for the copy and its `fsync`: the slowest writes).
    /// Connections opened by [`Store::connect`] alone (migrate) keep SQLite's own checkpoints.
    fn start_checkpointer(&self) {
        if self.backend != Backend::Sqlite {
            return;
        }
        let pool = self.pool.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(CHECKPOINT_EVERY).await;
                if pool.is_closed() {
                    return;
                }
                // PASSIVE never blocks writers or readers; what it cannot copy now waits.
                if let Err(err) = pool.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
                    if pool.is_closed() {
                        return;
                    }
                    tracing::warn!("checkpointing the SQLite log failed: {err}");
                }
            }
        });
    }

    /// SQLite plans queries well only with table statistics: gather them where they are missing
    /// or stale (a table that grew a lot, an index a migration added). PostgreSQL's autovacuum
    /// does this on its own.
    ///
    /// The analysis reads whole tables: sampled statistics (`analysis_limit`) cannot see past
    /// their first rows, so with one workspace they guessed a thousand deals per workspace, and
    /// `/deal list` left the open-deals index for one over every deal (3 ms became 536 ms on
    /// the reference dataset). A full analysis of the reference dataset takes 1.5 s, only on
    /// the starts that need one.
    async fn refresh_statistics(&self) -> anyhow::Result<()> {
        if self.backend == Backend::Sqlite {
            self.pool
                .execute("PRAGMA analysis_limit = 0; PRAGMA optimize = 0x10002;")
                .await
                .context("refreshing SQLite statistics")?;
        }
        Ok(())
    }

    /// Connects without migrating (used by `partnerbot migrate` to report what it applies).
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_url_with_create(url),
            Backend::Postgres => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)
            .with_context(|| format!("database URL `{}` is not valid", redact(&url)))?;
        let pool_options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => max_connections.clamp(1, 4),
                Backend::Postgres => max_connections,
            })
            .acquire_timeout(Duration::from_secs(10))
            // A broken connection fails its query and is replaced; a ping before every use would
            // cost a round trip per command.
            .test_before_acquire(false);
        let pool_options = match backend {
            Backend::Sqlite => pool_options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        format!(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES};"
                        )
                        .as_str(),
                    )
                    .await?;
                    Ok(())
                })
            }),
            // Parallel workers cost more to start than the bot's small queries take.
            Backend::Postgres => pool_options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute("SET max_parallel_workers_per_gather = 0")
                        .await?;
                    Ok(())
                })
            }),
        };
        let pool = pool_options
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open database `{}`", redact(&url)))?;
        Ok(Store { pool, backend })
    }

    /// Applies every embedded migration not yet applied; returns how many ran.
    /// Afterwards fills values the application computes for rows written before the migration
    /// that added them (account match keys).
    pub async fn migrate(&self) -> anyhow::Result<usize> {
        let applied = migrations::run(self).await?;
        account::backfill_match_keys(self.pool())
            .await
            .context("filling account match keys")?;
        Ok(applied)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a transaction that will write (SQLite: `BEGIN IMMEDIATE`).
    pub async fn begin_write(&self) -> anyhow::Result<Tx> {
        let statement = match self.backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        Ok(self.pool.begin_with(statement).await?)
    }

    /// Starts a read-only transaction (one consistent snapshot).
    pub async fn begin_read(&self) -> anyhow::Result<Tx> {
        Ok(self.pool.begin().await?)
    }

    /// Closes every connection (SQLite checkpoints its WAL on the last close).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn backend_of(url: &str) -> anyhow::Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        anyhow::bail!(
            "database URL `{}` is not supported; use `sqlite://partnerbot.db` or `postgres://user@host/db`",
            redact(url)
        )
    }
}

/// `sqlite://x.db` opens read-write and creates the file unless a `mode` is given.
fn sqlite_url_with_create(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// Hides a password in a URL before it is logged or shown.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Which database a connection talks to, for the few statements whose text differs.
pub fn backend_of_conn(conn: &Conn) -> Backend {
    if conn.backend_name().eq_ignore_ascii_case("PostgreSQL") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

/// True when the error is the database refusing a duplicate on a unique constraint or index.
pub fn is_unique_violation(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<sqlx::Error>()
            .and_then(|e| e.as_database_error())
            .is_some_and(|db| db.is_unique_violation())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact("postgres://bot:s3cret@db:5432/pb"),
            "postgres://bot:***@db:5432/pb"
        );
        assert_eq!(
            redact("postgres://postgres@db/pb"),
            "postgres://postgres@db/pb"
        );
        assert_eq!(redact("sqlite://partnerbot.db"), "sqlite://partnerbot.db");
    }

    #[test]
    fn sqlite_urls_create_the_file_unless_a_mode_is_given() {
        assert_eq!(
            sqlite_url_with_create("sqlite://a.db"),
            "sqlite://a.db?mode=rwc"
        );
        assert_eq!(
            sqlite_url_with_create("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
    }

    #[test]
    fn unknown_database_schemes_are_refused_with_the_supported_forms() {
        let err = backend_of("mysql://x").unwrap_err().to_string();
        assert!(err.contains("sqlite://partnerbot.db"), "{err}");
    }
}
