//! The reference dataset the benchmarks run on: a large workspace at a [`Scale`], bulk loaded
//! with multi-row inserts (several statements per transaction) on one dedicated connection.
//!
//! Deterministic: the same scale and the same "now" give the same rows on either backend. The
//! workspace is named [`REFERENCE_NAME`] only once the last row is in, so an interrupted load is
//! never mistaken for a finished one ([`exists`]); [`clear`] removes one (only a reference
//! workspace, never a real one).

mod indexes;
mod pipeline;
mod setup;

use super::activity::{forecasts, TouchMaker};
use super::bulk::{insert_all, next_id, sync_sequences};
use super::days::{stamp, Days};
use super::deals::{Acct, PartnerPools};
use super::pools::{Pools, Region};
use super::rng::Rng;
use super::rows::AccountRow;
use super::staff::Team;
use super::Counts;
use crate::console::progress::Progress;
use crate::domain::calendar::FiscalCalendar;
use crate::domain::forecast::{Deadline, ForecastCalendar};
use crate::domain::ids::{UserId, WorkspaceId};
use crate::domain::names::name_key;
use crate::store::audit::{self, AuditEntry};
use crate::store::{Backend, Conn, Store};
use chrono::{DateTime, Duration, Utc};
use indexes::{drop_indexes, restore_indexes};
use sqlx::{Connection, Executor};
use std::collections::HashSet;

/// The name of a finished reference workspace.
pub const REFERENCE_NAME: &str = "Reference dataset";
/// The name while it is being loaded.
pub const INCOMPLETE_NAME: &str = "Reference dataset (incomplete)";

const SEED: u64 = 0x5EED_0F7E_57DA_7A00;

/// How big the dataset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub territories: usize,
    pub partners: usize,
    pub accounts: usize,
    pub deals: usize,
    pub touches: usize,
    pub registrations: usize,
    pub members: usize,
    /// Years of close dates ending one year after now (touches stop at today).
    pub fiscal_years: u32,
}

impl Scale {
    /// A large partner organisation after five years.
    pub const FULL: Scale = Scale {
        territories: 50,
        partners: 2_000,
        accounts: 50_000,
        deals: 200_000,
        touches: 2_000_000,
        registrations: 40_000,
        members: 200,
        fiscal_years: 5,
    };

    /// A hundredth of [`Scale::FULL`] for tests (territories and people keep a workable floor).
    pub const SMALL: Scale = Scale {
        territories: 5,
        partners: 20,
        accounts: 500,
        deals: 2_000,
        touches: 20_000,
        registrations: 400,
        members: 20,
        fiscal_years: 5,
    };
}

/// Rows per transaction for the big tables.
const ACCOUNTS_PER_TX: usize = 10_000;
/// Touches generated and inserted at a time (all in one transaction).
const TOUCHES_PER_BATCH: usize = 100_000;

const REGIONS: [&str; 4] = ["AMER", "EMEA", "APJ", "LATAM"];
const SEGMENTS: [&str; 13] = [
    "East",
    "West",
    "Central",
    "North",
    "South",
    "Enterprise",
    "Commercial",
    "Public Sector",
    "Financial Services",
    "Strategic",
    "Mid-Market",
    "Growth",
    "Named Accounts",
];

/// Generates the dataset into an empty workspace; returns what it holds afterwards.
pub async fn generate(
    store: &Store,
    workspace_id: WorkspaceId,
    scale: &Scale,
    now: DateTime<Utc>,
) -> anyhow::Result<Counts> {
    let backend = store.backend();
    // A connection of its own, with a larger page cache for SQLite's index inserts; it never
    // returns to the pool, so the setting cannot leak into the bot's connections.
    let mut conn = store.pool().acquire().await?.detach();
    if backend == Backend::Sqlite {
        conn.execute("PRAGMA cache_size = -262144").await?;
    }
    let result = load(&mut conn, backend, workspace_id, scale, now).await;
    let _ = conn.close().await;
    result?;
    // Fresh planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` at the next
    // start (SQLite) would gather after a load this size.
    let refresh = match backend {
        // VACUUM also sets the visibility map, so index-only scans skip the heap, as after
        // autovacuum's first pass on a real database.
        Backend::Postgres => "VACUUM ANALYZE",
        Backend::Sqlite => "ANALYZE",
    };
    sqlx::query(refresh).execute(store.pool()).await?;
    let mut conn = store.pool().acquire().await?;
    Counts::load(&mut conn, workspace_id).await
}

fn begin_statement(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    }
}

/// What the later phases need from the earlier ones.
struct Cast {
    team: Team,
    partners: PartnerPools,
    partner_ids: Vec<i64>,
}

async fn load(
    conn: &mut Conn,
    backend: Backend,
    ws: WorkspaceId,
    scale: &Scale,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let timezone: chrono_tz::Tz = "America/New_York"
        .parse()
        .map_err(|_| anyhow::anyhow!("timezone"))?;
    let today = now.with_timezone(&timezone).date_naive();
    let last_close = today + Duration::days(365);
    let first_day = last_close - Duration::days(365 * i64::from(scale.fiscal_years.max(1)));
    let pools = Pools::new();

    let mut tx = conn.begin_with(begin_statement(backend)).await?;
    let cast = setup::setup(&mut tx, backend, ws, scale, &pools, first_day, today, now).await?;
    tx.commit().await?;

    let mut rng = Rng::stream(SEED, 2);
    let mut used = HashSet::new();
    let mut accounts = Vec::with_capacity(scale.accounts);
    let mut progress = Progress::new("Accounts", scale.accounts as u64);
    let first_account = next_id(conn, "accounts").await?;
    let territory_count = cast.team.director_by_territory.len().max(1);
    let mut territory_ids: Vec<i64> = cast.team.director_by_territory.keys().copied().collect();
    territory_ids.sort_unstable();
    while accounts.len() < scale.accounts {
        let n = ACCOUNTS_PER_TX.min(scale.accounts - accounts.len());
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let id = first_account + accounts.len() as i64;
            let t = rng.index(territory_count);
            let territory = territory_ids.get(t).copied();
            let region = Region::of(REGIONS[t % REGIONS.len()]);
            let (name, domain) = pools.company(&mut rng, &mut used, region);
            let owner = cast.team.field_rep(&mut rng, territory);
            let created = first_day + Duration::days(rng.range(0, (today - first_day).num_days()));
            rows.push(AccountRow {
                id,
                workspace_id: ws,
                name_key: name_key(&name),
                name: name.clone(),
                domain: (!rng.chance(5)).then_some(domain),
                territory_id: territory,
                owner_user_id: Some(owner),
                created_at: stamp(created, rng.index(12), now),
            });
            accounts.push(Acct {
                id,
                name,
                territory_id: territory,
                owner,
            });
        }
        let mut tx = conn.begin_with(begin_statement(backend)).await?;
        insert_all(&mut tx, backend, &rows).await?;
        tx.commit().await?;
        progress.advance(n as u64);
    }
    progress.finish();

    let deal_refs = pipeline::deals(
        conn,
        backend,
        ws,
        scale,
        &cast,
        &pools,
        &accounts,
        (first_day, last_close),
        today,
        now,
    )
    .await?;

    let mut rng = Rng::stream(SEED, 4);
    let days = Days::new(first_day, today, now);
    let account_ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
    let touch_maker = TouchMaker {
        workspace_id: ws,
        partners: &cast.partner_ids,
        accounts: &account_ids,
        deals: &deal_refs,
        ptms: &cast.team.ptms,
        field: &cast.team.field,
        days: &days,
        notes: &pools.touch_notes,
    };
    // One transaction: the touch indexes are rebuilt once at the end (see `drop_indexes`), and a
    // failure rolls everything back, indexes included.
    let mut progress = Progress::new("Touches", scale.touches as u64);
    let mut tx = conn.begin_with(begin_statement(backend)).await?;
    let indexes = drop_indexes(&mut tx, backend, "touches").await?;
    let mut done = 0;
    while done < scale.touches {
        let n = TOUCHES_PER_BATCH.min(scale.touches - done);
        let rows: Vec<_> = (0..n).map(|_| touch_maker.make(&mut rng)).collect();
        insert_all(&mut tx, backend, &rows).await?;
        done += n;
        progress.advance(n as u64);
    }
    progress.finish();
    let mut progress = Progress::new("Touch indexes", indexes.len() as u64);
    restore_indexes(&mut tx, &indexes).await?;
    tx.commit().await?;
    progress.advance(indexes.len() as u64);
    progress.finish();

    let mut rng = Rng::stream(SEED, 5);
    let calendar = FiscalCalendar::new(2)?;
    let forecast_calendar = ForecastCalendar::new(calendar, timezone, Deadline::default());
    let forecast_rows = forecasts(
        &mut rng,
        ws,
        &cast.team.ptm_home,
        &forecast_calendar,
        now,
        26,
        0,
    );
    let mut tx = conn.begin_with(begin_statement(backend)).await?;
    insert_all(&mut tx, backend, &forecast_rows).await?;
    sync_sequences(&mut tx, backend).await?;
    sqlx::query("UPDATE workspaces SET name = $2 WHERE id = $1")
        .bind(ws)
        .bind(REFERENCE_NAME)
        .execute(&mut *tx)
        .await?;
    let entry = AuditEntry {
        workspace_id: ws,
        at: now,
        actor_user_id: UserId::new(0),
        actor_name: "partnerbot bench",
        action: "dataset.generate",
        entity: "workspace",
        entity_id: Some(ws.get()),
        before: None,
        after: Some(serde_json::json!({ "scale": format!("{scale:?}") })),
        interaction_id: None,
    };
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}

/// True when the workspace holds a finished reference dataset.
pub async fn exists(store: &Store, workspace_id: WorkspaceId) -> anyhow::Result<bool> {
    Ok(workspace_name(store, workspace_id).await?.as_deref() == Some(REFERENCE_NAME))
}

async fn workspace_name(
    store: &Store,
    workspace_id: WorkspaceId,
) -> anyhow::Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT name FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_optional(store.pool())
            .await?,
    )
}

/// Tables emptied by [`clear`], children before parents. The audit log is append-only and stays.
const CLEAR_ORDER: [&str; 20] = [
    "touches",
    "deal_influences",
    "registrations",
    "forecast_deals",
    "forecasts",
    "member_away",
    "deals",
    "accounts",
    "partners",
    "territory_members",
    "territories",
    "job_runs",
    "schedules",
    "kpi_snapshots",
    "role_mappings",
    "program_discounts",
    "marketplace_fees",
    "processed_interactions",
    "posted_messages",
    "members",
];

/// Deletes a reference workspace (finished or interrupted) and everything in it but its audit
/// history. Refuses any other workspace, so a typo in `--workspace` cannot wipe real data.
pub async fn clear(store: &Store, workspace_id: WorkspaceId) -> anyhow::Result<()> {
    match workspace_name(store, workspace_id).await? {
        None => return Ok(()),
        Some(name) if name == REFERENCE_NAME || name == INCOMPLETE_NAME => {}
        Some(name) => anyhow::bail!(
            "workspace {workspace_id} is `{name}`, not a reference dataset; refusing to delete it \
             (choose another workspace id)"
        ),
    }
    let mut tx = store.begin_write().await?;
    for table in CLEAR_ORDER {
        sqlx::query(&format!("DELETE FROM {table} WHERE workspace_id = $1"))
            .bind(workspace_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM workspaces WHERE id = $1")
        .bind(workspace_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
