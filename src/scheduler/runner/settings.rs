//! How a [`super::Runner`] behaves ([`RunnerSettings`], from the `[scheduler]` configuration)
//! and what one tick did ([`TickReport`]).

use crate::config::SchedulerConfig;
use chrono::TimeDelta;
use std::time::Duration;

/// How a runner behaves; [`RunnerSettings::default`] is production's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunnerSettings {
    /// How late a missed run may still be posted; older ones are skipped (24 h).
    pub catch_up: TimeDelta,
    /// A claim unfinished after this is taken over (2 min: a dead runner's post is recovered
    /// while Discord still dedupes its nonce, which it does for a few minutes).
    pub claim_timeout: TimeDelta,
    /// Further attempts after a retryable failure (4).
    pub retries: u32,
    /// The first wait before trying again, doubled each time (1 s).
    pub backoff: Duration,
    /// Between ticks of [`super::Runner::run`] (30 s).
    pub tick_interval: Duration,
}

impl Default for RunnerSettings {
    fn default() -> Self {
        RunnerSettings {
            catch_up: TimeDelta::hours(24),
            claim_timeout: TimeDelta::minutes(2),
            retries: 4,
            backoff: Duration::from_secs(1),
            tick_interval: Duration::from_secs(30),
        }
    }
}

impl RunnerSettings {
    /// Production's settings with the configured catch-up window and tick interval.
    pub fn from_config(config: &SchedulerConfig) -> RunnerSettings {
        RunnerSettings {
            catch_up: TimeDelta::hours(i64::from(config.catch_up_hours)),
            tick_interval: Duration::from_secs(config.tick_seconds),
            ..RunnerSettings::default()
        }
    }

    /// How long (real time) the retries of one post may go on: half the claim timeout.
    pub(super) fn retry_budget(&self) -> Duration {
        (self.claim_timeout / 2).to_std().unwrap_or_default()
    }
}

/// What one tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TickReport {
    /// Runs posted (recovered ones included).
    pub posted: usize,
    /// Runs claimed with nothing to post.
    pub skipped: usize,
    /// Runs that could not be posted (the error is in the ledger).
    pub failed: usize,
    /// Left-behind claims taken over (and then posted, skipped or failed).
    pub recovered: usize,
    /// Left-behind claims not posted because a later run is due or they are too old.
    pub abandoned: usize,
    /// Runs or left-behind claims another runner got first.
    pub taken: usize,
    /// Due instants passed over while the bot was down (each schedule catches up one at most).
    pub missed: usize,
    /// Schedules whose stored cron expression no longer parses.
    pub invalid: usize,
    /// Workspaces whose daily KPI snapshots this tick took.
    pub snapshots: usize,
}

impl TickReport {
    pub(super) fn is_quiet(&self) -> bool {
        *self == TickReport::default()
    }
}

/// Sums reports (of several ticks, or runners).
impl std::ops::AddAssign for TickReport {
    fn add_assign(&mut self, other: TickReport) {
        self.posted += other.posted;
        self.skipped += other.skipped;
        self.failed += other.failed;
        self.recovered += other.recovered;
        self.abandoned += other.abandoned;
        self.taken += other.taken;
        self.missed += other.missed;
        self.invalid += other.invalid;
        self.snapshots += other.snapshots;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::runner::backoff;

    #[test]
    fn the_retry_budget_is_half_the_claim_timeout() {
        let settings = RunnerSettings::default();
        assert_eq!(settings.retry_budget(), Duration::from_secs(60));
        assert!(
            (0..settings.retries)
                .map(|a| backoff(settings.backoff, a))
                .sum::<Duration>()
                < settings.retry_budget()
        );
    }
}
