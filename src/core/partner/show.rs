//! `/partner show`: one screen about a partner: the profile (type, track, territory, agreement,
//! certifications, business plan), its open deals in any partner role, its latest touches and
//! its registrations, with buttons to log a touch and open its deals.

use super::profile_card;
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::deal::{short_date, stage_text};
use crate::core::error::CommandResult;
use crate::core::lookup;
use crate::core::reply::Reply;
use crate::domain::partner::Partner;
use crate::domain::registration::RegistrationStatus;
use crate::domain::Choice;
use crate::store::partner as store;
use anyhow::Context;

/// Open deals, touches and registrations listed on the card.
const ROWS_SHOWN: i64 = 5;
/// Characters of a touch's notes shown on the card.
const NOTES_SHOWN: usize = 80;
/// Discord's limit on an embed field value.
const FIELD_MAX: usize = 1024;

pub async fn show(ctx: &mut Ctx<'_>, args: args::PartnerShow) -> CommandResult {
    let wanted = args.partner;
    let found = lookup::partner(ctx, &wanted).await?;
    let ws = ctx.workspace.id;
    let partner = store::get(ctx.conn(), ws, found.id)
        .await?
        .context("partner found by name is gone")?;
    let deals = deals_text(ctx, &partner).await?;
    let touches = touches_text(ctx, &partner).await?;
    let registrations = registrations_text(ctx, &partner).await?;
    let card = profile_card(&partner, ctx.today)
        .wide_field("Open deals", fit(deals))
        .wide_field("Recent touches", fit(touches))
        .wide_field("Registrations", fit(registrations));
    Ok(Reply::card(card)
        .with_button("Log touch", format!("touch log:partner=#{}", partner.id))
        .with_button("Open deals", format!("deal list:partner=#{}", partner.id)))
}

async fn deals_text(ctx: &mut Ctx<'_>, partner: &Partner) -> CommandResult<String> {
    let ws = ctx.workspace.id;
    let (count, total) = store::open_deals_summary(ctx.conn(), ws, partner.id).await?;
    if count == 0 {
        return Ok(format!(
            "none. Add one with `/deal add account:… amount:… close:… partner:\"{}\"`",
            quoted(&partner.fields.name)
        ));
    }
    let top = store::open_deals(ctx.conn(), ws, partner.id, ROWS_SHOWN).await?;
    let mut lines = vec![format!(
        "{count} open deal{} · {} total",
        if count == 1 { "" } else { "s" },
        ctx.money(total)
    )];
    for deal in &top {
        lines.push(format!(
            "#{} {} · {} · {} · closes {}",
            deal.id,
            deal.account,
            ctx.money(deal.amount_minor),
            stage_text(deal.stage),
            short_date(deal.close_date)
        ));
    }
    if count > top.len() as i64 {
        lines.push(format!(
            "… {} more with `Open deals`",
            count - top.len() as i64
        ));
    }
    Ok(lines.join("\n"))
}

async fn touches_text(ctx: &mut Ctx<'_>, partner: &Partner) -> CommandResult<String> {
    let ws = ctx.workspace.id;
    let touches = store::recent_touches(ctx.conn(), ws, partner.id, ROWS_SHOWN).await?;
    if touches.is_empty() {
        return Ok(format!(
            "none yet. Log one with `/touch log partner:\"{}\" type:meeting`",
            quoted(&partner.fields.name)
        ));
    }
    let lines: Vec<String> = touches
        .iter()
        .map(|t| {
            let mut line = format!(
                "{} · {} · {}",
                short_date(t.occurred_on),
                t.touch_type.label(),
                t.logged_by.as_deref().unwrap_or("someone")
            );
            let notes = preview(&t.notes);
            if !notes.is_empty() {
                line.push_str(&format!(" · {notes}"));
            }
            line
        })
        .collect();
    Ok(lines.join("\n"))
}

async fn registrations_text(ctx: &mut Ctx<'_>, partner: &Partner) -> CommandResult<String> {
    let ws = ctx.workspace.id;
    let counts = store::registration_counts(ctx.conn(), ws, partner.id).await?;
    if counts.is_empty() {
        return Ok("none".to_string());
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(status, n)| format!("{n} {}", status.label().to_lowercase()))
        .collect();
    let mut lines = vec![summary.join(" · ")];
    let latest = store::recent_registrations(ctx.conn(), ws, partner.id, ROWS_SHOWN).await?;
    for r in &latest {
        let status = match (r.status, r.expires_on) {
            (RegistrationStatus::Approved, Some(expires)) => {
                format!("Approved until {}", short_date(expires))
            }
            (status, _) => status.label().to_string(),
        };
        lines.push(format!(
            "#{} {} · {} · {} · {} · submitted {}",
            r.id,
            r.account,
            r.reg_type.label(),
            ctx.money(r.amount_minor),
            status,
            short_date(r.submitted_on)
        ));
    }
    Ok(lines.join("\n"))
}

/// The first characters of notes on one line: whitespace runs (line breaks too) become one space.
fn preview(notes: &str) -> String {
    let line = notes.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= NOTES_SHOWN {
        return line;
    }
    let mut cut: String = line.chars().take(NOTES_SHOWN - 1).collect();
    cut.push('…');
    cut
}

/// A field value cut to Discord's limit at a line break.
fn fit(text: String) -> String {
    if text.chars().count() <= FIELD_MAX {
        return text;
    }
    let mut out = String::new();
    for line in text.lines() {
        if out.chars().count() + line.chars().count() + 3 > FIELD_MAX {
            out.push('…');
            return out;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn quoted(name: &str) -> String {
    name.replace('"', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notes_preview_is_one_line_of_at_most_80_characters() {
        assert_eq!(preview("line one\n\nline  two"), "line one line two");
        let long = preview(&"x".repeat(100));
        assert_eq!(long.chars().count(), 80);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn a_long_field_is_cut_at_a_line_under_discords_limit() {
        let text = (0..40)
            .map(|i| format!("line {i} {}", "y".repeat(40)))
            .collect::<Vec<_>>();
        let cut = fit(text.join("\n"));
        assert!(cut.chars().count() <= FIELD_MAX, "{}", cut.chars().count());
        assert!(cut.ends_with('…'));
        assert!(cut.starts_with("line 0 "));
    }
}
