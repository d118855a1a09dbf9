//! What a schedule posts: the weekly KPI digest, the forecast reminder before the deadline, the
//! note of missing forecasts after it, and the registration expiry watch.

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
            assert!(kind
                .default_cron()
                .parse::<super::super::cron::CronExpr>()
                .is_ok());
        }
        assert_eq!(ScheduleKind::parse("digest"), Some(ScheduleKind::KpiDigest));
        assert_eq!(ScheduleKind::parse("nope"), None);
    }
}
