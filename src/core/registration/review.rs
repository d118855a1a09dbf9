//! `/registration approve|deny|return` (directors and admins), from the review card's buttons
//! or typed. Approval makes the registration its deal's sourced registration: it links the
//! deal it names (setting the partner roles that are empty) or creates one.

use super::card::{self, View};
use super::{audit, changed_meanwhile, decide, load, sweep, write};
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::deal::default_name;
use crate::core::deal::input::{partner_type, TRANSACTING_TYPES};
use crate::core::error::{CommandError, CommandResult};
use crate::core::reply::{Post, Reply};
use crate::core::text::Text;
use crate::domain::dates::format_date;
use crate::domain::deal::Deal;
use crate::domain::deal::{default_category, DealPath, Stage};
use crate::domain::ids::{DealId, RegistrationId};
use crate::domain::registration::Registration;
use crate::domain::registration::{Event, RegistrationType};
use crate::store::deal;
use crate::store::registration::{self, Claim};
use crate::store::{account, posted};

pub async fn approve(ctx: &mut Ctx<'_>, args: args::RegistrationApprove) -> CommandResult {
    let id = args.id;
    sweep(ctx).await?;
    let before = load(ctx, id).await?;
    let mut after = decide(ctx, &before, &Event::Approve).await?;
    let (ws, now) = (ctx.workspace.id, ctx.now);
    let sourcing = before.reg_type != RegistrationType::ServicesAttach;
    if let (Some(deal_id), true) = (before.deal_id, sourcing) {
        if let Some(holder) =
            registration::sourcing_holder(&mut *ctx.tx, &ctx.workspace, deal_id).await?
        {
            return Err(taken(ctx, &before, &holder).await);
        }
    }
    match registration::approve_guarded(ctx.conn(), ws, &after, before.status, now).await? {
        Claim::Done => {}
        Claim::Changed => return Err(changed_meanwhile(ctx, id, &Event::Approve).await),
        Claim::Taken => {
            let deal_id = before.deal_id.unwrap_or_default();
            return Err(
                match registration::sourcing_holder(&mut *ctx.tx, &ctx.workspace, deal_id).await? {
                    Some(holder) => taken(ctx, &before, &holder).await,
                    None => CommandError::invalid(format!(
                        "deal #{deal_id} was just given to another registration; look at it \
                         with `/deal show deal:{deal_id}`"
                    )),
                },
            );
        }
    }
    let linked = link_deal(ctx, &mut after).await?;
    audit(ctx, "registration.approve", Some(&before), &after).await?;
    let headline = format!(
        "Registration #{id} approved until {}; {linked}.",
        after.expires_on.map(format_date).unwrap_or_default()
    );
    decided(ctx, after, "approved", headline).await
}

pub async fn deny(ctx: &mut Ctx<'_>, args: args::RegistrationDeny) -> CommandResult {
    let reason = args.reason.clone();
    review(
        ctx,
        args.id,
        Event::Deny { reason },
        "denied",
        "registration.deny",
    )
    .await
}

pub async fn return_(ctx: &mut Ctx<'_>, args: args::RegistrationReturn) -> CommandResult {
    let comments = args.comments.clone();
    review(
        ctx,
        args.id,
        Event::Return { comments },
        "returned for changes",
        "registration.return",
    )
    .await
}

async fn review(
    ctx: &mut Ctx<'_>,
    id: RegistrationId,
    event: Event,
    done: &str,
    action: &str,
) -> CommandResult {
    sweep(ctx).await?;
    let before = load(ctx, id).await?;
    let after = decide(ctx, &before, &event).await?;
    write(ctx, &before, &after, &event, action).await?;
    let headline = format!(
        "Registration #{id} {done}: {}",
        after.decision_note.clone().unwrap_or_default()
    );
    decided(ctx, after, done, headline).await
}

/// The refusal when another approved sourced registration holds the deal.
async fn taken(ctx: &mut Ctx<'_>, reg: &Registration, holder: &Registration) -> CommandError {
    let ws = ctx.workspace.id;
    let names = registration::names(ctx.conn(), ws, holder).await.ok();
    let partner = names
        .as_ref()
        .map_or("another partner".to_string(), |n| n.partner.clone());
    CommandError::invalid(format!(
        "deal #{} already has an approved sourced registration: #{} by **{partner}**, valid \
         until {}. A deal has one; deny registration #{} or return it to be registered on \
         another deal",
        holder.deal_id.unwrap_or_default(),
        holder.id,
        holder.expires_on.map(format_date).unwrap_or_default(),
        reg.id
    ))
}

/// Links the approved registration's deal (partner roles filled where empty) or creates one;
/// says which, for the reply.
async fn link_deal(ctx: &mut Ctx<'_>, reg: &mut Registration) -> CommandResult<String> {
    let (ws, now, today) = (ctx.workspace.id, ctx.now, ctx.today);
    let can_transact = matches!(
        reg.reg_type,
        RegistrationType::Resale | RegistrationType::Msp
    ) && TRANSACTING_TYPES
        .contains(&partner_type(ctx, ws, reg.partner_id).await?);
    let fill = |deal: &mut Deal| {
        if reg.reg_type != RegistrationType::ServicesAttach {
            deal.sourcing_partner_id = Some(reg.partner_id);
        }
        if can_transact && deal.transacting_partner_id.is_none() {
            deal.transacting_partner_id = Some(reg.partner_id);
        }
        if deal.distributor_partner_id.is_none() {
            deal.distributor_partner_id = reg.distributor_partner_id;
        }
        if deal.marketplace == crate::domain::deal::Marketplace::None {
            deal.marketplace = reg.marketplace;
        }
        if deal.portal_id.is_none() {
            deal.portal_id = reg.portal_id.clone();
        }
        if deal.path == DealPath::Direct {
            deal.path = DealPath::Partner;
        }
    };
    if let Some(deal_id) = reg.deal_id {
        let current = deal::get(&mut *ctx.tx, &ctx.workspace, deal_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("deal {deal_id} of registration {} is gone", reg.id))?;
        let mut linked = current.clone();
        fill(&mut linked);
        if linked != current {
            deal::update(ctx.conn(), ws, &linked, now).await?;
            let before = serde_json::to_value(&current).map_err(anyhow::Error::from)?;
            let after = serde_json::to_value(&linked).map_err(anyhow::Error::from)?;
            ctx.audit(
                "deal.update",
                "deal",
                Some(deal_id.get()),
                Some(before),
                Some(after),
            )
            .await?;
        }
        return Ok(format!(
            "deal #{deal_id} **{}** is now partner sourced",
            linked.name
        ));
    }
    let account = account::get(ctx.conn(), ws, reg.account_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("account of registration {} is gone", reg.id))?;
    let partner_territory =
        crate::store::partner::find_by_name(ctx.conn(), ws, &format!("#{}", reg.partner_id))
            .await?
            .and_then(|p| p.territory_id);
    let stage = Stage::Discovery;
    let mut new = Deal {
        id: DealId::new(0),
        account_id: account.id,
        name: default_name(&account.name, reg.amount.minor, ctx),
        amount: reg.amount,
        stage,
        close_date: reg.close_date.max(today),
        forecast: default_category(stage),
        path: DealPath::Partner,
        owner_user_id: reg.submitted_by,
        territory_id: account.territory_id.or(partner_territory),
        sourcing_partner_id: None,
        transacting_partner_id: None,
        distributor_partner_id: None,
        marketplace: crate::domain::deal::Marketplace::None,
        private_offer_id: None,
        portal_id: None,
        portal_stage: None,
        portal_status: None,
        is_renewal: false,
        closed_on: None,
    };
    fill(&mut new);
    new.id = deal::insert(ctx.conn(), ws, &new, now).await?;
    let after = serde_json::to_value(&new).map_err(anyhow::Error::from)?;
    ctx.audit("deal.add", "deal", Some(new.id.get()), None, Some(after))
        .await?;
    let approved = reg.clone();
    reg.deal_id = Some(new.id);
    if !registration::update_guarded(ctx.conn(), ws, reg, approved.status, now).await? {
        return Err(
            anyhow::anyhow!("registration {} changed while linking its deal", reg.id).into(),
        );
    }
    Ok(format!("deal #{} **{}** created for it", new.id, new.name))
}

/// The answer to a decision: from the review card's button, the card itself updated in place;
/// typed, the registration card plus an edit of the posted review card. Either way the
/// submitter is told in the review channel.
pub(super) async fn decided(
    ctx: &mut Ctx<'_>,
    reg: Registration,
    done: &str,
    headline: String,
) -> CommandResult {
    let ws = ctx.workspace.id;
    let (id, submitter) = (reg.id, reg.submitted_by);
    let view = View::load(ctx, reg).await?;
    let review = card::review_message(ctx, &view);
    let mut reply = if ctx.from_component {
        review.updating_source()
    } else {
        let mut reply = Reply::success(headline).with_card(card::card(ctx, &view));
        if let Some(found) = posted::find(ctx.conn(), ws, &card::track(id)).await? {
            reply = reply.with_post(
                Post::new(found.channel_id, "review channel", review)
                    .editing(Some(found.message_id))
                    .tracked(card::track(id)),
            );
        }
        reply
    };
    if let Some(channel) = ctx.workspace.review_channel_id {
        let note = view
            .reg
            .decision_note
            .as_ref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        let message = Reply::info(
            Text::new()
                .user(submitter, view.names.submitter.as_deref())
                .then(format!(
                    " registration #{id} ({} for {}) was **{done}** by {}{note}",
                    view.names.partner, view.names.account, ctx.actor.display_name
                )),
        )
        .public();
        reply = reply.with_post(Post::new(channel, "review channel", message).pinging([submitter]));
    }
    Ok(reply)
}
