//! The weekly KPI digest for directors: one screen with the quarter's headline figures (next
//! to last quarter), the top partners by sourced and by co-sell/influenced revenue, territories
//! ranked, registrations needing action, compliance gaps, this week's forecast submissions, and
//! the chart data (closed won by attribution per week, open pipeline by category). Every list
//! is cut to a few lines, so the post fits Discord's limits for any workspace size.

use super::figures::{self, Comparison, Figures, EXPIRING_DAYS};
use super::{gap_counts, pipeline_line};
use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::reply::{clip, Card, Tone};
use crate::domain::attribution::{attribution, Attribution};
use crate::domain::deal::ForecastCategory;
use crate::domain::forecast::numbers::change_text_by;
use crate::domain::forecast::ForecastWeek;
use crate::domain::ids::UserId;
use crate::domain::kpi::Share;
use crate::domain::money::format_money_short;
use crate::domain::report_period::ReportPeriod;
use crate::domain::Choice;
use crate::store::forecast;
use crate::store::kpi::{self as store, KpiScope};

/// Lines of each ranked list.
const TOP: usize = 5;

/// Per-week closed-won revenue by attribution: (week label, sourced, co-sell/influence, direct).
pub type WeekShares = Vec<(String, i64, i64, i64)>;

/// Everything the digest shows.
#[derive(Debug, Clone)]
pub struct Digest {
    pub card: Card,
    pub currency: crate::domain::money::Currency,
    pub weeks: WeekShares,
    /// (category label, amount) of open pipeline closing in the quarter.
    pub pipeline: Vec<(String, i64)>,
    pub week: ForecastWeek,
}

pub async fn build(ctx: &mut Ctx<'_>) -> CommandResult<Digest> {
    let calendar = ctx.workspace.forecast_calendar();
    let week = calendar.week_at(ctx.now);
    let quarter = ctx.workspace.calendar.quarter_of(ctx.today);
    let ws = ctx.workspace.id;
    let ptms = forecast::forecasters(ctx.conn(), ws, None).await?;
    let ids: Vec<UserId> = ptms.iter().map(|p| p.user_id).collect();
    let period = ReportPeriod::Quarter(quarter);
    let compared = Comparison::of(ctx, period);
    let now = figures::load(ctx, &KpiScope::Workspace, (period, &compared.now), &ids).await?;
    // Last quarter (to the same day) is compared on revenue, and pipeline through the snapshot
    // of that day when there is one: nothing else of it is shown.
    let then = figures::revenue(ctx, &KpiScope::Workspace, &compared.then).await?;
    let past = super::history::compared_with(ctx, &KpiScope::Workspace, &compared).await?;
    let partners = store::partners_ranked(ctx.conn(), ws, &compared.now).await?;
    let territories = store::territories_ranked(ctx.conn(), ws, &compared.now).await?;
    let (gaps, overdue) = gap_counts(ctx, (None, None)).await?;
    let submissions = submissions(ctx, &week, &ptms).await?;

    let currency = ctx.workspace.currency;
    let short = |minor| format_money_short(minor, currency);
    let prev = compared.then_label();
    let share = |a: Share, b: Share| format!("{} ({} vs {prev})", a.text(), a.points_change(&b));
    let mut card = Card::new(
        format!("Partner digest · {} · {}", ctx.workspace.name, week.label()),
        Tone::Info,
    )
    .description(format!(
        "{} to date. Closed won **{}** in {} deals ({} vs {prev}, {}).",
        quarter.label(),
        short(now.revenue.total),
        now.revenue.deals,
        change_text_by(now.revenue.total, then.total, short),
        short(then.total)
    ))
    .field(
        "Partner sourced",
        share(now.revenue.sourced_share(), then.sourced_share()),
    )
    .field(
        "Co-sell / influence",
        share(
            now.revenue.co_sell_influence_share(),
            then.co_sell_influence_share(),
        ),
    )
    .field("New logos", now.new_logos.to_string())
    .wide_field(
        "Pipeline closing this quarter",
        match past {
            Some(ref past) => format!(
                "{} vs {} as of {}",
                pipeline_line(&now, Some(past), &short),
                compared.prev.label(),
                compared.then.last.format("%-d %b")
            ),
            None => pipeline_line(&now, None, &short),
        },
    )
    .wide_field(
        "Top partners, sourced",
        ranked(&partners, |(name, s, _)| (name.as_str(), *s), &short),
    )
    .wide_field(
        "Top partners, co-sell and influence",
        ranked(&partners, |(name, _, h)| (name.as_str(), *h), &short),
    )
    .wide_field(
        "Territories by closed won",
        ranked(&territories, |(name, won, _)| (name.as_str(), *won), &short),
    );
    let [_, _, _, pending, expiring] = now.registrations;
    card = card
        .wide_field(
            "Registrations needing action",
            format!(
                "{pending} pending review ({overdue} past the 1-business-day target) · \
                 {expiring} approved expiring within {EXPIRING_DAYS} days"
            ),
        )
        .field("Marketplace compliance gaps", gaps.to_string())
        .wide_field(format!("Forecasts {}", week.label()), submissions)
        .footer("Details: /kpi, /forecast team, /registration expiring, /compliance");
    Ok(Digest {
        card,
        currency,
        weeks: week_shares(ctx, &now),
        pipeline: [
            ForecastCategory::Commit,
            ForecastCategory::BestCase,
            ForecastCategory::Pipeline,
        ]
        .iter()
        .map(|c| (c.label().to_string(), now.pipeline_of(c.as_str())))
        .collect(),
        week,
    })
}

/// `1. Globex Services $1.2M` lines, the top [`TOP`] with revenue, and how many more.
fn ranked<T>(
    rows: &[T],
    pick: impl Fn(&T) -> (&str, i64),
    short: &dyn Fn(i64) -> String,
) -> String {
    let mut items: Vec<(&str, i64)> = rows.iter().map(&pick).filter(|(_, v)| *v > 0).collect();
    items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if items.is_empty() {
        return "none yet this quarter".to_string();
    }
    let mut lines: Vec<String> = items
        .iter()
        .take(TOP)
        .enumerate()
        .map(|(i, (name, v))| format!("{}. {} {}", i + 1, clip(name, 40), short(*v)))
        .collect();
    if items.len() > TOP {
        lines.push(format!("… and {} more", items.len() - TOP));
    }
    lines.join("\n")
}

/// `42 of 50 submitted so far, 2 away, 6 yet to submit: Mo Patel, …` before the deadline,
/// `Deadline passed: 44 of 50 submitted (3 late), 2 away, 4 missing: …` after it (names,
/// never mentions).
async fn submissions(
    ctx: &mut Ctx<'_>,
    week: &ForecastWeek,
    ptms: &[forecast::Forecaster],
) -> CommandResult<String> {
    if ptms.is_empty() {
        return Ok("no PTM assigned to a territory yet".to_string());
    }
    let status = crate::core::forecast::week_status(ctx, week, ptms).await?;
    let missing: Vec<&str> = status.missing.iter().map(|(_, n)| n.as_str()).collect();
    let (submitted, late, away_count) = (status.submitted, status.late, status.away);
    let (total, open) = (ptms.len(), missing.len());
    let mut text = if ctx.now <= week.deadline_at() {
        format!("{submitted} of {total} submitted so far, {away_count} away, {open} yet to submit")
    } else {
        format!(
            "Deadline passed: {submitted} of {total} submitted ({late} late), {away_count} away, \
             {open} missing"
        )
    };
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(10).copied().collect();
        text.push_str(&format!(": {}", shown.join(", ")));
        if missing.len() > shown.len() {
            text.push_str(&format!(" and {} more", missing.len() - shown.len()));
        }
    }
    Ok(text)
}

/// Closed won per week of the quarter (by close date) split into sourced, co-sell/influence
/// and direct.
fn week_shares(ctx: &Ctx<'_>, now: &Figures) -> WeekShares {
    let calendar = ctx.workspace.forecast_calendar();
    let quarter = ctx.workspace.calendar.quarter_of(ctx.today);
    let weeks = calendar.weeks_of(quarter);
    weeks
        .iter()
        .filter(|w| w.start() <= ctx.today)
        .map(|w| {
            let end = w.start() + chrono::Duration::days(6);
            let (mut s, mut c, mut d) = (0, 0, 0);
            for deal in now
                .won
                .iter()
                .filter(|d| d.close_date >= w.start() && d.close_date <= end)
            {
                match attribution(deal.facts) {
                    Attribution::Sourced => s += deal.amount_minor,
                    Attribution::CoSell | Attribution::Influence => c += deal.amount_minor,
                    Attribution::Direct => d += deal.amount_minor,
                }
            }
            (format!("W{:02}", w.number()), s, c, d)
        })
        .collect()
}

/// The digest as a channel message: the card and the chart, public.
pub fn reply(digest: &Digest) -> crate::core::reply::Reply {
    let currency = digest.currency;
    use crate::report::chart::{self, DigestChart, PipelineBar, WeekShare};
    let png = chart::render(&DigestChart {
        title: format!(
            "{} · closed won and pipeline",
            digest.week.quarter().label()
        ),
        weeks: digest
            .weeks
            .iter()
            .map(|(label, sourced, co_sell, direct)| WeekShare {
                label: label.clone(),
                sourced_minor: *sourced,
                co_sell_minor: *co_sell,
                direct_minor: *direct,
            })
            .collect(),
        pipeline: digest
            .pipeline
            .iter()
            .map(|(label, amount)| PipelineBar {
                label: label.clone(),
                amount_minor: *amount,
            })
            .collect(),
        currency,
    });
    crate::core::reply::Reply::card(digest.card.clone())
        .public()
        .with_file(crate::core::reply::Attachment {
            filename: format!("digest-{}.png", digest.week.label().replace(' ', "-")),
            content_type: "image/png".to_string(),
            bytes: png,
        })
}
