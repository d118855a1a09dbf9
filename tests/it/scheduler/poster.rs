//! The Discord poster against the fake: every message carries a nonce Discord enforces, so
//! posting a run again returns the same message; a post split in parts dedupes part by part;
//! 429, 5xx and network failures are retryable, other refusals are not.

use super::{discord_poster, message_ids, CHANNELS};
use crate::support::discord_app::settings;
use crate::support::fake_discord::{Failure, FakeDiscord};
use partnerbot::core::reply::{Card, Post, Reply, Tone};
use partnerbot::discord::scheduled::DiscordPoster;
use partnerbot::domain::ids::ChannelId;
use partnerbot::scheduler::runner::{PostError, Poster};
use std::sync::Arc;

const MESSAGES: &str = "/channels/{channel_id}/messages";

fn post(channel: u64, text: &str) -> Post {
    Post::new(
        ChannelId::new(channel as i64),
        "digest channel",
        Reply::info(text).public(),
    )
}

#[tokio::test]
async fn the_same_nonce_returns_the_message_already_posted() {
    let fake = FakeDiscord::start().await;
    let poster = discord_poster(&fake);
    let channel = CHANNELS[0];
    let first = poster
        .post(&post(channel, "Digest"), "7-tbkku0")
        .await
        .unwrap();
    let again = poster
        .post(&post(channel, "Digest"), "7-tbkku0")
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(message_ids(&fake, channel), [first]);

    let sent = fake.requests_to("POST", MESSAGES);
    assert_eq!(sent.len(), 2, "both attempts reached Discord");
    for request in &sent {
        let body = request.json.as_ref().unwrap();
        assert_eq!(body["nonce"], "7-tbkku0");
        assert_eq!(body["enforce_nonce"], true);
    }
    assert_eq!(fake.channel_messages(channel)[0]["nonce"], "7-tbkku0");

    // Another run (another nonce) is another message; so is the same nonce in another channel.
    let next = poster
        .post(&post(channel, "Digest"), "7-tbkkv0")
        .await
        .unwrap();
    assert_ne!(next, first);
    let elsewhere = poster
        .post(&post(CHANNELS[1], "Digest"), "7-tbkku0")
        .await
        .unwrap();
    assert_ne!(elsewhere, first);
    assert_eq!(message_ids(&fake, channel), [first, next]);
    fake.assert_clean();
}

#[tokio::test]
async fn a_post_in_parts_is_deduped_part_by_part() {
    let fake = FakeDiscord::start().await;
    let poster = discord_poster(&fake);
    let channel = CHANNELS[0];
    // Eleven cards: Discord takes ten embeds a message, so this is two messages.
    let mut reply = Reply::card(Card::new("Part 1", Tone::Info)).public();
    for i in 2..=11 {
        reply = reply.with_card(Card::new(format!("Part {i}"), Tone::Info));
    }
    let long = Post::new(ChannelId::new(channel as i64), "digest channel", reply);
    let first = poster.post(&long, "9-abc").await.unwrap();
    let posted = message_ids(&fake, channel);
    assert_eq!(posted.len(), 2);
    assert_eq!(posted[0], first, "the run's message is the first part");

    // Posting the run again (say its first attempt timed out after Discord had it all)
    // creates nothing: each part has its own nonce.
    assert_eq!(poster.post(&long, "9-abc").await.unwrap(), first);
    assert_eq!(message_ids(&fake, channel), posted);
    let nonces: Vec<String> = fake
        .requests_to("POST", MESSAGES)
        .iter()
        .map(|r| {
            r.json.as_ref().unwrap()["nonce"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(nonces, ["9-abc", "9-abc/1", "9-abc", "9-abc/1"]);
    fake.assert_clean();
}

#[tokio::test]
async fn rate_limits_server_errors_and_the_network_are_retryable_the_rest_is_not() {
    let fake = FakeDiscord::start().await;
    let poster = discord_poster(&fake);
    let channel = CHANNELS[0];
    let limited = Failure::RateLimited {
        retry_after: 0.01,
        global: false,
    };
    for (failure, retryable) in [
        (limited, true),
        (Failure::ServerError, true),
        (Failure::Status(502), true),
        (Failure::Status(403), false),
        (Failure::Status(404), false),
        (Failure::Status(400), false),
    ] {
        fake.fail_next("POST", MESSAGES, 1, failure.clone());
        let outcome = poster.post(&post(channel, "Digest"), "n").await;
        match outcome {
            Err(PostError::Retry { after, .. }) if retryable => assert_eq!(after, None),
            Err(PostError::Fatal(err)) if !retryable => {
                assert!(
                    format!("{err:#}").contains("Discord refused the post"),
                    "{err:#}"
                )
            }
            other => panic!("{failure:?}: {other:?}"),
        }
    }
    assert!(fake.channel_messages(channel).is_empty());

    // Nobody listening: the network failed, worth another try.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let mut unreachable = settings(&fake);
    unreachable.rest_proxy = Some(format!("http://{closed}"));
    let http = partnerbot::discord::http(&unreachable);
    let poster = DiscordPoster::new(Arc::new(http));
    let outcome = poster.post(&post(channel, "Digest"), "n").await;
    assert!(
        matches!(outcome, Err(PostError::Retry { .. })),
        "{outcome:?}"
    );
    fake.assert_clean();
}
