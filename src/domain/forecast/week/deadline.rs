//! The forecast deadline: the weekday and local time by which a week's forecasts are due,
//! its stored form (ISO weekday 1..=7 and `HH:MM`) and what people type (`monday 12:00`,
//! `Friday 5pm`, `tue noon`).

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveTime, Weekday};

use crate::domain::{echo, DomainError};

/// What to type for a deadline, appended to its refusals.
const DEADLINE_HINT: &str = "try `monday 12:00` or `friday 5pm`";

/// Weekdays in ISO order (index 0 = Monday = ISO weekday 1).
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// When a week's forecasts are due: a weekday and a local time in the workspace's time zone.
/// Displayed as `Monday 12:00`; stored as [`Deadline::iso_weekday`] and
/// [`Deadline::time_hhmm`], read back with [`Deadline::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Deadline {
    /// The day of the forecast week (Monday to Sunday) the deadline falls on.
    pub weekday: Weekday,
    /// The local wall-clock time, in whole minutes (the stored form has no seconds).
    pub time: NaiveTime,
}

impl Default for Deadline {
    /// Monday 12:00.
    fn default() -> Self {
        Self {
            weekday: Weekday::Mon,
            time: NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

impl Deadline {
    /// The stored form: ISO weekday `iso_weekday` (1 = Monday .. 7 = Sunday) at `hhmm`
    /// (`09:30`, 24-hour clock).
    pub fn new(iso_weekday: u32, hhmm: &str) -> Result<Self, DomainError> {
        let weekday = iso_weekday
            .checked_sub(1)
            .and_then(|i| WEEKDAYS.get(usize::try_from(i).ok()?))
            .copied()
            .ok_or_else(|| DomainError::InvalidDeadlineWeekday {
                input: iso_weekday.to_string(),
            })?;
        let time = clock_24h(hhmm.trim())
            .ok_or_else(|| DomainError::InvalidDeadlineTime { input: echo(hhmm) })?;
        Ok(Self { weekday, time })
    }

    /// The ISO weekday, 1 = Monday .. 7 = Sunday (the stored form).
    pub fn iso_weekday(&self) -> u32 {
        self.weekday.number_from_monday()
    }

    /// The time as `HH:MM` (the stored form), e.g. `09:30`.
    pub fn time_hhmm(&self) -> String {
        self.time.format("%H:%M").to_string()
    }
}

impl fmt::Display for Deadline {
    /// `Monday 12:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", weekday_name(self.weekday), self.time_hhmm())
    }
}

impl FromStr for Deadline {
    type Err = DomainError;

    /// Parses what people type, case-insensitively: a weekday (`monday`, `mon`) then a time
    /// (`12:00`, `9:30`, `5pm`, `12:30 pm`, `noon`, `midnight`), optionally joined by `at`.
    /// `12am` is 00:00 and `12pm` is noon.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.is_empty() {
            return Err(DomainError::Empty {
                what: "deadline".to_string(),
                hint: format!("; {DEADLINE_HINT}"),
            });
        }
        let invalid = || DomainError::InvalidDeadline { input: echo(text) };
        let lower = text.to_lowercase();
        let mut words = lower
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        let weekday = words.next().and_then(weekday_named).ok_or_else(invalid)?;
        let rest: Vec<&str> = words.collect();
        let rest = match rest.split_first() {
            Some((&"at", tail)) => tail,
            _ => &rest[..],
        };
        let time = typed_time(&rest.concat()).ok_or_else(invalid)?;
        Ok(Self { weekday, time })
    }
}

/// `Monday` for [`Weekday::Mon`].
fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A lowercase weekday name or abbreviation.
fn weekday_named(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// `H:MM` or `HH:MM` on the 24-hour clock.
fn clock_24h(text: &str) -> Option<NaiveTime> {
    let (hour, minute) = hour_minute(text)?;
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// A lowercase time without spaces: `HH:MM`, `5pm`, `12:30pm`, `9am`, `noon`, `midnight`.
fn typed_time(text: &str) -> Option<NaiveTime> {
    match text {
        "noon" => return NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" => return NaiveTime::from_hms_opt(0, 0, 0),
        _ => {}
    }
    let (clock, pm) = if let Some(clock) = text.strip_suffix("pm") {
        (clock, true)
    } else if let Some(clock) = text.strip_suffix("am") {
        (clock, false)
    } else {
        return clock_24h(text);
    };
    let (hour, minute) = if clock.contains(':') {
        hour_minute(clock)?
    } else {
        (digits(clock, 1..=2)?, 0)
    };
    if !(1..=12).contains(&hour) {
        return None;
    }
    let hour = hour % 12 + if pm { 12 } else { 0 };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// `H:MM` or `HH:MM` as numbers, not range-checked.
fn hour_minute(text: &str) -> Option<(u32, u32)> {
    let (hour, minute) = text.split_once(':')?;
    Some((digits(hour, 1..=2)?, digits(minute, 2..=2)?))
}

/// `text` as a number if it is all ASCII digits and its length is in `len`.
fn digits(text: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (len.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests;
