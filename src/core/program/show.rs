//! `/program show`: the discount table (deal type × track) and each marketplace's fee schedule,
//! built-in defaults marked as such.

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::reply::{Card, Reply, Table, Tone};
use crate::domain::deal::Marketplace;
use crate::domain::money::Currency;
use crate::domain::partner::Track;
use crate::domain::program::{
    format_bp, marketplace_name, tier_range, DealType, FeeSchedule, OfferKind, ProgramError,
    ProgramTable, ScheduleSource,
};
use crate::domain::Choice;
use crate::store::program as store;

pub async fn show(ctx: &mut Ctx<'_>, _args: args::ProgramShow) -> CommandResult {
    let (ws, currency) = (ctx.workspace.id, ctx.workspace.currency);
    let table = store::program_table(ctx.conn(), ws).await?;
    let schedule = store::fee_schedule(ctx.conn(), ws, currency).await?;
    let (discounts, any_example) = discount_table(&table);
    let mut card = Card::new("Program rules", Tone::Info)
        .description(
            "Partner discount (front end) and rebate (back end, paid after close) by deal type \
             and track.",
        )
        .table(discounts);
    for marketplace in Marketplace::ALL.iter().skip(1) {
        card = card.wide_field(
            schedule_title(&schedule, *marketplace),
            schedule_text(&schedule, *marketplace, currency),
        );
    }
    let mut footer = String::new();
    if any_example {
        footer
            .push_str("* example default, not a real program: set yours with /program discount. ");
    }
    footer.push_str("Admins change fees with /program fee.");
    Ok(Reply::card(card.footer(footer)))
}

/// Deal types down, tracks across; `*` marks example cells. Also whether any cell is one.
fn discount_table(table: &ProgramTable) -> (Table, bool) {
    let mut headers = vec!["Deal type".to_string()];
    headers.extend(Track::ALL.iter().map(|t| format!(">{}", t.label())));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut out = Table::new(&header_refs);
    let mut any_example = false;
    for deal_type in DealType::ALL {
        let mut row = vec![deal_type.label().to_string()];
        for track in Track::ALL {
            let (terms, example) = table.terms(*track, *deal_type);
            any_example |= example;
            let mut cell = if deal_type.is_rebate_only() && terms.discount_bp == 0 {
                format!("{} rebate", format_bp(terms.rebate_bp))
            } else if terms.rebate_bp > 0 {
                format!(
                    "{} + {} rebate",
                    format_bp(terms.discount_bp),
                    format_bp(terms.rebate_bp)
                )
            } else {
                format_bp(terms.discount_bp)
            };
            if example {
                cell.push('*');
            }
            row.push(cell);
        }
        out.row(row);
    }
    (out, any_example)
}

fn schedule_title(schedule: &FeeSchedule, marketplace: Marketplace) -> String {
    let source = match schedule.source(marketplace) {
        ScheduleSource::Workspace => "",
        ScheduleSource::Default => " (default)",
        ScheduleSource::Missing => " (not configured)",
    };
    format!("{} fees{source}", marketplace.label())
}

/// One line per offer kind:
/// `Private offer: 3% (below $1M) · 2% ($1M to below $10M) · 1.5% (from $10M)`.
pub(super) fn schedule_text(
    schedule: &FeeSchedule,
    marketplace: Marketplace,
    currency: Currency,
) -> String {
    if schedule.source(marketplace) == ScheduleSource::Missing {
        return ProgramError::NoSchedule {
            name: marketplace_name(marketplace),
            id: marketplace.as_str(),
        }
        .to_string();
    }
    let tiers = schedule.tiers(marketplace);
    let mut lines = Vec::new();
    for offer in OfferKind::ALL {
        let of_offer: Vec<_> = tiers.iter().filter(|t| t.offer == *offer).collect();
        if of_offer.is_empty() {
            continue;
        }
        let parts: Vec<String> = of_offer
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let next = of_offer.get(i + 1).map(|n| n.min_tcv_minor);
                format!(
                    "{} ({})",
                    format_bp(t.fee_bp),
                    tier_range(t.min_tcv_minor, next, currency)
                )
            })
            .collect();
        lines.push(format!("{}: {}", offer.label(), parts.join(" · ")));
    }
    lines.join("\n")
}
