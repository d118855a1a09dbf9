//! Deal registrations: `/deal register` and `/registration approve|deny|return|resubmit|extend|
//! withdraw|list|show|expiring`.
//!
//! Every status change goes through `domain::registration::apply` and is written with a guarded
//! update (`... AND status = <the status it was decided on>`), so a double click or two reviewers
//! at once apply it once, and the later one is told who got there first.
//!
//! - [`register`]: the submission, with conflict detection ([`conflict`]) before anything is
//!   written.
//! - [`review`]: approve (which links or creates the deal), deny and return.
//! - [`lifecycle`]: resubmit, extend, withdraw, and closing with the deal.
//! - [`list`]: list, show and expiring.
//! - [`card`]: the registration card and the review card.
//!
//! Expiry: an approved registration past `expires_on` reads as Expired everywhere
//! ([`card::status_of`]); registration write commands also write it down ([`sweep`]) for the
//! workspace, a bounded batch at a time. (A scheduled sweep can call the same function later.)

mod card;
mod conflict;
mod lifecycle;
mod list;
mod register;
mod review;

pub use lifecycle::{close_with_deal, extend, resubmit, withdraw};
pub use list::{expiring, list, show};
pub use register::register;
pub use review::{approve, deny, return_};

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::domain::ids::RegistrationId;
use crate::domain::registration::Registration;
use crate::domain::registration::{apply, Event, Facts};
use crate::store::registration::{self, RegistrationNames};

/// Lapsed approvals written as expired per command (the rest on later commands).
const SWEEP_LIMIT: i64 = 200;

/// The registration `id` of this workspace, or a clear refusal.
pub(crate) async fn load(ctx: &mut Ctx<'_>, id: RegistrationId) -> CommandResult<Registration> {
    registration::get(&mut *ctx.tx, &ctx.workspace, id)
        .await?
        .ok_or_else(|| {
            CommandError::invalid(format!(
                "there is no registration #{id} in this workspace; see `/registration list`"
            ))
        })
}

/// What the state machine needs to know about `reg`, in this workspace, for this actor.
pub(crate) fn facts(ctx: &Ctx<'_>, reg: &Registration, names: &RegistrationNames) -> Facts {
    Facts {
        id: reg.id.get(),
        today: ctx.today,
        has_review_channel: ctx.workspace.review_channel_id.is_some(),
        validity_days: ctx.workspace.registration_validity_days,
        extension_days: ctx.workspace.registration_extension_days,
        extensions: reg.extensions,
        approved_on: reg.approved_on,
        expires_on: reg.expires_on,
        decision_note: reg.decision_note.clone(),
        decided_by: names.reviewer.clone(),
        decided_on: reg.reviewed_at.map(|at| card::local_day(ctx, at)),
        actor_is_director: ctx.is_manager(),
    }
}

/// `reg` after `event`, as the state machine decides (nothing written).
pub(crate) async fn decide(
    ctx: &mut Ctx<'_>,
    reg: &Registration,
    event: &Event,
) -> CommandResult<Registration> {
    let ws = ctx.workspace.id;
    let names = registration::names(ctx.conn(), ws, reg).await?;
    let outcome = apply(Some(reg.status), event, &facts(ctx, reg, &names))
        .map_err(|e| CommandError::invalid(e.to_string()))?;
    let mut next = reg.clone();
    next.status = outcome.status;
    next.approved_on = outcome.approved_on;
    next.expires_on = outcome.expires_on;
    next.extensions = outcome.extensions;
    next.decision_note = outcome.decision_note;
    if outcome.reviewed {
        next.reviewed_by = Some(ctx.actor.user_id);
        next.reviewed_at = Some(ctx.now);
    }
    Ok(next)
}

/// Writes `after` over `before` unless the status changed meanwhile (then refuses, saying what
/// happened first), and audits it as `action`.
pub(crate) async fn write(
    ctx: &mut Ctx<'_>,
    before: &Registration,
    after: &Registration,
    event: &Event,
    action: &str,
) -> CommandResult<()> {
    let (ws, now) = (ctx.workspace.id, ctx.now);
    if !registration::update_guarded(ctx.conn(), ws, after, before.status, now).await? {
        return Err(changed_meanwhile(ctx, before.id, event).await);
    }
    audit(ctx, action, Some(before), after).await
}

/// The refusal for a guarded write that found the status changed: what the state machine says
/// about the event now (`already approved (by Dana on ...)`).
pub(crate) async fn changed_meanwhile(
    ctx: &mut Ctx<'_>,
    id: RegistrationId,
    event: &Event,
) -> CommandError {
    let current = match load(ctx, id).await {
        Ok(reg) => reg,
        Err(err) => return err,
    };
    match decide(ctx, &current, event).await {
        Err(err) => err,
        Ok(_) => CommandError::invalid(format!(
            "registration #{id} changed while you were deciding; look at it again with \
             `/registration show id:{id}`"
        )),
    }
}

pub(crate) async fn audit(
    ctx: &mut Ctx<'_>,
    action: &str,
    before: Option<&Registration>,
    after: &Registration,
) -> CommandResult<()> {
    let json = |r: &Registration| serde_json::to_value(r).map_err(anyhow::Error::from);
    let before = before.map(json).transpose()?;
    let after_json = json(after)?;
    ctx.audit(
        action,
        "registration",
        Some(after.id.get()),
        before,
        Some(after_json),
    )
    .await
}

/// Writes approved registrations whose validity lapsed before today as Expired (through the
/// state machine's `Expire`), at most [`SWEEP_LIMIT`] per call. Returns how many.
pub(crate) async fn sweep(ctx: &mut Ctx<'_>) -> CommandResult<usize> {
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let lapsed = registration::lapsed(&mut *ctx.tx, &ctx.workspace, today, SWEEP_LIMIT).await?;
    let mut expired = 0;
    for reg in &lapsed {
        let next = decide(ctx, reg, &Event::Expire).await?;
        let now = ctx.now;
        if registration::update_guarded(ctx.conn(), ws, &next, reg.status, now).await? {
            audit(ctx, "registration.expire", Some(reg), &next).await?;
            expired += 1;
        }
    }
    Ok(expired)
}
