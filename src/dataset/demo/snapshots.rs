//! Deal snapshots for the demo's two latest forecast weeks, so that `/forecast show` has deals
//! that moved: this week's snapshot holds each PTM's deals as they are; last week's holds the
//! same deals as they might have stood a week earlier: some a category lower, a few not yet in
//! the quarter.

use crate::dataset::rng::Rng;
use crate::domain::forecast::numbers::{Bucket, QuarterDeal};
use crate::domain::forecast::ForecastCalendar;
use crate::store::forecast::{self, Scope};
use crate::store::{codec, Conn};
use chrono::{DateTime, Utc};

pub async fn add(
    conn: &mut Conn,
    rng: &mut Rng,
    workspace_id: i64,
    calendar: &ForecastCalendar,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let this = calendar.week_at(now);
    let last = calendar.prev(&this);
    for week in [last, this] {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
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
