//! Dates people type (`2026-12-15`, `today`, `+30d`, `-2w`, `+3m`, `friday`, `next friday`,
//! `eom`, `eoq`) and how dates are written back (`Tue 15 Dec 2026`, `in 3 days`).
//!
//! Nothing here reads the clock: callers pass `today` in the workspace's time zone.
//!
//! Weekdays: `friday` (or `fri`, `this friday`) is the next Friday **on or after** today, so it
//! is today when today is a Friday. `next friday` is the next Friday **strictly after** today
//! (a week ahead when today is a Friday; otherwise the same day as `friday`). `last friday` is
//! the latest Friday strictly before today.
//!
//! Offsets: `+30d`, `30d`, `in 30 days`, `-7d`, `2 weeks ago`, `+2w`, `+3m` (months, the day
//! clamped to the month's end: Jan 31 + 1 month = Feb 28), `+1y`.
//!
//! Dates more than [`MAX_YEARS_AWAY`] years before or after today are refused as typos.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::calendar::FiscalCalendar;
use super::{echo, DomainError, DATE_HINT};

/// Dates further than this from today, either way, are refused.
pub const MAX_YEARS_AWAY: u32 = 10;

/// Parses a date typed by a person, relative to `today`. Does not know `eoq` or `eoy`, which
/// need the fiscal calendar: use [`parse_date_in`] where a workspace is known.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DomainError> {
    parse(input, today, None)
}

/// [`parse_date`], also understanding `eoq` / `end of quarter` (last day of the current
/// fiscal quarter) and `eoy` / `end of year` (last day of the current fiscal year).
pub fn parse_date_in(
    input: &str,
    today: NaiveDate,
    calendar: &FiscalCalendar,
) -> Result<NaiveDate, DomainError> {
    parse(input, today, Some(calendar))
}

fn parse(
    input: &str,
    today: NaiveDate,
    calendar: Option<&FiscalCalendar>,
) -> Result<NaiveDate, DomainError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(DomainError::Empty {
            what: "date".to_string(),
            hint: format!("; {DATE_HINT}"),
        });
    }
    let too_far = || DomainError::DateTooFar { input: echo(text) };
    let date = if let Some(ymd) = numeric_date(text) {
        ymd.ok_or_else(|| DomainError::DateDoesNotExist { input: echo(text) })?
    } else {
        let words: Vec<String> = text
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let key = words.join(" ");
        let key = key.replace("end of the ", "end of ");
        match named_date(&key, today, calendar) {
            Some(date) => date,
            None => match offset_date(&key, today) {
                Some(date) => date.ok_or_else(too_far)?,
                None => return Err(DomainError::UnknownDate { input: echo(text) }),
            },
        }
    };
    let window = Months::new(MAX_YEARS_AWAY * 12);
    let earliest = today.checked_sub_months(window).unwrap_or(NaiveDate::MIN);
    let latest = today.checked_add_months(window).unwrap_or(NaiveDate::MAX);
    if date < earliest || date > latest {
        return Err(too_far());
    }
    Ok(date)
}

/// `YYYY-MM-DD` (or with slashes, month and day may be one digit): `None` if the text does not
/// have that shape, `Some(None)` if it does but the date does not exist.
fn numeric_date(text: &str) -> Option<Option<NaiveDate>> {
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    match parts.as_slice() {
        [y, m, d] if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) => Some(
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        ),
        _ => None,
    }
}

/// Words that name a day: `today`, weekdays, `eom`, `eoq`, ...
fn named_date(key: &str, today: NaiveDate, calendar: Option<&FiscalCalendar>) -> Option<NaiveDate> {
    let date = match key {
        "today" | "now" => today,
        "tomorrow" | "tmrw" | "tmr" => today.succ_opt()?,
        "yesterday" => today.pred_opt()?,
        "eom" | "end of month" | "end of this month" => end_of_month(today),
        "eoq" | "end of quarter" | "end of this quarter" | "end of fiscal quarter" => {
            calendar?.quarter_of(today).last_day(calendar?)
        }
        "eoy" | "eofy" | "end of year" | "end of this year" | "end of fiscal year" => {
            let calendar = calendar?;
            calendar.year_bounds(calendar.year_of(today)).1
        }
        _ => {
            let (mode, name) = match key.split_once(' ') {
                Some(("this", name)) => (0, name),
                Some(("next", name)) => (1, name),
                Some(("last", name)) => (-1, name),
                Some(_) => return None,
                None => (0, key),
            };
            let weekday = weekday_named(name)?;
            let ahead =
                (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
            match mode {
                0 => today.checked_add_days(Days::new(ahead.into()))?,
                1 => {
                    today.checked_add_days(Days::new(if ahead == 0 { 7 } else { ahead.into() }))?
                }
                _ => {
                    let behind = (7 - ahead) % 7;
                    today.checked_sub_days(Days::new(if behind == 0 {
                        7
                    } else {
                        behind.into()
                    }))?
                }
            }
        }
    };
    Some(date)
}

/// A weekday by full name or common abbreviation.
fn weekday_named(name: &str) -> Option<Weekday> {
    Some(match name {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" | "weds" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// `+30d`, `30 days`, `in 2 weeks`, `-7d`, `3 months ago`, `+1y`: `None` if the text is not an
/// offset, `Some(None)` if it is one but lands outside the representable range.
fn offset_date(key: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let (mut backwards, mut s) = (false, key);
    if let Some(rest) = s.strip_suffix(" ago") {
        backwards = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix("in ") {
        s = rest;
    }
    if let Some(rest) = s.strip_prefix('-') {
        if backwards {
            return None;
        }
        backwards = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    let s = s.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let per_unit: u32 = match s[digits..].trim() {
        "d" | "day" | "days" => 1,
        "w" | "wk" | "wks" | "week" | "weeks" => 7,
        "m" | "mo" | "mos" | "month" | "months" => {
            return Some(shift_months(today, &s[..digits], 1, backwards))
        }
        "y" | "yr" | "yrs" | "year" | "years" => {
            return Some(shift_months(today, &s[..digits], 12, backwards))
        }
        _ => return None,
    };
    let days = s[..digits]
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(per_unit.into()))
        .map(Days::new);
    Some(days.and_then(|days| {
        if backwards {
            today.checked_sub_days(days)
        } else {
            today.checked_add_days(days)
        }
    }))
}

/// Moves `count * per_unit` months, clamping the day to the end of the month.
fn shift_months(
    today: NaiveDate,
    count: &str,
    per_unit: u32,
    backwards: bool,
) -> Option<NaiveDate> {
    let months = Months::new(count.parse::<u32>().ok()?.checked_mul(per_unit)?);
    if backwards {
        today.checked_sub_months(months)
    } else {
        today.checked_add_months(months)
    }
}

/// The last day of `date`'s month.
pub fn end_of_month(date: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).unwrap_or(date);
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(date)
}

/// `Tue 15 Dec 2026`, for replies.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// `2026-12-15`, the stored form.
pub fn format_iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Reads a stored `YYYY-MM-DD` date.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// How far `date` is from `today` in words: `today`, `tomorrow`, `yesterday`, `in 12 days`,
/// `3 days ago`.
pub fn format_relative(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// `Tue 15 Dec 2026 (in 12 days)`.
pub fn format_date_relative(date: NaiveDate, today: NaiveDate) -> String {
    format!("{} ({})", format_date(date), format_relative(date, today))
}

#[cfg(test)]
mod tests;
