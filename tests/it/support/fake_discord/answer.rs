//! An interaction's answer as the person would see it: the callback, the edit that replaced a
//! deferred "thinking..." message, and a plain-text reading of the final message (content,
//! embeds, buttons, files) for assertions and snapshots.

use super::state::Recorded;
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Answer {
    pub callback: Recorded,
    /// The `PATCH .../messages/@original` that completed a deferred answer.
    pub edit: Option<Recorded>,
}

impl Answer {
    /// The callback type: 4 message, 5 deferred, 6 deferred update, 7 update, 8 autocomplete
    /// choices, 9 modal.
    pub fn kind(&self) -> u64 {
        self.callback.callback_type().unwrap_or(0)
    }

    pub fn deferred(&self) -> bool {
        matches!(self.kind(), 5 | 6)
    }

    /// Only the person who asked sees it (the EPHEMERAL flag on the first answer).
    pub fn ephemeral(&self) -> bool {
        let flags = self
            .callback
            .message()
            .and_then(|d| d.get("flags"))
            .and_then(Value::as_u64);
        flags.unwrap_or(0) & 64 != 0
    }

    /// The message body finally shown: the edit's, else the callback's `data`.
    pub fn message(&self) -> Value {
        let from = self.edit.as_ref().unwrap_or(&self.callback);
        from.message().cloned().unwrap_or(Value::Null)
    }

    /// The message read as text (see `message_text`).
    pub fn text(&self) -> String {
        message_text(&self.message())
    }

    pub fn embeds(&self) -> Vec<Value> {
        self.message()["embeds"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Every button as (label, custom_id).
    pub fn buttons(&self) -> Vec<(String, String)> {
        buttons(&self.message())
    }

    /// Files uploaded with the answer: (filename, bytes).
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let from = self.edit.as_ref().unwrap_or(&self.callback);
        from.files.clone()
    }

    /// Autocomplete choices (type 8) as (name, value).
    pub fn choices(&self) -> Vec<(String, Value)> {
        let data = self.callback.message().cloned().unwrap_or(Value::Null);
        let choices = data["choices"].as_array().cloned().unwrap_or_default();
        choices
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap_or("").to_string(),
                    c["value"].clone(),
                )
            })
            .collect()
    }

    /// The modal opened (type 9): its `data` (custom_id, title, components).
    pub fn modal(&self) -> Option<Value> {
        (self.kind() == 9)
            .then(|| self.callback.message().cloned())
            .flatten()
    }
}

fn buttons(message: &Value) -> Vec<(String, String)> {
    let rows = message["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["type"] == 2)
        .map(|c| {
            let label = c["label"].as_str().unwrap_or("").to_string();
            (label, c["custom_id"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

/// A message as plain text: content, then per embed `== title ==`, description, `name: value`
/// fields and `-- footer`, then `[label] custom_id` buttons and `(file) name` attachments.
pub fn message_text(message: &Value) -> String {
    let mut out: Vec<String> = Vec::new();
    if let Some(content) = message["content"].as_str().filter(|c| !c.is_empty()) {
        out.push(content.to_string());
    }
    for embed in message["embeds"].as_array().into_iter().flatten() {
        if let Some(title) = embed["title"].as_str() {
            out.push(format!("== {title} =="));
        }
        if let Some(description) = embed["description"].as_str() {
            out.push(description.to_string());
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            let (name, value) = (
                field["name"].as_str().unwrap_or(""),
                field["value"].as_str().unwrap_or(""),
            );
            if value.contains('\n') {
                out.push(format!("{name}:\n{value}"));
            } else {
                out.push(format!("{name}: {value}"));
            }
        }
        if let Some(footer) = embed["footer"]["text"].as_str() {
            out.push(format!("-- {footer}"));
        }
    }
    let buttons: Vec<String> = buttons(message)
        .iter()
        .map(|(label, id)| format!("[{label}] {id}"))
        .collect();
    if !buttons.is_empty() {
        out.push(buttons.join("  "));
    }
    for attachment in message["attachments"].as_array().into_iter().flatten() {
        out.push(format!(
            "(file) {}",
            attachment["filename"].as_str().unwrap_or("?")
        ));
    }
    out.join("\n")
}
