//! The pre-check of one typed field, and the same field written the way the `cron` crate
//! reads it. The check refuses what the crate would accept or word badly (`5/15`, `*/31`
//! days, `17-9`, an out-of-range value) with today's [`CronError`]; the crate then turns the
//! written field into its set of values.
//!
//! Written for the crate: names become numbers (the crate has no `4-JUN`, and knows more
//! names than users may type), and weekdays count 1 = Sunday to 7 = Saturday, where users
//! type 0 = Sunday to 6 = Saturday and 7 = Sunday again (`5-7` becomes `6-7,1`).

use super::error::CronError;
use crate::domain::echo;

/// One of the five fields: its name in messages, its range and the names it accepts.
pub(super) struct Field {
    /// `minute`, `hour`, `day-of-month`, `month` or `weekday`.
    name: &'static str,
    /// The smallest and largest values that may be typed (7 for the weekday: Sunday again).
    low: u32,
    high: u32,
    /// Names of the values from `low` on, upper case (`JAN`.., `SUN`..); empty if none.
    names: &'static [&'static str],
    /// How the field's values are typed, for [`CronError::UnknownName`].
    allowed: &'static str,
}

const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: &[&str] = &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// The fields in the order they are typed.
#[rustfmt::skip]
pub(super) const FIELDS: [Field; 5] = [
    Field { name: "minute", low: 0, high: 59, names: &[], allowed: "" },
    Field { name: "hour", low: 0, high: 23, names: &[], allowed: "" },
    Field { name: "day-of-month", low: 1, high: 31, names: &[], allowed: "" },
    Field { name: "month", low: 1, high: 12, names: MONTHS, allowed: "1-12 or JAN-DEC" },
    Field { name: "weekday", low: 0, high: 7, names: WEEKDAYS,
        allowed: "0-7 (0 and 7 are Sunday) or SUN-SAT" },
];

impl Field {
    fn is_weekday(&self) -> bool {
        self.name == "weekday"
    }
}

/// `text` (one whole field) checked and written for the crate. `input` is the echoed
/// expression, for messages.
pub(super) fn translate(field: &Field, text: &str, input: &str) -> Result<String, CronError> {
    let items = text.split(',').map(|item| {
        if item.is_empty() {
            return Err(CronError::EmptyItem {
                input: input.to_string(),
                field: field.name,
                list: echo(text),
            });
        }
        translate_item(field, item, input)
    });
    Ok(items.collect::<Result<Vec<_>, _>>()?.join(","))
}

/// One list item: `*`, `5`, `MON`, `1-5`, each optionally followed by `/step` (a single
/// number may not be).
fn translate_item(field: &Field, item: &str, input: &str) -> Result<String, CronError> {
    let (range, step_text) = match item.split_once('/') {
        Some((range, step)) => (range, Some(step)),
        None => (item, None),
    };
    let step = match step_text {
        None => 1,
        Some(text) => parse_step(field, item, text, input)?,
    };
    let suffix = step_text.map(|s| format!("/{s}")).unwrap_or_default();
    if range == "*" {
        // The crate's `*` weekday is 1-7, the same days as the typed 0-6.
        return Ok(format!("*{suffix}"));
    }
    let (first, last) = if let Some((a, b)) = range.split_once('-') {
        let (first, last) = (value(field, a, item, input)?, value(field, b, item, input)?);
        if first > last {
            return Err(CronError::ReversedRange {
                input: input.to_string(),
                field: field.name,
                item: echo(item),
                swapped: echo(&format!("{b}-{a}{suffix}")),
            });
        }
        (first, last)
    } else {
        let single = value(field, range, item, input)?;
        if let Some(step) = step_text {
            let end = if range.bytes().all(|b| b.is_ascii_digit()) {
                // The weekday's `*` ends at 6 (Saturday).
                if field.is_weekday() { 6 } else { field.high }.to_string()
            } else {
                field.names.last().copied().unwrap_or_default().to_string()
            };
            return Err(CronError::StepNeedsRange {
                input: input.to_string(),
                field: field.name,
                item: echo(item),
                range: echo(&format!("{range}-{end}/{step}")),
                step: echo(step),
            });
        }
        (single, single)
    };
    if !field.is_weekday() {
        return Ok(format!("{first}-{last}{suffix}"));
    }
    // Typed weekdays 0-6 are the crate's 1-7; a typed 7 (Sunday again) is the crate's 1.
    let mut written = Vec::new();
    if first <= 6 {
        written.push(format!("{}-{}{suffix}", first + 1, last.min(6) + 1));
    }
    if last == 7 && (7 - first) % step == 0 {
        written.push("1".to_string());
    }
    Ok(written.join(","))
}

/// A step: a whole number from 1 to the width of the field (59 for minutes).
fn parse_step(field: &Field, item: &str, text: &str, input: &str) -> Result<u32, CronError> {
    let max = field.high - field.low;
    text.parse::<u32>()
        .ok()
        .filter(|step| text.bytes().all(|b| b.is_ascii_digit()) && (1..=max).contains(step))
        .ok_or_else(|| CronError::BadStep {
            input: input.to_string(),
            field: field.name,
            item: echo(item),
            step: echo(text),
            max,
        })
}

/// One value: digits in the field's range, or (month, weekday) a name, case-insensitively.
/// An empty value (`-5`, `1-`) is reported with the whole `item`.
fn value(field: &Field, token: &str, item: &str, input: &str) -> Result<u32, CronError> {
    let shown = if token.is_empty() { item } else { token };
    if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
        return token
            .parse::<u32>()
            .ok()
            .filter(|v| (field.low..=field.high).contains(v))
            .ok_or_else(|| CronError::OutOfRange {
                input: input.to_string(),
                field: field.name,
                item: echo(token),
                low: field.low,
                high: field.high,
            });
    }
    if field.names.is_empty() {
        return Err(CronError::NotANumber {
            input: input.to_string(),
            field: field.name,
            item: echo(shown),
        });
    }
    (field.low..)
        .zip(field.names)
        .find(|(_, name)| name.eq_ignore_ascii_case(token))
        .map(|(v, _)| v)
        .ok_or_else(|| CronError::UnknownName {
            input: input.to_string(),
            field: field.name,
            item: echo(shown),
            allowed: field.allowed,
        })
}
