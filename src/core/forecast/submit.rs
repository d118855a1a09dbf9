//! `/forecast submit`: with no figures it answers with the suggestion and a form pre-filled
//! with it (or with this week's submission, when resubmitting); with figures it stores the
//! submission for the current forecast week, replacing an earlier one of the same week, and
//! snapshots the deals behind it.

use super::{live_deals, local_time, punctuality, scope_of, territory_names};
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::custom_id;
use crate::core::error::{CommandError, CommandResult};
use crate::core::reply::{Card, Form, FormField, Reply, Tone};
use crate::domain::forecast::numbers::{
    change_text, midpoint, suggest, ForecastNumbers, Suggestion,
};
use crate::domain::forecast::{ForecastCalendar, ForecastWeek};
use crate::domain::money::{format_money, format_money_short};
use crate::store::forecast::{self as store, Forecast, NewForecast};
use serde_json::json;

/// Characters of notes a submission keeps (the manifest's limit).
const NOTES_MAX: usize = 1000;

pub async fn submit(ctx: &mut Ctx<'_>, args: args::ForecastSubmit) -> CommandResult {
    let calendar = ctx.workspace.forecast_calendar();
    let week = calendar.week_at(ctx.now);
    let given = (
        args.commit.map(|m| m.minor),
        args.most_likely.map(|m| m.minor),
        args.best_case.map(|m| m.minor),
    );
    let notes = args.notes.as_deref().unwrap_or("").trim().to_string();
    if notes.chars().count() > NOTES_MAX {
        return Err(CommandError::invalid(format!(
            "notes are {} characters; the limit is {NOTES_MAX}",
            notes.chars().count()
        )));
    }

    let user = ctx.actor.user_id;
    let (scope, territories) = scope_of(ctx, user).await?;
    let deals = live_deals(ctx, &scope, &calendar, &week).await?;
    let (first, last) = calendar.fiscal().quarter_bounds(week.quarter());
    let suggestion = suggest(&deals, first, last);
    let ws = ctx.workspace.id;
    let current = store::of_member(ctx.conn(), ws, user, week.start()).await?;

    let numbers = match given {
        (None, None, None) => {
            return Ok(ask(
                ctx,
                &calendar,
                &week,
                &suggestion,
                current.as_ref(),
                &notes,
            ));
        }
        (Some(commit), most_likely, Some(best_case)) => {
            let most_likely = most_likely.unwrap_or_else(|| midpoint(commit, best_case));
            ForecastNumbers::new(commit, most_likely, best_case, ctx.workspace.currency)
                .map_err(|err| CommandError::invalid(err.to_string()))?
        }
        _ => {
            return Err(CommandError::invalid(format!(
                "a forecast needs `commit:` and `best_case:` (and `most_likely:`, else halfway \
                 between them). Suggested from your deals: {}",
                suggestion_options(ctx, &suggestion)
            )))
        }
    };

    let last_week = calendar.prev(&week);
    let previous_week = store::of_member(ctx.conn(), ws, user, last_week.start()).await?;
    let new = NewForecast {
        workspace_id: ws,
        user_id: user,
        territory_id: territories.first().map(|(id, _)| *id),
        fiscal_quarter: &week.quarter().label(),
        week_start: week.start(),
        numbers,
        notes: &notes,
        submitted_at: ctx.now,
    };
    let (id, replaced) = store::save(ctx.conn(), &new).await?;
    store::save_snapshot(ctx.conn(), ws, id, &deals).await?;
    let record = |n: &ForecastNumbers, notes: &str| {
        json!({
            "week": week.label(),
            "week_start": week.start().to_string(),
            "commit_minor": n.commit,
            "most_likely_minor": n.most_likely,
            "best_case_minor": n.best_case,
            "notes": notes,
        })
    };
    let before = replaced.as_ref().map(|f| record(&f.numbers, &f.notes));
    let after = record(&numbers, &notes);
    ctx.audit("forecast.submit", "forecast", Some(id), before, Some(after))
        .await?;

    Ok(Reply::card(saved_card(
        ctx,
        &week,
        &numbers,
        &suggestion,
        replaced.as_ref(),
        previous_week.as_ref(),
        &territory_names(&territories),
    )))
}

/// The answer to a bare `/forecast submit`: the suggestion (for the console, which has no
/// forms) and the form, pre-filled, for Discord.
fn ask(
    ctx: &Ctx<'_>,
    calendar: &ForecastCalendar,
    week: &ForecastWeek,
    suggestion: &Suggestion,
    current: Option<&Forecast>,
    notes: &str,
) -> Reply {
    let money = |minor| format_money(minor, ctx.workspace.currency);
    let (prefill, notes) = match current {
        Some(f) => (
            f.numbers,
            if notes.is_empty() {
                f.notes.as_str()
            } else {
                notes
            },
        ),
        None => (suggestion.numbers(), notes),
    };
    let plain = |minor: i64| money(minor).replace(ctx.workspace.currency.symbol(), "");
    let field = |name: &str, label: String, value: i64| FormField {
        name: name.to_string(),
        label,
        required: true,
        long: false,
        placeholder: Some("e.g. 1.2M, 950k or 1,200,000".to_string()),
        max_length: Some(30),
        value: Some(plain(value).trim().to_string()),
    };
    let short = |minor| format_money_short(minor, ctx.workspace.currency);
    let form = Form {
        custom_id: custom_id::encode("forecast submit", &[]).unwrap_or_default(),
        title: format!("Forecast {}", week.label()),
        fields: vec![
            field(
                "commit",
                format!(
                    "Commit (suggested {}, {} won)",
                    short(suggestion.commit),
                    short(suggestion.closed_won)
                ),
                prefill.commit,
            ),
            field(
                "most_likely",
                format!("Most likely (suggested {})", short(suggestion.most_likely)),
                prefill.most_likely,
            ),
            field(
                "best_case",
                format!("Best case (suggested {})", short(suggestion.best_case)),
                prefill.best_case,
            ),
            FormField {
                name: "notes".to_string(),
                label: "Notes: what changed and why".to_string(),
                required: false,
                long: true,
                placeholder: Some("Deals pulled in or pushed, risks, asks".to_string()),
                max_length: Some(NOTES_MAX as u32),
                value: (!notes.is_empty()).then(|| notes.to_string()),
            },
        ],
    };
    let status = match current {
        Some(f) => format!(
            "You submitted {} on {}; submitting again replaces it.",
            week.label(),
            local_time(ctx, f.submitted_at)
        ),
        None => format!("Not submitted yet for {}.", week.label()),
    };
    let card = Card::new(
        format!("Forecast {} · suggested numbers", week.label()),
        Tone::Info,
    )
    .description(format!(
        "{status} Due {} ({}).",
        local_time(ctx, week.deadline_at()),
        calendar.tz().name()
    ))
    .field("Closed won", money(suggestion.closed_won))
    .field("Commit", money(suggestion.commit))
    .field("Most likely", money(suggestion.most_likely))
    .field("Best case", money(suggestion.best_case))
    .wide_field(
        "Submit",
        format!(
            "`/forecast submit {} notes:\"…\"`",
            suggestion_options(ctx, suggestion)
        ),
    )
    .footer(format!(
        "From {} deal{} closing in {}: closed won + Commit, + Best Case; most likely halfway.",
        suggestion.deals,
        if suggestion.deals == 1 { "" } else { "s" },
        week.quarter().label()
    ));
    let mut reply = Reply::card(card);
    reply.form = Some(form);
    reply
}

/// `commit:1200000 most_likely:1500000 best_case:1800000`, ready to paste.
fn suggestion_options(ctx: &Ctx<'_>, s: &Suggestion) -> String {
    let plain = |minor: i64| {
        format_money(minor, ctx.workspace.currency)
            .replace(ctx.workspace.currency.symbol(), "")
            .replace([',', ' '], "")
    };
    format!(
        "commit:{} most_likely:{} best_case:{}",
        plain(s.commit),
        plain(s.most_likely),
        plain(s.best_case)
    )
}

fn saved_card(
    ctx: &Ctx<'_>,
    week: &ForecastWeek,
    numbers: &ForecastNumbers,
    suggestion: &Suggestion,
    replaced: Option<&Forecast>,
    last_week: Option<&Forecast>,
    territories: &str,
) -> Card {
    let currency = ctx.workspace.currency;
    let money = |minor| format_money(minor, currency);
    let figure = |now: i64, then: Option<i64>| match then {
        Some(then) => format!(
            "{}\n{} vs last week",
            money(now),
            change_text(now, then, currency)
        ),
        None => money(now),
    };
    let prev = last_week.map(|f| f.numbers);
    let replaced_text = match replaced {
        Some(old) => format!(
            " It replaces your submission of {} (most likely {}).",
            local_time(ctx, old.submitted_at),
            money(old.numbers.most_likely)
        ),
        None => String::new(),
    };
    Card::new(format!("Forecast {} saved", week.label()), Tone::Success)
        .description(format!(
            "Submitted {}, {} (due {}).{replaced_text}",
            local_time(ctx, ctx.now),
            punctuality(week, ctx.now),
            local_time(ctx, week.deadline_at()),
        ))
        .field("Commit", figure(numbers.commit, prev.map(|p| p.commit)))
        .field(
            "Most likely",
            figure(numbers.most_likely, prev.map(|p| p.most_likely)),
        )
        .field(
            "Best case",
            figure(numbers.best_case, prev.map(|p| p.best_case)),
        )
        .wide_field(
            "Suggested",
            format!(
                "Commit {} · most likely {} · best case {} (closed won {})",
                money(suggestion.commit),
                money(suggestion.most_likely),
                money(suggestion.best_case),
                money(suggestion.closed_won)
            ),
        )
        .footer(format!(
            "Covers {territories} · see changes with /forecast show"
        ))
}
