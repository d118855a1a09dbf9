//! The options `/partner add` and `/partner update` share, read into domain types before any
//! database work (so a typo anywhere costs nothing and changes nothing), and the rule for
//! agreement dates.

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::domain::dates::format_date;
use crate::domain::names::{self, Name};
use crate::domain::partner::{PartnerType, Track};
use chrono::{Months, NaiveDate};

/// What the options say; `None` means "not given". For `territory` and `domain`,
/// `Some(None)` means "remove it" (typed as `none`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Given {
    pub name: Option<Name>,
    pub partner_type: Option<PartnerType>,
    pub track: Option<Track>,
    /// The territory name as typed.
    pub territory: Option<Option<String>>,
    /// The normalised web domain.
    pub domain: Option<Option<String>>,
    pub professional_services: Option<bool>,
    pub certs_sales: Option<i64>,
    pub certs_sa: Option<i64>,
    pub certs_pse: Option<i64>,
    pub agreement_signed: Option<NaiveDate>,
    pub agreement_expires: Option<NaiveDate>,
    pub business_plan: Option<bool>,
}

/// The options `/partner update` can change, for messages.
pub(super) const CHANGEABLE: &str = "`name:`, `type:`, `territory:`, `track:`, `domain:`, \
    `professional_services:`, `certs_sales:`, `certs_sa:`, `certs_pse:`, `agreement_signed:`, \
    `agreement_expires:` or `business_plan:`";

impl Given {
    pub(super) fn read(ctx: &Ctx<'_>) -> CommandResult<Given> {
        let opts = &ctx.opts;
        let domain = match opts.text("domain") {
            Some(text) if is_removal(text) => Some(None),
            Some(text) => Some(Some(names::parse_domain(text)?)),
            None => None,
        };
        let territory = opts
            .text("territory")
            .map(|text| (!is_removal(text)).then(|| text.to_string()));
        Ok(Given {
            name: opts
                .text("name")
                .map(|t| Name::parse(t, "partner name"))
                .transpose()?,
            partner_type: opts.choice("type")?,
            track: opts.choice("track")?,
            territory,
            domain,
            professional_services: opts.boolean("professional_services"),
            certs_sales: opts.integer("certs_sales"),
            certs_sa: opts.integer("certs_sa"),
            certs_pse: opts.integer("certs_pse"),
            agreement_signed: ctx.date("agreement_signed")?,
            agreement_expires: ctx.date("agreement_expires")?,
            business_plan: opts.boolean("business_plan"),
        })
    }

    pub(super) fn is_empty(&self) -> bool {
        *self == Given::default()
    }
}

/// `none` (or `-`) removes an optional value.
fn is_removal(text: &str) -> bool {
    matches!(text.trim().to_lowercase().as_str(), "none" | "-" | "—")
}

/// The agreement dates after a change: a new signing date without an expiry runs one year; an
/// expiry needs a signing date and must come after it.
pub(super) fn agreement(
    current: (Option<NaiveDate>, Option<NaiveDate>),
    signed: Option<NaiveDate>,
    expires: Option<NaiveDate>,
) -> CommandResult<(Option<NaiveDate>, Option<NaiveDate>)> {
    let new_signed = signed.or(current.0);
    let new_expires = match (expires, signed) {
        (Some(expires), _) => Some(expires),
        (None, Some(signed)) => Some(
            signed
                .checked_add_months(Months::new(12))
                .ok_or_else(|| CommandError::invalid("`agreement_signed` is too far away"))?,
        ),
        (None, None) => current.1,
    };
    match (new_signed, new_expires) {
        (None, Some(_)) => Err(CommandError::invalid(
            "`agreement_expires` needs the day the agreement was signed too: add \
             `agreement_signed:`",
        )),
        (Some(signed), Some(expires)) if expires <= signed => Err(CommandError::invalid(format!(
            "the agreement must expire after it was signed: {} is not after {}",
            format_date(expires),
            format_date(signed)
        ))),
        dates => Ok(dates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn a_signed_agreement_runs_one_year_unless_an_expiry_is_given() {
        assert_eq!(
            agreement((None, None), d(2026, 3, 1), None).unwrap(),
            (d(2026, 3, 1), d(2027, 3, 1))
        );
        assert_eq!(
            agreement((None, None), d(2026, 3, 1), d(2028, 2, 29)).unwrap(),
            (d(2026, 3, 1), d(2028, 2, 29))
        );
        assert_eq!(agreement((None, None), None, None).unwrap(), (None, None));
    }

    #[test]
    fn a_new_signing_date_restarts_the_year_and_a_new_expiry_keeps_the_signing_date() {
        let current = (d(2025, 1, 1), d(2026, 1, 1));
        assert_eq!(
            agreement(current, d(2026, 1, 2), None).unwrap(),
            (d(2026, 1, 2), d(2027, 1, 2))
        );
        assert_eq!(
            agreement(current, None, d(2026, 6, 30)).unwrap(),
            (d(2025, 1, 1), d(2026, 6, 30))
        );
        assert_eq!(agreement(current, None, None).unwrap(), current);
    }

    #[test]
    fn an_expiry_must_come_after_a_signing_date() {
        let err = agreement((None, None), d(2026, 3, 1), d(2026, 3, 1)).unwrap_err();
        assert!(
            err.to_string().contains("must expire after it was signed"),
            "{err}"
        );
        let err = agreement((d(2026, 3, 1), d(2027, 3, 1)), None, d(2025, 1, 1)).unwrap_err();
        assert!(
            err.to_string().contains("is not after Sun 1 Mar 2026"),
            "{err}"
        );
        let err = agreement((None, None), None, d(2027, 1, 1)).unwrap_err();
        assert!(err.to_string().contains("add `agreement_signed:`"), "{err}");
    }
}
