//! Loading the KPI figures of one scope and period (and, by calling it twice, the previous
//! period): what `/kpi` shows and the weekly digest will post.

use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::domain::calendar::FiscalQuarter;
use crate::domain::forecast::ForecastCalendar;
use crate::domain::kpi::Revenue;
use crate::domain::localtime::local_to_utc;
use crate::store::kpi::{self as store, KpiScope, Period};
use crate::store::{away, forecast};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashSet;

/// Days ahead an approved registration counts as expiring.
pub const EXPIRING_DAYS: i64 = 14;

/// Partner touches of the scope in the quarter by type: (touch type id, count).
pub async fn touches(
    ctx: &mut Ctx<'_>,
    scope: &KpiScope,
    quarter: FiscalQuarter,
) -> CommandResult<Vec<(String, i64)>> {
    let period = period_of(ctx, quarter);
    let ws = ctx.workspace.id;
    Ok(store::touches(ctx.conn(), ws, scope, &period).await?)
}

/// Closed-won revenue of the scope in the quarter by attribution (what the digest compares
/// with last quarter).
pub async fn revenue(
    ctx: &mut Ctx<'_>,
    scope: &KpiScope,
    quarter: FiscalQuarter,
) -> CommandResult<Revenue> {
    let period = period_of(ctx, quarter);
    let ws = ctx.workspace.id;
    Ok(Revenue::of(
        &store::won_deals(ctx.conn(), ws, scope, &period).await?,
    ))
}

/// The figures of one period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub revenue: Revenue,
    /// The deals won in the period (for per-week shares).
    pub won: Vec<crate::domain::kpi::WonDeal>,
    /// (forecast category id, amount, deals) of open deals closing in the period.
    pub pipeline: Vec<(String, i64, i64)>,
    pub new_logos: i64,
    /// Submitted, approved, denied in the period; pending and expiring soon now.
    pub registrations: [i64; 5],
    /// Forecasts submitted and due (PTM-weeks not away) for deadlines passed in the period.
    pub forecasts: (i64, i64),
}

impl Figures {
    pub fn pipeline_of(&self, category: &str) -> i64 {
        self.pipeline
            .iter()
            .find(|(c, _, _)| c == category)
            .map_or(0, |(_, amount, _)| *amount)
    }
}

/// The whole-day period of a fiscal quarter, with its bounding instants in the workspace zone.
pub fn period_of(ctx: &Ctx<'_>, quarter: FiscalQuarter) -> Period {
    let (first, last) = ctx.workspace.calendar.quarter_bounds(quarter);
    let tz = ctx.workspace.timezone;
    let midnight = |day: NaiveDate| local_to_utc(tz, day.and_hms_opt(0, 0, 0).unwrap_or_default());
    Period {
        first,
        last,
        from: midnight(first),
        until: midnight(last + Duration::days(1)),
    }
}

/// Loads the figures of `scope` in `period`; `forecasters` are the members whose weekly
/// forecast counts (none: no submission rate).
pub async fn load(
    ctx: &mut Ctx<'_>,
    scope: &KpiScope,
    quarter: FiscalQuarter,
    forecasters: &[i64],
) -> CommandResult<Figures> {
    let period = period_of(ctx, quarter);
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let won = store::won_deals(ctx.conn(), ws, scope, &period).await?;
    let new_logos = store::new_logos(ctx.conn(), ws, scope, &period).await?;
    let pipeline = store::pipeline(ctx.conn(), ws, scope, &period).await?;
    let soon = today + Duration::days(EXPIRING_DAYS);
    let registrations = store::registrations(ctx.conn(), ws, scope, &period, today, soon).await?;
    let calendar = ctx.workspace.forecast_calendar();
    let now = ctx.now;
    let forecasts = submission_rate(ctx, &calendar, quarter, forecasters, now).await?;
    Ok(Figures {
        revenue: Revenue::of(&won),
        won,
        pipeline,
        new_logos,
        registrations,
        forecasts,
    })
}

/// (submitted, due) over the weeks of `quarter` whose deadline has passed: one due per
/// forecaster and week unless they were away on the deadline day.
async fn submission_rate(
    ctx: &mut Ctx<'_>,
    calendar: &ForecastCalendar,
    quarter: FiscalQuarter,
    forecasters: &[i64],
    now: DateTime<Utc>,
) -> CommandResult<(i64, i64)> {
    if forecasters.is_empty() {
        return Ok((0, 0));
    }
    let weeks: Vec<_> = calendar
        .weeks_of(quarter)
        .into_iter()
        .filter(|w| w.deadline_at() <= now)
        .collect();
    if weeks.is_empty() {
        return Ok((0, 0));
    }
    let ws = ctx.workspace.id;
    let starts: Vec<NaiveDate> = weeks.iter().map(|w| w.start()).collect();
    let submitted: HashSet<(i64, NaiveDate)> = forecast::of_weeks(ctx.conn(), ws, &starts)
        .await?
        .into_iter()
        .map(|f| (f.user_id, f.week_start))
        .collect();
    let (mut done, mut due) = (0, 0);
    for week in &weeks {
        let away: HashSet<i64> = away::on(ctx.conn(), ws, week.deadline_date())
            .await?
            .into_iter()
            .map(|a| a.user_id)
            .collect();
        for user in forecasters {
            let handed_in = submitted.contains(&(*user, week.start()));
            if handed_in {
                done += 1;
                due += 1;
            } else if !away.contains(user) {
                due += 1;
            }
        }
    }
    Ok((done, due))
}
