//! The schedule runner end to end: real runners (`partnerbot::scheduler::runner::Runner`) on a
//! real database, posting through the real Discord poster into the fake Discord, with the
//! clock a `FixedClock` the tests move (ticks are called, not waited for).
//!
//! - `ledger`: the `job_runs` store: one claim per run, a guarded takeover.
//! - `poster`: the Discord poster against the fake: nonces deduped, failures sorted.
//! - `dst`: weekly and daily schedules across the US and EU daylight-saving changes.
//! - `catch_up`: a bot down for days posts once; past the window it posts nothing.
//! - `recovery`: a runner dying between claim and ledger; the next one posts exactly once.
//! - `paused`: a run due while paused is skipped on resume, not caught up.
//! - `retries`: 429 and 5xx retried with backoff, `after` honoured, fatal errors recorded.
//! - `shared_postgres`: three runners on one PostgreSQL for a simulated month.
//! - `wiring`: `partnerbot run` runs the schedules beside the gateway.

mod catch_up;
mod digest_post;
mod dst;
mod ledger;
mod paused;
mod poster;
mod recovery;
mod retries;
mod shared_postgres;
mod wiring;

use crate::support::discord_app::settings;
use crate::support::fake_discord::FakeDiscord;
use crate::support::{TestApp, WS};
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use partnerbot::core::clock::Clock;
use partnerbot::core::Core;
use partnerbot::discord::scheduled::DiscordPoster;
use partnerbot::domain::ids::{ChannelId, MessageId, UserId};
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::scheduler::runner::{Poster, Runner, RunnerSettings, TickReport};
use partnerbot::store::job_run::{self, JobRun, RunStatus};
use partnerbot::store::schedule::{self, NewSchedule, Schedule};
use partnerbot::store::{workspace, Store};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// Channels the tests' schedules post in, one per schedule.
pub const CHANNELS: [u64; 4] = [
    1_500_000_000_000_000_001,
    1_500_000_000_000_000_002,
    1_500_000_000_000_000_003,
    1_500_000_000_000_000_004,
];

pub const NY: Tz = chrono_tz::America::New_York;
pub const BERLIN: Tz = chrono_tz::Europe::Berlin;

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap_or_else(|e| panic!("{rfc3339}: {e}"))
        .with_timezone(&Utc)
}

/// Test settings: production's catch-up and claim timeout, retries a few milliseconds apart.
pub fn fast() -> RunnerSettings {
    RunnerSettings {
        backoff: Duration::from_millis(5),
        retries: 3,
        tick_interval: Duration::from_millis(20),
        ..RunnerSettings::default()
    }
}

/// The real Discord poster, pointed at the fake the way `partnerbot run` is.
pub fn discord_poster(fake: &FakeDiscord) -> Arc<dyn Poster> {
    let http = partnerbot::discord::http(&settings(fake));
    Arc::new(DiscordPoster::new(Arc::new(http)))
}

pub fn runner(core: &Core, poster: Arc<dyn Poster>, instance: &str) -> Runner {
    Runner::new(core.clone(), poster, instance, fast())
}

/// Creates workspace 1 (the runner posts nothing for a workspace that is gone).
pub async fn workspace(store: &Store, now: DateTime<Utc>) {
    let mut conn = store.pool().acquire().await.unwrap();
    workspace::ensure(&mut conn, WS, "Scheduler test", now)
        .await
        .unwrap();
}

/// Creates a schedule in workspace 1 at the clock's time, as `/schedule add` would.
pub async fn add(app: &TestApp, kind: ScheduleKind, cron: &str, tz: Tz, channel: u64) -> Schedule {
    insert(app.store(), app.clock.now(), (kind, cron, tz, channel)).await
}

/// A schedule (kind, cron, timezone, channel) created in workspace 1 at `now`.
pub async fn insert(
    store: &Store,
    now: DateTime<Utc>,
    (kind, cron, tz, channel): (ScheduleKind, &str, Tz, u64),
) -> Schedule {
    workspace(store, now).await;
    let new = NewSchedule {
        workspace_id: WS,
        kind,
        cron,
        timezone: tz,
        channel_id: ChannelId::new(channel as i64),
        created_by: UserId::new(1),
    };
    let mut conn = store.pool().acquire().await.unwrap();
    let id = schedule::insert(&mut conn, &new, now).await.unwrap();
    schedule::get(&mut conn, WS, id).await.unwrap().unwrap()
}

/// The store's own claim of a run, as the runner makes it.
pub use partnerbot::store::ledger::claim_of;

/// The schedule's ledger, oldest due first.
pub async fn ledger(store: &Store, schedule: &Schedule) -> Vec<JobRun> {
    let mut conn = store.pool().acquire().await.unwrap();
    job_run::of_schedule(&mut conn, WS, schedule.id)
        .await
        .unwrap()
}

/// Ticks `runner` at every `step` from `from` through `to`, moving the clock; the reports
/// summed.
pub async fn tick_through(
    app: &TestApp,
    runner: &Runner,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    step: TimeDelta,
) -> TickReport {
    let mut total = TickReport::default();
    let mut now = from;
    while now <= to {
        app.clock.set(now);
        total += runner.tick().await.expect("tick");
        now += step;
    }
    total
}

/// The ids of the messages in a channel of the fake, oldest first.
pub fn message_ids(fake: &FakeDiscord, channel: u64) -> Vec<MessageId> {
    fake.channel_messages(channel).iter().map(id_of).collect()
}

pub fn id_of(message: &Value) -> MessageId {
    message["id"].as_str().unwrap().parse().unwrap()
}

/// The schedule's ledger holds exactly `expected` due instants, each posted within a tick
/// (15 minutes) of falling due, and its channel exactly their messages, in order.
pub async fn assert_posted_once(
    store: &Store,
    fake: &FakeDiscord,
    schedule: &Schedule,
    expected: &[DateTime<Utc>],
) {
    let what = format!("`{}` in {}", schedule.cron, schedule.timezone);
    let runs = ledger(store, schedule).await;
    let due: Vec<DateTime<Utc>> = runs.iter().map(|r| r.due_at).collect();
    assert_eq!(due, expected, "due instants of {what}");
    for run in &runs {
        assert_eq!(run.status, RunStatus::Posted, "{what}: {run:?}");
        let late = run.posted_at.expect("posted_at") - run.due_at;
        assert!(late < TimeDelta::minutes(15), "{what} posted late: {run:?}");
    }
    let ids: Vec<MessageId> = runs.iter().filter_map(|r| r.message_id).collect();
    let channel = u64::try_from(schedule.channel_id.get()).unwrap();
    assert_eq!(message_ids(fake, channel), ids, "messages of {what}");
}
