//! What happens to a registration besides review: resubmitting a returned one (with fixes),
//! extending an approved one, the submitter withdrawing it, and closing with its deal.

use super::card::{self, View};
use super::review::decided;
use super::{audit, decide, load, sweep, write};
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::reply::{Post, Reply};
use crate::domain::dates::{format_date, format_date_relative};
use crate::domain::deal::Deal;
use crate::domain::deal::Stage;
use crate::domain::registration::{effective_status, Event, RegistrationStatus};
use crate::store::registration;

pub async fn resubmit(ctx: &mut Ctx<'_>, args: args::RegistrationResubmit) -> CommandResult {
    let id = args.id;
    let amount = args.amount;
    let close = args.close;
    let notes = args.notes;
    sweep(ctx).await?;
    let before = load(ctx, id).await?;
    let mut after = decide(ctx, &before, &Event::Resubmit).await?;
    if let Some(amount) = amount {
        after.amount = amount;
    }
    if let Some(close) = close {
        if close < ctx.today {
            return Err(CommandError::invalid(format!(
                "close date {} is in the past; give a date like `close:+60d`",
                format_date(close)
            )));
        }
        after.close_date = close;
    }
    if let Some(notes) = notes {
        after.notes = notes;
    }
    write(
        ctx,
        &before,
        &after,
        &Event::Resubmit,
        "registration.resubmit",
    )
    .await?;
    let view = View::load(ctx, after).await?;
    let mut reply = Reply::success(format!(
        "Registration #{id} resubmitted; it waits for review again."
    ))
    .with_card(card::card(ctx, &view));
    if let Some(channel) = ctx.workspace.review_channel_id {
        // A fresh card, so reviewers notice it; it becomes the tracked one.
        reply = reply.with_post(
            Post::new(channel, "review channel", card::review_message(ctx, &view))
                .tracked(card::track(id)),
        );
    }
    Ok(reply)
}

pub async fn extend(ctx: &mut Ctx<'_>, args: args::RegistrationExtend) -> CommandResult {
    let id = args.id;
    let before = load(ctx, id).await?;
    let after = decide(ctx, &before, &Event::Extend).await?;
    sweep(ctx).await?;
    write(ctx, &before, &after, &Event::Extend, "registration.extend").await?;
    let expires = after.expires_on.unwrap_or(ctx.today);
    let text = format!(
        "Registration #{id} extended by {} days: it now protects the partner until {} \
         (extension {}).",
        ctx.workspace.registration_extension_days,
        format_date_relative(expires, ctx.today),
        after.extensions
    );
    let view = View::load(ctx, after).await?;
    Ok(Reply::success(text).with_card(card::card(ctx, &view)))
}

pub async fn withdraw(ctx: &mut Ctx<'_>, args: args::RegistrationWithdraw) -> CommandResult {
    let id = args.id;
    let before = load(ctx, id).await?;
    if before.submitted_by != ctx.actor.user_id && !ctx.is_manager() {
        let ws = ctx.workspace.id;
        let names = registration::names(ctx.conn(), ws, &before).await?;
        return Err(CommandError::Denied(format!(
            "only the PTM who submitted registration #{id} ({}) or a director can withdraw it",
            names
                .submitter
                .unwrap_or_else(|| "someone else".to_string())
        )));
    }
    sweep(ctx).await?;
    let after = decide(ctx, &before, &Event::Withdraw).await?;
    write(
        ctx,
        &before,
        &after,
        &Event::Withdraw,
        "registration.withdraw",
    )
    .await?;
    decided(
        ctx,
        after,
        "withdrawn",
        format!("Registration #{id} withdrawn."),
    )
    .await
}

/// Moves the approved registrations of a deal that just closed to Closed Won / Closed Lost (a
/// lapsed one is written as expired instead). Returns what changed, for the deal's reply.
pub async fn close_with_deal(ctx: &mut Ctx<'_>, deal: &Deal) -> CommandResult<Vec<String>> {
    let event = match deal.stage {
        Stage::ClosedWon => Event::CloseWon,
        Stage::ClosedLost => Event::CloseLost,
        _ => return Ok(Vec::new()),
    };
    let ws = ctx.workspace.id;
    let approved = registration::on_deal(
        &mut *ctx.tx,
        &ctx.workspace,
        deal.id,
        RegistrationStatus::Approved,
    )
    .await?;
    let mut changed = Vec::new();
    for before in approved {
        let lapsed = effective_status(before.status, before.expires_on, ctx.today)
            == RegistrationStatus::Expired;
        let event = if lapsed { Event::Expire } else { event.clone() };
        let after = decide(ctx, &before, &event).await?;
        let now = ctx.now;
        if registration::update_guarded(ctx.conn(), ws, &after, before.status, now).await? {
            let action = if lapsed {
                "registration.expire"
            } else {
                "registration.close"
            };
            audit(ctx, action, Some(&before), &after).await?;
            changed.push(format!(
                "registration #{} {}",
                after.id,
                crate::domain::Choice::label(&after.status).to_lowercase()
            ));
        }
    }
    Ok(changed)
}
