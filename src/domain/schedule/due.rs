//! [`Recurrence`]: a cron expression in an IANA time zone, the instants it is due, and
//! [`due_now`]: which due instant, if any, a runner's tick should run.
//!
//! The due instants are a fixed set: each matching local wall-clock time, turned into an
//! instant by [`local_to_utc`]. So around daylight-saving changes:
//! - a local time skipped by a spring-forward jump runs once, moved forward by the jump
//!   (a daily 02:30 in New York runs at 03:30 EDT on 2026-03-08);
//! - a local time that happens twice when clocks fall back runs once, at the earlier instant,
//!   and the repeated hour brings no second run (an hourly schedule has no run at the second
//!   01:00);
//! - two matching local times that land on the same instant (02:30 moved to 03:30, and
//!   03:30) are one due instant.
//!
//! Because the set is fixed, asking for the instants of a long range gives the same as asking
//! for its pieces one after the other, and a runner that claims `(schedule, due instant)`
//! claims the same instants across restarts.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::cron::CronExpr;
use crate::domain::localtime::local_to_utc;

/// The most due instants one call returns (and counts, see [`DueNow::missed`]).
pub const MAX_OCCURRENCES: usize = 10_000;

/// More than any UTC offset and any daylight-saving jump: a local time whose instant is in a
/// range lies within this of the range's ends read as UTC, and a local time's instant is never
/// earlier than that of a local time this much before it.
const MARGIN: TimeDelta = TimeDelta::days(1);

/// A schedule's timing: a cron expression read in a time zone.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Recurrence {
    pub cron: CronExpr,
    pub tz: Tz,
}

/// What a tick should do, see [`due_now`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueNow {
    /// The due instant to run now, if any: the latest one not yet handled, if it is recent
    /// enough.
    pub run: Option<DateTime<Utc>>,
    /// How many due instants since the last handled one are skipped (not run). Saturates at
    /// [`MAX_OCCURRENCES`], which then means "at least that many".
    pub missed: usize,
}

impl Recurrence {
    /// `cron` read in `tz`.
    pub fn new(cron: CronExpr, tz: Tz) -> Self {
        Self { cron, tz }
    }

    /// The due instants in `(from, to]`, in order, without duplicates; at most
    /// [`MAX_OCCURRENCES`] (the earliest ones).
    pub fn occurrences(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        if to <= from {
            return Vec::new();
        }
        self.collect(from, Some(to), MAX_OCCURRENCES)
    }

    /// The latest due instant in `(after, upto]`, however long ago (a runner records the
    /// latest run it missed with it).
    pub fn latest_in(&self, after: DateTime<Utc>, upto: DateTime<Utc>) -> Option<DateTime<Utc>> {
        latest_between(self, after, upto, None)
    }

    /// The first due instant strictly after `after`, or `None` if there is none within about
    /// 5 years.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.collect(after, None, 1).first().copied()
    }

    /// The first `n` due instants strictly after `after`, e.g. the next five run times shown
    /// when a schedule is created. At most [`MAX_OCCURRENCES`]; fewer if more than about 5
    /// years pass without a run.
    pub fn next_n(&self, after: DateTime<Utc>, n: usize) -> Vec<DateTime<Utc>> {
        self.collect(after, None, n.min(MAX_OCCURRENCES))
    }

    /// The first `limit` due instants in `(from, to]` (`to = None`: no end).
    ///
    /// Walks the matching local times from a [`MARGIN`] before `from` (read as UTC) and turns
    /// each into its instant. Instants are not quite in local order (a time moved out of a
    /// spring-forward gap lands after later local times), so the walk goes on a [`MARGIN`]
    /// past the local time that completed `limit` instants, or past `to` plus the margin.
    fn collect(
        &self,
        from: DateTime<Utc>,
        to: Option<DateTime<Utc>>,
        limit: usize,
    ) -> Vec<DateTime<Utc>> {
        if limit == 0 {
            return Vec::new();
        }
        let mut found = BTreeSet::new();
        let mut stop: Option<NaiveDateTime> = to.and_then(|to| shift(to.naive_utc(), MARGIN));
        let mut local = shift(from.naive_utc(), -MARGIN).unwrap_or(NaiveDateTime::MIN);
        while let Some(next) = self.cron.next_local(local) {
            if stop.is_some_and(|stop| next > stop) {
                break;
            }
            local = next;
            let at = local_to_utc(self.tz, local);
            if at > from && to.map_or(true, |to| at <= to) {
                found.insert(at);
                if found.len() == limit {
                    let enough = shift(local, MARGIN);
                    stop = match (stop, enough) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
            }
        }
        found.into_iter().take(limit).collect()
    }
}

/// Which due instant a tick at `now` should run, given `last_handled` (the last due instant
/// claimed, or the schedule's creation time) and how late a run may still happen
/// (`catch_up`).
///
/// Among the due instants in `(last_handled, now]`, the latest runs if `now - it <= catch_up`;
/// the others are `missed`. If the latest is older than that, nothing runs and all are
/// missed. So a bot that was down for days catches up once, never once per missed tick.
pub fn due_now(
    rec: &Recurrence,
    last_handled: DateTime<Utc>,
    now: DateTime<Utc>,
    catch_up: TimeDelta,
) -> DueNow {
    let run = latest_recent(rec, last_handled, now, catch_up);
    // One more than the cap tells "at the cap" from "over it".
    let pending = if now > last_handled {
        rec.collect(last_handled, Some(now), MAX_OCCURRENCES + 1)
            .len()
    } else {
        0
    };
    DueNow {
        run,
        missed: pending
            .saturating_sub(usize::from(run.is_some()))
            .min(MAX_OCCURRENCES),
    }
}

/// The latest due instant in `(last_handled, now]` that is at most `catch_up` before `now`.
fn latest_recent(
    rec: &Recurrence,
    last_handled: DateTime<Utc>,
    now: DateTime<Utc>,
    catch_up: TimeDelta,
) -> Option<DateTime<Utc>> {
    latest_between(
        rec,
        last_handled,
        now,
        Some(now.checked_sub_signed(catch_up)?),
    )
}

/// The latest due instant in `(after, upto]`, or `None` when there is none or it is before
/// `not_before`. Looks back a day at a time (a day holds far fewer than [`MAX_OCCURRENCES`]
/// instants, so none is cut off), newest day first, and not past `not_before`.
fn latest_between(
    rec: &Recurrence,
    after: DateTime<Utc>,
    upto: DateTime<Utc>,
    not_before: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    let recent = |at: DateTime<Utc>| not_before.map_or(true, |oldest| at >= oldest);
    let mut end = upto;
    while end > after && recent(end) {
        let start = end
            .checked_sub_signed(TimeDelta::days(1))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
            .max(after);
        if let Some(&latest) = rec.occurrences(start, end).last() {
            return recent(latest).then_some(latest);
        }
        end = start;
    }
    None
}

/// `at` moved by `by`, `None` past the ends of the representable range.
fn shift(at: NaiveDateTime, by: TimeDelta) -> Option<NaiveDateTime> {
    at.checked_add_signed(by)
}

#[cfg(test)]
mod tests;
