//! The weekly digest posted by a schedule on a generated reference dataset (the small scale:
//! five fiscal years of deals, registrations and touches): one message in the digest channel
//! with the embed and the PNG chart, within Discord's limits, and the run posted in the ledger.

use super::{add, at, discord_poster, ledger, runner, CHANNELS};
use crate::discord::assert_within_limits;
use crate::support::fake_discord::FakeDiscord;
use crate::support::{TestApp, WS};
use partnerbot::dataset::reference::{generate, Scale};
use partnerbot::scheduler::kind::ScheduleKind;
use partnerbot::store::job_run::RunStatus;

crate::both_backends!(
    a_scheduled_digest_on_a_generated_dataset_posts_embed_and_chart,
    |app: TestApp| async move {
        let now = at("2026-11-30T08:00:00Z");
        app.clock.set(now);
        let counts = generate(app.store(), WS, &Scale::SMALL, now).await.unwrap();
        assert!(counts.deals >= 2_000, "{counts:?}");
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
);
