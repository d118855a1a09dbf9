//! `/forecast show [member|territory] [week]`: a member's submission next to last week's with
//! the change, the deals that moved between categories (or in and out of the quarter) since
//! last week's submission, and the numbers suggested by their deals.
//!
//! A PTM sees their own forecast and those of the territories they cover; directors and admins
//! see everyone's.

use super::{live_deals, local_time, punctuality, scope_of, territory_names, week_option};
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::options::UserArg;
use crate::core::reply::{Card, Reply, Tone};
use crate::domain::forecast::numbers::{change_text, movements, suggest, Bucket, Movement};
use crate::domain::forecast::{ForecastCalendar, ForecastWeek};
use crate::domain::ids::{DealId, TerritoryId, UserId};
use crate::domain::money::format_money;
use crate::store::forecast::{self as store, Forecast};

/// Moved deals listed on the card; the rest are counted.
const MOVES_SHOWN: usize = 10;

pub async fn show(ctx: &mut Ctx<'_>, args: args::ForecastShow) -> CommandResult {
    let (calendar, week) = week_option(ctx, args.week.as_deref())?;
    let (user_id, name) = target(ctx, args.member, args.territory).await?;
    let card = member_card(ctx, &calendar, &week, user_id, &name).await?;
    Ok(Reply::card(card))
}

/// Whose forecast: `member:`, the PTM of `territory:`, or the actor; refused when a PTM asks
/// for someone outside their territories.
async fn target(
    ctx: &mut Ctx<'_>,
    member: Option<UserArg>,
    territory: Option<String>,
) -> CommandResult<(UserId, String)> {
    let ws = ctx.workspace.id;
    let me = (ctx.actor.user_id, ctx.actor.display_name.clone());
    let (user_id, name, territory) = if let Some(arg) = member {
        let found = lookup::member(ctx, &arg).await?;
        (found.user_id, found.display_name, None)
    } else if let Some(text) = territory {
        let found = lookup::territory(ctx, &text).await?;
        let ptms = store::forecasters(ctx.conn(), ws, Some(&[found.id])).await?;
        let first = ptms.into_iter().next().ok_or_else(|| {
            CommandError::invalid(format!(
                "{} has no PTM; assign one with `/territory assign territory:\"{}\" member:@… as:ptm`",
                found.name, found.name
            ))
        })?;
        (first.user_id, first.display_name, Some(found.id))
    } else {
        (me.0, me.1.clone(), None)
    };
    if user_id == me.0 || ctx.is_manager() {
        return Ok((user_id, name));
    }
    let mine = store::territories_of(ctx.conn(), ws, me.0, "ptm").await?;
    let theirs = store::territories_of(ctx.conn(), ws, user_id, "ptm").await?;
    let shared = match territory {
        Some(id) => mine.iter().any(|(t, _)| *t == id),
        None => theirs.iter().any(|t| mine.contains(t)),
    };
    if shared {
        Ok((user_id, name))
    } else {
        Err(CommandError::Denied(format!(
            "you can see your own forecast and those of the territories you cover; {name}'s is \
             for directors and admins"
        )))
    }
}

/// The card of one member's forecast for `week`.
pub(super) async fn member_card(
    ctx: &mut Ctx<'_>,
    calendar: &ForecastCalendar,
    week: &ForecastWeek,
    user_id: UserId,
    name: &str,
) -> CommandResult<Card> {
    let ws = ctx.workspace.id;
    let currency = ctx.workspace.currency;
    let money = |minor| format_money(minor, currency);
    let last_week = calendar.prev(week);
    let this = store::of_member(ctx.conn(), ws, user_id, week.start()).await?;
    let prev = store::of_member(ctx.conn(), ws, user_id, last_week.start()).await?;
    let (scope, territories) = scope_of(ctx, user_id).await?;
    let is_current = *week == calendar.week_at(ctx.now);

    // What the numbers stand on now: this week's snapshot, or the live deals this week.
    let now_deals = match (&this, is_current) {
        (Some(f), false) => Some(store::snapshot(ctx.conn(), ws, f.id).await?),
        (_, true) => Some(live_deals(ctx, &scope, calendar, week).await?),
        (None, false) => None,
    };
    // A submission made outside the bot (imported or generated) has no snapshot: nothing to
    // compare, rather than every deal looking new.
    let then_deals = match &prev {
        Some(f) => Some(store::snapshot(ctx.conn(), ws, f.id).await?).filter(|d| !d.is_empty()),
        None => None,
    };

    let mut card =
        Card::new(format!("Forecast · {name} · {}", week.label()), Tone::Info).description(
            status_line(ctx, week, this.as_ref(), territories.as_slice()),
        );
    let figure = |pick: fn(&Forecast) -> i64| match (&this, &prev) {
        (Some(t), Some(p)) => format!(
            "{}\n{} (was {})",
            money(pick(t)),
            change_text(pick(t), pick(p), currency),
            money(pick(p))
        ),
        (Some(t), None) => format!("{}\nno submission last week", money(pick(t))),
        (None, Some(p)) => format!("—\nlast week {}", money(pick(p))),
        (None, None) => "—".to_string(),
    };
    card = card
        .field("Commit", figure(|f| f.numbers.commit))
        .field("Most likely", figure(|f| f.numbers.most_likely))
        .field("Best case", figure(|f| f.numbers.best_case));
    if let Some(deals) = &now_deals {
        let (first, last) = calendar.fiscal().quarter_bounds(week.quarter());
        let s = suggest(deals, first, last);
        let basis = if is_current { "now" } else { "at submission" };
        card = card.wide_field(
            format!("Suggested by the deals ({basis})"),
            format!(
                "Closed won {} · Commit {} · most likely {} · Best case {} ({} deals)",
                money(s.closed_won),
                money(s.commit),
                money(s.most_likely),
                money(s.best_case),
                s.deals
            ),
        );
    }
    if let Some(f) = this.as_ref().filter(|f| !f.notes.is_empty()) {
        card = card.wide_field("Notes", f.notes.clone());
    }
    let moved = match (&then_deals, &now_deals) {
        (Some(then), Some(now)) => {
            let moves = movements(then, now);
            Some(describe_moves(ctx, &moves).await?)
        }
        _ => None,
    };
    let since = last_week.label();
    card = card.wide_field(
        format!("Deals that moved since {since}"),
        moved.unwrap_or_else(|| match (&prev, &then_deals) {
            (None, _) => format!("no submission in {since} to compare with"),
            (Some(_), None) => {
                format!("the {since} submission has no deal snapshot to compare with")
            }
            _ => format!("no submission in {} to compare with", week.label()),
        }),
    );
    Ok(card)
}

fn status_line(
    ctx: &Ctx<'_>,
    week: &ForecastWeek,
    this: Option<&Forecast>,
    territories: &[(TerritoryId, String)],
) -> String {
    let due = local_time(ctx, week.deadline_at());
    let state = match this {
        Some(f) => format!(
            "Submitted {}, {}.",
            local_time(ctx, f.submitted_at),
            punctuality(week, f.submitted_at)
        ),
        None if ctx.now <= week.deadline_at() => format!("Not submitted yet; due {due}."),
        None => format!("Not submitted; it was due {due}."),
    };
    format!("{state} Covers {}.", territory_names(territories))
}

/// One line per moved deal, biggest first: `#12 Acme Corp $250,000: Best Case → Commit`.
async fn describe_moves(ctx: &mut Ctx<'_>, moves: &[Movement]) -> CommandResult<String> {
    if moves.is_empty() {
        return Ok("none: every deal is where it was".to_string());
    }
    let shown = &moves[..moves.len().min(MOVES_SHOWN)];
    let gone: Vec<DealId> = shown
        .iter()
        .filter(|m| m.to.is_none())
        .map(|m| m.deal_id)
        .collect();
    let ws = ctx.workspace.id;
    let now = store::deals_now(ctx.conn(), ws, &gone).await?;
    let currency = ctx.workspace.currency;
    let mut lines: Vec<String> = shown
        .iter()
        .map(|m| {
            let from = m.from.map_or("not in the quarter", Bucket::label);
            let to = match m.to {
                Some(bucket) => bucket.label().to_string(),
                None => match now.iter().find(|d| d.id == m.deal_id) {
                    Some(d) if d.bucket == Bucket::Lost => "Closed Lost".to_string(),
                    Some(d) => format!("pushed to {}", d.close_date.format("%-d %b %Y")),
                    None => "no longer in scope".to_string(),
                },
            };
            let amount = if m.amount_then != m.amount_now && m.from.is_some() && m.to.is_some() {
                format!(
                    "{} → {}",
                    format_money(m.amount_then, currency),
                    format_money(m.amount_now, currency)
                )
            } else {
                format_money(m.weight(), currency)
            };
            format!("#{} {} {amount}: {from} → {to}", m.deal_id, m.account)
        })
        .collect();
    if moves.len() > shown.len() {
        lines.push(format!("… and {} more", moves.len() - shown.len()));
    }
    Ok(lines.join("\n"))
}
