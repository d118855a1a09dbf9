//! `/deal influence`: records that a partner helped a deal without sourcing or transacting it
//! (executive introduction, briefing, demo, POC, RFP help, side-by-side pursuit, other).
//!
//! One row per deal × partner × type: recording the same again replaces its description (the
//! PTM adding detail is the common case) and says so. The deal's sourcing or transacting
//! partner is refused: its role already counts, and influence is for the others.

use super::show;
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::Reply;
use crate::domain::deal::InfluenceType;
use crate::domain::Choice;
use crate::store::influence::{self as store, InfluenceRow};

/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 1000;

pub async fn influence(ctx: &mut Ctx<'_>, args: args::DealInfluence) -> CommandResult {
    let deal_input = args.deal;
    let partner_input = args.partner;
    let kind: InfluenceType = args.r#type;
    let description = args.description.trim().to_string();
    let length = description.chars().count();
    if length > DESCRIPTION_MAX {
        return Err(CommandError::invalid(format!(
            "the description is {length} characters; the limit is {DESCRIPTION_MAX}"
        )));
    }
    let deal = super::resolve(ctx, &deal_input).await?;
    let partner = lookup::partner(ctx, &partner_input).await?;
    let role = if deal.sourcing_partner_id == Some(partner.id) {
        Some("sourcing partner")
    } else if deal.transacting_partner_id == Some(partner.id) {
        Some("reseller")
    } else {
        None
    };
    if let Some(role) = role {
        return Err(CommandError::invalid(format!(
            "**{}** is already deal #{}'s {role}, which counts for more than influence; \
             influence is for partners that helped without sourcing or transacting the deal",
            partner.name, deal.id
        )));
    }

    let ws = ctx.workspace.id;
    let existing = store::find(ctx.conn(), ws, deal.id, partner.id, kind.as_str()).await?;
    let mut row = InfluenceRow {
        id: 0,
        deal_id: deal.id,
        partner_id: partner.id,
        influence_type: kind.as_str().to_string(),
        description,
        recorded_by: ctx.actor.user_id,
    };
    let (now, user) = (ctx.now, ctx.actor.user_id);
    let (before, verb) = match existing {
        Some(old) => {
            row.id = old.id;
            store::update_description(ctx.conn(), ws, old.id, &row.description, user).await?;
            (Some(to_json(&old)?), "updated")
        }
        None => {
            row.id = store::insert(ctx.conn(), ws, &row, now).await?;
            (None, "recorded")
        }
    };
    ctx.audit(
        "deal.influence",
        "deal_influence",
        Some(row.id),
        before,
        Some(to_json(&row)?),
    )
    .await?;
    let text = format!(
        "Influence {verb}: **{}** · {} on deal #{} {}",
        partner.name,
        kind.label(),
        deal.id,
        deal.name
    );
    show::reply(ctx, &deal, Reply::success(text)).await
}

fn to_json(row: &InfluenceRow) -> CommandResult<serde_json::Value> {
    Ok(serde_json::to_value(row).map_err(anyhow::Error::from)?)
}
