//! The conflict answer of `/deal register`: who already holds the customer (registrations and
//! open deals on matching accounts) and how to go ahead anyway: a Confirm button that runs the
//! same command again with `confirm=true` (a form then asks for the reason), or, when that id
//! would not fit Discord's 100 characters, the options to type.

use crate::core::context::Ctx;
use crate::core::custom_id;
use crate::core::deal::stage_text;
use crate::core::error::{CommandError, CommandResult};
use crate::core::reply::{Card, Form, FormField, Reply, Table, Tone};
use crate::domain::dates::format_date;
use crate::domain::deal::Stage;
use crate::domain::ids::PartnerId;
use crate::domain::registration::{effective_status, RegistrationStatus};
use crate::domain::{echo, Choice};
use crate::store::registration::conflicts::{Holder, HolderKind};

/// The options of `/deal register` a Confirm button carries, in this order.
const CARRIED: &[&str] = &[
    "account",
    "domain",
    "amount",
    "close",
    "type",
    "partner",
    "distributor",
    "marketplace",
    "portal_id",
    "deal",
    "notes",
    "reason",
];

/// Holders listed in the answer.
const SHOWN: usize = 10;

/// Longest conflict reason kept.
const REASON_MAX: usize = 500;

/// The submission as given, to run again once confirmed.
pub(super) struct Submission {
    options: Vec<(&'static str, String)>,
}

impl Submission {
    /// The options given; partners by id (`#4`), which is shorter and means the same.
    pub fn of(
        ctx: &Ctx<'_>,
        partner_id: PartnerId,
        distributor_id: Option<PartnerId>,
    ) -> Submission {
        let options = CARRIED
            .iter()
            .filter_map(|name| {
                let value = match (*name, distributor_id) {
                    ("partner", _) => Some(format!("#{partner_id}")),
                    ("distributor", Some(id)) => Some(format!("#{id}")),
                    _ => ctx
                        .given_text
                        .iter()
                        .find(|(given, _)| given == name)
                        .map(|(_, text)| text.clone()),
                };
                value.map(|v| (*name, v))
            })
            .collect();
        Submission { options }
    }

    /// The custom id that runs `/deal register` again with `confirm=true`, if it fits.
    fn confirm_id(&self) -> Option<String> {
        let mut params = self.options.clone();
        params.push(("confirm", "true".to_string()));
        custom_id::encode("deal register", &params)
    }

    fn has_reason(&self) -> bool {
        self.options.iter().any(|(name, _)| *name == "reason")
    }
}

/// The answer to a submission that conflicts: nothing was written.
pub(super) fn reply(
    ctx: &Ctx<'_>,
    account: &str,
    holders: &[Holder],
    submission: &Submission,
) -> Reply {
    let how = match submission.confirm_id() {
        Some(_) if submission.has_reason() => "If this is a separate opportunity, press \
             **Confirm**; the reviewer sees your reason. To cancel, dismiss this message."
            .to_string(),
        Some(_) => "If this is a separate opportunity, press **Confirm** and give the reason \
             (the reviewer sees it). To cancel, dismiss this message."
            .to_string(),
        None => "If this is a separate opportunity, run the same command again with \
                 `confirm:true reason:\"why it is separate\"`; the reviewer sees the reason. To \
                 cancel, do nothing."
            .to_string(),
    };
    let card = Card::new(
        format!("Possible conflict · {}", echo(account)),
        Tone::Warning,
    )
    .description(format!(
        "This customer is already held by {}, matched by company name or web domain. Nothing \
         was saved.\n{how}",
        held_by(holders)
    ))
    .table(table(ctx, holders));
    let mut answer = Reply::card(card).with_text(format!(
        "`{}` may already be registered; nothing was saved.",
        echo(account)
    ));
    answer.tone = Tone::Warning;
    answer = answer.needing_confirmation();
    if let Some(id) = submission.confirm_id() {
        answer = answer.with_button("Confirm", id);
    }
    answer
}

/// `1 registration and 2 open deals`.
fn held_by(holders: &[Holder]) -> String {
    let count = |kind: HolderKind| holders.iter().filter(|h| h.kind == kind).count();
    let plural = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    [
        plural(
            count(HolderKind::Registration),
            "registration",
            "registrations",
        ),
        plural(count(HolderKind::Deal), "open deal", "open deals"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" and ")
}

fn table(ctx: &Ctx<'_>, holders: &[Holder]) -> Table {
    let mut table = Table::new(&["Holder", "Account", "Partner", "Status", "By", "Until"]);
    for h in holders.iter().take(SHOWN) {
        let (what, status, until) = match h.kind {
            HolderKind::Registration => {
                let status = RegistrationStatus::from_id(&h.status)
                    .map(|s| effective_status(s, h.until, ctx.today));
                (
                    format!("Registration #{}", h.id),
                    status.map_or(h.status.clone(), |s| s.label().to_string()),
                    match h.until {
                        Some(d) => format!("until {}", format_date(d)),
                        None => "awaiting review".to_string(),
                    },
                )
            }
            HolderKind::Deal => (
                format!("Deal #{}", h.id),
                Stage::from_id(&h.status).map_or(h.status.clone(), stage_text),
                h.until
                    .map(|d| format!("closes {}", format_date(d)))
                    .unwrap_or_default(),
            ),
        };
        table.row(vec![
            what,
            h.account.clone(),
            h.partner.clone().unwrap_or_else(|| "direct".to_string()),
            status,
            h.who.clone().unwrap_or_else(|| "—".to_string()),
            until,
        ]);
    }
    if holders.len() > SHOWN {
        table.row(vec![
            format!("…and {} more", holders.len() - SHOWN),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    table
}

/// Confirmed without a reason: from a button, a form asking for it; typed, a refusal saying
/// what to add.
pub(super) fn ask_reason(
    ctx: &Ctx<'_>,
    holders: &[Holder],
    submission: &Submission,
) -> CommandResult {
    if ctx.from_component {
        if let Some(id) = submission.confirm_id() {
            return Ok(Reply::form(Form {
                custom_id: id,
                title: "Register over a conflict".to_string(),
                fields: vec![FormField {
                    name: "reason".to_string(),
                    label: "Why is this a separate opportunity?".to_string(),
                    required: true,
                    long: true,
                    placeholder: Some(
                        "e.g. different business unit and buyer; the reviewer reads this"
                            .to_string(),
                    ),
                    max_length: Some(REASON_MAX as u32),
                    value: None,
                }],
            }));
        }
    }
    Err(CommandError::invalid(format!(
        "registering over {} needs a reason the reviewer can read; add \
         `reason:\"why this is a separate opportunity\"` to `confirm:true`",
        summary(holders)
    )))
}

/// The conflict note stored with a confirmed registration: the reason, then what it overrode.
pub(super) fn note(reason: &str, holders: &[Holder]) -> String {
    let reason: String = reason.trim().chars().take(REASON_MAX).collect();
    format!("{reason} (confirmed over {})", summary(holders))
}

/// `registration #3 (Initech Resale), deal #5 (direct)`.
fn summary(holders: &[Holder]) -> String {
    let parts: Vec<String> = holders
        .iter()
        .take(SHOWN)
        .map(|h| {
            let kind = match h.kind {
                HolderKind::Registration => "registration",
                HolderKind::Deal => "deal",
            };
            format!(
                "{kind} #{} ({})",
                h.id,
                h.partner.as_deref().unwrap_or("direct")
            )
        })
        .collect();
    let more = holders.len().saturating_sub(SHOWN);
    if more > 0 {
        format!("{} and {more} more", parts.join(", "))
    } else {
        parts.join(", ")
    }
}
