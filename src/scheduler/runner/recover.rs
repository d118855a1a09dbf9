//! Claims left behind: a runner that died (or hung) between claiming a run and recording its
//! outcome leaves the row `claimed`. Past the claim timeout another runner takes it over with a
//! guarded update (one winner) and posts it with the row's nonce, so a post that did go out
//! before the crash comes back as the same message instead of a copy. A left-behind run that
//! is no longer the schedule's latest, or is older than the catch-up window, is not posted
//! late: it is marked failed as abandoned (catch-up posts one run, the latest).

use super::deliver::Job;
use super::{Runner, TickReport};
use crate::store::job_run::{self, JobRun};
use crate::store::ledger::recurrence;
use crate::store::schedule;
use chrono::{DateTime, Utc};

impl Runner {
    /// Takes over and finishes every claim older than the claim timeout.
    pub(super) async fn recover(
        &self,
        now: DateTime<Utc>,
        report: &mut TickReport,
    ) -> anyhow::Result<()> {
        let older_than = now - self.settings.claim_timeout;
        let stale = job_run::stale_claims(&mut *self.conn().await?, older_than).await?;
        for run in stale {
            let mut conn = self.conn().await?;
            let ws = run.workspace_id;
            let took = job_run::reclaim(&mut conn, ws, run.id, run.claimed_at, &self.instance, now)
                .await?;
            if !took {
                report.taken += 1;
                continue;
            }
            tracing::warn!(
                workspace = %ws,
                schedule = %run.schedule_id,
                due = %run.due_at,
                "taking over the run {} claimed at {} and never finished",
                run.claimed_by,
                run.claimed_at
            );
            let found = schedule::get(&mut conn, ws, run.schedule_id).await?;
            let reason = match &found {
                None => Some("its schedule was removed".to_string()),
                Some(s) if !s.enabled => Some("its schedule is paused".to_string()),
                Some(s) => self.too_late(s, &run, now),
            };
            if let Some(reason) = reason {
                let error = format!(
                    "abandoned: claimed by {} at {} and never confirmed (it may or may not have \
                     been posted); {reason}",
                    run.claimed_by, run.claimed_at
                );
                tracing::warn!(workspace = %ws, schedule = %run.schedule_id, "{error}");
                job_run::mark_failed(&mut conn, ws, run.id, &error).await?;
                report.abandoned += 1;
                continue;
            }
            let schedule = found.expect("checked above");
            let since = job_run::previous_due(&mut conn, ws, schedule.id, run.due_at).await?;
            drop(conn);
            let job = Job {
                run_id: run.id,
                schedule: &schedule,
                due_at: run.due_at,
                since,
                nonce: &run.nonce,
            };
            report.recovered += 1;
            self.deliver(&job, report).await?;
        }
        Ok(())
    }

    /// Why a left-behind run should no longer be posted, if so: a later run is due, or it is
    /// older than the catch-up window.
    fn too_late(
        &self,
        schedule: &schedule::Schedule,
        run: &JobRun,
        now: DateTime<Utc>,
    ) -> Option<String> {
        if now - run.due_at > self.settings.catch_up {
            return Some(format!(
                "it is older than the catch-up window ({} h)",
                self.settings.catch_up.num_hours()
            ));
        }
        let later = recurrence(schedule).ok()?.latest_in(run.due_at, now)?;
        Some(format!("a later run ({later}) is due"))
    }
}
