//! A bot that was down: a daily digest missed for three days is posted once on restart (the
//! latest run, within the 24 h catch-up window), never once per missed day; a run missed by
//! more than the window is recorded as skipped and nothing is posted until the next one.

use super::{add, at, discord_poster, fast, ledger, message_ids, runner, tick_through, CHANNELS};
use crate::support::fake_discord::FakeDiscord;
use crate::support::TestApp;
use chrono::TimeDelta;
use partnerbot::domain::ids::MessageId;
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::scheduler::runner::{Runner, RunnerSettings};
use partnerbot::store::job_run::RunStatus;
use partnerbot::store::schedule::Schedule;

/// A daily 09:00 UTC digest created Monday 2026-03-02 08:00, and the fake it posts to.
async fn daily_digest(app: &TestApp) -> (Schedule, FakeDiscord) {
    app.clock.set(at("2026-03-02T08:00:00Z"));
    let kind = ScheduleKind::KpiDigest;
    let digest = add(app, kind, "0 9 * * *", chrono_tz::UTC, CHANNELS[0]).await;
    (digest, FakeDiscord::start().await)
}

crate::both_backends!(
    three_days_down_posts_one_digest,
    |app: TestApp| async move {
        let (digest, fake) = daily_digest(&app).await;
        let first = runner(&app.core, discord_poster(&fake), "first life");
        let quarter = TimeDelta::minutes(15);
        // Monday: up all day, the 09:00 digest goes out.
        let monday = tick_through(
            &app,
            &first,
            at("2026-03-02T08:00:00Z"),
            at("2026-03-02T12:00:00Z"),
            quarter,
        )
        .await;
        assert_eq!(monday.posted, 1, "{monday:?}");
        assert_eq!(monday.snapshots, 1, "Monday's KPI snapshot: {monday:?}");
        drop(first);

        // Down from Monday noon until Thursday 10:00: Tuesday, Wednesday and Thursday 09:00
        // fell due meanwhile.
        let second = runner(&app.core, discord_poster(&fake), "second life");
        let thursday = tick_through(
            &app,
            &second,
            at("2026-03-05T10:00:00Z"),
            at("2026-03-05T23:45:00Z"),
            quarter,
        )
        .await;
        assert_eq!(thursday.posted, 1, "one post on restart: {thursday:?}");
        assert_eq!(thursday.missed, 2, "Tuesday and Wednesday: {thursday:?}");
        assert_eq!(
            thursday.snapshots, 1,
            "Thursday's KPI snapshot, none made up for the days down: {thursday:?}"
        );

        let runs = ledger(app.store(), &digest).await;
        let got: Vec<_> = runs.iter().map(|r| (r.due_at, r.status)).collect();
        assert_eq!(
            got,
            [
                (at("2026-03-02T09:00:00Z"), RunStatus::Posted),
                (at("2026-03-05T09:00:00Z"), RunStatus::Posted),
            ]
        );
        assert_eq!(runs[1].claimed_by, "second life");
        assert_eq!(runs[1].posted_at, Some(at("2026-03-05T10:00:00Z")));
        let ids: Vec<MessageId> = runs.iter().filter_map(|r| r.message_id).collect();
        assert_eq!(message_ids(&fake, CHANNELS[0]), ids);
        // The digest with its chart went out each time.
        assert!(fake
            .requests_to("POST", "/channels/{channel_id}/messages")
            .iter()
            .all(|r| r.files.iter().any(|(name, _)| name.ends_with(".png"))));
        fake.assert_clean();
    }
);

crate::both_backends!(
    a_run_missed_by_more_than_the_window_is_skipped_not_posted,
    |app: TestApp| async move {
        let (digest, fake) = daily_digest(&app).await;
        let settings = RunnerSettings {
            catch_up: TimeDelta::hours(6),
            ..fast()
        };
        let runner = Runner::new(
            app.core.clone(),
            discord_poster(&fake),
            "six hours",
            settings,
        );
        // Up again at 20:00, eleven hours after the 09:00 run: too late for it.
        app.clock.set(at("2026-03-02T20:00:00Z"));
        let late = runner.tick().await.unwrap();
        assert_eq!((late.posted, late.missed), (0, 1), "{late:?}");
        assert!(fake.channel_messages(CHANNELS[0]).is_empty());
        let runs = ledger(app.store(), &digest).await;
        assert_eq!(runs.len(), 1);
        assert_eq!(
            (runs[0].due_at, runs[0].status),
            (at("2026-03-02T09:00:00Z"), RunStatus::Skipped)
        );
        let reason = runs[0].error.as_deref().unwrap_or("");
        assert!(
            reason.contains("missed") && reason.contains("6 h"),
            "{reason}"
        );

        // Further ticks count from the skipped run: nothing more until Tuesday 09:00.
        let rest = tick_through(
            &app,
            &runner,
            at("2026-03-02T20:15:00Z"),
            at("2026-03-03T09:00:00Z"),
            TimeDelta::minutes(15),
        )
        .await;
        assert_eq!((rest.posted, rest.missed), (1, 0), "{rest:?}");
        let runs = ledger(app.store(), &digest).await;
        assert_eq!(runs.len(), 2);
        assert_eq!(
            (runs[1].due_at, runs[1].status),
            (at("2026-03-03T09:00:00Z"), RunStatus::Posted)
        );
        assert_eq!(fake.channel_messages(CHANNELS[0]).len(), 1);
        fake.assert_clean();
    }
);
