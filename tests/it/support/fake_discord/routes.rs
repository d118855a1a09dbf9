//! The REST side: turns each HTTP request into a `Recorded`, checks its body against the
//! OpenAPI description, applies Discord's rules (token, acknowledge once within the deadline,
//! webhooks only for acknowledged interactions) and answers as Discord would.

use super::fixtures::{self, APP_ID};
use super::http::{parse_multipart, HttpRequest, HttpResponse};
use super::state::{Failure, Recorded, Shared, State};
use serde_json::{json, Value};
use std::time::Instant;

/// The routes the fake serves, spelled as in Discord's OpenAPI description.
const ROUTES: &[&str] = &[
    "/gateway",
    "/gateway/bot",
    "/users/@me",
    "/users/@me/channels",
    "/oauth2/applications/@me",
    "/applications/@me",
    "/interactions/{interaction_id}/{interaction_token}/callback",
    "/webhooks/{webhook_id}/{webhook_token}",
    "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
    "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
    "/channels/{channel_id}/messages",
    "/channels/{channel_id}/messages/{message_id}",
    "/applications/{application_id}/commands",
    "/applications/{application_id}/guilds/{guild_id}/commands",
];

const HEADERS_OF_INTEREST: &[&str] = &[
    "authorization",
    "content-type",
    "user-agent",
    "x-audit-log-reason",
];

pub(crate) fn handle(shared: &Shared, request: HttpRequest) -> HttpResponse {
    let (path, query) = match request.target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (request.target.clone(), String::new()),
    };
    let headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(k, _)| HEADERS_OF_INTEREST.contains(&k.as_str()))
        .cloned()
        .collect();
    let (json, files, body_error) = decode_body(&request);
    let method = request.method.to_ascii_uppercase();
    let segments: Vec<String> = path
        .strip_prefix("/api/v10")
        .map(|p| {
            p.split('/')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let route = route_of(&path, &segments).filter(|r| handled(&method, r));
    let schema_errors = match (&json, route) {
        (Some(body), Some(_)) => super::openapi::spec().validate_request(&method, &path, body),
        _ => Vec::new(),
    };
    let authorization = request.header("authorization").unwrap_or("").to_string();
    shared.update(|state| {
        let call = Call {
            method: &method,
            route,
            segments: &segments,
            query: &query,
            json: json.as_ref(),
        };
        let response = respond(shared, state, &call, &authorization);
        if let Some(problem) = &body_error {
            state
                .protocol_errors
                .push(format!("{method} {path}: {problem}"));
        }
        state.schema_errors.extend(schema_errors);
        let seq = state.requests.len();
        state.requests.push(Recorded {
            seq,
            method: method.clone(),
            path: path.clone(),
            query: query.clone(),
            route,
            headers,
            json,
            files,
            status: response.status,
            at: Instant::now(),
        });
        response
    })
}

type Body = (Option<Value>, Vec<(String, Vec<u8>)>, Option<String>);

/// The JSON body (or multipart `payload_json`) and uploaded files, plus what was wrong with them.
fn decode_body(request: &HttpRequest) -> Body {
    if request.body.is_empty() {
        return (None, Vec::new(), None);
    }
    let content_type = request.header("content-type").unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        let Some(parts) = parse_multipart(content_type, &request.body) else {
            return (None, Vec::new(), Some("malformed multipart body".into()));
        };
        let mut files: Vec<(usize, String, Vec<u8>)> = Vec::new();
        let mut json = None;
        for part in parts {
            if part.name == "payload_json" {
                json = serde_json::from_slice(&part.data).ok();
            } else if let Some(n) = part
                .name
                .strip_prefix("files[")
                .and_then(|r| r.strip_suffix(']'))
            {
                let filename = part.filename.unwrap_or_default();
                files.push((n.parse().unwrap_or(usize::MAX), filename, part.data));
            }
        }
        files.sort_by_key(|f| f.0);
        let problem = json
            .is_none()
            .then(|| "multipart body without a JSON payload_json".to_string());
        return (
            json,
            files.into_iter().map(|(_, n, d)| (n, d)).collect(),
            problem,
        );
    }
    match serde_json::from_slice(&request.body) {
        Ok(value) => (Some(value), Vec::new(), None),
        Err(e) => (None, Vec::new(), Some(format!("body is not JSON ({e})"))),
    }
}

fn route_of(path: &str, segments: &[String]) -> Option<&'static str> {
    if !path.starts_with("/api/v10/") {
        return None;
    }
    ROUTES
        .iter()
        .filter(|t| {
            let parts: Vec<&str> = t.split('/').filter(|s| !s.is_empty()).collect();
            parts.len() == segments.len()
                && parts
                    .iter()
                    .zip(segments)
                    .all(|(p, s)| p.starts_with('{') || p == s)
        })
        .max_by_key(|t| {
            t.split('/')
                .filter(|s| !s.is_empty() && !s.starts_with('{'))
                .count()
        })
        .copied()
}

fn handled(method: &str, route: &str) -> bool {
    let methods: &[&str] = match route {
        "/interactions/{interaction_id}/{interaction_token}/callback"
        | "/webhooks/{webhook_id}/{webhook_token}" => &["POST"],
        "/channels/{channel_id}/messages" | "/users/@me/channels" => &["POST"],
        "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
        | "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"
        | "/channels/{channel_id}/messages/{message_id}" => &["GET", "PATCH", "DELETE"],
        "/applications/{application_id}/commands"
        | "/applications/{application_id}/guilds/{guild_id}/commands" => &["GET", "PUT"],
        _ => &["GET"],
    };
    methods.contains(&method)
}

struct Call<'a> {
    method: &'a str,
    route: Option<&'static str>,
    segments: &'a [String],
    query: &'a str,
    json: Option<&'a Value>,
}

impl Call<'_> {
    fn seg(&self, i: usize) -> &str {
        self.segments.get(i).map_or("", String::as_str)
    }
}

fn respond(shared: &Shared, state: &mut State, call: &Call, authorization: &str) -> HttpResponse {
    let Some(route) = call.route else {
        return HttpResponse::error(404, 0, "404: Not Found");
    };
    if let Some(expected) = &state.expected_token {
        if route != "/gateway" && authorization != format!("Bot {expected}") {
            return HttpResponse::error(401, 0, "401: Unauthorized");
        }
    }
    if let Some(failure) = state.take_failure(call.method, route) {
        return failure_response(&failure);
    }
    let body = call.json.cloned().unwrap_or(Value::Null);
    let message = match route {
        "/interactions/{interaction_id}/{interaction_token}/callback" => body.get("data"),
        r if r.contains("/messages") || r.starts_with("/webhooks/") => Some(&body),
        _ => None,
    };
    if let Some(problem) = message.and_then(super::webhooks::beyond_limits) {
        state
            .protocol_errors
            .push(format!("{} {route}: {problem}", call.method));
        return HttpResponse::error(400, 50035, "Invalid Form Body");
    }
    match (call.method, route) {
        (_, "/gateway") => HttpResponse::json(200, &json!({ "url": shared.gateway_url })),
        (_, "/gateway/bot") => HttpResponse::json(
            200,
            &json!({
                "url": shared.gateway_url,
                "shards": state.recommended_shards,
                "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1 },
            }),
        ),
        (_, "/users/@me") => HttpResponse::json(200, &fixtures::bot_user()),
        (_, "/oauth2/applications/@me" | "/applications/@me") => {
            HttpResponse::json(200, &application())
        }
        ("POST", "/users/@me/channels") => {
            let recipient = body
                .get("recipient_id")
                .and_then(Value::as_str)
                .unwrap_or("0");
            let recipient_id = recipient.parse().unwrap_or(0);
            HttpResponse::json(
                200,
                &json!({
                    "id": state.fresh_id().to_string(), "type": 1, "last_message_id": null,
                    "recipients": [fixtures::user(recipient_id, "user")],
                }),
            )
        }
        (_, "/interactions/{interaction_id}/{interaction_token}/callback") => {
            super::webhooks::callback(
                state,
                call.seg(1),
                call.seg(2),
                &body,
                call.query.contains("with_response=true"),
            )
        }
        (_, r) if r.starts_with("/webhooks/") => super::webhooks::webhook(
            state,
            call.method,
            r,
            call.seg(1),
            call.seg(2),
            call.seg(4),
            &body,
        ),
        ("POST", "/channels/{channel_id}/messages") => {
            super::channel::create_message(state, call.seg(1).parse().unwrap_or(0), &body)
        }
        (method, "/channels/{channel_id}/messages/{message_id}") => {
            super::webhooks::stored_message(state, method, call.seg(3), &body)
        }
        (method, r) if r.starts_with("/applications/{application_id}/") => {
            if call.seg(1) != APP_ID.to_string() {
                let problem = format!(
                    "{method} {r} for application {} (the bot's is {APP_ID})",
                    call.seg(1)
                );
                state.protocol_errors.push(problem);
                return HttpResponse::error(404, 10002, "Unknown Application");
            }
            let guild = (call.segments.len() == 5).then(|| call.seg(3).parse().unwrap_or(0));
            if method == "PUT" {
                overwrite_commands(state, guild, &body)
            } else {
                HttpResponse::json(
                    200,
                    &json!(state.commands.get(&guild).cloned().unwrap_or_default()),
                )
            }
        }
        _ => HttpResponse::error(404, 0, "404: Not Found"),
    }
}

fn failure_response(failure: &Failure) -> HttpResponse {
    match failure {
        Failure::RateLimited { retry_after, global } => HttpResponse::json(429, &json!({
            "message": "You are being rate limited.", "retry_after": retry_after, "global": global, "code": 0,
        }))
        .with_header("Retry-After", &retry_after.ceil().to_string())
        .with_header("X-RateLimit-Scope", if *global { "global" } else { "user" }),
        Failure::ServerError => HttpResponse::error(500, 0, "500: Internal Server Error"),
        Failure::Status(status) => HttpResponse::error(*status, 0, &format!("{status}: injected failure")),
    }
}

/// The application object (`GET /oauth2/applications/@me`).
pub(crate) fn application() -> Value {
    json!({
        "id": APP_ID.to_string(), "name": fixtures::BOT_NAME, "icon": null,
        "description": "Partner sales bot (fake)", "bot_public": false,
        "bot_require_code_grant": false, "verify_key": "0".repeat(64), "team": null,
        "owner": fixtures::user(fixtures::USER_ID, fixtures::USER_NAME), "flags": 0,
        "bot": fixtures::bot_user(), "summary": "", "rpc_origins": [],
    })
}

/// Bulk overwrite: every command gets an id (kept across overwrites by name), the application id
/// and a version, and replaces what was registered in that scope.
pub(crate) fn overwrite_commands(
    state: &mut State,
    guild: Option<u64>,
    body: &Value,
) -> HttpResponse {
    let Some(commands) = body.as_array() else {
        return HttpResponse::error(400, 50035, "Invalid Form Body");
    };
    let previous = state.commands.get(&guild).cloned().unwrap_or_default();
    let mut stored = Vec::new();
    for command in commands {
        let mut command = command.clone();
        let existing = previous
            .iter()
            .find(|p| p["name"] == command["name"])
            .and_then(|p| p["id"].as_str());
        let id = existing.map_or_else(|| state.fresh_id().to_string(), String::from);
        command["id"] = json!(id);
        command["application_id"] = json!(APP_ID.to_string());
        command["version"] = json!(state.fresh_id().to_string());
        command["guild_id"] = guild.map_or(Value::Null, |g| json!(g.to_string()));
        for (key, default) in [
            ("type", json!(1)),
            ("description", json!("")),
            ("default_member_permissions", Value::Null),
        ] {
            if command.get(key).map_or(true, Value::is_null) {
                command[key] = default;
            }
        }
        stored.push(command);
    }
    state.commands.insert(guild, stored.clone());
    HttpResponse::json(200, &json!(stored))
}
