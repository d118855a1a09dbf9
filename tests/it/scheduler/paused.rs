//! Pausing means not posting: a run that falls due while a schedule is paused is recorded as
//! skipped when it is resumed, not caught up; the next run posts as usual.

use super::{add, at, discord_poster, ledger, message_ids, runner, tick_through, CHANNELS};
use crate::support::fake_discord::FakeDiscord;
use crate::support::TestApp;
use chrono::TimeDelta;
use partnerbot::domain::ids::MessageId;
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::store::job_run::RunStatus;

crate::both_backends!(
    a_run_due_while_paused_is_skipped_on_resume,
    |app: TestApp| async move {
        app.clock.set(at("2026-11-29T12:00:00Z"));
        let kind = ScheduleKind::KpiDigest;
        let digest = add(&app, kind, "0 9 * * MON", chrono_tz::UTC, CHANNELS[0]).await;
        let id = digest.id;
        let fake = FakeDiscord::start().await;
        let bot = runner(&app.core, discord_poster(&fake), "paused");

        // Paused and resumed before anything fell due: nothing to skip, nothing said.
        app.ok(&format!("/schedule pause id:{id}")).await;
        let text = app.ok(&format!("/schedule resume id:{id}")).await;
        assert!(!text.contains("fell while"), "{text}");

        // Paused over Monday 09:00.
        app.ok(&format!("/schedule pause id:{id}")).await;
        let quarter = TimeDelta::minutes(15);
        let paused = tick_through(
            &app,
            &bot,
            at("2026-11-29T12:15:00Z"),
            at("2026-11-30T10:00:00Z"),
            quarter,
        )
        .await;
        assert_eq!(paused.posted, 0, "{paused:?}");
        let text = app.ok(&format!("/schedule resume id:{id}")).await;
        assert!(
            text.contains(
                "The run due Mon 30 Nov 2026 09:00 fell while it was paused and is not posted; \
                 the next one is."
            ),
            "{text}"
        );

        let resumed = tick_through(
            &app,
            &bot,
            at("2026-11-30T10:00:00Z"),
            at("2026-12-07T09:15:00Z"),
            quarter,
        )
        .await;
        assert_eq!(resumed.posted, 1, "only the next Monday: {resumed:?}");
        let runs = ledger(app.store(), &digest).await;
        let got: Vec<_> = runs.iter().map(|r| (r.due_at, r.status)).collect();
        assert_eq!(
            got,
            [
                (at("2026-11-30T09:00:00Z"), RunStatus::Skipped),
                (at("2026-12-07T09:00:00Z"), RunStatus::Posted),
            ]
        );
        let reason = runs[0].error.as_deref().unwrap_or_default();
        assert!(reason.starts_with("paused"), "{reason}");
        let ids: Vec<MessageId> = runs.iter().filter_map(|r| r.message_id).collect();
        assert_eq!(message_ids(&fake, CHANNELS[0]), ids);
        assert_eq!(ids.len(), 1);
        fake.assert_clean();
    }
);
