//! What people read about a registration: the registration card (`/registration show`, the
//! answer to every registration command) and the review card posted in the review channel,
//! which carries Approve / Deny / Return buttons until it is decided.

use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::reply::{Card, Reply, Tone};
use crate::domain::dates::{format_date, format_relative};
use crate::domain::ids::RegistrationId;
use crate::domain::registration::Registration;
use crate::domain::registration::{
    effective_status, review_due, RegistrationStatus as S, WITHDRAWN_NOTE,
};
use crate::domain::Choice;
use crate::store::registration::{self, RegistrationNames};
use chrono::{DateTime, NaiveDate, Utc};

/// Everything a card needs: the registration and the names it points to.
pub(crate) struct View {
    pub reg: Registration,
    pub names: RegistrationNames,
}

impl View {
    pub async fn load(ctx: &mut Ctx<'_>, reg: Registration) -> CommandResult<View> {
        let ws = ctx.workspace.id;
        let names = registration::names(ctx.conn(), ws, &reg).await?;
        Ok(View { reg, names })
    }
}

/// The day of an instant in the workspace's timezone.
pub(crate) fn local_day(ctx: &Ctx<'_>, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&ctx.workspace.timezone).date_naive()
}

/// `Fri 27 Nov 2026 10:00` in the workspace's timezone.
fn local_time(ctx: &Ctx<'_>, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&ctx.workspace.timezone);
    format!(
        "{} {}",
        format_date(local.date_naive()),
        local.format("%H:%M")
    )
}

/// The status as people read it (a lapsed approval is Expired).
pub(crate) fn status_of(ctx: &Ctx<'_>, reg: &Registration) -> S {
    effective_status(reg.status, reg.expires_on, ctx.today)
}

fn account_text(names: &RegistrationNames) -> String {
    match &names.account_domain {
        Some(domain) => format!("{} ({domain})", names.account),
        None => names.account.clone(),
    }
}

fn market_text(reg: &Registration) -> String {
    match &reg.portal_id {
        Some(id) => format!("{} · {id}", reg.marketplace.label()),
        None => reg.marketplace.label().to_string(),
    }
}

/// A card's colour. Never `Error`: a reply takes its first card's tone, and an error tone
/// would read as a refusal (the door does not update a message with an error).
fn tone(status: S) -> Tone {
    match status {
        S::Approved | S::ClosedWon => Tone::Success,
        S::Denied | S::Expired | S::ClosedLost | S::Returned => Tone::Warning,
        S::Submitted | S::PendingReview => Tone::Info,
    }
}

/// One sentence on where the registration stands and what happens next.
pub(crate) fn status_line(ctx: &Ctx<'_>, view: &View) -> String {
    let reg = &view.reg;
    let by = match (&view.names.reviewer, reg.reviewed_at) {
        (Some(who), Some(at)) => format!(" by {who} on {}", local_time(ctx, at)),
        (None, Some(at)) => format!(" on {}", local_time(ctx, at)),
        _ => String::new(),
    };
    let note = reg.decision_note.clone().unwrap_or_default();
    let due = format_date(review_due(local_day(ctx, reg.submitted_at)));
    let expiry = reg.expires_on.map(format_date).unwrap_or_default();
    match status_of(ctx, reg) {
        S::Submitted => format!("**Submitted**, waiting for a director's review (due {due})"),
        S::PendingReview => format!("**Pending review** in the review channel (due {due})"),
        S::Approved => format!(
            "**Approved**{by}; protects {} until {expiry} ({})",
            view.names.partner,
            reg.expires_on
                .map(|d| format_relative(d, ctx.today))
                .unwrap_or_default()
        ),
        S::Denied if note == WITHDRAWN_NOTE => "**Withdrawn** by its submitter".to_string(),
        S::Denied => format!("**Denied**{by}: {note}"),
        S::Returned => format!(
            "**Returned**{by} for changes: {note}. Fix and resubmit with `/registration resubmit \
             id:{}`",
            reg.id
        ),
        S::Expired => format!("**Expired** on {expiry}; it no longer protects the partner"),
        S::ClosedWon => "**Closed Won** with its deal".to_string(),
        S::ClosedLost => "**Closed Lost** with its deal".to_string(),
    }
}

/// The registration card.
pub(crate) fn card(ctx: &Ctx<'_>, view: &View) -> Card {
    let (reg, names) = (&view.reg, &view.names);
    let status = status_of(ctx, reg);
    let dash = || "—".to_string();
    let mut card = Card::new(
        format!("Registration #{} · {}", reg.id, names.account),
        tone(status),
    )
    .description(status_line(ctx, view))
    .field("Partner", names.partner.clone())
    .field("Account", account_text(names))
    .field("Type", reg.reg_type.label())
    .field("Amount", reg.amount.to_string())
    .field("Close", format_date(reg.close_date))
    .field("Marketplace", market_text(reg))
    .field(
        "Distributor",
        names.distributor.clone().unwrap_or_else(dash),
    )
    .field(
        "Deal",
        match (reg.deal_id, &names.deal) {
            (Some(id), Some(name)) => format!("#{id} {name}"),
            _ => "not linked yet".to_string(),
        },
    )
    .field(
        "Submitted",
        format!(
            "{} · {}",
            names.submitter.clone().unwrap_or_else(dash),
            format_date(local_day(ctx, reg.submitted_at))
        ),
    );
    if matches!(status, S::Approved | S::Expired) || reg.extensions > 0 {
        card = card.field("Extensions", reg.extensions.to_string());
    }
    if let Some(note) = &reg.conflict_note {
        card = card.wide_field("Conflict note", note.clone());
    }
    if !reg.notes.is_empty() {
        card = card.wide_field("Notes", reg.notes.clone());
    }
    card
}

/// The card for reviewers: what they decide on, the review target, and the decision once made.
pub(crate) fn review_card(ctx: &Ctx<'_>, view: &View) -> Card {
    let (reg, names) = (&view.reg, &view.names);
    let status = status_of(ctx, reg);
    let waiting = matches!(status, S::Submitted | S::PendingReview);
    let description = if waiting {
        format!(
            "**{}** registers **{}**; review by {} (one business day).",
            names.partner,
            names.account,
            format_date(review_due(local_day(ctx, reg.submitted_at)))
        )
    } else {
        status_line(ctx, view)
    };
    let mut card = Card::new(
        format!(
            "Registration #{} {} · {}",
            reg.id,
            if waiting { "for review" } else { "reviewed" },
            names.account
        ),
        if waiting { Tone::Info } else { tone(status) },
    )
    .description(description)
    .field("Partner", names.partner.clone())
    .field("Account", account_text(names))
    .field("Amount", reg.amount.to_string())
    .field("Close", format_date(reg.close_date))
    .field("Type", reg.reg_type.label())
    .field("Marketplace", market_text(reg))
    .field(
        "Submitted by",
        names.submitter.clone().unwrap_or_else(|| "—".to_string()),
    );
    if let Some(note) = &reg.conflict_note {
        card = card.wide_field("Conflict note", note.clone());
    }
    if !reg.notes.is_empty() {
        card = card.wide_field("Notes", reg.notes.clone());
    }
    card
}

/// The review card as a message: public, with Approve / Deny / Return while it waits.
pub(crate) fn review_message(ctx: &Ctx<'_>, view: &View) -> Reply {
    let id = view.reg.id;
    let mut reply = Reply::card(review_card(ctx, view)).public();
    if matches!(status_of(ctx, &view.reg), S::Submitted | S::PendingReview) {
        reply = reply
            .with_button("Approve", format!("registration approve:id={id}"))
            .with_button("Deny", format!("registration deny:id={id}"))
            .with_button("Return", format!("registration return:id={id}"));
    }
    reply
}

/// The track of a registration's review card (`registration:12`).
pub(crate) fn track(id: RegistrationId) -> String {
    format!("registration:{id}")
}
