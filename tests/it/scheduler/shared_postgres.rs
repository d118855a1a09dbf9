//! Three runners (three processes, each with its own pool and Discord client) on one
//! PostgreSQL, ticking at the same moments every 10 simulated minutes through March 2026 (both
//! daylight-saving changes) with schedules in four timezones: every due instant, as
//! `Recurrence::occurrences` lists it, is posted exactly once in the fake Discord, and the
//! ledger has exactly one row per due instant. PostgreSQL only (several processes share
//! PostgreSQL, not SQLite); skipped loudly without `PARTNERBOT_TEST_POSTGRES_URL`.

use super::{assert_posted_once, at, discord_poster, fast, insert, CHANNELS};
use super::{BERLIN, NY};
use crate::support::fake_discord::FakeDiscord;
use crate::support::{Backend, TestDb};
use chrono::TimeDelta;
use partnerbot::core::clock::FixedClock;
use partnerbot::core::Core;
use partnerbot::domain::schedule::due::Recurrence;
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::scheduler::runner::{Runner, TickReport};
use partnerbot::store::Store;
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_runners_on_one_postgres_post_every_run_of_a_month_once() {
    let Some(db) = TestDb::create(Backend::Postgres).await else {
        return;
    };
    let (start, end) = (at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"));
    let clock = Arc::new(FixedClock::new(start));
    let fake = FakeDiscord::start().await;
    let mut runners = Vec::new();
    for name in ["alpha", "bravo", "charlie"] {
        let store = Store::open(&db.url, 3).await.expect("open store");
        let core = Core::new(store, clock.clone());
        let runner = Runner::new(core, discord_poster(&fake), name, fast());
        runners.push(Arc::new(runner));
    }
    let store = Store::open(&db.url, 2).await.expect("open store");
    let kolkata = chrono_tz::Asia::Kolkata;
    let los_angeles = chrono_tz::America::Los_Angeles;
    let mut schedules = Vec::new();
    for spec in [
        (ScheduleKind::ForecastMissing, "30 2 * * *", NY, CHANNELS[0]),
        (ScheduleKind::KpiDigest, "0 9 * * MON", BERLIN, CHANNELS[1]),
        (
            ScheduleKind::ForecastMissing,
            "0 */6 * * *",
            kolkata,
            CHANNELS[2],
        ),
        (
            ScheduleKind::ForecastMissing,
            "45 8 * * 1-5",
            los_angeles,
            CHANNELS[3],
        ),
    ] {
        schedules.push(insert(&store, start, spec).await);
    }

    let mut per_runner = vec![TickReport::default(); runners.len()];
    let mut now = start;
    while now <= end {
        clock.set(now);
        let ticks: Vec<_> = runners
            .iter()
            .map(|r| {
                let r = r.clone();
                tokio::spawn(async move { r.tick().await })
            })
            .collect();
        for (i, tick) in ticks.into_iter().enumerate() {
            per_runner[i] += tick.await.expect("tick task").expect("tick");
        }
        now += TimeDelta::minutes(10);
    }

    let mut due_total = 0;
    for schedule in &schedules {
        let rec = Recurrence::new(schedule.cron.parse().unwrap(), schedule.timezone);
        let due = rec.occurrences(start, end);
        due_total += due.len();
        assert_posted_once(&store, &fake, schedule, &due).await;
    }
    let mut all = TickReport::default();
    for report in &per_runner {
        all += *report;
    }
    eprintln!("three runners, {due_total} due runs: {per_runner:?}");
    assert_eq!(all.posted, due_total, "{per_runner:?}");
    assert_eq!((all.failed, all.skipped, all.missed), (0, 0, 0), "{all:?}");
    fake.assert_clean();
}
