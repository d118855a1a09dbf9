//! `/deal update`: change any field of a deal. PTMs change the deals they own or that are in a
//! territory they cover; directors and admins any deal.

use super::add::default_name;
use super::input::{self, DealFields, DealInput};
use super::{show, stage_text};
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::Reply;
use crate::domain::dates::format_date;
use crate::domain::deal::Deal;
use crate::domain::Choice;
use crate::store::deal;
use crate::store::territory;

pub async fn update(ctx: &mut Ctx<'_>, args: args::DealUpdate) -> CommandResult {
    let wanted = args.deal.clone();
    let account = args.account.clone();
    let fields = DealFields::from(args);
    if account.is_none() && fields.is_empty() {
        return Err(CommandError::invalid(
            "nothing to update: give what changes, like `stage:proposal`, `amount:150k` or \
             `close:+30d`",
        ));
    }
    let current = super::resolve(ctx, &wanted).await?;
    check_permission(ctx, &current).await?;
    let input = DealInput::read(ctx, fields, true).await?;
    input::check_partner_types(ctx, &input).await?;
    let today = ctx.today;

    let mut new = current.clone();
    if let Some(text) = account {
        new.account_id = lookup::existing_account(ctx, &text).await?.id;
    }
    input.apply(&mut new, today);
    if input.name.is_none()
        && (new.amount != current.amount || new.account_id != current.account_id)
    {
        // A name that was the default follows the amount and account.
        let ws = ctx.workspace.id;
        let old_account = deal::names(ctx.conn(), ws, &current).await?.account;
        if current.name == default_name(&old_account, current.amount.minor, ctx) {
            let account = deal::names(ctx.conn(), ws, &new).await?.account;
            new.name = default_name(&account, new.amount.minor, ctx);
        }
    }
    let reopened = !current.stage.is_open() && new.stage.is_open();
    input::check(&mut new, input.close.is_some() || reopened, today)?;
    if new == current {
        return Err(CommandError::invalid(format!(
            "nothing changed: deal #{} already has these values",
            current.id
        )));
    }

    let ws = ctx.workspace.id;
    let now = ctx.now;
    deal::update(ctx.conn(), ws, &new, now).await?;
    let before = serde_json::to_value(&current).map_err(anyhow::Error::from)?;
    let after = serde_json::to_value(&new).map_err(anyhow::Error::from)?;
    ctx.audit(
        "deal.update",
        "deal",
        Some(new.id.get()),
        Some(before),
        Some(after),
    )
    .await?;
    let mut changed = changes(&current, &new);
    if current.stage.is_open() && !new.stage.is_open() {
        // Its approved registrations close with it.
        changed.extend(crate::core::registration::close_with_deal(ctx, &new).await?);
    }
    let text = format!(
        "Deal #{} **{}** updated: {}",
        new.id,
        new.name,
        changed.join("; ")
    );
    show::reply(ctx, &new, Reply::success(text)).await
}

/// PTMs may change deals they own or that are in a territory they cover.
async fn check_permission(ctx: &mut Ctx<'_>, deal: &Deal) -> CommandResult<()> {
    if ctx.is_manager() || deal.owner_user_id == ctx.actor.user_id {
        return Ok(());
    }
    let (ws, user) = (ctx.workspace.id, ctx.actor.user_id);
    let covered = territory::of_member(ctx.conn(), ws, user).await?;
    if deal.territory_id.is_some_and(|t| covered.contains(&t)) {
        return Ok(());
    }
    let names = deal::names(ctx.conn(), ws, deal).await?;
    let place = match &names.territory {
        Some(t) => format!("in {t}"),
        None => "in no territory".to_string(),
    };
    Err(CommandError::Denied(format!(
        "you can update only deals you own or in territories you cover; deal #{} is {}'s, {place}. \
         Ask its owner or a director.",
        deal.id,
        names.owner.unwrap_or_else(|| "someone else".to_string())
    )))
}

/// What changed, for the reply: `amount $120,000 → $150,000`, `partners`.
fn changes(before: &Deal, after: &Deal) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |label: &str, old: String, new: String| {
        if old != new {
            out.push(format!("{label} {old} → {new}"));
        }
    };
    push(
        "amount",
        before.amount.to_string(),
        after.amount.to_string(),
    );
    push("stage", stage_text(before.stage), stage_text(after.stage));
    push(
        "close",
        format_date(before.close_date),
        format_date(after.close_date),
    );
    push(
        "forecast",
        before.forecast.label().into(),
        after.forecast.label().into(),
    );
    push(
        "path",
        before.path.label().into(),
        after.path.label().into(),
    );
    push(
        "marketplace",
        before.marketplace.label().into(),
        after.marketplace.label().into(),
    );
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    push(
        "renewal",
        yes_no(before.is_renewal),
        yes_no(after.is_renewal),
    );
    let others = [
        ("name", before.name != after.name),
        ("account", before.account_id != after.account_id),
        ("owner", before.owner_user_id != after.owner_user_id),
        ("territory", before.territory_id != after.territory_id),
        (
            "sourcing partner",
            before.sourcing_partner_id != after.sourcing_partner_id,
        ),
        (
            "reseller",
            before.transacting_partner_id != after.transacting_partner_id,
        ),
        (
            "distributor",
            before.distributor_partner_id != after.distributor_partner_id,
        ),
        (
            "portal",
            (&before.portal_id, before.portal_stage, before.portal_status)
                != (&after.portal_id, after.portal_stage, after.portal_status),
        ),
        (
            "private offer",
            before.private_offer_id != after.private_offer_id,
        ),
    ];
    out.extend(
        others
            .iter()
            .filter(|(_, changed)| *changed)
            .map(|(l, _)| l.to_string()),
    );
    out
}
