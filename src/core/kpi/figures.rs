//! Loading the KPI figures of one scope and period (and, by calling it twice, the period it
//! is compared with): what `/kpi` shows and the weekly digest posts. [`Comparison`] decides
//! what is compared: a quarter (or fiscal year) under way with the previous one up to the same
//! day.

use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::domain::calendar::FiscalQuarter;
use crate::domain::forecast::ForecastCalendar;
use crate::domain::ids::UserId;
use crate::domain::kpi::Revenue;
use crate::domain::localtime::local_to_utc;
use crate::domain::report_period::ReportPeriod;
use crate::store::kpi::{self as store, KpiScope, Period};
use crate::store::{away, forecast};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashSet;

/// Days ahead an approved registration counts as expiring.
pub const EXPIRING_DAYS: i64 = 14;

/// A quarter (or fiscal year) and the one before it, as compared: like for like. While the
/// period is under way (today falls in it), the previous one counts up to the same day (its
/// first day plus as many days as have passed in this one, at most its last day), so 27 days
/// are compared with 27 days; a past or future period is compared with the whole previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    pub period: ReportPeriod,
    /// The whole period (pipeline is what closes in it).
    pub now: Period,
    pub prev: ReportPeriod,
    /// The previous period, cut at the same day while `period` is under way.
    pub then: Period,
    /// Whether `then` is cut (and `period` under way).
    pub to_date: bool,
}

impl Comparison {
    pub fn of(ctx: &Ctx<'_>, period: ReportPeriod) -> Self {
        let now = period_of(ctx, period);
        let prev = period.prev();
        let whole = period_of(ctx, prev);
        let to_date = (now.first..=now.last).contains(&ctx.today);
        let then = if to_date {
            let last = (whole.first + (ctx.today - now.first)).min(whole.last);
            period_between(ctx, whole.first, last)
        } else {
            whole
        };
        Self {
            period,
            now,
            prev,
            then,
            to_date,
        }
    }

    /// What the figures are compared with: `FY27-Q3`, or `FY27-Q3 to 27 Aug` while the quarter
    /// is under way.
    pub fn then_label(&self) -> String {
        if self.to_date {
            format!(
                "{} to {}",
                self.prev.label(),
                self.then.last.format("%-d %b")
            )
        } else {
            self.prev.label()
        }
    }
}

/// Partner touches of the scope in the period by type: (touch type id, count).
pub async fn touches(
    ctx: &mut Ctx<'_>,
    scope: &KpiScope,
    period: &Period,
) -> CommandResult<Vec<(String, i64)>> {
    let ws = ctx.workspace.id;
    Ok(store::touches(ctx.conn(), ws, scope, period).await?)
}

/// Closed-won revenue of the scope in the period by attribution (what the digest compares).
pub async fn revenue(
    ctx: &mut Ctx<'_>,
    scope: &KpiScope,
    period: &Period,
) -> CommandResult<Revenue> {
    let ws = ctx.workspace.id;
    Ok(Revenue::of(
        &store::won_deals(ctx.conn(), ws, scope, period).await?,
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

/// The whole-day period of a fiscal quarter or year, with its bounding instants in the
/// workspace zone.
pub fn period_of(ctx: &Ctx<'_>, period: ReportPeriod) -> Period {
    let (first, last) = period.bounds(&ctx.workspace.calendar);
    period_between(ctx, first, last)
}

/// The whole days `[first, last]`, bounded by local midnights in the workspace zone.
fn period_between(ctx: &Ctx<'_>, first: NaiveDate, last: NaiveDate) -> Period {
    let tz = ctx.workspace.timezone;
    let midnight = |day: NaiveDate| local_to_utc(tz, day.and_hms_opt(0, 0, 0).unwrap_or_default());
    Period {
        first,
        last,
        from: midnight(first),
        until: midnight(last + Duration::days(1)),
    }
}

/// Loads the figures of `scope` in `period` of `report`; `forecasters` are the members whose
/// weekly forecast counts (none: no submission rate), for the weeks whose deadline falls in the
/// period and has passed.
pub async fn load(
    ctx: &mut Ctx<'_>,
    scope: &KpiScope,
    (report, period): (ReportPeriod, &Period),
    forecasters: &[UserId],
) -> CommandResult<Figures> {
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let won = store::won_deals(ctx.conn(), ws, scope, period).await?;
    let new_logos = store::new_logos(ctx.conn(), ws, scope, period).await?;
    let pipeline = store::pipeline(ctx.conn(), ws, scope, period).await?;
    let soon = today + Duration::days(EXPIRING_DAYS);
    let registrations = store::registrations(ctx.conn(), ws, scope, period, today, soon).await?;
    let calendar = ctx.workspace.forecast_calendar();
    let cutoff = (ctx.now, period.last);
    let forecasts =
        submission_rate(ctx, &calendar, &report.quarters(), forecasters, cutoff).await?;
    Ok(Figures {
        revenue: Revenue::of(&won),
        won,
        pipeline,
        new_logos,
        registrations,
        forecasts,
    })
}

/// (submitted, due) over the weeks of `quarters` whose deadline has passed by `now` and falls
/// on or before `last_day`: one due per forecaster and week unless they were away on the
/// deadline day.
async fn submission_rate(
    ctx: &mut Ctx<'_>,
    calendar: &ForecastCalendar,
    quarters: &[FiscalQuarter],
    forecasters: &[UserId],
    (now, last_day): (DateTime<Utc>, NaiveDate),
) -> CommandResult<(i64, i64)> {
    if forecasters.is_empty() {
        return Ok((0, 0));
    }
    let weeks: Vec<_> = quarters
        .iter()
        .flat_map(|q| calendar.weeks_of(*q))
        .filter(|w| w.deadline_at() <= now && w.deadline_date() <= last_day)
        .collect();
    if weeks.is_empty() {
        return Ok((0, 0));
    }
    let ws = ctx.workspace.id;
    let starts: Vec<NaiveDate> = weeks.iter().map(|w| w.start()).collect();
    let submitted: HashSet<(UserId, NaiveDate)> = forecast::of_weeks(ctx.conn(), ws, &starts)
        .await?
        .into_iter()
        .map(|f| (f.user_id, f.week_start))
        .collect();
    let (mut done, mut due) = (0, 0);
    for week in &weeks {
        let away: HashSet<UserId> = away::on(ctx.conn(), ws, week.deadline_date())
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
