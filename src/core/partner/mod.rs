//! `/partner add|update|show|list`: the partners a team works with, their program track and
//! compliance (certifications, agreement, business plan), and what is going on with them.
//!
//! - [`input`]: the options add and update share, read into domain types, and the agreement rule.
//! - [`write`]: add and update (one audit row each, with the partner before and after).
//! - [`show`]: the profile card with open deals, touches and registrations.
//! - [`list`]: the filtered, paginated list.
//!
//! This file holds what they share: the profile card's fields and the "check this" warnings.

mod input;
mod list;
mod show;
mod write;

pub use list::list;
pub use show::show;
pub use write::{add, update};

use crate::core::deal::short_date;
use crate::core::reply::{Card, Tone};
use crate::domain::partner::{AgreementStatus, Track};
use crate::domain::partner::{Partner, PartnerFields};
use crate::domain::Choice;
use chrono::NaiveDate;
use serde_json::Value;

/// The profile part of a partner card: who the partner is and whether it is compliant.
pub(crate) fn profile_card(partner: &Partner, today: NaiveDate) -> Card {
    let f = &partner.fields;
    Card::new(f.name.clone(), Tone::Info)
        .field("Type", f.partner_type.label())
        .field("Track", track_text(f.track, f.professional_services))
        .field("Territory", partner.territory.as_deref().unwrap_or("—"))
        .field("Domain", f.domain.as_deref().unwrap_or("—"))
        .field(
            "Agreement",
            agreement_text(f.agreement_signed_on, f.agreement_expires_on, today),
        )
        .field("Certifications", certs_text(f))
        .field(
            "Business plan",
            if f.business_plan {
                "on file"
            } else {
                "not on file"
            },
        )
}

/// `Select · Professional Services Partner`.
pub(crate) fn track_text(track: Track, professional_services: bool) -> String {
    if professional_services {
        format!("{} · Professional Services Partner", track.label())
    } else {
        track.label().to_string()
    }
}

/// `current until 27 Nov 2027`, `lapsed since 2 Jan 2026`, `none on file`.
pub(crate) fn agreement_text(
    signed: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    today: NaiveDate,
) -> String {
    match (AgreementStatus::of(signed, expires, today), signed, expires) {
        (AgreementStatus::Current, _, Some(expires)) => {
            format!("current until {}", short_date(expires))
        }
        (AgreementStatus::Current, Some(signed), None) => {
            format!("current since {} (no end date)", short_date(signed))
        }
        (AgreementStatus::Lapsed, _, Some(expires)) => {
            // Current through its expiry day, lapsed from the day after.
            let since = expires.succ_opt().unwrap_or(expires);
            format!("lapsed since {}", short_date(since))
        }
        (AgreementStatus::None, Some(signed), _) => format!("starts {}", short_date(signed)),
        _ => "none on file".to_string(),
    }
}

/// `12 sales · 4 SA · 2 PSE`, or `none` when nothing is recorded.
fn certs_text(f: &PartnerFields) -> String {
    if f.certs_sales == 0 && f.certs_sa == 0 && f.certs_pse == 0 {
        return "none recorded".to_string();
    }
    format!(
        "{} sales · {} SA · {} PSE",
        f.certs_sales, f.certs_sa, f.certs_pse
    )
}

/// What an admin should look at after a change (the change is made anyway).
pub(crate) fn warnings(f: &PartnerFields, today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    if f.track == Track::Select && !f.business_plan {
        out.push(format!(
            "The Select track requires a joint business plan, and none is on file for **{}**. \
             Once you have it: `/partner update partner:\"{}\" business_plan:true`.",
            f.name,
            f.name.replace('"', "")
        ));
    }
    if AgreementStatus::of(f.agreement_signed_on, f.agreement_expires_on, today)
        == AgreementStatus::Lapsed
    {
        out.push(format!(
            "The agreement with **{}** has lapsed; record the renewal with `agreement_signed:`.",
            f.name
        ));
    }
    out
}

/// `reply` with a warning card when there is something to check.
pub(crate) fn with_warnings(
    reply: crate::core::reply::Reply,
    warnings: Vec<String>,
) -> crate::core::reply::Reply {
    if warnings.is_empty() {
        return reply;
    }
    reply.with_card(Card::new("Check this", Tone::Warning).description(warnings.join("\n")))
}

/// The partner as written to the audit log: its fields plus the territory's name.
pub(crate) fn audit_json(fields: &PartnerFields, territory: Option<&str>) -> Value {
    let mut value = serde_json::to_value(fields).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("territory".to_string(), territory.into());
    }
    value
}
