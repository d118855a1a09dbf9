//! The registration state machine: which event may happen in which status, and what it changes.
//!
//! ```text
//!            Submit                Approve                    CloseWon / CloseLost
//!   (new) ─────────► Submitted ───────────────► Approved ───────────────────────► Closed Won/Lost
//!                  │ or PendingReview (review     │  ▲ Extend (+extension days;
//!                  │  channel set)                │  │  PTM once, director any)
//!                  ├─ Deny{reason} ─► Denied      │  └──┘
//!                  ├─ Withdraw ─────► Denied ("withdrawn by the submitter")
//!                  └─ Return{comments} ─► Returned ─ Resubmit ─► Submitted/PendingReview
//!                                                  └ Withdraw ─► Denied
//!   Approved whose expires_on < today ── Expire ──► Expired
//! ```
//!
//! Withdrawing has no status of its own: a withdrawn registration is Denied with the note
//! [`WITHDRAWN_NOTE`], so every report that counts denials counts it, and it can never come back.
//!
//! Validity: approval sets `approved_on = today` and `expires_on = today + validity_days`; an
//! extension adds `extension_days` to `expires_on`. An approved registration whose `expires_on`
//! is before today no longer protects the partner: [`effective_status`] reads it as Expired
//! until the `Expire` event writes that down.

use super::RegistrationStatus::{self, *};
use crate::domain::dates::format_date;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The decision note of a registration withdrawn by its submitter.
pub const WITHDRAWN_NOTE: &str = "withdrawn by the submitter";

/// Something that happens to a registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A new registration is submitted (pending review when the workspace has a review channel).
    Submit,
    Approve,
    Deny {
        reason: String,
    },
    /// Sent back to the partner or PTM to fix.
    Return {
        comments: String,
    },
    Resubmit,
    Extend,
    Expire,
    CloseWon,
    CloseLost,
    /// The submitting PTM takes it back.
    Withdraw,
}

/// The kind of an [`Event`], without its text (for tables and messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    Submit,
    Approve,
    Deny,
    Return,
    Resubmit,
    Extend,
    Expire,
    CloseWon,
    CloseLost,
    Withdraw,
}

impl EventKind {
    pub const ALL: &'static [EventKind] = &[
        EventKind::Submit,
        EventKind::Approve,
        EventKind::Deny,
        EventKind::Return,
        EventKind::Resubmit,
        EventKind::Extend,
        EventKind::Expire,
        EventKind::CloseWon,
        EventKind::CloseLost,
        EventKind::Withdraw,
    ];

    /// The verb in messages: `approve`, `close as won`.
    pub fn verb(self) -> &'static str {
        match self {
            EventKind::Submit => "submit",
            EventKind::Approve => "approve",
            EventKind::Deny => "deny",
            EventKind::Return => "return",
            EventKind::Resubmit => "resubmit",
            EventKind::Extend => "extend",
            EventKind::Expire => "expire",
            EventKind::CloseWon => "close as won",
            EventKind::CloseLost => "close as lost",
            EventKind::Withdraw => "withdraw",
        }
    }
}

impl Event {
    pub fn kind(&self) -> EventKind {
        match self {
            Event::Submit => EventKind::Submit,
            Event::Approve => EventKind::Approve,
            Event::Deny { .. } => EventKind::Deny,
            Event::Return { .. } => EventKind::Return,
            Event::Resubmit => EventKind::Resubmit,
            Event::Extend => EventKind::Extend,
            Event::Expire => EventKind::Expire,
            Event::CloseWon => EventKind::CloseWon,
            Event::CloseLost => EventKind::CloseLost,
            Event::Withdraw => EventKind::Withdraw,
        }
    }
}

/// What the state machine needs to know besides the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The registration's number, for messages (0 before it is stored).
    pub id: i64,
    pub today: NaiveDate,
    /// The workspace has a review channel: submissions wait there as Pending review.
    pub has_review_channel: bool,
    /// Workspace setting `registration_validity_days` (default 90).
    pub validity_days: i64,
    /// Workspace setting `registration_extension_days` (default 30).
    pub extension_days: i64,
    /// Extensions granted so far.
    pub extensions: i64,
    pub approved_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub decision_note: Option<String>,
    /// Who made the last review decision and when, for refusals: `Dana`, 2026-11-20.
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    /// Directors (and admins) may extend more than once.
    pub actor_is_director: bool,
}

impl Facts {
    /// Facts with the default settings and nothing decided yet.
    pub fn new(id: i64, today: NaiveDate) -> Facts {
        Facts {
            id,
            today,
            has_review_channel: false,
            validity_days: i64::from(super::DEFAULT_VALIDITY_DAYS),
            extension_days: i64::from(super::DEFAULT_EXTENSION_DAYS),
            extensions: 0,
            approved_on: None,
            expires_on: None,
            decision_note: None,
            decided_by: None,
            decided_on: None,
            actor_is_director: false,
        }
    }
}

/// The registration's fields after an allowed event (every value, changed or not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: RegistrationStatus,
    pub approved_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub extensions: i64,
    pub decision_note: Option<String>,
    /// A review decision (approve, deny, return): the reviewer and time are recorded.
    pub reviewed: bool,
}

/// Why an event is refused, in plain words (the exact text shown).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TransitionError(pub String);

/// The status people should see: an approved registration past its expiry date is Expired.
pub fn effective_status(
    status: RegistrationStatus,
    expires_on: Option<NaiveDate>,
    today: NaiveDate,
) -> RegistrationStatus {
    match (status, expires_on) {
        (Approved, Some(expires)) if expires < today => Expired,
        _ => status,
    }
}

/// The review target: one business day (Monday to Friday) after `submitted_on`.
pub fn review_due(submitted_on: NaiveDate) -> NaiveDate {
    let mut day = submitted_on;
    loop {
        day = day + Days::new(1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            return day;
        }
    }
}

/// Applies `event` to a registration in `current` (`None`: not stored yet).
pub fn apply(
    current: Option<RegistrationStatus>,
    event: &Event,
    facts: &Facts,
) -> Result<Outcome, TransitionError> {
    let kind = event.kind();
    let Some(stored) = current else {
        return match event {
            Event::Submit => Ok(Outcome {
                status: waiting_status(facts),
                approved_on: None,
                expires_on: None,
                extensions: 0,
                decision_note: None,
                reviewed: false,
            }),
            _ => Err(TransitionError(format!(
                "there is no registration to {} yet; submit one with `/deal register`",
                kind.verb()
            ))),
        };
    };
    let status = effective_status(stored, facts.expires_on, facts.today);
    let keep = Outcome {
        status: stored,
        approved_on: facts.approved_on,
        expires_on: facts.expires_on,
        extensions: facts.extensions,
        decision_note: facts.decision_note.clone(),
        reviewed: false,
    };
    let decided = |status: RegistrationStatus, note: Option<String>| Outcome {
        status,
        decision_note: note,
        reviewed: true,
        ..keep.clone()
    };
    match (status, event) {
        (Submitted | PendingReview, Event::Approve) => {
            let expires = add_days(facts.today, facts.validity_days)?;
            Ok(Outcome {
                status: Approved,
                approved_on: Some(facts.today),
                expires_on: Some(expires),
                extensions: 0,
                decision_note: None,
                reviewed: true,
            })
        }
        (Submitted | PendingReview, Event::Deny { reason }) => {
            let reason = required_text(reason, facts, "deny", "a reason", "reason")?;
            Ok(decided(Denied, Some(reason)))
        }
        (Submitted | PendingReview, Event::Return { comments }) => {
            let comments = required_text(comments, facts, "return", "comments", "comments")?;
            Ok(decided(Returned, Some(comments)))
        }
        (Returned, Event::Resubmit) => Ok(Outcome {
            status: waiting_status(facts),
            decision_note: None,
            ..keep
        }),
        (Submitted | PendingReview | Returned, Event::Withdraw) => Ok(Outcome {
            status: Denied,
            decision_note: Some(WITHDRAWN_NOTE.to_string()),
            ..keep
        }),
        (Approved, Event::Extend) => {
            if facts.extensions > 0 && !facts.actor_is_director {
                return Err(TransitionError(format!(
                    "registration #{} was already extended {} (it now expires on {}); a PTM may \
                     extend once, so a further extension needs a director",
                    facts.id,
                    times(facts.extensions),
                    facts.expires_on.map(format_date).unwrap_or_default()
                )));
            }
            let from = facts.expires_on.unwrap_or(facts.today);
            Ok(Outcome {
                expires_on: Some(add_days(from, facts.extension_days)?),
                extensions: facts.extensions + 1,
                ..keep
            })
        }
        (Expired, Event::Expire) if stored == Approved => Ok(Outcome {
            status: Expired,
            ..keep
        }),
        (Approved, Event::CloseWon) => Ok(Outcome {
            status: ClosedWon,
            ..keep
        }),
        (Approved, Event::CloseLost) => Ok(Outcome {
            status: ClosedLost,
            ..keep
        }),
        _ => Err(refusal(status, stored, kind, facts)),
    }
}

fn waiting_status(facts: &Facts) -> RegistrationStatus {
    if facts.has_review_channel {
        PendingReview
    } else {
        Submitted
    }
}

fn add_days(from: NaiveDate, days: i64) -> Result<NaiveDate, TransitionError> {
    u64::try_from(days)
        .ok()
        .and_then(|d| from.checked_add_days(Days::new(d)))
        .ok_or_else(|| {
            TransitionError(format!(
                "the workspace's registration period of {days} days is not usable; ask an admin \
                 to fix it"
            ))
        })
}

fn required_text(
    text: &str,
    facts: &Facts,
    verb: &str,
    what: &str,
    option: &str,
) -> Result<String, TransitionError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TransitionError(format!(
            "to {verb} registration #{} give {what}, like `{option}:\"...\"`; the partner reads it",
            facts.id
        )));
    }
    Ok(text.to_string())
}

fn times(n: i64) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// ` (by Dana on 20 Nov 2026)`, or what is known of it.
fn by_whom(facts: &Facts) -> String {
    match (&facts.decided_by, facts.decided_on) {
        (Some(who), Some(on)) => format!(" (by {who} on {})", format_date(on)),
        (Some(who), None) => format!(" (by {who})"),
        (None, Some(on)) => format!(" (on {})", format_date(on)),
        (None, None) => String::new(),
    }
}

/// Why `kind` cannot happen to a registration in `status` (`stored` before the expiry reading).
fn refusal(
    status: RegistrationStatus,
    stored: RegistrationStatus,
    kind: EventKind,
    facts: &Facts,
) -> TransitionError {
    let id = facts.id;
    let expiry = facts.expires_on.map(format_date).unwrap_or_default();
    let state = match status {
        Submitted => "is submitted and waiting for review".to_string(),
        PendingReview => "is pending review".to_string(),
        Approved => format!("is already approved{}", by_whom(facts)),
        Denied if facts.decision_note.as_deref() == Some(WITHDRAWN_NOTE) => {
            "was withdrawn by its submitter".to_string()
        }
        Denied => format!("was denied{}", by_whom(facts)),
        Returned => format!("was returned for changes{}", by_whom(facts)),
        Expired if stored == Approved => format!("expired on {expiry}"),
        Expired => "has expired".to_string(),
        ClosedWon => "is closed won with its deal".to_string(),
        ClosedLost => "is closed lost with its deal".to_string(),
    };
    let next = match (kind, status) {
        (EventKind::Submit, _) => "it was submitted already".to_string(),
        (EventKind::Approve, Approved) => "nothing to approve".to_string(),
        (EventKind::Approve | EventKind::Deny | EventKind::Return, Returned) => format!(
            "it can be reviewed again once it is resubmitted with `/registration resubmit id:{id}`"
        ),
        (EventKind::Approve | EventKind::Deny | EventKind::Return, _) => format!(
            "only a submitted or pending registration can be reviewed, so there is nothing to {}",
            kind.verb()
        ),
        (EventKind::Resubmit, Submitted | PendingReview) => {
            "it is already waiting for review; nothing to resubmit".to_string()
        }
        (EventKind::Resubmit, _) => {
            "only a returned registration can be resubmitted; register again with `/deal register`"
                .to_string()
        }
        (EventKind::Extend, Expired) => {
            "an expired registration cannot be extended; register again with `/deal register`, \
             or ask a director for an exception"
                .to_string()
        }
        (EventKind::Extend, _) => "only an approved registration can be extended".to_string(),
        (EventKind::Expire, Approved) => format!("it is valid until {expiry}; nothing to expire"),
        (EventKind::Expire, _) => "only an approved registration expires".to_string(),
        (EventKind::CloseWon | EventKind::CloseLost, Expired) => {
            "it no longer protects the partner, so its deal's close does not change it".to_string()
        }
        (EventKind::CloseWon | EventKind::CloseLost, _) => {
            "only an approved registration closes with its deal".to_string()
        }
        (EventKind::Withdraw, _) => {
            "only a registration still waiting on someone (submitted, pending or returned) can be \
             withdrawn"
                .to_string()
        }
    };
    TransitionError(format!("registration #{id} {state}; {next}"))
}

#[cfg(test)]
mod tests;
