//! Posting through Discord's bad moments: a 429 then a 500 are retried and the run posted once;
//! a refusal (403) is not retried and the run is recorded failed with the reason; retries stop
//! after the configured count; a transport's `after` is waited for, but never past the claim.

use super::CHANNELS;
use super::{add, assert_posted_once, at, discord_poster, fast, ledger, message_ids, runner};
use crate::support::fake_discord::{Failure, FakeDiscord};
use crate::support::TestApp;
use chrono::TimeDelta;
use partnerbot::core::reply::Post;
use partnerbot::domain::ids::MessageId;
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::scheduler::runner::{PostError, PostFuture, Poster, Runner, RunnerSettings};
use partnerbot::store::job_run::RunStatus;
use partnerbot::store::ledger::nonce;
use partnerbot::store::schedule::Schedule;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const MESSAGES: &str = "/channels/{channel_id}/messages";

/// A daily 09:00 UTC note, created Monday 08:00; the clock is left at 09:00.
async fn due_now(app: &TestApp) -> Schedule {
    app.clock.set(at("2026-03-02T08:00:00Z"));
    let kind = ScheduleKind::ForecastMissing;
    let s = add(app, kind, "0 9 * * *", chrono_tz::UTC, CHANNELS[0]).await;
    app.clock.set(at("2026-03-02T09:00:00Z"));
    s
}

fn statuses(fake: &FakeDiscord) -> Vec<u16> {
    fake.requests_to("POST", MESSAGES)
        .iter()
        .map(|r| r.status)
        .collect()
}

crate::both_backends!(
    a_rate_limit_then_a_server_error_are_retried_and_posted_once,
    |app: TestApp| async move {
        let s = due_now(&app).await;
        let fake = FakeDiscord::start().await;
        let limited = Failure::RateLimited {
            retry_after: 0.01,
            global: false,
        };
        fake.fail_next("POST", MESSAGES, 1, limited);
        fake.fail_next("POST", MESSAGES, 1, Failure::ServerError);
        let report = runner(&app.core, discord_poster(&fake), "r")
            .tick()
            .await
            .unwrap();
        assert_eq!((report.posted, report.failed), (1, 0), "{report:?}");
        assert_eq!(statuses(&fake), [429, 500, 200]);
        let nonces: Vec<_> = fake
            .requests_to("POST", MESSAGES)
            .iter()
            .map(|r| r.json.as_ref().unwrap()["nonce"].clone())
            .collect();
        assert!(nonces
            .iter()
            .all(|n| *n == nonce(s.id, at("2026-03-02T09:00:00Z"))));
        assert_posted_once(app.store(), &fake, &s, &[at("2026-03-02T09:00:00Z")]).await;
        fake.assert_clean();
    }
);

crate::both_backends!(
    a_refusal_is_not_retried_and_the_run_is_recorded_failed,
    |app: TestApp| async move {
        let s = due_now(&app).await;
        let fake = FakeDiscord::start().await;
        fake.fail_next("POST", MESSAGES, 1, Failure::Status(403));
        let runner = runner(&app.core, discord_poster(&fake), "r");
        let report = runner.tick().await.unwrap();
        assert_eq!((report.posted, report.failed), (0, 1), "{report:?}");
        assert_eq!(statuses(&fake), [403]);
        let run = &ledger(app.store(), &s).await[0];
        assert_eq!(run.status, RunStatus::Failed);
        let error = run.error.as_deref().unwrap();
        assert!(
            error.contains("Discord refused the post") && error.contains("403"),
            "{error}"
        );

        // A failed run is not tried again; the next day's runs as usual.
        assert_eq!(runner.tick().await.unwrap().posted, 0);
        app.clock.set(at("2026-03-03T09:00:00Z"));
        assert_eq!(runner.tick().await.unwrap().posted, 1);
        assert_eq!(message_ids(&fake, CHANNELS[0]).len(), 1);
        fake.assert_clean();
    }
);

crate::both_backends!(
    retries_stop_after_the_configured_count,
    |app: TestApp| async move {
        let s = due_now(&app).await;
        let fake = FakeDiscord::start().await;
        fake.fail_next("POST", MESSAGES, 10, Failure::ServerError);
        let report = runner(&app.core, discord_poster(&fake), "r")
            .tick()
            .await
            .unwrap();
        assert_eq!(report.failed, 1, "{report:?}");
        assert_eq!(
            statuses(&fake),
            [500; 4],
            "one attempt and fast()'s 3 retries"
        );
        let error = ledger(app.store(), &s).await[0].error.clone().unwrap();
        assert!(error.contains("gave up after 4 attempt(s)"), "{error}");
        fake.assert_clean();
    }
);

/// Fails with `Retry { after }` once, then posts as message 77; records each nonce.
struct AskToWait {
    after: Duration,
    nonces: Mutex<Vec<String>>,
}

impl Poster for AskToWait {
    fn post<'a>(&'a self, _: &'a Post, nonce: &'a str) -> PostFuture<'a> {
        Box::pin(async move {
            let mut nonces = self.nonces.lock().unwrap();
            nonces.push(nonce.to_string());
            if nonces.len() == 1 {
                return Err(PostError::Retry {
                    after: Some(self.after),
                    cause: anyhow::anyhow!("slow down"),
                });
            }
            Ok(MessageId::new(77))
        })
    }
}

crate::both_backends!(
    the_wait_a_transport_asks_for_is_honoured_within_the_claim,
    |app: TestApp| async move {
        let s = due_now(&app).await;
        let poster = Arc::new(AskToWait {
            after: Duration::from_millis(300),
            nonces: Mutex::default(),
        });
        let runner = Runner::new(app.core.clone(), poster.clone(), "r", fast());
        let started = Instant::now();
        assert_eq!(runner.tick().await.unwrap().posted, 1);
        assert!(
            started.elapsed() >= Duration::from_millis(300),
            "waited as asked"
        );
        let nonces = poster.nonces.lock().unwrap().clone();
        assert_eq!(nonces.len(), 2);
        assert_eq!(nonces[0], nonces[1], "a retry sends the same nonce");
        assert_eq!(
            ledger(app.store(), &s).await[0].message_id,
            Some(MessageId::new(77))
        );

        // A wait longer than half the claim timeout is not waited out: the run fails rather
        // than be taken over while this runner still holds it.
        let impatient = Arc::new(AskToWait {
            after: Duration::from_secs(5),
            nonces: Mutex::default(),
        });
        let settings = RunnerSettings {
            claim_timeout: TimeDelta::seconds(2),
            ..fast()
        };
        let runner = Runner::new(app.core.clone(), impatient, "r2", settings);
        app.clock.set(at("2026-03-03T09:00:00Z"));
        let started = Instant::now();
        assert_eq!(runner.tick().await.unwrap().failed, 1);
        assert!(started.elapsed() < Duration::from_secs(2));
        let error = ledger(app.store(), &s).await[1].error.clone().unwrap();
        assert!(error.contains("would outlast the claim"), "{error}");
    }
);
