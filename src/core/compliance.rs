//! `/compliance [territory] [partner]`: what a PTM must fix, 15 gaps a page, each kind with
//! what to do. The kinds (see `store::compliance::GapKind`):
//! - marketplace deals (open or won) with no co-sell portal id;
//! - a portal stage behind the deal's stage (the mapping is in `domain::compliance`);
//! - a portal review status of Action Required or Rejected;
//! - registrations submitted or pending review for more than 1 business day (weekends skipped,
//!   in the workspace timezone);
//! - partners whose signed agreement has lapsed, and partners with open deals and no signed
//!   agreement (a partner with no agreement and no open deals is not a gap yet).

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::deal::{short_date, stage_text};
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::{Card, Reply, Table, Tone};
use crate::domain::compliance::{
    business_days_before, min_portal_stage, REVIEW_TARGET_BUSINESS_DAYS,
};
use crate::domain::deal::{Marketplace, PortalStage, PortalStatus, Stage};
use crate::domain::Choice;
use crate::store::codec;
use crate::store::compliance::{self as store, GapFilter, GapKind, GapRow};
use chrono::{Duration, TimeZone, Utc};

/// Gaps on one page.
const PAGE_SIZE: i64 = 15;

fn label(kind: GapKind) -> &'static str {
    match kind {
        GapKind::NoPortalId => "No portal id",
        GapKind::PortalBehind => "Portal behind",
        GapKind::PortalAttention => "Portal review",
        GapKind::ReviewOverdue => "Review overdue",
        GapKind::AgreementLapsed => "Agreement lapsed",
        GapKind::NoAgreement => "No agreement",
    }
}

fn what_to_do(kind: GapKind) -> &'static str {
    match kind {
        GapKind::NoPortalId => {
            "register the opportunity in the cloud partner's co-sell portal (AWS ACE, Google \
             Partner Advantage), then record it with `/deal update deal:#… portal_id:…`"
        }
        GapKind::PortalBehind => {
            "move the portal opportunity up to the stage shown, then `/deal update deal:#… \
             portal_stage:…`"
        }
        GapKind::PortalAttention => {
            "answer the portal reviewer (Action Required) or fix and resubmit (Rejected), then \
             `/deal update deal:#… portal_status:…`"
        }
        GapKind::ReviewOverdue => {
            "review it now: approve, deny or return it; the target is 1 business day"
        }
        GapKind::AgreementLapsed => {
            "get the partner agreement renewed, then `/partner update partner:… \
             agreement_expires:…`"
        }
        GapKind::NoAgreement => {
            "get the partner agreement signed before their deals close, then `/partner update \
             partner:… agreement_signed:…`"
        }
    }
}

pub async fn compliance(ctx: &mut Ctx<'_>, args: args::Compliance) -> CommandResult {
    let ws = ctx.workspace.id;
    let mut said: Vec<String> = Vec::new();
    let mut carried: Vec<(&str, String)> = Vec::new();
    let mut filter = GapFilter {
        territory_id: None,
        partner_id: None,
        today: ctx.today,
        review_cutoff: review_cutoff(ctx),
    };
    if let Some(text) = args.territory {
        let found = lookup::territory(ctx, &text).await?;
        filter.territory_id = Some(found.id);
        said.push(format!("in {}", found.name));
        carried.push(("territory", found.name));
    }
    if let Some(text) = args.partner {
        let found = lookup::partner(ctx, &text).await?;
        filter.partner_id = Some(found.id);
        said.push(format!("for {}", found.name));
        carried.push(("partner", found.name));
    }
    let scope = if said.is_empty() {
        String::new()
    } else {
        format!(" {}", said.join(", "))
    };

    let counts = store::counts(ctx.conn(), ws, &filter).await?;
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return Ok(Reply::success(format!(
            "No compliance gaps{scope}: every marketplace deal is registered and up to date in \
             its co-sell portal, no registration waits past its review target and every \
             partner with open deals has a current agreement."
        )));
    }
    let pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    let page = args.page.unwrap_or(1);
    if page > pages {
        return Err(CommandError::invalid(format!(
            "page {page} is past the end: there {} {pages} page{} of compliance gaps{scope}",
            if pages == 1 { "is" } else { "are" },
            if pages == 1 { "" } else { "s" },
        )));
    }

    // The page's slice of the kinds, in order.
    let mut skip = (page - 1) * PAGE_SIZE;
    let mut wanted = PAGE_SIZE;
    let mut rows: Vec<GapRow> = Vec::new();
    for (kind, count) in &counts {
        if wanted == 0 {
            break;
        }
        if skip >= *count {
            skip -= count;
            continue;
        }
        let take = wanted.min(count - skip);
        rows.extend(store::page(ctx.conn(), ws, *kind, &filter, take, skip).await?);
        wanted -= take;
        skip = 0;
    }

    let mut table = Table::new(&["Gap", "Record", "Now", "Needs"]);
    for row in &rows {
        let (record, now, needs) = describe(ctx, row);
        table.row(vec![label(row.kind).to_string(), record, now, needs]);
    }
    let mut todo: Vec<String> = Vec::new();
    for row in &rows {
        let line = format!("**{}**: {}", label(row.kind), what_to_do(row.kind));
        if !todo.contains(&line) {
            todo.push(line);
        }
    }
    let summary: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| format!("{} {n}", label(*kind).to_lowercase()))
        .collect();
    let footer = format!(
        "Page {page} of {pages} · {total} gap{} · {}",
        if total == 1 { "" } else { "s" },
        summary.join(", ")
    );
    let card = Card::new(format!("Compliance gaps{scope}"), Tone::Warning)
        .table(table)
        .wide_field("What to do", todo.join("\n"))
        .footer(footer);
    Ok(Reply::card(card).with_page_buttons("compliance", page, pages, &carried))
}

/// The instant (stored text) before which a submitted registration is past its review target:
/// now, in the workspace timezone, minus the target in business days.
pub(crate) fn review_cutoff(ctx: &Ctx<'_>) -> String {
    let tz = ctx.workspace.timezone;
    let local = ctx.now.with_timezone(&tz).naive_local();
    let cutoff = business_days_before(local, REVIEW_TARGET_BUSINESS_DAYS);
    // A local time skipped by a daylight-saving change: the first instant after the gap.
    let utc = tz
        .from_local_datetime(&cutoff)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(cutoff + Duration::hours(1)))
                .earliest()
        })
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or(ctx.now - Duration::days(1));
    codec::instant(utc)
}

/// (record, what it is now, what it needs) for one row.
fn describe(ctx: &Ctx<'_>, row: &GapRow) -> (String, String, String) {
    let account = row.account.clone().unwrap_or_default();
    let stage = row.stage.as_deref().and_then(Stage::from_id);
    let marketplace = row
        .marketplace
        .as_deref()
        .and_then(Marketplace::from_id)
        .map_or("", |m| short_marketplace(m));
    let deal_record = || format!("#{} {account}", row.id);
    match row.kind {
        GapKind::NoPortalId => (
            deal_record(),
            format!(
                "{marketplace}, {}",
                stage.map(stage_text).unwrap_or_default()
            ),
            "portal id".to_string(),
        ),
        GapKind::PortalBehind => (
            deal_record(),
            format!(
                "{} at {}",
                row.portal_stage
                    .as_deref()
                    .and_then(PortalStage::from_id)
                    .map_or("no portal stage", |p| p.label()),
                stage.map(stage_text).unwrap_or_default()
            ),
            stage
                .and_then(min_portal_stage)
                .map_or(String::new(), |p| p.label().to_string()),
        ),
        GapKind::PortalAttention => (
            deal_record(),
            row.portal_status
                .as_deref()
                .and_then(PortalStatus::from_id)
                .map_or(String::new(), |s| s.label().to_string()),
            "resubmission".to_string(),
        ),
        GapKind::ReviewOverdue => {
            let submitted = row
                .when
                .as_deref()
                .and_then(|t| codec::parse_instant(t).ok())
                .map(|at| short_date(at.with_timezone(&ctx.workspace.timezone).date_naive()))
                .unwrap_or_default();
            (
                format!("Reg #{} {} · {account}", row.id, row.name),
                format!("submitted {submitted}"),
                "review".to_string(),
            )
        }
        GapKind::AgreementLapsed => {
            let expired = row
                .when
                .as_deref()
                .and_then(|t| codec::parse_date(t).ok())
                .map(short_date)
                .unwrap_or_default();
            (
                row.name.clone(),
                format!("expired {expired}"),
                "renewal".to_string(),
            )
        }
        GapKind::NoAgreement => (
            row.name.clone(),
            "open deals, never signed".to_string(),
            "signed agreement".to_string(),
        ),
    }
}

fn short_marketplace(marketplace: Marketplace) -> &'static str {
    match marketplace {
        Marketplace::None => "",
        Marketplace::Aws => "AWS",
        Marketplace::Gcp => "GCP",
        Marketplace::Azure => "Azure",
    }
}
