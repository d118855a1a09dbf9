//! The `[scheduler]` part of the configuration: how late a missed run may still be posted and
//! how often the runner looks for due runs.
//!
//! | file (`[scheduler]`) | environment | default |
//! |---|---|---|
//! | `catch_up_hours` | `PARTNERBOT_SCHEDULER_CATCH_UP_HOURS` | 24 |
//! | `tick_seconds` | `PARTNERBOT_SCHEDULER_TICK_SECONDS` | 30 |

use super::number;
use anyhow::bail;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchedulerConfig {
    /// A run missed while the bot was down is posted on restart if it fell due at most this many
    /// hours ago (only the latest missed run of each schedule); older ones are skipped.
    pub catch_up_hours: u32,
    /// Seconds between the runner's looks for due runs.
    pub tick_seconds: u64,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            catch_up_hours: 24,
            tick_seconds: 30,
        }
    }
}

/// `[scheduler]` in `partnerbot.toml`; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileScheduler {
    catch_up_hours: Option<u32>,
    tick_seconds: Option<u64>,
}

impl SchedulerConfig {
    pub(super) fn apply_file(&mut self, file: FileScheduler) {
        if let Some(hours) = file.catch_up_hours {
            self.catch_up_hours = hours;
        }
        if let Some(seconds) = file.tick_seconds {
            self.tick_seconds = seconds;
        }
    }

    /// Applies the environment (`get` returns only non-blank values) and checks the result.
    pub(super) fn apply_env(&mut self, get: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(hours) = get("PARTNERBOT_SCHEDULER_CATCH_UP_HOURS") {
            self.catch_up_hours = number("PARTNERBOT_SCHEDULER_CATCH_UP_HOURS", &hours)?;
        }
        if let Some(seconds) = get("PARTNERBOT_SCHEDULER_TICK_SECONDS") {
            self.tick_seconds = number("PARTNERBOT_SCHEDULER_TICK_SECONDS", &seconds)?;
        }
        self.check()
    }

    fn check(&self) -> anyhow::Result<()> {
        if self.tick_seconds == 0 {
            bail!("scheduler tick_seconds must be at least 1");
        }
        if u64::from(self.catch_up_hours) * 3600 < self.tick_seconds {
            bail!(
                "scheduler catch_up_hours ({}) must cover at least one tick ({} s), or a run \
                 found a tick late would never be posted",
                self.catch_up_hours,
                self.tick_seconds
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::config::load_for_test as load;

    #[test]
    fn the_scheduler_catches_up_a_day_and_ticks_every_30_seconds_by_default() {
        let scheduler = load("", &[]).unwrap().scheduler;
        assert_eq!((scheduler.catch_up_hours, scheduler.tick_seconds), (24, 30));
    }

    #[test]
    fn the_environment_overrides_the_scheduler_table() {
        let file = "[scheduler]\ncatch_up_hours = 6\ntick_seconds = 10\n";
        let scheduler = load(file, &[]).unwrap().scheduler;
        assert_eq!((scheduler.catch_up_hours, scheduler.tick_seconds), (6, 10));
        let env = [
            ("PARTNERBOT_SCHEDULER_CATCH_UP_HOURS", "48"),
            ("PARTNERBOT_SCHEDULER_TICK_SECONDS", "5"),
        ];
        let scheduler = load(file, &env).unwrap().scheduler;
        assert_eq!((scheduler.catch_up_hours, scheduler.tick_seconds), (48, 5));
    }

    #[test]
    fn a_zero_tick_a_catch_up_shorter_than_a_tick_or_a_non_number_is_refused() {
        let err = load("[scheduler]\ntick_seconds = 0\n", &[]).unwrap_err();
        assert!(format!("{err:#}").contains("at least 1"), "{err:#}");
        let err = load("[scheduler]\ncatch_up_hours = 0\n", &[]).unwrap_err();
        assert!(
            format!("{err:#}").contains("cover at least one tick"),
            "{err:#}"
        );
        let err = load("", &[("PARTNERBOT_SCHEDULER_TICK_SECONDS", "soon")]).unwrap_err();
        assert!(format!("{err:#}").contains("not a number"), "{err:#}");
        let err = load("[scheduler]\ncatchup_hours = 1\n", &[]).unwrap_err();
        assert!(format!("{err:#}").contains("catchup_hours"), "{err:#}");
    }
}
