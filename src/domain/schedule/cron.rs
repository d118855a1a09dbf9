//! [`CronExpr`]: a five-field cron expression (minute hour day-of-month month weekday) with
//! the Vixie cron semantics of `crontab(5)`, and the next local wall-clock minute it matches.
//! The `cron` crate parses and iterates; this module adapts what users type to it.
//!
//! What users type:
//! - Fields take `*`, numbers, ranges `1-5`, lists `1,15`, steps `*/15` and `0-30/10`; the
//!   month and weekday also take names (`JAN`-`DEC`, `SUN`-`SAT`, any case). Weekday 0 and 7
//!   are both Sunday.
//! - When both the day-of-month and the weekday are restricted (neither starts with `*`), a
//!   day matches if **either** matches: `0 9 1 * MON` runs on the 1st and on every Monday.
//!   A field starting with `*` (even `*/2`) is not restricted, so the days must match both.
//! - An expression is matched against local wall-clock time; turning those times into
//!   instants in a time zone is [`super::due`]'s job.
//!
//! What the adapter bridges, since the crate reads Quartz-style expressions:
//! - Quartz starts with a seconds field (and may end with a year): the crate gets `0` seconds
//!   before the five typed fields; six or seven typed fields are refused.
//! - Quartz weekdays are 1 = Sunday to 7 = Saturday: `translate` renumbers the typed ones
//!   (0-6, and 7 for Sunday) and writes names as numbers.
//! - Quartz ANDs the day-of-month and the weekday. For the Vixie OR the adapter builds two
//!   crate schedules, one with each day restriction, and takes the earlier next time.
//! - The crate's errors are not worded for users, and it accepts what users may not type
//!   (`5/15`, `*/31` days, `?`, `MONDAY`): `translate` checks each field first and refuses
//!   with [`CronError`], word for word as before.
//! - The crate knows the years 1970 to 2100: outside them nothing matches and there is no
//!   next time.
//!
//! What stays hand-written, and why: that pre-check and its messages (`translate`, `error`;
//! no crate words refusals like these), and the English reading (`describe`, read from the
//! crate's parsed values; the crate has none). The crate parses, matches and iterates.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use ::cron::{Schedule, TimeUnitSpec};
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};

use crate::domain::echo;

mod describe;
mod error;
mod translate;

pub use error::CronError;

use translate::{translate, FIELDS};

/// How far [`CronExpr::next_local`] looks ahead before giving up.
const LOOK_AHEAD_MONTHS: u32 = 5 * 12;

/// The crate's last year: it has no times after it.
const LAST_YEAR: i32 = 2100;

/// A parsed cron expression. Build one with [`str::parse`]; `Display` gives back the text as
/// typed, trimmed, with single spaces between the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronExpr {
    text: String,
    /// The crate's schedules: one, or two under the Vixie OR rule (the day-of-month one
    /// first, then the weekday one).
    schedules: Vec<Schedule>,
    /// Bit `m` for each matching minute 0-59 (read from the crate's schedule, like the rest).
    minutes: u64,
    /// Bit `h` for each matching hour 0-23.
    hours: u64,
    /// Bit `d` for each matching day of the month 1-31.
    days: u64,
    /// Bit `m` for each matching month 1-12.
    months: u64,
    /// Bit `w` for each matching weekday, 0 = Sunday .. 6 = Saturday.
    weekdays: u64,
    /// The day-of-month field starts with `*` (it does not restrict the day).
    days_star: bool,
    /// The weekday field starts with `*` (it does not restrict the day).
    weekdays_star: bool,
}

impl FromStr for CronExpr {
    type Err = CronError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fields: Vec<&str> = s.split_whitespace().collect();
        if fields.is_empty() {
            return Err(CronError::Empty);
        }
        let text = fields.join(" ");
        let input = echo(&text);
        if text.starts_with('@') {
            return Err(CronError::Shortcut { input });
        }
        let [_, _, day, _, weekday] = fields[..] else {
            return Err(CronError::FieldCount {
                input,
                count: fields.len(),
            });
        };
        let written = FIELDS
            .iter()
            .zip(&fields)
            .map(|(field, typed)| translate(field, typed, &input))
            .collect::<Result<Vec<_>, _>>()?;
        // Seconds, minute, hour, the two day fields given, month.
        let source = |dom: &str, dow: &str| {
            format!("0 {} {} {dom} {} {dow}", written[0], written[1], written[3])
        };
        let (days_star, weekdays_star) = (day.starts_with('*'), weekday.starts_with('*'));
        let sources = if days_star || weekdays_star {
            vec![source(&written[2], &written[4])]
        } else {
            vec![source(&written[2], "*"), source("*", &written[4])]
        };
        let schedules = sources
            .iter()
            .map(|source| source.parse::<Schedule>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| CronError::Unreadable {
                input: input.clone(),
            })?;
        let (first, last) = (&schedules[0], &schedules[schedules.len() - 1]);
        let expr = Self {
            minutes: bits(first.minutes(), 0),
            hours: bits(first.hours(), 0),
            days: bits(first.days_of_month(), 0),
            months: bits(first.months(), 0),
            weekdays: bits(last.days_of_week(), 1),
            days_star,
            weekdays_star,
            schedules,
            text,
        };
        if !expr.has_a_day() {
            return Err(CronError::NeverRuns { input });
        }
        Ok(expr)
    }
}

impl fmt::Display for CronExpr {
    /// The expression as typed: trimmed, single spaces between fields (`0 9 * * MON`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Hash for CronExpr {
    /// The text alone: it decides every other field (the crate's schedules have no `Hash`).
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl CronExpr {
    /// The expression as typed, trimmed, single spaces between fields (same as `Display`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// A short English reading for common shapes (`every Monday at 09:00`, `every day at
    /// 08:00`, `weekdays at 08:30`, `every 15 minutes`), else `cron 0 9 1 * *`.
    pub fn describe(&self) -> String {
        describe::describe(self).unwrap_or_else(|| format!("cron {}", self.text))
    }

    /// Whether the local date `date` is a day the expression runs on (month and day rule).
    pub fn matches_date(&self, date: NaiveDate) -> bool {
        self.schedules.iter().any(|s| {
            s.months().includes(date.month())
                && s.days_of_month().includes(date.day())
                && s.days_of_week()
                    .includes(date.weekday().number_from_sunday())
        })
    }

    /// Whether the local wall-clock time `local` matches (seconds are ignored).
    pub fn matches(&self, local: NaiveDateTime) -> bool {
        let minute = local.with_second(0).map(|m| Utc.from_utc_datetime(&m));
        minute.is_some_and(|m| self.schedules.iter().any(|s| s.includes(m)))
    }

    /// The first matching local wall-clock minute strictly after `after`, or `None` if there
    /// is none within 5 years (or after 2100). The crate walks local times as if they were
    /// UTC, which has no gaps or repeats; each schedule gives its next time, the earliest wins.
    pub fn next_local(&self, after: NaiveDateTime) -> Option<NaiveDateTime> {
        if after.year() > LAST_YEAR {
            return None;
        }
        let limit = after
            .date()
            .checked_add_months(Months::new(LOOK_AHEAD_MONTHS))
            .unwrap_or(NaiveDate::MAX);
        self.next_after(Utc.from_utc_datetime(&after))
            .filter(|next| next.date() <= limit)
    }

    /// Whether some calendar date matches: the crate's years (1970 to 2100) have every day of
    /// every month on every weekday, February 29th too, so there is a first time in them.
    fn has_a_day(&self) -> bool {
        self.next_after(DateTime::UNIX_EPOCH).is_some()
    }

    /// The earliest next time of the crate's schedules.
    fn next_after(&self, after: DateTime<Utc>) -> Option<NaiveDateTime> {
        let next = self.schedules.iter().filter_map(|s| s.after(&after).next());
        next.map(|next| next.naive_utc()).min()
    }
}

/// The crate's values of one field as bits, each value less `offset` (the crate counts
/// weekdays from 1).
fn bits(values: &impl TimeUnitSpec, offset: u32) -> u64 {
    values.iter().fold(0, |bits, v| bits | 1 << (v - offset))
}

#[cfg(test)]
mod tests;
