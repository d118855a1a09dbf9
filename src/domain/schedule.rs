//! What a schedule posts ([`ScheduleKind`]: the weekly KPI digest, the forecast reminder before
//! the deadline, the note of missing forecasts after it, and the registration expiry watch) and
//! how often each kind may post ([`ScheduleKind::min_interval`], one table), and the pure
//! timing rules every layer shares.
//!
//! `cron` and `due` are pure: no clock, no database. Callers pass the instants (`now`, the
//! last handled due instant) and get instants back; `store`, `core` and the scheduler's runner
//! all use them.
//!
//! # Layout
//! - [`cron`]: [`cron::CronExpr`], a five-field cron expression (Vixie semantics), how people
//!   type it, its refusals, its English reading and the next matching local time.
//! - [`due`]: [`due::Recurrence`], a cron expression in an IANA time zone: its due instants
//!   across daylight-saving changes, and [`due::due_now`], which one to run on a tick.

pub mod cron;
pub mod due;

use chrono::{NaiveDateTime, TimeDelta};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScheduleKind {
    KpiDigest,
    ForecastReminder,
    ForecastMissing,
    RegistrationExpiry,
}

impl ScheduleKind {
    pub const ALL: [ScheduleKind; 4] = [
        ScheduleKind::KpiDigest,
        ScheduleKind::ForecastReminder,
        ScheduleKind::ForecastMissing,
        ScheduleKind::RegistrationExpiry,
    ];

    /// The stored id and the `kind:` option value.
    pub fn as_str(self) -> &'static str {
        match self {
            ScheduleKind::KpiDigest => "kpi_digest",
            ScheduleKind::ForecastReminder => "forecast_reminder",
            ScheduleKind::ForecastMissing => "forecast_missing",
            ScheduleKind::RegistrationExpiry => "registration_expiry",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ScheduleKind::KpiDigest => "KPI digest",
            ScheduleKind::ForecastReminder => "Forecast reminder",
            ScheduleKind::ForecastMissing => "Missing forecasts",
            ScheduleKind::RegistrationExpiry => "Registration expiry watch",
        }
    }

    /// The id, or the label, as people type it (`kpi_digest`, `KPI digest`, `digest`).
    pub fn parse(text: &str) -> Option<ScheduleKind> {
        let key = text.trim().to_lowercase().replace([' ', '-'], "_");
        let alias = match key.as_str() {
            "digest" => Some(ScheduleKind::KpiDigest),
            "reminder" => Some(ScheduleKind::ForecastReminder),
            "missing" => Some(ScheduleKind::ForecastMissing),
            "expiry" | "expiry_watch" => Some(ScheduleKind::RegistrationExpiry),
            _ => None,
        };
        alias.or_else(|| {
            Self::ALL
                .into_iter()
                .find(|k| k.as_str() == key || k.label().eq_ignore_ascii_case(text.trim()))
        })
    }

    /// The default cron of the schedule `/setup` creates: digest Monday 09:00, reminder Friday
    /// 15:00, missing forecasts Monday 13:00, expiry watch daily 08:00.
    pub fn default_cron(self) -> &'static str {
        match self {
            ScheduleKind::KpiDigest => "0 9 * * MON",
            ScheduleKind::ForecastReminder => "0 15 * * FRI",
            ScheduleKind::ForecastMissing => "0 13 * * MON",
            ScheduleKind::RegistrationExpiry => "0 8 * * *",
        }
    }
}

impl ScheduleKind {
    /// The shortest time allowed between two runs of a schedule of this kind: a post more often
    /// than this is noise in a team's channel. One table for every kind.
    pub fn min_interval(self) -> TimeDelta {
        match self {
            ScheduleKind::KpiDigest
            | ScheduleKind::ForecastReminder
            | ScheduleKind::ForecastMissing
            | ScheduleKind::RegistrationExpiry => TimeDelta::hours(1),
        }
    }

    /// Checks that consecutive local run times (as a cron expression yields them, in order)
    /// are at least [`ScheduleKind::min_interval`] apart; refuses with the first two runs that
    /// are closer, quoting the limit. `expression` is echoed in the refusal.
    pub fn check_interval(
        self,
        expression: &str,
        runs: impl IntoIterator<Item = NaiveDateTime>,
    ) -> Result<(), String> {
        let min = self.min_interval();
        let mut previous: Option<NaiveDateTime> = None;
        for run in runs {
            if let Some(before) = previous {
                if run - before < min {
                    return Err(format!(
                        "cron `{}` runs {} apart ({} and {}); a {} schedule may run at most {}. \
                         Give one minute and one hour, like `{}`",
                        super::echo(expression),
                        span(run - before),
                        before.format("%a %H:%M"),
                        run.format("%a %H:%M"),
                        self.label(),
                        once_every(min),
                        self.default_cron(),
                    ));
                }
            }
            previous = Some(run);
        }
        Ok(())
    }
}

/// `once an hour`, `once every 2 hours`.
fn once_every(delta: TimeDelta) -> String {
    match span(delta).strip_prefix("1 ") {
        Some(unit) => format!(
            "once a{} {unit}",
            if unit.starts_with('h') { "n" } else { "" }
        ),
        None => format!("once every {}", span(delta)),
    }
}

/// `1 minute`, `45 minutes`, `1 hour`, `2 hours`, `1 day`.
fn span(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes();
    let (n, unit) = if minutes % (24 * 60) == 0 && minutes > 0 {
        (minutes / (24 * 60), "day")
    } else if minutes % 60 == 0 && minutes > 0 {
        (minutes / 60, "hour")
    } else {
        (minutes, "minute")
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

impl fmt::Display for ScheduleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_by_id_label_and_alias() {
        for kind in ScheduleKind::ALL {
            assert_eq!(ScheduleKind::parse(kind.as_str()), Some(kind));
            assert_eq!(ScheduleKind::parse(kind.label()), Some(kind));
            assert!(kind.default_cron().parse::<super::cron::CronExpr>().is_ok());
        }
        assert_eq!(ScheduleKind::parse("digest"), Some(ScheduleKind::KpiDigest));
        assert_eq!(ScheduleKind::parse("nope"), None);
    }

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .expect("valid time")
    }

    #[test]
    fn runs_an_hour_apart_or_more_are_allowed() {
        for kind in ScheduleKind::ALL {
            assert_eq!(kind.min_interval(), TimeDelta::hours(1));
            let hourly = [at(2, 9, 0), at(2, 10, 0), at(2, 11, 0), at(3, 9, 0)];
            assert_eq!(kind.check_interval("0 9-11 * * *", hourly), Ok(()));
        }
    }

    #[test]
    fn runs_closer_than_the_minimum_are_refused_quoting_it() {
        let every_minute = [at(2, 9, 0), at(2, 9, 1)];
        assert_eq!(
            ScheduleKind::KpiDigest.check_interval("* * * * *", every_minute),
            Err(
                "cron `* * * * *` runs 1 minute apart (Mon 09:00 and Mon 09:01); a KPI digest \
                 schedule may run at most once an hour. Give one minute and one hour, like \
                 `0 9 * * MON`"
                    .to_string()
            )
        );
        let half_hourly = [at(2, 9, 0), at(2, 9, 30)];
        let refusal = ScheduleKind::RegistrationExpiry
            .check_interval("0,30 9 * * *", half_hourly)
            .unwrap_err();
        assert!(refusal.contains("30 minutes apart"), "{refusal}");
    }
}
