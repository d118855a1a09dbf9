//! Deployment: sharding settings decide which shards this process identifies as, and
//! `register-commands` overwrites the commands and reports what changed.

use super::*;
use crate::support::discord_app::{settings, TOKEN};
use crate::support::fake_discord::{FakeConfig, FakeDiscord};
use partnerbot::discord::register::{register, ChangeKind};
use partnerbot::discord::{DiscordSettings, TokenRejected};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_runs_only_the_shards_of_its_range() {
    let second_of_two = |s: &mut DiscordSettings| {
        s.shard_count = 2;
        s.shard_range = Some((1, 1));
    };
    let app = DiscordApp::launch(Backend::Sqlite, FakeConfig::default(), second_of_two)
        .await
        .expect("sqlite");
    app.wait_ready().await;
    let shards: Vec<_> = app.fake.identifies().iter().map(|i| i.shard).collect();
    assert_eq!(shards, vec![Some((1, 2))]);
    app.stop().await;
}

#[tokio::test]
async fn registering_commands_overwrites_them_and_reports_what_changed() {
    let fake = FakeDiscord::start_with(FakeConfig {
        expected_token: Some(TOKEN.to_string()),
        ..FakeConfig::default()
    })
    .await
    .unwrap();
    let settings = settings(&fake);
    let manifests = partnerbot::core::manifest::manifests();

    let first = register(&settings, None).await.unwrap();
    assert_eq!(first.len(), manifests.len());
    assert!(
        first.iter().all(|c| c.kind == ChangeKind::Added),
        "{first:?}"
    );
    let registered: Vec<Value> = fake.commands(None);
    let names: Vec<&str> = registered
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let wanted: Vec<&str> = manifests.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, wanted);

    let again = register(&settings, None).await.unwrap();
    assert!(
        again.iter().all(|c| c.kind == ChangeKind::Unchanged),
        "{again:?}"
    );

    let in_guild = register(&settings, Some(GUILD_ID)).await.unwrap();
    assert!(in_guild.iter().all(|c| c.kind == ChangeKind::Added));
    assert_eq!(fake.commands(Some(GUILD_ID)).len(), manifests.len());
    assert_eq!(again.len(), manifests.len());
    let puts = fake.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts, 3, "one bulk overwrite per run");
    fake.assert_clean();
}

#[tokio::test]
async fn registering_with_a_rejected_token_is_a_token_error() {
    let fake = FakeDiscord::start_with(FakeConfig {
        expected_token: Some(TOKEN.to_string()),
        ..FakeConfig::default()
    })
    .await
    .unwrap();
    let settings = DiscordSettings {
        token: "not-the-token".to_string(),
        ..settings(&fake)
    };
    let err = register(&settings, None).await.unwrap_err();
    assert!(err.downcast_ref::<TokenRejected>().is_some(), "{err:#}");
    assert!(fake.commands(None).is_empty());
}
