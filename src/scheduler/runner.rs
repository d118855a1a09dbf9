//! [`Runner`]: turns schedules into posts. Each [`Runner::tick`] takes over claims left behind
//! by a dead runner (`recover`), then for each enabled schedule finds the run due now
//! ([`due_now`]: due instants in the schedule's timezone, one catch-up within a window),
//! claims it with a unique ledger row ([`job_run::claim`]), has the core build the post, sends
//! it through a [`Poster`] with retries, and records the message id (`deliver`).
//!
//! Why a run is posted once:
//! - the ledger row is unique per (schedule, due instant), so of several runners (processes on
//!   one PostgreSQL, or a restarted bot) exactly one claims it;
//! - a bot that was down catches up the latest run only (if recent enough); the runs it
//!   missed are counted, the latest of them recorded as `skipped` when none is recent;
//! - a crash between claim and post leaves a `claimed` row, taken over after the claim timeout
//!   and posted with the same nonce, which Discord dedupes (`enforce_nonce`) when the first
//!   post did go out.
//!
//! Each tick also takes the day's KPI snapshots of workspaces that have none yet
//! ([`Core::take_kpi_snapshots`]), which `/kpi` compares with a quarter later.
//!
//! Time comes from the core's clock, so tests move it instead of sleeping; only the waits
//! between retries are real (tokio) time.

mod deliver;
mod poster;
mod recover;
mod settings;

pub use deliver::backoff;
pub use poster::{PostError, PostFuture, Poster};
pub use settings::{RunnerSettings, TickReport};

use crate::core::Core;
use crate::domain::schedule::due::{due_now, Recurrence};
use crate::store::job_run;
use crate::store::ledger::{base36, claim_of, nonce, recurrence, skip_latest};
use crate::store::schedule::{self, Schedule};
use chrono::{DateTime, Utc};
use deliver::Job;
use std::future::Future;
use std::sync::Arc;

/// Runs schedules; see the module doc. Cheap to share (`Arc`) between tasks.
pub struct Runner {
    core: Core,
    poster: Arc<dyn Poster>,
    /// Who claims, in the ledger (`claimed_by`): unique per runner, e.g. [`instance_name`].
    instance: String,
    settings: RunnerSettings,
}

impl Runner {
    pub fn new(
        core: Core,
        poster: Arc<dyn Poster>,
        instance: impl Into<String>,
        settings: RunnerSettings,
    ) -> Runner {
        Runner {
            core,
            poster,
            instance: instance.into(),
            settings,
        }
    }

    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// Ticks every `tick_interval` (the first at once) until `shutdown` resolves. A tick in
    /// progress finishes first; a failed tick is logged and the next one tries again.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        let mut ticks = tokio::time::interval(self.settings.tick_interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tracing::info!(instance = %self.instance, "scheduler started");
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                _ = ticks.tick() => {}
            }
            match self.tick().await {
                Ok(report) if report.is_quiet() => {}
                Ok(report) => tracing::info!(?report, "scheduler tick"),
                Err(err) => tracing::error!("scheduler tick failed: {err:#}"),
            }
        }
        tracing::info!(instance = %self.instance, "scheduler stopped");
    }

    /// One pass: recover left-behind claims, then run what is due now on every schedule.
    pub async fn tick(&self) -> anyhow::Result<TickReport> {
        let now = self.core.clock().now();
        let mut report = TickReport::default();
        self.recover(now, &mut report).await?;
        let schedules = schedule::enabled_with_last_due(&mut *self.conn().await?).await?;
        for (schedule, last_due) in &schedules {
            self.run_due(schedule, *last_due, now, &mut report).await?;
        }
        // After the posts, so a slow snapshot never delays one; a failure is only logged.
        match self.core.take_kpi_snapshots().await {
            Ok(n) => report.snapshots = n,
            Err(err) => tracing::warn!("KPI snapshots not taken: {err:#}"),
        }
        Ok(report)
    }

    /// Claims and delivers the schedule's run due at `now`, if any.
    async fn run_due(
        &self,
        schedule: &Schedule,
        last_due: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
        report: &mut TickReport,
    ) -> anyhow::Result<()> {
        let rec = match recurrence(schedule) {
            Ok(rec) => rec,
            Err(err) => {
                tracing::warn!(schedule = %schedule.id, "schedule not run: {err}");
                report.invalid += 1;
                return Ok(());
            }
        };
        let last = last_due.unwrap_or(schedule.created_at);
        let due = due_now(&rec, last, now, self.settings.catch_up);
        report.missed += due.missed;
        let Some(due_at) = due.run else {
            if due.missed > 0 {
                self.skip_missed(schedule, &rec, last, now, due.missed)
                    .await?;
            }
            return Ok(());
        };
        if due.missed > 0 {
            tracing::info!(
                schedule = %schedule.id,
                missed = due.missed,
                due = %due_at,
                "catching up once: the latest missed run"
            );
        }
        let nonce = nonce(schedule.id, due_at);
        let claim = claim_of(schedule, due_at, &self.instance, &nonce);
        let now = self.core.clock().now();
        let Some(run_id) = job_run::claim(&mut *self.conn().await?, &claim, now).await? else {
            report.taken += 1;
            return Ok(());
        };
        let job = Job {
            run_id,
            schedule,
            due_at,
            since: last_due,
            nonce: &nonce,
        };
        self.deliver(&job, report).await
    }

    /// Records the latest run missed beyond the catch-up window as skipped, so later ticks
    /// count from it (and the ledger says why nothing was posted).
    async fn skip_missed(
        &self,
        schedule: &Schedule,
        rec: &Recurrence,
        last: DateTime<Utc>,
        now: DateTime<Utc>,
        missed: usize,
    ) -> anyhow::Result<()> {
        let reason = format!(
            "missed: {missed} run(s) fell due while no runner was up, the latest more than \
             {} h ago (the catch-up window)",
            self.settings.catch_up.num_hours()
        );
        let mut conn = self.conn().await?;
        let skipped = skip_latest(
            &mut conn,
            schedule,
            rec,
            (last, now),
            &self.instance,
            &reason,
        );
        if let Some(latest) = skipped.await? {
            tracing::warn!(schedule = %schedule.id, due = %latest, "{reason}");
        }
        Ok(())
    }

    async fn conn(&self) -> anyhow::Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.core.store().pool().acquire().await?)
    }
}

/// A runner name for the ledger: the host (`HOSTNAME`), the process id and the start time, so
/// a restarted process (even with the same pid, as in a container) is another instance.
pub fn instance_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "bot".to_string());
    let started = Utc::now().timestamp_millis().unsigned_abs();
    format!("{host}:{}:{}", std::process::id(), base36(started))
}
