//! `/away [from] [to] [member] [note] [cancel]`: out of office. An away member is excused from
//! the forecasts due while they are away (not counted as missing) and skipped by reminders.
//! With no dates it lists the current and upcoming periods; `cancel:true` removes them.
//! Directors and admins may mark someone else away.

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::options::UserArg;
use crate::core::reply::{Card, Reply, Tone};
use crate::domain::dates::format_date;
use crate::domain::ids::UserId;
use crate::store::away::{self, Away};
use chrono::{Duration, NaiveDate};
use serde_json::json;

/// How far back a period may start (to excuse a week already missed).
const PAST_DAYS: i64 = 90;
/// How far ahead a period may end.
const FUTURE_DAYS: i64 = 366;
const NOTE_MAX: usize = 200;

pub async fn away(ctx: &mut Ctx<'_>, args: args::Away) -> CommandResult {
    let (user_id, name) = who(ctx, args.member).await?;
    let (from, to) = (args.from, args.to);
    let cancel = args.cancel.unwrap_or(false);
    let note = args.note.unwrap_or_default();
    if note.chars().count() > NOTE_MAX {
        return Err(CommandError::invalid(format!(
            "note is {} characters; the limit is {NOTE_MAX}",
            note.chars().count()
        )));
    }
    if cancel {
        if from.is_some() || to.is_some() {
            return Err(CommandError::invalid(
                "`cancel:true` removes every current and upcoming away period; give it without `from:` or `to:`",
            ));
        }
        return cancel_all(ctx, user_id, &name).await;
    }
    let (from, to) = match (from, to) {
        (None, None) => return list(ctx, user_id, &name).await,
        (Some(_), None) => {
            return Err(CommandError::invalid(
                "give `to:`, the last day away, e.g. `/away from:2026-12-21 to:2027-01-02`",
            ))
        }
        (from, Some(to)) => (from.unwrap_or(ctx.today), to),
    };
    check_dates(ctx.today, from, to)?;
    let ws = ctx.workspace.id;
    let now = ctx.now;
    let (stored, merged) = away::set(ctx.conn(), ws, user_id, (from, to), &note, now).await?;
    let before: Vec<serde_json::Value> = merged.iter().map(record).collect();
    ctx.audit(
        "away.set",
        "member_away",
        Some(stored.id),
        (!before.is_empty()).then(|| json!(before)),
        Some(record(&stored)),
    )
    .await?;
    let who = if user_id == ctx.actor.user_id {
        "You are".to_string()
    } else {
        format!("{name} is")
    };
    let merged_text = if merged.is_empty() {
        String::new()
    } else {
        format!(
            " (merged with {} earlier period{})",
            merged.len(),
            if merged.len() == 1 { "" } else { "s" }
        )
    };
    Ok(Reply::success(format!(
        "{who} away {}{merged_text}: excused from {} and skipped by reminders. \
         Cancel with `/away cancel:true`.",
        span(&stored),
        excused_weeks(ctx, stored.from, stored.to)
    )))
}

/// The member the command is about: `member:` (directors and admins) or the actor.
async fn who(ctx: &mut Ctx<'_>, member: Option<UserArg>) -> CommandResult<(UserId, String)> {
    let me = (ctx.actor.user_id, ctx.actor.display_name.clone());
    let Some(arg) = member else {
        return Ok(me);
    };
    let found = lookup::member(ctx, &arg).await?;
    if found.user_id != me.0 && !ctx.is_manager() {
        return Err(CommandError::Denied(
            "only directors and admins mark someone else away; use `/away` for yourself".into(),
        ));
    }
    Ok((found.user_id, found.display_name))
}

fn check_dates(today: NaiveDate, from: NaiveDate, to: NaiveDate) -> CommandResult<()> {
    if to < from {
        return Err(CommandError::invalid(format!(
            "`to:` {} is before `from:` {}; the last day away comes after the first",
            format_date(to),
            format_date(from)
        )));
    }
    if from < today - Duration::days(PAST_DAYS) {
        return Err(CommandError::invalid(format!(
            "`from:` {} is more than {PAST_DAYS} days ago; give a later first day",
            format_date(from)
        )));
    }
    if to > today + Duration::days(FUTURE_DAYS) {
        return Err(CommandError::invalid(format!(
            "`to:` {} is more than a year ahead; mark a shorter period",
            format_date(to)
        )));
    }
    Ok(())
}

async fn list(ctx: &mut Ctx<'_>, user_id: UserId, name: &str) -> CommandResult {
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let periods = away::of_member(ctx.conn(), ws, user_id, today).await?;
    if periods.is_empty() {
        return Ok(Reply::info(format!(
            "{name} has no away period coming up. Mark one with `/away from:2026-12-21 to:2027-01-02`."
        )));
    }
    let lines: Vec<String> = periods
        .iter()
        .map(|a| {
            let note = if a.note.is_empty() {
                String::new()
            } else {
                format!(" · {}", a.note)
            };
            format!(
                "{}{note}\n  excused from {}",
                span(a),
                excused_weeks(ctx, a.from, a.to)
            )
        })
        .collect();
    Ok(Reply::card(
        Card::new(format!("Away · {name}"), Tone::Info)
            .description(lines.join("\n"))
            .footer("Cancel with /away cancel:true"),
    ))
}

async fn cancel_all(ctx: &mut Ctx<'_>, user_id: UserId, name: &str) -> CommandResult {
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let periods = away::of_member(ctx.conn(), ws, user_id, today).await?;
    if periods.is_empty() {
        return Ok(Reply::info(format!("{name} has no away period to cancel.")));
    }
    for period in &periods {
        away::remove(ctx.conn(), ws, period.id).await?;
        ctx.audit(
            "away.cancel",
            "member_away",
            Some(period.id),
            Some(record(period)),
            None,
        )
        .await?;
    }
    let spans: Vec<String> = periods.iter().map(span).collect();
    Ok(Reply::success(format!(
        "Cancelled {name}'s away period{}: {}.",
        if periods.len() == 1 { "" } else { "s" },
        spans.join("; ")
    )))
}

/// `21 Dec 2026 – 2 Jan 2027 (13 days)`.
fn span(a: &Away) -> String {
    let days = (a.to - a.from).num_days() + 1;
    format!(
        "{} – {} ({days} day{})",
        format_date(a.from),
        format_date(a.to),
        if days == 1 { "" } else { "s" }
    )
}

/// The forecast weeks whose deadline falls in `[from, to]`: `FY27-Q4 W47 and W48`.
fn excused_weeks(ctx: &Ctx<'_>, from: NaiveDate, to: NaiveDate) -> String {
    let calendar = ctx.workspace.forecast_calendar();
    let mut week = calendar.week_starting(from);
    let mut labels = Vec::new();
    while week.start() <= to {
        if week.deadline_date() >= from && week.deadline_date() <= to {
            labels.push(week.label());
        }
        week = calendar.next(&week);
    }
    match labels.as_slice() {
        [] => "no forecast deadline (none falls in it)".to_string(),
        [one] => format!("the forecast {one}"),
        [first, .., last] => format!("{} forecasts, {first} to {last}", labels.len()),
    }
}

fn record(a: &Away) -> serde_json::Value {
    json!({
        "user_id": a.user_id,
        "from": a.from.to_string(),
        "to": a.to.to_string(),
        "note": a.note,
    })
}
