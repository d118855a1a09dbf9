//! [`CronError`]: every refusal of a typed cron expression, worded for the person who typed
//! it.

/// What to type instead, appended to every refusal of a field.
pub(super) const CRON_HINT: &str =
    "Use five fields: minute hour day-of-month month weekday, like `0 9 * * MON`";

/// A refused cron expression. The `Display` text is the exact user-facing message: it echoes
/// the expression in backticks (through [`crate::domain::echo`]), names the field and says
/// what to type instead.
///
/// `input` is the echoed expression with single spaces between fields; `field` is `minute`,
/// `hour`, `day-of-month`, `month` or `weekday`; `item` is the echoed piece of the field that
/// was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CronError {
    #[error("cron expression is empty. {CRON_HINT}")]
    Empty,

    /// `@daily` and friends.
    #[error("cron `{input}`: shortcuts like `@daily` are not supported. {CRON_HINT}")]
    Shortcut { input: String },

    #[error("cron `{input}` has {count} {}, not 5{}. {CRON_HINT}", fields_word(*.count), extra_fields_note(*.count))]
    FieldCount { input: String, count: usize },

    #[error("cron `{input}`: {field} `{item}` is not a number. {CRON_HINT}")]
    NotANumber {
        input: String,
        field: &'static str,
        item: String,
    },

    /// A month or weekday that is neither a number nor a known name. `allowed` says what is,
    /// e.g. "1-12 or JAN-DEC".
    #[error("cron `{input}`: {field} `{item}` is not a {field}; use {allowed}. {CRON_HINT}")]
    UnknownName {
        input: String,
        field: &'static str,
        item: String,
        allowed: &'static str,
    },

    #[error("cron `{input}`: {field} `{item}` is out of range {low}-{high}. {CRON_HINT}")]
    OutOfRange {
        input: String,
        field: &'static str,
        item: String,
        low: u32,
        high: u32,
    },

    /// `item` is the whole stepped piece (`*/0`), `step` the step as typed.
    #[error(
        "cron `{input}`: {field} step `{step}` in `{item}` is not a number from 1 to {max}. \
         {CRON_HINT}"
    )]
    BadStep {
        input: String,
        field: &'static str,
        item: String,
        step: String,
        max: u32,
    },

    /// A step after a single number (`5/15`); `range` is the range meant, `5-59/15`.
    #[error(
        "cron `{input}`: {field} `{item}` steps from a single number; write a range like \
         `{range}` or `*/{step}`. {CRON_HINT}"
    )]
    StepNeedsRange {
        input: String,
        field: &'static str,
        item: String,
        range: String,
        step: String,
    },

    /// `swapped` is the range written the right way round.
    #[error(
        "cron `{input}`: {field} range `{item}` is reversed; write the smaller first, like \
         `{swapped}`. {CRON_HINT}"
    )]
    ReversedRange {
        input: String,
        field: &'static str,
        item: String,
        swapped: String,
    },

    /// `list` is the whole field (`1,,2`).
    #[error(
        "cron `{input}`: {field} `{list}` has an empty item; separate values with single \
         commas, like `1,15`. {CRON_HINT}"
    )]
    EmptyItem {
        input: String,
        field: &'static str,
        list: String,
    },

    /// An expression the checks passed but the `cron` crate did not read (a bug here, not a
    /// mistake of the person who typed it).
    #[error("cron `{input}` could not be read. {CRON_HINT}")]
    Unreadable { input: String },

    /// A valid expression whose days of the month occur in none of its months.
    #[error(
        "cron `{input}` never runs: none of its days of the month occur in its months. \
         Check the day-of-month and month fields"
    )]
    NeverRuns { input: String },
}

/// "field" or "fields".
fn fields_word(count: usize) -> &'static str {
    if count == 1 {
        "field"
    } else {
        "fields"
    }
}

/// Why six or seven fields are wrong (other cron dialects add seconds and years).
fn extra_fields_note(count: usize) -> &'static str {
    if count == 6 || count == 7 {
        " (seconds and years are not supported)"
    } else {
        ""
    }
}
