//! The pure domain layer: types and rules of partner sales, with no I/O.
//!
//! Everything here is deterministic and synchronous: no database, no clock (callers pass
//! `today`), no network. Input from people is parsed into these types once, at the edge, and
//! every refusal is a [`DomainError`] whose `Display` text is the exact message shown to the user.
//!
//! # Layout
//! - [`money`]: currencies, amount parsing (`120k`, `$1.2M`) and formatting, integer minor units.
//! - [`dates`]: date parsing (`2026-12-15`, `+30d`, `next friday`, `eoq`) and formatting.
//! - [`calendar`]: the fiscal calendar, fiscal quarters (`FY27-Q1`) and reporting periods.
//! - [`forecast`]: weekly forecasts: the week calendar (deadlines, `FY27-Q1 W05`), the figures
//!   and their suggestion from deals.
//! - [`localtime`]: a local wall-clock time as an instant (spring-forward gaps, fall-back
//!   overlaps).
//! - [`kpi`]: KPI arithmetic: revenue by attribution, shares in basis points, changes.
//! - [`names`]: name keys for uniqueness, web domains, "did you mean" suggestions.
//! - [`attribution`]: which KPI bucket (Sourced, Co-Sell, Influence, Direct) a deal counts in.
//! - [`program`]: marketplace fee schedules, the partner discount table, quotes, percentages.
//! - [`compliance`]: what a deal's co-sell portal stage should be, the review-target cutoff.
//! - [`schedule`]: what a schedule posts ([`schedule::ScheduleKind`]) and how often it may.
//! - [`ids`]: typed ids of stored entities (`DealId`, `PartnerId`, ...) over `i64`.
//! - [`workspace`]: the workspace record and its settings.
//! - [`partner`], [`deal`], [`touch`], [`registration`], [`role`]: the enums of the plan and
//!   their small rules (default forecast category, agreement status, notes limit, ...).
//!
//! This file also owns [`DomainError`] and the [`Choice`] trait shared by every string enum.

use std::fmt::Write as _;

pub mod attribution;
pub mod calendar;
pub mod compliance;
pub mod dates;
pub mod deal;
pub mod forecast;
pub mod ids;
pub mod kpi;
pub mod localtime;
pub mod money;
pub mod names;
pub mod partner;
pub mod program;
pub mod registration;
pub mod report_period;
pub mod role;
pub mod schedule;
pub mod touch;
pub mod workspace;

/// Hint appended to every date error: the forms people can type.
const DATE_HINT: &str = "use YYYY-MM-DD like `2026-12-15`, or `today`, `+30d`, `next friday`";

/// Hint appended to every forecast week error: the forms people can type.
const WEEK_HINT: &str = "use `this week`, `last week`, `next week`, a week number like `W05`, \
                         a quarter and week like `FY27-Q1 W05`, or a date like `2026-03-02`";

/// A refusal of user input. The `Display` text is the exact user-facing message: it names the
/// field, echoes the offending input in backticks and says what to type instead.
///
/// Inputs are echoed through [`echo`], so they never break out of their backticks and are cut
/// to a readable length.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A required value was blank. `hint` is empty or starts with `"; "`.
    #[error("{what} is empty{hint}")]
    Empty { what: String, hint: String },

    /// A value of a [`Choice`] enum that matched nothing.
    #[error("unknown {what} `{input}`.{suggestion} Choose one of: {allowed}.")]
    UnknownChoice {
        what: String,
        input: String,
        /// `" Did you mean `x`?"` or empty, see [`names::did_you_mean`].
        suggestion: String,
        /// The allowed ids, each in backticks, comma separated.
        allowed: String,
    },

    #[error("amount `{input}` is not a number; try `120000` or `120k`")]
    NotANumber { input: String },

    /// `detail` says how many decimals the currency allows, e.g. "more than 2 decimals; ...".
    #[error("amount `{input}` has {detail}")]
    TooManyDecimals { input: String, detail: String },

    #[error(
        "amount `{input}` is in {found}, but this workspace counts money in {expected}; \
         enter the amount in {expected}"
    )]
    WrongCurrency {
        input: String,
        found: String,
        expected: String,
    },

    #[error("amount `{input}` must be positive; enter it without a minus sign")]
    NegativeAmount { input: String },

    #[error("amount `{input}` is zero; enter an amount above zero")]
    ZeroAmount { input: String },

    #[error("amount `{input}` is larger than 10 billion; check the number")]
    AmountTooLarge { input: String },

    #[error("currency `{input}` is not an ISO 4217 code; use three letters like `USD` or `EUR`")]
    InvalidCurrency { input: String },

    #[error("date `{input}` does not exist; {DATE_HINT}")]
    DateDoesNotExist { input: String },

    #[error("date `{input}` is not a date; {DATE_HINT}")]
    UnknownDate { input: String },

    #[error("date `{input}` is more than 10 years from today; check the year")]
    DateTooFar { input: String },

    #[error("fiscal year start month `{input}` is not a month; use 1 (January) to 12 (December)")]
    InvalidFiscalMonth { input: String },

    #[error("quarter `{input}` is not a fiscal quarter; use a label like `FY27-Q1`")]
    InvalidQuarter { input: String },

    #[error(
        "period `{input}` is not a period; use `this_quarter`, `last_quarter`, `next_quarter` \
         or a quarter like `FY27-Q1`"
    )]
    InvalidPeriod { input: String },

    #[error(
        "period `{input}` is not a period; use `this_quarter`, `last_quarter`, `next_quarter`, \
         a quarter like `FY27-Q1`, or a fiscal year: `this_year`, `last_year`, `FY27`"
    )]
    InvalidReportPeriod { input: String },

    #[error("{what} is {len} characters; the limit is {max}")]
    NameTooLong {
        what: String,
        len: usize,
        max: usize,
    },

    #[error(
        "{what} contains a control character such as a tab or line break; type it on one line"
    )]
    ControlCharacter { what: String },

    #[error("{what} `{input}` has no letters or digits; use a name people will recognise")]
    NoLettersOrDigits { what: String, input: String },

    #[error("notes are {len} characters; the limit is {max}")]
    NotesTooLong { len: usize, max: usize },

    #[error(
        "ACE opportunity id `{input}` is not valid; it looks like `O1234567` \
         (the letter O and at least 7 digits)"
    )]
    InvalidAceOpportunityId { input: String },

    #[error(
        "Google Partner Advantage opportunity id `{input}` is not valid; give the id from the \
         portal: 6 to 40 letters, digits or hyphens with at least one digit, like `0061234ABC`"
    )]
    InvalidPartnerAdvantageId { input: String },

    #[error(
        "`portal_id:` `{input}` is a co-sell portal id, so it needs a marketplace; add \
         `marketplace:aws` (or gcp, azure), or remove it with `portal_id:none`"
    )]
    PortalIdNeedsMarketplace { input: String },

    /// `date` is formatted with [`dates::format_date`].
    #[error(
        "close date {date} is in the past; an open deal closes today or later. Give a date like \
         `close:+30d`, or set `stage:closed_won` or `stage:closed_lost`"
    )]
    OpenDealClosesInPast { date: String },

    #[error("web domain `{input}` does not look like a domain; use something like `acme.com`")]
    InvalidDomain { input: String },

    #[error("deadline `{input}` is not a weekday and time; try `monday 12:00` or `friday 5pm`")]
    InvalidDeadline { input: String },

    #[error("deadline weekday `{input}` is not a weekday; use 1 (Monday) to 7 (Sunday)")]
    InvalidDeadlineWeekday { input: String },

    #[error("deadline time `{input}` is not a time; use HH:MM on the 24-hour clock like `12:00`")]
    InvalidDeadlineTime { input: String },

    #[error("week `{input}` is not a week; {WEEK_HINT}")]
    InvalidWeek { input: String },

    /// `input` is the week number as `W15`; `last` is the quarter's last week, `W13`.
    #[error("week `{input}` is not in {quarter}, which has weeks W01 to {last}")]
    WeekNotInQuarter {
        input: String,
        quarter: String,
        last: String,
    },

    #[error(
        "date `{input}` does not exist; give any day of the week as YYYY-MM-DD like `2026-03-02`"
    )]
    WeekDateDoesNotExist { input: String },
}

/// Longest input echoed back in an error message, in characters.
const ECHO_MAX_CHARS: usize = 60;

/// Prepares user input for echoing inside backticks: trims it, replaces backticks and line
/// breaks (which would break the formatting) and cuts it to 60 characters.
pub fn echo(input: &str) -> String {
    let cleaned: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '`' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    if cleaned.chars().count() <= ECHO_MAX_CHARS {
        cleaned
    } else {
        let mut cut: String = cleaned.chars().take(ECHO_MAX_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// A closed set of values stored and typed as `snake_case` ids (`boutique_si`), shown to people
/// with a label (`Boutique SI`). Declare one with `choice_enum!`.
pub trait Choice: Sized + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// What one value is called in messages, e.g. `"partner type"`.
    const WHAT: &'static str;

    /// The `snake_case` id used in the database, option choices and serde.
    fn as_str(&self) -> &'static str;
    /// The human label, e.g. `"Best Case"`.
    fn label(&self) -> &'static str;
    /// Extra spellings accepted by [`Choice::parse`] (e.g. `"3"` for stage 3).
    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }

    /// Every value, in display order (same as [`Choice::ALL`]).
    fn all() -> &'static [Self] {
        Self::ALL
    }

    /// The value whose id is exactly `id` (for reading stored values).
    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == id)
    }

    /// Parses what a person typed: the id, case-insensitively and with spaces or hyphens for
    /// underscores, the label, or an alias. Anything else is refused with suggestions and the
    /// list of allowed ids.
    fn parse(input: &str) -> Result<Self, DomainError> {
        let key = choice_key(input);
        if key.is_empty() {
            return Err(DomainError::Empty {
                what: Self::WHAT.to_string(),
                hint: format!("; choose one of: {}", allowed_list::<Self>()),
            });
        }
        let found = Self::ALL.iter().copied().find(|c| {
            c.as_str() == key
                || choice_key(c.label()) == key
                || c.aliases().iter().any(|a| choice_key(a) == key)
        });
        found.ok_or_else(|| {
            let candidates: Vec<(&str, &str)> = Self::ALL
                .iter()
                .flat_map(|c| [(c.as_str(), c.as_str()), (c.label(), c.as_str())])
                .collect();
            let mut ids: Vec<String> = Vec::new();
            for hit in names::suggest(input, candidates.iter().map(|(text, _)| *text)) {
                if let Some((_, id)) = candidates.iter().find(|(text, _)| *text == hit) {
                    if !ids.iter().any(|known| known == id) {
                        ids.push((*id).to_string());
                    }
                }
            }
            DomainError::UnknownChoice {
                what: Self::WHAT.to_string(),
                input: echo(input),
                suggestion: names::did_you_mean(&ids),
                allowed: allowed_list::<Self>(),
            }
        })
    }
}

/// Folds a typed choice for comparison: trimmed, lowercase, runs of spaces, hyphens and
/// underscores become one underscore (`"Best-Case "` -> `best_case`).
fn choice_key(input: &str) -> String {
    input
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// The allowed ids of a choice, each in backticks: "`open`, `select`, `select_services`".
fn allowed_list<C: Choice>() -> String {
    let mut out = String::new();
    for (i, c) in C::ALL.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "`{}`", c.as_str());
    }
    out
}

/// Declares a [`Choice`] enum: one line per variant with its id, its label and optional aliases.
///
/// ```ignore
/// choice_enum! {
///     /// Partner program track.
///     pub enum Track ("track") {
///         Open => "open", "Open";
///         Select => "select", "Select", ["invitation only"];
///     }
/// }
/// ```
///
/// Generates the enum (Debug, Clone, Copy, Eq, Hash, Ord, serde as the id), the [`Choice`]
/// impl, `Display` (the label) and `FromStr` (via [`Choice::parse`]).
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $id:literal, $label:literal $(, [$($alias:literal),* $(,)?])?
            );+ $(;)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $id)]
                $variant,
            )+
        }

        impl $crate::domain::Choice for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const WHAT: &'static str = $what;

            fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)+
                }
            }

            fn label(&self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }

            fn aliases(&self) -> &'static [&'static str] {
                match self {
                    $(Self::$variant => &[$($($alias),*)?],)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            /// Writes the human label; use `Choice::as_str` for the stored id.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::domain::Choice::label(self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::DomainError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as $crate::domain::Choice>::parse(s)
            }
        }
    };
}
pub(crate) use choice_enum;

#[cfg(test)]
mod tests;
