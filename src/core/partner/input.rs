//! The options `/partner add` and `/partner update` share, read into domain types before any
//! database work (so a typo anywhere costs nothing and changes nothing), and the rule for
//! agreement dates.

use crate::core::command::args;
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

/// Reads the shared options out of a command's arguments (`name` and `type` are required on
/// add, optional on update).
macro_rules! read_given {
    ($args:expr, name: $name:expr, partner_type: $partner_type:expr) => {{
        let args = $args;
        Given::read(Shared {
            name: $name(args.name),
            partner_type: $partner_type(args.r#type),
            track: args.track,
            territory: args.territory,
            domain: args.domain,
            professional_services: args.professional_services,
            certs_sales: args.certs_sales,
            certs_sa: args.certs_sa,
            certs_pse: args.certs_pse,
            agreement_signed: args.agreement_signed,
            agreement_expires: args.agreement_expires,
            business_plan: args.business_plan,
        })
    }};
}

impl TryFrom<args::PartnerAdd> for Given {
    type Error = CommandError;
    fn try_from(args: args::PartnerAdd) -> CommandResult<Given> {
        read_given!(args, name: Some, partner_type: Some)
    }
}

impl TryFrom<args::PartnerUpdate> for Given {
    type Error = CommandError;
    fn try_from(args: args::PartnerUpdate) -> CommandResult<Given> {
        read_given!(
            args,
            name: std::convert::identity,
            partner_type: std::convert::identity
        )
    }
}

/// The options both commands have, as given.
struct Shared {
    name: Option<String>,
    partner_type: Option<PartnerType>,
    track: Option<Track>,
    territory: Option<String>,
    domain: Option<String>,
    professional_services: Option<bool>,
    certs_sales: Option<i64>,
    certs_sa: Option<i64>,
    certs_pse: Option<i64>,
    agreement_signed: Option<NaiveDate>,
    agreement_expires: Option<NaiveDate>,
    business_plan: Option<bool>,
}

impl Given {
    fn read(shared: Shared) -> CommandResult<Given> {
        let domain = match shared.domain.as_deref() {
            Some(text) if is_removal(text) => Some(None),
            Some(text) => Some(Some(names::parse_domain(text)?)),
            None => None,
        };
        let territory = shared
            .territory
            .map(|text| (!is_removal(&text)).then_some(text));
        Ok(Given {
            name: shared
                .name
                .map(|t| Name::parse(&t, "partner name"))
                .transpose()?,
            partner_type: shared.partner_type,
            track: shared.track,
            territory,
            domain,
            professional_services: shared.professional_services,
            certs_sales: shared.certs_sales,
            certs_sa: shared.certs_sa,
            certs_pse: shared.certs_pse,
            agreement_signed: shared.agreement_signed,
            agreement_expires: shared.agreement_expires,
            business_plan: shared.business_plan,
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
