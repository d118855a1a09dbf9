//! `/forecast submit|show|team|export`: the weekly forecast of each PTM (Commit, most likely,
//! Best Case for the fiscal quarter, with notes), suggested from their deals, compared week
//! over week, and rolled up for directors.
//!
//! - [`submit`]: the form pre-filled with suggestions, validation, the stored submission and
//!   the deal snapshot taken with it.
//! - [`show`]: one member's forecast next to last week's, the deals that moved, the suggestion.
//! - [`team`]: the directors' roll-up: submitted, late, away, missing; totals; biggest movers.
//! - [`export`]: a week's roll-up as CSV.
//!
//! Which week a submission counts for, and when it is late, is the forecast calendar's rule
//! (`domain::forecast::week`): the week whose deadline is nearest.

mod export;
mod show;
mod submit;
mod team;

pub use export::export;
pub use show::show;
pub use submit::submit;
pub use team::team;

use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::domain::forecast::numbers::QuarterDeal;
use crate::domain::forecast::{ForecastCalendar, ForecastWeek};
use crate::domain::ids::{TerritoryId, UserId};
use crate::store::forecast::{self as store, Scope};
use chrono::{DateTime, Utc};

/// The week an option names (`week:`), or the current one.
fn week_option(
    ctx: &Ctx<'_>,
    given: Option<&str>,
) -> CommandResult<(ForecastCalendar, ForecastWeek)> {
    let calendar = ctx.workspace.forecast_calendar();
    let week = match given {
        Some(text) => calendar.parse_week(text, ctx.now)?,
        None => calendar.week_at(ctx.now),
    };
    Ok((calendar, week))
}

/// Whose deals a member's forecast covers: the territories they are PTM of, else their own
/// deals. Also returns the territory names.
async fn scope_of(
    ctx: &mut Ctx<'_>,
    user_id: UserId,
) -> CommandResult<(Scope, Vec<(TerritoryId, String)>)> {
    let ws = ctx.workspace.id;
    let territories = store::territories_of(ctx.conn(), ws, user_id, "ptm").await?;
    let scope = if territories.is_empty() {
        Scope::Owner(user_id)
    } else {
        Scope::Territories(territories.iter().map(|(id, _)| *id).collect())
    };
    Ok((scope, territories))
}

/// The deals of `scope` closing in the quarter of `week`, as they stand now.
async fn live_deals(
    ctx: &mut Ctx<'_>,
    scope: &Scope,
    calendar: &ForecastCalendar,
    week: &ForecastWeek,
) -> CommandResult<Vec<QuarterDeal>> {
    let (first, last) = calendar.fiscal().quarter_bounds(week.quarter());
    let ws = ctx.workspace.id;
    Ok(store::quarter_deals(ctx.conn(), ws, scope, first, last).await?)
}

/// Where the PTMs stand for a week: how many submitted (and of those, late), how many are
/// excused as away on the deadline day, and who is missing (user id, name).
pub(crate) struct WeekStatus {
    pub ptms: usize,
    pub submitted: usize,
    pub late: usize,
    pub away: usize,
    pub missing: Vec<(UserId, String)>,
}

/// The [`WeekStatus`] of `ptms` for `week` (what reminders, the missing note and the digest say).
pub(crate) async fn week_status(
    ctx: &mut Ctx<'_>,
    week: &ForecastWeek,
    ptms: &[store::Forecaster],
) -> CommandResult<WeekStatus> {
    let ws = ctx.workspace.id;
    let rows = store::of_weeks(ctx.conn(), ws, &[week.start()]).await?;
    let away: std::collections::HashSet<UserId> =
        crate::store::away::on(ctx.conn(), ws, week.deadline_date())
            .await?
            .into_iter()
            .map(|a| a.user_id)
            .collect();
    let mut status = WeekStatus {
        ptms: ptms.len(),
        submitted: 0,
        late: 0,
        away: 0,
        missing: Vec::new(),
    };
    for ptm in ptms {
        match rows.iter().find(|f| f.user_id == ptm.user_id) {
            Some(f) => {
                status.submitted += 1;
                status.late += usize::from(week.is_late(f.submitted_at));
            }
            None if away.contains(&ptm.user_id) => status.away += 1,
            None => status.missing.push((ptm.user_id, ptm.display_name.clone())),
        }
    }
    Ok(status)
}

/// `Mon 2 Feb 12:00` in the workspace timezone.
pub(crate) fn local_time(ctx: &Ctx<'_>, at: DateTime<Utc>) -> String {
    at.with_timezone(&ctx.workspace.timezone)
        .format("%a %-d %b %H:%M")
        .to_string()
}

/// `on time`, or `late by 2 h 05 min` / `late by 3 days`.
fn punctuality(week: &ForecastWeek, submitted_at: DateTime<Utc>) -> String {
    if !week.is_late(submitted_at) {
        return "on time".to_string();
    }
    format!(
        "late by {}",
        duration_text(submitted_at - week.deadline_at())
    )
}

/// `45 min`, `2 h 05 min`, `3 days 4 h`.
fn duration_text(delay: chrono::Duration) -> String {
    let minutes = delay.num_minutes().max(1);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, h) => format!("{h} h {mins:02} min"),
        (1, 0) => "1 day".to_string(),
        (d, 0) => format!("{d} days"),
        (1, h) => format!("1 day {h} h"),
        (d, h) => format!("{d} days {h} h"),
    }
}

/// `AMER East, AMER West` (or `their own deals`).
fn territory_names(territories: &[(TerritoryId, String)]) -> String {
    if territories.is_empty() {
        "their own deals (no territory)".to_string()
    } else {
        territories
            .iter()
            .map(|(_, name)| name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_read_in_the_largest_useful_units() {
        let m = chrono::Duration::minutes;
        assert_eq!(duration_text(m(0)), "1 min");
        assert_eq!(duration_text(m(45)), "45 min");
        assert_eq!(duration_text(m(125)), "2 h 05 min");
        assert_eq!(duration_text(m(1440)), "1 day");
        assert_eq!(duration_text(m(1440 + 240 + 7)), "1 day 4 h");
        assert_eq!(duration_text(m(3 * 1440)), "3 days");
    }
}
