//! What `/kpi` reports on: a fiscal quarter (`this_quarter`, `last_quarter`, `Q3`, `FY27-Q1`)
//! or a whole fiscal year (`this_year`, `last_year`, `FY27`), with the period before it and its
//! bounds under a workspace's fiscal calendar.

use super::calendar::{fiscal_year_label, period_key, FiscalCalendar, FiscalQuarter};
use super::{echo, DomainError};
use chrono::NaiveDate;

/// A fiscal quarter or a fiscal year (named after the calendar year it ends in: 2027 is FY27).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPeriod {
    Quarter(FiscalQuarter),
    Year(i32),
}

impl ReportPeriod {
    /// Parses a period relative to `today`: the year forms (`this_year`, `ytd`, `last_year`,
    /// `FY27`, `FY2027`), else a quarter as [`FiscalCalendar::parse_period`] reads it.
    pub fn parse(
        calendar: &FiscalCalendar,
        input: &str,
        today: NaiveDate,
    ) -> Result<Self, DomainError> {
        let key = period_key(input);
        let this_year = calendar.year_of(today);
        match key.as_str() {
            "this_year" | "current_year" | "year" | "ytd" | "fytd" => {
                return Ok(Self::Year(this_year))
            }
            "last_year" | "previous_year" | "prev_year" => return Ok(Self::Year(this_year - 1)),
            _ => {}
        }
        let compact: String = key.chars().filter(|c| c.is_alphanumeric()).collect();
        if let Some(year) = compact.strip_prefix("fy").and_then(year_number) {
            return Ok(Self::Year(year));
        }
        calendar
            .parse_period(input, today)
            .map(Self::Quarter)
            .map_err(|_| DomainError::InvalidReportPeriod { input: echo(input) })
    }

    /// `FY27-Q4` or `FY27`.
    pub fn label(&self) -> String {
        match self {
            Self::Quarter(quarter) => quarter.label(),
            Self::Year(year) => fiscal_year_label(*year),
        }
    }

    /// `quarter` or `year`.
    pub fn noun(&self) -> &'static str {
        match self {
            Self::Quarter(_) => "quarter",
            Self::Year(_) => "year",
        }
    }

    /// The quarter or year before.
    pub fn prev(&self) -> Self {
        match self {
            Self::Quarter(quarter) => Self::Quarter(quarter.prev()),
            Self::Year(year) => Self::Year(year - 1),
        }
    }

    /// First and last day, inclusive.
    pub fn bounds(&self, calendar: &FiscalCalendar) -> (NaiveDate, NaiveDate) {
        match self {
            Self::Quarter(quarter) => calendar.quarter_bounds(*quarter),
            Self::Year(year) => calendar.year_bounds(*year),
        }
    }

    /// The quarters it spans, in order.
    pub fn quarters(&self) -> Vec<FiscalQuarter> {
        match self {
            Self::Quarter(quarter) => vec![*quarter],
            Self::Year(year) => (1..=4)
                .filter_map(|q| FiscalQuarter::new(*year, q))
                .collect(),
        }
    }
}

/// `27` or `2027` (two digits are in the 2000s); `None` for anything else.
fn year_number(text: &str) -> Option<i32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match text.len() {
        2 => text.parse::<i32>().ok().map(|y| 2000 + y),
        4 => text.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn parse(input: &str) -> Result<ReportPeriod, DomainError> {
        ReportPeriod::parse(&FiscalCalendar::default(), input, day("2026-11-27"))
    }

    #[test]
    fn years_are_read_in_every_usual_spelling() {
        for input in [
            "this_year",
            "this year",
            "YTD",
            "fytd",
            "FY27",
            "fy2027",
            "FY-27",
        ] {
            assert_eq!(parse(input).unwrap(), ReportPeriod::Year(2027), "{input}");
        }
        for input in ["last_year", "previous year", "FY26"] {
            assert_eq!(parse(input).unwrap(), ReportPeriod::Year(2026), "{input}");
        }
    }

    #[test]
    fn quarters_are_read_as_before() {
        let q4 = FiscalQuarter::new(2027, 4).unwrap();
        assert_eq!(parse("this_quarter").unwrap(), ReportPeriod::Quarter(q4));
        assert_eq!(parse("FY27-Q4").unwrap(), ReportPeriod::Quarter(q4));
        assert_eq!(
            parse("last_quarter").unwrap(),
            ReportPeriod::Quarter(q4.prev())
        );
    }

    #[test]
    fn anything_else_says_what_a_period_looks_like() {
        for input in ["FY2", "FY27-Q5", "soon", "FY27x"] {
            let err = parse(input).unwrap_err().to_string();
            assert!(err.contains("`this_year`"), "{input}: {err}");
        }
    }

    #[test]
    fn a_year_spans_four_quarters_and_its_bounds() {
        let calendar = FiscalCalendar::default();
        let year = ReportPeriod::Year(2027);
        assert_eq!(year.label(), "FY27");
        assert_eq!(year.prev(), ReportPeriod::Year(2026));
        assert_eq!(
            year.bounds(&calendar),
            (day("2026-02-01"), day("2027-01-31"))
        );
        let labels: Vec<String> = year.quarters().iter().map(|q| q.label()).collect();
        assert_eq!(labels, ["FY27-Q1", "FY27-Q2", "FY27-Q3", "FY27-Q4"]);
        let q = ReportPeriod::Quarter(FiscalQuarter::new(2027, 1).unwrap());
        assert_eq!(q.prev().label(), "FY26-Q4");
        assert_eq!(q.bounds(&calendar), (day("2026-02-01"), day("2026-04-30")));
    }
}
