//! `/setup workspace|role|channel|show`: the settings an admin gives a workspace (name, timezone,
//! currency, fiscal year, open reads), the Discord role mapping, the channels the bot posts to,
//! and the one card that shows them all.
//!
//! - this file: the writes, each with an audit row holding the settings before and after.
//! - [`parse`]: month parsing with "did you mean" (timezones: [`crate::core::timezone`]).
//! - [`show`]: the settings card and its next-step hints.

mod parse;
mod show;

pub use show::show;

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::reply::{Card, Reply, Tone};
use crate::core::text::Text;
use crate::domain::calendar::FiscalCalendar;
use crate::domain::forecast::Deadline;
use crate::domain::ids::ChannelId;
use crate::domain::money::Currency;
use crate::domain::names::Name;
use crate::domain::role::Role;
use crate::domain::workspace::Workspace;
use crate::domain::Choice;
use crate::store::workspace::{self, SettingsChange};
use serde_json::{json, Map, Value};

/// What a channel of `/setup channel` is for: the option value and how people call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChannelKind {
    Review,
    Digest,
    Reminders,
    Announcements,
}

impl ChannelKind {
    pub(crate) const ALL: [ChannelKind; 4] = [
        ChannelKind::Review,
        ChannelKind::Digest,
        ChannelKind::Reminders,
        ChannelKind::Announcements,
    ];

    /// The `kind:` value.
    pub(crate) fn id(self) -> &'static str {
        match self {
            ChannelKind::Review => "review",
            ChannelKind::Digest => "digest",
            ChannelKind::Reminders => "reminders",
            ChannelKind::Announcements => "announcements",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            ChannelKind::Review => "Registration reviews",
            ChannelKind::Digest => "Weekly digest",
            ChannelKind::Reminders => "Reminders",
            ChannelKind::Announcements => "Announcements",
        }
    }

    /// The start of a sentence saying where it goes: "The weekly digest is posted".
    fn posted(self) -> &'static str {
        match self {
            ChannelKind::Review => "Registration reviews are posted",
            ChannelKind::Digest => "The weekly digest is posted",
            ChannelKind::Reminders => "Reminders are posted",
            ChannelKind::Announcements => "Announcements are posted",
        }
    }

    /// The workspace column it is stored in (also the audit key).
    fn column(self) -> &'static str {
        match self {
            ChannelKind::Review => "review_channel_id",
            ChannelKind::Digest => "digest_channel_id",
            ChannelKind::Reminders => "reminder_channel_id",
            ChannelKind::Announcements => "announce_channel_id",
        }
    }

    pub(crate) fn current(self, ws: &Workspace) -> Option<ChannelId> {
        match self {
            ChannelKind::Review => ws.review_channel_id,
            ChannelKind::Digest => ws.digest_channel_id,
            ChannelKind::Reminders => ws.reminder_channel_id,
            ChannelKind::Announcements => ws.announce_channel_id,
        }
    }

    fn change(self, channel_id: ChannelId) -> SettingsChange {
        let mut change = SettingsChange::default();
        let slot = match self {
            ChannelKind::Review => &mut change.review_channel_id,
            ChannelKind::Digest => &mut change.digest_channel_id,
            ChannelKind::Reminders => &mut change.reminder_channel_id,
            ChannelKind::Announcements => &mut change.announce_channel_id,
        };
        *slot = Some(channel_id);
        change
    }

    /// The value or the label, as the manifest's choices accept them.
    fn parse(text: &str) -> Option<ChannelKind> {
        let key = text.trim().to_lowercase().replace([' ', '-'], "_");
        Self::ALL
            .into_iter()
            .find(|k| k.id() == key || k.label().eq_ignore_ascii_case(text.trim()))
    }
}

const WORKSPACE_OPTIONS: &str = "`name:`, `timezone:`, `currency:`, `fiscal_year_start:`, \
    `forecast_deadline:` or `open_read:`";

pub async fn workspace(ctx: &mut Ctx<'_>, args: args::SetupWorkspace) -> CommandResult {
    // Parse everything first: a typo anywhere changes nothing.
    let name = args
        .name
        .as_deref()
        .map(|t| Name::parse(t, "workspace name"))
        .transpose()?;
    let timezone = args
        .timezone
        .as_deref()
        .map(crate::core::timezone::parse)
        .transpose()?;
    let currency = args.currency.as_deref().map(Currency::parse).transpose()?;
    let start_month = args
        .fiscal_year_start
        .as_deref()
        .map(parse::month)
        .transpose()?;
    let open_read = args.open_read;
    let deadline = args
        .forecast_deadline
        .as_deref()
        .map(str::parse::<Deadline>)
        .transpose()?;
    if name.is_none()
        && deadline.is_none()
        && timezone.is_none()
        && currency.is_none()
        && start_month.is_none()
        && open_read.is_none()
    {
        return Err(CommandError::invalid(format!(
            "`/setup workspace` needs a setting to change: {WORKSPACE_OPTIONS}. \
             For example `/setup workspace timezone:Europe/Berlin currency:EUR`."
        )));
    }

    let current = ctx.workspace.clone();
    let mut change = SettingsChange::default();
    let (mut before, mut after) = (Map::new(), Map::new());
    let mut said: Vec<String> = Vec::new();
    let mut record = |key: &str, old: Value, new: Value| {
        before.insert(key.to_string(), old);
        after.insert(key.to_string(), new);
    };
    if let Some(name) = name.filter(|n| n.as_str() != current.name) {
        said.push(format!("name **{}** (was {})", name.as_str(), current.name));
        record("name", json!(current.name), json!(name.as_str()));
        change.name = Some(name.into_string());
    }
    if let Some(tz) = timezone.filter(|tz| *tz != current.timezone) {
        said.push(format!(
            "timezone **{}** (was {})",
            tz.name(),
            current.timezone.name()
        ));
        record("timezone", json!(current.timezone.name()), json!(tz.name()));
        change.timezone = Some(tz);
    }
    if let Some(currency) = currency.filter(|c| *c != current.currency) {
        said.push(format!(
            "currency **{currency}** (was {})",
            current.currency
        ));
        record(
            "currency",
            json!(current.currency.code()),
            json!(currency.code()),
        );
        change.currency = Some(currency);
    }
    if let Some(month) = start_month.filter(|m| *m != current.calendar.start_month()) {
        let calendar = FiscalCalendar::new(month)?;
        said.push(format!(
            "fiscal year starts in **{}** (was {}; today is in {})",
            parse::month_name(month),
            parse::month_name(current.calendar.start_month()),
            calendar.quarter_of(ctx.today).label()
        ));
        record(
            "fiscal_year_start_month",
            json!(current.calendar.start_month()),
            json!(month),
        );
        change.fiscal_year_start_month = Some(month);
    }
    if let Some(open) = open_read.filter(|o| *o != current.open_read) {
        said.push(if open {
            "open reads **on**: members with no role may read profiles and coverage".to_string()
        } else {
            "open reads **off**: only members with a role may use partnerbot".to_string()
        });
        record("open_read", json!(current.open_read), json!(open));
        change.open_read = Some(open);
    }
    if let Some(deadline) = deadline.filter(|d| *d != current.forecast_deadline) {
        said.push(format!(
            "forecasts due **{deadline}** {} (was {})",
            timezone.unwrap_or(current.timezone).name(),
            current.forecast_deadline
        ));
        record(
            "forecast_deadline",
            json!(current.forecast_deadline.to_string()),
            json!(deadline.to_string()),
        );
        change.forecast_deadline = Some(deadline);
    }
    if said.is_empty() {
        return Ok(Reply::info(
            "Nothing changed: the workspace already has those settings. See `/setup show`.",
        ));
    }

    // Amounts are stored in minor units of the workspace currency and are never converted.
    let ws = current.id;
    let deals = match change.currency {
        Some(_) => {
            let all = crate::store::deal::DealFilter::default();
            crate::store::deal::summary(ctx.conn(), ws, &all)
                .await?
                .count
        }
        None => 0,
    };
    let now = ctx.now;
    workspace::update(ctx.conn(), ws, &change, now).await?;
    ctx.audit(
        "setup.workspace",
        "workspace",
        Some(ws.get()),
        Some(Value::Object(before)),
        Some(Value::Object(after)),
    )
    .await?;
    let mut reply = Reply::success(format!("Workspace settings saved: {}.", said.join(" · ")));
    if let Some(new) = change.currency.filter(|_| deals > 0) {
        let (n, s) = (deals, if deals == 1 { "" } else { "s" });
        reply = reply.with_card(
            Card::new("Amounts were not converted", Tone::Warning).description(format!(
                "The {n} deal{s} already recorded keep their numbers, which now read as {new} \
                 instead of {}. Update the amounts with `/deal update` if they need converting.",
                current.currency
            )),
        );
    }
    Ok(reply)
}

pub async fn role(ctx: &mut Ctx<'_>, args: args::SetupRole) -> CommandResult {
    let discord_role = args.role;
    let role: Role = args.r#as;
    let remove = args.remove.unwrap_or(false);
    let ws = ctx.workspace.id;
    let mapping = json!({ "discord_role_id": discord_role, "role": role.as_str() });
    let mention = || Text::new().role(discord_role);
    if remove {
        if !workspace::unmap_role(ctx.conn(), ws, discord_role, role).await? {
            return Err(CommandError::invalid(mention().then(format!(
                " is not mapped to {}; nothing to remove. See `/setup show`.",
                role.label()
            ))));
        }
        ctx.audit(
            "setup.role_unmap",
            "role_mapping",
            Some(discord_role.get()),
            Some(mapping),
            None,
        )
        .await?;
        return Ok(Reply::success(
            Text::plain("Members with ").append(mention()).then(format!(
                " are no longer **{}** in partnerbot.",
                role.label()
            )),
        ));
    }
    if !workspace::map_role(ctx.conn(), ws, discord_role, role).await? {
        return Ok(Reply::info(mention().then(format!(
            " already grants **{}**; nothing changed.",
            role.label()
        ))));
    }
    ctx.audit(
        "setup.role_map",
        "role_mapping",
        Some(discord_role.get()),
        None,
        Some(mapping),
    )
    .await?;
    Ok(Reply::success(
        Text::plain("Members with ")
            .append(mention())
            .then(format!(" are now **{}** in partnerbot.", role.label())),
    ))
}

pub async fn channel(ctx: &mut Ctx<'_>, args: args::SetupChannel) -> CommandResult {
    let kind_text = &args.kind;
    let kind = ChannelKind::parse(kind_text).ok_or_else(|| {
        CommandError::invalid(format!(
            "`kind` cannot be `{}`; choose review, digest, reminders or announcements",
            crate::domain::echo(kind_text)
        ))
    })?;
    let channel = args.channel;
    let old = kind.current(&ctx.workspace);
    if old == Some(channel) {
        return Ok(Reply::info(
            Text::plain(format!("{} in ", kind.posted()))
                .channel(channel)
                .then(" already; nothing changed."),
        ));
    }
    let (ws, now) = (ctx.workspace.id, ctx.now);
    workspace::update(ctx.conn(), ws, &kind.change(channel), now).await?;
    ctx.audit(
        "setup.channel",
        "workspace",
        Some(ws.get()),
        Some(json!({ kind.column(): old })),
        Some(json!({ kind.column(): channel })),
    )
    .await?;
    let schedules = crate::core::schedule::follow_channel(ctx, kind.id(), old, channel).await?;
    let mut text = Text::plain(format!("{} in ", kind.posted()))
        .channel(channel)
        .then(" from now on");
    if let Some(old) = old {
        text = text.then(" (was ").channel(old).then(")");
    }
    text = text.then(".");
    if !schedules.is_empty() {
        text = text.then(format!(
            " Schedules: {}. See `/schedule list`.",
            schedules.join("; ")
        ));
    }
    Ok(Reply::success(text))
}
