//! `/quote check`: a quoted partner discount on a deal against the workspace's program, with
//! the partner price, the partner's margin, the marketplace fee and the vendor's net.
//!
//! What the check looks up (each can be overridden by an option):
//! - **list price**: the deal amount (`list:` to quote another figure);
//! - **partner** (whose track applies): the transacting partner unless it is the cloud provider
//!   itself (a marketplace, partner type cloud), else the sourcing partner;
//! - **deal type** (`type:`): a renewal when the deal is flagged renewal; else the type of its
//!   approved (or closed-won) sourcing registration (resale → sourced resale, MSP → MSP,
//!   referral → referral); else co-sell resale when a partner transacts it. Otherwise there is
//!   no program cell to check against and the check says so.

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::deal::resolve;
use crate::core::error::{CommandError, CommandResult};
use crate::core::program::deal_fee;
use crate::core::reply::{Card, Reply, Tone};
use crate::domain::attribution::is_sourcing_registration;
use crate::domain::deal::Deal;
use crate::domain::deal::Marketplace;
use crate::domain::ids::PartnerId;
use crate::domain::partner::{PartnerType, Track};
use crate::domain::program::{format_bp, parse_percent, quote, DealType, Quote, Versus};
use crate::domain::registration::RegistrationType;
use crate::domain::Choice;
use crate::store::deal as deal_store;
use crate::store::partner as partner_store;
use crate::store::program as program_store;

pub async fn check(ctx: &mut Ctx<'_>, args: args::QuoteCheck) -> CommandResult {
    let deal_input = args.deal;
    let discount_bp = parse_percent(&args.discount, "discount")?;
    let type_given: Option<DealType> = args.r#type;
    let list_given = args.list.map(|m| m.minor);
    let deal = resolve(ctx, &deal_input).await?;
    let list_minor = list_given.unwrap_or(deal.amount.minor);

    let (partner_name, track, role) = partner_of(ctx, &deal).await?;
    let (deal_type, why_type) = match type_given {
        Some(t) => (t, "as given".to_string()),
        None => deal_type_of(ctx, &deal).await?,
    };
    let ws = ctx.workspace.id;
    let table = program_store::program_table(ctx.conn(), ws).await?;
    let (terms, example) = table.terms(track, deal_type);
    let fee = if deal.marketplace == Marketplace::None {
        None
    } else {
        let partner_price = list_minor - crate::domain::program::fee_minor(list_minor, discount_bp);
        Some(deal_fee(ctx, &deal, partner_price).await?)
    };
    let fee_bp = fee.as_ref().and_then(|f| f.as_ref().ok()).map(|f| f.bp);
    let q = quote(list_minor, discount_bp, terms, fee_bp);

    let cell = format!("{} · {}", track.label(), deal_type.label());
    let program_text = format!(
        "{}{}",
        format_bp(terms.discount_bp),
        if example { " (example default)" } else { "" }
    );
    let verdict = match q.versus {
        Versus::Exceeds(_) => format!(
            "**{} {}** ({cell}: {program_text}). It needs approval from a director before it \
             goes to the partner.",
            format_bp(discount_bp),
            q.versus.describe()
        ),
        _ => format!(
            "{} {} ({cell}: {program_text}).",
            format_bp(discount_bp),
            q.versus.describe()
        ),
    };
    let tone = match q.versus {
        Versus::Exceeds(_) => Tone::Warning,
        _ => Tone::Success,
    };
    let mut card = Card::new(
        format!("Quote check · Deal #{} · {}", deal.id, deal.name),
        tone,
    )
    .description(verdict)
    .field(
        "Partner",
        format!("{partner_name} ({}, {role})", track.label()),
    )
    .field("Deal type", format!("{} ({why_type})", deal_type.label()))
    .field("List price", ctx.money(q.list_minor))
    .field(
        "Quoted discount",
        format!(
            "{} = {}",
            format_bp(discount_bp),
            ctx.money(q.discount_minor)
        ),
    )
    .field("Partner price", ctx.money(q.partner_price_minor))
    .field("Partner margin", ctx.money(q.partner_margin_minor));
    if q.rebate_bp > 0 {
        card = card.field(
            "Rebate (after close)",
            format!("{} = {}", format_bp(q.rebate_bp), ctx.money(q.rebate_minor)),
        );
    }
    card = card
        .wide_field("Marketplace fee", fee_text(ctx, &deal, &q, fee.as_ref()))
        .field("Vendor net", vendor_net_text(ctx, &q, fee.as_ref()));
    Ok(Reply::card(card.footer(
        "Amounts are rounded half up to the minor unit; the list price is the deal amount \
         unless list: is given.",
    )))
}

type FeeResult = Result<crate::domain::program::Fee, crate::domain::program::ProgramError>;

fn fee_text(ctx: &Ctx<'_>, deal: &Deal, q: &Quote, fee: Option<&FeeResult>) -> String {
    match fee {
        None => "none: not a marketplace deal".to_string(),
        Some(Err(why)) => why.to_string(),
        Some(Ok(fee)) => format!(
            "{} of the partner price = {} on {}\n{}",
            format_bp(fee.bp),
            ctx.money(q.fee_minor),
            deal.marketplace.label(),
            fee.describe(ctx.workspace.currency)
        ),
    }
}

fn vendor_net_text(ctx: &Ctx<'_>, q: &Quote, fee: Option<&FeeResult>) -> String {
    let mut text = match fee {
        Some(Err(_)) => format!(
            "{} before the marketplace fee (unknown)",
            ctx.money(q.vendor_net_minor)
        ),
        _ => ctx.money(q.vendor_net_minor),
    };
    if q.rebate_minor > 0 {
        text.push_str(&format!(
            "; {} after the rebate",
            ctx.money(q.vendor_net_after_rebate_minor)
        ));
    }
    text
}

/// The partner whose track applies, its track, and its role on the deal.
async fn partner_of(
    ctx: &mut Ctx<'_>,
    deal: &Deal,
) -> CommandResult<(String, Track, &'static str)> {
    let ws = ctx.workspace.id;
    let mut transacting = None;
    if let Some(id) = deal.transacting_partner_id {
        if !is_cloud(ctx, id).await? {
            transacting = Some(id);
        }
    }
    let (id, role) = match (transacting, deal.sourcing_partner_id) {
        (Some(id), _) => (id, "transacting"),
        (None, Some(id)) => (id, "sourcing"),
        (None, None) => {
            return Err(CommandError::invalid(format!(
                "deal #{} has no partner whose discount could apply: no reseller and no \
                 sourcing partner. Set one with `/deal update deal:#{} reseller:\"…\"`",
                deal.id, deal.id
            )))
        }
    };
    let partner = partner_store::get(ctx.conn(), ws, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("partner {id} of deal {} is gone", deal.id))?;
    Ok((partner.fields.name, partner.fields.track, role))
}

async fn is_cloud(ctx: &mut Ctx<'_>, partner_id: PartnerId) -> CommandResult<bool> {
    let ws = ctx.workspace.id;
    let kind = deal_store::partner_type(ctx.conn(), ws, partner_id).await?;
    Ok(kind == PartnerType::Cloud.as_str())
}

/// The deal type by the rule in the module docs, and why.
async fn deal_type_of(ctx: &mut Ctx<'_>, deal: &Deal) -> CommandResult<(DealType, String)> {
    if deal.is_renewal {
        return Ok((DealType::Renewal, "the deal is a renewal".to_string()));
    }
    let ws = ctx.workspace.id;
    let registrations = deal_store::registrations(ctx.conn(), ws, deal.id).await?;
    if let Some(reg) = registrations
        .iter()
        .find(|r| is_sourcing_registration(&r.reg_type, &r.status))
    {
        let deal_type = match RegistrationType::from_id(&reg.reg_type) {
            Some(RegistrationType::Msp) => DealType::Msp,
            Some(RegistrationType::Referral) => DealType::Referral,
            _ => DealType::SourcedResale,
        };
        return Ok((
            deal_type,
            format!("registration #{} by {}", reg.id, reg.partner),
        ));
    }
    if deal.transacting_partner_id.is_some() {
        return Ok((
            DealType::CoSellResale,
            "a partner transacts it, no approved registration".to_string(),
        ));
    }
    Err(CommandError::invalid(format!(
        "deal #{} has no approved registration and no reseller, so no program discount applies \
         to it; give the deal type to check against, like `type:referral`",
        deal.id
    )))
}
