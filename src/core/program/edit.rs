//! `/program discount` and `/program fee`: admin edits of the program rules, audited with the
//! cell or the marketplace's whole schedule before and after.
//!
//! The first fee edit of a marketplace that runs on defaults (AWS) copies the default schedule
//! into the workspace, then applies the change, so an edit changes one tier and keeps the rest.
//! Removing a marketplace's last tier brings its defaults back (AWS) or leaves it unconfigured.

use super::show::schedule_text;
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::reply::Reply;
use crate::domain::deal::Marketplace;
use crate::domain::money::{format_money_short, parse_amount_or_zero};
use crate::domain::partner::Track;
use crate::domain::program::margin::DiscountRow;
use crate::domain::program::{
    aws_defaults, format_bp, marketplace_name, parse_percent, DealType, FeeTier, OfferKind,
    ScheduleSource, Terms,
};
use crate::domain::Choice;
use crate::store::program as store;
use serde_json::json;

/// A percentage option (`15%`, `2.5`) in basis points.
fn percent_option(given: Option<&str>, name: &str) -> CommandResult<Option<i64>> {
    Ok(given.map(|text| parse_percent(text, name)).transpose()?)
}

pub async fn discount(ctx: &mut Ctx<'_>, args: args::ProgramDiscount) -> CommandResult {
    let (track, deal_type): (Track, DealType) = (args.track, args.r#type);
    let discount = percent_option(args.discount.as_deref(), "discount")?;
    let rebate = percent_option(args.rebate.as_deref(), "rebate")?;
    let remove = args.remove == Some(true);
    let cell = format!("{} · {}", track.label(), deal_type.label());
    let ws = ctx.workspace.id;
    let table = store::program_table(ctx.conn(), ws).await?;
    let (current, example) = table.terms(track, deal_type);
    let before = cell_json(track, deal_type, current, example);

    if remove {
        if discount.is_some() || rebate.is_some() {
            return Err(CommandError::invalid(
                "`remove:true` resets the cell to the example default; leave out `discount:` \
                 and `rebate:`",
            ));
        }
        if !store::delete_discount(ctx.conn(), ws, track, deal_type).await? {
            return Err(CommandError::invalid(format!(
                "nothing to remove: {cell} is already the example default; see `/program show`"
            )));
        }
        let (back, _) = crate::domain::program::ProgramTable::default().terms(track, deal_type);
        let after = cell_json(track, deal_type, back, true);
        ctx.audit(
            "program.discount",
            "program_discount",
            None,
            Some(before),
            Some(after),
        )
        .await?;
        return Ok(Reply::success(format!(
            "{cell} is back to the example default: {}",
            terms_text(back)
        )));
    }

    if discount.is_none() && rebate.is_none() {
        return Err(CommandError::invalid(format!(
            "give `discount:` (like `discount:25%`) and/or `rebate:` (like `rebate:5%`) for \
             {cell}, or `remove:true` to reset it"
        )));
    }
    let terms = Terms {
        discount_bp: discount.unwrap_or(current.discount_bp),
        rebate_bp: rebate.unwrap_or(current.rebate_bp),
    };
    if deal_type.is_rebate_only() && terms.discount_bp != 0 {
        return Err(CommandError::invalid(format!(
            "{} is paid as a back-end rebate, so its discount stays 0%; give `rebate:` instead \
             (like `rebate:{}`)",
            deal_type.label(),
            format_bp(terms.discount_bp)
        )));
    }
    let row = DiscountRow {
        track,
        deal_type,
        terms,
    };
    store::upsert_discount(ctx.conn(), ws, &row).await?;
    let after = cell_json(track, deal_type, terms, false);
    ctx.audit(
        "program.discount",
        "program_discount",
        None,
        Some(before),
        Some(after),
    )
    .await?;
    let was = if example {
        format!("{} example default", terms_text(current))
    } else {
        terms_text(current)
    };
    Ok(Reply::success(format!(
        "{cell}: {} (was {was})",
        terms_text(terms)
    )))
}

/// `25% discount, 5% rebate`.
/// A discount cell as the audit log records it (`example`: the built-in default).
fn cell_json(track: Track, deal_type: DealType, terms: Terms, example: bool) -> serde_json::Value {
    json!({
        "track": track.as_str(), "deal_type": deal_type.as_str(),
        "discount_bp": terms.discount_bp, "rebate_bp": terms.rebate_bp, "example": example,
    })
}

fn terms_text(terms: Terms) -> String {
    format!(
        "{} discount, {} rebate",
        format_bp(terms.discount_bp),
        format_bp(terms.rebate_bp)
    )
}

pub async fn fee(ctx: &mut Ctx<'_>, args: args::ProgramFee) -> CommandResult {
    let (marketplace, offer): (Marketplace, OfferKind) = (args.marketplace, args.offer);
    let currency = ctx.workspace.currency;
    let from = match args.from.as_deref() {
        Some(text) => parse_amount_or_zero(text, currency)?,
        None => 0,
    };
    let fee_bp = percent_option(args.fee.as_deref(), "fee")?;
    let remove = args.remove == Some(true);
    if marketplace == Marketplace::None {
        return Err(CommandError::invalid(
            "`marketplace:none` has no fees; choose `aws`, `gcp` or `azure`",
        ));
    }
    let name = marketplace_name(marketplace);
    let tier_name = format!(
        "{name} {} tier from {}",
        offer.label(),
        format_money_short(from, currency)
    );
    let ws = ctx.workspace.id;
    let schedule = store::fee_schedule(ctx.conn(), ws, currency).await?;
    let source = schedule.source(marketplace);
    let before_tiers = schedule.tiers(marketplace);
    let exists = before_tiers
        .iter()
        .any(|t| t.offer == offer && t.min_tcv_minor == from);

    let done = if remove {
        if fee_bp.is_some() {
            return Err(CommandError::invalid(
                "`remove:true` removes a tier; leave out `fee:`",
            ));
        }
        if !exists {
            return Err(CommandError::invalid(format!(
                "nothing to remove: there is no {tier_name}; see `/program show`"
            )));
        }
        copy_defaults_once(ctx, marketplace, source).await?;
        store::delete_fee(ctx.conn(), ws, marketplace, offer, from).await?;
        format!("Removed the {tier_name}")
    } else {
        let Some(fee_bp) = fee_bp else {
            return Err(CommandError::invalid(format!(
                "give the fee of the {tier_name}, like `fee:2%`, or `remove:true` to remove it"
            )));
        };
        copy_defaults_once(ctx, marketplace, source).await?;
        let tier = FeeTier {
            marketplace,
            offer,
            min_tcv_minor: from,
            fee_bp,
        };
        store::upsert_fee(ctx.conn(), ws, &tier).await?;
        format!(
            "{} the {tier_name}: {}",
            if exists { "Changed" } else { "Added" },
            format_bp(fee_bp)
        )
    };

    let after = store::fee_schedule(ctx.conn(), ws, currency).await?;
    let after_tiers = after.tiers(marketplace);
    let audit_json = |tiers: &[FeeTier], source: ScheduleSource| {
        json!({
            "marketplace": marketplace.as_str(),
            "default": source == ScheduleSource::Default,
            "tiers": tiers,
        })
    };
    let before_json = audit_json(&before_tiers, source);
    let after_json = audit_json(&after_tiers, after.source(marketplace));
    ctx.audit(
        "program.fee",
        "marketplace_fee",
        None,
        Some(before_json),
        Some(after_json),
    )
    .await?;
    let note = match after.source(marketplace) {
        ScheduleSource::Workspace => String::new(),
        ScheduleSource::Default => " It had no tiers left, so the defaults apply again.".into(),
        ScheduleSource::Missing => format!(" {name} has no fee schedule now."),
    };
    Ok(Reply::success(format!(
        "{done}.{note}\n{} fees now:\n{}",
        marketplace.label(),
        schedule_text(&after, marketplace, currency)
    )))
}

/// Before the first edit of a marketplace on defaults, stores the defaults as its schedule.
async fn copy_defaults_once(
    ctx: &mut Ctx<'_>,
    marketplace: Marketplace,
    source: ScheduleSource,
) -> CommandResult<()> {
    if source != ScheduleSource::Default || marketplace != Marketplace::Aws {
        return Ok(());
    }
    let ws = ctx.workspace.id;
    for tier in aws_defaults(ctx.workspace.currency) {
        store::upsert_fee(ctx.conn(), ws, &tier).await?;
    }
    Ok(())
}
