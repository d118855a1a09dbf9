//! One claimed run carried out: the post built by the core, sent with retries, and the outcome
//! written to its ledger row (posted with the message id, skipped when there is nothing to
//! say, failed with the error's cause chain).

use super::{PostError, Runner, TickReport};
use crate::core::reply::Post;
use crate::domain::ids::MessageId;
use crate::store::job_run;
use crate::store::schedule::Schedule;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// How long one attempt may take before it counts as a retryable failure.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);

/// A run this runner holds the claim of.
pub(super) struct Job<'a> {
    pub run_id: i64,
    pub schedule: &'a Schedule,
    pub due_at: DateTime<Utc>,
    /// The due instant of the run before (what "since the last run" means to the post).
    pub since: Option<DateTime<Utc>>,
    pub nonce: &'a str,
}

impl Runner {
    /// Builds, posts and records `job`. Errors only when the ledger cannot be written (the claim
    /// then stays and is recovered later with the same nonce).
    pub(super) async fn deliver(
        &self,
        job: &Job<'_>,
        report: &mut TickReport,
    ) -> anyhow::Result<()> {
        let schedule = job.schedule;
        let ws = schedule.workspace_id;
        let built = self.core.scheduled_post(schedule, job.since).await;
        let outcome = match built {
            Ok(Some(post)) => self.post_with_retries(&post, job.nonce).await,
            Ok(None) => {
                let mut conn = self.conn().await?;
                job_run::mark_skipped(&mut conn, ws, job.run_id, "nothing to post").await?;
                report.skipped += 1;
                return Ok(());
            }
            Err(err) => Err(err.context("building the post")),
        };
        let mut conn = self.conn().await?;
        match outcome {
            Ok(message_id) => {
                let now = self.core.clock().now();
                job_run::mark_posted(&mut conn, ws, job.run_id, message_id, now).await?;
                tracing::info!(
                    workspace = %ws,
                    schedule = %schedule.id,
                    due = %job.due_at,
                    message = %message_id,
                    "posted the {}",
                    schedule.kind.label()
                );
                report.posted += 1;
            }
            Err(err) => {
                tracing::error!(
                    workspace = %ws,
                    schedule = %schedule.id,
                    due = %job.due_at,
                    "the {} was not posted: {err:#}",
                    schedule.kind.label()
                );
                job_run::mark_failed(&mut conn, ws, job.run_id, &format!("{err:#}")).await?;
                report.failed += 1;
            }
        }
        Ok(())
    }

    /// Posts, trying again after a retryable failure: after the transport's `after` or the
    /// exponential backoff, whichever is longer, at most `retries` more times, and never past
    /// half the claim timeout (so no other runner takes the claim over while this one still
    /// tries). Returns the first message's id or the last error.
    async fn post_with_retries(&self, post: &Post, nonce: &str) -> anyhow::Result<MessageId> {
        let started = tokio::time::Instant::now();
        let budget = self.settings.retry_budget();
        let mut attempt: u32 = 0;
        loop {
            let outcome = tokio::time::timeout(ATTEMPT_TIMEOUT, self.poster.post(post, nonce))
                .await
                .unwrap_or_else(|_| {
                    Err(PostError::retry(anyhow::anyhow!(
                        "no answer within {ATTEMPT_TIMEOUT:?}"
                    )))
                });
            let (after, cause) = match outcome {
                Ok(message_id) => return Ok(message_id),
                Err(PostError::Fatal(err)) => return Err(err),
                Err(PostError::Retry { after, cause }) => (after, cause),
            };
            let tries = attempt + 1;
            if attempt >= self.settings.retries {
                return Err(cause.context(format!("gave up after {tries} attempt(s)")));
            }
            let wait = backoff(self.settings.backoff, attempt).max(after.unwrap_or_default());
            if started.elapsed() + wait > budget {
                return Err(cause.context(format!(
                    "gave up after {tries} attempt(s): waiting {wait:?} more would outlast \
                     the claim"
                )));
            }
            tracing::warn!(
                attempt = tries,
                ?wait,
                "posting failed, retrying: {cause:#}"
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }
}

/// The wait before attempt `attempt + 2`: `base`, doubled after each failure.
pub fn backoff(base: Duration, attempt: u32) -> Duration {
    base.saturating_mul(2u32.saturating_pow(attempt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_from_the_base_and_saturates() {
        let base = Duration::from_millis(100);
        let waits: Vec<u128> = (0..4).map(|a| backoff(base, a).as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 800]);
        // No overflow however many attempts or however long the base.
        let most = Duration::from_secs(u64::from(u32::MAX));
        assert_eq!(backoff(Duration::from_secs(1), 40), most);
        assert_eq!(backoff(Duration::MAX, 1), Duration::MAX);
    }
}
