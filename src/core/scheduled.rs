//! What each kind of schedule posts at a due instant: the KPI digest; the forecast reminder
//! (pinging only the PTMs who have not submitted and are not away); the note to directors of
//! who is missing after the deadline (no pings); the registration expiry watch (expiring within
//! 14 days with an Extend button each, pinging their submitters, and those that lapsed since
//! the last run). `None`: nothing worth posting (everyone has submitted).

use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::forecast::{week_status, WeekStatus};
use crate::core::kpi::digest;
use crate::core::reply::{Card, Post, Reply, Tone};
use crate::core::text::Text;
use crate::domain::forecast::ForecastWeek;
use crate::domain::ids::UserId;
use crate::domain::money::format_money_short;
use crate::domain::schedule::ScheduleKind;
use crate::store::forecast;
use crate::store::registration::list as registrations;
use crate::store::schedule::Schedule;
use chrono::{DateTime, Duration, Utc};

/// Days ahead the expiry watch looks.
const EXPIRY_DAYS: i64 = 14;
/// Registrations listed with an Extend button (Discord: 5 rows of 5 buttons).
const EXTEND_BUTTONS: usize = 20;

pub async fn post(
    ctx: &mut Ctx<'_>,
    schedule: &Schedule,
    since: Option<DateTime<Utc>>,
) -> CommandResult<Option<Post>> {
    let label = format!("{} channel", schedule.kind.label().to_lowercase());
    let (message, pings) = match schedule.kind {
        ScheduleKind::KpiDigest => {
            let built = digest::build(ctx).await?;
            (digest::reply(&built), Vec::new())
        }
        ScheduleKind::ForecastReminder => match reminder(ctx).await? {
            Some((reply, pings)) => (reply, pings),
            None => return Ok(None),
        },
        ScheduleKind::ForecastMissing => (missing(ctx).await?, Vec::new()),
        ScheduleKind::RegistrationExpiry => match expiry_watch(ctx, since).await? {
            Some((reply, pings)) => (reply, pings),
            None => return Ok(None),
        },
    };
    Ok(Some(
        Post::new(schedule.channel_id, label, message).pinging(pings),
    ))
}

/// The current forecast week's status over every PTM of the workspace.
async fn outstanding(ctx: &mut Ctx<'_>, week: &ForecastWeek) -> CommandResult<WeekStatus> {
    let ws = ctx.workspace.id;
    let ptms = forecast::forecasters(ctx.conn(), ws, None).await?;
    week_status(ctx, week, &ptms).await
}

/// Before the deadline: one post mentioning only the PTMs still to submit.
async fn reminder(ctx: &mut Ctx<'_>) -> CommandResult<Option<(Reply, Vec<UserId>)>> {
    let week = ctx.workspace.forecast_calendar().week_at(ctx.now);
    let missing = outstanding(ctx, &week).await?.missing;
    if missing.is_empty() {
        return Ok(None);
    }
    let zone = ctx.workspace.timezone;
    let mentions = missing
        .iter()
        .map(|(id, name)| Text::new().user(*id, Some(name)));
    let text = Text::plain(format!("Forecast {} is due ", week.label()))
        .time(week.deadline_at(), zone)
        .then(format!(" ({}). Still to submit: ", zone.name()))
        .append(Text::join(mentions, " "))
        .then(". Use `/forecast submit`; out of office? `/away`.");
    let reply = Reply::info(text).public();
    Ok(Some((
        reply,
        missing.into_iter().map(|(id, _)| id).collect(),
    )))
}

/// After the deadline: a note for directors of who is missing (names, no pings).
async fn missing(ctx: &mut Ctx<'_>) -> CommandResult<Reply> {
    let week = ctx.workspace.forecast_calendar().week_at(ctx.now);
    let WeekStatus {
        ptms: total,
        submitted,
        late,
        away,
        missing,
    } = outstanding(ctx, &week).await?;
    if total == 0 {
        return Ok(Reply::info(format!(
            "Forecasts {}: no PTM is assigned to a territory yet (`/territory assign … as:ptm`).",
            week.label()
        ))
        .public());
    }
    let names: Vec<&str> = missing.iter().map(|(_, n)| n.as_str()).collect();
    let card = Card::new(
        format!("Forecasts {}", week.label()),
        if names.is_empty() {
            Tone::Success
        } else {
            Tone::Warning
        },
    )
    .description(if names.is_empty() {
        format!("All in: {submitted} of {total} submitted ({late} late), {away} away.")
    } else {
        format!(
            "{submitted} of {total} submitted ({late} late), {away} away. Missing: {}.",
            names.join(", ")
        )
    })
    .footer("Roll-up: /forecast team");
    Ok(Reply::card(card).public())
}

/// Daily: registrations expiring within 14 days with an Extend button each, and those that
/// lapsed since the last run.
async fn expiry_watch(
    ctx: &mut Ctx<'_>,
    since: Option<DateTime<Utc>>,
) -> CommandResult<Option<(Reply, Vec<UserId>)>> {
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let soon = registrations::expiring_between(
        ctx.conn(),
        ws,
        today,
        (today, today + Duration::days(EXPIRY_DAYS)),
        100,
    )
    .await?;
    let from = since
        .map(|at| at.with_timezone(&ctx.workspace.timezone).date_naive())
        .unwrap_or(today - Duration::days(1));
    let lapsed = registrations::expiring_between(
        ctx.conn(),
        ws,
        today,
        (from, today - Duration::days(1)),
        100,
    )
    .await?;
    if soon.is_empty() && lapsed.is_empty() {
        return Ok(None);
    }
    let currency = ctx.workspace.currency;
    let line = |r: &registrations::RegistrationLine| {
        format!(
            "#{} {} · {} {} · {} · {}",
            r.id,
            r.partner,
            r.account,
            format_money_short(r.amount_minor, currency),
            r.expires_on
                .map_or(String::new(), |d| d.format("%-d %b").to_string()),
            r.submitter.as_deref().unwrap_or("—")
        )
    };
    let mut card = Card::new("Registration expiry watch", Tone::Warning);
    if !soon.is_empty() {
        let lines: Vec<String> = soon.iter().take(EXTEND_BUTTONS).map(line).collect();
        let more = soon.len().saturating_sub(EXTEND_BUTTONS);
        let tail = if more > 0 {
            format!("\n… and {more} more: /registration expiring")
        } else {
            String::new()
        };
        card = card.wide_field(
            format!("Expiring within {EXPIRY_DAYS} days ({})", soon.len()),
            format!("{}{tail}", lines.join("\n")),
        );
    }
    if !lapsed.is_empty() {
        let lines: Vec<String> = lapsed.iter().take(10).map(line).collect();
        card = card.wide_field(
            format!("Expired since the last watch ({})", lapsed.len()),
            lines.join("\n"),
        );
    }
    let mut reply =
        Reply::card(card.footer("Extend: the button, or /registration extend id:…")).public();
    for r in soon.iter().take(EXTEND_BUTTONS) {
        reply = reply.with_button(
            format!("Extend #{}", r.id),
            format!("registration extend:id={}", r.id),
        );
    }
    let mut pings: Vec<UserId> = soon
        .iter()
        .take(EXTEND_BUTTONS)
        .map(|r| r.submitted_by)
        .collect();
    pings.sort_unstable();
    pings.dedup();
    Ok(Some((reply, pings)))
}
