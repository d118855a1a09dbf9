//! [`CronExpr`]: a five-field cron expression (minute hour day-of-month month weekday) with
//! the Vixie cron semantics of `crontab(5)`, parsed by hand, and the next local wall-clock
//! minute it matches.
//!
//! - Fields take `*`, numbers, ranges `1-5`, lists `1,15`, steps `*/15` and `0-30/10`; the
//!   month and weekday also take names (`JAN`-`DEC`, `SUN`-`SAT`, any case). Weekday 0 and 7
//!   are both Sunday.
//! - When both the day-of-month and the weekday are restricted (neither starts with `*`), a
//!   day matches if **either** matches: `0 9 1 * MON` runs on the 1st and on every Monday.
//!   A field starting with `*` (even `*/2`) is not restricted, so the days must match both.
//! - An expression is matched against local wall-clock time; turning those times into
//!   instants in a time zone is [`super::due`]'s job.
//!
//! Submodules: `parse` (one field), `error` ([`CronError`], the refusals) and `describe`
//! (the short English reading).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, TimeDelta, Timelike};

use crate::domain::echo;

mod describe;
mod error;
mod parse;

pub use error::CronError;

use parse::{parse_field, DAY_OF_MONTH, HOUR, MINUTE, MONTH, WEEKDAY};

/// How far [`CronExpr::next_local`] looks ahead before giving up.
const LOOK_AHEAD_MONTHS: u32 = 5 * 12;

/// A parsed cron expression. Build one with [`str::parse`]; `Display` gives back the text as
/// typed, trimmed, with single spaces between the fields.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CronExpr {
    text: String,
    /// Bit `m` for each matching minute 0-59.
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
        let [minute, hour, day, month, weekday] = fields[..] else {
            return Err(CronError::FieldCount {
                input,
                count: fields.len(),
            });
        };
        let expr = Self {
            minutes: parse_field(&MINUTE, minute, &input)?,
            hours: parse_field(&HOUR, hour, &input)?,
            days: parse_field(&DAY_OF_MONTH, day, &input)?,
            months: parse_field(&MONTH, month, &input)?,
            weekdays: parse_field(&WEEKDAY, weekday, &input)?,
            days_star: day.starts_with('*'),
            weekdays_star: weekday.starts_with('*'),
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
        if !has(self.months, date.month()) {
            return false;
        }
        let day = has(self.days, date.day());
        let weekday = has(self.weekdays, date.weekday().num_days_from_sunday());
        if self.days_star || self.weekdays_star {
            day && weekday
        } else {
            day || weekday
        }
    }

    /// Whether the local wall-clock time `local` matches (seconds are ignored).
    pub fn matches(&self, local: NaiveDateTime) -> bool {
        self.matches_date(local.date())
            && has(self.hours, local.hour())
            && has(self.minutes, local.minute())
    }

    /// The first matching local wall-clock minute strictly after `after`, or `None` if there
    /// is none within 5 years. Skips whole months and days, then finds the hour and minute
    /// from bit sets, so a sparse schedule costs at most one step per day.
    pub fn next_local(&self, after: NaiveDateTime) -> Option<NaiveDateTime> {
        let start = after
            .date()
            .and_hms_opt(after.hour(), after.minute(), 0)?
            .checked_add_signed(TimeDelta::minutes(1))?;
        let limit = after
            .date()
            .checked_add_months(Months::new(LOOK_AHEAD_MONTHS))
            .unwrap_or(NaiveDate::MAX);
        let mut date = start.date();
        let (mut hour, mut minute) = (start.hour(), start.minute());
        while date <= limit {
            if !has(self.months, date.month()) {
                date = date.with_day(1)?.checked_add_months(Months::new(1))?;
                (hour, minute) = (0, 0);
                continue;
            }
            if self.matches_date(date) {
                if let Some((h, m)) = self.time_from(hour, minute) {
                    return date.and_hms_opt(h, m, 0);
                }
            }
            date = date.succ_opt()?;
            (hour, minute) = (0, 0);
        }
        None
    }

    /// The first matching (hour, minute) of a day at or after `hour`:`minute`.
    fn time_from(&self, hour: u32, minute: u32) -> Option<(u32, u32)> {
        let h = next_bit(self.hours, hour)?;
        if h == hour {
            if let Some(m) = next_bit(self.minutes, minute) {
                return Some((h, m));
            }
            let later = next_bit(self.hours, hour + 1)?;
            return Some((later, next_bit(self.minutes, 0)?));
        }
        Some((h, next_bit(self.minutes, 0)?))
    }

    /// Whether some calendar date matches. With both day fields restricted the weekday alone
    /// matches days in every month; otherwise some day of the month must exist in some month
    /// (February counting 29 days). The weekday then matches within a few years.
    fn has_a_day(&self) -> bool {
        if !(self.days_star || self.weekdays_star) {
            return true;
        }
        (1..=12).filter(|&m| has(self.months, m)).any(|m| {
            let longest = match m {
                2 => 29,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            (1..=longest).any(|d| has(self.days, d))
        })
    }
}

/// Whether bit `value` is set.
fn has(bits: u64, value: u32) -> bool {
    value < 64 && bits & (1 << value) != 0
}

/// The smallest set bit at or above `from`.
fn next_bit(bits: u64, from: u32) -> Option<u32> {
    if from >= 64 {
        return None;
    }
    let above = bits & (u64::MAX << from);
    (above != 0).then(|| above.trailing_zeros())
}

#[cfg(test)]
mod tests;
