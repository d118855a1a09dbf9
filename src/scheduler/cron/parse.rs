//! Reading one field of a cron expression into a bit set: `*`, numbers, names, ranges
//! (`1-5`, `MON-FRI`), lists (`1,15`) and steps (`*/15`, `0-30/10`), with a [`CronError`]
//! naming the field for anything else.

use super::error::CronError;
use crate::domain::echo;

/// One of the five fields: its name in messages, its range and the names it accepts.
pub(super) struct Field {
    /// `minute`, `hour`, `day-of-month`, `month` or `weekday`.
    pub(super) name: &'static str,
    /// The smallest value that may be typed.
    pub(super) low: u32,
    /// The largest value that may be typed (7 for the weekday: 7 is Sunday again).
    pub(super) high: u32,
    /// The end of `*` (6 for the weekday).
    star_high: u32,
    /// Names of the values from `low` on, upper case (`JAN`.., `SUN`..); empty if none.
    names: &'static [&'static str],
    /// How the field's values are typed, for [`CronError::UnknownName`].
    allowed: &'static str,
}

pub(super) const MINUTE: Field = Field {
    name: "minute",
    low: 0,
    high: 59,
    star_high: 59,
    names: &[],
    allowed: "",
};

pub(super) const HOUR: Field = Field {
    name: "hour",
    low: 0,
    high: 23,
    star_high: 23,
    names: &[],
    allowed: "",
};

pub(super) const DAY_OF_MONTH: Field = Field {
    name: "day-of-month",
    low: 1,
    high: 31,
    star_high: 31,
    names: &[],
    allowed: "",
};

pub(super) const MONTH: Field = Field {
    name: "month",
    low: 1,
    high: 12,
    star_high: 12,
    names: &[
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ],
    allowed: "1-12 or JAN-DEC",
};

pub(super) const WEEKDAY: Field = Field {
    name: "weekday",
    low: 0,
    high: 7,
    star_high: 6,
    names: &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
    allowed: "0-7 (0 and 7 are Sunday) or SUN-SAT",
};

/// The values `text` (one whole field) selects, as bits (bit `v` set for value `v`; for the
/// weekday, 7 is folded onto 0). `input` is the echoed expression, for messages.
pub(super) fn parse_field(field: &Field, text: &str, input: &str) -> Result<u64, CronError> {
    let mut bits = 0;
    for item in text.split(',') {
        if item.is_empty() {
            return Err(CronError::EmptyItem {
                input: input.to_string(),
                field: field.name,
                list: echo(text),
            });
        }
        bits |= parse_item(field, item, input)?;
    }
    Ok(bits)
}

/// One list item: `*`, `5`, `MON`, `1-5`, each optionally followed by `/step` (a single
/// number may not be).
fn parse_item(field: &Field, item: &str, input: &str) -> Result<u64, CronError> {
    let (range, step_text) = match item.split_once('/') {
        Some((range, step)) => (range, Some(step)),
        None => (item, None),
    };
    let step = match step_text {
        None => 1,
        Some(text) => parse_step(field, item, text, input)?,
    };
    let (first, last) = if range == "*" {
        (field.low, field.star_high)
    } else if let Some((a, b)) = range.split_once('-') {
        let (first, last) = (value(field, a, item, input)?, value(field, b, item, input)?);
        if first > last {
            let step_suffix = step_text.map(|s| format!("/{s}")).unwrap_or_default();
            return Err(CronError::ReversedRange {
                input: input.to_string(),
                field: field.name,
                item: echo(item),
                swapped: echo(&format!("{b}-{a}{step_suffix}")),
            });
        }
        (first, last)
    } else {
        let single = value(field, range, item, input)?;
        if let Some(step) = step_text {
            let end = if range.bytes().all(|b| b.is_ascii_digit()) {
                field.star_high.to_string()
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
    let mut bits = 0u64;
    let mut value = first;
    while value <= last {
        // The weekday 7 is Sunday, like 0.
        let bit = if field.name == WEEKDAY.name && value == 7 {
            0
        } else {
            value
        };
        bits |= 1 << bit;
        value += step;
    }
    Ok(bits)
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
    field
        .names
        .iter()
        .position(|name| name.eq_ignore_ascii_case(token))
        .and_then(|i| u32::try_from(i).ok())
        .map(|i| field.low + i)
        .ok_or_else(|| CronError::UnknownName {
            input: input.to_string(),
            field: field.name,
            item: echo(shown),
            allowed: field.allowed,
        })
}
