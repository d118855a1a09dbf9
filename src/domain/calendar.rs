//! The fiscal calendar: which fiscal year and quarter a date falls in, quarter bounds, quarter
//! labels (`FY27-Q1`) and reporting periods (`this_quarter`, `last_quarter`, `FY27-Q1`).
//!
//! A fiscal year is named after the calendar year in which it ends. With the default start in
//! February, FY27 runs from 2026-02-01 to 2027-01-31 and FY27-Q1 is February to April 2026.
//! With a January start, FY26 is calendar 2026.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use super::{echo, DomainError};

/// The workspace's fiscal calendar: the month its fiscal year starts (1 = January).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FiscalCalendar {
    start_month: u32,
}

impl Default for FiscalCalendar {
    /// February, the usual start in the partner programs this bot serves.
    fn default() -> Self {
        Self { start_month: 2 }
    }
}

impl FiscalCalendar {
    /// A calendar whose fiscal year starts on the 1st of `start_month` (1..=12).
    pub fn new(start_month: u32) -> Result<Self, DomainError> {
        if (1..=12).contains(&start_month) {
            Ok(Self { start_month })
        } else {
            Err(DomainError::InvalidFiscalMonth {
                input: start_month.to_string(),
            })
        }
    }

    /// The month the fiscal year starts (1 = January).
    pub fn start_month(&self) -> u32 {
        self.start_month
    }

    /// The fiscal year containing `date`, named after the calendar year it ends in.
    pub fn year_of(&self, date: NaiveDate) -> i32 {
        let start_year = if date.month() >= self.start_month {
            date.year()
        } else {
            date.year() - 1
        };
        start_year + i32::from(self.start_month > 1)
    }

    /// The fiscal quarter containing `date`.
    pub fn quarter_of(&self, date: NaiveDate) -> FiscalQuarter {
        let months_in = (date.month() + 12 - self.start_month) % 12;
        let quarter = u8::try_from(months_in / 3 + 1).unwrap_or(1);
        FiscalQuarter {
            fiscal_year: self.year_of(date),
            quarter,
        }
    }

    /// First and last day (inclusive) of a fiscal quarter.
    pub fn quarter_bounds(&self, quarter: FiscalQuarter) -> (NaiveDate, NaiveDate) {
        let first = self.month_start(quarter.fiscal_year, 3 * u32::from(quarter.quarter - 1));
        let next = self.month_start(quarter.fiscal_year, 3 * u32::from(quarter.quarter));
        (first, next.pred_opt().unwrap_or(next))
    }

    /// First and last day (inclusive) of a fiscal year.
    pub fn year_bounds(&self, fiscal_year: i32) -> (NaiveDate, NaiveDate) {
        let first = self.month_start(fiscal_year, 0);
        let next = self.month_start(fiscal_year, 12);
        (first, next.pred_opt().unwrap_or(next))
    }

    /// The first day of the month `offset` months after the start of `fiscal_year`.
    fn month_start(self, fiscal_year: i32, offset: u32) -> NaiveDate {
        let start_year = fiscal_year - i32::from(self.start_month > 1);
        let index = self.start_month - 1 + offset;
        let year = start_year + i32::try_from(index / 12).unwrap_or(0);
        NaiveDate::from_ymd_opt(year, index % 12 + 1, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Parses a reporting period relative to `today`: `this_quarter` (also `this quarter`,
    /// `current`), `last_quarter` (`previous quarter`), `next_quarter`, a bare `Q3` (of the
    /// current fiscal year) or a quarter label like `FY27-Q1`.
    pub fn parse_period(
        &self,
        input: &str,
        today: NaiveDate,
    ) -> Result<FiscalQuarter, DomainError> {
        let key = period_key(input);
        let current = self.quarter_of(today);
        match key.as_str() {
            "this_quarter" | "current_quarter" | "this" | "current" | "qtd" => return Ok(current),
            "last_quarter" | "previous_quarter" | "prev_quarter" | "last" | "previous" => {
                return Ok(current.prev())
            }
            "next_quarter" | "next" => return Ok(current.next()),
            _ => {}
        }
        if let Some(quarter) = key
            .strip_prefix('q')
            .and_then(|q| q.parse::<u8>().ok())
            .filter(|q| (1..=4).contains(q))
        {
            return Ok(FiscalQuarter {
                fiscal_year: current.fiscal_year,
                quarter,
            });
        }
        input
            .parse()
            .map_err(|_| DomainError::InvalidPeriod { input: echo(input) })
    }
}

/// A period as typed, folded for matching: lower case, words joined by `_` (`Last  Quarter`,
/// `last-quarter` and `last_quarter` all read `last_quarter`).
pub(crate) fn period_key(input: &str) -> String {
    input
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A quarter of a fiscal year: `FY27-Q1`. Ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FiscalQuarter {
    fiscal_year: i32,
    quarter: u8,
}

impl FiscalQuarter {
    /// Quarter `quarter` (1..=4) of `fiscal_year`; `None` for other quarter numbers.
    pub fn new(fiscal_year: i32, quarter: u8) -> Option<Self> {
        (1..=4).contains(&quarter).then_some(Self {
            fiscal_year,
            quarter,
        })
    }

    /// The fiscal year, e.g. 2027 for FY27.
    pub fn fiscal_year(&self) -> i32 {
        self.fiscal_year
    }

    /// The quarter number, 1..=4.
    pub fn quarter(&self) -> u8 {
        self.quarter
    }

    /// `FY27-Q1`.
    pub fn label(&self) -> String {
        format!("{}-Q{}", fiscal_year_label(self.fiscal_year), self.quarter)
    }

    /// The first day of the quarter under `calendar`.
    pub fn first_day(&self, calendar: &FiscalCalendar) -> NaiveDate {
        calendar.quarter_bounds(*self).0
    }

    /// The last day of the quarter under `calendar`.
    pub fn last_day(&self, calendar: &FiscalCalendar) -> NaiveDate {
        calendar.quarter_bounds(*self).1
    }

    /// Whether `date` falls in this quarter under `calendar`.
    pub fn contains(&self, calendar: &FiscalCalendar, date: NaiveDate) -> bool {
        calendar.quarter_of(date) == *self
    }

    /// The following quarter (Q4 is followed by Q1 of the next fiscal year).
    pub fn next(&self) -> Self {
        if self.quarter == 4 {
            Self {
                fiscal_year: self.fiscal_year + 1,
                quarter: 1,
            }
        } else {
            Self {
                fiscal_year: self.fiscal_year,
                quarter: self.quarter + 1,
            }
        }
    }

    /// The preceding quarter.
    pub fn prev(&self) -> Self {
        if self.quarter == 1 {
            Self {
                fiscal_year: self.fiscal_year - 1,
                quarter: 4,
            }
        } else {
            Self {
                fiscal_year: self.fiscal_year,
                quarter: self.quarter - 1,
            }
        }
    }
}

/// `FY27` for 2027: the last two digits of the fiscal year.
pub fn fiscal_year_label(fiscal_year: i32) -> String {
    format!("FY{:02}", fiscal_year.rem_euclid(100))
}

impl fmt::Display for FiscalQuarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl FromStr for FiscalQuarter {
    type Err = DomainError;

    /// Parses `FY27-Q1`, `fy27 q1`, `FY2027Q1`, `Q1 FY27`, `q1-fy2027`. Two-digit years are
    /// in the 2000s.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || DomainError::InvalidQuarter { input: echo(s) };
        let compact: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let (year, quarter) = if let Some(rest) = compact.strip_prefix("fy") {
            rest.split_once('q').ok_or_else(invalid)?
        } else if let Some(rest) = compact.strip_prefix('q') {
            let (quarter, year) = rest.split_once("fy").ok_or_else(invalid)?;
            (year, quarter)
        } else {
            return Err(invalid());
        };
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(year) || !digits(quarter) {
            return Err(invalid());
        }
        let fiscal_year: i32 = match year.len() {
            2 => 2000 + year.parse::<i32>().map_err(|_| invalid())?,
            4 => year.parse().map_err(|_| invalid())?,
            _ => return Err(invalid()),
        };
        let quarter: u8 = quarter.parse().map_err(|_| invalid())?;
        Self::new(fiscal_year, quarter).ok_or_else(invalid)
    }
}

#[cfg(test)]
mod tests;
