//! The partner discount table (program track × deal type → front-end discount and back-end
//! rebate, in basis points) and the arithmetic of a quote.
//!
//! # Deal types
//! - `sourced_resale`: the partner found the deal (approved resale registration) and resells it.
//! - `co_sell_resale`: the partner resells a deal it did not source.
//! - `renewal`: the partner resells a renewal.
//! - `msp`: the partner buys and owns licences for the customer (MSP registration).
//! - `referral`: the partner brings the deal and does not transact; paid as a rebate.
//! - `services_attach`: the partner's services around a deal; paid as a rebate.
//!
//! Referral and services attach never carry a front-end discount (0); their incentive is the
//! rebate. The built-in table is an EXAMPLE (real percentages are private to each vendor);
//! admins replace it cell by cell with `/program discount`.
//!
//! # Quote arithmetic (integers only)
//! - discount = `round_half_up(list × discount_bp / 10,000)` ([`super::fee_minor`]);
//!   partner price = list − discount; the partner's margin (reselling at list) = the discount.
//! - the marketplace fee is charged on what passes through the marketplace, which is the
//!   partner price for a channel-partner private offer (the partner buys at list − discount)
//!   and the offer price for a direct private offer (list − any discount): list − discount both
//!   ways. Vendor net = partner price − fee.
//! - the rebate = `round_half_up(partner price × rebate_bp / 10,000)`, paid after the close;
//!   vendor net after rebate = vendor net − rebate.

use super::{fee_minor, format_bp};
use crate::domain::choice_enum;
use crate::domain::partner::Track;
use serde::Serialize;

choice_enum! {
    /// What kind of deal a partner's discount or rebate is for (see the module docs).
    pub enum DealType ("deal type") {
        SourcedResale => "sourced_resale", "Sourced resale", ["sourced"];
        CoSellResale => "co_sell_resale", "Co-sell resale", ["co_sell", "cosell", "resale"];
        Renewal => "renewal", "Renewal";
        Msp => "msp", "MSP";
        Referral => "referral", "Referral";
        ServicesAttach => "services_attach", "Services attach", ["services"];
    }
}

impl DealType {
    /// Paid only as a back-end rebate: the front-end discount is always 0.
    pub fn is_rebate_only(self) -> bool {
        matches!(self, DealType::Referral | DealType::ServicesAttach)
    }
}

/// A program cell: the front-end discount and the back-end rebate, in basis points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Terms {
    pub discount_bp: i64,
    pub rebate_bp: i64,
}

/// The built-in EXAMPLE terms (placeholders, not any vendor's real program).
pub fn example_terms(track: Track, deal_type: DealType) -> Terms {
    let (discount_pct, rebate_pct) = match (track, deal_type) {
        (Track::Open, DealType::SourcedResale) => (15, 0),
        (Track::Open, DealType::CoSellResale) => (5, 0),
        (Track::Open, DealType::Renewal) => (5, 0),
        (Track::Open, DealType::Msp) => (10, 0),
        (Track::Open, DealType::Referral) => (0, 5),
        (Track::Open, DealType::ServicesAttach) => (0, 3),
        (_, DealType::SourcedResale) => (25, 0),
        (_, DealType::CoSellResale) => (10, 0),
        (_, DealType::Renewal) => (10, 0),
        (_, DealType::Msp) => (15, 0),
        (_, DealType::Referral) => (0, 10),
        (Track::Select, DealType::ServicesAttach) => (0, 5),
        (_, DealType::ServicesAttach) => (0, 10),
    };
    Terms {
        discount_bp: discount_pct * 100,
        rebate_bp: rebate_pct * 100,
    }
}

/// One stored cell of a workspace's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DiscountRow {
    pub track: Track,
    pub deal_type: DealType,
    pub terms: Terms,
}

/// A workspace's discount table: its stored cells over the example defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgramTable {
    rows: Vec<DiscountRow>,
}

impl ProgramTable {
    pub fn new(rows: Vec<DiscountRow>) -> ProgramTable {
        ProgramTable { rows }
    }

    /// The terms of one cell and whether they are the built-in example (`true`) or the
    /// workspace's own (`false`).
    pub fn terms(&self, track: Track, deal_type: DealType) -> (Terms, bool) {
        match self
            .rows
            .iter()
            .find(|r| r.track == track && r.deal_type == deal_type)
        {
            Some(row) => (row.terms, false),
            None => (example_terms(track, deal_type), true),
        }
    }
}

/// How a quoted discount compares with the program's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versus {
    Matches,
    /// Over the program by this many basis points: needs approval.
    Exceeds(i64),
    /// Under the program by this many basis points.
    Below(i64),
}

impl Versus {
    pub fn of(quoted_bp: i64, program_bp: i64) -> Versus {
        match quoted_bp.cmp(&program_bp) {
            std::cmp::Ordering::Equal => Versus::Matches,
            std::cmp::Ordering::Greater => Versus::Exceeds(quoted_bp - program_bp),
            std::cmp::Ordering::Less => Versus::Below(program_bp - quoted_bp),
        }
    }

    /// `matches the program`, `exceeds the program by 2%`, `is 3% below the program`.
    pub fn describe(self) -> String {
        match self {
            Versus::Matches => "matches the program".to_string(),
            Versus::Exceeds(bp) => format!("exceeds the program by {}", format_bp(bp)),
            Versus::Below(bp) => format!("is {} below the program", format_bp(bp)),
        }
    }
}

/// A worked-out quote; every amount in minor units (see the module docs for the rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub list_minor: i64,
    pub discount_bp: i64,
    pub discount_minor: i64,
    pub partner_price_minor: i64,
    /// What the partner keeps reselling at list: the discount.
    pub partner_margin_minor: i64,
    /// The marketplace fee in bp, when the deal goes through a marketplace with a schedule.
    pub fee_bp: Option<i64>,
    pub fee_minor: i64,
    pub vendor_net_minor: i64,
    pub rebate_bp: i64,
    pub rebate_minor: i64,
    pub vendor_net_after_rebate_minor: i64,
    pub versus: Versus,
}

/// Works out a quote of `discount_bp` off `list_minor` against the program's `expected` terms,
/// with a marketplace fee of `fee_bp` (none off-marketplace).
pub fn quote(list_minor: i64, discount_bp: i64, expected: Terms, fee_bp: Option<i64>) -> Quote {
    let discount_minor = fee_minor(list_minor, discount_bp);
    let partner_price_minor = list_minor - discount_minor;
    let fee = fee_bp.map_or(0, |bp| fee_minor(partner_price_minor, bp));
    let vendor_net_minor = partner_price_minor - fee;
    let rebate_minor = fee_minor(partner_price_minor, expected.rebate_bp);
    Quote {
        list_minor,
        discount_bp,
        discount_minor,
        partner_price_minor,
        partner_margin_minor: discount_minor,
        fee_bp,
        fee_minor: fee,
        vendor_net_minor,
        rebate_bp: expected.rebate_bp,
        rebate_minor,
        vendor_net_after_rebate_minor: vendor_net_minor - rebate_minor,
        versus: Versus::of(discount_bp, expected.discount_bp),
    }
}
