//! `partnerbot run` (`discord::run`) runs the schedules beside the gateway: a due run is posted
//! through the bot's own REST client, with a nonce Discord enforces, and the bot still shuts
//! down cleanly (the fake's API checks, OpenAPI included, pass).

use super::{add, at, fast, ledger, CHANNELS};
use crate::support::discord_app::DiscordApp;
use crate::support::fake_discord::WAIT;
use crate::support::Backend;
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::store::job_run::RunStatus;
use partnerbot::store::ledger::nonce;

async fn a_due_run_is_posted_by_the_running_bot(backend: Backend) {
    let Some(app) = DiscordApp::start_scheduling(backend, fast()).await else {
        return;
    };
    // The runner ticks from the start: the clock only moves forward from the app's
    // 2026-11-27 10:00, to Monday 2026-11-30.
    app.clock.set(at("2026-11-30T08:00:00Z"));
    let s = add(
        &app,
        ScheduleKind::KpiDigest,
        "0 9 * * MON",
        chrono_tz::UTC,
        CHANNELS[0],
    )
    .await;
    app.clock.set(at("2026-11-30T09:00:30Z"));
    let channel = CHANNELS[0].to_string();
    let sent = app
        .fake
        .wait_for(
            |r| r.is("POST", "/channels/{channel_id}/messages") && r.segments()[1] == channel,
            WAIT,
        )
        .await;
    let body = sent.json.as_ref().unwrap();
    assert_eq!(body["nonce"], nonce(s.id, at("2026-11-30T09:00:00Z")));
    assert_eq!(body["enforce_nonce"], true);
    // The ledger is written right after the post; give the runner a moment.
    let mut runs = ledger(app.store(), &s).await;
    for _ in 0..100 {
        if runs.first().is_some_and(|r| r.status == RunStatus::Posted) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        runs = ledger(app.store(), &s).await;
    }
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].status, RunStatus::Posted, "{runs:?}");
    assert_eq!(app.fake.channel_messages(CHANNELS[0]).len(), 1);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_run_is_posted_by_the_running_bot_sqlite() {
    a_due_run_is_posted_by_the_running_bot(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_run_is_posted_by_the_running_bot_postgres() {
    a_due_run_is_posted_by_the_running_bot(Backend::Postgres).await;
}
