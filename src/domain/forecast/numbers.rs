//! The numbers of a forecast: Commit ≤ most likely ≤ Best Case, the suggestion computed from a
//! PTM's deals closing in the quarter, how each deal counts (its bucket), and the week-over-week
//! change of a figure.
//!
//! # The suggestion rule
//! Only deals whose close date lies in the quarter count.
//! - **Closed won**: deals in stage Closed Won (whatever their category says).
//! - **Commit** = closed won + open deals in category Commit (an open deal still marked Closed
//!   counts as Commit: it is not won yet).
//! - **Best Case** = Commit + open deals in category Best Case.
//! - **Most likely** = Commit + half the Best Case upside (Best Case − Commit), rounded half up to
//!   the minor unit.
//!
//! Closed lost, Pipeline and Omitted deals count in none of them.

use crate::domain::ids::DealId;
use chrono::NaiveDate;

use crate::domain::deal::{ForecastCategory, Stage};
use crate::domain::money::{format_money, Currency};

/// A refusal of forecast numbers; the text is the message shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForecastError {
    #[error(
        "most likely {most_likely} is below commit {commit}; a forecast needs \
         commit ≤ most likely ≤ best case (raise most likely or lower commit)"
    )]
    MostLikelyBelowCommit { commit: String, most_likely: String },
    #[error(
        "most likely {most_likely} is above best case {best_case}; a forecast needs \
         commit ≤ most likely ≤ best case (lower most likely or raise best case)"
    )]
    MostLikelyAboveBestCase {
        most_likely: String,
        best_case: String,
    },
    #[error(
        "commit {commit} is above best case {best_case}; a forecast needs \
         commit ≤ most likely ≤ best case"
    )]
    CommitAboveBestCase { commit: String, best_case: String },
    #[error("{what} {amount} is negative; forecast figures are zero or more")]
    Negative { what: &'static str, amount: String },
}

/// Commit ≤ most likely ≤ Best Case, in minor units of the workspace currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ForecastNumbers {
    pub commit: i64,
    pub most_likely: i64,
    pub best_case: i64,
}

impl ForecastNumbers {
    /// Checks the ordering; `currency` only formats the message.
    pub fn new(
        commit: i64,
        most_likely: i64,
        best_case: i64,
        currency: Currency,
    ) -> Result<Self, ForecastError> {
        let money = |minor| format_money(minor, currency);
        for (what, amount) in [
            ("commit", commit),
            ("most likely", most_likely),
            ("best case", best_case),
        ] {
            if amount < 0 {
                return Err(ForecastError::Negative {
                    what,
                    amount: money(amount),
                });
            }
        }
        if commit > best_case {
            return Err(ForecastError::CommitAboveBestCase {
                commit: money(commit),
                best_case: money(best_case),
            });
        }
        if most_likely < commit {
            return Err(ForecastError::MostLikelyBelowCommit {
                commit: money(commit),
                most_likely: money(most_likely),
            });
        }
        if most_likely > best_case {
            return Err(ForecastError::MostLikelyAboveBestCase {
                most_likely: money(most_likely),
                best_case: money(best_case),
            });
        }
        Ok(Self {
            commit,
            most_likely,
            best_case,
        })
    }
}

/// Commit plus half the upside to Best Case, rounded half up: the default most likely number.
pub fn midpoint(commit: i64, best_case: i64) -> i64 {
    let upside = best_case.saturating_sub(commit);
    commit.saturating_add(upside / 2 + upside % 2)
}

/// How a deal counts in a forecast: its category, except that the stage decides for closed deals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bucket {
    Closed,
    Commit,
    BestCase,
    Pipeline,
    Omitted,
    Lost,
}

impl Bucket {
    /// The bucket of a deal in `stage` with `category`.
    pub fn of(stage: Stage, category: ForecastCategory) -> Bucket {
        match (stage, category) {
            (Stage::ClosedWon, _) => Bucket::Closed,
            (Stage::ClosedLost, _) => Bucket::Lost,
            (_, ForecastCategory::Closed | ForecastCategory::Commit) => Bucket::Commit,
            (_, ForecastCategory::BestCase) => Bucket::BestCase,
            (_, ForecastCategory::Pipeline) => Bucket::Pipeline,
            (_, ForecastCategory::Omitted) => Bucket::Omitted,
        }
    }

    /// Stored in the deal snapshot of a forecast.
    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Closed => "closed",
            Bucket::Commit => "commit",
            Bucket::BestCase => "best_case",
            Bucket::Pipeline => "pipeline",
            Bucket::Omitted => "omitted",
            Bucket::Lost => "lost",
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Bucket> {
        [
            Bucket::Closed,
            Bucket::Commit,
            Bucket::BestCase,
            Bucket::Pipeline,
            Bucket::Omitted,
            Bucket::Lost,
        ]
        .into_iter()
        .find(|b| b.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Bucket::Closed => "Closed Won",
            Bucket::Commit => "Commit",
            Bucket::BestCase => "Best Case",
            Bucket::Pipeline => "Pipeline",
            Bucket::Omitted => "Omitted",
            Bucket::Lost => "Closed Lost",
        }
    }
}

/// One deal as a forecast sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterDeal {
    pub id: DealId,
    pub account: String,
    pub amount_minor: i64,
    pub bucket: Bucket,
    pub close_date: NaiveDate,
}

/// The suggested figures of a forecast, from the deals closing in the quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Suggestion {
    pub closed_won: i64,
    pub commit: i64,
    pub best_case: i64,
    pub most_likely: i64,
    /// Deals counted in Best Case (closed won, commit and best case deals).
    pub deals: usize,
}

impl Suggestion {
    pub fn numbers(&self) -> ForecastNumbers {
        ForecastNumbers {
            commit: self.commit,
            most_likely: self.most_likely,
            best_case: self.best_case,
        }
    }
}

/// The suggestion for the quarter `[first, last]` from `deals` (others are ignored).
pub fn suggest(deals: &[QuarterDeal], first: NaiveDate, last: NaiveDate) -> Suggestion {
    let mut closed_won = 0i64;
    let mut commit_open = 0i64;
    let mut best_open = 0i64;
    let mut counted = 0usize;
    for deal in deals
        .iter()
        .filter(|d| d.close_date >= first && d.close_date <= last)
    {
        let slot = match deal.bucket {
            Bucket::Closed => &mut closed_won,
            Bucket::Commit => &mut commit_open,
            Bucket::BestCase => &mut best_open,
            Bucket::Pipeline | Bucket::Omitted | Bucket::Lost => continue,
        };
        *slot = slot.saturating_add(deal.amount_minor);
        counted += 1;
    }
    let commit = closed_won.saturating_add(commit_open);
    let best_case = commit.saturating_add(best_open);
    Suggestion {
        closed_won,
        commit,
        best_case,
        most_likely: midpoint(commit, best_case),
        deals: counted,
    }
}

/// A figure's change from last week: `+$120,000 (+12.5%)`, `-$5,000 (-0.4%)`, `no change`, or
/// `+$80,000 (new)` when last week was zero.
pub fn change_text(now: i64, then: i64, currency: Currency) -> String {
    change_text_by(now, then, |minor| format_money(minor, currency))
}

/// [`change_text`] with the amount written by `format` (e.g. short money: `-$957M (-80.7%)`).
pub fn change_text_by(now: i64, then: i64, format: impl Fn(i64) -> String) -> String {
    let delta = i128::from(now) - i128::from(then);
    if delta == 0 {
        return "no change".to_string();
    }
    let sign = if delta > 0 { "+" } else { "-" };
    let amount = format(i64::try_from(delta.unsigned_abs()).unwrap_or(i64::MAX));
    if then <= 0 {
        return format!("{sign}{amount} (new)");
    }
    // Tenths of a percent, rounded half away from zero.
    let tenths = (delta.abs() * 1000 + i128::from(then) / 2) / i128::from(then);
    format!("{sign}{amount} ({sign}{}.{}%)", tenths / 10, tenths % 10)
}

/// A deal whose bucket changed between two snapshots of the same quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub deal_id: DealId,
    pub account: String,
    /// `None`: not in the quarter then (new, or pulled in).
    pub from: Option<Bucket>,
    /// `None`: not in the quarter now (pushed out, or no longer in scope).
    pub to: Option<Bucket>,
    pub amount_then: i64,
    pub amount_now: i64,
}

impl Movement {
    /// The larger of the two amounts: what ranks a movement.
    pub fn weight(&self) -> i64 {
        self.amount_then.max(self.amount_now)
    }
}

/// Deals whose bucket differs between `then` and `now` (entering or leaving the quarter
/// included), biggest first. Pipeline and Omitted deals entering or leaving are not movements.
pub fn movements(then: &[QuarterDeal], now: &[QuarterDeal]) -> Vec<Movement> {
    use std::collections::BTreeMap;
    let counts = |b: Option<Bucket>| {
        b.is_some_and(|b| matches!(b, Bucket::Closed | Bucket::Commit | Bucket::BestCase))
    };
    let mut by_id: BTreeMap<DealId, (Option<&QuarterDeal>, Option<&QuarterDeal>)> = BTreeMap::new();
    for deal in then {
        by_id.entry(deal.id).or_default().0 = Some(deal);
    }
    for deal in now {
        by_id.entry(deal.id).or_default().1 = Some(deal);
    }
    let mut moves: Vec<Movement> = by_id
        .into_iter()
        .filter_map(|(deal_id, (before, after))| {
            let from = before.map(|d| d.bucket);
            let to = after.map(|d| d.bucket);
            if from == to || (!counts(from) && !counts(to)) {
                return None;
            }
            let named = after.or(before)?;
            Some(Movement {
                deal_id,
                account: named.account.clone(),
                from,
                to,
                amount_then: before.map_or(0, |d| d.amount_minor),
                amount_now: after.map_or(0, |d| d.amount_minor),
            })
        })
        .collect();
    moves.sort_by(|a, b| b.weight().cmp(&a.weight()).then(a.deal_id.cmp(&b.deal_id)));
    moves
}

#[cfg(test)]
mod tests;
