//! KPIs of partner sales (DOMAIN.md): closed-won revenue split by attribution (the share partner
//! sourced, co-sell or influenced, direct), pipeline by forecast category, new logos, rates and
//! their changes from one period to the next. Pure arithmetic on facts the store reads; integer
//! money, shares in basis points, no floats.

use super::attribution::{attribution, Attribution, AttributionFacts};
use crate::domain::ids::{AccountId, DealId};

/// A deal won in the period, with what decides its attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WonDeal {
    pub deal_id: DealId,
    pub account_id: AccountId,
    pub amount_minor: i64,
    pub close_date: chrono::NaiveDate,
    pub facts: AttributionFacts,
}

/// Closed-won revenue of a period by attribution (exclusive: each deal counts once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Revenue {
    pub total: i64,
    pub sourced: i64,
    pub co_sell: i64,
    pub influence: i64,
    pub direct: i64,
    pub deals: i64,
}

impl Revenue {
    pub fn of(deals: &[WonDeal]) -> Revenue {
        let mut r = Revenue::default();
        for deal in deals {
            let slot = match attribution(deal.facts) {
                Attribution::Sourced => &mut r.sourced,
                Attribution::CoSell => &mut r.co_sell,
                Attribution::Influence => &mut r.influence,
                Attribution::Direct => &mut r.direct,
            };
            *slot = slot.saturating_add(deal.amount_minor);
            r.total = r.total.saturating_add(deal.amount_minor);
            r.deals += 1;
        }
        r
    }

    /// % revenue partner sourced.
    pub fn sourced_share(&self) -> Share {
        Share::new(self.sourced, self.total)
    }

    /// % revenue partner co-sell or influence.
    pub fn co_sell_influence_share(&self) -> Share {
        Share::new(self.co_sell.saturating_add(self.influence), self.total)
    }

    /// % revenue direct.
    pub fn direct_share(&self) -> Share {
        Share::new(self.direct, self.total)
    }
}

/// A part of a whole (`part / total`), kept exact: it is rounded once, when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub part: i64,
    pub total: i64,
}

impl Share {
    pub fn new(part: i64, total: i64) -> Share {
        Share { part, total }
    }

    /// Tenths of a percent, rounded half up; `None` when the total is not positive.
    pub fn tenths(&self) -> Option<i64> {
        (self.total > 0)
            .then(|| round_half_up(i128::from(self.part) * 1000, i128::from(self.total)))
    }

    /// `34.5%`, or `—` without a total.
    pub fn text(&self) -> String {
        self.tenths().map_or("—".to_string(), tenths_text)
    }

    /// The change from `then` in percentage points, rounded once: `+4.4 pts`, `-0.3 pts`,
    /// `no change`, or `no comparison` when either has no total.
    pub fn points_change(&self, then: &Share) -> String {
        if self.total <= 0 || then.total <= 0 {
            return "no comparison".to_string();
        }
        // now - then = (p1 t2 - p2 t1) / (t1 t2), in tenths of a point.
        let (p1, t1) = (i128::from(self.part), i128::from(self.total));
        let (p2, t2) = (i128::from(then.part), i128::from(then.total));
        let tenths = round_half_up((p1 * t2 - p2 * t1) * 1000, t1 * t2);
        match tenths {
            0 => "no change".to_string(),
            t => format!(
                "{}{} pts",
                if t > 0 { "+" } else { "" },
                tenths_text(t).trim_end_matches('%')
            ),
        }
    }
}

/// `a / b` rounded half away from zero (`b` positive).
fn round_half_up(a: i128, b: i128) -> i64 {
    let q = (a.abs() * 2 + b) / (b * 2);
    i64::try_from(if a < 0 { -q } else { q }).unwrap_or(i64::MAX)
}

/// `34.5%` for 345 tenths.
fn tenths_text(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}%", tenths.abs() / 10, tenths.abs() % 10)
}

/// The change of a count: `+3`, `-2`, `no change`.
pub fn count_change(now: i64, then: i64) -> String {
    match now - then {
        0 => "no change".to_string(),
        d if d > 0 => format!("+{d}"),
        d => format!("{d}"),
    }
}

/// Certified people per partner, in tenths (`34` reads 3.4); `None` without partners.
pub fn per_partner_tenths(certified: i64, partners: i64) -> Option<i64> {
    (partners > 0).then(|| (certified * 20 + partners) / (partners * 2))
}

#[cfg(test)]
mod tests;
