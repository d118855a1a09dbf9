//! `/deal show`, and the deal card every deal reply ends with.

use super::stage_text;
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::reply::{Card, Reply, Tone};
use crate::domain::attribution::{
    attribution, is_sourcing_registration, Attribution, AttributionFacts,
};
use crate::domain::dates::format_date;
use crate::domain::deal::Deal;
use crate::domain::deal::{InfluenceType, Marketplace};
use crate::domain::ids::DealId;
use crate::domain::registration::{RegistrationStatus, RegistrationType};
use crate::domain::touch::TouchType;
use crate::domain::Choice;
use crate::store::deal::{self, DealNames, DealRegistration, DealTouch, Influence};

/// Touches shown on a deal card.
const TOUCHES_SHOWN: i64 = 5;
/// Characters of a touch's notes shown on a card.
const NOTES_SHOWN: usize = 80;
/// Registrations and influence partners listed on a card (Discord field values are short).
const ROWS_SHOWN: usize = 8;

pub async fn show(ctx: &mut Ctx<'_>, args: args::DealShow) -> CommandResult {
    let wanted = args.deal;
    let deal = super::resolve(ctx, &wanted).await?;
    let card = card(ctx, &deal).await?;
    Ok(with_buttons(Reply::card(card), deal.id))
}

/// `base` with the deal's card and its buttons.
pub(super) async fn reply(ctx: &mut Ctx<'_>, deal: &Deal, base: Reply) -> CommandResult {
    let card = card(ctx, deal).await?;
    Ok(with_buttons(base.with_card(card), deal.id))
}

fn with_buttons(reply: Reply, id: DealId) -> Reply {
    reply
        .with_button("Log touch", format!("touch log:deal={id}"))
        .with_button("Update", format!("deal update:deal={id}"))
}

/// Everything about one deal.
async fn card(ctx: &mut Ctx<'_>, deal: &Deal) -> CommandResult<Card> {
    let ws = ctx.workspace.id;
    let names = deal::names(ctx.conn(), ws, deal).await?;
    let influences = deal::influences(ctx.conn(), ws, deal.id).await?;
    let registrations = deal::registrations(ctx.conn(), ws, deal.id).await?;
    let touches = deal::recent_touches(ctx.conn(), ws, deal, TOUCHES_SHOWN).await?;
    let marketplace_fee = crate::core::program::deal_fee_text(ctx, deal).await?;

    let quarter = ctx.workspace.calendar.quarter_of(deal.close_date);
    let dash = || "—".to_string();
    let tone = if deal.stage.is_open() {
        Tone::Info
    } else {
        Tone::Success
    };
    let mut card = Card::new(format!("Deal #{} · {}", deal.id, deal.name), tone)
        .description(attribution_line(deal, &names, &registrations, &influences))
        .field("Account", account_text(&names))
        .field("Amount", deal.amount.to_string())
        .field("Stage", stage_text(deal.stage))
        .field(
            "Close",
            format!("{} · {}", format_date(deal.close_date), quarter.label()),
        )
        .field("Forecast", deal.forecast.label())
        .field("Path", deal.path.label())
        .field("Owner", names.owner.clone().unwrap_or_else(dash))
        .field("Territory", names.territory.clone().unwrap_or_else(dash));
    if let Some(closed) = deal.closed_on {
        card = card.field("Closed on", format_date(closed));
    }
    card = card
        .field(
            "Sourcing partner",
            names.sourcing.clone().unwrap_or_else(dash),
        )
        .field("Reseller", names.transacting.clone().unwrap_or_else(dash))
        .field(
            "Distributor",
            names.distributor.clone().unwrap_or_else(dash),
        )
        .field("Marketplace", deal.marketplace.label())
        .field("Portal", portal_text(deal))
        .field(
            "Private offer",
            deal.private_offer_id.clone().unwrap_or_else(dash),
        )
        .field("Renewal", if deal.is_renewal { "Yes" } else { "No" });
    if let Some(fee) = marketplace_fee {
        card = card.wide_field("Marketplace fee", fee);
    }
    card = card
        .wide_field("Influence partners", influence_text(&influences))
        .wide_field("Registrations", registrations_text(&registrations))
        .wide_field("Recent touches", touches_text(&touches));
    Ok(card)
}

fn account_text(names: &DealNames) -> String {
    match &names.account_domain {
        Some(domain) => format!("{} ({domain})", names.account),
        None => names.account.clone(),
    }
}

fn portal_text(deal: &Deal) -> String {
    let parts: Vec<&str> = [
        deal.portal_id.as_deref(),
        deal.portal_stage.map(|s| s.label()),
        deal.portal_status.map(|s| s.label()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join(" · ")
    }
}

/// `Attribution: **Partner Co-Sell** (through Globex Resale)`.
fn attribution_line(
    deal: &Deal,
    names: &DealNames,
    registrations: &[DealRegistration],
    influences: &[Influence],
) -> String {
    let sourcing = registrations
        .iter()
        .find(|r| is_sourcing_registration(&r.reg_type, &r.status));
    let facts = AttributionFacts {
        sourced_registration: sourcing.is_some(),
        transacting_partner: deal.transacting_partner_id.is_some(),
        distributor: deal.distributor_partner_id.is_some(),
        marketplace: deal.marketplace,
        influence: !influences.is_empty(),
    };
    let kind = attribution(facts);
    let why = match kind {
        Attribution::Sourced => sourcing
            .map(|r| format!("registration #{} by {}", r.id, r.partner))
            .unwrap_or_default(),
        Attribution::CoSell => {
            let through: Vec<String> = [names.transacting.clone(), names.distributor.clone()]
                .into_iter()
                .flatten()
                .chain(
                    (deal.marketplace != Marketplace::None)
                        .then(|| deal.marketplace.label().to_string()),
                )
                .collect();
            format!("through {}", through.join(", "))
        }
        Attribution::Influence => {
            let mut partners: Vec<&str> = Vec::new();
            for influence in influences {
                if !partners.contains(&influence.partner.as_str()) {
                    partners.push(&influence.partner);
                }
            }
            format!("influenced by {}", partners.join(", "))
        }
        Attribution::Direct if names.sourcing.is_some() => {
            "no approved registration yet".to_string()
        }
        Attribution::Direct => "no partner sourced, transacted or influenced it".to_string(),
    };
    format!("Attribution: **{}** ({why})", kind.label())
}

fn influence_text(influences: &[Influence]) -> String {
    lines(influences, |i| {
        let kind = InfluenceType::from_id(&i.influence_type)
            .map_or(i.influence_type.as_str(), |k| k.label());
        if i.description.is_empty() {
            format!("{} · {kind}", i.partner)
        } else {
            format!(
                "{} · {kind}: {}",
                i.partner,
                cut(&i.description, NOTES_SHOWN)
            )
        }
    })
}

fn registrations_text(registrations: &[DealRegistration]) -> String {
    lines(registrations, |r| {
        let kind =
            RegistrationType::from_id(&r.reg_type).map_or(r.reg_type.as_str(), |k| k.label());
        let status =
            RegistrationStatus::from_id(&r.status).map_or(r.status.as_str(), |s| s.label());
        let expires = r
            .expires_on
            .map(|d| format!(" · expires {}", format_date(d)))
            .unwrap_or_default();
        format!("#{} {} · {kind} · {status}{expires}", r.id, r.partner)
    })
}

fn touches_text(touches: &[DealTouch]) -> String {
    lines(touches, |t| {
        let kind = TouchType::from_id(&t.touch_type).map_or(t.touch_type.as_str(), |k| k.label());
        let notes = if t.notes.is_empty() {
            String::new()
        } else {
            format!(": {}", cut(&t.notes, NOTES_SHOWN))
        };
        format!(
            "{} · {} · {kind}{notes}",
            format_date(t.occurred_on),
            t.partner
        )
    })
}

/// One line per item (at most [`ROWS_SHOWN`]), or `none`.
fn lines<T>(items: &[T], line: impl Fn(&T) -> String) -> String {
    if items.is_empty() {
        return "none".to_string();
    }
    let mut out: Vec<String> = items.iter().take(ROWS_SHOWN).map(line).collect();
    if items.len() > ROWS_SHOWN {
        out.push(format!("…and {} more", items.len() - ROWS_SHOWN));
    }
    out.join("\n")
}

/// `text` on one line, cut to `max` characters with an ellipsis.
fn cut(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let mut out: String = flat.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}
