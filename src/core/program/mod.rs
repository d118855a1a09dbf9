//! `/program show|discount|fee`: the workspace's partner discount table and marketplace fee
//! schedules (see `domain::program` for the rules and `store::program` for how stored rows
//! override the defaults), and the fee of one deal, shared by `/deal show` and `/quote check`.
//!
//! - [`show`]: the table and the schedules, defaults marked.
//! - [`edit`]: the admin edits (one audit row each).

mod edit;
mod show;

pub use edit::{discount, fee};
pub use show::show;

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::domain::deal::Deal;
use crate::domain::deal::Marketplace;
use crate::domain::partner::PartnerType;
use crate::domain::program::{self, format_bp, Fee, OfferKind, ProgramError};
use crate::store::deal::{self as deal_store, stored};

impl From<ProgramError> for CommandError {
    fn from(err: ProgramError) -> Self {
        CommandError::invalid(err.to_string())
    }
}

/// The offer kind a deal's marketplace fee is charged as: a renewal when the deal is flagged
/// as one, else a private offer (deals negotiated by sales go through private offers; public
/// listing purchases are self-serve and never become deals).
pub(crate) fn offer_kind_of(deal: &Deal) -> OfferKind {
    if deal.is_renewal {
        OfferKind::Renewal
    } else {
        OfferKind::Private
    }
}

/// Whether the deal is a channel-partner private offer: a marketplace deal whose transacting
/// partner is not the cloud provider itself.
pub(crate) async fn is_cppo(ctx: &mut Ctx<'_>, deal: &Deal) -> CommandResult<bool> {
    let Some(partner_id) = deal.transacting_partner_id else {
        return Ok(false);
    };
    if deal.marketplace == Marketplace::None {
        return Ok(false);
    }
    let ws = ctx.workspace.id;
    let kind: PartnerType = stored(&deal_store::partner_type(ctx.conn(), ws, partner_id).await?)?;
    Ok(kind != PartnerType::Cloud)
}

/// The marketplace fee of `amount_minor` on the deal's marketplace at the workspace's schedule
/// (the amount stands in for the total contract value). `Ok(Err(..))`: no fee can be worked
/// out (no schedule, no tier), said in the error's text.
pub(crate) async fn deal_fee(
    ctx: &mut Ctx<'_>,
    deal: &Deal,
    amount_minor: i64,
) -> CommandResult<Result<Fee, ProgramError>> {
    let cppo = is_cppo(ctx, deal).await?;
    let (ws, currency) = (ctx.workspace.id, ctx.workspace.currency);
    let schedule = crate::store::program::fee_schedule(ctx.conn(), ws, currency).await?;
    Ok(program::fee_bp(
        &schedule,
        deal.marketplace,
        offer_kind_of(deal),
        amount_minor,
        cppo,
    ))
}

/// The deal card's marketplace line: `2% = $2,400 · vendor net $117,600 (Private offer, …)`,
/// or why there is no fee; `None` off-marketplace.
pub(crate) async fn deal_fee_text(ctx: &mut Ctx<'_>, deal: &Deal) -> CommandResult<Option<String>> {
    if deal.marketplace == Marketplace::None {
        return Ok(None);
    }
    Ok(Some(match deal_fee(ctx, deal, deal.amount.minor).await? {
        Ok(fee) => format!(
            "{} = {} · vendor net {}\n{}",
            format_bp(fee.bp),
            ctx.money(program::fee_minor(deal.amount.minor, fee.bp)),
            ctx.money(program::vendor_net(deal.amount.minor, fee.bp)),
            fee.describe(ctx.workspace.currency)
        ),
        Err(why) => why.to_string(),
    }))
}
