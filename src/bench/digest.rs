//! The weekly digest on the reference dataset: generating it (every query, the text and the
//! PNG chart) next to one hand-written SQL query computing the same headline figures (closed
//! won this quarter and its sourced and co-sell/influence parts), in the same run; and the
//! daily KPI snapshots the runner takes.

use super::report::{ms, table, Stats};
use crate::core::Core;
use crate::domain::ids::WorkspaceId;
use crate::store::{codec, Store};
use std::time::{Duration, Instant};

/// The headline figures in one statement, written by hand for comparison.
const HEADLINE_SQL: &str = "SELECT COUNT(*), CAST(COALESCE(SUM(d.amount_minor), 0) AS BIGINT), \
    CAST(COALESCE(SUM(CASE WHEN s.deal_id IS NOT NULL THEN d.amount_minor ELSE 0 END), 0) AS BIGINT), \
    CAST(COALESCE(SUM(CASE WHEN s.deal_id IS NULL AND (d.transacting_partner_id IS NOT NULL \
      OR d.distributor_partner_id IS NOT NULL OR d.marketplace <> 'none' OR EXISTS (SELECT 1 \
      FROM deal_influences i WHERE i.workspace_id = d.workspace_id AND i.deal_id = d.id)) \
      THEN d.amount_minor ELSE 0 END), 0) AS BIGINT) \
    FROM deals d LEFT JOIN (SELECT DISTINCT deal_id FROM registrations WHERE workspace_id = $1 \
      AND reg_type <> 'services_attach' AND status IN ('approved', 'closed_won')) s \
      ON s.deal_id = d.id \
    WHERE d.workspace_id = $1 AND d.stage = 'closed_won' AND d.close_date >= $2 AND d.close_date <= $3";

pub async fn run(
    core: &Core,
    store: &Store,
    ws: WorkspaceId,
    iterations: usize,
) -> anyhow::Result<()> {
    let runs = iterations.clamp(5, 50);
    println!("\nWeekly digest ({runs} runs each after 2 warm-up runs):\n");
    let mut digest_times = Vec::new();
    let mut chart_bytes = 0;
    let mut quarter = None;
    for i in 0..runs + 2 {
        let started = Instant::now();
        let digest = core
            .digest(ws)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no workspace {ws}"))?;
        let reply = crate::core::kpi::digest::reply(&digest);
        let elapsed = started.elapsed();
        chart_bytes = reply.files.first().map_or(0, |f| f.bytes.len());
        quarter = Some(digest.week.quarter());
        if i >= 2 {
            digest_times.push(elapsed);
        }
    }
    let workspace = {
        let mut conn = store.pool().acquire().await?;
        crate::store::workspace::get(&mut conn, ws)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no workspace {ws}"))?
    };
    let (first, last) = workspace
        .calendar
        .quarter_bounds(quarter.ok_or_else(|| anyhow::anyhow!("no digest"))?);
    let mut sql_times: Vec<Duration> = Vec::new();
    for i in 0..runs + 2 {
        let started = Instant::now();
        let row: (i64, i64, i64, i64) = sqlx::query_as(HEADLINE_SQL)
            .bind(ws)
            .bind(codec::date(first))
            .bind(codec::date(last))
            .fetch_one(store.pool())
            .await?;
        if i >= 2 {
            sql_times.push(started.elapsed());
        }
        std::hint::black_box(row);
    }
    let snapshot_times = snapshots(core, store, ws).await?;
    let (d, s) = (Stats::of(&digest_times), Stats::of(&sql_times));
    let k = Stats::of(&snapshot_times);
    let rows = vec![
        vec![
            format!("digest: every figure, text and chart ({chart_bytes} B PNG)"),
            d.n.to_string(),
            ms(d.median_ms),
            ms(d.p99_ms),
            ms(d.max_ms),
        ],
        vec![
            "hand-written SQL: headline figures only".to_string(),
            s.n.to_string(),
            ms(s.median_ms),
            ms(s.p99_ms),
            ms(s.max_ms),
        ],
        vec![
            "daily KPI snapshots: the workspace and each territory".to_string(),
            k.n.to_string(),
            ms(k.median_ms),
            ms(k.p99_ms),
            ms(k.max_ms),
        ],
    ];
    print!(
        "{}",
        table(&["what", "n", "median ms", "p99 ms", "max ms"], &rows)
    );
    Ok(())
}

/// Times taking the day's KPI snapshots of the workspace (once a day in the bot), each run
/// after deleting the workspace's snapshots; one unmeasured run first.
async fn snapshots(core: &Core, store: &Store, ws: WorkspaceId) -> anyhow::Result<Vec<Duration>> {
    let mut times = Vec::new();
    for i in 0..SNAPSHOT_RUNS + 1 {
        sqlx::query("DELETE FROM kpi_snapshots WHERE workspace_id = $1")
            .bind(ws)
            .execute(store.pool())
            .await?;
        let started = Instant::now();
        core.take_kpi_snapshots().await?;
        if i >= 1 {
            times.push(started.elapsed());
        }
    }
    Ok(times)
}

/// Measured runs of [`snapshots`]: each takes the whole workspace's figures 51 times.
const SNAPSHOT_RUNS: usize = 5;
