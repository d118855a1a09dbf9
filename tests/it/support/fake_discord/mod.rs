//! A fake Discord for tests and local runs: a REST server (what serenity's `HttpBuilder::proxy`
//! is pointed at) and a gateway (`ws://`), in one process, recording everything the bot does.
//!
//! - `http`: the HTTP/1.1 server; `routes` + `webhooks` + `channel`: what each REST route
//!   answers, Discord's rules for interaction callbacks and message nonces; `gateway`: HELLO/IDENTIFY/READY/heartbeats and
//!   dispatch; `state`: the recording; `fixtures`: payload builders checked against serenity's
//!   own types; `openapi`: request bodies checked against Discord's OpenAPI description;
//!   `events`: interactions and other dispatches sent to the bot;
//!   `answer`: an interaction's answer, read back as text.
//!
//! Also compiled into `examples/fake_discord.rs` (through `#[path]`), so nothing here refers
//! outside this directory.

mod answer;
mod channel;
mod events;
pub mod fixtures;
mod gateway;
mod http;
pub mod openapi;
mod routes;
mod state;
mod webhooks;

// The API e2e tests and the example use; not every user needs every name.
#[allow(unused_imports)]
pub use answer::{message_text, Answer};
#[allow(unused_imports)]
pub use fixtures::{
    guild_create, message_create, Interaction, APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, USER_ID,
};
pub use gateway::shard_for;
pub use state::{Failure, Identify, Recorded};

use serde_json::Value;
use state::{PlannedFailure, Shared, State};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// How long tests wait for the bot by default.
pub const WAIT: Duration = Duration::from_secs(15);

/// Where the fake listens and how it behaves from the start.
#[derive(Debug, Clone)]
pub struct FakeConfig {
    /// `127.0.0.1:0` picks a free port.
    pub rest_addr: String,
    pub gateway_addr: String,
    /// `shards` answered by `GET /gateway/bot`.
    pub recommended_shards: u32,
    /// When set, REST calls (except `GET /gateway`) need `Authorization: Bot <token>` (else 401)
    /// and IDENTIFY needs the token (else close 4004).
    pub expected_token: Option<String>,
    /// Discord's 3 s limit for the first answer to an interaction; `None` disables it.
    pub callback_deadline: Option<Duration>,
    /// Guild objects (from `guild_create(..).build()`) listed in READY and then sent as
    /// GUILD_CREATE to the shard that owns each.
    pub guilds: Vec<Value>,
}

impl Default for FakeConfig {
    fn default() -> FakeConfig {
        FakeConfig {
            rest_addr: "127.0.0.1:0".into(),
            gateway_addr: "127.0.0.1:0".into(),
            recommended_shards: 1,
            expected_token: None,
            callback_deadline: Some(Duration::from_secs(3)),
            guilds: Vec::new(),
        }
    }
}

pub struct FakeDiscord {
    shared: Arc<Shared>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl FakeDiscord {
    /// Starts on free ports with the default configuration.
    pub async fn start() -> FakeDiscord {
        FakeDiscord::start_with(FakeConfig::default())
            .await
            .expect("start fake discord")
    }

    pub async fn start_with(config: FakeConfig) -> std::io::Result<FakeDiscord> {
        let rest = TcpListener::bind(&config.rest_addr).await?;
        let gateway = TcpListener::bind(&config.gateway_addr).await?;
        let rest_url = format!("http://{}", rest.local_addr()?);
        let gateway_url = format!("ws://{}", gateway.local_addr()?);
        let state = State {
            expected_token: config.expected_token,
            callback_deadline: config.callback_deadline,
            recommended_shards: config.recommended_shards,
            guilds: config.guilds,
            ..State::default()
        };
        let shared = Arc::new(Shared::new(rest_url, gateway_url, state));
        let handler_state = shared.clone();
        let handler: http::Handler =
            Arc::new(move |request| routes::handle(&handler_state, request));
        let tasks = vec![
            tokio::spawn(http::serve(rest, handler)),
            tokio::spawn(gateway::serve(gateway, shared.clone())),
        ];
        Ok(FakeDiscord { shared, tasks })
    }

    /// `http://127.0.0.1:P`, for `HttpBuilder::proxy`.
    pub fn rest_url(&self) -> String {
        self.shared.rest_url.clone()
    }

    /// `ws://127.0.0.1:Q` (also what `GET /gateway` answers).
    pub fn gateway_url(&self) -> String {
        self.shared.gateway_url.clone()
    }

    /// Requires this token from now on (see `FakeConfig::expected_token`).
    pub fn expect_token(&self, token: &str) {
        self.shared
            .update(|s| s.expected_token = Some(token.to_string()));
    }

    pub fn set_callback_deadline(&self, deadline: Option<Duration>) {
        self.shared.update(|s| s.callback_deadline = deadline);
    }

    /// The next `times` requests to `method route` (a template as in `Recorded::route`, e.g.
    /// `"/channels/{channel_id}/messages"`) get `failure` instead of their answer.
    pub fn fail_next(&self, method: &str, route: &str, times: usize, failure: Failure) {
        let planned = PlannedFailure {
            method: method.to_string(),
            route: route.to_string(),
            remaining: times,
            failure,
        };
        self.shared.update(|s| s.failures.push(planned));
    }

    /// Waits for the first session to be sent READY; returns its IDENTIFY.
    pub async fn wait_ready(&self, timeout: Duration) -> Identify {
        self.wait_sessions(1, timeout).await.remove(0)
    }

    /// Waits until `n` sessions are ready; returns the IDENTIFYs received so far.
    pub async fn wait_sessions(&self, n: usize, timeout: Duration) -> Vec<Identify> {
        let found = self
            .shared
            .wait(timeout, |s| {
                (s.sessions.len() >= n).then(|| s.identifies.clone())
            })
            .await;
        found.unwrap_or_else(|| {
            let seen = self.identifies();
            panic!(
                "no {n} ready gateway session(s) within {timeout:?}; identifies so far: {seen:#?}"
            )
        })
    }

    pub fn identifies(&self) -> Vec<Identify> {
        self.shared.read(|s| s.identifies.clone())
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.read(|s| s.requests.clone())
    }

    /// Requests to one route: `fake.requests_to("POST", "/channels/{channel_id}/messages")`.
    pub fn requests_to(&self, method: &str, route: &str) -> Vec<Recorded> {
        self.shared.read(|s| {
            s.requests
                .iter()
                .filter(|r| r.is(method, route))
                .cloned()
                .collect()
        })
    }

    /// The first recorded request matching `predicate` (already received or arriving within
    /// `timeout`); panics listing what did arrive otherwise.
    pub async fn wait_for(
        &self,
        predicate: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Recorded {
        let found = self.find(predicate, timeout).await;
        found.unwrap_or_else(|| {
            panic!(
                "no matching request within {timeout:?}; received:\n{}",
                self.summary()
            )
        })
    }

    /// `wait_for` without the panic.
    pub async fn find(
        &self,
        predicate: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Option<Recorded> {
        self.shared
            .wait(timeout, |s| {
                s.requests.iter().find(|r| predicate(r)).cloned()
            })
            .await
    }

    /// The callback for an interaction (by its id).
    pub async fn wait_callback(&self, interaction: &Value, timeout: Duration) -> Recorded {
        let id = interaction["id"]
            .as_str()
            .expect("interaction id")
            .to_string();
        self.wait_for(
            |r| r.method == "POST" && r.interaction_id() == Some(id.as_str()),
            timeout,
        )
        .await
    }

    /// The interaction's answer: its callback, and when that deferred (type 5 or 6), the edit
    /// of the original response that followed. Panics when it does not come within `timeout`.
    pub async fn wait_answer(&self, interaction: &Value, timeout: Duration) -> Answer {
        let answer = self.answer(interaction, timeout).await;
        answer.unwrap_or_else(|| {
            panic!(
                "no answer within {timeout:?}; received:\n{}",
                self.summary()
            )
        })
    }

    /// `wait_answer` without the panic.
    pub async fn answer(&self, interaction: &Value, timeout: Duration) -> Option<Answer> {
        let id = interaction["id"]
            .as_str()
            .expect("interaction id")
            .to_string();
        let is_callback =
            |r: &Recorded| r.method == "POST" && r.interaction_id() == Some(id.as_str());
        let callback = self.find(is_callback, timeout).await?;
        let edit = match callback.callback_type() {
            Some(5 | 6) => {
                let token = callback.token().expect("callback token").to_string();
                let route = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
                let is_edit =
                    |r: &Recorded| r.is("PATCH", route) && r.token() == Some(token.as_str());
                Some(self.find(is_edit, timeout).await?)
            }
            _ => None,
        };
        Some(Answer { callback, edit })
    }

    /// One line per request, for failure messages.
    pub fn summary(&self) -> String {
        let lines: Vec<String> = self
            .requests()
            .iter()
            .map(|r| format!("  {} {} -> {}", r.method, r.path, r.status))
            .collect();
        lines.join("\n")
    }

    /// Request bodies that break Discord's OpenAPI description (route, field, problem).
    pub fn schema_errors(&self) -> Vec<String> {
        self.shared.read(|s| s.schema_errors.clone())
    }

    /// Requests to routes the fake does not know (answered 404).
    pub fn unknown_routes(&self) -> Vec<Recorded> {
        self.shared.read(|s| {
            s.requests
                .iter()
                .filter(|r| r.route.is_none())
                .cloned()
                .collect()
        })
    }

    /// Breaches of Discord's interaction rules (late or double acknowledgement, webhook calls
    /// before acknowledging, wrong application id) and undecodable bodies.
    pub fn protocol_errors(&self) -> Vec<String> {
        self.shared.read(|s| s.protocol_errors.clone())
    }

    /// Commands registered by bulk overwrite: `None` for global, `Some(guild)` for a guild.
    pub fn commands(&self, guild: Option<u64>) -> Vec<Value> {
        self.shared
            .read(|s| s.commands.get(&guild).cloned().unwrap_or_default())
    }

    /// The messages now in channel `channel_id` (as posted, then edited), oldest first.
    pub fn channel_messages(&self, channel_id: u64) -> Vec<Value> {
        let mut found: Vec<Value> = self.shared.read(|s| {
            s.messages
                .values()
                .filter(|m| m["channel_id"].as_str() == Some(channel_id.to_string().as_str()))
                .cloned()
                .collect()
        });
        found.sort_by_key(|m| m["id"].as_str().and_then(|id| id.parse::<u64>().ok()));
        found
    }

    /// The current original-response message of an interaction token.
    pub fn original(&self, token: &str) -> Option<Value> {
        self.shared.read(|s| s.originals.get(token).cloned())
    }

    /// Panics listing every schema error, unknown route and protocol error, if any.
    pub fn assert_clean(&self) {
        let mut problems = self.schema_errors();
        problems.extend(
            self.unknown_routes()
                .iter()
                .map(|r| format!("unknown route: {} {}", r.method, r.path)),
        );
        problems.extend(self.protocol_errors());
        assert!(
            problems.is_empty(),
            "the bot misused Discord's API:\n  {}",
            problems.join("\n  ")
        );
    }
}
