//! Self-tests of the fake Discord, driven by a bare serenity client (no partnerbot code): the
//! handshake, recording, OpenAPI checks, Discord's interaction rules and the failure knobs.

use crate::support::fake_discord::{
    shard_for, Failure, FakeConfig, FakeDiscord, Interaction, APP_ID, BOT_ID, CHANNEL_ID, WAIT,
};
use serde_json::json;
use serenity::all::{
    ApplicationId, ChannelId, Context, CreateAttachment, CreateCommand, CreateInteractionResponse,
    CreateInteractionResponseMessage, EditInteractionResponse, EventHandler, GatewayIntents, Http,
    HttpBuilder, Ready,
};
use std::sync::Arc;
use tokio::sync::mpsc;

const MESSAGES: &str = "/channels/{channel_id}/messages";

fn http(fake: &FakeDiscord, token: &str) -> Http {
    HttpBuilder::new(token)
        .proxy(fake.rest_url())
        .ratelimiter_disabled(true)
        .application_id(ApplicationId::new(APP_ID))
        .build()
}

/// Answers `/ping` with an ephemeral "pong" and `/slow` by deferring, then editing.
struct Pong {
    ready: mpsc::UnboundedSender<Ready>,
    /// Which client answered ("pong from B"), when several run.
    label: &'static str,
}

#[serenity::async_trait]
impl EventHandler for Pong {
    async fn ready(&self, _: Context, ready: Ready) {
        let _ = self.ready.send(ready);
    }

    async fn interaction_create(&self, ctx: Context, interaction: serenity::all::Interaction) {
        let serenity::all::Interaction::Command(command) = interaction else {
            return;
        };
        if command.data.name == "slow" {
            command.defer_ephemeral(&ctx.http).await.expect("defer");
            let edit = EditInteractionResponse::new().content("done, slowly");
            command.edit_response(&ctx.http, edit).await.expect("edit");
        } else {
            let content = if self.label.is_empty() {
                "pong".to_string()
            } else {
                format!("pong from {}", self.label)
            };
            let message = CreateInteractionResponseMessage::new()
                .content(content)
                .ephemeral(true);
            let response = CreateInteractionResponse::Message(message);
            command
                .create_response(&ctx.http, response)
                .await
                .expect("respond");
        }
    }
}

/// A bare serenity client connected to the fake; returns it running and its READY.
async fn connect(fake: &FakeDiscord) -> (Arc<serenity::gateway::ShardManager>, Ready) {
    connect_shard(fake, "", None).await
}

/// A client running one shard `(id, total)` (or every shard the fake recommends).
async fn connect_shard(
    fake: &FakeDiscord,
    label: &'static str,
    shard: Option<(u32, u32)>,
) -> (Arc<serenity::gateway::ShardManager>, Ready) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES;
    let mut client = serenity::all::ClientBuilder::new_with_http(http(fake, "fake-token"), intents)
        .event_handler(Pong { ready: tx, label })
        .await
        .expect("client");
    // The gateway URL override (GET /gateway already answers the same).
    *client.ws_url.lock().await = fake.gateway_url();
    let manager = client.shard_manager.clone();
    tokio::spawn(async move {
        match shard {
            Some((id, total)) => client.start_shard(id, total).await,
            None => client.start().await,
        }
    });
    let ready = tokio::time::timeout(WAIT, rx.recv())
        .await
        .expect("READY in time")
        .expect("ready");
    (manager, ready)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bare_serenity_client_connects_and_receives_ready() {
    let fake = FakeDiscord::start().await;
    let (manager, ready) = connect(&fake).await;
    assert_eq!(ready.user.id.get(), BOT_ID);
    assert_eq!(ready.application.id.get(), APP_ID);
    let identify = fake.wait_ready(WAIT).await;
    assert_eq!(identify.token, "Bot fake-token");
    assert_eq!(identify.shard, Some((0, 1)));
    let intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES;
    assert_eq!(identify.intents, intents.bits());
    assert!(fake.requests().iter().any(|r| r.is("GET", "/gateway")));
    manager.shutdown_all().await;
    fake.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_reaches_the_client_and_its_answer_is_recorded() {
    let fake = FakeDiscord::start().await;
    let (manager, _) = connect(&fake).await;
    let ping = Interaction::command("ping", &[]).build();
    fake.send_interaction(ping.clone()).await;
    let answer = fake.wait_answer(&ping, WAIT).await;
    assert_eq!(
        (answer.kind(), answer.text().as_str(), answer.ephemeral()),
        (4, "pong", true)
    );

    let slow = Interaction::command("slow", &[]).build();
    fake.send_interaction(slow.clone()).await;
    let answer = fake.wait_answer(&slow, WAIT).await;
    assert!(answer.deferred() && answer.ephemeral());
    assert_eq!(answer.text(), "done, slowly");
    let token = slow["token"].as_str().unwrap();
    assert_eq!(fake.original(token).unwrap()["content"], "done, slowly");
    manager.shutdown_all().await;
    fake.assert_clean();
}

#[tokio::test]
async fn a_channel_message_is_recorded_and_checked_against_the_spec() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, "fake-token");
    let body = json!({ "content": "Forecast due Friday", "embeds": [{ "title": "FY27-Q1" }] });
    let sent = http
        .send_message(ChannelId::new(CHANNEL_ID), vec![], &body)
        .await
        .unwrap();
    let recorded = fake.requests_to("POST", MESSAGES).remove(0);
    assert_eq!(recorded.json.as_ref(), Some(&body));
    assert_eq!(recorded.header("authorization"), Some("Bot fake-token"));
    assert_eq!(sent.embeds[0].title.as_deref(), Some("FY27-Q1"));
    assert_eq!(sent.author.id.get(), BOT_ID);

    let long = json!({ "embeds": [{ "title": "x".repeat(300) }] });
    http.send_message(ChannelId::new(CHANNEL_ID), vec![], &long)
        .await
        .unwrap();
    assert_eq!(
        fake.schema_errors(),
        vec!["POST /channels/{channel_id}/messages: embeds[0].title: longer than 256 (300 characters)"]
    );
}

#[tokio::test]
async fn uploaded_files_are_recorded_with_the_payload_json() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, "fake-token");
    let file = CreateAttachment::bytes(b"name,amount\nAcme,120000\n".to_vec(), "deals.csv");
    let body =
        json!({ "content": "Export", "attachments": [{ "id": 0, "filename": "deals.csv" }] });
    let sent = http
        .send_message(ChannelId::new(CHANNEL_ID), vec![file], &body)
        .await
        .unwrap();
    let recorded = fake.requests_to("POST", MESSAGES).remove(0);
    assert_eq!(
        recorded.files,
        vec![(
            "deals.csv".to_string(),
            b"name,amount\nAcme,120000\n".to_vec()
        )]
    );
    assert_eq!(recorded.json.as_ref().unwrap()["content"], "Export");
    assert_eq!(sent.attachments[0].filename, "deals.csv");
    fake.assert_clean();
}

#[tokio::test]
async fn bulk_registered_commands_are_kept_and_listed() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, "fake-token");
    let commands = vec![CreateCommand::new("deal").description("Deals")];
    let created = http.create_global_commands(&commands).await.unwrap();
    let listed = http.get_global_commands().await.unwrap();
    assert_eq!(
        (created[0].name.as_str(), listed[0].id),
        ("deal", created[0].id)
    );
    assert_eq!(fake.commands(None)[0]["name"], "deal");
    fake.assert_clean();
}

#[tokio::test]
async fn a_wrong_token_is_refused_and_unknown_routes_are_listed() {
    let fake = FakeDiscord::start_with(FakeConfig {
        expected_token: Some("right".into()),
        ..FakeConfig::default()
    })
    .await
    .unwrap();
    let err = http(&fake, "wrong").get_bot_gateway().await.unwrap_err();
    assert!(
        err.to_string().contains("401") || format!("{err:?}").contains("401"),
        "{err:?}"
    );
    let right = http(&fake, "right");
    assert_eq!(right.get_bot_gateway().await.unwrap().shards, 1);
    assert!(right
        .get_guild(serenity::all::GuildId::new(5))
        .await
        .is_err());
    let unknown = fake.unknown_routes();
    assert_eq!(
        (unknown.len(), unknown[0].path.as_str()),
        (1, "/api/v10/guilds/5")
    );
}

#[tokio::test]
async fn planned_failures_answer_the_next_requests_then_stop() {
    let fake = FakeDiscord::start().await;
    fake.fail_next(
        "POST",
        MESSAGES,
        1,
        Failure::RateLimited {
            retry_after: 0.25,
            global: false,
        },
    );
    fake.fail_next("POST", MESSAGES, 1, Failure::ServerError);
    let http = http(&fake, "fake-token");
    let body = json!({ "content": "hi" });
    for expected in [429, 500, 200] {
        let result = http
            .send_message(ChannelId::new(CHANNEL_ID), vec![], &body)
            .await;
        assert_eq!(result.is_ok(), expected == 200);
    }
    let statuses: Vec<u16> = fake
        .requests_to("POST", MESSAGES)
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, vec![429, 500, 200]);
}

#[tokio::test]
async fn acknowledging_twice_or_an_unknown_interaction_breaks_discords_rules() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, "fake-token");
    let unknown = json!({ "type": 4, "data": { "content": "hi" } });
    let id = serenity::all::InteractionId::new(1);
    assert!(http
        .create_interaction_response(id, "nope", &unknown, vec![])
        .await
        .is_err());
    let errors = fake.protocol_errors();
    assert!(
        errors[0].contains("interaction 1 was never sent"),
        "{errors:?}"
    );
    let edit = http
        .edit_original_interaction_response("nope", &json!({ "content": "x" }), vec![])
        .await;
    assert!(edit.is_err());
    assert!(fake.protocol_errors()[1].contains("was not acknowledged first"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_starts_against_the_fake_answers_help_and_stops_cleanly() {
    let app = crate::support::discord_app::DiscordApp::start(crate::support::Backend::Sqlite)
        .await
        .expect("sqlite");
    let identify = app.fake.identifies().remove(0);
    assert_eq!(identify.token, "Bot test-token");
    let answer = app
        .interact(Interaction::command("help", &[]).admin().build())
        .await;
    assert!(answer.text().contains("/deal"), "{}", answer.text());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_go_to_the_shard_that_owns_their_guild() {
    let fake = FakeDiscord::start().await;
    let (a, ready_a) = connect_shard(&fake, "A", Some((0, 2))).await;
    let (b, ready_b) = connect_shard(&fake, "B", Some((1, 2))).await;
    assert_eq!(ready_a.shard.map(|s| (s.id.0, s.total)), Some((0, 2)));
    assert_eq!(ready_b.shard.map(|s| (s.id.0, s.total)), Some((1, 2)));
    let mut shards: Vec<_> = fake.identifies().iter().map(|i| i.shard).collect();
    shards.sort();
    assert_eq!(shards, vec![Some((0, 2)), Some((1, 2))]);
    for (guild, expected) in [(1u64 << 22, "pong from B"), (2u64 << 22, "pong from A")] {
        assert_eq!(
            shard_for(Some(guild), 2),
            u32::from(expected.ends_with('B'))
        );
        let ping = Interaction::command("ping", &[]).guild(guild).build();
        fake.send_interaction(ping.clone()).await;
        assert_eq!(fake.wait_answer(&ping, WAIT).await.text(), expected);
    }
    let dm = Interaction::command("ping", &[]).dm().build();
    fake.send_interaction(dm.clone()).await;
    assert_eq!(
        fake.wait_answer(&dm, WAIT).await.text(),
        "pong from A",
        "DMs go to shard 0"
    );
    a.shutdown_all().await;
    b.shutdown_all().await;
    fake.assert_clean();
}

#[tokio::test]
#[should_panic(expected = "serenity cannot read this INTERACTION_CREATE")]
async fn a_malformed_event_fails_loudly_instead_of_being_dropped() {
    let fake = FakeDiscord::start().await;
    fake.dispatch("INTERACTION_CREATE", json!({ "id": "1", "type": 2 }))
        .await;
}

#[test]
#[should_panic(expected = "fixture bug: serenity cannot read this MESSAGE_CREATE")]
fn a_fixture_serenity_cannot_read_fails_loudly() {
    crate::support::fake_discord::fixtures::check::<serenity::all::Message>(
        "MESSAGE_CREATE",
        &json!({ "id": "1" }),
    );
}

#[tokio::test]
async fn embeds_over_6000_characters_in_one_message_are_refused() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, "fake-token");
    let embed = |i: usize| json!({ "title": format!("Part {i}"), "description": "d".repeat(4000) });
    let body = json!({ "embeds": [embed(1), embed(2)] });
    let result = http
        .send_message(ChannelId::new(CHANNEL_ID), vec![], &body)
        .await;
    assert!(result.is_err());
    assert_eq!(fake.requests_to("POST", MESSAGES)[0].status, 400);
    let errors = fake.protocol_errors();
    assert!(
        errors[0].contains("8012 characters in one message"),
        "{errors:?}"
    );
}
