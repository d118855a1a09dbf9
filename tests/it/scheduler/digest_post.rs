//! The weekly digest posted by a schedule on the generated reference dataset: one message in the
//! digest channel with the embed and the PNG chart, within Discord's limits, and the run posted
//! in the ledger. The full reference dataset (50 territories, 2,000 partners, 200,000 deals,
//! 2,000,000 touches) on SQLite; its hundredth on both backends. Built only with the
//! `dev-tools` feature, which the reference generator needs.

#![cfg(feature = "dev-tools")]

use super::{add, at, discord_poster, ledger, runner, CHANNELS};
use crate::discord::assert_within_limits;
use crate::support::fake_discord::FakeDiscord;
use crate::support::Backend;
use crate::support::{TestApp, WS};
use partnerbot::dataset::reference::{generate, Scale};
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::store::job_run::RunStatus;

crate::both_backends!(
    a_scheduled_digest_on_a_generated_dataset_posts_embed_and_chart,
    |app: TestApp| async move { post_digest(app, &Scale::SMALL).await }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_digest_on_the_full_reference_dataset_fits_discord() {
    let app = TestApp::start(Backend::Sqlite)
        .await
        .expect("sqlite is always available");
    post_digest(app, &Scale::FULL).await;
}

/// Generates the dataset at `scale`, lets a weekly digest schedule fall due, and checks the one
/// message it posts.
async fn post_digest(app: TestApp, scale: &Scale) {
    let now = at("2026-11-30T08:00:00Z");
    app.clock.set(now);
    let counts = generate(app.store(), WS, scale, now).await.unwrap();
    assert_eq!(counts.deals, scale.deals as u64, "{counts:?}");
    assert_eq!(counts.partners, scale.partners as u64, "{counts:?}");
    assert_eq!(counts.touches, scale.touches as u64, "{counts:?}");
    let digest = add(
        &app,
        ScheduleKind::KpiDigest,
        "0 9 * * MON",
        chrono_tz::UTC,
        CHANNELS[0],
    )
    .await;
    let fake = FakeDiscord::start().await;
    let bot = runner(&app.core, discord_poster(&fake), "digest");
    app.clock.set(at("2026-11-30T09:00:30Z"));
    let report = bot.tick().await.unwrap();
    assert_eq!(report.posted, 1, "{report:?}");

    let posts: Vec<_> = fake
        .requests_to("POST", "/channels/{channel_id}/messages")
        .into_iter()
        .filter(|r| r.path.contains(&CHANNELS[0].to_string()))
        .collect();
    assert_eq!(posts.len(), 1, "one message");
    let body = posts[0].json.clone().expect("a JSON payload");
    assert_within_limits(&body);
    let embed = &body["embeds"][0];
    let title = embed["title"].as_str().unwrap_or_default();
    assert!(title.starts_with("Partner digest"), "{body}");
    let names: Vec<&str> = embed["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    for wanted in [
        "Partner sourced",
        "Top partners, sourced",
        "Territories by closed won",
        "Registrations needing action",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(wanted)),
            "{wanted} in {names:?}"
        );
    }
    let files = &posts[0].files;
    assert_eq!(files.len(), 1, "the chart");
    assert!(files[0].0.ends_with(".png"), "{}", files[0].0);
    assert_eq!(&files[0].1[..8], b"\x89PNG\r\n\x1a\n");
    let runs = ledger(app.store(), &digest).await;
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].status, RunStatus::Posted);
    assert!(runs[0].message_id.is_some());
    fake.assert_clean();
}
