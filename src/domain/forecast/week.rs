//! The forecast week calendar: forecast weeks, their submission deadlines, which week a
//! submission counts for, week labels (`FY27-Q1 W05`) and the weeks people type (`last week`).
//!
//! - A forecast week runs Monday to Sunday in the workspace's time zone.
//! - Its **deadline** is the [`Deadline`] weekday of that week at the deadline time, local,
//!   as a UTC instant. A local time skipped by a spring-forward jump moves forward by the
//!   jump (02:30 becomes 03:30 when clocks go from 02:00 to 03:00); a local time that occurs
//!   twice when clocks fall back is the earlier of the two instants
//!   ([`crate::domain::localtime`]).
//! - A week belongs to the fiscal quarter its deadline date falls in. Weeks of a quarter are
//!   numbered from `W01`, the first week whose deadline date is in the quarter, so a quarter
//!   has 12 to 14 weeks.
//! - A submission counts for the week whose deadline is nearest (a tie goes to the later
//!   week): with a Monday 12:00 deadline a Friday submission is on time for the coming
//!   Monday, and a Monday 14:00 submission is late for that same Monday.
//!
//! Nothing here reads the clock: callers pass the instant (`now`, `submitted_at`).
//!
//! Submodules: `deadline` ([`Deadline`] and how people type it) and `parse` (the weeks
//! people type, [`ForecastCalendar::parse_week`]).

use std::fmt;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain::calendar::{FiscalCalendar, FiscalQuarter};
use crate::domain::localtime::local_to_utc;

mod deadline;
mod parse;

pub use deadline::Deadline;

/// A workspace's forecast calendar: its fiscal calendar, time zone and submission deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ForecastCalendar {
    fiscal: FiscalCalendar,
    tz: Tz,
    deadline: Deadline,
}

/// One forecast week (Monday to Sunday, local) of a [`ForecastCalendar`]. Ordered by start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ForecastWeek {
    // `start` comes first so the derived order is by start.
    start: NaiveDate,
    deadline_date: NaiveDate,
    deadline_at: DateTime<Utc>,
    quarter: FiscalQuarter,
    number: u8,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
}

impl ForecastWeek {
    /// The Monday the week starts on (local date).
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The local date of the deadline.
    pub fn deadline_date(&self) -> NaiveDate {
        self.deadline_date
    }

    /// The deadline as an instant.
    pub fn deadline_at(&self) -> DateTime<Utc> {
        self.deadline_at
    }

    /// The fiscal quarter the week belongs to: the one its deadline date falls in.
    pub fn quarter(&self) -> FiscalQuarter {
        self.quarter
    }

    /// The week's number in its quarter, from 1.
    pub fn number(&self) -> u8 {
        self.number
    }

    /// `FY27-Q1 W05`.
    pub fn label(&self) -> String {
        format!("{} W{:02}", self.quarter.label(), self.number)
    }

    /// The instants that count for this week, `[start, end)`: from halfway after the previous
    /// week's deadline to halfway before the next week's deadline. Windows of consecutive
    /// weeks tile; one lasts 7 days, or half the DST shift more or less in a week next to a
    /// clock change (consecutive deadlines are then 7 days ± 1 hour, or ± 30 minutes on Lord
    /// Howe Island, apart).
    pub fn window(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (self.opens_at, self.closes_at)
    }

    /// Whether a submission at `submitted_at` is after the deadline (at the deadline is on
    /// time).
    pub fn is_late(&self, submitted_at: DateTime<Utc>) -> bool {
        submitted_at > self.deadline_at
    }
}

impl fmt::Display for ForecastWeek {
    /// The label, `FY27-Q1 W05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl ForecastCalendar {
    /// The calendar of a workspace with fiscal calendar `fiscal`, time zone `tz` and
    /// submission deadline `deadline`.
    pub fn new(fiscal: FiscalCalendar, tz: Tz, deadline: Deadline) -> Self {
        Self {
            fiscal,
            tz,
            deadline,
        }
    }

    /// The fiscal calendar that numbers the weeks.
    pub fn fiscal(&self) -> FiscalCalendar {
        self.fiscal
    }

    /// The time zone weeks and deadlines are local to.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The weekly submission deadline.
    pub fn deadline(&self) -> Deadline {
        self.deadline
    }

    /// The week containing the local date `date` (any day of it, not only its Monday).
    pub fn week_starting(&self, date: NaiveDate) -> ForecastWeek {
        let start = plus_days(date, -i64::from(date.weekday().num_days_from_monday()));
        let deadline_date = self.deadline_date(start);
        let deadline_at = self.deadline_instant(start);
        let quarter = self.fiscal.quarter_of(deadline_date);
        let weeks_in = (start - self.first_week_start(quarter)).num_days() / 7;
        ForecastWeek {
            start,
            deadline_date,
            deadline_at,
            quarter,
            number: u8::try_from(weeks_in + 1).unwrap_or(0),
            opens_at: midpoint(self.deadline_instant(plus_days(start, -7)), deadline_at),
            closes_at: midpoint(deadline_at, self.deadline_instant(plus_days(start, 7))),
        }
    }

    /// The week a submission at `instant` counts for: the one whose deadline is nearest, the
    /// later one on a tie.
    pub fn week_at(&self, instant: DateTime<Utc>) -> ForecastWeek {
        let week = self.week_starting(instant.with_timezone(&self.tz).date_naive());
        let (opens, closes) = week.window();
        if instant < opens {
            self.prev(&week)
        } else if instant >= closes {
            self.next(&week)
        } else {
            week
        }
    }

    /// The week before `week`.
    pub fn prev(&self, week: &ForecastWeek) -> ForecastWeek {
        self.week_starting(plus_days(week.start, -7))
    }

    /// The week after `week`.
    pub fn next(&self, week: &ForecastWeek) -> ForecastWeek {
        self.week_starting(plus_days(week.start, 7))
    }

    /// The weeks of `quarter`, `W01` first.
    pub fn weeks_of(&self, quarter: FiscalQuarter) -> Vec<ForecastWeek> {
        let mut weeks = Vec::with_capacity(14);
        let mut week = self.week_starting(self.first_week_start(quarter));
        // A quarter has at most 14 weeks; the bound only guards against a broken calendar.
        while week.quarter == quarter && weeks.len() < 15 {
            weeks.push(week);
            week = self.next(&week);
        }
        weeks
    }

    /// The local date of the deadline of the week starting on Monday `start`.
    fn deadline_date(&self, start: NaiveDate) -> NaiveDate {
        plus_days(
            start,
            i64::from(self.deadline.weekday.num_days_from_monday()),
        )
    }

    /// The deadline of the week starting on Monday `start`, as an instant.
    fn deadline_instant(&self, start: NaiveDate) -> DateTime<Utc> {
        local_to_utc(
            self.tz,
            self.deadline_date(start).and_time(self.deadline.time),
        )
    }

    /// The Monday of `quarter`'s first week: the first whose deadline date is in the quarter.
    fn first_week_start(&self, quarter: FiscalQuarter) -> NaiveDate {
        let (first_day, _) = self.fiscal.quarter_bounds(quarter);
        let monday = plus_days(
            first_day,
            -i64::from(first_day.weekday().num_days_from_monday()),
        );
        if self.deadline_date(monday) >= first_day {
            monday
        } else {
            plus_days(monday, 7)
        }
    }
}

/// Halfway between `a` and `b`.
fn midpoint(a: DateTime<Utc>, b: DateTime<Utc>) -> DateTime<Utc> {
    a + (b - a) / 2
}

/// `date` moved by `days` (either way); unchanged at the ends of the representable range.
fn plus_days(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(date)
}

#[cfg(test)]
mod tests;
