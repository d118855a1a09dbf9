//! A runner dying between claiming a run and recording it: the claim stays; a restarted runner
//! leaves it alone until the claim timeout, then takes it over and posts with the same nonce,
//! so a post that did go out comes back as the same message. The channel always ends with one
//! message. A left-behind claim that a later run supersedes is abandoned, not posted late.

use super::{add, assert_posted_once, at, claim_of, discord_poster, ledger, message_ids};
use super::{runner, CHANNELS};
use crate::support::fake_discord::{FakeDiscord, WAIT};
use crate::support::TestApp;
use chrono::{DateTime, Utc};
use partnerbot::core::reply::Post;
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::scheduler::runner::{PostFuture, Poster, TickReport};
use partnerbot::store::job_run::{self, RunStatus};
use partnerbot::store::ledger::nonce;
use partnerbot::store::schedule::Schedule;
use std::sync::Arc;

const MESSAGES: &str = "/channels/{channel_id}/messages";
const DAILY_9AM: &str = "0 9 * * *";

/// Posts, then never returns: the process dies before the ledger hears of it.
struct PostsThenDies(Arc<dyn Poster>);

impl Poster for PostsThenDies {
    fn post<'a>(&'a self, post: &'a Post, nonce: &'a str) -> PostFuture<'a> {
        Box::pin(async move {
            self.0.post(post, nonce).await?;
            std::future::pending().await
        })
    }
}

async fn daily(app: &TestApp) -> Schedule {
    app.clock.set(at("2026-03-02T08:00:00Z"));
    add(
        app,
        ScheduleKind::ForecastMissing,
        DAILY_9AM,
        chrono_tz::UTC,
        CHANNELS[0],
    )
    .await
}

fn quiet() -> TickReport {
    TickReport::default()
}

/// What a tick did about posts (the day's KPI snapshot, taken by whichever tick comes first,
/// left out).
fn posts(report: TickReport) -> TickReport {
    TickReport {
        snapshots: 0,
        ..report
    }
}

crate::both_backends!(
    a_runner_dying_after_posting_is_recovered_without_a_second_message,
    |app: TestApp| async move {
        let s = daily(&app).await;
        let fake = FakeDiscord::start().await;
        let due = at("2026-03-02T09:00:00Z");
        app.clock.set(due);
        let dying = Arc::new(runner(
            &app.core,
            Arc::new(PostsThenDies(discord_poster(&fake))),
            "first life",
        ));
        let task = tokio::spawn(async move { dying.tick().await });
        fake.wait_for(|r| r.is("POST", MESSAGES), WAIT).await;
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        let posted = message_ids(&fake, CHANNELS[0]);
        assert_eq!(posted.len(), 1);
        let runs = ledger(app.store(), &s).await;
        assert_eq!((runs.len(), runs[0].status), (1, RunStatus::Claimed));

        // Restarted a minute later: the claim is not stale yet, and the run is not claimed
        // again.
        let restarted = runner(&app.core, discord_poster(&fake), "second life");
        app.clock.set(at("2026-03-02T09:01:00Z"));
        assert_eq!(posts(restarted.tick().await.unwrap()), quiet());
        assert_eq!(fake.requests_to("POST", MESSAGES).len(), 1);

        // Past the claim timeout (2 minutes): taken over, posted again with the same nonce,
        // which Discord answers with the message already there.
        app.clock.set(at("2026-03-02T09:03:00Z"));
        let report = restarted.tick().await.unwrap();
        assert_eq!((report.recovered, report.posted), (1, 1), "{report:?}");
        assert_eq!(message_ids(&fake, CHANNELS[0]), posted, "still one message");
        let nonces: Vec<_> = fake
            .requests_to("POST", MESSAGES)
            .iter()
            .map(|r| r.json.as_ref().unwrap()["nonce"].clone())
            .collect();
        assert_eq!(nonces, [nonce(s.id, due), nonce(s.id, due)]);
        assert_posted_once(app.store(), &fake, &s, &[due]).await;
        let run = &ledger(app.store(), &s).await[0];
        assert_eq!(run.claimed_by, "second life");
        assert_eq!(run.nonce, nonce(s.id, due));

        app.clock.set(at("2026-03-02T12:00:00Z"));
        assert_eq!(posts(restarted.tick().await.unwrap()), quiet());
        fake.assert_clean();
    }
);

crate::both_backends!(
    a_claim_with_no_post_is_posted_once_by_one_of_two_runners,
    |app: TestApp| async move {
        let s = daily(&app).await;
        let fake = FakeDiscord::start().await;
        let due = at("2026-03-02T09:00:00Z");
        claim_as_dead(&app, &s, due, due).await;

        let b = Arc::new(runner(&app.core, discord_poster(&fake), "b"));
        let c = Arc::new(runner(&app.core, discord_poster(&fake), "c"));
        app.clock.set(at("2026-03-02T09:01:59Z"));
        assert_eq!(posts(b.tick().await.unwrap()), quiet(), "not stale yet");
        app.clock.set(at("2026-03-02T09:05:00Z"));
        let (rb, rc) = {
            let (b, c) = (b.clone(), c.clone());
            tokio::join!(
                tokio::spawn(async move { b.tick().await }),
                tokio::spawn(async move { c.tick().await })
            )
        };
        let mut both = rb.unwrap().unwrap();
        both += rc.unwrap().unwrap();
        assert_eq!((both.recovered, both.posted), (1, 1), "{both:?}");
        assert_posted_once(app.store(), &fake, &s, &[due]).await;
        fake.assert_clean();
    }
);

crate::both_backends!(
    a_left_behind_claim_superseded_by_a_later_run_is_abandoned,
    |app: TestApp| async move {
        app.clock.set(at("2026-03-02T05:00:00Z"));
        let kind = ScheduleKind::ForecastMissing;
        let s = add(&app, kind, "0 */6 * * *", chrono_tz::UTC, CHANNELS[0]).await;
        let fake = FakeDiscord::start().await;
        let six = at("2026-03-02T06:00:00Z");
        claim_as_dead(&app, &s, six, six).await;
        // Back at 13:00: the 06:00 run is not posted late, the 12:00 run is posted.
        app.clock.set(at("2026-03-02T13:00:00Z"));
        let runner = runner(&app.core, discord_poster(&fake), "back");
        let report = runner.tick().await.unwrap();
        assert_eq!((report.abandoned, report.posted), (1, 1), "{report:?}");
        let runs = ledger(app.store(), &s).await;
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].status, RunStatus::Failed);
        let error = runs[0].error.as_deref().unwrap();
        assert!(
            error.contains("abandoned") && error.contains("later run"),
            "{error}"
        );
        let noon = at("2026-03-02T12:00:00Z");
        assert_eq!((runs[1].due_at, runs[1].status), (noon, RunStatus::Posted));
        assert_eq!(message_ids(&fake, CHANNELS[0]).len(), 1);

        // A claim left for more than the catch-up window is abandoned as too old.
        claim_as_dead(
            &app,
            &s,
            at("2026-03-02T18:00:00Z"),
            at("2026-03-02T18:00:00Z"),
        )
        .await;
        app.clock.set(at("2026-03-03T18:30:00Z"));
        let report = runner.tick().await.unwrap();
        assert_eq!(report.abandoned, 1, "{report:?}");
        let error = ledger(app.store(), &s).await[2].error.clone().unwrap();
        assert!(error.contains("older than the catch-up window"), "{error}");
        fake.assert_clean();
    }
);

/// A claim as a runner that died right after claiming leaves it.
async fn claim_as_dead(app: &TestApp, s: &Schedule, due: DateTime<Utc>, at: DateTime<Utc>) {
    let mut conn = app.store().pool().acquire().await.unwrap();
    let nonce = nonce(s.id, due);
    let claim = claim_of(s, due, "dead", &nonce);
    let claimed = job_run::claim(&mut conn, &claim, at).await.unwrap();
    assert!(claimed.is_some());
}
