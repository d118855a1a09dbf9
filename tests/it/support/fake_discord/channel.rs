//! `POST /channels/{channel_id}/messages`: a new bot message in the channel, unless the body
//! carries a `nonce` with `enforce_nonce: true` and a message with that nonce was created in the
//! channel within the last few minutes: then that message comes back (same id) and nothing is
//! created, as Discord documents for `enforce_nonce`. The message echoes its `nonce`.

use super::fixtures;
use super::http::HttpResponse;
use super::state::State;
use serde_json::Value;
use std::time::{Duration, Instant};

/// How long a nonce is remembered. Discord says "the past few minutes" without a figure; the
/// fake keeps two, no more than any reading of that promises.
pub const NONCE_WINDOW: Duration = Duration::from_secs(120);

/// A message nonce as sent (an integer or a string), as the key Discord compares.
fn nonce_of(body: &Value) -> Option<String> {
    match body.get("nonce")? {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn create_message(state: &mut State, channel_id: u64, body: &Value) -> HttpResponse {
    let nonce = nonce_of(body);
    let enforce = body.get("enforce_nonce").and_then(Value::as_bool) == Some(true);
    if let (Some(nonce), true) = (&nonce, enforce) {
        let earlier = state
            .nonces
            .get(&(channel_id, nonce.clone()))
            .filter(|(_, at)| at.elapsed() < NONCE_WINDOW)
            .and_then(|(id, _)| state.messages.get(&id.to_string()));
        if let Some(message) = earlier {
            return HttpResponse::json(200, message);
        }
    }
    let id = state.fresh_id();
    let mut message = fixtures::bot_message(id, channel_id, body);
    if let Some(sent) = body.get("nonce").filter(|n| !n.is_null()) {
        message["nonce"] = sent.clone();
    }
    state.messages.insert(id.to_string(), message.clone());
    if let Some(nonce) = nonce {
        state
            .nonces
            .insert((channel_id, nonce), (id, Instant::now()));
    }
    HttpResponse::json(200, &message)
}
