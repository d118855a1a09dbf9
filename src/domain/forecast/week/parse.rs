//! The weeks people type: `this week`, `last week`, `next week`, `W05`, `week 5`,
//! `FY27-Q1 W05` and dates (`2026-03-02`), read relative to `now`.

use chrono::{DateTime, Months, NaiveDate, Utc};

use super::{ForecastCalendar, ForecastWeek};
use crate::domain::calendar::FiscalQuarter;
use crate::domain::dates::MAX_YEARS_AWAY;
use crate::domain::{echo, DomainError, WEEK_HINT};

impl ForecastCalendar {
    /// Parses a week people type, relative to `now`: `this` / `current` / `this week`,
    /// `last` / `last week` / `previous`, `next` / `next week`, `W05` or `week 5` (of the
    /// current week's quarter), `FY27-Q1 W05` (also `fy27 q1 w5`, `Q1 FY27 W05`), or a date
    /// `2026-03-02` (the week containing that local date).
    pub fn parse_week(&self, input: &str, now: DateTime<Utc>) -> Result<ForecastWeek, DomainError> {
        let text = input.trim();
        let invalid = || DomainError::InvalidWeek { input: echo(text) };
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|w| !w.is_empty())
            .collect();
        let current = self.week_at(now);
        match words.join(" ").as_str() {
            "" => {
                return Err(DomainError::Empty {
                    what: "week".to_string(),
                    hint: format!("; {WEEK_HINT}"),
                })
            }
            "this" | "current" | "this week" | "current week" => return Ok(current),
            "last" | "last week" | "previous" | "previous week" | "prev" => {
                return Ok(self.prev(&current))
            }
            "next" | "next week" => return Ok(self.next(&current)),
            _ => {}
        }
        if let Some(date) = self.typed_date(text, now)? {
            return Ok(self.week_starting(date));
        }
        let compact: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
        let number_at = compact.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (head, number) = compact.split_at(number_at);
        let quarter_part = ["week", "wk", "w"]
            .iter()
            .find_map(|w| head.strip_suffix(w))
            .filter(|_| !number.is_empty())
            .ok_or_else(invalid)?;
        let quarter = if quarter_part.is_empty() {
            current.quarter
        } else {
            quarter_part
                .parse::<FiscalQuarter>()
                .map_err(|_| invalid())?
        };
        let number: u32 = number.parse().map_err(|_| invalid())?;
        let weeks = self.weeks_of(quarter);
        usize::try_from(number)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| weeks.get(i))
            .copied()
            .ok_or_else(|| DomainError::WeekNotInQuarter {
                input: echo(&format!("W{number:02}")),
                quarter: quarter.label(),
                last: format!("W{:02}", weeks.len()),
            })
    }

    /// A `YYYY-MM-DD` date in `text`: `Ok(None)` if `text` is not shaped like one, refused if
    /// it does not exist or is more than [`MAX_YEARS_AWAY`] years from `now`.
    fn typed_date(&self, text: &str, now: DateTime<Utc>) -> Result<Option<NaiveDate>, DomainError> {
        let parts: Vec<&str> = text.split('-').collect();
        let shaped = parts.len() == 3
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
            && parts[0].len() == 4
            && (1..=2).contains(&parts[1].len())
            && (1..=2).contains(&parts[2].len());
        if !shaped {
            return Ok(None);
        }
        let number = |p: &str| p.parse::<u32>().unwrap_or(0);
        let date = i32::try_from(number(parts[0]))
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, number(parts[1]), number(parts[2])))
            .ok_or_else(|| DomainError::WeekDateDoesNotExist { input: echo(text) })?;
        let today = now.with_timezone(&self.tz).date_naive();
        let window = Months::new(MAX_YEARS_AWAY * 12);
        let earliest = today.checked_sub_months(window).unwrap_or(NaiveDate::MIN);
        let latest = today.checked_add_months(window).unwrap_or(NaiveDate::MAX);
        if date < earliest || date > latest {
            return Err(DomainError::DateTooFar { input: echo(text) });
        }
        Ok(Some(date))
    }
}
