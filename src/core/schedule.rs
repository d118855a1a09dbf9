//! `/schedule add|list|remove|pause|resume|run-now` (admins and directors): what the bot posts
//! on its own, when (a five-field cron in an IANA timezone, the workspace's by default) and
//! where. Also the default schedules `/setup channel` creates for the digest and reminders
//! channels, and moving a kind's schedules when its channel changes.

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::reply::{Card, Post, Reply, Table, Tone};
use crate::core::text::Text;
use crate::domain::ids::{ChannelId, ScheduleId};
use crate::domain::schedule::cron::{CronError, CronExpr};
use crate::domain::schedule::due::Recurrence;
use crate::domain::schedule::ScheduleKind;
use crate::store::ledger;
use crate::store::schedule::{self as store, NewSchedule, Schedule};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::json;

/// Run times shown when a schedule is created.
const NEXT_RUNS: usize = 5;

/// How many local run times the interval check reads: a year of daily runs, or enough hourly
/// ones for any two close runs to show (a cron's pattern repeats every day, week or month).
const INTERVAL_CHECK_RUNS: usize = 2_000;

/// The local wall-clock times `cron` matches after `from`, for at most a year.
fn local_runs(
    cron: &CronExpr,
    from: chrono::NaiveDateTime,
) -> impl Iterator<Item = chrono::NaiveDateTime> + '_ {
    let until = from + chrono::TimeDelta::days(366);
    std::iter::successors(cron.next_local(from), move |at| cron.next_local(*at))
        .take_while(move |at| *at <= until)
        .take(INTERVAL_CHECK_RUNS)
}

pub async fn add(ctx: &mut Ctx<'_>, args: args::ScheduleAdd) -> CommandResult {
    let kind_text = args.kind;
    let kind = ScheduleKind::parse(&kind_text).ok_or_else(|| {
        CommandError::invalid(format!(
            "`kind` cannot be `{}`; choose kpi_digest, forecast_reminder, forecast_missing or \
             registration_expiry",
            crate::domain::echo(&kind_text)
        ))
    })?;
    let cron_text = args
        .cron
        .as_deref()
        .unwrap_or(kind.default_cron())
        .to_string();
    let cron: CronExpr = cron_text
        .parse()
        .map_err(|e: CronError| CommandError::invalid(e.to_string()))?;
    let timezone = match args.timezone.as_deref() {
        Some(text) => crate::core::timezone::parse(text)?,
        None => ctx.workspace.timezone,
    };
    let from = ctx.now.with_timezone(&timezone).naive_local();
    kind.check_interval(cron.as_str(), local_runs(&cron, from))
        .map_err(CommandError::invalid)?;
    let channel = match args.channel.or(default_channel(ctx, kind)) {
        Some(channel) => channel,
        None => {
            return Err(CommandError::invalid(format!(
                "say where to post: `channel:#…` (or set the workspace's {} channel with \
                 `/setup channel`)",
                channel_kind(kind)
            )))
        }
    };
    let details = json!({ "kind": kind.as_str(), "cron": cron.as_str(), "timezone": timezone.name(), "channel_id": channel });
    let id = create(ctx, (kind, &cron, timezone, channel), details).await?;
    let now = ctx.now;
    let runs = Recurrence::new(cron.clone(), timezone).next_n(now, NEXT_RUNS);
    let ws_tz = ctx.workspace.timezone;
    let lines: Vec<String> = runs.iter().map(|at| local(*at, ws_tz)).collect();
    let zone_note = if timezone == ws_tz {
        String::new()
    } else {
        format!(" (the schedule keeps {} time)", timezone.name())
    };
    Ok(Reply::card(
        Card::new(
            format!("Schedule #{id} added: {}", kind.label()),
            Tone::Success,
        )
        .description(
            Text::plain(format!("{} ({}) in ", cron.describe(), timezone.name()))
                .channel(channel)
                .then("."),
        )
        .wide_field(
            format!("Next {NEXT_RUNS} runs, {} time{zone_note}", ws_tz.name()),
            lines.join("\n"),
        )
        .footer(format!(
            "Pause with /schedule pause id:{id}; try it now with /schedule run-now id:{id}"
        )),
    ))
}

pub async fn list(ctx: &mut Ctx<'_>, _args: args::ScheduleList) -> CommandResult {
    let ws = ctx.workspace.id;
    let schedules = store::list(ctx.conn(), ws).await?;
    if schedules.is_empty() {
        return Ok(Reply::info(
            "No schedules yet. `/setup channel kind:digest channel:#…` creates the defaults, or \
             `/schedule add kind:kpi_digest`.",
        ));
    }
    let ws_tz = ctx.workspace.timezone;
    let mut table = Table::new(&[
        "#", "Kind", "When", "Channel", "State", "Next run", "Last run",
    ]);
    for s in &schedules {
        let cron: Option<CronExpr> = s.cron.parse().ok();
        let next = cron
            .as_ref()
            .filter(|_| s.enabled)
            .and_then(|c| Recurrence::new(c.clone(), s.timezone).next_after(ctx.now))
            .map_or("—".to_string(), |at| local(at, ws_tz));
        let last = store::last_run(ctx.conn(), ws, s.id)
            .await?
            .map_or("—".to_string(), |(status, at)| {
                format!("{} {status}", local(at, ws_tz))
            });
        table.row(vec![
            format!("#{}", s.id),
            s.kind.label().to_string(),
            format!(
                "{} ({})",
                cron.map_or(s.cron.clone(), |c| c.describe()),
                s.timezone.name()
            ),
            format!("#{}", s.channel_id),
            if s.enabled { "active" } else { "paused" }.to_string(),
            next,
            last,
        ]);
    }
    Ok(Reply::card(
        Card::new(format!("Schedules · {}", ctx.workspace.name), Tone::Info)
            .table(table)
            .footer(format!("Times in {}", ws_tz.name())),
    ))
}

pub async fn remove(ctx: &mut Ctx<'_>, args: args::ScheduleRemove) -> CommandResult {
    let schedule = load(ctx, args.id).await?;
    let (ws, id) = (ctx.workspace.id, schedule.id);
    store::remove(ctx.conn(), ws, id).await?;
    ctx.audit(
        "schedule.remove",
        "schedule",
        Some(id.get()),
        Some(record(&schedule)),
        None,
    )
    .await?;
    Ok(Reply::success(format!(
        "Schedule #{id} ({}) removed.",
        schedule.kind.label()
    )))
}

pub async fn pause(ctx: &mut Ctx<'_>, args: args::SchedulePause) -> CommandResult {
    set_enabled(ctx, args.id, false).await
}

pub async fn resume(ctx: &mut Ctx<'_>, args: args::ScheduleResume) -> CommandResult {
    set_enabled(ctx, args.id, true).await
}

async fn set_enabled(ctx: &mut Ctx<'_>, id: ScheduleId, enabled: bool) -> CommandResult {
    let schedule = load(ctx, id).await?;
    let (ws, id, now) = (ctx.workspace.id, schedule.id, ctx.now);
    let word = if enabled { "resumed" } else { "paused" };
    if schedule.enabled == enabled {
        return Ok(Reply::info(format!("Schedule #{id} is already {word}.")));
    }
    store::set_enabled(ctx.conn(), ws, id, enabled, now).await?;
    let skipped = if enabled {
        skip_runs_due_while_paused(ctx, &schedule).await?
    } else {
        None
    };
    ctx.audit(
        if enabled {
            "schedule.resume"
        } else {
            "schedule.pause"
        },
        "schedule",
        Some(id.get()),
        Some(json!({ "enabled": schedule.enabled })),
        Some(json!({ "enabled": enabled })),
    )
    .await?;
    let note = match skipped {
        Some(missed) => format!(
            " The run due {} fell while it was paused and is not posted; the next one is.",
            local(missed, schedule.timezone)
        ),
        None => String::new(),
    };
    Ok(Reply::success(format!(
        "Schedule #{id} ({}) {word}.{note}",
        schedule.kind.label()
    )))
}

/// Records the latest run that fell due while the schedule was paused as skipped, so the
/// runner counts from it and does not catch it up on resume: pausing means not posting. The
/// run due at that instant, if any, is returned for the reply.
async fn skip_runs_due_while_paused(
    ctx: &mut Ctx<'_>,
    schedule: &Schedule,
) -> CommandResult<Option<DateTime<Utc>>> {
    let Ok(rec) = ledger::recurrence(schedule) else {
        return Ok(None);
    };
    let since = store::last_due(ctx.conn(), schedule.id)
        .await?
        .unwrap_or(schedule.created_at);
    let by = format!("resume by {}", ctx.actor.user_id);
    let reason = "paused: fell due while the schedule was paused";
    let now = ctx.now;
    Ok(ledger::skip_latest(ctx.conn(), schedule, &rec, (since, now), &by, reason).await?)
}

/// Posts what the schedule would post, now, once (outside the schedule's ledger).
pub async fn run_now(ctx: &mut Ctx<'_>, args: args::ScheduleRunNow) -> CommandResult {
    let schedule = load(ctx, args.id).await?;
    let post: Option<Post> = crate::core::scheduled::post(ctx, &schedule, None).await?;
    let id = schedule.id;
    ctx.audit(
        "schedule.run_now",
        "schedule",
        Some(id.get()),
        None,
        Some(record(&schedule)),
    )
    .await?;
    Ok(match post {
        Some(post) => Reply::success(
            Text::plain(format!(
                "Schedule #{id} ({}) posted in ",
                schedule.kind.label()
            ))
            .channel(schedule.channel_id)
            .then(" now."),
        )
        .with_post(post),
        None => Reply::info(format!(
            "Schedule #{id} ({}) has nothing to post now (everyone has submitted, or nothing expires).",
            schedule.kind.label()
        )),
    })
}

/// After `/setup channel kind:…` set `channel` (was `old`): schedules of the kinds that post
/// there move along, and a kind without any schedule gets its default. Returns what was done,
/// as sentences.
pub async fn follow_channel(
    ctx: &mut Ctx<'_>,
    channel_kind: &str,
    old: Option<ChannelId>,
    channel: ChannelId,
) -> CommandResult<Vec<String>> {
    let kinds: &[ScheduleKind] = match channel_kind {
        "digest" => &[ScheduleKind::KpiDigest, ScheduleKind::ForecastMissing],
        "reminders" => &[
            ScheduleKind::ForecastReminder,
            ScheduleKind::RegistrationExpiry,
        ],
        _ => &[],
    };
    let (ws, now) = (ctx.workspace.id, ctx.now);
    let existing = store::list(ctx.conn(), ws).await?;
    let mut said = Vec::new();
    for kind in kinds {
        let of_kind: Vec<&Schedule> = existing.iter().filter(|s| s.kind == *kind).collect();
        if of_kind.is_empty() {
            let cron: CronExpr = kind
                .default_cron()
                .parse()
                .map_err(|e| anyhow::anyhow!("default cron: {e}"))?;
            let details = json!({ "kind": kind.as_str(), "cron": cron.as_str(), "default": true });
            let tz = ctx.workspace.timezone;
            let id = create(ctx, (*kind, &cron, tz, channel), details).await?;
            said.push(format!("{} #{id}: {}", kind.label(), cron.describe()));
            continue;
        }
        for s in of_kind.iter().filter(|s| Some(s.channel_id) == old) {
            store::set_channel(ctx.conn(), ws, s.id, channel, now).await?;
            said.push(format!("{} #{} moved here", kind.label(), s.id));
        }
    }
    Ok(said)
}

/// Inserts a schedule (kind, cron, timezone, channel) made by the actor and audits it as
/// `schedule.add` with `details`; returns its id.
async fn create(
    ctx: &mut Ctx<'_>,
    (kind, cron, timezone, channel_id): (ScheduleKind, &CronExpr, Tz, ChannelId),
    details: serde_json::Value,
) -> CommandResult<ScheduleId> {
    let new = NewSchedule {
        workspace_id: ctx.workspace.id,
        kind,
        cron: cron.as_str(),
        timezone,
        channel_id,
        created_by: ctx.actor.user_id,
    };
    let now = ctx.now;
    let id = store::insert(ctx.conn(), &new, now).await?;
    ctx.audit(
        "schedule.add",
        "schedule",
        Some(id.get()),
        None,
        Some(details),
    )
    .await?;
    Ok(id)
}

async fn load(ctx: &mut Ctx<'_>, id: ScheduleId) -> CommandResult<Schedule> {
    let ws = ctx.workspace.id;
    store::get(ctx.conn(), ws, id).await?.ok_or_else(|| {
        CommandError::invalid(format!(
            "there is no schedule #{id} in this workspace; see `/schedule list`"
        ))
    })
}

/// The workspace channel a kind posts to by default.
fn default_channel(ctx: &Ctx<'_>, kind: ScheduleKind) -> Option<ChannelId> {
    match kind {
        ScheduleKind::KpiDigest | ScheduleKind::ForecastMissing => ctx.workspace.digest_channel_id,
        ScheduleKind::ForecastReminder | ScheduleKind::RegistrationExpiry => {
            ctx.workspace.reminder_channel_id
        }
    }
}

fn channel_kind(kind: ScheduleKind) -> &'static str {
    match kind {
        ScheduleKind::KpiDigest | ScheduleKind::ForecastMissing => "digest",
        ScheduleKind::ForecastReminder | ScheduleKind::RegistrationExpiry => "reminders",
    }
}

/// `Mon 7 Dec 09:00` in `tz`.
fn local(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz)
        .format("%a %-d %b %Y %H:%M")
        .to_string()
}

fn record(s: &Schedule) -> serde_json::Value {
    json!({
        "kind": s.kind.as_str(),
        "cron": s.cron,
        "timezone": s.timezone.name(),
        "channel_id": s.channel_id,
        "enabled": s.enabled,
    })
}
