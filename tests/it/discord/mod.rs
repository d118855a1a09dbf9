//! End-to-end tests of the Discord door: the whole bot (`partnerbot::discord::run`) connected to
//! the fake Discord, driven by gateway events, judged by the REST calls it makes. Every test
//! runs on SQLite and on PostgreSQL, and ends with `stop()`, which shuts the bot down as SIGTERM
//! does and fails on any misuse of Discord's API (OpenAPI schema, unknown routes, interaction
//! rules).

mod commands;
mod components;
mod delivery;
mod deployment;
mod events;
mod every_command;
mod forecasts;
mod registrations;

pub use crate::support::discord_app::DiscordApp;
pub use crate::support::fake_discord::{
    message_text, Answer, Interaction, Recorded, GUILD_ID, USER_ID,
};
pub use crate::support::Backend;
use partnerbot::domain::ids::WorkspaceId;
pub use serde_json::Value;

/// The fixtures' guild as the workspace id the core uses.
pub const GUILD: WorkspaceId = WorkspaceId::new(GUILD_ID as i64);
/// A Discord role the tests map to partnerbot roles.
pub const PTM_ROLE: u64 = 1_100_000_000_000_000_301;
pub const SALES_ROLE: u64 = 1_100_000_000_000_000_302;
/// Follow-up messages of an interaction (`POST /webhooks/{application}/{token}`).
pub const FOLLOWUPS: &str = "/webhooks/{webhook_id}/{webhook_token}";
pub const CHANNEL_MESSAGES: &str = "/channels/{channel_id}/messages";

/// Declares one test per backend, starting the bot (after `adjust` changed its settings) and
/// handing the running `DiscordApp` to the body:
/// `discord_test!(name, |app: DiscordApp| async move { ... });` or
/// `discord_test!(name, |s| s.defer_after = Duration::ZERO, |app: DiscordApp| async move { ... });`
#[macro_export]
macro_rules! discord_test {
    ($name:ident, $body:expr) => {
        $crate::discord_test!($name, |_| {}, $body);
    };
    ($name:ident, $adjust:expr, $body:expr) => {
        mod $name {
            use super::*;

            async fn start(backend: $crate::support::Backend) -> Option<DiscordApp> {
                let config = $crate::support::fake_discord::FakeConfig::default();
                let app = DiscordApp::launch(backend, config, $adjust).await?;
                app.wait_ready().await;
                Some(app)
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = start($crate::support::Backend::Sqlite)
                    .await
                    .expect("sqlite is always available");
                ($body)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = start($crate::support::Backend::Postgres).await {
                    ($body)(app).await;
                }
            }
        }
    };
}

/// Runs a console line in the guild's workspace holding every role (to set things up); it must
/// succeed.
pub async fn setup(app: &DiscordApp, line: &str) {
    let reply = app.run_in(GUILD, "console", &[], line).await;
    assert!(!reply.is_error(), "`{line}` failed: {reply:?}");
}

/// Maps a Discord role to a partnerbot role the Discord way: `/setup role` by a server admin.
pub async fn map_role(app: &DiscordApp, role_id: u64, role_name: &str, as_role: &str) {
    let map = Interaction::command("setup", &["role"])
        .role_option("role", role_id, role_name)
        .string("as", as_role)
        .admin()
        .build();
    let answer = app.interact(map).await;
    assert!(
        !is_error(&answer),
        "mapping the role failed:\n{}",
        answer.text()
    );
}

/// Whether an answer is shown in the error colour.
pub fn is_error(answer: &Answer) -> bool {
    let red = u64::from(partnerbot::core::reply::Tone::Error.colour());
    answer
        .embeds()
        .iter()
        .any(|e| e["color"].as_u64() == Some(red))
}

/// Every message body the bot sent for one interaction token, in order: the callback's (or
/// the edit's) and then each follow-up's. Follow-ups are sent after the callback, so this waits
/// until none has arrived for a quarter of a second.
pub async fn messages_of(app: &DiscordApp, answer: &Answer) -> Vec<Value> {
    let token = answer.callback.token().expect("token").to_string();
    let followups = || -> Vec<Value> {
        app.fake
            .requests_to("POST", FOLLOWUPS)
            .iter()
            .filter(|r| r.token() == Some(token.as_str()))
            .filter_map(|r| r.json.clone())
            .collect()
    };
    let mut seen = followups();
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        let now = followups();
        if now.len() == seen.len() {
            break;
        }
        seen = now;
    }
    let mut out = vec![answer.message()];
    out.extend(seen);
    out
}

/// Discord's limits on one message, including the 6000 characters across its embeds, which
/// the OpenAPI description cannot express.
pub fn assert_within_limits(message: &Value) {
    let chars = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
    assert!(chars(&message["content"]) <= 2000, "content over 2000");
    let embeds = message["embeds"].as_array().cloned().unwrap_or_default();
    assert!(embeds.len() <= 10, "{} embeds", embeds.len());
    let mut total = 0;
    for embed in &embeds {
        let fields = embed["fields"].as_array().cloned().unwrap_or_default();
        assert!(chars(&embed["title"]) <= 256);
        assert!(chars(&embed["description"]) <= 4096);
        assert!(chars(&embed["footer"]["text"]) <= 2048);
        assert!(fields.len() <= 25);
        for field in &fields {
            assert!(chars(&field["name"]) <= 256 && chars(&field["value"]) <= 1024);
        }
        total += chars(&embed["title"])
            + chars(&embed["description"])
            + chars(&embed["footer"]["text"])
            + fields
                .iter()
                .map(|f| chars(&f["name"]) + chars(&f["value"]))
                .sum::<usize>();
    }
    assert!(total <= 6000, "{total} characters of embeds in one message");
    let rows = message["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(rows.len() <= 5);
    for row in rows {
        assert!(row["components"].as_array().map_or(0, Vec::len) <= 5);
    }
}
