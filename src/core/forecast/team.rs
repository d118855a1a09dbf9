//! `/forecast team [week] [territory] [page]`: the directors' roll-up of a forecast week. Every
//! PTM in scope is submitted (on time or late), away (excused) or missing; totals and the
//! change from last week; the biggest movers. Names are plain text: nobody is pinged.
//!
//! Scope: `territory:`, else the territories the director is assigned to as director, else (and
//! for admins) every territory.

use super::{duration_text, local_time, week_option};
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::{clip, Card, Reply, Table, Tone};
use crate::domain::forecast::numbers::{change_text, ForecastNumbers};
use crate::domain::forecast::ForecastWeek;
use crate::domain::ids::UserId;
use crate::domain::money::format_money_short;
use crate::domain::role::Role;
use crate::store::away;
use crate::store::forecast::{self as store, Forecaster};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// PTMs on one page: the table stays within one Discord embed.
const PAGE_SIZE: usize = 15;
/// Biggest movers shown.
const MOVERS: usize = 5;
/// Characters of a territory list in the table.
const TERRITORY_CHARS: usize = 18;

/// Where a PTM stands for the week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Status {
    Missing,
    Late,
    OnTime,
    Away { until: NaiveDate },
}

impl Status {
    fn rank(&self) -> u8 {
        match self {
            Status::Missing => 0,
            Status::Late => 1,
            Status::OnTime => 2,
            Status::Away { .. } => 3,
        }
    }

    pub(super) fn label(&self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Late => "late",
            Status::OnTime => "on time",
            Status::Away { .. } => "away",
        }
    }
}

/// One PTM's line of the roll-up.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub user_id: UserId,
    pub name: String,
    pub territories: String,
    pub status: Status,
    pub this: Option<ForecastNumbers>,
    pub last: Option<ForecastNumbers>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub notes: String,
}

impl Line {
    /// Most likely now minus last week, when both exist.
    fn delta(&self) -> Option<i64> {
        Some(self.this?.most_likely - self.last?.most_likely)
    }
}

/// The roll-up of a week over the PTMs in scope.
#[derive(Debug, Clone)]
pub(super) struct Rollup {
    pub scope: String,
    pub lines: Vec<Line>,
}

impl Rollup {
    fn count(&self, pick: impl Fn(&Status) -> bool) -> usize {
        self.lines.iter().filter(|l| pick(&l.status)).count()
    }

    fn totals(&self, pick: impl Fn(&Line) -> Option<ForecastNumbers>) -> ForecastNumbers {
        self.lines
            .iter()
            .filter_map(pick)
            .fold(ForecastNumbers::default(), |t, n| ForecastNumbers {
                commit: t.commit + n.commit,
                most_likely: t.most_likely + n.most_likely,
                best_case: t.best_case + n.best_case,
            })
    }
}

/// Loads the roll-up of `week` for the actor's scope (see the module doc).
pub(super) async fn load(
    ctx: &mut Ctx<'_>,
    week: &ForecastWeek,
    territory: Option<&str>,
) -> CommandResult<Rollup> {
    let ws = ctx.workspace.id;
    let (territories, scope) = match territory {
        Some(text) => {
            let found = lookup::territory(ctx, text).await?;
            (Some(vec![found.id]), found.name)
        }
        None if !ctx.has_role(Role::Admin) => {
            let user = ctx.actor.user_id;
            let mine = store::territories_of(ctx.conn(), ws, user, "director").await?;
            if mine.is_empty() {
                (None, "all territories".to_string())
            } else {
                let names: Vec<&str> = mine.iter().map(|(_, n)| n.as_str()).collect();
                let label = format!("your territories ({})", names.join(", "));
                (Some(mine.iter().map(|(id, _)| *id).collect()), label)
            }
        }
        None => (None, "all territories".to_string()),
    };
    let people = store::forecasters(ctx.conn(), ws, territories.as_deref()).await?;
    let calendar = ctx.workspace.forecast_calendar();
    let last_week = calendar.prev(week);
    let forecasts = store::of_weeks(ctx.conn(), ws, &[week.start(), last_week.start()]).await?;
    let away = away::on(ctx.conn(), ws, week.deadline_date()).await?;
    let mut this = HashMap::new();
    let mut last = HashMap::new();
    for f in forecasts {
        let slot = if f.week_start == week.start() {
            &mut this
        } else {
            &mut last
        };
        slot.insert(f.user_id, f);
    }
    let mut lines: Vec<Line> = people
        .into_iter()
        .map(
            |Forecaster {
                 user_id,
                 display_name,
                 territories,
             }| {
                let submitted = this.get(&user_id);
                let status = match (submitted, away.iter().find(|a| a.user_id == user_id)) {
                    (Some(f), _) if week.is_late(f.submitted_at) => Status::Late,
                    (Some(_), _) => Status::OnTime,
                    (None, Some(a)) => Status::Away { until: a.to },
                    (None, None) => Status::Missing,
                };
                let names: Vec<&str> = territories.iter().map(|(_, n)| n.as_str()).collect();
                Line {
                    user_id,
                    name: display_name,
                    territories: names.join(", "),
                    status,
                    this: submitted.map(|f| f.numbers),
                    last: last.get(&user_id).map(|f| f.numbers),
                    submitted_at: submitted.map(|f| f.submitted_at),
                    notes: submitted.map(|f| f.notes.clone()).unwrap_or_default(),
                }
            },
        )
        .collect();
    lines.sort_by(|a, b| {
        (a.status.rank(), a.name.to_lowercase()).cmp(&(b.status.rank(), b.name.to_lowercase()))
    });
    Ok(Rollup { scope, lines })
}

pub async fn team(ctx: &mut Ctx<'_>, args: args::ForecastTeam) -> CommandResult {
    let (_, week) = week_option(ctx, args.week.as_deref())?;
    let rollup = load(ctx, &week, args.territory.as_deref()).await?;
    if rollup.lines.is_empty() {
        return Ok(Reply::info(format!(
            "No PTM in {} yet: assign them with `/territory assign territory:\"…\" member:@… as:ptm`.",
            rollup.scope
        )));
    }
    let pages = rollup.lines.len().div_ceil(PAGE_SIZE);
    let page = usize::try_from(args.page.unwrap_or(1)).unwrap_or(1);
    if page > pages {
        return Err(CommandError::invalid(format!(
            "page {page} is past the end: there {} {pages} page{}",
            if pages == 1 { "is" } else { "are" },
            if pages == 1 { "" } else { "s" },
        )));
    }
    let summary = summary_card(ctx, &week, &rollup);
    let table_card = table_card(ctx, &week, &rollup, page, pages);
    let mut carried: Vec<(&str, String)> = vec![("week", week.label())];
    if let Some(t) = args.territory.as_deref() {
        carried.push(("territory", t.to_string()));
    }
    let pages = i64::try_from(pages).unwrap_or(1);
    let page = i64::try_from(page).unwrap_or(1);
    Ok(Reply::card(summary)
        .with_card(table_card)
        .with_page_buttons("forecast team", page, pages, &carried))
}

fn summary_card(ctx: &Ctx<'_>, week: &ForecastWeek, rollup: &Rollup) -> Card {
    let currency = ctx.workspace.currency;
    let short = |minor| format_money_short(minor, currency);
    let total = rollup.lines.len();
    let submitted = rollup.count(|s| matches!(s, Status::OnTime | Status::Late));
    let late = rollup.count(|s| *s == Status::Late);
    let away = rollup.count(|s| matches!(s, Status::Away { .. }));
    let missing: Vec<&str> = rollup
        .lines
        .iter()
        .filter(|l| l.status == Status::Missing)
        .map(|l| l.name.as_str())
        .collect();
    let now = rollup.totals(|l| l.this);
    // Like for like: the change over the PTMs who submitted both weeks, so an absence does not
    // read as a drop.
    let both = |l: &Line| l.this.and(l.last);
    let paired_now = rollup.totals(|l| both(l).and(l.this));
    let paired_then = rollup.totals(|l| both(l).and(l.last));
    let paired = rollup.lines.iter().filter(|l| both(l).is_some()).count();
    let then = rollup.totals(|l| l.last);
    let last_count = rollup.lines.iter().filter(|l| l.last.is_some()).count();
    let figure = |pick: fn(&ForecastNumbers) -> i64| {
        if paired == 0 {
            return short(pick(&now));
        }
        format!(
            "{}\n{}",
            short(pick(&now)),
            change_text(pick(&paired_now), pick(&paired_then), currency)
        )
    };
    let due = if ctx.now <= week.deadline_at() {
        "due"
    } else {
        "was due"
    };
    let tone = if missing.is_empty() {
        Tone::Info
    } else {
        Tone::Warning
    };
    let mut card = Card::new(
        format!("Team forecast {} · {}", week.label(), rollup.scope),
        tone,
    )
    .description(format!(
        "{submitted} of {total} submitted ({late} late), {away} away, {} missing · {due} {}",
        missing.len(),
        local_time(ctx, week.deadline_at())
    ))
    .field("Commit", figure(|n| n.commit))
    .field("Most likely", figure(|n| n.most_likely))
    .field("Best case", figure(|n| n.best_case));
    let mut movers: Vec<&Line> = rollup
        .lines
        .iter()
        .filter(|l| l.delta().is_some_and(|d| d != 0))
        .collect();
    movers.sort_by_key(|l| std::cmp::Reverse(l.delta().unwrap_or(0).unsigned_abs()));
    if !movers.is_empty() {
        let text: Vec<String> = movers
            .iter()
            .take(MOVERS)
            .map(|l| {
                let (now, then) = (l.this.unwrap_or_default(), l.last.unwrap_or_default());
                format!(
                    "{} ({}): most likely {} → {}, {}",
                    l.name,
                    l.territories,
                    short(then.most_likely),
                    short(now.most_likely),
                    change_text(now.most_likely, then.most_likely, currency)
                )
            })
            .collect();
        card = card.wide_field("Biggest movers", text.join("\n"));
    }
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(20).copied().collect();
        let more = missing.len() - shown.len();
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        card = card.wide_field("Missing", format!("{}{tail}", shown.join(", ")));
    }
    card.footer(format!(
        "Totals add this week's submissions. Change: the {paired} PTM{} who submitted both weeks. \
         Last week: {} most likely from {last_count} submission{}.",
        if paired == 1 { "" } else { "s" },
        short(then.most_likely),
        if last_count == 1 { "" } else { "s" }
    ))
}

fn table_card(
    ctx: &Ctx<'_>,
    week: &ForecastWeek,
    rollup: &Rollup,
    page: usize,
    pages: usize,
) -> Card {
    let currency = ctx.workspace.currency;
    let short = |minor| format_money_short(minor, currency);
    let mut table = Table::new(&[
        "PTM",
        "Territory",
        "Status",
        ">Commit",
        ">Likely",
        ">Best",
        ">Δ likely",
    ]);
    for line in rollup
        .lines
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
    {
        let status = match (&line.status, line.submitted_at) {
            (Status::Late, Some(at)) => format!("late {}", duration_text(at - week.deadline_at())),
            (Status::Away { until }, _) => format!("away to {}", until.format("%-d %b")),
            (status, _) => status.label().to_string(),
        };
        let cell = |pick: fn(&ForecastNumbers) -> i64| {
            line.this.as_ref().map_or("—".into(), |n| short(pick(n)))
        };
        table.row(vec![
            line.name.clone(),
            clip(&line.territories, TERRITORY_CHARS),
            status,
            cell(|n| n.commit),
            cell(|n| n.most_likely),
            cell(|n| n.best_case),
            line.delta().map_or("—".into(), |d| {
                let sign = if d > 0 { "+" } else { "" };
                format!("{sign}{}", short(d))
            }),
        ]);
    }
    Card::new(format!("PTMs · {}", week.label()), Tone::Info)
        .table(table)
        .footer(format!(
            "Page {page} of {pages} · {} PTM{} · missing first, then late, on time, away",
            rollup.lines.len(),
            if rollup.lines.len() == 1 { "" } else { "s" }
        ))
}
