//! Program economics, pure: marketplace fee schedules and their arithmetic (this file), the
//! partner discount table and quotes ([`margin`]), and percentages typed as `25%` ([`percent`]).
//!
//! # Fee schedules
//! A schedule is a list of [`FeeTier`]s: marketplace × offer kind (public, private, renewal, and
//! the CPPO add-on) × the smallest total contract value (TCV) the tier applies from, with a fee
//! in basis points. The tier that applies is the one with the largest `min_tcv_minor` not above
//! the TCV. Thresholds are minor units of the workspace currency (no exchange rates).
//!
//! A workspace's rows for a marketplace ARE its schedule for that marketplace. With no rows,
//! AWS Marketplace uses [`aws_defaults`]; Google Cloud and Azure have no built-in percentages
//! and must be configured (see [`ProgramError::NoSchedule`]).
//!
//! # Rounding rule
//! Fees are computed in `i128` and rounded half up (away from zero) to the minor unit:
//! `fee = round(amount × bp / 10,000)`. The vendor's net is `amount − fee`, so fee and net
//! always add up to the amount exactly. See [`fee_minor`].

pub mod margin;
pub mod percent;

pub use margin::{quote, DealType, ProgramTable, Quote, Terms, Versus};
pub use percent::{format_bp, parse_percent};

use super::choice_enum;
use super::deal::Marketplace;
use super::money::{format_money_short, Currency};
use super::Choice;
use serde::Serialize;

/// Basis points in 100%.
pub const BP_WHOLE: i64 = 10_000;

choice_enum! {
    /// What kind of marketplace offer a fee tier is for.
    pub enum OfferKind ("offer kind") {
        /// A public listing bought at list price.
        Public => "public", "Public offer";
        /// A custom-priced offer for one customer.
        Private => "private", "Private offer";
        Renewal => "renewal", "Renewal";
        /// Added to the fee when a channel partner transacts the private offer (CPPO).
        CppoAddon => "cppo_addon", "CPPO add-on", ["cppo", "cppo add on"];
    }
}

/// One row of a fee schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FeeTier {
    pub marketplace: Marketplace,
    pub offer: OfferKind,
    /// The tier applies from this total contract value (minor units), inclusive.
    pub min_tcv_minor: i64,
    pub fee_bp: i64,
}

/// The short name of a marketplace's owner in messages: `AWS`, `Google Cloud`, `Azure`.
pub fn marketplace_name(marketplace: Marketplace) -> &'static str {
    match marketplace {
        Marketplace::None => "no marketplace",
        Marketplace::Aws => "AWS",
        Marketplace::Gcp => "Google Cloud",
        Marketplace::Azure => "Azure",
    }
}

/// The AWS Marketplace schedule (public SaaS 3%; private 3% below 1M, 2% from 1M, 1.5% from
/// 10M; renewals 1.5%; CPPO add-on 0.5%), thresholds in major units of `currency`.
pub fn aws_defaults(currency: Currency) -> Vec<FeeTier> {
    let million = 1_000_000i64.saturating_mul(10i64.pow(currency.exponent()));
    let tier = |offer, min_tcv_minor, fee_bp| FeeTier {
        marketplace: Marketplace::Aws,
        offer,
        min_tcv_minor,
        fee_bp,
    };
    vec![
        tier(OfferKind::Public, 0, 300),
        tier(OfferKind::Private, 0, 300),
        tier(OfferKind::Private, million, 200),
        tier(OfferKind::Private, million.saturating_mul(10), 150),
        tier(OfferKind::Renewal, 0, 150),
        tier(OfferKind::CppoAddon, 0, 50),
    ]
}

/// Where the schedule of one marketplace comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleSource {
    /// The workspace has rows for it.
    Workspace,
    /// Built-in defaults (AWS only).
    Default,
    /// Nothing configured and no defaults (Google Cloud, Azure).
    Missing,
}

/// A workspace's fee schedules for every marketplace, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeSchedule {
    tiers: Vec<FeeTier>,
    configured: Vec<Marketplace>,
}

impl FeeSchedule {
    /// The schedule from a workspace's stored rows: a marketplace with rows uses them only;
    /// AWS without rows uses [`aws_defaults`].
    pub fn new(rows: Vec<FeeTier>, currency: Currency) -> FeeSchedule {
        let mut configured: Vec<Marketplace> = Vec::new();
        for row in &rows {
            if !configured.contains(&row.marketplace) {
                configured.push(row.marketplace);
            }
        }
        let mut tiers = rows;
        if !configured.contains(&Marketplace::Aws) {
            tiers.extend(aws_defaults(currency));
        }
        tiers.sort_by_key(|t| (t.marketplace, t.offer, t.min_tcv_minor));
        FeeSchedule { tiers, configured }
    }

    pub fn source(&self, marketplace: Marketplace) -> ScheduleSource {
        if self.configured.contains(&marketplace) {
            ScheduleSource::Workspace
        } else if self.tiers.iter().any(|t| t.marketplace == marketplace) {
            ScheduleSource::Default
        } else {
            ScheduleSource::Missing
        }
    }

    /// The tiers of one marketplace, by offer kind then threshold.
    pub fn tiers(&self, marketplace: Marketplace) -> Vec<FeeTier> {
        self.tiers
            .iter()
            .filter(|t| t.marketplace == marketplace)
            .copied()
            .collect()
    }

    /// The tier of `offer` that applies at `tcv_minor`, and the next tier's threshold.
    fn tier_at(
        &self,
        marketplace: Marketplace,
        offer: OfferKind,
        tcv_minor: i64,
    ) -> Option<(FeeTier, Option<i64>)> {
        let of_offer: Vec<&FeeTier> = self
            .tiers
            .iter()
            .filter(|t| t.marketplace == marketplace && t.offer == offer)
            .collect();
        let index = of_offer
            .iter()
            .rposition(|t| t.min_tcv_minor <= tcv_minor)?;
        let next = of_offer.get(index + 1).map(|t| t.min_tcv_minor);
        Some((*of_offer[index], next))
    }
}

/// The fee that applies to one offer, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fee {
    /// The tier of the offer kind that applies.
    pub tier: FeeTier,
    /// Where the next tier of that offer kind starts, if any (for naming the tier).
    pub next_min_tcv_minor: Option<i64>,
    /// The CPPO add-on, when a channel partner transacts and the schedule has one.
    pub addon: Option<FeeTier>,
    /// Total fee: the tier's plus the add-on's.
    pub bp: i64,
    pub source: ScheduleSource,
}

impl Fee {
    /// `Private offer, $1M to below $10M: 2% + 0.5% CPPO add-on = 2.5%` (`(default)` appended
    /// when the built-in schedule applies).
    pub fn describe(&self, currency: Currency) -> String {
        let mut text = format!(
            "{}, {}: {}",
            self.tier.offer.label(),
            tier_range(self.tier.min_tcv_minor, self.next_min_tcv_minor, currency),
            format_bp(self.tier.fee_bp)
        );
        if let Some(addon) = self.addon {
            text.push_str(&format!(
                " + {} CPPO add-on = {}",
                format_bp(addon.fee_bp),
                format_bp(self.bp)
            ));
        }
        if self.source == ScheduleSource::Default {
            text.push_str(" (default)");
        }
        text
    }
}

/// `any amount`, `below $1M`, `$1M to below $10M`, `from $10M`.
pub fn tier_range(min: i64, next: Option<i64>, currency: Currency) -> String {
    let money = |minor| format_money_short(minor, currency);
    match (min, next) {
        (0, None) => "any amount".to_string(),
        (0, Some(next)) => format!("below {}", money(next)),
        (min, None) => format!("from {}", money(min)),
        (min, Some(next)) => format!("{} to below {}", money(min), money(next)),
    }
}

/// A fee that cannot be worked out, or a percentage that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgramError {
    #[error("a deal with no marketplace pays no marketplace fee")]
    NotAMarketplace,

    #[error(
        "no {name} fee schedule configured; an admin sets it with \
         `/program fee marketplace:{id} offer:private from:0 fee:3%` (one line per tier)"
    )]
    NoSchedule {
        name: &'static str,
        id: &'static str,
    },

    #[error(
        "the {name} fee schedule has no {offer} tier from 0; an admin adds one with \
         `/program fee marketplace:{id} offer:{offer_id} from:0 fee:…`"
    )]
    NoTier {
        name: &'static str,
        id: &'static str,
        offer: &'static str,
        offer_id: &'static str,
    },

    #[error("{what} `{input}` is not a percentage; type it like `25%`, `2.5%` or `25`")]
    NotAPercent { what: String, input: String },

    #[error("{what} `{input}` has more than 2 decimals; the finest step is 0.01% (1 basis point)")]
    PercentTooPrecise { what: String, input: String },

    #[error("{what} `{input}` is more than 100%; check the number")]
    PercentOverHundred { what: String, input: String },
}

/// The fee in basis points for an offer on `marketplace` at total contract value `tcv_minor`,
/// plus the CPPO add-on when `cppo` (a channel partner transacts the offer).
pub fn fee_bp(
    schedule: &FeeSchedule,
    marketplace: Marketplace,
    offer: OfferKind,
    tcv_minor: i64,
    cppo: bool,
) -> Result<Fee, ProgramError> {
    let name = marketplace_name(marketplace);
    let id = marketplace.as_str();
    let source = schedule.source(marketplace);
    match (marketplace, source) {
        (Marketplace::None, _) => return Err(ProgramError::NotAMarketplace),
        (_, ScheduleSource::Missing) => return Err(ProgramError::NoSchedule { name, id }),
        _ => {}
    }
    let (tier, next) =
        schedule
            .tier_at(marketplace, offer, tcv_minor)
            .ok_or(ProgramError::NoTier {
                name,
                id,
                offer: offer.label(),
                offer_id: offer.as_str(),
            })?;
    let addon = if cppo && offer != OfferKind::CppoAddon {
        schedule
            .tier_at(marketplace, OfferKind::CppoAddon, tcv_minor)
            .map(|(t, _)| t)
    } else {
        None
    };
    let bp = tier.fee_bp + addon.map_or(0, |a| a.fee_bp);
    Ok(Fee {
        tier,
        next_min_tcv_minor: next,
        addon,
        bp: bp.min(BP_WHOLE),
        source,
    })
}

/// `amount × bp / 10,000`, rounded half up (away from zero) to the minor unit; computed in
/// `i128`, so no product overflows. Saturates at the `i64` range (never reached for bp ≤ 100%).
pub fn fee_minor(amount_minor: i64, bp: i64) -> i64 {
    let product = i128::from(amount_minor) * i128::from(bp);
    let whole = i128::from(BP_WHOLE);
    let rounded = if product >= 0 {
        (product + whole / 2) / whole
    } else {
        (product - whole / 2) / whole
    };
    i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN })
}

/// What the vendor keeps of `amount_minor` after a fee of `bp`: `amount − fee_minor(amount, bp)`.
pub fn vendor_net(amount_minor: i64, bp: i64) -> i64 {
    amount_minor.saturating_sub(fee_minor(amount_minor, bp))
}

#[cfg(test)]
mod tests;
