//! The KPI figures that exist only "now" (open pipeline closing in the quarter, registrations
//! pending and expiring soon, marketplace compliance gaps, certified people), kept once a day
//! per workspace and territory ([`store::kpi_snapshot`]) so `/kpi` can compare them with the
//! same day of the previous quarter: measuring them, taking a workspace's day of snapshots,
//! and finding the one a comparison needs.

use super::figures::{Comparison, Figures, EXPIRING_DAYS};
use super::gap_counts;
use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::domain::deal::ForecastCategory;
use crate::domain::ids::{PartnerId, TerritoryId};
use crate::domain::report_period::ReportPeriod;
use crate::domain::Choice;
use crate::store::kpi::{self as kpi_store, KpiScope};
use crate::store::kpi_snapshot::{self as store, Snapshot, WHOLE_WORKSPACE};
use chrono::Duration;

/// The snapshot of figures already loaded for `/kpi` (`gaps` and `practice` when the scope has
/// them).
pub fn snapshot_of(now: &Figures, gaps: Option<i64>, practice: Option<(i64, i64)>) -> Snapshot {
    let [_, _, _, pending, expiring] = now.registrations;
    let (certified, partners) = practice.unwrap_or_default();
    Snapshot {
        commit_minor: now.pipeline_of(ForecastCategory::Commit.as_str()),
        best_case_minor: now.pipeline_of(ForecastCategory::BestCase.as_str()),
        pipeline_minor: now.pipeline_of(ForecastCategory::Pipeline.as_str()),
        registrations_pending: pending,
        registrations_expiring: expiring,
        compliance_gaps: gaps.unwrap_or_default(),
        certified_people: certified,
        partners,
    }
}

/// The snapshot a comparison needs: the same day of the previous quarter, for a quarter under
/// way and a scope snapshots are kept for (the workspace, a territory). `None` otherwise, or
/// when the bot took none that day.
pub async fn compared_with(
    ctx: &mut Ctx<'_>,
    scope: &KpiScope,
    compared: &Comparison,
) -> CommandResult<Option<Snapshot>> {
    let Some(territory) = snapshot_scope(scope, compared) else {
        return Ok(None);
    };
    let ws = ctx.workspace.id;
    Ok(store::get(ctx.conn(), ws, territory, compared.then.last).await?)
}

/// The territory (or [`WHOLE_WORKSPACE`]) whose snapshots can stand for the previous period:
/// `None` unless a quarter is under way (a snapshot's pipeline is its quarter's) and the scope
/// is the workspace or a territory.
pub fn snapshot_scope(scope: &KpiScope, compared: &Comparison) -> Option<TerritoryId> {
    if !compared.to_date || !matches!(compared.period, ReportPeriod::Quarter(_)) {
        return None;
    }
    match scope {
        KpiScope::Workspace => Some(WHOLE_WORKSPACE),
        KpiScope::Territory(id) => Some(*id),
        _ => None,
    }
}

/// Today's snapshots of the workspace: each territory's, then the whole workspace's.
pub async fn measure_all(ctx: &mut Ctx<'_>) -> CommandResult<Vec<(TerritoryId, Snapshot)>> {
    let ws = ctx.workspace.id;
    let mut out = Vec::new();
    for id in store::territory_ids(ctx.conn(), ws).await? {
        let snapshot = measure(ctx, &KpiScope::Territory(id), (Some(id), None)).await?;
        out.push((id, snapshot));
    }
    let whole = measure(ctx, &KpiScope::Workspace, (None, None)).await?;
    out.push((WHOLE_WORKSPACE, whole));
    Ok(out)
}

/// The point-in-time figures of `scope` today (`gaps`: its compliance filter).
async fn measure(
    ctx: &mut Ctx<'_>,
    scope: &KpiScope,
    gaps: (Option<TerritoryId>, Option<PartnerId>),
) -> CommandResult<Snapshot> {
    let quarter = ctx.workspace.calendar.quarter_of(ctx.today);
    let period = super::figures::period_of(ctx, ReportPeriod::Quarter(quarter));
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let soon = today + Duration::days(EXPIRING_DAYS);
    let figures = Figures {
        pipeline: kpi_store::pipeline(ctx.conn(), ws, scope, &period).await?,
        registrations: kpi_store::registrations(ctx.conn(), ws, scope, &period, today, soon)
            .await?,
        ..Figures::default()
    };
    let gaps = gap_counts(ctx, gaps).await?.0;
    let practice = kpi_store::practice(ctx.conn(), ws, scope).await?;
    Ok(snapshot_of(&figures, Some(gaps), practice))
}
