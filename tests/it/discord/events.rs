//! Gateway events besides interactions: a question asked by mentioning the bot, joining a
//! server, and a token Discord refuses.

use super::*;
use crate::support::discord_app::TOKEN;
use crate::support::fake_discord::{guild_create, message_create, FakeConfig, CHANNEL_ID};
use std::time::Duration;

crate::discord_test!(
    a_question_mentioning_the_bot_is_answered_in_its_channel,
    |app: DiscordApp| async move {
        setup(&app, r#"/territory add name:"AMER East""#).await;
        setup(
            &app,
            r#"/account add name:"Acme Corp" domain:acme.com territory:"AMER East""#,
        )
        .await;
        map_role(&app, SALES_ROLE, "Field sales", "field_sales").await;
        // A message that does not mention the bot is not for it.
        app.fake
            .dispatch(
                "MESSAGE_CREATE",
                message_create("who covers acme.com?")
                    .without_mention()
                    .build(),
            )
            .await;
        let question = message_create("who covers acme.com?")
            .id(1_500_000_000_000_000_901)
            .author(USER_ID, "Sam", &[SALES_ROLE])
            .build();
        let posted = app.say(question).await;
        assert_eq!(
            posted.segments()[1],
            CHANNEL_ID.to_string(),
            "answered where it was asked"
        );
        let body = posted.json.clone().unwrap();
        assert_eq!(
            body["message_reference"]["message_id"],
            "1500000000000000901"
        );
        let text = message_text(&body);
        assert!(text.contains("Acme Corp"), "{text}");
        assert_within_limits(&body);
        let posts = app.fake.requests_to("POST", CHANNEL_MESSAGES);
        assert_eq!(posts.len(), 1, "only the mention was answered");
        app.stop().await;
    }
);

crate::discord_test!(
    joining_a_server_creates_its_workspace_and_welcomes_once,
    |app: DiscordApp| async move {
        const NEW_GUILD: u64 = 1_100_000_000_000_000_009;
        let guild = guild_create(NEW_GUILD, "Initech Sales").build();
        app.join(guild.clone()).await;
        let welcome = app
            .fake
            .wait_for(
                |r| r.is("POST", CHANNEL_MESSAGES),
                crate::support::fake_discord::WAIT,
            )
            .await;
        assert_eq!(
            welcome.segments()[1],
            CHANNEL_ID.to_string(),
            "the system channel"
        );
        let text = message_text(welcome.json.as_ref().unwrap());
        assert!(
            text.contains("/setup"),
            "tells the inviter what to run: {text}"
        );
        // Discord sends GUILD_CREATE again on every reconnect: no second welcome.
        app.join(guild).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(app.fake.requests_to("POST", CHANNEL_MESSAGES).len(), 1);
        let app = app.stop().await;
        let name: String = sqlx::query_scalar("SELECT name FROM workspaces WHERE id = $1")
            .bind(NEW_GUILD as i64)
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        assert_eq!(name, "Initech Sales");
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_discord_rejects_stops_the_bot_with_a_clear_error() {
    let wrong = |s: &mut partnerbot::discord::DiscordSettings| s.token = format!("{TOKEN}-wrong");
    let mut app = DiscordApp::launch(Backend::Sqlite, FakeConfig::default(), wrong)
        .await
        .expect("sqlite");
    let err = app
        .finish()
        .await
        .expect_err("a rejected token is an error");
    assert!(
        err.downcast_ref::<partnerbot::discord::TokenRejected>()
            .is_some(),
        "{err:#}"
    );
    assert!(format!("{err}").contains("DISCORD_TOKEN"), "{err}");
    assert!(
        app.fake.identifies().is_empty(),
        "never reached the gateway"
    );
}
