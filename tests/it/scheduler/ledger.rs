//! The run ledger (`store::job_run`) on both backends: a (schedule, due instant) is claimed
//! once; a stale claim is taken over by one runner only; outcomes are recorded.

use super::{add, at, claim_of, CHANNELS, NY};
use crate::support::{TestApp, WS};
use partnerbot::domain::ids::{MessageId, WorkspaceId};
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::store::job_run::{self, Claim, RunStatus};
use partnerbot::store::schedule;

crate::both_backends!(a_due_instant_is_claimed_once, |app: TestApp| async move {
    let s = add(
        &app,
        ScheduleKind::KpiDigest,
        "0 9 * * MON",
        NY,
        CHANNELS[0],
    )
    .await;
    let mut conn = app.store().pool().acquire().await.unwrap();
    let due = at("2026-11-30T14:00:00Z");
    let claim = claim_of(&s, due, "a", "n1");
    let now = at("2026-11-30T14:00:05Z");
    let first = job_run::claim(&mut conn, &claim, now).await.unwrap();
    assert!(first.is_some());
    let again = Claim {
        instance: "b",
        ..claim
    };
    assert_eq!(job_run::claim(&mut conn, &again, now).await.unwrap(), None);
    assert_eq!(
        job_run::skip(&mut conn, &again, "missed", now)
            .await
            .unwrap(),
        None,
        "a skip cannot replace a claim either"
    );
    let next_week = Claim {
        due_at: at("2026-12-07T14:00:00Z"),
        ..claim
    };
    assert!(job_run::claim(&mut conn, &next_week, now)
        .await
        .unwrap()
        .is_some());

    let runs = job_run::of_schedule(&mut conn, WS, s.id).await.unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(
        (runs[0].status, runs[0].claimed_by.as_str(), runs[0].due_at),
        (RunStatus::Claimed, "a", due)
    );
    assert_eq!(
        schedule::last_due(&mut conn, s.id).await.unwrap(),
        Some(at("2026-12-07T14:00:00Z"))
    );
    assert_eq!(
        job_run::previous_due(&mut conn, WS, s.id, at("2026-12-07T14:00:00Z"))
            .await
            .unwrap(),
        Some(due)
    );
    // Another workspace sees none of it.
    assert!(
        job_run::of_schedule(&mut conn, WorkspaceId::new(WS.get() + 1), s.id)
            .await
            .unwrap()
            .is_empty()
    );
});

crate::both_backends!(
    a_stale_claim_is_taken_over_by_one_runner_only,
    |app: TestApp| async move {
        let s = add(
            &app,
            ScheduleKind::KpiDigest,
            "0 9 * * MON",
            NY,
            CHANNELS[0],
        )
        .await;
        let mut conn = app.store().pool().acquire().await.unwrap();
        let claimed_at = at("2026-11-30T14:00:01Z");
        let claim = claim_of(&s, at("2026-11-30T14:00:00Z"), "dead", "n1");
        let id = job_run::claim(&mut conn, &claim, claimed_at)
            .await
            .unwrap()
            .unwrap();
        // Not stale yet at the claim's own instant; stale once older.
        assert!(job_run::stale_claims(&mut conn, claimed_at)
            .await
            .unwrap()
            .is_empty());
        let later = at("2026-11-30T14:05:00Z");
        let stale = job_run::stale_claims(&mut conn, later).await.unwrap();
        assert_eq!(stale.len(), 1);
        assert_eq!((stale[0].id, stale[0].claimed_at), (id, claimed_at));

        // Two runners read the same stale row; only the first update wins.
        let b = job_run::reclaim(&mut conn, WS, id, claimed_at, "b", later).await;
        let c = job_run::reclaim(&mut conn, WS, id, claimed_at, "c", later).await;
        assert_eq!((b.unwrap(), c.unwrap()), (true, false));
        // Another workspace cannot take it either.
        let now = at("2026-11-30T14:10:00Z");
        assert!(!job_run::reclaim(
            &mut conn,
            WorkspaceId::new(WS.get() + 1),
            id,
            later,
            "d",
            now
        )
        .await
        .unwrap());

        job_run::mark_posted(&mut conn, WS, id, MessageId::new(42), now)
            .await
            .unwrap();
        let run = &job_run::of_schedule(&mut conn, WS, s.id).await.unwrap()[0];
        assert_eq!(run.status, RunStatus::Posted);
        assert_eq!(run.claimed_by, "b");
        assert_eq!(
            (run.message_id, run.posted_at),
            (Some(MessageId::new(42)), Some(now))
        );
        assert_eq!(run.nonce, "n1");
        // A posted run is never stale.
        let much_later = at("2026-12-30T00:00:00Z");
        assert!(job_run::stale_claims(&mut conn, much_later)
            .await
            .unwrap()
            .is_empty());
        assert!(!job_run::reclaim(&mut conn, WS, id, later, "e", much_later)
            .await
            .unwrap());
    }
);

crate::both_backends!(
    failures_and_skips_keep_their_reason,
    |app: TestApp| async move {
        let s = add(
            &app,
            ScheduleKind::ForecastReminder,
            "0 15 * * FRI",
            NY,
            CHANNELS[0],
        )
        .await;
        let mut conn = app.store().pool().acquire().await.unwrap();
        let mut ids = Vec::new();
        for (day, nonce) in [("2026-11-27T20:00:00Z", "a"), ("2026-12-04T20:00:00Z", "b")] {
            let claim = claim_of(&s, at(day), "a", nonce);
            ids.push(
                job_run::claim(&mut conn, &claim, at(day))
                    .await
                    .unwrap()
                    .unwrap(),
            );
        }
        job_run::mark_failed(&mut conn, WS, ids[0], "403 Missing Access")
            .await
            .unwrap();
        job_run::mark_skipped(&mut conn, WS, ids[1], "nothing to post")
            .await
            .unwrap();
        let runs = job_run::of_schedule(&mut conn, WS, s.id).await.unwrap();
        let got: Vec<_> = runs
            .iter()
            .map(|r| (r.status, r.error.as_deref(), r.message_id))
            .collect();
        assert_eq!(
            got,
            [
                (RunStatus::Failed, Some("403 Missing Access"), None),
                (RunStatus::Skipped, Some("nothing to post"), None),
            ]
        );
        // Removing the schedule removes its ledger.
        assert!(schedule::remove(&mut conn, WS, s.id).await.unwrap());
        assert!(job_run::of_schedule(&mut conn, WS, s.id)
            .await
            .unwrap()
            .is_empty());
    }
);
