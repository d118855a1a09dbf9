//! Interaction callbacks and the webhook routes that follow them, with Discord's rules: an
//! interaction is acknowledged once, within the deadline (3 s), and its token's webhook routes
//! (edit original, follow-ups) only work after that. A breach answers as Discord does and is
//! also listed in `protocol_errors()`.

use super::fixtures::{self, APP_ID};
use super::http::HttpResponse;
use super::state::State;
use serde_json::{json, Value};

const CALLBACK: &str = "POST /interactions/{interaction_id}/{interaction_token}/callback";
/// Message flags: EPHEMERAL and LOADING (a deferred "is thinking..." message).
const EPHEMERAL: u64 = 64;
const LOADING: u64 = 128;

pub(crate) fn callback(
    state: &mut State,
    id: &str,
    token: &str,
    body: &Value,
    with_response: bool,
) -> HttpResponse {
    let deadline = state.callback_deadline;
    let Some(sent) = state.interactions.get_mut(id) else {
        state
            .protocol_errors
            .push(format!("{CALLBACK}: interaction {id} was never sent"));
        return HttpResponse::error(404, 10062, "Unknown interaction");
    };
    if sent.token != token {
        let problem = format!("{CALLBACK}: token {token:?} is not interaction {id}'s");
        state.protocol_errors.push(problem);
        return HttpResponse::error(401, 50027, "Invalid Webhook Token");
    }
    if sent.acknowledged {
        state
            .protocol_errors
            .push(format!("{CALLBACK}: interaction {id} acknowledged twice"));
        return HttpResponse::error(400, 40060, "Interaction has already been acknowledged.");
    }
    let elapsed = sent.sent_at.elapsed();
    if let Some(limit) = deadline.filter(|limit| elapsed > *limit) {
        let problem = format!(
            "{CALLBACK}: interaction {id} answered after {} ms; Discord allows {} ms (defer sooner)",
            elapsed.as_millis(),
            limit.as_millis()
        );
        state.protocol_errors.push(problem);
        return HttpResponse::error(404, 10062, "Unknown interaction");
    }
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(0);
    if matches!(kind, 6 | 7) && sent.message.is_none() {
        state.protocol_errors.push(format!(
            "{CALLBACK}: interaction {id} has no message to update (type {kind} answers only a \
             button, or a modal opened by one)"
        ));
        return HttpResponse::error(400, 50035, "Invalid Form Body");
    }
    sent.acknowledged = true;
    let (channel_id, on_message) = (sent.channel_id, sent.message.clone());
    let data = body.get("data").cloned().unwrap_or(json!({}));
    let original = match kind {
        4 => Some(fixtures::bot_message(state.fresh_id(), channel_id, &data)),
        5 => {
            let flags = data.get("flags").and_then(Value::as_u64).unwrap_or(0) & EPHEMERAL;
            let loading = json!({ "flags": flags | LOADING });
            Some(fixtures::bot_message(
                state.fresh_id(),
                channel_id,
                &loading,
            ))
        }
        6 => on_message,
        7 => on_message.map(|m| merge(&m, &data)),
        _ => None,
    };
    if let Some(message) = &original {
        state.originals.insert(token.to_string(), message.clone());
    }
    if !with_response {
        return HttpResponse::no_content();
    }
    HttpResponse::json(
        200,
        &json!({
            "interaction": { "id": id, "type": 2, "response_message_loading": kind == 5,
                             "response_message_ephemeral": false },
            "resource": { "type": kind, "message": original },
        }),
    )
}

pub(crate) fn webhook(
    state: &mut State,
    method: &str,
    route: &str,
    webhook_id: &str,
    token: &str,
    message_id: &str,
    body: &Value,
) -> HttpResponse {
    if webhook_id != APP_ID.to_string() {
        let problem =
            format!("{method} {route}: webhook id {webhook_id} is not the application id {APP_ID}");
        state.protocol_errors.push(problem);
        return HttpResponse::error(404, 10015, "Unknown Webhook");
    }
    let interaction = state.interactions.values().find(|i| i.token == token);
    let Some(channel_id) = interaction.filter(|i| i.acknowledged).map(|i| i.channel_id) else {
        let problem =
            format!("{method} {route}: interaction token {token:?} was not acknowledged first");
        state.protocol_errors.push(problem);
        return HttpResponse::error(404, 10015, "Unknown Webhook");
    };
    match (method, route) {
        ("POST", "/webhooks/{webhook_id}/{webhook_token}") => {
            let id = state.fresh_id();
            let mut message = fixtures::bot_message(id, channel_id, body);
            message["webhook_id"] = json!(APP_ID.to_string());
            state.messages.insert(id.to_string(), message.clone());
            HttpResponse::json(200, &message)
        }
        (_, "/webhooks/{webhook_id}/{webhook_token}/messages/@original") => {
            let Some(original) = state.originals.get(token).cloned() else {
                return HttpResponse::error(404, 10008, "Unknown Message");
            };
            match method {
                "PATCH" => {
                    let edited = merge(&original, body);
                    state.originals.insert(token.to_string(), edited.clone());
                    HttpResponse::json(200, &edited)
                }
                "DELETE" => {
                    state.originals.remove(token);
                    HttpResponse::no_content()
                }
                _ => HttpResponse::json(200, &original),
            }
        }
        _ => stored_message(state, method, message_id, body),
    }
}

/// GET, PATCH or DELETE a message the bot created (channel message or follow-up).
pub(crate) fn stored_message(
    state: &mut State,
    method: &str,
    id: &str,
    body: &Value,
) -> HttpResponse {
    let Some(existing) = state.messages.get(id).cloned() else {
        return HttpResponse::error(404, 10008, "Unknown Message");
    };
    match method {
        "PATCH" => {
            let edited = merge(&existing, body);
            state.messages.insert(id.to_string(), edited.clone());
            HttpResponse::json(200, &edited)
        }
        "DELETE" => {
            state.messages.remove(id);
            HttpResponse::no_content()
        }
        _ => HttpResponse::json(200, &existing),
    }
}

/// The message after an edit: the fields the edit sends replace the old ones; LOADING clears.
fn merge(existing: &Value, patch: &Value) -> Value {
    let id = existing["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let channel_id = existing["channel_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut body = existing.clone();
    for (key, value) in patch.as_object().into_iter().flatten() {
        body[key] = value.clone();
    }
    body["flags"] = json!(body["flags"].as_u64().unwrap_or(0) & !LOADING);
    let mut message = fixtures::message(id, channel_id, existing["author"].clone(), &body);
    for key in ["application_id", "webhook_id"] {
        if let Some(value) = existing.get(key) {
            message[key] = value.clone();
        }
    }
    message["edited_timestamp"] = json!(fixtures::TIMESTAMP);
    message
}

/// Limits Discord enforces that its OpenAPI description cannot express: all embeds of one
/// message together hold at most 6000 characters (titles, descriptions, field names and values,
/// footers, author names).
pub(crate) fn beyond_limits(message: &Value) -> Option<String> {
    let chars = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
    let total: usize = message["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|embed| {
            let fields = embed["fields"].as_array().into_iter().flatten();
            chars(&embed["title"])
                + chars(&embed["description"])
                + chars(&embed["footer"]["text"])
                + chars(&embed["author"]["name"])
                + fields
                    .map(|f| chars(&f["name"]) + chars(&f["value"]))
                    .sum::<usize>()
        })
        .sum();
    (total > 6000)
        .then(|| format!("embeds: {total} characters in one message; Discord allows 6000"))
}
