//! Deal snapshots for the demo's two latest forecast weeks, so that `/forecast show` has deals
//! that moved: this week's snapshot holds each PTM's deals as they are; last week's holds the
//! same deals as they might have stood a week earlier: some a category lower, a few not yet in
//! the quarter. Each PTM's generated forecasts are scaled so that the latest one sits where
//! their deals suggest, as a real PTM's number would.

use crate::dataset::rng::Rng;
use crate::domain::forecast::numbers::{suggest, Bucket, QuarterDeal};
use crate::domain::forecast::ForecastCalendar;
use crate::domain::ids::{UserId, WorkspaceId};
use crate::store::forecast::{self, Scope};
use crate::store::{codec, Conn};
use chrono::{DateTime, Utc};

pub async fn add(
    conn: &mut Conn,
    rng: &mut Rng,
    workspace_id: WorkspaceId,
    calendar: &ForecastCalendar,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let this = calendar.week_at(now);
    let last = calendar.prev(&this);
    let mut scaled = std::collections::HashSet::new();
    for week in [this, last] {
        let rows: Vec<(i64, UserId)> = sqlx::query_as(
            "SELECT id, user_id FROM forecasts WHERE workspace_id = $1 AND week_start = $2 \
             ORDER BY id",
        )
        .bind(workspace_id)
        .bind(codec::date(week.start()))
        .fetch_all(&mut *conn)
        .await?;
        let (first, end) = calendar.fiscal().quarter_bounds(week.quarter());
        for (forecast_id, user_id) in rows {
            let territories = forecast::territories_of(conn, workspace_id, user_id, "ptm").await?;
            let scope = Scope::Territories(territories.iter().map(|(id, _)| *id).collect());
            let deals = forecast::quarter_deals(conn, workspace_id, &scope, first, end).await?;
            if scaled.insert(user_id) {
                let target = suggest(&deals, first, end).most_likely;
                scale(conn, workspace_id, user_id, forecast_id, target).await?;
            }
            let snapshot: Vec<QuarterDeal> = if week == this {
                deals
            } else {
                deals
                    .into_iter()
                    .filter_map(|deal| a_week_earlier(rng, deal))
                    .collect()
            };
            forecast::save_snapshot(conn, workspace_id, forecast_id, &snapshot).await?;
        }
    }
    Ok(())
}

/// Scales every forecast of `user_id` by the factor that brings forecast `latest`'s most likely
/// number to `target`, rounded down to whole thousands (integer arithmetic, so Commit ≤ most
/// likely ≤ Best Case still holds).
async fn scale(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    user_id: UserId,
    latest: i64,
    target: i64,
) -> anyhow::Result<()> {
    let current: i64 = sqlx::query_scalar(
        "SELECT most_likely_minor FROM forecasts WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace_id)
    .bind(latest)
    .fetch_one(&mut *conn)
    .await?;
    if current <= 0 || target <= 0 {
        return Ok(());
    }
    sqlx::query(
        "UPDATE forecasts SET commit_minor = commit_minor * $3 / $4 / 100000 * 100000, \
         most_likely_minor = most_likely_minor * $3 / $4 / 100000 * 100000, \
         best_case_minor = best_case_minor * $3 / $4 / 100000 * 100000 \
         WHERE workspace_id = $1 AND user_id = $2",
    )
    .bind(workspace_id)
    .bind(user_id)
    .bind(target)
    .bind(current)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How a deal may have stood a week before: usually the same, sometimes a category lower,
/// now and then not yet in the quarter.
fn a_week_earlier(rng: &mut Rng, mut deal: QuarterDeal) -> Option<QuarterDeal> {
    match rng.range(0, 20) {
        0 => None,
        1..=3 => {
            deal.bucket = match deal.bucket {
                Bucket::Closed | Bucket::Lost => Bucket::Commit,
                Bucket::Commit => Bucket::BestCase,
                Bucket::BestCase => Bucket::Pipeline,
                other => other,
            };
            Some(deal)
        }
        _ => Some(deal),
    }
}
