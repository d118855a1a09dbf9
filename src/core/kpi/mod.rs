//! `/kpi [territory|partner|member] [period]`: the partner-sales KPIs of a fiscal quarter (this
//! one by default, to date) or fiscal year next to the previous one's (up to the same day while
//! the period is under way: [`figures::Comparison`]), with the change: closed-won Net
//! ARR and its split (% partner sourced, % co-sell or influence, direct), pipeline by forecast
//! category, new logos, registrations, touches by type, forecast submission rate, compliance
//! gaps now and certified people per partner.
//!
//! - [`figures`]: loading one period's figures (shared with the weekly digest).
//! - [`digest`]: the weekly digest for directors.
//! - [`history`]: daily snapshots of the figures that exist only now, to compare them.

pub mod digest;
pub mod figures;
pub mod history;

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::options::UserArg;
use crate::core::reply::{Card, Reply, Tone};
use crate::domain::deal::ForecastCategory;
use crate::domain::forecast::numbers::change_text_by;
use crate::domain::ids::{PartnerId, TerritoryId, UserId};
use crate::domain::kpi::{count_change, per_partner_tenths, Revenue, Share};
use crate::domain::money::format_money_short;
use crate::domain::report_period::ReportPeriod;
use crate::domain::touch::TouchType;
use crate::domain::Choice;
use crate::store::compliance::{self, GapFilter, GapKind};
use crate::store::forecast as forecasts;
use crate::store::kpi::{self as store, KpiScope};
use crate::store::kpi_snapshot::Snapshot;
use figures::{Comparison, Figures, EXPIRING_DAYS};

/// Whose KPIs, and who counts for the forecast submission rate.
pub struct Scoped {
    pub scope: KpiScope,
    pub label: String,
    pub forecasters: Vec<UserId>,
    /// Compliance counts filter (territory, partner), `None` when it does not apply.
    pub gaps: Option<(Option<TerritoryId>, Option<PartnerId>)>,
}

pub async fn kpi(ctx: &mut Ctx<'_>, args: args::Kpi) -> CommandResult {
    let scoped = scope_option(ctx, args.territory, args.partner, args.member).await?;
    let period = match args.period.as_deref() {
        Some(text) => ReportPeriod::parse(&ctx.workspace.calendar, text, ctx.today)?,
        None => ReportPeriod::Quarter(ctx.workspace.calendar.quarter_of(ctx.today)),
    };
    let compared = Comparison::of(ctx, period);
    let (scope, forecasters) = (&scoped.scope, &scoped.forecasters);
    let now = figures::load(ctx, scope, (period, &compared.now), forecasters).await?;
    let then = figures::load(ctx, scope, (compared.prev, &compared.then), forecasters).await?;
    let touches = (
        figures::touches(ctx, scope, &compared.now).await?,
        figures::touches(ctx, scope, &compared.then).await?,
    );
    let gaps = match scoped.gaps {
        Some(filter) => Some(marketplace_gaps(ctx, filter).await?),
        None => None,
    };
    let ws = ctx.workspace.id;
    let practice = store::practice(ctx.conn(), ws, &scoped.scope).await?;
    let current = CurrentState {
        gaps,
        practice,
        then: history::compared_with(ctx, &scoped.scope, &compared).await?,
        kept: history::snapshot_scope(&scoped.scope, &compared).is_some(),
    };
    Ok(Reply::card(card(
        ctx,
        &scoped,
        &compared,
        (&now, &then),
        &touches,
        &current,
    )))
}

/// The figures that exist only now, and the daily snapshot they are compared with.
struct CurrentState {
    /// Marketplace compliance gaps, when they apply to the scope.
    gaps: Option<i64>,
    /// (certified people, partners), when the scope has partners.
    practice: Option<(i64, i64)>,
    /// The snapshot of the same day last quarter, if the bot took one.
    then: Option<Snapshot>,
    /// Whether snapshots stand for this scope and period ([`history::snapshot_scope`]), so a
    /// missing one is worth a word.
    kept: bool,
}

/// The scope the options name (one of `territory:`, `partner:`, `member:`), else the workspace.
async fn scope_option(
    ctx: &mut Ctx<'_>,
    territory: Option<String>,
    partner: Option<String>,
    member: Option<UserArg>,
) -> CommandResult<Scoped> {
    let given = [territory.is_some(), partner.is_some(), member.is_some()]
        .iter()
        .filter(|given| **given)
        .count();
    if given > 1 {
        return Err(CommandError::invalid(
            "give one of `territory:`, `partner:` or `member:`, not several",
        ));
    }
    let ws = ctx.workspace.id;
    if let Some(text) = territory {
        let found = lookup::territory(ctx, &text).await?;
        let ptms = forecasts::forecasters(ctx.conn(), ws, Some(&[found.id])).await?;
        return Ok(Scoped {
            scope: KpiScope::Territory(found.id),
            label: found.name,
            forecasters: ptms.iter().map(|p| p.user_id).collect(),
            gaps: Some((Some(found.id), None)),
        });
    }
    if let Some(text) = partner {
        let found = lookup::partner(ctx, &text).await?;
        return Ok(Scoped {
            scope: KpiScope::Partner(found.id),
            label: found.name,
            forecasters: Vec::new(),
            gaps: Some((None, Some(found.id))),
        });
    }
    if let Some(arg) = member {
        let member = lookup::member(ctx, &arg).await?;
        let territories = forecasts::territories_of(ctx.conn(), ws, member.user_id, "ptm").await?;
        let scope = if territories.is_empty() {
            KpiScope::Owner(member.user_id)
        } else {
            KpiScope::Territories(territories.iter().map(|(id, _)| *id).collect())
        };
        let forecasters = if territories.is_empty() {
            Vec::new()
        } else {
            vec![member.user_id]
        };
        return Ok(Scoped {
            scope,
            label: member.display_name,
            forecasters,
            gaps: None,
        });
    }
    let ptms = forecasts::forecasters(ctx.conn(), ws, None).await?;
    Ok(Scoped {
        scope: KpiScope::Workspace,
        label: ctx.workspace.name.clone(),
        forecasters: ptms.iter().map(|p| p.user_id).collect(),
        gaps: Some((None, None)),
    })
}

/// Touches by type: (touch type id, count).
type TouchCounts = Vec<(String, i64)>;

fn total(touches: &[(String, i64)]) -> i64 {
    touches.iter().map(|(_, n)| n).sum()
}

/// Marketplace compliance gaps now: deals without a portal id, behind in the portal, or
/// needing attention there.
pub async fn marketplace_gaps(
    ctx: &mut Ctx<'_>,
    filter: (Option<TerritoryId>, Option<PartnerId>),
) -> CommandResult<i64> {
    Ok(gap_counts(ctx, filter).await?.0)
}

/// (marketplace gaps, registrations past the review target) now, in one statement.
pub async fn gap_counts(
    ctx: &mut Ctx<'_>,
    (territory_id, partner_id): (Option<TerritoryId>, Option<PartnerId>),
) -> CommandResult<(i64, i64)> {
    let filter = GapFilter {
        territory_id,
        partner_id,
        today: ctx.today,
        review_cutoff: crate::core::compliance::review_cutoff(ctx),
    };
    let ws = ctx.workspace.id;
    let counts = compliance::counts(ctx.conn(), ws, &filter).await?;
    let sum = |pick: fn(&GapKind) -> bool| -> i64 {
        counts.iter().filter(|(k, _)| pick(k)).map(|(_, n)| n).sum()
    };
    Ok((
        sum(|k| {
            matches!(
                k,
                GapKind::NoPortalId | GapKind::PortalBehind | GapKind::PortalAttention
            )
        }),
        sum(|k| *k == GapKind::ReviewOverdue),
    ))
}

fn card(
    ctx: &Ctx<'_>,
    scoped: &Scoped,
    compared: &Comparison,
    (now, then): (&Figures, &Figures),
    (touches_now, touches_then): &(TouchCounts, TouchCounts),
    current: &CurrentState,
) -> Card {
    let (gaps, practice, past) = (current.gaps, current.practice, current.then.as_ref());
    let on_day = compared.then.last.format("%-d %b").to_string();
    let since = |text: String| format!("{text} vs {on_day}");
    let currency = ctx.workspace.currency;
    let short = |minor| format_money_short(minor, currency);
    let (period, first, last) = (compared.period, compared.now.first, compared.now.last);
    let noun = period.noun();
    let prev = compared.then_label();
    let share = |pick: fn(&Revenue) -> Share| {
        let (a, b) = (pick(&now.revenue), pick(&then.revenue));
        format!("{}\n{} vs {prev}", a.text(), a.points_change(&b))
    };
    let won = format!(
        "{} ({} deals)\n{} vs {prev} ({})",
        short(now.revenue.total),
        now.revenue.deals,
        change_text_by(now.revenue.total, then.revenue.total, short),
        short(then.revenue.total)
    );
    let pipeline = pipeline_line(now, past, &short);
    let pipeline = match past {
        Some(_) => format!(
            "{pipeline}\nvs the {} pipeline as of {on_day}",
            compared.prev.label()
        ),
        None => pipeline,
    };
    let [submitted, approved, denied, pending, expiring] = now.registrations;
    let (pending_change, expiring_change) = match past {
        Some(p) => (
            format!(
                " ({})",
                since(count_change(pending, p.registrations_pending))
            ),
            format!(" ({})", count_change(expiring, p.registrations_expiring)),
        ),
        None => (String::new(), String::new()),
    };
    let registrations = format!(
        "{submitted} submitted ({}), {approved} approved ({}), {denied} denied ({})\n\
         {pending} pending now{pending_change}, {expiring} expiring within {EXPIRING_DAYS} \
         days{expiring_change}",
        count_change(submitted, then.registrations[0]),
        count_change(approved, then.registrations[1]),
        count_change(denied, then.registrations[2]),
    );
    let by_type: Vec<String> = TouchType::ALL
        .iter()
        .filter_map(|t| {
            let n = touches_now.iter().find(|(id, _)| id == t.as_str())?.1;
            Some(format!("{} {n}", t.label()))
        })
        .collect();
    let touches = format!(
        "{} ({} vs {prev})\n{}",
        total(touches_now),
        count_change(total(touches_now), total(touches_then)),
        if by_type.is_empty() {
            "none".to_string()
        } else {
            by_type.join(" · ")
        }
    );
    let (rate_now, rate_then) = (
        Share::new(now.forecasts.0, now.forecasts.1),
        Share::new(then.forecasts.0, then.forecasts.1),
    );
    let forecasts = match rate_now.tenths() {
        Some(_) => format!(
            "{} ({} of {} due)\n{} vs {prev}",
            rate_now.text(),
            now.forecasts.0,
            now.forecasts.1,
            rate_now.points_change(&rate_then)
        ),
        None => "no forecast due yet".to_string(),
    };
    let mut card = Card::new(
        format!(
            "KPIs · {} · {}{}",
            scoped.label,
            period.label(),
            if compared.to_date { " to date" } else { "" }
        ),
        Tone::Info,
    )
    .field("Closed won (Net ARR)", won)
    .field("Partner sourced", share(Revenue::sourced_share))
    .field(
        "Co-sell / influence",
        share(Revenue::co_sell_influence_share),
    )
    .field("Direct", share(Revenue::direct_share))
    .field(
        "New logos",
        format!(
            "{} ({} vs {prev})",
            now.new_logos,
            count_change(now.new_logos, then.new_logos)
        ),
    )
    .field("Forecast submissions", forecasts)
    .wide_field(format!("Pipeline closing in the {noun}"), pipeline)
    .wide_field("Registrations", registrations)
    .wide_field("Partner touches", touches);
    if let Some(gaps) = gaps {
        let text = match past {
            Some(p) => format!("{gaps} ({})", since(count_change(gaps, p.compliance_gaps))),
            None => gaps.to_string(),
        };
        card = card.field("Marketplace compliance gaps now", text);
    }
    if let Some(tenths) =
        practice.and_then(|(certified, partners)| per_partner_tenths(certified, partners))
    {
        let partners = practice.map_or(0, |(_, p)| p);
        let change = past
            .and_then(|p| per_partner_tenths(p.certified_people, p.partners))
            .map(|was| format!("\n{}", since(tenths_change(tenths, was))))
            .unwrap_or_default();
        card = card.field(
            "Certified people per partner",
            format!(
                "{} ({partners} partner{}){change}",
                tenths_text(tenths),
                if partners == 1 { "" } else { "s" }
            ),
        );
    }
    let snapshot_note = if current.kept && past.is_none() {
        format!(
            " Pipeline, pending and expiring registrations, gaps and certified people: no \
             snapshot of {on_day} to compare with (the running bot takes one a day)."
        )
    } else {
        String::new()
    };
    let compared_with = if compared.to_date {
        format!(
            " Compared with {} up to the same day ({} – {}).",
            compared.prev.label(),
            compared.then.first.format("%-d %b"),
            compared.then.last.format("%-d %b %Y")
        )
    } else {
        String::new()
    };
    card.footer(format!(
        "{} – {}.{compared_with} Revenue: closed won with a close date in the {noun}; attribution Sourced > Co-sell > Influence > Direct.{snapshot_note}",
        first.format("%-d %b %Y"),
        last.format("%-d %b %Y")
    ))
}

/// Tenths as a decimal: `142` reads `14.2`.
fn tenths_text(tenths: i64) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The change between two figures in tenths: `+0.3`, `-1.2`, `no change`.
fn tenths_change(now: i64, then: i64) -> String {
    let delta = now - then;
    match delta {
        0 => "no change".to_string(),
        d => format!("{}{}", if d > 0 { "+" } else { "-" }, tenths_text(d.abs())),
    }
}

/// `Commit $476M · Best Case $664M · Pipeline $573M`: open pipeline by category, each with its
/// change from `past` (a snapshot) when there is one: `Commit $476M (+$20M (+4.4%))`.
pub(super) fn pipeline_line(
    now: &Figures,
    past: Option<&Snapshot>,
    short: &dyn Fn(i64) -> String,
) -> String {
    [
        (ForecastCategory::Commit, past.map(|p| p.commit_minor)),
        (ForecastCategory::BestCase, past.map(|p| p.best_case_minor)),
        (ForecastCategory::Pipeline, past.map(|p| p.pipeline_minor)),
    ]
    .iter()
    .map(|(category, was)| {
        let amount = now.pipeline_of(category.as_str());
        match was {
            Some(was) => format!(
                "{} {} ({})",
                category.label(),
                short(amount),
                change_text_by(amount, *was, short)
            ),
            None => format!("{} {}", category.label(), short(amount)),
        }
    })
    .collect::<Vec<_>>()
    .join(" · ")
}
