//! The gateway: a plain `ws://` server speaking Discord's JSON protocol. Per connection: HELLO,
//! then IDENTIFY is recorded and answered with READY (and a GUILD_CREATE for each configured
//! guild on that shard); heartbeats get their ACK; RESUME gets RESUMED. Dispatches carry
//! increasing sequence numbers per connection.

use super::fixtures::{self, APP_ID};
use super::state::{Identify, Session, Shared};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

pub const HEARTBEAT_INTERVAL: u64 = 41_250;

pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    static CONNECTIONS: AtomicUsize = AtomicUsize::new(0);
    while let Ok((stream, _)) = listener.accept().await {
        let shared = shared.clone();
        let number = CONNECTIONS.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            if let Err(err) = connection(stream, shared.clone(), number).await {
                if !is_hang_up(&err) {
                    eprintln!("fake discord: gateway connection {number} failed: {err}");
                }
            }
            shared.update(|state| state.sessions.remove(&number));
        });
    }
}

/// A client going away without a closing handshake (serenity does on shutdown or reconnect).
fn is_hang_up(err: &anyhow::Error) -> bool {
    use tokio_tungstenite::tungstenite::error::{Error, ProtocolError};
    matches!(
        err.downcast_ref::<Error>(),
        Some(Error::ConnectionClosed | Error::AlreadyClosed | Error::Io(_))
            | Some(Error::Protocol(ProtocolError::ResetWithoutClosingHandshake))
    )
}

/// The shard that receives a guild's events: `(guild_id >> 22) % shard_count`; DMs go to 0.
pub fn shard_for(guild_id: Option<u64>, shard_count: u32) -> u32 {
    guild_id.map_or(0, |g| ((g >> 22) % u64::from(shard_count.max(1))) as u32)
}

async fn connection(stream: TcpStream, shared: Arc<Shared>, number: usize) -> anyhow::Result<()> {
    let ws = tokio_tungstenite::accept_async(stream).await?;
    let (mut sink, mut source) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    let writer = tokio::spawn(async move {
        while let Some(message) = rx.recv().await {
            let close = matches!(message, Message::Close(_));
            if sink.send(message).await.is_err() || close {
                break;
            }
        }
        // Completes the closing handshake (answers the client's close frame).
        let _ = sink.close().await;
    });
    send(
        &tx,
        &json!({ "op": 10, "d": { "heartbeat_interval": HEARTBEAT_INTERVAL } }),
    );
    while let Some(message) = source.next().await {
        let payload: Value = match message? {
            Message::Text(text) => serde_json::from_str(&text)?,
            Message::Close(_) => break,
            _ => continue,
        };
        match payload["op"].as_u64() {
            Some(1) => send(&tx, &json!({ "op": 11 })),
            Some(2) => identify(&shared, number, &tx, &payload["d"]),
            Some(6) => resume(&shared, number, &tx, &payload["d"]),
            _ => {} // presence updates, member requests: ignored
        }
    }
    drop(tx);
    shared.update(|state| state.sessions.remove(&number));
    let _ = writer.await;
    Ok(())
}

fn send(tx: &mpsc::UnboundedSender<Message>, value: &Value) {
    let _ = tx.send(Message::Text(value.to_string()));
}

fn identify(shared: &Shared, number: usize, tx: &mpsc::UnboundedSender<Message>, d: &Value) {
    let shard = d["shard"]
        .as_array()
        .and_then(|s| Some((s.first()?.as_u64()? as u32, s.get(1)?.as_u64()? as u32)));
    let identify = Identify {
        shard,
        intents: d["intents"].as_u64().unwrap_or(0),
        token: d["token"].as_str().unwrap_or("").to_string(),
        payload: d.clone(),
    };
    let (shard_id, shard_count) = shard.unwrap_or((0, 1));
    shared.update(|state| {
        let accepted = state.expected_token.as_ref().map_or(true, |t| {
            identify.token == format!("Bot {t}") || identify.token == *t
        });
        state.identifies.push(identify);
        if !accepted {
            let frame = CloseFrame {
                code: CloseCode::from(4004),
                reason: "Authentication failed.".into(),
            };
            let _ = tx.send(Message::Close(Some(frame)));
            return;
        }
        let guilds: Vec<Value> = state
            .guilds
            .iter()
            .filter(|g| shard_for(id_of(g), shard_count) == shard_id)
            .cloned()
            .collect();
        let stubs: Vec<Value> = guilds
            .iter()
            .map(|g| json!({ "id": g["id"], "unavailable": true }))
            .collect();
        let ready = ready_payload(number, &shared.gateway_url, (shard_id, shard_count), stubs);
        let mut session = Session {
            shard: (shard_id, shard_count),
            seq: 0,
            tx: tx.clone(),
        };
        dispatch_on(&mut session, "READY", ready);
        for guild in guilds {
            dispatch_on(&mut session, "GUILD_CREATE", guild);
        }
        state.sessions.insert(number, session);
    });
}

fn resume(shared: &Shared, number: usize, tx: &mpsc::UnboundedSender<Message>, d: &Value) {
    let seq = d["seq"].as_u64().unwrap_or(0);
    shared.update(|state| {
        let shard = state
            .identifies
            .last()
            .and_then(|i| i.shard)
            .unwrap_or((0, 1));
        let mut session = Session {
            shard,
            seq,
            tx: tx.clone(),
        };
        dispatch_on(&mut session, "RESUMED", json!({}));
        state.sessions.insert(number, session);
    });
}

/// The READY event's `d`, as serenity's `Ready` reads it.
pub(crate) fn ready_payload(
    number: usize,
    gateway_url: &str,
    shard: (u32, u32),
    guild_stubs: Vec<Value>,
) -> Value {
    json!({
        "v": 10,
        "user": fixtures::bot_user(),
        "guilds": guild_stubs,
        "session_id": format!("fake-session-{number}"),
        "resume_gateway_url": gateway_url,
        "shard": [shard.0, shard.1],
        "application": { "id": APP_ID.to_string(), "flags": 0 },
        "private_channels": [],
    })
}

/// Sends one dispatch on a session, with its next sequence number.
pub(crate) fn dispatch_on(session: &mut Session, event: &str, d: Value) {
    session.seq += 1;
    send(
        &session.tx,
        &json!({ "op": 0, "s": session.seq, "t": event, "d": d }),
    );
}

pub(crate) fn id_of(value: &Value) -> Option<u64> {
    value.get("id")?.as_str()?.parse().ok()
}
