//! `/setup show`: every workspace setting on one card, and the next steps while something is
//! missing (no role mapped, a channel not chosen, the timezone still the default UTC).

use super::parse::month_name;
use super::ChannelKind;
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::reply::{Card, Reply, Tone};
use crate::core::text::Text;
use crate::domain::ids::RoleId;
use crate::domain::role::Role;
use crate::domain::workspace::Workspace;
use crate::domain::Choice;
use crate::store::workspace;
use chrono::NaiveDate;

/// Role mappings listed on the card (a Discord field value holds 1024 characters).
const MAPPINGS_SHOWN: usize = 20;

pub async fn show(ctx: &mut Ctx<'_>, _args: args::SetupShow) -> CommandResult {
    let ws = ctx.workspace.clone();
    let mut mappings = workspace::role_mappings(ctx.conn(), ws.id).await?;
    mappings.sort_by_key(|(id, role)| (Role::ALL.iter().position(|r| r == role), *id));

    let local = ctx.now.with_timezone(&ws.timezone);
    let quarter = ws.calendar.quarter_of(ctx.today);
    let (first, last) = ws.calendar.quarter_bounds(quarter);
    let mut card = Card::new(format!("Workspace settings · {}", ws.name), Tone::Info)
        .field(
            "Timezone",
            format!(
                "{} (now {})",
                ws.timezone.name(),
                local.format("%H:%M, %a %-d %b %Y")
            ),
        )
        .field(
            "Currency",
            match ws.currency.symbol() {
                symbol if symbol == ws.currency.code() => symbol.to_string(),
                symbol => format!("{} ({symbol})", ws.currency.code()),
            },
        )
        .field(
            "Fiscal year",
            format!(
                "starts in {} · now {} ({} – {})",
                month_name(ws.calendar.start_month()),
                quarter.label(),
                us_date(first),
                us_date(last)
            ),
        )
        .field(
            "Forecasts",
            format!(
                "due {} {} · this week is {}",
                ws.forecast_deadline,
                ws.timezone.name(),
                ws.forecast_calendar().week_at(ctx.now).label()
            ),
        )
        .field(
            "Open reads",
            if ws.open_read {
                "on: members with no role may read partner profiles, coverage and territories"
            } else {
                "off: only members with a partnerbot role may use it"
            },
        )
        .field(
            "Registrations",
            format!(
                "valid {} days after approval, one {}-day extension",
                ws.registration_validity_days, ws.registration_extension_days
            ),
        )
        .wide_field("Channels", channels_text(&ws))
        .wide_field("Roles", roles_text(&mappings));
    let steps = next_steps(&ws, &mappings);
    if !steps.is_empty() {
        card = card.wide_field("Next steps", steps.join("\n"));
    }
    Ok(Reply::card(card))
}

/// `Nov 1, 2026`, as the fiscal quarter's dates are written.
fn us_date(date: NaiveDate) -> String {
    date.format("%b %-d, %Y").to_string()
}

fn channels_text(ws: &Workspace) -> Text {
    let lines = ChannelKind::ALL.iter().map(|kind| {
        let line = Text::plain(format!("{}: ", kind.label()));
        match kind.current(ws) {
            Some(id) => line.channel(id),
            None => line.then("not set"),
        }
    });
    Text::join(lines, "\n")
}

fn roles_text(mappings: &[(RoleId, Role)]) -> Text {
    if mappings.is_empty() {
        return "none mapped: only members with Discord's Administrator permission have a role \
                (admin)"
            .into();
    }
    let mut lines: Vec<Text> = mappings
        .iter()
        .take(MAPPINGS_SHOWN)
        .map(|(id, role)| Text::new().role(*id).then(format!(" → {}", role.label())))
        .collect();
    if mappings.len() > MAPPINGS_SHOWN {
        lines.push(format!("… and {} more", mappings.len() - MAPPINGS_SHOWN).into());
    }
    Text::join(lines, "\n")
}

/// What an admin should do next, in the order a new workspace needs it.
fn next_steps(ws: &Workspace, mappings: &[(RoleId, Role)]) -> Vec<String> {
    let mut steps = Vec::new();
    if ws.timezone == chrono_tz::UTC {
        steps.push(
            "Unless your team works in UTC, set its timezone: \
             `/setup workspace timezone:Europe/Berlin`"
                .to_string(),
        );
    }
    // Discord's Administrator permission already makes an admin; the other roles need a mapping.
    for role in Role::ALL.iter().filter(|r| **r != Role::Admin) {
        if !mappings.iter().any(|(_, r)| r == role) {
            steps.push(format!(
                "Map a Discord role to {}: `/setup role role:@{} as:{}`",
                role.label(),
                example_role(*role),
                role.as_str()
            ));
        }
    }
    for kind in ChannelKind::ALL {
        if kind.current(ws).is_none() {
            steps.push(format!(
                "Choose where {}: `/setup channel kind:{} channel:#{}`",
                kind.posted().to_lowercase(),
                kind.id(),
                example_channel(kind)
            ));
        }
    }
    steps
}

fn example_role(role: Role) -> &'static str {
    match role {
        Role::Admin => "Admins",
        Role::Director => "Directors",
        Role::Ptm => "PTMs",
        Role::FieldSales => "Sales",
    }
}

fn example_channel(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Review => "deal-desk",
        ChannelKind::Digest => "partner-sales",
        ChannelKind::Reminders => "partner-sales",
        ChannelKind::Announcements => "wins",
    }
}
