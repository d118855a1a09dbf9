//! What the fake remembers: every REST request as it arrived, every gateway session, the
//! interactions it sent (to enforce Discord's acknowledge rules), registered commands, stored
//! messages, and the failures tests asked for. One `Mutex<State>` guards it; it is never held
//! across an `.await`.

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Message;

/// One REST request the bot made, as the fake received and answered it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Arrival order, from 0.
    pub seq: usize,
    pub method: String,
    /// The path as sent, `/api/v10/...`, without the query.
    pub path: String,
    /// The raw query string without `?` (serenity writes `?&with_response=true`), or "".
    pub query: String,
    /// The Discord route template it matched, as the OpenAPI spec spells it
    /// (`/channels/{channel_id}/messages`), or `None` for an unknown route.
    pub route: Option<&'static str>,
    /// Headers of interest (lower-case names): authorization, content-type, user-agent,
    /// x-audit-log-reason.
    pub headers: Vec<(String, String)>,
    /// The JSON body, or the `payload_json` part of a multipart body.
    pub json: Option<Value>,
    /// Uploaded files of a multipart body: (filename, bytes), in `files[n]` order.
    pub files: Vec<(String, Vec<u8>)>,
    /// The status the fake answered with.
    pub status: u16,
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `r.is("POST", "/channels/{channel_id}/messages")`.
    pub fn is(&self, method: &str, route: &str) -> bool {
        self.method.eq_ignore_ascii_case(method) && self.route == Some(route)
    }

    /// The path segments after `/api/v10`.
    pub fn segments(&self) -> Vec<&str> {
        let rest = self.path.strip_prefix("/api/v10").unwrap_or(&self.path);
        rest.split('/').filter(|s| !s.is_empty()).collect()
    }

    /// The interaction id of a callback (`/interactions/{id}/{token}/callback`).
    pub fn interaction_id(&self) -> Option<&str> {
        let route = self.route?;
        route
            .starts_with("/interactions/")
            .then(|| self.segments()[1])
    }

    /// The interaction token of a callback or webhook request.
    pub fn token(&self) -> Option<&str> {
        let route = self.route?;
        (route.starts_with("/interactions/") || route.starts_with("/webhooks/"))
            .then(|| self.segments()[2])
    }

    /// The `type` of an interaction callback body (4 message, 5 deferred, 6 deferred update,
    /// 7 update, 8 autocomplete, 9 modal).
    pub fn callback_type(&self) -> Option<u64> {
        self.json.as_ref()?.get("type")?.as_u64()
    }

    /// The message this request carries: a callback's `data`, or the whole body otherwise.
    pub fn message(&self) -> Option<&Value> {
        let json = self.json.as_ref()?;
        match self.route {
            Some(r) if r.starts_with("/interactions/") => json.get("data"),
            _ => Some(json),
        }
    }
}

/// What `IDENTIFY` asked for.
#[derive(Debug, Clone)]
pub struct Identify {
    /// `[shard_id, shard_count]`, when sent.
    pub shard: Option<(u32, u32)>,
    pub intents: u64,
    pub token: String,
    pub payload: Value,
}

/// A failure the next requests to a route get instead of their normal answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// 429 with `retry_after` seconds (and the `Retry-After` header).
    RateLimited { retry_after: f64, global: bool },
    /// 500 Internal Server Error.
    ServerError,
    /// Any other status, with a Discord-style error body.
    Status(u16),
}

#[derive(Debug)]
pub(crate) struct PlannedFailure {
    pub method: String,
    pub route: String,
    pub remaining: usize,
    pub failure: Failure,
}

/// An open gateway connection that has been sent READY.
#[derive(Debug)]
pub(crate) struct Session {
    pub shard: (u32, u32),
    pub seq: u64,
    pub tx: mpsc::UnboundedSender<Message>,
}

/// An interaction the fake dispatched, for Discord's "acknowledge once, within 3 s" rule.
#[derive(Debug)]
pub(crate) struct SentInteraction {
    pub token: String,
    pub sent_at: Instant,
    pub acknowledged: bool,
    pub channel_id: u64,
    /// The message a component sits on (what an UPDATE_MESSAGE callback edits).
    pub message: Option<Value>,
}

#[derive(Debug, Default)]
pub(crate) struct State {
    pub requests: Vec<Recorded>,
    pub schema_errors: Vec<String>,
    pub protocol_errors: Vec<String>,
    pub identifies: Vec<Identify>,
    /// Keyed by connection number; removed when the socket closes.
    pub sessions: BTreeMap<usize, Session>,
    pub failures: Vec<PlannedFailure>,
    /// Registered commands: `None` for global, `Some(guild)` for a guild's.
    pub commands: BTreeMap<Option<u64>, Vec<Value>>,
    /// Sent interactions by id.
    pub interactions: HashMap<String, SentInteraction>,
    /// The original response message of each interaction token.
    pub originals: HashMap<String, Value>,
    /// Messages created through REST, by id.
    pub messages: HashMap<String, Value>,
    /// The message each (channel, nonce) created and when, for `enforce_nonce`.
    pub nonces: HashMap<(u64, String), (u64, Instant)>,
    /// Guild objects sent as GUILD_CREATE after READY (for the shard that owns them).
    pub guilds: Vec<Value>,
    pub expected_token: Option<String>,
    pub callback_deadline: Option<Duration>,
    /// `shards` answered by `GET /gateway/bot`.
    pub recommended_shards: u32,
    /// The last generated snowflake offset.
    pub next_id: u64,
}

impl State {
    /// A fresh snowflake (deterministic: a counter above a fixed base).
    pub fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        super::fixtures::GENERATED_ID_BASE + self.next_id
    }

    /// The planned failure for this request, if one is left.
    pub fn take_failure(&mut self, method: &str, route: &str) -> Option<Failure> {
        let planned = self.failures.iter_mut().find(|f| {
            f.remaining > 0 && f.method.eq_ignore_ascii_case(method) && f.route == route
        })?;
        planned.remaining -= 1;
        Some(planned.failure.clone())
    }
}

/// State plus a change counter that waiters subscribe to.
pub(crate) struct Shared {
    pub rest_url: String,
    pub gateway_url: String,
    pub state: Mutex<State>,
    pub changed: watch::Sender<u64>,
}

impl Shared {
    pub fn new(rest_url: String, gateway_url: String, state: State) -> Shared {
        Shared {
            rest_url,
            gateway_url,
            state: Mutex::new(state),
            changed: watch::channel(0).0,
        }
    }

    /// Runs `f` on the state, then wakes every waiter.
    pub fn update<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        let out = f(&mut self.state.lock().expect("fake discord state"));
        self.changed.send_modify(|n| *n += 1);
        out
    }

    pub fn read<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&self.state.lock().expect("fake discord state"))
    }

    /// Waits until `check` returns `Some`, or `timeout` passes.
    pub async fn wait<T>(
        &self,
        timeout: Duration,
        check: impl Fn(&State) -> Option<T>,
    ) -> Option<T> {
        let mut rx = self.changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(found) = self.read(&check) {
                return Some(found);
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                _ => return self.read(&check),
            }
        }
    }
}
