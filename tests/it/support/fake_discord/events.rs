//! Sending gateway events to the bot: interactions (remembered for Discord's acknowledge
//! rules) and any other dispatch, each checked with serenity's own types first and routed to
//! the shard that owns its guild.

use super::state::SentInteraction;
use super::{gateway, shard_for, FakeDiscord, WAIT};
use serde_json::Value;
use std::time::Instant;

impl FakeDiscord {
    /// Sends an INTERACTION_CREATE (from `Interaction::..build()`) to the shard owning its
    /// guild, and remembers it so its callback can be checked. A command interaction gets the
    /// id the bot registered for that command name, when it registered one.
    pub async fn send_interaction(&self, mut interaction: Value) {
        let name = interaction["data"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let guild = interaction["guild_id"]
            .as_str()
            .and_then(|g| g.parse::<u64>().ok());
        let registered = self.shared.read(|s| {
            let scopes = [guild, None];
            scopes.iter().find_map(|scope| {
                let commands = s.commands.get(scope)?;
                let command = commands.iter().find(|c| c["name"] == name.as_str())?;
                Some((command["id"].clone(), scope.is_some()))
            })
        });
        if let (Some((id, in_guild)), true) = (
            registered,
            matches!(interaction["type"].as_u64(), Some(2 | 4)),
        ) {
            interaction["data"]["id"] = id;
            if in_guild {
                interaction["data"]["guild_id"] = interaction["guild_id"].clone();
            }
        }
        let sent = SentInteraction {
            token: interaction["token"]
                .as_str()
                .expect("interaction token")
                .to_string(),
            sent_at: Instant::now(),
            acknowledged: false,
            channel_id: interaction["channel_id"]
                .as_str()
                .and_then(|c| c.parse().ok())
                .unwrap_or(0),
            message: interaction.get("message").cloned(),
        };
        let id = interaction["id"]
            .as_str()
            .expect("interaction id")
            .to_string();
        self.shared.update(|s| s.interactions.insert(id, sent));
        self.dispatch("INTERACTION_CREATE", interaction).await;
    }

    /// Sends any dispatch event to the shard owning `d.guild_id` (shard 0 without one), waiting
    /// up to `WAIT` for that shard to be ready. Panics if serenity could not read the event
    /// (it would drop it silently).
    pub async fn dispatch(&self, event: &str, d: Value) {
        let frame = serde_json::json!({ "op": 0, "s": 1, "t": event, "d": d });
        let reason = match serde_json::from_value::<serenity::model::event::GatewayEvent>(frame) {
            Ok(serenity::model::event::GatewayEvent::Dispatch(_, e)) if e.name().is_some() => None,
            // serenity falls back to `Event::Unknown` for a payload it cannot read: ask the
            // event's own type why.
            Ok(_) => Some(why_unreadable(event, &d)),
            Err(e) => Some(e.to_string()),
        };
        if let Some(reason) = reason {
            panic!(
                "serenity cannot read this {event} ({reason}); it would drop it silently:\n{d:#}"
            );
        }
        let guild = d
            .get("guild_id")
            .or_else(|| (event == "GUILD_CREATE").then(|| &d["id"]));
        let guild = guild.and_then(Value::as_str).and_then(|g| g.parse().ok());
        let sent = self
            .shared
            .wait(WAIT, |s| {
                let total = s.sessions.values().next()?.shard.1;
                let shard = shard_for(guild, total);
                s.sessions
                    .values()
                    .any(|x| x.shard.0 == shard)
                    .then_some(shard)
            })
            .await;
        let Some(shard) = sent else {
            panic!("no ready gateway session to send {event} to (did the bot connect?)")
        };
        self.shared.update(move |s| {
            let session = s
                .sessions
                .values_mut()
                .find(|x| x.shard.0 == shard)
                .expect("session");
            gateway::dispatch_on(session, event, d);
        });
    }

    /// Closes every gateway connection (serenity will reconnect).
    pub fn drop_connections(&self) {
        self.shared.update(|s| {
            for session in s.sessions.values() {
                let _ = session
                    .tx
                    .send(tokio_tungstenite::tungstenite::Message::Close(None));
            }
        });
    }
}

/// Why serenity reads a dispatch as `Event::Unknown`.
fn why_unreadable(event: &str, d: &Value) -> String {
    use serenity::model::prelude::{Guild, Interaction, Message};
    fn error<T: serde::de::DeserializeOwned>(d: &Value) -> String {
        serde_json::from_value::<T>(d.clone())
            .err()
            .map_or_else(|| "unknown".into(), |e| e.to_string())
    }
    match event {
        "INTERACTION_CREATE" => error::<Interaction>(d),
        "MESSAGE_CREATE" => error::<Message>(d),
        "GUILD_CREATE" => error::<Guild>(d),
        _ => "not an event name serenity knows, or a payload it cannot read".into(),
    }
}
